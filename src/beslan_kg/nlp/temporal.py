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
from spacy.tokens import Doc, Span, Token
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
    return {"LOWER": {"IN": sorted(set(words))}, **extra}


def _regex(expression: str, **extra: Any) -> dict[str, Any]:
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
    return [
        [spec for alternative in combination for spec in alternative]
        for combination in itertools.product(*parts)
    ]


class _Specs:
    """Token specifications for one language."""

    def __init__(self, lex: Lexicon) -> None:
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
    extended over it (see :func:`_extensions`).
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
    name what matched (a date pattern group, a time, a duration, a number, a
    range, or an expression that blocks others, such as a recurring date).
    Qualifiers and parts of periods ("more than", "alrededor de", "late")
    are not in the patterns: :func:`iter_temporal_spans` extends a match over
    one that comes right before it, which keeps the patterns few and fast.

    Args:
        vocab: The vocabulary of the documents to match.
        lang: ISO 639-1 code, ``"en"`` or ``"es"``.

    Returns:
        A new Matcher.
    """
    specs = _Specs(lexicon(lang))
    lex = specs.lex
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

    # Qualifiers ("more than", "unos") and ranges ("150 to 200") are built
    # from the numbers found.
    matcher.add(_BARE, specs.numbers)
    # spaCy keeps "150-200" whole in some languages.
    matcher.add(_RANGE, [[{"TEXT": {"REGEX": r"^\d[\d.,]*[-\u2013\u2014]\d[\d.,]*$"}}]])

    units = [[_in(lex.duration_units)]]
    durations = _sequences(specs.numbers, units)
    # "two and a half years", "dos años y medio": found so that they block
    # the whole number inside them, then read as no whole duration.
    halves = _sequences(
        [[_in(lex.connectors)]],
        [[], [_in(lex.articles)]] if lex.articles else [[]],
        [[_in(lex.fractions)]],
    )
    durations += _sequences(specs.numbers, units, halves)
    matcher.add(_DURATION, durations)
    return matcher


_MATCHERS: dict[tuple[int, str], tuple[Vocab, Matcher]] = {}


def _matcher(vocab: Vocab, lang: str) -> Matcher:
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
    return 1 if label.startswith(_DATE) else _PRIORITY[label]


def _is_year(text: str, lex: Lexicon) -> bool:
    low, high = lex.bare_year_range
    return _FOUR_DIGITS.fullmatch(text) is not None and low <= int(text) <= high


def _phrase_at(doc: Doc, index: int, phrases: Iterable[Sequence[str]]) -> int:
    """Length of the longest phrase starting at token ``index``, or 0."""
    best = 0
    for phrase in phrases:
        words = _spacy_phrase(phrase)
        end = index + len(words)
        if len(words) > best and end <= len(doc):
            if [t.lower_ for t in doc[index:end]] == words:
                best = len(words)
    return best


def _phrase_before(doc: Doc, index: int, phrases: Iterable[Sequence[str]]) -> int:
    """Start of the longest phrase ending just before token ``index``.

    Returns ``index`` itself when no phrase ends there.
    """
    best = index
    for phrase in phrases:
        words = _spacy_phrase(phrase)
        start = index - len(words)
        if words and 0 <= start < best:
            if [t.lower_ for t in doc[start:index]] == words:
                best = start
    return best


def _plausible(label: str, span: Span, lex: Lexicon) -> bool:
    """Whether a match can be what its label says, judged from the tokens."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if label == _DATE + "year":
        return _is_year(span.text, lex)
    if label == _DATE + "month":
        # "in May 2004" is a month of 2004, found by a pattern of the same
        # length that starts later; leave it to that one.
        return following is None or not following.text[:1].isdigit()
    if label == _MONTH_NAME:
        # Only "early September", the extension of this match, is a date.
        return False
    if label == _HOUR_AFTER_ARTICLE:
        # "las dos" is a time only after "a", "hacia"... ("a las dos"), and
        # not when followed by what it could count ("a las dos explosiones").
        opened = _phrase_at(doc, span.start, lex.time_approximate) or (
            _phrase_before(doc, span.start, lex.time_introducers) < span.start
        )
        if not opened:
            return False
        last = span[-1].lower_
        if re.match(_HOUR, last) or last in lex.number_words or last in lex.articles:
            return not _counts_next(following, lex)
        return True
    if label not in (_QUANTITY, _COUNT, _RANGE, _BARE):
        return True
    # A number followed by a unit or "p.m." belongs to a duration or a time,
    # whatever qualifier comes before it ("some 50 hours", "about 4 pm").
    if following is not None and following.lower_ in lex.duration_units:
        return False
    if _phrase_at(doc, span.end, [*lex.time_periods, *lex.clock_words]):
        return False
    if label == _COUNT:
        return True
    # Years standing alone are dates; a count-only qualifier ("more than
    # 2000") is the one thing that makes a year-like number a count.
    pieces = [p for t in span for p in re.split(r"[-\u2013\u2014]", t.text)]
    if any(_is_year(p, lex) for p in pieces):
        return False
    if label != _BARE:
        return True
    if len(span) == 1 and span[0].lower_ in lex.ambiguous_alone:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in lex.number_labels:
        return False
    if span[-1].lower_ in lex.scales or span[-1].lower_ in lex.multipliers:
        # "1.5 million", "una docena (de policías)" are counts whatever follows.
        return True
    # Otherwise a bare number counts something only when a word follows it
    # ("32 terroristas", "two explosions").
    return _counts_next(following, lex)


