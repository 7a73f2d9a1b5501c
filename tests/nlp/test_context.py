"""What the extractors share about one article: evidence spans and their sentences."""

from __future__ import annotations

from conftest import article_context, blank_pipeline, hand_doc


def _doc(words: list[str], sentence_starts: list[int]):
    nlp = blank_pipeline("es").nlp
    return hand_doc(nlp, words, sent_starts=[i in sentence_starts for i in range(len(words))])


def test_evidence_lies_within_its_sentence():
    doc = _doc(["Ayer", "llovió", ".", "Hoy", "nieva", "."], [0, 3])
    ctx = article_context("es", doc)
    start = doc.text.index("nieva")
    evidence = ctx.evidence(start, start + len("nieva"))
    assert evidence.sentence == "Hoy nieva."
    assert evidence.sentence_start <= evidence.start < evidence.end <= evidence.sentence_end


def test_a_name_cut_by_the_sentence_splitter_takes_both_sentences():
    # "Los soldados rodearon la School No. 1 el lunes.": the splitter ends a
    # sentence after "No.", inside the name.
    words = ["Los", "soldados", "rodearon", "la", "School", "No", ".", "1", "el", "lunes", "."]
    doc = _doc(words, [0, 7])
    ctx = article_context("es", doc)
    start = doc.text.index("School")
    end = doc.text.index("1") + 1
    evidence = ctx.evidence(start, end)
    assert evidence.text == "School No. 1"
    assert (evidence.sentence_start, evidence.sentence_end) == (0, len(doc.text))
    assert evidence.sentence == doc.text
