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
