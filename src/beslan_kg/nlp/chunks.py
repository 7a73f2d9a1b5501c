"""Keep long texts processable, in time linear in their length.

Two limits make a text of any length (within the article size limit) cost
time in proportion to its length:

- **Chunks.** spaCy refuses texts past ``nlp.max_length`` (E088), its
  parser's memory grows with the text, and some extraction steps cost more
  than linear time in the length of the text they read, so a text longer
  than :data:`CHUNK_CHARS` is cut into chunks at paragraph breaks, else after
  a sentence's full stop, else at white space (else, in a run of that many
  characters without any, anywhere). Each chunk is a section, parsed and
  extracted on its own (:mod:`beslan_kg.nlp.sections`). Articles shorter than
  a chunk (nearly all) are read whole.
- **Sentences.** Matching dependency patterns, and finding the sentence of a
  piece of evidence, cost time in the square of a sentence's length. A text
  without full stops would be one sentence as long as the text.
  :class:`SentenceCap`, before the parser, starts a sentence at least every
  :data:`MAX_SENTENCE_TOKENS` tokens: after the last full stop, semicolon,
  colon or comma in the last stretch of the window, else at the window's
  end. The parser keeps boundaries it is given and may add more. Real
  sentences are far shorter, so real articles are not changed by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

#: Characters of text parsed at once at most (spaCy's own limit is 1,000,000).
CHUNK_CHARS = 100_000
#: Tokens a sentence holds at most. News sentences rarely pass 60 (the longest in
#: tests/gold has 60); the matching of relation patterns costs time in a high
#: power of a sentence's length.
MAX_SENTENCE_TOKENS = 100
# Where a cut may fall, best first: a paragraph break, a line break, a full
# stop (or ! ?) followed by white space, white space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"'»”’)]*\s+"), re.compile(r"\s+"))
# Tokens after which a forced sentence may end, best first.
_ENDS = ({".", "!", "?", "…"}, {";", ":"}, {",", "—", "–"})


def iter_chunks(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of consecutive chunks of at most ``size`` (:data:`CHUNK_CHARS`) characters that cover ``text``.

    A cut falls in the second half of the window, at the best break found
    there, just after it: the white space stays with the chunk before, so no
    token is cut in two.
    """
    size = size or CHUNK_CHARS
    start = 0
    while len(text) - start > size:
        window_end = start + size
        low = start + size // 2
        cut = window_end
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(text, low, window_end)]
            if found:
                cut = found[-1]
                break
        yield start, cut
        start = cut
    if start < len(text) or not text:
        yield start, len(text)


def is_long(text: str) -> bool:
    """True for a text longer than one chunk (:data:`CHUNK_CHARS`, read at each call): it is read in sections (:mod:`beslan_kg.nlp.sections`)."""
    return len(text) > CHUNK_CHARS


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
