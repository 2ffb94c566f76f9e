"""Scoring on tiny hand-made gold/prediction pairs."""

from loaders.evaluate import key, score, score_document


def G(*ents, rels=()):
    return {"doc": "a.txt", "entities": [dict(name=n, type=t, aliases=list(a))
                                         for n, t, a in ents],
            "relations": [dict(src=s, rel=r, dst=d) for s, r, d in rels]}


def P(*ents, rels=()):
    return {"doc": "a.txt", "entities": [dict(name=n, type=t, aliases=[], mentions=list(m))
                                         for n, t, m in ents],
            "relations": [dict(src=s, rel=r, dst=d) for s, r, d in rels]}


def test_key_normalisation():
    assert key("  Zorg\u00a0aan   ZET ") == "zorg aan zet"
    assert key("ﬁnance") == "finance"          # NFKC


def test_match_via_alias_and_mention():
    gold = G(("Ministerie van Volksgezondheid, Welzijn en Sport", "government", ["VWS"]))
    pred = P(("Min. VWS", "government", ["VWS"]))
    d = score_document(pred, gold)
    assert (d.entities.tp, d.typed.tp) == (1, 1)


def test_typed_requires_same_type():
    d = score_document(P(("CZ", "company", [])), G(("CZ", "insurer", [])))
    assert d.entities.tp == 1 and d.typed.tp == 0


def test_gold_entity_not_matched_twice():
    gold = G(("Paul Blokhuis", "person", ["Blokhuis"]))
    pred = P(("Paul Blokhuis", "person", []), ("Blokhuis", "person", []))
    d = score_document(pred, gold)
    assert d.entities.tp == 1 and d.entities.pred == 2 and d.entities.gold == 1
    assert d.entities.p == 0.5 and d.entities.r == 1.0


def test_matching_is_maximal_not_greedy():
    # the first prediction could take either gold entity; a greedy match would block
    gold = G(("A", "company", ["X"]), ("B", "company", []))
    pred = P(("X", "company", ["A", "B"]), ("A", "company", []))
    assert score_document(pred, gold).entities.tp == 2


def test_reversed_relation_does_not_match_and_rel_must_be_equal():
    gold = G(("Jan", "person", []), ("ROC", "school", []),
             rels=[("Jan", "AFFILIATED_WITH", "ROC")])
    ents = (("Jan", "person", []), ("ROC", "school", []))
    assert score_document(P(*ents, rels=[("ROC", "AFFILIATED_WITH", "Jan")]), gold
                          ).relations.tp == 0
    assert score_document(P(*ents, rels=[("Jan", "PARTICIPATED_IN", "ROC")]), gold
                          ).relations.tp == 0
    assert score_document(P(*ents, rels=[("Jan", "AFFILIATED_WITH", "ROC")]), gold
                          ).relations.tp == 1


def test_relation_ends_match_through_mentions():
    gold = G(("Zorgpact", "initiative", ["Landelijk Zorgpact"]), ("kabinet", "government", []),
             rels=[("kabinet", "ORGANISED", "Zorgpact")])
    pred = P(("Het Zorgpact", "initiative", ["landelijk zorgpact"]),
             ("Kabinet", "government", []), rels=[("Kabinet", "ORGANISED", "Het Zorgpact")])
    d = score_document(pred, gold)
    assert d.entities.tp == 2 and d.relations.tp == 1


def test_micro_average_and_missing_document():
    g1 = G(("A", "company", []))
    g2 = dict(G(("B", "company", []), ("C", "company", [])), doc="b.txt")
    s = score([P(("A", "company", []), ("Z", "company", []))], [g1, g2])
    assert (s.entities.tp, s.entities.pred, s.entities.gold) == (1, 2, 3)
    assert s.missing_docs == ["b.txt"]
    assert round(s.entities.f1, 3) == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 3)
