"""Build the bundled demo (``data/demo/``) from the gold facts in ``../shared``.

    python scripts/build_demo.py [--shared ../shared] [--out data/demo]

Reads, at build time only:

* ``data/demo/seeds/`` — the hand-made facts of the five seed pages (kept as they are);
* ``../shared/corpus/gold.jsonl`` — the gold entities and relations of the 60 corpus pages;
* ``../shared/corpus/docs/NNN.txt`` — only their ``source:`` header (the URL), their title
  and publication date as found by the project's own reader (:mod:`loaders.readers`,
  :mod:`loaders.extract.dates`), or the date in the URL;
* ``data/gazetteer/`` — seats and provinces, and the reference organisations
  (municipalities, provinces, schools, regional employer organisations, insurers, care
  providers) that are written as *known* organisations under the source ``referentielijst``.

and writes ``entiteiten.csv``, ``relaties.csv`` and ``bronnen.csv`` in the graph-tables
layout (``docs/spreadsheets.md``). Only facts go in: names, kinds, places, dates, roles,
relations, page titles and URLs; every ``toelichting`` is a generated note, never page text.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.geo import canonical_province, place_info  # noqa: E402
from graph.model import ORG_KINDS, normalise_name  # noqa: E402
from loaders.extract.lexicon import load_lexicon  # noqa: E402
from loaders.extract.dates import find_dates, is_date_line, parse_date  # noqa: E402
from loaders.enrich import is_umbrella as enrich_umbrella  # noqa: E402
from loaders.resolve import canonical_map  # noqa: E402

ENTITY_COLUMNS = ("naam", "type", "aliassen", "plaats", "provincie", "datum", "niveau",
                  "subsoort", "schaal", "rol", "koepel", "bron")
RELATION_COLUMNS = ("van", "type_van", "relatie", "naar", "type_naar", "rol", "bron",
                    "zekerheid", "toelichting")
SOURCE_COLUMNS = ("bron", "titel", "datum", "url", "soort")
REFERENCE = "referentielijst"

#: Gazetteer files whose organisations are loaded as known (reference) organisations.
KNOWN_FILES = ("municipalities_gov.csv", "provinces.csv", "schools.csv", "employer_orgs.csv",
               "insurers.csv", "care_providers.csv")
#: Umbrella bodies: the gazetteer subkinds of loaders.enrich.is_umbrella, plus the
#: collective name of the regional pacts and the national group of koplopers.
UMBRELLA_INI_EXTRA = {"Regionale Zorgpacten", "Kopgroep Zorgpact"}
#: Gold names the gazetteer knows under a longer name only (the short one is a common word).
SAME = {"De Hoop": "De Hoop ggz"}   # ggz in Dordrecht (page 044 is about Dordrecht)
#: Longer surface forms of the gold annotation are left out of ``aliassen``.
MAX_ALIAS_WORDS = 8
#: Provinces that share their name with a municipality: the province row gets a prefix.
TWIN = {"Utrecht", "Groningen"}


def group_of(t: str) -> str:
    return "org" if t in ORG_KINDS else t


# --------------------------------------------------------------------------- inputs


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [dict(r) for r in csv.DictReader(f)]


def gazetteer_rows(gaz: Path) -> dict[tuple[str, str], dict]:
    out = {}
    for p in sorted(gaz.glob("*.csv")):
        for r in read_csv(p):
            out[(r["name"], r["type"])] = {**r, "_file": p.name}
    return out


_URL_DATE = (re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/"),
             re.compile(r"/((?:19|20)\d\d)[/-](\d\d)(?:/|$)"),
             re.compile(r"dmf((?:19|20)\d\d)(\d\d)(\d\d)"))
_MARKER_DATE = re.compile(r"^date ((?:19|20)\d\d)(?:-(\d\d))?(?:-(\d\d))?\b")


def url_date(url: str) -> str | None:
    """The date in a URL: /2016/01/20/ -> 2016-01-20; /2022-11/ or /2016/12/ -> 2016."""
    for rx in _URL_DATE:
        m = rx.search(url)
        if m:
            g = [x for x in m.groups() if x]
            return "-".join(g) if len(g) == 3 else g[0]
    m = _MONTH_IN_URL.search(url)
    return m.group(2) if m else None


def _tokens(s: str) -> set[str]:
    return {w for w in re.findall(r"[0-9a-z]+", normalise_name(s)) if len(w) > 1}


def page_title(lines: list[str], url: str) -> str:
    """The page title: a heading line that the URL slug confirms, a heading the page
    repeats, else the words of the URL slug. Never a sentence of the text."""
    slug = _tokens(" ".join(p for p in url.split("?")[0].split("/")[3:]))
    heads = [ln for ln in lines[:8]
             if not is_date_line(ln) and 2 <= len(ln.split()) <= 16 and "@" not in ln
             and not ln.rstrip().endswith((".", ",", ":")) and not ln.startswith("date ")]
    best, score = None, 0.0
    for ln in heads:
        t = _tokens(ln)
        hit = len(t & slug)
        sc = hit / max(len(t), 1)
        if hit >= 2 and sc >= 0.6 and sc > score:
            best, score = ln, sc
    if best:
        return best
    for ln in heads:
        if lines[:10].count(ln) >= 2:
            return ln
    return slug_title(url)


def page_facts(path: Path) -> dict:
    """URL, title and date of a corpus page (its text is read here, never written)."""
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    url = head.splitlines()[0].removeprefix("source:").strip()
    body = body.lstrip()
    marker = None
    m = _MARKER_DATE.match(body)
    if m:  # an excerpt line 'date 2017-05 …': the publication month
        marker = m.group(1)
        body = body[m.end():]
    lines = [ln.strip().lstrip("•‹›*·|- ").strip() for ln in body.splitlines()]
    lines = [ln for ln in lines if ln]
    date = None
    for ln in lines[:20]:  # a publication-date line near the top
        if is_date_line(ln) or re.match(r"^(geplaatst op|door )", ln, re.I):
            date = parse_date(ln[:60])
            if date:
                break
    date = date or url_date(url) or marker
    if not date:  # an explicit date with a year in the page, else the latest year named
        found = [d for _, _, d in find_dates(body) if "2014" <= d[:4] <= "2025"]
        years = [y for y in re.findall(r"\b(20[12]\d)\b", body) if "2014" <= y <= "2025"]
        date = found[0] if found else (max(years) if years else None)
    return {"url": url, "title": page_title(lines, url), "date": (date or "")[:10]}


_MONTH_IN_URL = re.compile(r"(januari|februari|maart|april|mei|juni|juli|augustus|september|"
                           r"oktober|november|december)-((?:19|20)\d\d)")


def slug_title(url: str) -> str:
    parts = [p for p in url.split("?")[0].rstrip("/").split("/")[3:] if p]
    last = next((p for p in reversed(parts) if len(re.findall(r"[a-z]{3,}", p)) >= 3),
                parts[-1] if parts else url)
    last = re.sub(r"^id\d+-|~\w+$|\.\w+$", "", last)
    words = re.sub(r"[-_+]+", " ", last).strip()
    return words[:1].upper() + words[1:]


# --------------------------------------------------------------------------- the build


class Builder:
    def __init__(self, shared: Path, seeds_dir: Path, gaz: Path):
        self.shared = shared
        self.lex = load_lexicon()
        self.gaz = gazetteer_rows(gaz)
        self.seed_ents = read_csv(seeds_dir / "entiteiten.csv")
        self.seed_rels = read_csv(seeds_dir / "relaties.csv")
        self.seed_srcs = read_csv(seeds_dir / "bronnen.csv")
        self.gold = [json.loads(ln) for ln in
                     (shared / "corpus" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                     if ln.strip()]

    # ---- sources ---------------------------------------------------------------
    def sources(self) -> list[dict]:
        out = [{**s, "url": s.get("url", ""), "soort": "nieuwsbericht"} for s in self.seed_srcs]
        docs = self.shared / "corpus" / "docs"
        for g in self.gold:
            f = page_facts(docs / g["doc"])
            out.append({"bron": bron_id(g["doc"]), "titel": f["title"], "datum": f["date"],
                        "url": f["url"], "soort": "webpagina"})
        out.append({"bron": REFERENCE, "titel": "Referentielijst organisaties (gazetteer)",
                    "datum": "", "url": "", "soort": REFERENCE})
        return out

    # ---- entity resolution ------------------------------------------------------
    def region_key(self, name: str, hint_type: str = "region") -> tuple[str, str, str | None]:
        """(row name, level, province) of a region named in the gold."""
        n = name.strip()
        low = normalise_name(n)
        prov = canonical_province(n)
        info = place_info(n)
        if prov and (low.startswith("provincie") or "(provincie)" in low
                     or not (info and info.get("municipality"))):
            return (f"Provincie {prov}" if prov in TWIN else prov), "province", prov
        if info and info.get("municipality"):
            return n, "municipality", info["province"]
        e = self.lex.entry_for(n)
        if e is not None and e.type == "region":
            row = self.gaz.get((e.name, "region"), {})
            return n, row.get("level") or "other", canonical_province(row.get("province"))
        if info:
            return n, "other", info.get("province")
        return n, "other", None

    def resolve(self):
        """Assign every seed and gold entity one canonical (name, type)."""
        lex = self.lex
        # seed entities are canonical as they are; their names and aliases are keys
        canon: dict[tuple[str, str], tuple[str, str]] = {}
        keys: dict[tuple[str, str], tuple[str, str]] = {}
        self.seed_index = {}
        for r in self.seed_ents:
            c = (r["naam"], r["type"])
            self.seed_index[c] = r
            grp = group_of(r["type"])
            for s in [r["naam"], *[a for a in r["aliassen"].split("|") if a != a.lower()]]:
                keys.setdefault((grp, normalise_name(s)), c)
            e = lex.entry_for(r["naam"])
            if e is not None and group_of(e.type) == grp and grp != "region":
                keys.setdefault(("entry", str(e.id)), c)
        # gold pairs: canonical_map joins spelling variants, acronyms and reference names
        pairs = [(e["name"], e["type"]) for g in self.gold for e in g["entities"]
                 if e["type"] != "region"]
        cmap = canonical_map(pairs, lex)
        alias_users: dict[tuple[str, str], set] = defaultdict(set)
        for g in self.gold:
            for e in g["entities"]:
                for a in e.get("aliases", []):
                    alias_users[(group_of(e["type"]), normalise_name(a))].add(
                        cmap.get((e["name"], e["type"]), (e["name"], e["type"])))
        by_rep: dict = {}
        for g in self.gold:
            for e in g["entities"]:
                if e["type"] == "region":
                    continue
                pair = (e["name"], e["type"])
                if pair in canon:
                    continue
                grp = group_of(e["type"])
                rep = cmap.get(pair, pair)
                found = None
                # the reference entry of the name itself comes first (names of two
                # different reference organisations are never merged)
                own = self.entry(SAME.get(e["name"], e["name"]), grp) or (
                    self.entry(rep[0], grp) if rep not in by_rep else None)
                if own is not None:
                    found = keys.get(("entry", str(own.id)))
                    if found is None:
                        found = keys[("entry", str(own.id))] = (own.name, own.type)
                else:
                    found = by_rep.get(rep)
                if found is None:
                    cands = [rep[0], e["name"]] + [
                        a for a in e.get("aliases", []) if a != a.lower() and grp != "event"
                        and len(alias_users[(grp, normalise_name(a))]) == 1]
                    found = next((keys[(grp, normalise_name(x))] for x in cands
                                  if (grp, normalise_name(x)) in keys), None) or rep
                if own is None:
                    by_rep.setdefault(rep, found)
                for x in (found[0], e["name"]):
                    keys.setdefault((grp, normalise_name(x)), found)
                canon[pair] = found
        self.canon = canon

    def entry(self, name: str, grp: str):
        """The gazetteer entry of a name when it is of the same type group."""
        if grp in ("event", "person"):
            return None
        e = self.lex.entry_for(name)
        return e if e is not None and group_of(e.type) == grp else None

    # ---- rows --------------------------------------------------------------------
    def build(self):
        self.resolve()
        self.urls = {bron_id(g["doc"]): page_facts(self.shared / "corpus" / "docs" / g["doc"])[
            "url"] for g in self.gold}
        ents: dict[tuple[str, str], dict] = {}
        order: list[tuple[str, str]] = []

        def ent(name, typ):
            k = (name, typ)
            if k not in ents:
                seed = self.seed_index.get(k)
                ents[k] = ({**seed, "aliassen": [a for a in seed["aliassen"].split("|") if a],
                            "bron": [b for b in seed["bron"].split("|") if b]} if seed else
                           {"naam": name, "type": typ, "aliassen": [], "plaats": "",
                            "provincie": "", "datum": "", "niveau": "", "subsoort": "",
                            "schaal": "", "rol": "", "bron": []})
                ents[k].setdefault("koepel", "")
                order.append(k)
            return ents[k]

        for r in self.seed_ents:
            ent(r["naam"], r["type"])
        rels = [dict(r) for r in self.seed_rels]
        seen_rel = {(r["van"], r["type_van"], r["relatie"], r["naar"], r["type_naar"], r["bron"])
                    for r in rels}
        part_of_done = set()

        for g in self.gold:
            b = bron_id(g["doc"])
            names: dict[str, tuple[str, str]] = {}
            for e in g["entities"]:
                if e["type"] == "region":
                    name, level, prov = self.region_key(e["name"])
                    c = (name, "region")
                    row = ent(*c)
                    row["niveau"] = row["niveau"] or level
                    row["provincie"] = row["provincie"] or (prov or "")
                else:
                    c = self.canon[(e["name"], e["type"])]
                    row = ent(*c)
                names[e["name"]] = c
                for a in [e["name"], *e.get("aliases", [])]:
                    if a and normalise_name(a) != normalise_name(c[0]) and a not in row["aliassen"]:
                        row["aliassen"].append(a)
                if b not in row["bron"]:
                    row["bron"].append(b)
            for r in g["relations"]:
                s, d = names.get(r["src"]), names.get(r["dst"])
                if s is None or d is None or s == d:
                    continue
                key = (s[0], s[1], r["rel"], d[0], d[1], b)
                if key in seen_rel:
                    continue
                seen_rel.add(key)
                rels.append({"van": s[0], "type_van": s[1], "relatie": r["rel"], "naar": d[0],
                             "type_naar": d[1], "rol": r.get("role") or "", "bron": b,
                             "zekerheid": "1.0",
                             "toelichting": f"uit gold-annotatie van {self.urls[b]}"})
                if r["rel"] == "AFFILIATED_WITH" and s[1] == "person" and r.get("role"):
                    ents[s]["rol"] = ents[s]["rol"] or r["role"]
            # every municipality used on the page is PART_OF its province (per page)
            for c in sorted(set(names.values())):
                row = ents[c]
                if c[1] == "region" and row["niveau"] == "municipality" and row["provincie"]:
                    prov = row["provincie"]
                    pname = f"Provincie {prov}" if prov in TWIN else prov
                    if (c[0], b) in part_of_done:
                        continue
                    part_of_done.add((c[0], b))
                    prow = ent(pname, "region")
                    prow["niveau"], prow["provincie"] = "province", prov
                    if b not in prow["bron"]:
                        prow["bron"].append(b)
                    key = (c[0], "region", "PART_OF", pname, "region", b)
                    if key not in seen_rel:
                        seen_rel.add(key)
                        rels.append({"van": c[0], "type_van": "region", "relatie": "PART_OF",
                                     "naar": pname, "type_naar": "region", "rol": "",
                                     "bron": b, "zekerheid": "1.0",
                                     "toelichting": "gemeente in provincie (referentielijst)"})

        # an event's date: the date in its name (the gold names say '(11 september 2023)'),
        # a date without a year read against the date of its page
        dates = {b["bron"]: b["datum"] for b in self.sources()}
        for e in ents.values():
            if e["type"] == "event" and not e["datum"]:
                base = next((dates.get(b) for b in e["bron"] if dates.get(b)), None)
                found = find_dates(e["naam"], base=base if base and len(base) == 10 else None)
                year = re.search(r"\b(20[12]\d)\b", e["naam"])
                if found:
                    e["datum"] = found[0][2]
                elif year:
                    e["datum"] = year.group(1)
        self.place_entities(ents, rels)
        used_entries = self.mark_from_gazetteer(ents)
        self.province_from_foci(ents, rels)
        known = self.known_organisations(ents, used_entries)
        rows = [ents[k] for k in order] + known
        for r in rows:  # aliases are names, not phrases of a page: at most MAX_ALIAS_WORDS
            r["aliassen"] = "|".join(dict.fromkeys(
                a for a in r["aliassen"] if a != r["naam"] and len(a.split()) <= MAX_ALIAS_WORDS))
            r["bron"] = "|".join(r["bron"])
        return rows, rels

    def place_entities(self, ents, rels):
        """Seat and province from the gold LOCATED_IN / ACTIVE_IN relations."""
        for r in rels:
            if r["relatie"] not in ("LOCATED_IN", "ACTIVE_IN") or r["type_naar"] != "region":
                continue
            src = ents.get((r["van"], r["type_van"]))
            reg = ents.get((r["naar"], "region"))
            if src is None or reg is None or src["type"] in ("region", "person"):
                continue
            if reg["niveau"] == "municipality" and not src["plaats"] and not src["provincie"]:
                src["plaats"] = r["naar"]
            if reg["provincie"] and not src["provincie"]:
                src["provincie"] = reg["provincie"]
        for e in ents.values():
            if e["plaats"] and not e["provincie"]:
                info = place_info(e["plaats"])
                e["provincie"] = (info or {}).get("province") or ""

    def province_from_foci(self, ents, rels):
        """An organisation no fact places gets the province of the regional initiatives
        and events it is a member of, when they all lie in one province."""
        member = {"PARTNER_IN", "ORGANISED", "PARTICIPATED_IN", "FUNDED_BY"}
        seen: dict[tuple, set] = defaultdict(set)
        for r in rels:
            if r["relatie"] not in member:
                continue
            for a, b in (((r["van"], r["type_van"]), (r["naar"], r["type_naar"])),
                         ((r["naar"], r["type_naar"]), (r["van"], r["type_van"]))):
                if a[1] in ORG_KINDS and b[1] in ("initiative", "event"):
                    focus = ents.get(b)
                    if focus and focus["provincie"] and focus["koepel"] != "ja":
                        seen[a].add(focus["provincie"])
        for k, provs in seen.items():
            e = ents.get(k)
            if e is not None and not e["provincie"] and len(provs) == 1:
                e["provincie"] = next(iter(provs))

    def mark_from_gazetteer(self, ents) -> set:
        """Seat, province, subkind, scope and the umbrella mark from the gazetteer."""
        used = set()
        for e in ents.values():
            if e["type"] in ("person", "event", "region"):
                continue
            hit = None
            for s in [e["naam"], *e["aliassen"]]:
                x = self.lex.entry_for(s)
                if x is not None and group_of(x.type) == group_of(e["type"]):
                    hit = x
                    break
            if hit is None:
                continue
            used.add((hit.name, hit.type))
            row = self.gaz.get((hit.name, hit.type))
            if not row:
                continue
            if hit.type == e["type"]:
                if not e["plaats"] and not e["provincie"]:
                    e["plaats"], e["provincie"] = row["place"], row["province"]
                e["subsoort"] = e["subsoort"] or row["subkind"]
                e["schaal"] = e["schaal"] or row["scope"]
            if is_umbrella(hit.name, hit.type, row):
                e["koepel"] = "ja"
            m = re.search(r"(?:^|gestart |, )((?:19|20)\d\d)\b", row.get("note") or "")
            if e["type"] == "initiative" and hit.type == "initiative" and m and not e["datum"]:
                e["datum"] = m.group(1)  # the start year the reference list states
        return used

    def known_organisations(self, ents, used) -> list[dict]:
        taken = {(group_of(t), normalise_name(n)) for n, t in ents}
        out = []
        for (name, typ), row in self.gaz.items():
            if row["_file"] not in KNOWN_FILES or typ not in ORG_KINDS:
                continue
            if row["_file"] == "employer_orgs.csv" and row["subkind"] != "regional":
                continue
            if (name, typ) in used or ("org", normalise_name(name)) in taken:
                continue
            out.append({"naam": name, "type": typ,
                        "aliassen": [a for a in row["aliases"].split("|") if a],
                        "plaats": row["place"], "provincie": row["province"], "datum": "",
                        "niveau": "", "subsoort": row["subkind"], "schaal": row["scope"],
                        "rol": "", "koepel": "ja" if is_umbrella(name, typ, row) else "",
                        "bron": [REFERENCE]})
        out.sort(key=lambda r: (r["type"], normalise_name(r["naam"])))
        # an alias that is also another known organisation's name would merge the two
        names = Counter(normalise_name(r["naam"]) for r in out) + Counter(
            normalise_name(n) for n, _ in ents)
        for r in out:
            r["aliassen"] = [a for a in r["aliassen"] if normalise_name(a) not in names]
        return out


def is_umbrella(name: str, typ: str, row: dict) -> bool:
    return name in UMBRELLA_INI_EXTRA or enrich_umbrella(typ, row.get("subkind"),
                                                         row.get("scope"))


def bron_id(doc: str) -> str:
    return "pagina-" + doc.removesuffix(".txt")


def write(path: Path, columns, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "demo")
    args = ap.parse_args(argv)
    b = Builder(args.shared, args.out / "seeds", ROOT / "data" / "gazetteer")
    sources = b.sources()
    ents, rels = b.build()
    write(args.out / "bronnen.csv", SOURCE_COLUMNS, sources)
    write(args.out / "entiteiten.csv", ENTITY_COLUMNS, ents)
    write(args.out / "relaties.csv", RELATION_COLUMNS, rels)
    kinds = Counter(e["type"] for e in ents)
    print(f"{len(sources)} bronnen, {len(ents)} entiteiten, {len(rels)} relaties")
    print(", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
