"""Sentences of bounded length: the cap a text without full stops gets before the parser."""

from __future__ import annotations

from beslan_kg.nlp.sentences import SentenceCap


def test_no_sentence_is_longer_than_the_cap(nlp_en):
    text = " ".join(["Putin", "visited", "Beslan", "and", "the", "school", ","] * 100)
    doc = nlp_en(text)
    assert max(len(s) for s in doc.sents) <= 100


def test_the_cap_breaks_after_punctuation_in_the_second_half_of_the_window(nlps):
    nlp = nlps["en"]
    doc = nlp.make_doc(" ".join(["word"] * 7 + [";"] + ["word"] * 20))
    cap = SentenceCap(nlp, "cap", max_tokens=10)
    starts = cap.match(doc)
    assert starts[0] == 8  # after the semicolon, not at token 10
    assert all(b - a <= 10 for a, b in zip([0, *starts], [*starts, len(doc)]))
