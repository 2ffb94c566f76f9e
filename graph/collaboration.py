"""The organisation–organisation collaboration graph.

:func:`collaboration_graph` turns the projection (a MultiDiGraph of organisations,
initiatives, events, persons, regions and documents, see
:mod:`graph.projection`) into an undirected weighted :class:`networkx.Graph` whose
nodes are organisations and whose edges say *that* two organisations work
together, *how much*, and *through what*.

Weights
-------
Two organisations are tied by every *focus* they share. A focus with ``n``
organisation members adds ``W[type] / (n - 1)`` to each pair of its members
(Newman's collaboration weighting: an organisation spreads one unit of
collaboration over its co-members, so a 2-partner project counts 1 and a
41-partner platform 1/40):

================ ======= ==========================================================
type             W       focus
================ ======= ==========================================================
``initiative``   1.0     an Initiative both are partner in / organised / took part in
``event``        0.5     an Event both organised or took part in
``person``       0.5     a Person affiliated with both (``AFFILIATED_WITH``)
``document``     0.25    a Document mentioning both (``MENTIONED_IN``)
``direct``       1.0     a direct relation between the two (``PARTNER_IN``,
                         ``FUNDED_BY``, ``PART_OF`` … from one organisation to the
                         other); counted once per pair, not divided
================ ======= ==========================================================

Membership is any of ``PARTNER_IN``, ``ORGANISED``, ``PARTICIPATED_IN``,
``AFFILIATED_WITH`` or ``FUNDED_BY`` between an Organisation and an
Initiative/Event, in either direction (an initiative ``FUNDED_BY`` a ministry makes
the ministry a member). Foci with more than ``max_group_size`` organisation
members (a national pact signed by hundreds) are *not* expanded into pairs: being
co-signatory of a very large pact is not a collaboration, and expanding it would
add ``n²/2`` near-zero edges. They are still recorded (``graph["foci"]``,
membership counts) and listed in ``graph["skipped_foci"]``. The same holds for national programmes (the
Zorgpact itself, national accords and funds, :func:`graph.umbrella.is_national_programme`):
joining one is not working together, so they are never expanded either.

Every edge keeps what the two share: ``initiatives``, ``events``, ``persons``,
``documents`` (tuples of ids, sorted), ``direct`` (tuple of relation types), ``breakdown`` (weight per
type) and ``weight`` (their sum). Nodes are **all** organisations that pass the
kind filter, isolated ones included, with ``name``, ``kind``, ``sector``,
``province``, ``municipality``, ``regions`` (keys ``"level:name"``, see
:mod:`graph.regions`), ``n_initiatives``, ``n_events``, ``active`` (member of
at least one initiative/event in the period, or a direct/person tie) and
``umbrella`` (an umbrella body such as the kabinet or a ministry,
:func:`graph.umbrella.is_umbrella_org`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

import networkx as nx
import numpy as np

from graph.exceptions import EmptyGraphError, InvalidGraphError, InvalidParameterError
from graph.model import ORG_KINDS
from graph.regions import iter_edges, locate_bulk
from graph.umbrella import is_national_programme, is_umbrella_org
from graph.vocab import DIRECT_RELS, MEMBERSHIP_RELS, SECTORS, sector_of

__all__ = ["DEFAULT_WEIGHTS", "TIE_TYPES", "collaboration_graph", "tie_evidence"]

#: Weight per kind of shared focus (see the module docstring).
DEFAULT_WEIGHTS: dict[str, float] = {
    "initiative": 1.0,
    "event": 0.5,
    "person": 0.5,
    "document": 0.25,
    "direct": 1.0,
}
TIE_TYPES: tuple[str, ...] = ("initiative", "event", "person", "document", "direct")
_FOCUS_TYPE = {"Initiative": "initiative", "Event": "event"}
_LIST_ATTR = {"initiative": "initiatives", "event": "events", "person": "persons",
              "document": "documents"}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _norm_date(d, name: str) -> str | None:
    if d is None or d == "":
        return None
    if isinstance(d, (_dt.date, _dt.datetime)):
        return d.isoformat()[:10]
    s = str(d).strip()[:10]
    if not _DATE_RE.match(s):
        raise InvalidParameterError.of("err.not_iso_date", name=name, value=repr(d))
    return s


def _cmp(a: str, b: str) -> int:
    """Compare ISO dates of possibly different precision on their common prefix
    (``"2018-03-01"`` and ``"2018"`` are equal: the day lies in that year)."""
    k = min(len(a), len(b))
    x, y = a[:k], b[:k]
    return (x > y) - (x < y)


def _date_in(d: str, lo: str | None, hi: str | None) -> bool:
    d = str(d)[:10]
    return (lo is None or _cmp(d, lo) >= 0) and (hi is None or _cmp(d, hi) <= 0)


def _overlaps(s: str | None, e: str | None, lo: str | None, hi: str | None) -> bool:
    if s and hi and _cmp(str(s)[:10], hi) > 0:
        return False
    if e and lo and _cmp(str(e)[:10], lo) < 0:
        return False
    return True


def _check_graph(G) -> None:
    if not isinstance(G, nx.Graph):
        raise InvalidGraphError.of("err.not_a_graph", got=type(G).__name__)


def _allowed_subset(values, allowed, what: str) -> set | None:
    """``set(values)``, or None for "no filter"; unknown values raise."""
    if values is None:
        return None
    chosen = set(values)
    bad = chosen - set(allowed)
    if bad:
        raise InvalidParameterError.of("err.unknown_choice", what=what,
                                       bad=", ".join(map(str, sorted(bad))),
                                       allowed=", ".join(map(str, allowed)))
    return chosen


def collaboration_graph(
    G: nx.Graph,
    *,
    start=None,
    end=None,
    kinds: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    weights: dict[str, float] | None = None,
    max_group_size: int = 100,
    keep_undated: bool = True,
) -> nx.Graph:
    """Project the Zorgnet graph onto an organisation–organisation collaboration graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection of the store (:func:`graph.projection.to_networkx`) or a
        synthetic graph (:func:`graph.synthetic.synthetic_graph`).
    start, end : str or datetime.date, optional
        Period (inclusive; ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). An event
        counts when its ``date`` is in the period, an initiative when its
        ``start``–``end`` overlaps it, a document when its ``date`` is in it;
        otherwise the dates of the membership edges decide. Undated memberships
        are kept when ``keep_undated`` (default).
    kinds : iterable of str, optional
        Keep only organisations of these kinds (:data:`graph.model.ORG_KINDS`).
    sectors : iterable of str, optional
        Keep only organisations of these sectors (``zorg``, ``onderwijs`` …).
    weights : dict, optional
        Override :data:`DEFAULT_WEIGHTS` per tie type (a weight 0 drops that type).
    max_group_size : int
        Foci with more organisation members are not expanded into pairs.
    keep_undated : bool
        Keep memberships without any date when a period is given.

    Returns
    -------
    networkx.Graph
        Organisations as nodes; see the module docstring for the attributes.
        ``C.graph`` holds ``weights``, ``period``, ``kinds``, ``foci`` (per
        focus: ``type``, ``name``, ``size``, ``members`` …) and ``skipped_foci``.

    Raises
    ------
    InvalidGraphError
        If ``G`` is not a networkx graph.
    EmptyGraphError
        If ``G`` has no Organisation nodes (after the kind filter).
    InvalidParameterError
        For an unknown kind/sector/tie type, a malformed date or ``start > end``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for o, k in [("a", "care_provider"), ("b", "school"), ("c", "government")]:
    ...     G.add_node(o, label="Organisation", name=o.upper(), kind=k)
    >>> G.add_node("ini:lab", label="Initiative", name="Zorglab", kind="initiative")
    >>> G.add_node("ini:pact", label="Initiative", name="Pact", kind="initiative")
    >>> for o in "ab":
    ...     _ = G.add_edge(o, "ini:lab", key="PARTNER_IN|d1", rel="PARTNER_IN", doc="d1")
    >>> for o in "abc":
    ...     _ = G.add_edge(o, "ini:pact", key="PARTNER_IN|d2", rel="PARTNER_IN", doc="d2")
    >>> C = collaboration_graph(G)
    >>> C["a"]["b"]["weight"], C["a"]["b"]["initiatives"]
    (1.5, ('ini:lab', 'ini:pact'))
    >>> C["a"]["c"]["weight"]
    0.5
    """
    _check_graph(G)
    return _collaboration_graph(G, start, end, kinds, sectors, weights, max_group_size,
                                keep_undated)[0]


def _collaboration_graph(G, start, end, kinds, sectors, weights, max_group_size, keep_undated):
    lo, hi = _norm_date(start, "start"), _norm_date(end, "end")
    if lo and hi and lo > hi:
        raise InvalidParameterError.of("err.start_after_end", start=lo, end=hi)
    W = dict(DEFAULT_WEIGHTS)
    if weights:
        bad = set(weights) - set(W)
        if bad:
            raise InvalidParameterError.of("err.unknown_choice", what="weights",
                                           bad=", ".join(sorted(bad)),
                                           allowed=", ".join(TIE_TYPES))
        W.update({k: float(v) for k, v in weights.items()})
    kind_set = _allowed_subset(kinds, ORG_KINDS, "kind")
    sector_set = _allowed_subset(sectors, SECTORS, "sector")
    if max_group_size < 2:
        raise InvalidParameterError.of("err.at_least", name="max_group_size", min=2)

    nattr = G._node  # plain dict access: this runs over every node and edge
    labels = {n: d.get("label") for n, d in nattr.items()}
    all_orgs = sorted(n for n, lab in labels.items() if lab == "Organisation")
    if not all_orgs:
        raise EmptyGraphError.of("err.no_orgs")

    # ---- one pass over the edges: memberships per focus, direct ties, locations ----
    # members[focus][org] = [dates, docs, rels]
    members: dict[str, dict[str, list]] = {}
    direct: dict[tuple, list] = {}
    located: dict[str, set] = {}
    parents: dict[str, set] = {}
    rel_count: dict = {}
    judged_edges: list = []
    for u, v, d in iter_edges(G):
        rel = d.get("rel")
        rel_count[rel] = rel_count.get(rel, 0) + 1
        lu, lv = labels.get(u), labels.get(v)
        if rel in MEMBERSHIP_RELS:
            if lu == "Organisation":
                if lv in _FOCUS_TYPE or (lv == "Person" and rel == "AFFILIATED_WITH"):
                    focus, org = v, u
                elif lv == "Organisation" and u != v:
                    direct.setdefault((u, v) if u < v else (v, u), []).append(d)
                    continue
                else:
                    continue
            elif lv == "Organisation" and (
                    lu in _FOCUS_TYPE or (lu == "Person" and rel == "AFFILIATED_WITH")):
                focus, org = u, v
            else:
                continue
        elif rel == "MENTIONED_IN":
            if lu == "Organisation" and lv == "Document":
                focus, org = v, u
            else:
                continue
        elif rel == "LOCATED_IN" or rel == "ACTIVE_IN":
            if lv == "Region":
                located.setdefault(u, set()).add(v)
            continue
        elif rel == "PART_OF":
            if lu == "Organisation" and lv == "Organisation" and u != v:
                direct.setdefault((u, v) if u < v else (v, u), []).append(d)
            elif lu == "Region" and lv == "Region":
                parents.setdefault(u, set()).add(v)
            continue
        elif rel == "JUDGED":
            judged_edges.append((u, v, d))
            continue
        else:
            continue
        fm = members.get(focus)
        if fm is None:
            fm = members[focus] = {}
        rec = fm.get(org)
        if rec is None:
            rec = fm[org] = [[], [], []]
        if d.get("date"):
            rec[0].append(d["date"])
        if d.get("doc"):
            rec[1].append(d["doc"])
        rec[2].append(rel)

    # ---- nodes -------------------------------------------------------------------
    def keep_org(o):
        k = nattr[o].get("kind")
        if kind_set is not None and k not in kind_set:
            return False
        if sector_set is not None and sector_of(k) not in sector_set:
            return False
        return True

    orgs = [o for o in all_orgs if keep_org(o)]
    if not orgs:
        raise EmptyGraphError.of("err.no_orgs_selected")
    index = {o: i for i, o in enumerate(orgs)}
    N = len(orgs)
    focus_nodes = [f for f in members if labels.get(f) in _FOCUS_TYPE]
    locs = locate_bulk(G, orgs + focus_nodes, located, parents)

    # ---- period filter and focus table -------------------------------------------
    period = lo is not None or hi is not None

    def membership_in_period(dates) -> bool:
        if not dates:
            return keep_undated
        return any(_date_in(x, lo, hi) for x in dates)

    foci: dict[str, dict] = {}
    skipped: list[str] = []
    n_ini = [0] * N
    n_evt = [0] * N
    active = [False] * N
    tindex = {t: i for i, t in enumerate(TIE_TYPES)}
    exp_ids: list[str] = []     # expanded foci
    exp_members: list[list[int]] = []
    exp_c: list[float] = []
    exp_t: list[int] = []
    for f in sorted(members):
        lab = labels.get(f)
        fd = nattr.get(f, {})
        ftype = _FOCUS_TYPE.get(lab) or ("person" if lab == "Person" else "document")
        mem = members[f]
        if period:
            if ftype == "event" and fd.get("date"):
                mem = mem if _date_in(fd["date"], lo, hi) else {}
            elif ftype == "initiative" and (fd.get("start_date") or fd.get("end_date")):
                mem = mem if _overlaps(fd.get("start_date"), fd.get("end_date"), lo, hi) else {}
            elif ftype == "document" and fd.get("date"):
                mem = mem if _date_in(fd["date"], lo, hi) else {}
            else:
                mem = {o: r for o, r in mem.items() if membership_in_period(r[0])}
        if not mem:
            continue
        size = len(mem)
        kept = sorted(index[o] for o in mem if o in index)
        w = W[ftype]
        umbrella = lab == "Initiative" and is_national_programme(fd)
        expanded = 2 <= size <= max_group_size and w > 0 and len(kept) >= 2 and not umbrella
        info = {"type": ftype, "label": lab, "name": fd.get("name") or f, "size": size,
                "members": [orgs[i] for i in kept], "expanded": expanded,
                "umbrella": umbrella}
        if lab == "Initiative":
            info.update(subkind=fd.get("subkind"), scope=fd.get("scope"),
                        start_date=fd.get("start_date"), end_date=fd.get("end_date"))
        if lab in _FOCUS_TYPE:
            loc = locs.get(f)
            info.update(province=loc.province if loc else None,
                        municipality=loc.municipality if loc else None,
                        regions=list(loc.regions) if loc else [])
        if lab == "Event" or lab == "Document":
            info["date"] = fd.get("date")
        foci[f] = info
        if ftype == "initiative" or ftype == "event":
            cnt = n_ini if ftype == "initiative" else n_evt
            for i in kept:
                cnt[i] += 1
                active[i] = True
        elif ftype == "person" and len(kept) >= 2:
            for i in kept:
                active[i] = True
        if size > max_group_size or (umbrella and len(kept) >= 2):
            skipped.append(f)
        if expanded:
            exp_ids.append(f)
            exp_members.append(kept)
            exp_c.append(w / (size - 1))
            exp_t.append(tindex[ftype])

    # ---- pairs, vectorised: one entry per (pair, shared focus) -----------------------
    ka, kb, kf = [], [], []
    by_len: dict[int, list[int]] = {}
    for fi, ms in enumerate(exp_members):
        by_len.setdefault(len(ms), []).append(fi)
    for m, fis in by_len.items():
        M = np.array([exp_members[fi] for fi in fis], dtype=np.int64)
        iu, ju = np.triu_indices(m, 1)
        ka.append(M[:, iu].ravel())
        kb.append(M[:, ju].ravel())
        kf.append(np.repeat(np.array(fis, dtype=np.int64), len(iu)))
    direct_rels: dict[int, list] = {}
    wd = W["direct"]
    for (a, b), ds in direct.items():
        if a not in index or b not in index or wd <= 0:
            continue
        if period and not membership_in_period([x["date"] for x in ds if x.get("date")]):
            continue
        ia, ib = sorted((index[a], index[b]))
        direct_rels[ia * N + ib] = sorted({x.get("rel") for x in ds})
        active[ia] = active[ib] = True
    if ka:
        A = np.concatenate(ka)
        B = np.concatenate(kb)
        F = np.concatenate(kf)
        keys = A * N + B
        order = np.argsort(keys, kind="stable")
        keys, F = keys[order], F[order]
        if direct_rels:
            dk = np.array(sorted(direct_rels), dtype=np.int64)
            keys = np.concatenate([keys, dk])
            F = np.concatenate([F, np.full(len(dk), -1, dtype=np.int64)])
            order = np.argsort(keys, kind="stable")
            keys, F = keys[order], F[order]
    else:
        keys = np.array(sorted(direct_rels), dtype=np.int64)
        F = np.full(len(keys), -1, dtype=np.int64)
    if len(keys):
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        inv = np.cumsum(new) - 1
        ukeys = keys[starts]
        n_e = len(ukeys)
        c_arr = np.append(np.asarray(exp_c, dtype=float), 0.0)     # index -1 -> 0
        t_arr = np.append(np.asarray(exp_t, dtype=np.int64), tindex["direct"])
        contrib = c_arr[F]
        types = t_arr[F]
        bw = [np.bincount(inv, weights=np.where(types == t, contrib, 0.0), minlength=n_e)
              for t in range(len(TIE_TYPES) - 1)]
        bw.append(np.array([wd if k in direct_rels else 0.0 for k in ukeys.tolist()]))
        total = np.sum(bw, axis=0)
        bw_l = [x.tolist() for x in bw]
        total_l = total.tolist()
        ua_l = (ukeys // N).tolist()
        ub_l = (ukeys % N).tolist()
        ukeys_l = ukeys.tolist()
        starts_l = starts.tolist() + [len(keys)]
        F_l = F.tolist()
    else:
        n_e = 0
    if n_e:
        arrays = {"src": ukeys // N, "dst": ukeys % N, "w": total,
                  "ties_by_type": {t: int((bw[j] > 0).sum()) for j, t in enumerate(TIE_TYPES)}}
    else:
        z = np.zeros(0, dtype=np.int64)
        arrays = {"src": z, "dst": z, "w": np.zeros(0),
                  "ties_by_type": {t: 0 for t in TIE_TYPES}}
    arrays["nodes"] = orgs
    arrays["relations"] = rel_count
    arrays["judged_edges"] = judged_edges

    # ---- build the graph ---------------------------------------------------------
    C = nx.Graph()
    C.graph.update(
        name="collaboration",
        weights=W,
        period=[lo, hi],
        kinds=sorted(kind_set) if kind_set is not None else None,
        sectors=sorted(sector_set) if sector_set is not None else None,
        max_group_size=max_group_size,
        keep_undated=keep_undated,
        foci=foci,
        skipped_foci=skipped,
    )
    node_rows = []
    for i, o in enumerate(orgs):
        d = nattr[o]
        loc = locs[o]
        node_rows.append((o, {
            "name": d.get("name") or o, "kind": d.get("kind"), "sector": sector_of(d.get("kind")),
            "province": loc.province, "municipality": loc.municipality,
            "regions": list(loc.regions), "n_initiatives": n_ini[i], "n_events": n_evt[i],
            "active": active[i], "umbrella": is_umbrella_org(d),
        }))
    C.add_nodes_from(node_rows)
    adj = C._adj  # direct insertion: what add_edge does, without its per-edge overhead
    ftype_attr = [_LIST_ATTR.get(TIE_TYPES[t]) for t in exp_t]
    tname = [TIE_TYPES[t] for t in exp_t]
    names = TIE_TYPES
    bw0, bw1, bw2, bw3, bw4 = bw_l if n_e else ([],) * 5
    for e in range(n_e):
        s0 = starts_l[e]
        s1 = starts_l[e + 1]
        u = orgs[ua_l[e]]
        v = orgs[ub_l[e]]
        fi = F_l[s0]
        if s1 - s0 == 1 and fi >= 0:        # the common case: one shared focus
            # tuples: the empty one is shared, a 1-tuple is the smallest container
            # (about 220 bytes less per tie than lists, and fewer objects to collect)
            attrs = {"weight": total_l[e], "initiatives": (), "events": (), "persons": (),
                     "documents": (), "direct": (), "breakdown": {tname[fi]: total_l[e]}}
            attrs[ftype_attr[fi]] = (exp_ids[fi],)
        else:
            lists = {"initiatives": [], "events": [], "persons": [], "documents": []}
            for fi in F_l[s0:s1]:
                if fi >= 0:
                    lists[ftype_attr[fi]].append(exp_ids[fi])
            attrs = {"weight": total_l[e], **{k: tuple(v) for k, v in lists.items()},
                     "direct": tuple(direct_rels.get(ukeys_l[e], ()))}
            bd = {}
            for t, col in enumerate((bw0, bw1, bw2, bw3, bw4)):
                if col[e]:
                    bd[names[t]] = col[e]
            attrs["breakdown"] = bd
        adj[u][v] = attrs
        adj[v][u] = attrs
    return C, arrays


def tie_evidence(G: nx.Graph, C: nx.Graph, u, v, *, limit: int = 10) -> list[dict]:
    """The source statements behind the tie ``u``–``v`` of a collaboration graph.

    For every shared initiative/event (and direct relation) the membership edges of
    both organisations in ``G``, as dicts with ``focus``, ``org``, ``rel``, ``doc``,
    ``sentence``, ``locator`` and ``date``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Organisation", name="A", kind="school")
    >>> G.add_node("b", label="Organisation", name="B", kind="care_provider")
    >>> G.add_node("i", label="Initiative", name="I", kind="initiative")
    >>> _ = G.add_edge("a", "i", rel="PARTNER_IN", doc="d1", sentence="A doet mee aan I.")
    >>> _ = G.add_edge("b", "i", rel="PARTNER_IN", doc="d1", sentence="B ook.")
    >>> [e["sentence"] for e in tie_evidence(G, collaboration_graph(G), "a", "b")]
    ['A doet mee aan I.', 'B ook.']
    """
    if not C.has_edge(u, v):
        return []
    e = C[u][v]
    out: list[dict] = []
    for f in list(e.get("initiatives", [])) + list(e.get("events", [])):
        for org in (u, v):
            for a, b in ((org, f), (f, org)):
                data = G.get_edge_data(a, b) or {}
                rows = data.values() if G.is_multigraph() else [data]
                for d in rows:
                    if d.get("rel") in MEMBERSHIP_RELS:
                        out.append({"focus": f, "org": org, "rel": d.get("rel"),
                                    "doc": d.get("doc"), "sentence": d.get("sentence"),
                                    "locator": d.get("locator"), "date": d.get("date")})
    if e.get("direct"):
        for a, b in ((u, v), (v, u)):
            data = G.get_edge_data(a, b) or {}
            rows = data.values() if G.is_multigraph() else [data]
            for d in rows:
                if d.get("rel") in DIRECT_RELS:
                    out.append({"focus": None, "org": a, "rel": d.get("rel"), "doc": d.get("doc"),
                                "sentence": d.get("sentence"), "locator": d.get("locator"),
                                "date": d.get("date")})
    return out[:limit]