def _counts_next(following: Token | None, lex: Lexicon) -> bool:
    """Whether a number could count the token after it."""
    return (
        following is not None
        and following.is_alpha
        and following.lower_ not in lex.count_stopwords
    )


def _trim(span: Span, phrases: Iterable[Sequence[str]]) -> Span:
    """Drop leading context words ("on", "el", "a") from a span."""
    options = sorted({tuple(_spacy_phrase(p)) for p in phrases}, key=len, reverse=True)
    trimmed = True
    while trimmed:
        trimmed = False
        words = [t.lower_ for t in span]
        for option in options:
            if option and len(option) < len(words) and tuple(words[: len(option)]) == option:
                span = span[len(option) :]
                trimmed = True
                break
    return span


@dataclass(frozen=True)
class _Phrases:
    """The lexicon's phrases that extend or join matches, as spaCy words."""

    qualifiers: tuple[tuple[str, ...], ...]
    count_only: frozenset[tuple[str, ...]]
    approximate: tuple[tuple[str, ...], ...]
    time_tails: tuple[tuple[str, ...], ...]
    minutes: tuple[tuple[str, ...], ...]
    parts: tuple[tuple[str, ...], ...]
    infixes: tuple[tuple[str, ...], ...]
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    units: frozenset[str]

    @classmethod
    def of(cls, lex: Lexicon) -> _Phrases:
        """Collect the phrases of a lexicon."""

        def words(phrases: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(_spacy_phrase(p)) for p in phrases)

        return cls(
            qualifiers=words(lex.qualifiers),
            count_only=frozenset(words(lex.count_only_qualifiers)),
            approximate=words(lex.time_approximate),
            time_tails=words([*lex.hour_markers, *lex.time_periods]),
            minutes=words(lex.minute_phrases),
            parts=words(lex.period_parts),
            infixes=words(lex.range_infixes),
            pairs=tuple(
                (tuple(_spacy_phrase(a)), tuple(_spacy_phrase(b))) for a, b in lex.range_pairs
            ),
            units=frozenset(lex.duration_units),
        )


def _ranges(
    doc: Doc, numbers: Mapping[int, Sequence[int]], phrases: _Phrases
) -> Iterator[tuple[int, int]]:
    """Pairs of numbers joined as a range ("150 to 200", "entre 150 y 200")."""
    for start, ends in numbers.items():
        for end in ends:
            for infix in phrases.infixes:
                width = _phrase_at(doc, end, [infix])
                # A dash joins number words ("twenty-six"); it makes a range
                # only between digits ("150 - 200").
                if not width or end + width >= len(doc):
                    continue
                if not infix[0].isalpha() and not (
                    doc[end - 1].text[:1].isdigit() and doc[end + width].text[:1].isdigit()
                ):
                    continue
                for upper_end in numbers.get(end + width, ()):
                    yield start, upper_end
            for opening, middle in phrases.pairs:
                begin = _phrase_before(doc, start, [opening])
                width = _phrase_at(doc, end, [middle])
                if begin < start and width:
                    for upper_end in numbers.get(end + width, ()):
                        yield begin, upper_end


