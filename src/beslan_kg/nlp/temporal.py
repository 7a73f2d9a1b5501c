"""Find dates, times, durations and quantities in a spaCy ``Doc``.

Expressions are found with token patterns built from the language's lexicon
(``ontology/lexicon/{lang}.yaml``), not with named-entity labels: the Spanish
model has no DATE or CARDINAL entities, and a blank pipeline has none at all.
Each match is then read by the string functions of
:mod:`beslan_kg.nlp.normalise`, so what is found and how it is read share one
lexicon.

Where matches overlap the longest wins, even when it turns out not to be
readable: "every 3 September", "31 February 2004", "more than half" and
"two and a half years" yield nothing, and the numbers inside them are not
reported as quantities either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from beslan_kg.nlp.normalise import (
    DATE_GROUPS,
    YEARLESS_GROUPS,
    Lexicon,
    lexicon,
    parse_date,
    parse_duration,
    parse_quantity,
    parse_time,
    tokens,
)
from beslan_kg.records import Quantity, TimeValue

#: Kinds of :class:`TemporalSpan`.
KINDS = ("date", "time", "quantity", "duration")

# Match labels. A date label names the pattern group that matched, so that
# the reader knows whether the year is in the text.
_BLOCK = "temporal:block"
_TIME = "temporal:time"
_HOUR_AFTER_ARTICLE = "temporal:time:article"
_DURATION = "temporal:duration"
_QUANTITY = "temporal:quantity"
_COUNT = "temporal:quantity:count"
_RANGE = "temporal:quantity:range"
_BARE = "temporal:quantity:bare"
_DATE = "temporal:date:"
_PART = _DATE + "part"
_RELATIVE = _DATE + "relative"
_WEEKDAY = _DATE + "weekday"
_PREP_YEAR = _DATE + "prep_year"
# A month name alone, a date only after a part of a period ("early September").
_MONTH_NAME = _DATE + "month_name"

# Dates whose year comes from the context rather than from the text.
_YEARLESS = {_DATE + group for group in YEARLESS_GROUPS}
# Dates resolved against the publication date, never against an earlier date.
_DEICTIC = {_RELATIVE, _WEEKDAY}

_FOUR_DIGITS = re.compile(r"\d{4}")
_CLOCK = r"^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
_DOT_CLOCK = r"^([01]?\d|2[0-3])\.[0-5]\d$"
_HOUR = r"^([01]?\d|2[0-3])$"

Pattern = list[dict[str, Any]]


@dataclass(frozen=True)
class TemporalSpan:
    """A date, time, duration or quantity found in a document.

    Attributes:
        start_char: Offset of the expression's first character in the text.
        end_char: Offset just past its last character.
        text: The expression (``doc.text[start_char:end_char]``).
        kind: ``date``, ``time``, ``quantity`` or ``duration``.
        value: A :class:`TimeValue` for dates and times, a
            :class:`Quantity` for quantities and durations.
        unit: The duration's unit (``hours``, ``days``...), else None.
    """

    start_char: int
    end_char: int
    text: str
    kind: str
    value: TimeValue | Quantity
    unit: str | None = None


# --------------------------------------------------------------------------
# Patterns


def _spacy_phrase(phrase: Sequence[str]) -> list[str]:
    """Re-split a lexicon phrase the way spaCy splits text."""
    # The lexicon's phrases are split like normalise.tokens splits text, which
    # detaches a final dot; spaCy keeps "p.m." and "h." whole.
    words: list[str] = []
    for token in phrase:
        if token == "." and words:
            words[-1] += "."
        else:
            words.append(token)
    return words


def _in(words: Iterable[str], **extra: Any) -> dict[str, Any]:
    """Token specification: the lower-case text is one of ``words``."""
    return {"LOWER": {"IN": sorted(set(words))}, **extra}


def _regex(expression: str, **extra: Any) -> dict[str, Any]:
    """Token specification: the lower-case text matches ``expression``."""
    return {"LOWER": {"REGEX": expression}, **extra}


def _choices(phrases: Iterable[Sequence[str]], *, optional: bool = False) -> list[Pattern]:
    """Alternatives for a list of phrases: one-token phrases share one token."""
    singles: set[str] = set()
    alternatives: list[Pattern] = []
    for phrase in phrases:
        words = _spacy_phrase(phrase)
        if len(words) == 1:
            singles.add(words[0])
        elif words:
            alternatives.append([{"LOWER": word} for word in words])
    if singles:
        alternatives.insert(0, [_in(singles)])
    if optional:
        alternatives.insert(0, [])
    return alternatives


def _sequences(*parts: list[Pattern]) -> list[Pattern]:
    """Every concatenation of one alternative from each part."""
    return [
        [spec for alternative in combination for spec in alternative]
        for combination in itertools.product(*parts)
    ]


class _Specs:
    """Token specifications for one language."""

    def __init__(self, lex: Lexicon) -> None:
        """Build the specifications from a lexicon."""
        self.lex = lex
        name_case = {"IS_LOWER": False} if lex.capitalised_names else {}
        self.day = _regex(f"^{lex.day_regex}$")
        self.year = {"TEXT": {"REGEX": r"^\d{4}$"}}
        self.month_full = _in(lex.months, **name_case)
        self.month_any = _in(lex.all_months, **name_case)
        self.weekday_full = _in(lex.weekdays, **name_case)
        self.weekday_any = _in(lex.all_weekdays, **name_case)

        digit = {"TEXT": {"REGEX": f"^{lex.number_regex}$"}}
        scaled = _in([*lex.multipliers, *lex.scales])
        values = [*lex.number_words, *lex.multipliers, *lex.scales, *lex.fractions]
        start = _in(values)
        middle = _in([*values, *lex.connectors, *lex.articles, "-"], OP="*")
        end = _in(values)
        article = _in(lex.articles) if lex.articles else None
        self.numbers: list[Pattern] = [
            [digit],
            [digit, scaled],
            [digit, scaled, _in(lex.scales)],
            [start],
            [start, middle, end],
        ]
        if article is not None:
            self.numbers += [[article, scaled], [article, scaled, middle, end]]
        if lex.spaced_thousands:
            head = {"TEXT": {"REGEX": r"^\d{1,3}$"}}
            group = {"TEXT": {"REGEX": r"^\d{3}$"}}
            # A no-break space becomes a token of its own; a plain space does not.
            gap = {"ORTH": {"IN": ["\u00a0", "\u202f"]}, "OP": "?"}
            self.numbers += [[head, gap, group], [head, gap, group, gap, group]]
        self.hour_words = [
            word for word, value in lex.number_words.items() if 1 <= value <= 24
        ] + sorted(lex.articles)

    def element(self, element: str, group: str) -> dict[str, Any]:
        """Convert one ``date_patterns`` element to a token specification."""
        optional = len(element) > 1 and element.endswith("?")
        name = element[:-1] if optional else element
        if name == "DAY":
            spec = dict(self.day)
        elif name == "MONTH":
            spec = dict(self.month_full if group == "month" else self.month_any)
        elif name == "YEAR":
            spec = dict(self.year)
        elif name == "WEEKDAY":
            spec = dict(self.weekday_any)
        else:
            spec = _in(name.split("|"))
        if optional:
            spec["OP"] = "?"
        return spec

    def date_pattern(self, pattern: Sequence[str], group: str) -> Pattern:
        """Convert one ``date_patterns`` pattern to a Matcher pattern."""
        return [self.element(element, group) for element in pattern]


def _date_patterns(specs: _Specs) -> dict[str, list[Pattern]]:
    """Date patterns by match label."""
    lex = specs.lex
    found: dict[str, list[Pattern]] = {}
    for group in DATE_GROUPS:
        found[_DATE + group] = [specs.date_pattern(p, group) for p in lex.date_patterns[group]]
    found[_PREP_YEAR] = _sequences(_choices(lex.year_prepositions), [[specs.year]])

    # A part of a period ("late", "finales de") is taken in by extending a
    # year, year-month or month name found after it; spaCy keeps "mid-1999"
    # whole, so that one is a pattern.
    found[_MONTH_NAME] = [[specs.month_full]]
    hyphenated = [p[0] for p in lex.period_parts if len(p) == 1]
    if hyphenated:
        joined = "|".join(re.escape(word) for word in hyphenated)
        found[_PART] = [[_regex(rf"^(?:{joined})-\d{{4}}$")]]

    found[_RELATIVE] = _choices(lex.relative_dates)
    before = _choices(lex.weekday_pre, optional=lex.bare_weekdays)
    after = _choices(lex.weekday_post, optional=True)
    found[_WEEKDAY] = _sequences(before, [[specs.weekday_full]], after)
    return found


def _blocking_patterns(specs: _Specs) -> list[Pattern]:
    """Patterns of expressions that hold their tokens but yield nothing."""
    lex = specs.lex
    recurring_dates = [specs.date_pattern(p, "day_month") for p in lex.date_patterns["day_month"]]
    recurring_dates += [[specs.weekday_full], [specs.month_full]]
    blocks = _sequences(_choices(lex.recurring), recurring_dates)
    blocks += _choices(lex.non_dates)
    return blocks


def _time_patterns(specs: _Specs) -> tuple[list[Pattern], list[Pattern]]:
    """Clock times, and bare hours after an article ("a las dos").

    What may come before ("alrededor de") or after ("horas", "de la tarde")
    a clock time or a bare hour is not part of these patterns: a match is
    extended over it (see :meth:`_Reader.extensions`).
    """
    lex = specs.lex
    article = _choices(lex.time_articles, optional=True)
    marker = _choices(lex.hour_markers)
    period = _choices(lex.time_periods)
    clock_word = _choices(lex.clock_words)
    hour = [[_regex(_HOUR)], [_in(specs.hour_words)]]
    clock = _sequences(article, [[_regex(_CLOCK)]])
    # "13.00" alone may be a decimal; with "horas" or "pm" it is a time.
    clock += _sequences(article, [[_regex(_DOT_CLOCK)]], marker + period)
    clock += _sequences(hour, period + clock_word)
    bare: list[Pattern] = []
    if lex.time_articles:
        bare = _sequences(_choices(lex.time_articles), hour)
    return clock, bare


def make_temporal_matcher(vocab: Vocab, lang: str) -> Matcher:
    """Build the Matcher that finds temporal expressions and quantities.

    Every word in the patterns comes from the language's lexicon. Match ids
    name what matched: a date (by pattern group), a time, a number, a range,
    or an expression that blocks others, such as a recurring date. What only
    qualifies or completes a match ("more than", "alrededor de", "late",
    "horas", a duration's unit) is not in the patterns:
    :func:`iter_temporal_spans` extends matches over it, which keeps the
    patterns few and the matcher fast.

    Args:
        vocab: The vocabulary of the documents to match.
        lang: ISO 639-1 code, ``"en"`` or ``"es"``.

    Returns:
        A new Matcher.
    """
    specs = _Specs(lexicon(lang))
    matcher = Matcher(vocab, validate=True)
    for label, patterns in _date_patterns(specs).items():
        if patterns:
            matcher.add(label, patterns)
    blocks = _blocking_patterns(specs)
    if blocks:
        matcher.add(_BLOCK, blocks)
    clock, bare_hours = _time_patterns(specs)
    matcher.add(_TIME, clock)
    if bare_hours:
        matcher.add(_HOUR_AFTER_ARTICLE, bare_hours)

    # Qualified numbers ("more than 700"), ranges ("150 to 200") and
    # durations ("some 50 hours") are built from the numbers found.
    matcher.add(_BARE, specs.numbers)
    # spaCy keeps "150-200" whole in some languages.
    matcher.add(_RANGE, [[{"TEXT": {"REGEX": r"^\d[\d.,]*[-\u2013\u2014]\d[\d.,]*$"}}]])
    return matcher


_MATCHERS: dict[tuple[int, str], tuple[Vocab, Matcher]] = {}


def _matcher(vocab: Vocab, lang: str) -> Matcher:
    """Return the matcher of a vocabulary and language, built once."""
    # Keyed by the vocab's identity; the vocab is kept alive with the matcher
    # so that its id cannot be reused by another.
    key = (id(vocab), lang)
    if key not in _MATCHERS:
        _MATCHERS[key] = (vocab, make_temporal_matcher(vocab, lang))
    return _MATCHERS[key][1]


# --------------------------------------------------------------------------
# Reading matches


_PRIORITY = {
    _BLOCK: 0,
    _TIME: 2,
    _HOUR_AFTER_ARTICLE: 2,
    _DURATION: 3,
    _COUNT: 4,
    _QUANTITY: 4,
    _RANGE: 4,
    _BARE: 5,
}


def _priority(label: str) -> int:
    """Rank of a label when two labels match the same tokens (lower wins)."""
    return 1 if label.startswith(_DATE) else _PRIORITY[label]


def _words(phrases: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Convert lexicon phrases to spaCy words."""
    return tuple(tuple(_spacy_phrase(p)) for p in phrases)


@dataclass(frozen=True)
class _Phrases:
    """The lexicon's phrases that extend, join or judge matches, as spaCy words."""

    qualifiers: tuple[tuple[str, ...], ...]
    count_only: frozenset[tuple[str, ...]]
    approximate: tuple[tuple[str, ...], ...]
    introducers: tuple[tuple[str, ...], ...]
    time_tails: tuple[tuple[str, ...], ...]
    time_closers: tuple[tuple[str, ...], ...]
    minutes: tuple[tuple[str, ...], ...]
    parts: tuple[tuple[str, ...], ...]
    infixes: tuple[tuple[str, ...], ...]
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    date_trim: tuple[tuple[str, ...], ...]
    halves: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, lex: Lexicon) -> _Phrases:
        """Collect the phrases of a lexicon."""
        return cls(
            qualifiers=_words(lex.qualifiers),
            count_only=frozenset(_words(lex.count_only_qualifiers)),
            approximate=_words(lex.time_approximate),
            introducers=_words(lex.time_introducers),
            time_tails=_words([*lex.hour_markers, *lex.time_periods]),
            time_closers=_words([*lex.time_periods, *lex.clock_words]),
            minutes=_words(lex.minute_phrases),
            parts=_words(lex.period_parts),
            infixes=_words(lex.range_infixes),
            pairs=tuple((_words([a])[0], _words([b])[0]) for a, b in lex.range_pairs),
            date_trim=tuple((word,) for word in lex.date_trim),
            # "and a half", "y medio": after a unit they make a length that
            # is not whole ("dos años y medio").
            halves=tuple(
                (connector, *article, fraction)
                for connector in lex.connectors
                for article in [(), *((a,) for a in lex.articles)]
                for fraction in lex.fractions
            ),
        )


