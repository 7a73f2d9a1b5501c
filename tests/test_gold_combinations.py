"""Building any combination of the gold articles never fails validation.

Whether a graph conforms must not depend on which articles are built
together: one article's "criticism" is not another's, and a name read as a
person in one article and as a place in another never leaves a relation of
the wrong kind. Every gold article is read once; the graphs of each article
alone, of all of them, and of a few seeded random subsets are validated.

To keep the test fast, the graphs of several combinations are validated in
one pass: each copy has its nodes renamed apart (its article, entity,
statement and figure IRIs prefixed with a tag of its own), so that no node
is shared and the shapes, which look at one node and its neighbours, judge
each copy as they would alone.
"""

from __future__ import annotations

import random

import pytest
from conftest import ROOT

from rdflib import Graph, Literal, URIRef

from beslan_kg.evaluate import iter_gold_files, load_gold
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.io import union_graph
from beslan_kg.rdf.namespaces import BASE, SCHEMA
from beslan_kg.rdf.validate import to_line, validate_dataset
from beslan_kg.resolve import resolve

GOLD = ROOT / "tests" / "gold"
RANDOM_SUBSETS = 2


@pytest.fixture(scope="module")
def extractions():
    golds = [load_gold(path) for path in iter_gold_files(GOLD)]
    return {x.article.id: x for x in iter_extractions([g.article for g in golds])}


def _apart(graph: Graph, tag: str) -> Graph:
    """Return a copy of a built graph with every IRI the build minted prefixed by ``tag``."""
    ontology = BASE + "ontology"

    def rename(term):
        if isinstance(term, URIRef) and str(term).startswith(BASE) and not str(term).startswith(ontology):
            kind, _, rest = str(term)[len(BASE):].partition("/")
            return URIRef(f"{BASE}{kind}/{tag}-{rest}")
        return term

    copy = Graph()
    for s, p, o in graph:
        copy.add((rename(s), p, Literal(f"{tag}-{o}") if p == SCHEMA.identifier else rename(o)))
    return copy


def _violations(extractions, combinations: list[tuple[str, ...]]) -> list[str]:
    """Build each combination's graph, validate them all in one pass, and return the violations, naming the combination."""
    union = Graph()
    for n, ids in enumerate(combinations):
        union += _apart(union_graph(to_dataset(resolve([extractions[i] for i in ids]))), f"c{n}")
    report = validate_dataset(union, source="combinations")
    return [to_line(v) for v in report.errors]


def test_the_renamed_copies_are_judged_apart():
    # A graph with a violation in one copy only is reported for that copy only.
    from rdflib import RDF

    from beslan_kg.rdf.namespaces import ID

    broken = Graph()
    broken.add((ID["nobody"], RDF.type, SCHEMA.Person))
    lines = [to_line(v) for v in validate_dataset(_apart(broken, "c7") + Graph()).errors]
    assert lines and all("c7-nobody" in line for line in lines)


def test_each_gold_article_alone_builds_a_graph_that_conforms(extractions):
    assert _violations(extractions, [(i,) for i in sorted(extractions)]) == []


def test_all_gold_articles_together_and_random_subsets_build_graphs_that_conform(extractions):
    ids = sorted(extractions)
    rng = random.Random(12)
    subsets = [tuple(sorted(rng.sample(ids, rng.randint(2, len(ids) - 1)))) for _ in range(RANDOM_SUBSETS)]
    assert _violations(extractions, [tuple(ids), *subsets]) == []


def test_there_are_gold_articles_of_several_sets(extractions):
    assert len(extractions) >= 10
    assert {x.article.language for x in extractions.values()} == {"en", "es"}
