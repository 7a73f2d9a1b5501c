"""Sentences of bounded length, so that a text without full stops costs time in proportion to its length.

Matching dependency patterns, and finding the sentence of a piece of
evidence, cost time in the square of a sentence's length, and a text without
full stops would be one sentence as long as the text. :class:`SentenceCap`,
before the parser, starts a sentence at least every
:data:`MAX_SENTENCE_TOKENS` tokens: after the last full stop, semicolon,
colon or comma in the last stretch of the window, else at the window's end.
The parser keeps boundaries it is given and may add more. Real sentences are
far shorter, so real articles are not changed by it. (A long text is also
cut into sections, each read on its own: :mod:`beslan_kg.nlp.sections`.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: Tokens a sentence holds at most. News sentences rarely pass 60 (the longest in
#: tests/gold has 60); the matching of relation patterns costs time in a high
#: power of a sentence's length.
MAX_SENTENCE_TOKENS = 100
# Tokens after which a forced sentence may end, best first.
_ENDS = ({".", "!", "?", "…"}, {";", ":"}, {",", "—", "–"})


class SentenceCap:
    """Start a sentence at least every ``max_tokens`` tokens, before the parser runs."""

    def __init__(self, nlp: Language, name: str, *, max_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        self.name = name
        self.max_tokens = max_tokens

    def match(self, doc: Doc) -> list[int]:
        """Return the tokens that must start a sentence so that none is longer than ``max_tokens``."""
        starts = []
        begin = 0
        while len(doc) - begin > self.max_tokens:
            end = begin + self.max_tokens
            given = [i for i in range(begin + 1, end + 1) if doc[i].is_sent_start]
            if given:
                # A boundary set before (a line break) already ends this stretch.
                begin = given[-1]
                continue
            cut = end
            for marks in _ENDS:
                found = [i + 1 for i in range(begin + self.max_tokens // 2, end) if doc[i].text in marks]
                if found:
                    cut = found[-1]
                    break
            starts.append(cut)
            begin = cut
        return starts

    def set_annotations(self, doc: Doc, starts: list[int]) -> None:
        """Make each of ``starts`` begin a sentence."""
        for i in starts:
            if 0 < i < len(doc):
                doc[i].is_sent_start = True

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("beslan_sentence_cap", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_sentence_cap(nlp: Language, name: str, *, max_tokens: int) -> SentenceCap:
    """Build the :class:`SentenceCap`."""
    return SentenceCap(nlp, name, max_tokens=max_tokens)
