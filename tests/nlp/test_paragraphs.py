"""Line breaks start sentences, so captions and datelines stay out of evidence."""

from __future__ import annotations

import spacy

from beslan_kg.nlp.paragraphs import ParagraphSentencizer


def test_each_line_starts_a_sentence_and_match_leaves_the_doc_alone():
    nlp = spacy.blank("en")
    component = ParagraphSentencizer(nlp, "p")
    doc = nlp("Mourners at the school — AP\n\nUpdated: Mon 3 Sep 2007\nThe town fell silent at noon.")
    starts = component.match(doc)
    assert [doc[i].text for i in starts] == ["Updated", "The"]
    assert not any(doc[i].is_sent_start for i in starts)  # match computes, set_annotations writes
    component(doc)
    # Only the boundaries after line breaks are set; the rest is left to the parser.
    assert [doc[i].is_sent_start for i in starts] == [True, True]
    assert doc[1].is_sent_start is None
