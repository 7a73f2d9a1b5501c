"""The entity nodes a build writes from the open-domain gold sets are clean.

Issue "Entities on any topic": building the open sets writes no node that is
a fragment, a time zone, a numeral or a possessive form. What a fragment is
comes from the gold: a node named like a gold mention less its last word. A
node's own labels are checked; its alternative labels are the other names the
articles give it ("Acme" of "Acme Group"), which merging put there. A node the
knowledge base links is named as the table names it, which is no fragment of
the text ("Bartın" for "Bartın Province", the table's name of the province).
Only counts are reported for ``open-dev``, whose errors are never read.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import ROOT

from beslan_kg.evaluate import iter_gold_files, load_gold
from beslan_kg.kb import fold, load_kb
from beslan_kg.nlp.filters import ROMAN
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.nlp.rules import load_rules
from beslan_kg.resolve import resolve

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module", params=["open-tune", "open-tune2", "open-tune3", "open-tune4", "open-tune5", "open-tune6", "open-tune7", "open-tune8", "open-tune9", "open-tune10", "open-tune11", "open-tune12", "open-tune13", "open-dev"])
def built_open_set(request):
    golds = [load_gold(path) for path in iter_gold_files(GOLD / request.param)]
    graph = resolve(iter_extractions([g.article for g in golds]))
    mentions = {fold(m) for g in golds for e in g.entities for m in e.get("mentions") or ()}
    return request.param, graph, mentions


def _problem(label: str, gold_mentions: set[str], never: set[str], function_words: set[str]) -> str | None:
    folded = fold(label)
    # An apostrophe inside a word keeps it whole: the "e" of "Chang'e" is no conjunction.
    words = re.findall(r"\w+(?:['’]\w+)*", folded)
    if folded in never:
        return "time zone, scale or unit"
    if ROMAN.fullmatch(label) or re.fullmatch(r"[\d.,\s]+", label):
        return "numeral"
    if re.search(r"['’]s?$", label):
        return "possessive"
    if not words or words[-1] in function_words or re.search(r"[-\u2010\u2011&/]$", label.strip()):
        return "fragment"  # "Tribunal Superior de"; "Notre-", cut at its hyphen
    if folded not in gold_mentions and any(m.startswith(folded + " ") and len(m.split()) == len(folded.split()) + 1 for m in gold_mentions):
        return "fragment"
    return None


def test_building_the_open_sets_writes_no_junk_node(built_open_set):
    name, graph, gold_mentions = built_open_set
    never, function_words = set(), set()
    for lang in ("en", "es"):
        rules = load_rules(lang)
        never |= {fold(str(w)) for words in rules["not_entity_names"].values() for w in words}
        function_words |= {fold(w) for w in (*rules["of_words"], *rules["coordinators"], *rules["anaphora"]["determiners"])}
    tabled = {(entry.wikidata, lang, label) for entry in load_kb().values() if entry.wikidata for lang, label in entry.labels.items()}
    problems = [
        (_problem(label, gold_mentions, never, function_words), label)
        for entity in graph.entities
        if entity.kind != "Event"
        for lang, label in entity.labels
        if (entity.wikidata, lang, label) not in tabled
    ]
    problems = [(kind, label) for kind, label in problems if kind]
    if name == "open-dev":
        assert Counter(kind for kind, _ in problems) == Counter()
    else:
        assert problems == []


def test_the_checks_catch_what_they_are_for():
    gold = {fold("Tribunal Superior de Navarra"), fold("Cocos plate")}
    never, function_words = {"utc"}, {"de", "of", "the"}
    assert _problem("Chang'e", gold, never, function_words | {"e"}) is None
    assert _problem("UTC", gold, never, function_words) == "time zone, scale or unit"
    assert _problem("XIV", gold, never, function_words) == "numeral"
    assert _problem("the minister's", gold, never, function_words) == "possessive"
    assert _problem("Tribunal Superior de", gold, never, function_words) == "fragment"
    assert _problem("Notre-", gold, never, function_words) == "fragment"
    assert _problem("Cocos", gold, never, function_words) == "fragment"
    assert _problem("Tribunal Superior de Navarra", gold, never, function_words) is None
