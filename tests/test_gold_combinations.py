"""Building any combination of the gold articles never fails validation.

Whether a graph conforms must not depend on which articles are built
together: one article's "criticism" is not another's, and a name read as a
person in one article and as a place in another never leaves a relation of
the wrong kind. Every gold article is read once; the graphs of each article
alone, of all of them, and of a few seeded random subsets are validated.
"""

from __future__ import annotations

import random

import pytest
from conftest import ROOT

from beslan_kg.evaluate import iter_gold_files, load_gold
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.validate import to_line, validate_dataset
from beslan_kg.resolve import resolve

GOLD = ROOT / "tests" / "gold"
RANDOM_SUBSETS = 4


@pytest.fixture(scope="module")
def extractions():
    golds = [load_gold(path) for path in iter_gold_files(GOLD)]
    return {x.article.id: x for x in iter_extractions([g.article for g in golds])}


def _violations(extractions, ids) -> list[str]:
    report = validate_dataset(to_dataset(resolve([extractions[i] for i in ids])), source=", ".join(ids))
    return [to_line(v) for v in report.errors]


def _combinations(extractions) -> list[tuple[str, ...]]:
    ids = sorted(extractions)
    rng = random.Random(12)
    subsets = [tuple(sorted(rng.sample(ids, rng.randint(2, len(ids) - 1)))) for _ in range(RANDOM_SUBSETS)]
    return [(i,) for i in ids] + [tuple(ids)] + subsets


def test_there_are_gold_articles_of_several_sets(extractions):
    assert len(extractions) >= 10
    assert {x.article.language for x in extractions.values()} == {"en", "es"}


def test_every_combination_of_gold_articles_builds_a_graph_that_conforms(extractions):
    failures = {ids: found for ids in _combinations(extractions) if (found := _violations(extractions, ids))}
    assert failures == {}
