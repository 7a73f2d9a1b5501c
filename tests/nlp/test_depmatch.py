"""Tests of the DependencyMatcher that matches each distinct node pattern once: spaCy's matches, in spaCy's order."""

from __future__ import annotations

import pytest
from conftest import blank_pipeline, hand_doc, parse_table
from spacy.matcher import DependencyMatcher as SpacyDependencyMatcher

from beslan_kg.nlp.depmatch import DependencyMatcher
from beslan_kg.nlp.relations import _STANDS, _loosen
from beslan_kg.nlp.rules import load_rules

NOUN = {"POS": {"IN": ["NOUN", "PROPN"]}}

# Patterns that share nodes (any noun, "of", "in"), over every operator spaCy knows.
PATTERNS = {
    "of": [{"RIGHT_ID": "head", "RIGHT_ATTRS": NOUN},
           {"LEFT_ID": "head", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": "of"}},
           {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": NOUN}],
    "in": [{"RIGHT_ID": "head", "RIGHT_ATTRS": {"POS": "VERB"}},
           {"LEFT_ID": "head", "REL_OP": ">>", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": "in"}},
           {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": NOUN}],
    "up": [{"RIGHT_ID": "noun", "RIGHT_ATTRS": NOUN},
           {"LEFT_ID": "noun", "REL_OP": "<<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}}],
    "order": [{"RIGHT_ID": "a", "RIGHT_ATTRS": NOUN},
              {"LEFT_ID": "a", "REL_OP": ".*", "RIGHT_ID": "b", "RIGHT_ATTRS": NOUN},
              {"LEFT_ID": "a", "REL_OP": ";*", "RIGHT_ID": "c", "RIGHT_ATTRS": {}}],
    "siblings": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
                 {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "left", "RIGHT_ATTRS": NOUN},
                 {"LEFT_ID": "left", "REL_OP": "$++", "RIGHT_ID": "right", "RIGHT_ATTRS": NOUN},
                 {"LEFT_ID": "left", "REL_OP": ".", "RIGHT_ID": "next", "RIGHT_ATTRS": {}}],
    "any": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
            {"LEFT_ID": "a", "REL_OP": "<", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}],
}

TABLE = """
Leaders NOUN nsubj 1
met VERB ROOT 1
the DET det 3
mayor NOUN dobj 1
of ADP prep 3
Beslan PROPN pobj 4
in ADP prep 1
town NOUN pobj 6
. PUNCT punct 1
Police NOUN nsubj 10
found VERB ROOT 10
people NOUN dobj 10
of ADP prep 11
Kazan PROPN pobj 12
. PUNCT punct 10
"""


TABLE_ES = """
El DET det 1
alcalde NOUN nsubj 5
de ADP case 3
Beslan PROPN nmod 1
, PUNCT punct 5
vive VERB ROOT 5
en ADP case 7
Osetia PROPN obl 5
del ADP case 9
Norte PROPN flat 7
, PUNCT punct 11
Rusia PROPN appos 7
. PUNCT punct 5
"""


def both(patterns, lang="en"):
    """spaCy's matcher and ours, with the same rules added in the same order."""
    vocab = blank_pipeline(lang).nlp.vocab
    theirs, ours = SpacyDependencyMatcher(vocab), DependencyMatcher(vocab)
    for key, pattern in patterns:
        theirs.add(key, [pattern])
        ours.add(key, [pattern])
    return theirs, ours


def test_the_matches_and_their_order_are_spacys():
    theirs, ours = both(PATTERNS.items())
    doc = parse_table("en", TABLE, annotate=False)
    expected = theirs(doc)
    assert len({key for key, _ in expected}) == len(PATTERNS)  # every rule matches: the test compares something
    assert ours(doc) == expected


def test_a_rule_added_after_the_first_match_is_matched():
    theirs, ours = both(list(PATTERNS.items())[:2])
    doc = parse_table("en", TABLE, annotate=False)
    assert ours(doc) == theirs(doc)
    for key in ("up", "order"):
        theirs.add(key, [PATTERNS[key]])
        ours.add(key, [PATTERNS[key]])
    assert ours(doc) == theirs(doc)
    ours.remove("of")
    theirs.remove("of")
    assert ours(doc) == theirs(doc)


def test_a_rule_that_cannot_match_gives_nothing():
    _, ours = both([("of", PATTERNS["of"])])
    doc = hand_doc(blank_pipeline("en").nlp, ["Rain", "fell", "."], pos=["NOUN", "VERB", "PUNCT"],
                   deps=["nsubj", "ROOT", "punct"], heads=[1, 1, 1])
    assert ours(doc) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_relation_rules_match_as_with_spacy(lang):
    rules = load_rules(lang)["relations"]
    theirs, ours = both([(rule["id"], [_loosen(node) for node in rule["pattern"]]) for rule in rules], lang)
    doc = parse_table(lang, TABLE if lang == "en" else TABLE_ES, annotate=False)
    # Every token stands for an entity here (see relations._iter_matches), so that every noun is a candidate.
    for token in doc:
        token._.set(_STANDS, True)
    expected = theirs(doc)
    assert expected
    assert ours(doc) == expected
