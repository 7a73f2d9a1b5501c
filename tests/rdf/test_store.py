"""The query store: a graph file's graphs, their union once a triple, and the on-disk cache serve shares."""

from __future__ import annotations

import shutil

import pytest

from beslan_kg.errors import InputError
from beslan_kg.rdf.query import run_query
from beslan_kg.rdf.store import cached_store, find_cached_store, load_store, open_store, snapshot_store

EX = "http://example.org/"
# One triple in two graphs, one in a graph of its own.
TRIG = f"""@prefix ex: <{EX}> .
ex:g1 {{ ex:a ex:knows ex:b . ex:a ex:name "A" . }}
ex:g2 {{ ex:a ex:knows ex:b . }}
"""


@pytest.fixture
def graph_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BESLAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


def _count(store, where: str) -> int:
    return int(run_query(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0][0])


@pytest.mark.parametrize("cache", [False, True])
def test_the_default_graph_is_the_union_of_the_graphs_each_triple_once(graph_file, cache):
    store = load_store(graph_file, cache=cache)
    assert _count(store, "?s ?p ?o") == 2 == len(store)
    assert _count(store, "GRAPH ?g { ?s ?p ?o }") == 3
    assert store.graphs == {f"{EX}g1", f"{EX}g2"}


def test_a_file_is_loaded_into_the_cache_once_and_found_there_after(graph_file):
    assert find_cached_store(graph_file) is None
    notes = []
    entry = cached_store(graph_file, on_load=notes.append)
    assert len(notes) == 1 and str(graph_file) in notes[0]
    assert find_cached_store(graph_file) == entry
    assert cached_store(graph_file, on_load=notes.append) == entry and len(notes) == 1
    # A rebuilt file is another entry: the cache is keyed by content, not by name.
    graph_file.write_text(TRIG.replace('"A"', '"B"'), encoding="utf-8")
    assert find_cached_store(graph_file) is None
    assert cached_store(graph_file) != entry


def test_a_snapshot_stays_whole_when_the_cache_entry_is_removed(graph_file, tmp_path):
    entry = cached_store(graph_file)
    snapshot_store(entry, tmp_path / "snapshot")
    shutil.rmtree(entry)
    store = open_store(tmp_path / "snapshot")
    assert run_query(store, f"SELECT ?name WHERE {{ <{EX}a> <{EX}name> ?name }}").rows == (("A",),)
    assert find_cached_store(graph_file) is None


def test_a_missing_or_unknown_file_is_named(tmp_path):
    with pytest.raises(InputError, match="no such graph file"):
        find_cached_store(tmp_path / "none.trig")
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="unknown graph format"):
        load_store(odd)
