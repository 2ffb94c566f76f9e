"""A synthetic regional Zorgpact graph, in exactly the projection format.

:func:`synthetic_graph` builds a :class:`networkx.MultiDiGraph` like
:func:`graph.projection.to_networkx` returns: Region nodes (the 12 provinces,
municipalities, labour-market regions) tied by ``PART_OF``; Organisations in
realistic proportions (care providers most numerous, then schools, companies,
governments, employer organisations, knowledge institutes, few insurers) with
``place``/``province`` attributes and ``LOCATED_IN`` edges (not always both, so
the region helper's fall-backs are exercised); Initiatives (regional and national,
``ACTIVE_IN`` their region, sometimes ``FUNDED_BY`` a government), Events (dated,
``LOCATED_IN`` a municipality, sometimes ``PART_OF`` an initiative); Persons
``AFFILIATED_WITH`` one or two organisations; Documents that every assertion cites
and that organisations are ``MENTIONED_IN``; and a few ``JUDGED`` edges.

How collaboration is generated: every organisation has an *activity* (log-normal;
about 12 % are inactive and join nothing) and a *home* (municipality,
labour-market region, province). A regional initiative or event picks a home
municipality and a sector core (a care provider, often a school, a government and
an employer organisation), then fills up with members drawn by activity, from the
home municipality (50 %), its labour-market region (22 %), province (15 %), a
neighbouring province (9 %) or anywhere (4 %); each municipality also has a few
standing *networks* whose members tend to join together, so partners recur.
Foci are added until the org–org projection reaches ``target_edges`` distinct
pairs (within a few per cent). Everything is drawn from one seeded generator.

Dates are ISO strings; ids are stable for a seed.
"""

from __future__ import annotations

import bisect
import math
import random
from itertools import accumulate

import networkx as nx

from graph.exceptions import InvalidParameterError
from graph.regions import PROVINCE_ADJACENCY, PROVINCES
from graph.synthetic_tables import (  # noqa: F401  (re-exported)
    _REAL_MUNICIPALITIES, PROVINCE_MUNICIPALITIES, PROVINCE_POPULATION, _gc_paused)

__all__ = ["KIND_SHARES", "synthetic_graph"]

KIND_SHARES: dict[str, float] = {
    "care_provider": 0.45, "school": 0.16, "company": 0.12, "government": 0.10,
    "employer_org": 0.08, "knowledge_institute": 0.05, "insurer": 0.04,
}
_PREFIX = {
    "care_provider": ("Zorggroep", "Thuiszorg", "Zorgcentrum", "Welzijn", "GGZ", "Ziekenhuis",
                      "Zorgcoöperatie", "Gehandicaptenzorg"),
    "school": ("ROC", "Hogeschool", "Mbo-college", "Vakcollege", "Praktijkschool"),
    "company": ("Zorgtech", "Uitzendbureau", "Facilitair bedrijf", "Zorgsoftware"),
    "government": ("GGD", "Regio", "Veiligheidsregio", "Werkbedrijf"),
    "employer_org": ("Werkgeversvereniging", "Zorgwerkgevers", "Ondernemersnetwerk"),
    "knowledge_institute": ("Kenniscentrum", "Lectoraat", "Onderzoeksinstituut"),
    "insurer": ("Zorgverzekeraar", "Zorgkantoor"),
}
_INI_SUBKINDS = ("regionaal zorgpact", "koploper", "lab", "platform", "project", "programma",
                 "leerwerkplaats", "netwerk")
_CORE_P = {"onderwijs": 0.75, "overheid": 0.55, "werkgevers": 0.35}
_GEO_P = (("municipality", 0.50), ("lmr", 0.22), ("province", 0.15), ("adjacent", 0.09),
          ("national", 0.04))


