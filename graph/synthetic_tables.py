"""Reference tables of :mod:`graph.synthetic` (province sizes, real municipality
names) and its garbage-collector pause (generation only, never the analysis)."""

from __future__ import annotations

import contextlib
import gc

__all__ = ["PROVINCE_POPULATION", "PROVINCE_MUNICIPALITIES"]


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while generating (a bench/test-data tool,
    not used by the analysis): millions of small containers, all alive."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: Inhabitants (millions), used as the weight of a province.
PROVINCE_POPULATION: dict[str, float] = {
    "Groningen": 0.59, "Friesland": 0.65, "Drenthe": 0.50, "Overijssel": 1.18,
    "Flevoland": 0.44, "Gelderland": 2.13, "Utrecht": 1.39, "Noord-Holland": 2.95,
    "Zuid-Holland": 3.80, "Zeeland": 0.39, "Noord-Brabant": 2.63, "Limburg": 1.12,
}
#: Number of municipalities (2024), used to divide provinces.
PROVINCE_MUNICIPALITIES: dict[str, int] = {
    "Groningen": 10, "Friesland": 18, "Drenthe": 12, "Overijssel": 25, "Flevoland": 6,
    "Gelderland": 51, "Utrecht": 26, "Noord-Holland": 44, "Zuid-Holland": 50,
    "Zeeland": 13, "Noord-Brabant": 56, "Limburg": 31,
}
_REAL_MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "Groningen": ("Groningen", "Midden-Groningen", "Het Hogeland", "Westerkwartier", "Oldambt"),
    "Friesland": ("Leeuwarden", "Súdwest-Fryslân", "Smallingerland", "Heerenveen",
                  "De Fryske Marren"),
    "Drenthe": ("Emmen", "Assen", "Hoogeveen", "Meppel", "Coevorden"),
    "Overijssel": ("Enschede", "Zwolle", "Deventer", "Almelo", "Hengelo"),
    "Flevoland": ("Almere", "Lelystad", "Noordoostpolder", "Dronten", "Zeewolde", "Urk"),
    "Gelderland": ("Nijmegen", "Apeldoorn", "Arnhem", "Ede", "Doetinchem"),
    "Utrecht": ("Utrecht", "Amersfoort", "Veenendaal", "Nieuwegein", "Zeist"),
    "Noord-Holland": ("Amsterdam", "Haarlem", "Zaanstad", "Haarlemmermeer", "Alkmaar"),
    "Zuid-Holland": ("Rotterdam", "Den Haag", "Leiden", "Dordrecht", "Zoetermeer"),
    "Zeeland": ("Middelburg", "Vlissingen", "Goes", "Terneuzen", "Schouwen-Duiveland"),
    "Noord-Brabant": ("Eindhoven", "Tilburg", "Breda", "'s-Hertogenbosch", "Helmond"),
    "Limburg": ("Maastricht", "Venlo", "Sittard-Geleen", "Heerlen", "Roermond"),
}
#: Share of each organisation kind (governments also get one per municipality).
