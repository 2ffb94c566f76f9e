"""The engine primitives: one abstract signature in ``Store``, implemented alike by
both engines (same names, same parameters, same annotations)."""

import inspect

import pytest

from graph.store.base import Store
from graph.store.ladybug import LadybugStore
from graph.store.neo4j import Neo4jStore

PRIMITIVES = {"_run", "_run_in_transaction", "_guarded_read", "ensure_schema", "close"}


def test_the_primitives_are_abstract():
    assert Store.__abstractmethods__ == PRIMITIVES
    with pytest.raises(TypeError, match="abstract"):
        Store()

    class Half(Store):  # an engine that forgot a primitive cannot be made
        def _run(self, text, params=None):
            return []

    with pytest.raises(TypeError, match="_run_in_transaction"):
        Half()


@pytest.mark.parametrize("engine", [LadybugStore, Neo4jStore], ids=["ladybug", "neo4j"])
def test_each_engine_implements_every_primitive_with_the_one_signature(engine):
    assert not engine.__abstractmethods__
    for name in sorted(PRIMITIVES):
        impl = getattr(engine, name)
        assert impl is not getattr(Store, name), f"{engine.__name__} lacks {name}"
        assert inspect.signature(impl) == inspect.signature(getattr(Store, name)), (
            f"{engine.__name__}.{name}{inspect.signature(impl)} differs from "
            f"Store.{name}{inspect.signature(getattr(Store, name))}")


def test_both_engines_have_the_same_signatures():
    for name in sorted(PRIMITIVES):
        assert inspect.signature(getattr(LadybugStore, name)) == \
            inspect.signature(getattr(Neo4jStore, name))


# --------------------------------------------------------------------------- statements

import ast  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

STORE = Path(__file__).resolve().parents[1] / "graph" / "store"
_CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|SET|RETURN|UNWIND|EXPLAIN|CHECKPOINT|"
                     r"BEGIN TRANSACTION|COMMIT|ROLLBACK|DROP|ALTER)\b")


def cypher_literals(path: Path) -> list[str]:
    """``file:line`` of every string in ``path`` (docstrings aside) that holds Cypher."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}
    return [f"{path.name}:{n.lineno}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and _CYPHER.search(n.value)]


def test_the_store_sends_only_named_statements():
    """Cypher lives in graph/store/statements.py (and the model's generated statements);
    the other store modules only call it."""
    found = [hit for f in sorted(STORE.glob("*.py")) if f.name != "statements.py"
             for hit in cypher_literals(f)]
    assert found == []
    assert len(cypher_literals(STORE / "statements.py")) >= 15


def test_statements_take_labels_only_from_the_model():
    from graph.store import statements as S

    for make in (S.stored_names, S.ids_of_label, S.delete_unlinked, S.clear_nodes_batch,
                 S.entities_with_evidence):
        assert "(n:Organisation)" in make("Organisation")
        with pytest.raises(ValueError):
            make("Organisation {id: 'x'}) DETACH DELETE (n")
    for make in (S.delete_rels_batch, S.rename_doc_batch, S.clear_rels_batch,
                 S.delete_rels_of_docs):
        assert "[r:PARTNER_IN]" in make("PARTNER_IN")
        with pytest.raises(ValueError):
            make("PARTNER_IN]->() DETACH DELETE r //")
    with pytest.raises(ValueError):
        S.rel_counts_cypher("apoc.do.it")