class _Pool:
    """Weighted sampling (by activity) from a list of organisation indices."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items, weights):
        pairs = [(i, w) for i, w in zip(items, weights) if w > 0]
        self.items = [i for i, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))
        self.total = self.cum[-1] if self.cum else 0.0

    def draw(self, rnd: random.Random):
        n = len(self.items)
        if n == 0:
            return None
        if n == 1:
            return self.items[0]
        j = bisect.bisect_right(self.cum, rnd.random() * self.total)
        return self.items[min(j, n - 1)]


def _iso(rnd: random.Random, y0: int, y1: int) -> str:
    return f"{rnd.randint(y0, y1)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def synthetic_graph(
    n_orgs: int = 2000,
    *,
    target_edges: int | None = None,
    seed: int = 0,
    n_persons: int | None = None,
    national_initiatives: int | None = None,
    n_judged: int | None = None,
    max_group_size: int = 100,
) -> nx.MultiDiGraph:
    """Generate a synthetic Zorgpact graph in the projection format.

    Parameters
    ----------
    n_orgs : int
        Number of organisations (at least 50).
    target_edges : int, optional
        Aimed-for number of edges of the organisation–organisation collaboration
        graph (:func:`graph.collaboration.collaboration_graph` with the same
        ``max_group_size``); default ``10 * n_orgs``.
    seed : int
        Seed of the random generator; the same seed gives the same graph.
    n_persons : int, optional
        Persons (default ``n_orgs // 2``); 15 % are affiliated with two organisations.
    national_initiatives : int, optional
        National initiatives besides the large "Zorgpact" (default ``n_orgs // 400 + 2``).
    n_judged : int, optional
        ``JUDGED`` edges (default ``min(20, n_orgs // 100)``).
    max_group_size : int
        Only foci up to this size count towards ``target_edges`` (as in the projection).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    InvalidParameterError
        If ``n_orgs < 50`` or ``target_edges`` is not positive.

    Examples
    --------
    >>> G = synthetic_graph(200, seed=1)
    >>> sum(1 for _, d in G.nodes(data=True) if d["label"] == "Organisation")
    200
    >>> from graph.collaboration import collaboration_graph
    >>> C = collaboration_graph(G)
    >>> 1700 < C.number_of_edges() < 2400
    True
    """
    if n_orgs < 50:
        raise InvalidParameterError.of("err.at_least", name="n_orgs", min=50)
    with _gc_paused():
        return _generate(n_orgs, target_edges, seed, n_persons, national_initiatives, n_judged,
                         max_group_size)


def _generate(n_orgs, target_edges, seed, n_persons, national_initiatives, n_judged,
              max_group_size):
    target = 10 * n_orgs if target_edges is None else int(target_edges)
    if target <= 0:
        raise InvalidParameterError.of("err.at_least", name="target_edges", min=1)
    max_pairs = n_orgs * (n_orgs - 1) // 2
    target = min(target, int(0.3 * max_pairs))
    n_persons = n_orgs // 2 if n_persons is None else n_persons
    n_nat = n_orgs // 400 + 2 if national_initiatives is None else national_initiatives
    n_judged = min(20, n_orgs // 100) if n_judged is None else n_judged
    rnd = random.Random(seed)

    G = nx.MultiDiGraph(name="synthetic", seed=seed)
    nodes: list = []
    edges: list = []
    ekeys: set = set()

    def edge(u, v, rel, doc, **attrs):
        key = f"{rel}|{doc}"
        if (u, v, key) in ekeys:
            return
        ekeys.add((u, v, key))
        edges.append((u, v, key, {"rel": rel, "doc": doc, **attrs}))

    # ---- regions -------------------------------------------------------------------
    n_muni_total = min(sum(PROVINCE_MUNICIPALITIES.values()), max(12, n_orgs // 20))
    total_real = sum(PROVINCE_MUNICIPALITIES.values())
    muni_prov: list[str] = []
    muni_name: list[str] = []
    muni_w: list[float] = []
    muni_lmr: list[int] = []
    lmr_prov: list[str] = []
    lmr_name: list[str] = []
    prov_munis: dict[str, list[int]] = {}
    reg_doc = "doc:synthetic-regio-indeling"
    nodes.append((reg_doc, {"label": "Document", "name": "Regio-indeling (synthetisch)",
                            "kind": "document", "source": "synthetic:regions", "date": "2024-01-01",
                            "checksum": "0", "doctype": "spreadsheet"}))
    for p in PROVINCES:
        pid = f"region:provincie-{p.lower()}"
        nodes.append((pid, {"label": "Region", "name": f"Provincie {p}", "kind": "region",
                            "aliases": [p], "level": "province", "province": p}))
        k = max(1, round(n_muni_total * PROVINCE_MUNICIPALITIES[p] / total_real))
        n_lmr = max(1, round(k / 9))
        lmr_ids = []
        for j in range(n_lmr):
            lmr_ids.append(len(lmr_name))
            lmr_prov.append(p)
            lmr_name.append(f"Arbeidsmarktregio {p}-{j + 1}")
            lid = f"region:amr-{p.lower()}-{j + 1}"
            nodes.append((lid, {"label": "Region", "name": lmr_name[-1], "kind": "region",
                                "aliases": [], "level": "labour_market_region", "province": None}))
            edge(lid, pid, "PART_OF", reg_doc, sentence=f"{lmr_name[-1]} ligt in {p}.")
        prov_munis[p] = []
        real = _REAL_MUNICIPALITIES[p]
        for j in range(k):
            name = real[j] if j < len(real) else f"{p}-{j + 1}"
            m = len(muni_name)
            muni_name.append(name)
            muni_prov.append(p)
            muni_w.append(PROVINCE_POPULATION[p] / (j + 1) ** 0.9)
            muni_lmr.append(lmr_ids[j * n_lmr // k])
            prov_munis[p].append(m)
            mid = f"region:gm-{m:03d}"
            nodes.append((mid, {"label": "Region", "name": name, "kind": "region", "aliases": [],
                                "level": "municipality",
                                "province": p if rnd.random() < 0.5 else None}))
            edge(mid, pid, "PART_OF", reg_doc, sentence=f"{name} ligt in {p}.")
            edge(mid, f"region:amr-{p.lower()}-{j * n_lmr // k + 1}", "PART_OF", reg_doc,
                 sentence=f"{name} hoort bij {lmr_name[muni_lmr[-1]]}.")
    n_muni = len(muni_name)
    # normalise municipality weights per province to the province population
    for p, ms in prov_munis.items():
        s = sum(muni_w[m] for m in ms)
        for m in ms:
            muni_w[m] *= PROVINCE_POPULATION[p] / s
    muni_cum = list(accumulate(muni_w))

    def draw_muni() -> int:
        return bisect.bisect_right(muni_cum, rnd.random() * muni_cum[-1])

    # ---- organisations -------------------------------------------------------------
    org_id: list[str] = []
    org_name: list[str] = []
    org_kind: list[str] = []
    org_muni: list[int] = []
    org_act: list[float] = []
    den_haag = next((m for m in prov_munis["Zuid-Holland"] if muni_name[m] == "Den Haag"),
                    prov_munis["Zuid-Holland"][0])

    def add_org(kind, name, m, act):
        org_id.append(f"org:{kind}:syn-{len(org_id):05d}")
        org_name.append(name)
        org_kind.append(kind)
        org_muni.append(m)
        org_act.append(act)

    def activity(kind):
        if rnd.random() < 0.12:
            return 0.0
        base = {"school": 1.6, "government": 1.4, "employer_org": 1.2, "knowledge_institute": 1.0,
                "insurer": 1.5, "care_provider": 1.0, "company": 0.6}[kind]
        return base * math.exp(rnd.gauss(0.0, 0.5))

    # one government per municipality and province, three ministries
    govs = [("government", f"Gemeente {muni_name[m]}", m) for m in range(n_muni)]
    govs += [("government", f"Provincie {p}", prov_munis[p][0]) for p in PROVINCES]
    govs += [("government", n, den_haag) for n in (
        "Ministerie van Volksgezondheid, Welzijn en Sport",
        "Ministerie van Onderwijs, Cultuur en Wetenschap",
        "Ministerie van Sociale Zaken en Werkgelegenheid")]
    govs = govs[: max(n_orgs // 4, 15)]
    for kind, name, m in govs:
        add_org(kind, name, m, max(activity(kind), 0.3) * 1.5)
    rest = n_orgs - len(org_id)
    quotas = {k: KIND_SHARES[k] * n_orgs for k in KIND_SHARES}
    quotas["government"] = max(0.0, quotas["government"] - len(govs))
    quotas["insurer"] = min(quotas["insurer"], max(2.0, n_orgs * 0.005))
    qsum = sum(quotas.values())
    counts = {k: int(rest * q / qsum) for k, q in quotas.items()}
    counts["care_provider"] += rest - sum(counts.values())
    for kind in KIND_SHARES:
        for _ in range(counts[kind]):
            m = draw_muni()
            pre = _PREFIX[kind][rnd.randrange(len(_PREFIX[kind]))]
            add_org(kind, f"{pre} {muni_name[m]} {len(org_id)}", m, activity(kind))
    N = len(org_id)
    sector = {"care_provider": "zorg", "insurer": "zorg", "school": "onderwijs",
              "knowledge_institute": "onderwijs", "government": "overheid",
              "employer_org": "werkgevers", "company": "bedrijven"}
    for i in range(N):
        m = org_muni[i]
        p = muni_prov[m]
        mode = rnd.random()
        attrs = {"label": "Organisation", "name": org_name[i], "kind": org_kind[i],
                 "aliases": [], "place": muni_name[m] if mode < 0.6 or mode >= 0.85 else None,
                 "province": p if mode < 0.6 else None}
        nodes.append((org_id[i], attrs))
        if mode < 0.85:
            edge(org_id[i], f"region:gm-{m:03d}", "LOCATED_IN", reg_doc,
                 sentence=f"{org_name[i]} is gevestigd in {muni_name[m]}.", confidence=1.0)

    # ---- sampling pools -------------------------------------------------------------
    def pool(idx):
        return _Pool(idx, [org_act[i] for i in idx])

    by_muni = [[] for _ in range(n_muni)]
    for i in range(N):
        by_muni[org_muni[i]].append(i)
    lmr_members = [[] for _ in lmr_name]
    for m in range(n_muni):
        lmr_members[muni_lmr[m]].extend(by_muni[m])
    prov_members = {p: [i for m in prov_munis[p] for i in by_muni[m]] for p in PROVINCES}
    pools = {("municipality", m): pool(by_muni[m]) for m in range(n_muni)}
    pools.update({("lmr", j): pool(lmr_members[j]) for j in range(len(lmr_name))})
    pools.update({("province", p): pool(prov_members[p]) for p in PROVINCES})
    pools[("national", None)] = pool(list(range(N)))
    sector_pools = {}
    for key, idx in ([(("lmr", j), lmr_members[j]) for j in range(len(lmr_name))]
                     + [(("province", p), prov_members[p]) for p in PROVINCES]):
        for s in ("zorg", "onderwijs", "overheid", "werkgevers"):
            sector_pools[(key, s)] = pool([i for i in idx if sector[org_kind[i]] == s])
    # standing networks: per municipality a few groups whose members join together
    networks = []
    net_of: dict[int, list[int]] = {}
    for m in range(n_muni):
        active = [i for i in by_muni[m] if org_act[i] > 0]
        rnd.shuffle(active)
        for j in range(0, len(active), 12):
            grp = active[j:j + 12]
            if len(grp) >= 3:
                net_of.setdefault(m, []).append(len(networks))
                networks.append(pool(grp))

    def draw_geo(m):
        r = rnd.random()
        for scope, p_ in _GEO_P:
            if r < p_:
                break
            r -= p_
        if scope == "municipality":
            nets = net_of.get(m)
            if nets and rnd.random() < 0.7:
                return networks[nets[rnd.randrange(len(nets))]].draw(rnd)
            return pools[("municipality", m)].draw(rnd)
        if scope == "lmr":
            return pools[("lmr", muni_lmr[m])].draw(rnd)
        if scope == "province":
            return pools[("province", muni_prov[m])].draw(rnd)
        if scope == "adjacent":
            adj = sorted(PROVINCE_ADJACENCY[muni_prov[m]])
            return pools[("province", adj[rnd.randrange(len(adj))])].draw(rnd)
        return pools[("national", None)].draw(rnd)

    # ---- foci -----------------------------------------------------------------------
    pairs: set[int] = set()
    foci: list[dict] = []

    def add_pairs(ms):
        if 2 <= len(ms) <= max_group_size:
            s = sorted(ms)
            for a in range(len(s) - 1):
                base = s[a] * N
                for b in s[a + 1:]:
                    pairs.add(base + b)

    def regional_focus(kind):
        m = draw_muni()
        for _ in range(1000):
            if pools[("municipality", m)].total > 0:
                break
            m = draw_muni()
        if kind == "initiative":
            size = min(40, 3 + int(rnd.expovariate(1 / 4.0)))
        else:
            size = min(60, 3 + int(rnd.expovariate(1 / 5.0)))
        ms: set[int] = set()
        core = pools[("municipality", m)]
        lmr_key = ("lmr", muni_lmr[m])
        for s, p_ in (("zorg", 1.0), *_CORE_P.items()):
            if rnd.random() < p_:
                sp = sector_pools.get((lmr_key, s))
                x = sp.draw(rnd) if sp and sp.total else None
                if x is None:
                    sp = sector_pools.get((("province", muni_prov[m]), s))
                    x = sp.draw(rnd) if sp and sp.total else None
                if x is not None:
                    ms.add(x)
        tries = 0
        while len(ms) < size and tries < size * 6:
            tries += 1
            x = draw_geo(m)
            if x is not None:
                ms.add(x)
        if len(ms) < 2:
            ms.add(core.draw(rnd))
        return m, sorted(ms)

    nat = pools[("national", None)]
    # documents: a news page covers one or two foci of one province; every assertion about
    # a focus cites its page, and the page mentions the focus and (up to 8 of) its members.
    docs: list[dict] = []
    open_doc: dict = {}     # province (None: national) -> the news page being filled

    def cite(f, date):
        prov = muni_prov[f["m"]] if f["m"] is not None else None
        cur_doc = open_doc.get(prov)
        if cur_doc is None or cur_doc["left"] <= 0 or prov is None:
            cur_doc = {"id": f"doc:syn-{len(docs):05d}", "title": f"Nieuws: {f['name']}",
                       "date": date, "left": 1 if rnd.random() < 0.7 else 2,
                       "mentioned": set()}
            docs.append(cur_doc)
            open_doc[prov] = cur_doc
        cur_doc["left"] -= 1
        ms = f["members"]
        ment = ms if len(ms) <= 8 else rnd.sample(ms, 8)
        f["doc"], f["mentioned"], f["doc_date"] = cur_doc["id"], ment, cur_doc["date"]
        new = [i for i in ment if i not in cur_doc["mentioned"]]
        cur_doc["mentioned"].update(new)
        if len(cur_doc["mentioned"]) <= max_group_size:
            old = sorted(cur_doc["mentioned"].difference(new))
            for x in new:
                for y in old:
                    pairs.add(min(x, y) * N + max(x, y))
            add_pairs(new)

    def dates_for(f):
        if f["type"] == "initiative":
            y = rnd.randint(2014, 2024)
            f["start"] = f"{y}-{rnd.randint(1, 12):02d}-01"
            f["end"] = (f"{min(y + rnd.randint(1, 6), 2027)}-12-31" if rnd.random() < 0.6
                        else None)
            return f["start"]
        f["date"] = _iso(rnd, 2015, 2025)
        return f["date"]

    def register(f):
        foci.append(f)
        add_pairs(f["members"])
        cite(f, dates_for(f))

    # the national pact: large, more than max_group_size members (not expanded)
    big = set()
    # larger than max_group_size when the graph is big enough, else a modest national pact
    big_size = (max(max_group_size + 20, N // 40) if N >= 3 * (max_group_size + 20)
                else max(3, N // 20))
    while len(big) < big_size:
        big.add(nat.draw(rnd))
    register({"type": "initiative", "id": "ini:zorgpact", "name": "Zorgpact", "m": None,
              "members": sorted(big), "scope": "national", "subkind": "pact"})
    for j in range(n_nat):
        size = min(rnd.randint(10, 40), max(3, N // 50))
        ms = set()
        while len(ms) < size:
            ms.add(nat.draw(rnd))
        register({"type": "initiative", "id": f"ini:syn-landelijk-{j:03d}",
                  "name": f"Landelijk programma {j + 1}", "m": None, "members": sorted(ms),
                  "scope": "national",
                  "subkind": _INI_SUBKINDS[rnd.randrange(len(_INI_SUBKINDS))]})
    n_ini = n_evt = 0
    # persons with two affiliations add about 0.15 * n_persons pairs at the end
    stop = max(0.0, target - 0.12 * n_persons)
    while len(pairs) < stop:
        if rnd.random() < 0.6:
            m, ms = regional_focus("initiative")
            sub = _INI_SUBKINDS[rnd.randrange(len(_INI_SUBKINDS))]
            register({"type": "initiative", "id": f"ini:syn-{n_ini:05d}", "m": m, "members": ms,
                      "name": f"{sub.capitalize()} {muni_name[m]} {n_ini + 1}",
                      "scope": "regional", "subkind": sub})
            n_ini += 1
        else:
            m, ms = regional_focus("event")
            parent = None
            if n_ini and rnd.random() < 0.3:
                parent = len(foci) - 1 - rnd.randrange(min(len(foci) - 1, 50))
                if foci[parent]["type"] == "initiative" and foci[parent]["m"] is not None:
                    pm = foci[parent]["members"]
                    keep = rnd.sample(ms, max(2, len(ms) // 2)) if len(ms) > 2 else ms
                    ms = sorted(set(keep) | set(rnd.sample(pm, min(len(pm), len(ms) // 2 + 1))))
                    m = foci[parent]["m"]
                else:
                    parent = None
            register({"type": "event", "id": f"event:syn-{n_evt:05d}", "m": m, "members": ms,
                      "name": f"Werkconferentie {muni_name[m]} {n_evt + 1}",
                      "parent": foci[parent]["id"] if parent is not None else None})
            n_evt += 1

    # ---- nodes and edges of documents, foci and memberships ------------------------------
    for d in docs:
        nodes.append((d["id"], {"label": "Document", "name": d["title"], "kind": "document",
                                "source": f"synthetic:{d['id']}", "date": d["date"],
                                "checksum": d["id"], "doctype": "nieuwsbericht"}))
    for f in foci:
        m = f["m"]
        place = muni_name[m] if m is not None else None
        prov = muni_prov[m] if m is not None else None
        doc, doc_date = f["doc"], f["doc_date"]
        if f["type"] == "initiative":
            nodes.append((f["id"], {"label": "Initiative", "name": f["name"], "kind": "initiative",
                                    "aliases": [], "subkind": f["subkind"], "scope": f["scope"],
                                    "place": place, "province": prov,
                                    "start_date": f["start"], "end_date": f["end"]}))
            if m is not None:
                target_region = (f"region:gm-{m:03d}" if rnd.random() < 0.6
                                 else f"region:amr-{prov.lower()}-"
                                      f"{lmr_name[muni_lmr[m]].rsplit('-', 1)[1]}")
                edge(f["id"], target_region, "ACTIVE_IN", doc, date=doc_date)
            rel_default = "PARTNER_IN"
        else:
            nodes.append((f["id"], {"label": "Event", "name": f["name"], "kind": "event",
                                    "aliases": [], "date": f["date"], "place": place,
                                    "province": prov}))
            edge(f["id"], f"region:gm-{m:03d}", "LOCATED_IN", doc, date=f["date"])
            if f.get("parent"):
                edge(f["id"], f["parent"], "PART_OF", doc, date=f["date"])
            rel_default = "PARTICIPATED_IN"
        edge(f["id"], doc, "MENTIONED_IN", doc, mentions=[f["name"]], confidence=1.0)
        for k, i in enumerate(f["members"]):
            rel = "ORGANISED" if k < 2 and rnd.random() < 0.3 else rel_default
            if (f["type"] == "initiative" and org_kind[i] == "government"
                    and rnd.random() < 0.25):
                edge(f["id"], org_id[i], "FUNDED_BY", doc, date=doc_date, confidence=0.9,
                     sentence=f"{f['name']} wordt gefinancierd door {org_name[i]}.",
                     locator=f"zin {k + 1}", role="financier")
                continue
            edge(org_id[i], f["id"], rel, doc, date=doc_date,
                 confidence=round(0.7 + 0.3 * rnd.random(), 2),
                 sentence=f"{org_name[i]} neemt deel aan {f['name']}.", locator=f"zin {k + 1}",
                 role="partner" if rel == "PARTNER_IN" else "deelnemer")
        for i in f["mentioned"]:
            edge(org_id[i], doc, "MENTIONED_IN", doc, mentions=[org_name[i]], confidence=1.0)

    # ---- persons ------------------------------------------------------------------
    pdoc = "doc:syn-personen"
    nodes.append((pdoc, {"label": "Document", "name": "Smoelenboek (synthetisch)",
                         "kind": "document", "source": "synthetic:persons", "date": "2024-06-01",
                         "checksum": pdoc, "doctype": "spreadsheet"}))
    org_foci: dict[int, list[int]] = {}
    for fi, f in enumerate(foci[1:], start=1):
        if len(f["members"]) <= 15:
            for i in f["members"]:
                org_foci.setdefault(i, []).append(fi)
    actives = [i for i in range(N) if org_act[i] > 0]
    for j in range(n_persons):
        i = actives[rnd.randrange(len(actives))] if actives else rnd.randrange(N)
        pid = f"person:syn-{j:05d}"
        nodes.append((pid, {"label": "Person", "name": f"Persoon {j + 1}", "kind": "person",
                            "aliases": [], "role": None}))
        edge(pid, org_id[i], "AFFILIATED_WITH", pdoc, role="medewerker",
             sentence=f"Persoon {j + 1} werkt bij {org_name[i]}.", confidence=1.0)
        if rnd.random() < 0.15:
            fl = org_foci.get(i)
            if fl:
                other = foci[fl[rnd.randrange(len(fl))]]["members"]
                i2 = other[rnd.randrange(len(other))]
            else:
                i2 = pools[("municipality", org_muni[i])].draw(rnd)
            if i2 is not None and i2 != i:
                edge(pid, org_id[i2], "AFFILIATED_WITH", pdoc, role="bestuurslid",
                     sentence=f"Persoon {j + 1} is bestuurslid van {org_name[i2]}.",
                     confidence=0.9)

    # ---- judgements ------------------------------------------------------------------
    jdoc = "app:judgements"
    made = 0
    tries = 0
    while made < n_judged and tries < n_judged * 50:
        tries += 1
        i = actives[rnd.randrange(len(actives))]
        cands = [x for x in by_muni[org_muni[i]] if x != i and org_act[x] > 0
                 and sector[org_kind[x]] != sector[org_kind[i]]]
        if not cands:
            continue
        x = cands[rnd.randrange(len(cands))]
        a, b = min(i, x), max(i, x)
        if a * N + b in pairs:
            continue
        verdict = "interessant" if rnd.random() < 0.5 else "niet_relevant"
        edge(org_id[i], org_id[x], "JUDGED", jdoc, verdict=verdict, judged_by="aanjager",
             judged_at=_iso(rnd, 2024, 2025), note="synthetisch oordeel", confidence=1.0)
        made += 1

    G.add_nodes_from(nodes)
    # what MultiDiGraph.add_edges_from does, without its per-edge checks (all nodes exist,
    # every (u, v, key) is new): a third of the generation time otherwise
    succ, pred = G._succ, G._pred
    for u, v, key, attrs in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        keydict[key] = attrs
    return G
