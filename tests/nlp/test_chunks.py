"""Long texts: chunks that cover the text exactly, and sentences of bounded length."""

from __future__ import annotations

import pytest

from beslan_kg.nlp.chunks import SentenceCap, iter_chunks


@pytest.mark.parametrize("text", [
    "First paragraph here.\n\nSecond one follows.\n\nA third.",
    "no full stop anywhere just words and more words " * 40,
    "x" * 1000,
    "Una frase. Otra frase, con coma. " * 30,
    "",
])
def test_chunks_cover_the_text_in_order_and_respect_the_size(text):
    chunks = list(iter_chunks(text, size=100))
    assert "".join(text[s:e] for s, e in chunks) == text
    assert all(e - s <= 100 for s, e in chunks)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))


def test_a_chunk_ends_at_the_best_break_in_its_second_half():
    text = "A" * 60 + "\n\n" + "b " * 30 + "c. " + "d " * 40
    (first, *_) = iter_chunks(text, size=100)
    assert text[first[0]:first[1]].endswith("\n\n")
    text = "word " * 12 + "end. " + "word " * 30
    (first, *_) = iter_chunks(text, size=100)
    assert text[first[0]:first[1]].endswith("end. ")


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
