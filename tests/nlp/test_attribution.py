"""Attribution: claims made on a source's word carry that source."""

from __future__ import annotations

from conftest import article_context, blank_pipeline
from spacy.tokens import Doc

from beslan_kg.nlp.attribution import find_attributions


def _ctx(lang, words, spaces, deps, heads, pos, lemmas, entity=None):
    doc = Doc(blank_pipeline(lang).nlp.vocab, words=words, spaces=spaces, deps=deps, heads=heads, pos=pos,
              lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1))
    ctx = article_context(lang, doc)
    if entity is not None:
        index, local_id = entity
        ctx.entity_of_token[index] = local_id
        ctx.kind_of[local_id] = "Organization"
    return ctx


def test_according_to_names_the_source_entity_in_english():
    ctx = _ctx("en", ["According", "to", "Interfax", ",", "the", "raid", "ended", "."],
               [True, True, False, True, True, True, False, False],
               ["prep", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "punct"], [6, 0, 1, 6, 5, 6, 6, 6],
               ["VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
               ["accord", "to", "Interfax", ",", "the", "raid", "end", "."], entity=(2, "interfax"))
    (attribution,) = find_attributions(ctx)
    assert (attribution.text, attribution.source) == ("According to Interfax", "interfax")
    assert (attribution.sentence_start, attribution.sentence_end) == (0, len(ctx.doc.text))


def test_segun_names_the_source_in_spanish():
    ctx = _ctx("es", ["Según", "la", "fiscalía", ",", "el", "asedio", "terminó", "."],
               [True, True, False, True, True, True, False, False],
               ["case", "det", "obl", "punct", "det", "nsubj", "ROOT", "punct"], [2, 2, 6, 2, 5, 6, 6, 6],
               ["ADP", "DET", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
               ["según", "el", "fiscalía", ",", "el", "asedio", "terminar", "."])
    (attribution,) = find_attributions(ctx)
    assert (attribution.text, attribution.source) == ("Según la fiscalía", None)


def test_a_reporting_verb_needs_a_reported_clause():
    said = _ctx("en", ["Officials", "said", "twenty", "people", "died", "."], [True, True, True, True, False, False],
                ["nsubj", "ROOT", "nummod", "nsubj", "ccomp", "punct"], [1, 1, 3, 4, 1, 1],
                ["NOUN", "VERB", "NUM", "NOUN", "VERB", "PUNCT"], ["official", "say", "twenty", "people", "die", "."])
    assert [a.text for a in find_attributions(said)] == ["Officials said"]
    told = _ctx("en", ["Survivors", "told", "their", "story", "."], [True, True, True, False, False],
                ["nsubj", "ROOT", "poss", "dobj", "punct"], [1, 1, 3, 1, 1],
                ["NOUN", "VERB", "PRON", "NOUN", "PUNCT"], ["survivor", "tell", "their", "story", "."])
    assert find_attributions(told) == []