def _extensions(
    doc: Doc, label: str, start: int, end: int, phrases: _Phrases
) -> Iterator[tuple[str, int, int]]:
    """Longer readings of a match, with the words around it that belong to it."""
    if label in (_BARE, _RANGE):
        begin = _phrase_before(doc, start, phrases.qualifiers)
        if begin < start and label == _BARE:
            qualifier = tuple(t.lower_ for t in doc[begin:start])
            yield (_COUNT if qualifier in phrases.count_only else _QUANTITY), begin, end
        if end < len(doc) and doc[end].lower_ in phrases.units:
            yield _DURATION, start, end + 1
            if begin < start:
                yield _DURATION, begin, end + 1
    elif label == _DURATION:
        begin = _phrase_before(doc, start, phrases.qualifiers)
        if begin < start:
            yield _DURATION, begin, end
    elif label in (_TIME, _HOUR_AFTER_ARTICLE):
        ends = {end}
        if label == _HOUR_AFTER_ARTICLE:
            # "a las dos y media (de la tarde)"
            ends |= {end + w for w in [_phrase_at(doc, end, phrases.minutes)] if w}
        ends |= {e + w for e in ends for w in [_phrase_at(doc, e, phrases.time_tails)] if w}
        begins = {start, _phrase_before(doc, start, phrases.approximate)}
        for begin, finish in itertools.product(begins, ends):
            if (begin, finish) != (start, end):
                yield label, begin, finish
    elif label in (_DATE + "year", _DATE + "year_month", _MONTH_NAME):
        begin = _phrase_before(doc, start, phrases.parts)
        if begin < start:
            yield _PART, begin, end


def _candidates(doc: Doc, lex: Lexicon, matcher: Matcher) -> list[tuple[Span, str]]:
    phrases = _Phrases.of(lex)
    best: dict[tuple[int, int], str] = {}

    def offer(label: str, start: int, end: int) -> None:
        if not _plausible(label, doc[start:end], lex):
            return
        key = (start, end)
        if key not in best or _priority(label) < _priority(best[key]):
            best[key] = label

    found = [(doc.vocab.strings[match_id], start, end) for match_id, start, end in matcher(doc)]
    numbers: dict[int, list[int]] = {}
    for label, start, end in found:
        if label == _BARE:
            numbers.setdefault(start, []).append(end)
    found += [(_RANGE, start, end) for start, end in _ranges(doc, numbers, phrases)]
    for label, start, end in found:
        offer(label, start, end)
        for longer, begin, finish in _extensions(doc, label, start, end, phrases):
            offer(longer, begin, finish)
    kept = filter_spans([doc[start:end] for start, end in best])
    return sorted(((span, best[(span.start, span.end)]) for span in kept), key=lambda p: p[0].start)


def iter_temporal_spans(
    doc: Doc, lang: str, *, reference: dt.date | None = None
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

    Yields:
        The expressions, in text order, none overlapping another.
    """
    lex = lexicon(lang)
    anchor_year: int | None = None
    date_trim = [(word,) for word in lex.date_trim]
    for span, label in _candidates(doc, lex, _matcher(doc.vocab, lang)):
        if label == _BLOCK:
            continue
        if label.startswith(_DATE):
            has_year = any(_FOUR_DIGITS.search(t.text) for t in span)
            base = reference
            if label in _YEARLESS or (label == _PART and not has_year):
                if anchor_year is not None:
                    # Only the year of the reference is read for these.
                    base = dt.date(anchor_year, 1, 1)
            value = parse_date(span.text, lang, reference=base)
            if value is None:
                continue
            if label not in _DEICTIC:
                span = _trim(span, date_trim)
                if has_year and label not in _YEARLESS:
                    anchor_year = int(value.lexical[:4])
            yield _found(span, "date", dataclasses.replace(value, text=span.text))
        elif label in (_TIME, _HOUR_AFTER_ARTICLE):
            value = parse_time(span.text, lang)
            if value is None:
                continue
            span = _trim(span, lex.time_introducers)
            yield _found(span, "time", dataclasses.replace(value, text=span.text))
        elif label == _DURATION:
            duration = parse_duration(span.text, lang)
            if duration is not None:
                yield _found(span, "duration", duration[0], duration[1])
        else:
            quantity = parse_quantity(span.text, lang)
            if quantity is not None:
                yield _found(span, "quantity", quantity)


def _found(
    span: Span, kind: str, value: TimeValue | Quantity, unit: str | None = None
) -> TemporalSpan:
    return TemporalSpan(span.start_char, span.end_char, span.text, kind, value, unit)
