"""The model is the single source of both engines' schema."""

from pathlib import Path

from graph.model import (ENTITY_LABELS, NODE_TABLES, REL_TABLES, ladybug_ddl, make_id,
                         merge_node_cypher, neo4j_schema, schema_cypher_text)

ROOT = Path(__file__).resolve().parents[1]


def test_schema_file_is_generated_from_the_model():
    assert (ROOT / "cypher" / "schema.cypher").read_text(encoding="utf-8") == schema_cypher_text()


def test_every_node_key_has_a_uniqueness_constraint_and_name_index():
    stmts = neo4j_schema()
    for label in NODE_TABLES:
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in stmts)
        assert any(f"(n:{label}) ON (n.name)" in s for s in stmts)


def test_ladybug_ddl_declares_every_table_once():
    ddl = ladybug_ddl()
    assert len(ddl) == len(NODE_TABLES) + len(REL_TABLES)
    for rel in REL_TABLES.values():
        (stmt,) = [s for s in ddl if f"REL TABLE IF NOT EXISTS {rel.type}(" in s]
        for a, b in rel.pairs:
            assert f"FROM {a} TO {b}" in stmt


def test_kind_is_a_property_not_a_label():
    assert "kind" in NODE_TABLES["Organisation"].props
    assert all(":School" not in s for s in neo4j_schema())
    assert "SET n.name = row.name,\n    n.kind = row.kind" in merge_node_cypher("Organisation")


def test_ids_are_stable_across_spelling_variants():
    a = make_id("Organisation", "InteraktContour", "care_provider")
    b = make_id("Organisation", "  Interaktcontour ", "care_provider")
    assert a == b
    assert make_id("Initiative", "het Zorgpact") == make_id("Initiative", "Zorgpact")
    assert make_id("Organisation", "CZ", "insurer") != make_id("Organisation", "CZ", "company")


def test_entity_labels_cover_all_gold_types():
    from graph.model import TYPE_TO_LABEL

    assert set(TYPE_TO_LABEL.values()) == set(ENTITY_LABELS)