class _Reader:
    """Turns the matches in one document into the expressions they stand for."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        """Prepare to read the matches of ``doc``."""
        self.doc = doc
        self.lex = lex
        self.phrases = _Phrases.of(lex)
        self.lower = [token.lower_ for token in doc]

    # -- phrases around a position

    def phrase_at(self, index: int, phrases: Iterable[tuple[str, ...]]) -> int:
        """Length of the longest phrase starting at token ``index``, or 0."""
        best = 0
        for phrase in phrases:
            if len(phrase) > best and self.lower[index : index + len(phrase)] == list(phrase):
                best = len(phrase)
        return best

    def phrase_before(self, index: int, phrases: Iterable[tuple[str, ...]]) -> int:
        """Start of the longest phrase ending just before token ``index``.

        Returns ``index`` itself when no phrase ends there.
        """
        best = index
        for phrase in phrases:
            start = index - len(phrase)
            if phrase and 0 <= start < best and self.lower[start:index] == list(phrase):
                best = start
        return best

    def counts_next(self, index: int) -> bool:
        """Whether a number ending before token ``index`` could count it, or what a partitive there leads to ("two of the attackers")."""
        if index < len(self.doc) and (width := self.phrase_at(index, self.lex.partitives)):
            return self.counts_next(index + width)
        return (
            index < len(self.doc)
            and self.doc[index].is_alpha
            and self.lower[index] not in self.lex.count_stopwords
        )

    def is_year(self, text: str) -> bool:
        """Whether a token is a year standing alone (no separators, in range)."""
        low, high = self.lex.bare_year_range
        return _FOUR_DIGITS.fullmatch(text) is not None and low <= int(text) <= high

    # -- judging and extending matches

    def plausible(self, label: str, start: int, end: int) -> bool:
        """Whether a match can be what its label says, judged from the tokens."""
        doc, lex, lower = self.doc, self.lex, self.lower
        following = doc[end] if end < len(doc) else None
        if label == _DATE + "year":
            return self.is_year(doc[end - 1].text)
        if label == _DATE + "month":
            # "in May 2004" is a month of 2004, found by a pattern of the same
            # length that starts later; leave it to that one.
            return following is None or not following.text[:1].isdigit()
        if label == _MONTH_NAME:
            # Only "early September", the extension of this match, is a date.
            return False
        if label == _HOUR_AFTER_ARTICLE:
            # "las dos" is a time only after "a", "hacia"... ("a las dos"),
            # and not when followed by what it could count ("a las dos
            # explosiones").
            opened = self.phrase_at(start, self.phrases.approximate) or (
                self.phrase_before(start, self.phrases.introducers) < start
            )
            if not opened:
                return False
            last = lower[end - 1]
            if re.match(_HOUR, last) or last in lex.number_words or last in lex.articles:
                return not self.counts_next(end)
            return True
        if label not in (_QUANTITY, _COUNT, _RANGE, _BARE):
            return True
        # A number followed by a unit or "p.m." belongs to a duration or a
        # time, whatever qualifier comes before it ("some 50 hours").
        if following is not None and lower[end] in lex.duration_units:
            return False
        if self.phrase_at(end, self.phrases.time_closers):
            return False
        if label == _COUNT:
            return True
        # Years standing alone are dates; a count-only qualifier ("more than
        # 2000") is the one thing that makes a year-like number a count.
        pieces = [p for t in doc[start:end] for p in re.split(r"[-\u2013\u2014]", t.text)]
        if any(self.is_year(p) for p in pieces):
            return False
        if label != _BARE:
            return True
        if end - start == 1 and lower[start] in lex.ambiguous_alone:
            return False
        if start > 0 and lower[start - 1] in lex.number_labels:
            return False
        if lower[end - 1] in lex.scales or lower[end - 1] in lex.multipliers:
            # "1.5 million", "una docena (de policías)" count whatever follows.
            return True
        # A number in digits closing a clause counts what the clause is about
        # ("killing 40, including 12 children", "the toll rose to 334.");
        # whether it is a figure is for the figure step to judge.
        if following is not None and following.text in (",", ".", ";", ")") and any(c.isdigit() for c in doc[start:end].text):
            return True
        # Otherwise a bare number counts something only when a word follows
        # it ("32 terroristas", "two explosions").
        return self.counts_next(end)

    def ranges(self, numbers: Mapping[int, Sequence[int]]) -> Iterator[tuple[int, int]]:
        """Pairs of numbers joined as a range ("150 to 200", "entre 150 y 200")."""
        doc = self.doc
        for start, ends in numbers.items():
            for end in ends:
                for infix in self.phrases.infixes:
                    width = self.phrase_at(end, [infix])
                    if not width or end + width >= len(doc):
                        continue
                    # A dash joins number words ("twenty-six"); it makes a
                    # range only between digits ("150 - 200").
                    if not infix[0].isalpha() and not (
                        doc[end - 1].text[:1].isdigit() and doc[end + width].text[:1].isdigit()
                    ):
                        continue
                    for upper_end in numbers.get(end + width, ()):
                        yield start, upper_end
                for opening, middle in self.phrases.pairs:
                    begin = self.phrase_before(start, [opening])
                    width = self.phrase_at(end, [middle])
                    if begin < start and width:
                        for upper_end in numbers.get(end + width, ()):
                            yield begin, upper_end

    def extensions(self, label: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
        """Longer readings of a match, with the words around it that belong to it."""
        phrases, lower = self.phrases, self.lower
        if label in (_BARE, _RANGE):
            begin = self.phrase_before(start, phrases.qualifiers)
            if begin < start:
                qualifier = tuple(lower[begin:start])
                counting = label == _BARE and qualifier in phrases.count_only
                yield (_COUNT if counting else _QUANTITY), begin, end
            if end < len(lower) and lower[end] in self.lex.duration_units:
                # Read as no whole duration, "two and a half years" still
                # holds its numbers, so that "two" is not a count.
                finish = end + 1 + self.phrase_at(end + 1, phrases.halves)
                yield _DURATION, begin, finish
                yield _DURATION, start, finish
        elif label == _DURATION:
            begin = self.phrase_before(start, phrases.qualifiers)
            if begin < start:
                yield _DURATION, begin, end
        elif label in (_TIME, _HOUR_AFTER_ARTICLE):
            ends = {end}
            if label == _HOUR_AFTER_ARTICLE:
                # "a las dos y media (de la tarde)"
                ends.add(end + self.phrase_at(end, phrases.minutes))
            ends |= {e + self.phrase_at(e, phrases.time_tails) for e in ends}
            begins = {start, self.phrase_before(start, phrases.approximate)}
            for begin, finish in itertools.product(begins, ends):
                if (begin, finish) != (start, end):
                    yield label, begin, finish
        elif label in (_DATE + "year", _DATE + "year_month", _MONTH_NAME):
            begin = self.phrase_before(start, phrases.parts)
            if begin < start:
                yield _PART, begin, end

    def candidates(self, matches: Iterable[tuple[str, int, int]]) -> list[tuple[Span, str]]:
        """The expressions to read: the longest of overlapping readings."""
        best: dict[tuple[int, int], str] = {}

        def offer(label: str, start: int, end: int) -> None:
            """Keep a reading, if plausible and the best for its tokens."""
            if not self.plausible(label, start, end):
                return
            key = (start, end)
            if key not in best or _priority(label) < _priority(best[key]):
                best[key] = label

        found = list(matches)
        numbers: dict[int, list[int]] = {}
        for label, start, end in found:
            if label == _BARE:
                numbers.setdefault(start, []).append(end)
        found += [(_RANGE, start, end) for start, end in self.ranges(numbers)]
        for label, start, end in found:
            offer(label, start, end)
            for longer, begin, finish in self.extensions(label, start, end):
                offer(longer, begin, finish)
        kept = filter_spans([self.doc[start:end] for start, end in best])
        return sorted(
            ((span, best[(span.start, span.end)]) for span in kept), key=lambda p: p[0].start
        )

    def trim(self, span: Span, phrases: Iterable[tuple[str, ...]]) -> Span:
        """Drop leading context words ("on", "el", "a") from a span."""
        while len(span) > 1:
            width = self.phrase_at(span.start, phrases)
            if not width or width >= len(span):
                break
            span = span[width:]
        return span


def iter_temporal_spans(
    doc: Doc, lang: str, *, reference: dt.date | None = None, compared: Sequence[tuple[int, int]] = (),
    same_year: Sequence[int] = (),
) -> Iterator[TemporalSpan]:
    """Find the dates, times, durations and quantities of a document.

    Relative dates ("yesterday", "el domingo", "last month") are resolved
    against ``reference``, the publication date. A date without a year
    ("el 2 de septiembre") takes the year of the last date with a year given
    earlier in the document, as stories are told from that date on; failing
    one, the year of ``reference``. Expressions that cannot be resolved are
    skipped. Bare numbers are reported as exact quantities when a word follows
    them that they may count ("186 niños"), but not when they are years,
    times, labels ("School Number One") or parts of another expression.

    The document is only read, never changed.

    Args:
        doc: A document of any pipeline, even a blank one.
        lang: ISO 639-1 code of its text, ``"en"`` or ``"es"``.
        reference: The article's publication date, if known.
        compared: Character spans of phrases that name an earlier event to
            measure the story's by (:func:`beslan_kg.nlp.context.comparison_phrases`):
            their years date that event, not the story's dates without a year.
        same_year: Where the text goes back to the year it last named ("that
            same year", "ese mismo año": :func:`beslan_kg.nlp.context.same_year_references`):
            after one, a compared year dates the story's dates without a year.

    Yields:
        The expressions, in text order, none overlapping another.
    """
    yield from _compound_quantities(doc, _iter_spans(doc, lang, reference, compared, same_year))


def _iter_spans(doc: Doc, lang: str, reference: dt.date | None, compared: Sequence[tuple[int, int]] = (),
                same_year: Sequence[int] = ()) -> Iterator[TemporalSpan]:
    lex = lexicon(lang)
    reader = _Reader(doc, lex)
    matches = (
        (doc.vocab.strings[match_id], start, end)
        for match_id, start, end in _matcher(doc.vocab, lang)(doc)
    )
    anchor_year: int | None = None
    # The year of an earlier event the story is measured by, and where it was written.
    compared_year: tuple[int, int] | None = None
    last_end = 0  # where the last date ended: a range's first day is read once
    candidates = reader.candidates(matches)
    for k, (span, label) in enumerate(candidates):
        if label == _BLOCK:
            continue
        if label.startswith(_DATE):
            has_year = any(_FOUR_DIGITS.search(t.text) for t in span)
            base = reference
            if label in _YEARLESS or (label == _PART and not has_year):
                closing = _closing_year(doc, span, candidates[k + 1 : k + 2], lex)
                if closing is not None:
                    # "from March 8 to April 20, 2021": the year of the range's end.
                    base = dt.date(closing, 1, 1)
                elif compared_year is not None and any(compared_year[1] <= at < span.start_char for at in same_year):
                    # "desde febrero de 2004, cuando … Ese mismo año, en septiembre": the text goes on in that year.
                    base = dt.date(compared_year[0], 1, 1)
                elif anchor_year is not None:
                    # Only the year of the reference is read for these.
                    base = dt.date(anchor_year, 1, 1)
            value = parse_date(span.text, lang, reference=base)
            if value is None:
                continue
            if label not in _DEICTIC:
                span = reader.trim(span, reader.phrases.date_trim)
                opening = _range_start(doc, span, value, lex)
                if opening is not None and opening.start_char >= last_end:
                    yield opening
                if has_year and label not in _YEARLESS and any(start <= span.start_char < end for start, end in compared):
                    # "the deadliest since the Galtür avalanche in 1999": the year of a measure, not of the story.
                    compared_year = (int(value.lexical[:4]), span.end_char)
                elif has_year and label not in _YEARLESS and (anchor_year is None or not _qualifies_a_noun(span)):
                    # "the 2020 election", told after "January 6, 2021": the year names
                    # another event; the story's dates without a year keep theirs.
                    anchor_year = int(value.lexical[:4])
                    compared_year = None  # the story told in a year of its own again
            yield _found(span, "date", dataclasses.replace(value, text=span.text))
            last_end = span.end_char
        elif label in (_TIME, _HOUR_AFTER_ARTICLE):
            value = parse_time(span.text, lang)
            if value is None:
                continue
            span = reader.trim(span, reader.phrases.introducers)
            yield _found(span, "time", dataclasses.replace(value, text=span.text))
        elif label == _DURATION:
            duration = parse_duration(span.text, lang)
            if duration is not None:
                yield _found(span, "duration", duration[0], duration[1])
        else:
            quantity = parse_quantity(span.text, lang)
            if quantity is not None:
                yield _found(span, "quantity", quantity)


def _range_start(doc: Doc, span: Span, value: TimeValue, lex: Lexicon) -> TemporalSpan | None:
    """Return the first day of a range of days a full date closes ("between 10 and 20 November 2019", "entre el 10 y el 20 de noviembre").

    The day written alone before the range's words (the lexicon's
    ``ranges.date_infixes``) is a day of the closing date's month: what
    happened over the range began on it.
    """
    if value.datatype != "date" or value.approximate:
        return None
    for infix in sorted(lex.date_range_infixes, key=len, reverse=True):
        start = span.start - len(infix)
        if start < 1 or tuple(t.lower_ for t in doc[start : span.start]) != infix:
            continue
        day = doc[start - 1]
        if not day.text.isdigit() or not 1 <= int(day.text) < int(value.lexical[8:10]):
            return None
        lexical = f"{value.lexical[:8]}{int(day.text):02d}"
        return _found(doc[day.i : day.i + 1], "date", TimeValue(lexical, "date", day.text))
    return None


def _qualifies_a_noun(span: Span) -> bool:
    """Tell whether a date is a lone year that qualifies a noun ("the 2020 election", "las elecciones de 2020")."""
    words = [t for t in span if not t.is_punct and t.pos_ != "ADP"]
    return len(words) == 1 and words[0].dep_ in ("nummod", "compound", "amod", "nmod") and words[0].head.pos_ in ("NOUN", "PROPN")


def _closing_year(doc: Doc, span: Span, following: Sequence[tuple[Span, str]], lex: Lexicon) -> int | None:
    """Return the year of the date that closes a range a date without a year opens, if one does."""
    for after, label in following:
        # The words between, not a slice of ``doc.text``: that joins the whole text at each call.
        gap = tuple(tokens(doc[span.end : max(after.start, span.end)].text))
        year = next((_FOUR_DIGITS.search(t.text) for t in after if _FOUR_DIGITS.search(t.text)), None)
        if label.startswith(_DATE) and label not in _YEARLESS and year is not None and gap in lex.date_range_infixes:
            return int(year.group())
    return None


def _compound_quantities(doc: Doc, spans: Iterable[TemporalSpan]) -> Iterator[TemporalSpan]:
    """Join the quantities the matcher reads apart that make one number.

    "19 millones 158 mil 592" is one number, 19,158,592: each part a whole
    multiple of a power of ten larger than the rest. "entre 4 000 y 8 000
    millones" is a range of millions. Only parts written one right after the
    other, with a space between, are joined.
    """
    text = doc.text  # joined from the tokens at each call: once, not once per pair
    pending: TemporalSpan | None = None
    for span in spans:
        joined = _join(text, pending, span) if pending is not None else None
        if joined is not None:
            pending = joined
            continue
        if pending is not None:
            yield pending
        pending = span
    if pending is not None:
        yield pending


def _join(doc_text: str, first: TemporalSpan, second: TemporalSpan) -> TemporalSpan | None:
    if first.kind != "quantity" or second.kind != "quantity" or doc_text[first.end_char : second.start_char] != " ":
        return None
    one, two = first.value, second.value
    text = doc_text[first.start_char : second.end_char]
    scale_only = not any(c.isdigit() for c in second.text) and two.qualifier == "exact" and two.value >= 1000 and str(two.value).strip("0") == "1"
    if scale_only and one.qualifier == "range" and one.upper is not None:
        value = Quantity(one.value * two.value, "range", text, one.upper * two.value)
    elif one.qualifier in ("exact", "approximately") and two.qualifier == "exact" and 0 < two.value < one.value:
        magnitude = 10 ** len(str(two.value))
        if one.value % magnitude:
            return None
        value = Quantity(one.value + two.value, one.qualifier, text)
    else:
        return None
    return TemporalSpan(first.start_char, second.end_char, text, "quantity", value, None)


def _found(
    span: Span, kind: str, value: TimeValue | Quantity, unit: str | None = None
) -> TemporalSpan:
    """Make the record of a span read as ``kind``."""
    return TemporalSpan(span.start_char, span.end_char, span.text, kind, value, unit)
