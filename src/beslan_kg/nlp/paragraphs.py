"""A spaCy component that starts a sentence after every line break.

News texts put captions, datelines and paragraphs on lines of their own, often
without a full stop ("— Reuters", "Published: Sun 1 Sep 2024"). The parser
would run them into the next sentence, and the evidence shown for a fact would
then carry a caption along. It runs before the parser, which keeps the
boundaries it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphSentencizer:
    """Mark the token after a line break as a sentence start."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def match(self, doc: Doc) -> list[int]:
        """Return the indices of the tokens that start a line."""
        # spaCy makes every run of white space holding a line break a token of its own.
        return [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]

    def set_annotations(self, doc: Doc, starts: list[int]) -> None:
        """Make each of ``starts`` begin a sentence."""
        for i in sorted(set(starts)):
            if 0 < i < len(doc):
                doc[i].is_sent_start = True

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("beslan_paragraphs")
def make_paragraph_sentencizer(nlp: Language, name: str) -> ParagraphSentencizer:
    """Build the :class:`ParagraphSentencizer`."""
    return ParagraphSentencizer(nlp, name)
