"""A long article, read in sections.

An article longer than :data:`SECTION_CHARS` characters (about 15,000 words,
longer than nearly any news article) is cut into sections at paragraph
breaks, else after full stops, else at white space (:func:`iter_sections`).
Each section is parsed and extracted on its own, and the sections' records
are joined into the article's (:func:`join_sections`). spaCy refuses texts
past ``nlp.max_length`` (E088) and its parser's memory grows with the text;
this way the map step's time and memory grow in proportion to an article's
length, whatever an extraction step costs in the length of the text it
reads, and the sections of one article can be read on several workers at
once (:mod:`beslan_kg.mapstep`). This module needs no spaCy: the process
that hands sections to workers never loads it.

What reading in sections gives up is what links one section to another: a
surname, "the town" or "the attack" is read against the names of its own
section, and a date stated in one section does not date an event told in the
next. Records are joined the way the pipeline joins repeats within one text:
an entity or event with the same ``local_id`` (the key of its name, or of its
class, place and year) in two sections is one, with the mentions and evidence
of both, and its other fields from the first section that gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from beslan_kg.records import ArticleExtraction, ArticleMeta, Attribution, Evidence, unique_relations

R = TypeVar("R")

#: Characters of text read at once at most (spaCy's own limit is 1,000,000).
SECTION_CHARS = 100_000
# Where a cut may fall, best first: a paragraph break, a line break, a full
# stop (or ! ?) followed by white space, white space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"'»”’)]*\s+"), re.compile(r"\s+"))


def is_long(text: str) -> bool:
    """True for a text longer than one section (:data:`SECTION_CHARS`, read at each call), which is read in sections."""
    return len(text) > SECTION_CHARS


def iter_sections(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of consecutive sections of at most ``size`` (:data:`SECTION_CHARS`) characters that cover ``text``.

    A cut falls in the second half of the window, at the best break found
    there, just after it: the white space stays with the section before, so
    no token is cut in two (else, in a run of that many characters without
    any break, anywhere).
    """
    size = size or SECTION_CHARS
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


def join_sections(meta: ArticleMeta, sections: Sequence[tuple[int, ArticleExtraction]]) -> ArticleExtraction:
    """Join the extractions of an article's sections, each given with the offset of its text in the article.

    Args:
        meta: The article's metadata.
        sections: ``(offset, extraction)`` per section, in text order; each
            extraction's offsets are offsets into its section's text.

    Returns:
        One extraction of the whole article, with offsets into the article.
    """
    parts = [_shift(extraction, offset) for offset, extraction in sections]
    events = _join_same([e for part in parts for e in part.events])
    named_events = {e.local_id for e in events}
    return ArticleExtraction(
        article=meta,
        entities=tuple(e for e in _join_same(e for part in parts for e in part.entities) if e.local_id not in named_events),
        events=tuple(sorted(events, key=lambda e: e.local_id)),
        relations=tuple(unique_relations(r for part in parts for r in part.relations)),
        figures=tuple(f for part in parts for f in part.figures),
        attributions=tuple(a for part in parts for a in part.attributions),
    )


def _join_same(records: Iterable[R]) -> list[R]:
    """One record per ``local_id``, in order of first appearance: tuples joined, other fields from the first that has them."""
    joined: dict[str, R] = {}
    for record in records:
        first = joined.get(record.local_id)
        if first is None:
            joined[record.local_id] = record
            continue
        changes = {}
        for f in fields(first):
            mine, theirs = getattr(first, f.name), getattr(record, f.name)
            if isinstance(mine, tuple):
                seen = set(mine)
                changes[f.name] = mine + tuple(x for x in theirs if x not in seen)
            elif mine is None and theirs is not None:
                changes[f.name] = theirs
        joined[record.local_id] = replace(first, **changes)
    return list(joined.values())


def _shift(value, offset: int):
    """``value`` with every offset in it (of evidence, of attributions) moved by ``offset``."""
    if not offset:
        return value
    if isinstance(value, Evidence):
        return replace(value, start=value.start + offset, end=value.end + offset,
                       sentence_start=value.sentence_start + offset, sentence_end=value.sentence_end + offset)
    if isinstance(value, Attribution):
        return replace(value, sentence_start=value.sentence_start + offset, sentence_end=value.sentence_end + offset)
    if isinstance(value, tuple):
        return tuple(_shift(item, offset) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            if (new := _shift(old, offset)) is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value
