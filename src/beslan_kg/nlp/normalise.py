"""Normalise numbers, quantities, dates, times and durations written in text.

These are pure string functions: no spaCy. Every word they know (month and
weekday names, number words, qualifiers, relative-date phrases, units) comes
from the lexicon ``ontology/lexicon/{lang}.yaml``; the code only knows how the
pieces of an expression fit together.

Results never depend on today's date. Relative expressions ("yesterday",
"el domingo", "last month") are resolved against a ``reference`` date the
caller passes, normally the article's publication date, and are not resolved
at all without one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from beslan_kg.paths import ontology_dir
from beslan_kg.records import Quantity, TimeValue

# libyaml's loader when PyYAML has it: the same safe loading, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Environment variable naming an ``ontology/`` directory to read instead of
#: the one in the source tree.
#: Environment variable naming another ontology folder (see beslan_kg.paths).
ONTOLOGY_ENV = "BESLAN_KG_ONTOLOGY"

#: Slot names usable in ``date_patterns``.
DATE_SLOTS = ("DAY", "MONTH", "YEAR", "WEEKDAY")

#: Pattern groups of ``date_patterns``, most specific first.
DATE_GROUPS = ("date", "year_month", "year", "day_month", "month")

#: Pattern groups whose year comes from the context, not the text.
YEARLESS_GROUPS = ("day_month", "month")

_RELATIVE_UNITS = ("days", "weeks", "months", "years")
_WEEKDAY_RELATIONS = ("before", "after", "same_or_before")
_TIME_PERIODS = ("am", "pm", "night")
_QUALIFIERS = (
    "exact",
    "more_than",
    "at_least",
    "approximately",
    "fewer_than",
    "at_most",
)

# Digits (with separators, and letters glued on as in "1st" or "4pm"), then
# words (keeping "p.m" and "o'clock" whole), then any other single character.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*(?:\.?[º°]|[^\W\d_]+)?"
    r"|[^\W\d_]+(?:['][^\W\d_]{2,}|\.[^\W\d_]+)*"
    r"|\S"
)
_YEAR_RE = re.compile(r"\d{4}")
#: A year written as a word, 1000 to 2099 (``fullmatch`` a token's text): in a name or beside an
#: event word ("the 2017 earthquake"), or ending a model's name after an of-word ("México de 2018").
YEAR_WORD = re.compile(r"(1[0-9]|20)[0-9]{2}")
_CLOCK_RE = re.compile(r"(\d{1,2})(?:([:.])(\d{2})(?::(\d{2}))?)?((?:[^\W\d_]|\.)*)")


# --------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class Lexicon:
    """The words of one language, ready for lookup.

    Built from ``ontology/lexicon/{lang}.yaml`` by :func:`lexicon`. Phrases
    are kept as tuples of lower-case tokens, split the way :func:`tokens`
    splits text, so they can be compared with token sequences directly.

    Attributes:
        lang: ISO 639-1 code.
        months: Full month name to month number.
        month_abbreviations: Abbreviated month name to month number.
        weekdays: Full weekday name to ISO weekday number.
        weekday_abbreviations: Abbreviated weekday name to ISO weekday.
        capitalised_names: Whether month and weekday names are capitalised.
        bare_weekdays: Whether a weekday alone is read as a date.
        day_regex: Regular expression for a day number with its suffix.
        date_patterns: Pattern group to its patterns, each a tuple of
            pattern elements (see the lexicon file).
        bare_year_range: Inclusive range of years read from a bare number.
        year_prepositions: Words after which any four-digit number is a year.
        date_trim: Words opening a date expression that are context only.
        period_parts: Part-of-period phrases ("late", "finales de").
        recurring: Phrases marking a recurring date ("every", "cada").
        relative_dates: Relative-date phrase to its offset, one of
            ``{"days"|"weeks"|"months"|"years": n}``.
        non_dates: Phrases that look like relative dates but are not.
        weekday_pre: Phrase before a weekday to its relation.
        weekday_post: Phrase after a weekday to its relation.
        number_words: Number word to the value added to the current group.
        multipliers: Word multiplying the current group ("hundred").
        scales: Word closing and multiplying a group ("thousand").
        fractions: Fraction word to its value ("half").
        articles: Words counting as one before a multiplier or scale.
        connectors: Words joining number words ("and", "y").
        number_regex: Regular expression for a number written in digits.
        grouped_number_regex: The part of it for thousands groups, if any.
        decimal_number_regex: The part of it for decimals, if any.
        spaced_thousands: Whether thousands may be grouped with spaces
            ("1 100"), which spaCy splits into several tokens.
        ambiguous_alone: Number words not read as a count alone.
        count_stopwords: Words after a number showing it counts nothing.
        partitives: Phrases after a number that lead to what it counts
            ("two of the attackers", "186 de ellos niños").
        number_labels: Words before a number making it a label.
        qualifiers: Qualifier phrase to qualifier name.
        count_only_qualifiers: Qualifier phrases that never introduce a year.
        range_pairs: (opening, middle) phrases of a range.
        range_infixes: Phrases between the two numbers of a range.
        date_range_infixes: Phrases between the two dates of a range ("to",
            "al"): a first date without a year takes the second's.
        time_approximate: Phrases making a clock time approximate.
        time_introducers: Phrases before a clock time that are context only.
        time_articles: Articles before an hour ("las").
        clock_words: Phrases making a bare hour a clock time ("o'clock").
        hour_markers: Phrases following a clock time ("horas").
        time_periods: Phrase to ``am``, ``pm`` or ``night``.
        minute_phrases: Phrase to minutes added to the hour ("y media").
        duration_units: Unit word to its English plural unit name.
    """

    lang: str
    months: Mapping[str, int]
    month_abbreviations: Mapping[str, int]
    weekdays: Mapping[str, int]
    weekday_abbreviations: Mapping[str, int]
    capitalised_names: bool
    bare_weekdays: bool
    day_regex: str
    date_patterns: Mapping[str, tuple[tuple[str, ...], ...]]
    bare_year_range: tuple[int, int]
    year_prepositions: tuple[tuple[str, ...], ...]
    date_trim: frozenset[str]
    period_parts: tuple[tuple[str, ...], ...]
    recurring: tuple[tuple[str, ...], ...]
    relative_dates: Mapping[tuple[str, ...], tuple[str, int]]
    non_dates: tuple[tuple[str, ...], ...]
    weekday_pre: Mapping[tuple[str, ...], str]
    weekday_post: Mapping[tuple[str, ...], str]
    number_words: Mapping[str, int]
    multipliers: Mapping[str, int]
    scales: Mapping[str, int]
    fractions: Mapping[str, Fraction]
    articles: frozenset[str]
    connectors: frozenset[str]
    number_regex: str
    grouped_number_regex: str | None
    decimal_number_regex: str | None
    spaced_thousands: bool
    ambiguous_alone: frozenset[str]
    count_stopwords: frozenset[str]
    partitives: frozenset[tuple[str, ...]]
    number_labels: frozenset[str]
    qualifiers: Mapping[tuple[str, ...], str]
    count_only_qualifiers: frozenset[tuple[str, ...]]
    range_pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    range_infixes: tuple[tuple[str, ...], ...]
    date_range_infixes: tuple[tuple[str, ...], ...]
    time_approximate: tuple[tuple[str, ...], ...]
    time_introducers: tuple[tuple[str, ...], ...]
    time_articles: tuple[tuple[str, ...], ...]
    clock_words: tuple[tuple[str, ...], ...]
    hour_markers: tuple[tuple[str, ...], ...]
    time_periods: Mapping[tuple[str, ...], str]
    minute_phrases: Mapping[tuple[str, ...], int]
    duration_units: Mapping[str, str]

    @property
    def all_months(self) -> Mapping[str, int]:
        """Full and abbreviated month names to month numbers."""
        return {**self.month_abbreviations, **self.months}

    @property
    def all_weekdays(self) -> Mapping[str, int]:
        """Full and abbreviated weekday names to ISO weekday numbers."""
        return {**self.weekday_abbreviations, **self.weekdays}


def tokens(text: str) -> list[str]:
    """Split text into lower-case tokens the way the lexicon is written.

    Digits keep their separators ("1,100", "13:00") and glued letters
    ("1st"); hyphens and other punctuation are tokens of their own.

    Args:
        text: Any text.

    Returns:
        The tokens, lower case, with typographic apostrophes made plain.
    """
    return _TOKEN_RE.findall(text.lower().replace("\u2019", "'"))


def _phrase(text: str) -> tuple[str, ...]:
    """Split a lexicon phrase into tokens."""
    return tuple(tokens(text))


def _strings(value: Any, key: str) -> list[str]:
    """Check that a lexicon value is a list of strings and return it."""
    # YAML reads unquoted on/no/yes as booleans; fail loudly rather than
    # silently lose a word.
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"lexicon key {key!r} must be a list of strings: {value!r}")
    return value


def _word_map(value: Any, key: str) -> dict[str, Any]:
    """Check that a lexicon value maps strings, and lower-case its keys."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValueError(f"lexicon key {key!r} must map strings: {value!r}")
    return {k.lower(): v for k, v in value.items()}


def _phrases(value: Any, key: str) -> tuple[tuple[str, ...], ...]:
    """Tokenise a list of lexicon phrases, longest first."""
    # Longest first, so that prefix matching prefers "at least" to "at".
    return tuple(sorted({_phrase(p) for p in _strings(value, key)}, key=len, reverse=True))


def _with_dots(names: Mapping[str, int]) -> dict[str, int]:
    """Add the dotted form of each abbreviation ("sept.")."""
    # spaCy keeps "Sept." as one token.
    return {**names, **{f"{name}.": number for name, number in names.items()}}


def _build_lexicon(lang: str, raw: Mapping[str, Any]) -> Lexicon:
    """Turn the raw YAML of a lexicon into a :class:`Lexicon`."""
    numbers = raw.get("numbers") or {}
    time = raw.get("time") or {}
    ranges = raw.get("ranges") or {}

    relative: dict[tuple[str, ...], tuple[str, int]] = {}
    for phrase, offset in _word_map(raw.get("relative_dates"), "relative_dates").items():
        if not isinstance(offset, dict) or len(offset) != 1:
            raise ValueError(f"relative date {phrase!r} needs one offset: {offset!r}")
        ((unit, amount),) = offset.items()
        if unit not in _RELATIVE_UNITS or not isinstance(amount, int):
            raise ValueError(f"relative date {phrase!r} has a bad offset: {offset!r}")
        relative[_phrase(phrase)] = (unit, amount)

    weekday_pre: dict[tuple[str, ...], str] = {}
    weekday_post: dict[tuple[str, ...], str] = {}
    for relation, places in _word_map(raw.get("weekday_modifiers"), "weekday_modifiers").items():
        if relation not in _WEEKDAY_RELATIONS:
            raise ValueError(f"unknown weekday relation {relation!r}")
        for phrase in _strings(places.get("pre"), f"weekday_modifiers.{relation}.pre"):
            weekday_pre[_phrase(phrase)] = relation
        for phrase in _strings(places.get("post"), f"weekday_modifiers.{relation}.post"):
            weekday_post[_phrase(phrase)] = relation

    qualifiers: dict[tuple[str, ...], str] = {}
    for name, phrases in _word_map(raw.get("qualifiers"), "qualifiers").items():
        if name not in _QUALIFIERS:
            raise ValueError(f"unknown qualifier {name!r}")
        for phrase in _strings(phrases, f"qualifiers.{name}"):
            qualifiers[_phrase(phrase)] = name

    periods: dict[tuple[str, ...], str] = {}
    for name, phrases in _word_map(time.get("periods"), "time.periods").items():
        if name not in _TIME_PERIODS:
            raise ValueError(f"unknown time period {name!r}")
        for phrase in _strings(phrases, f"time.periods.{name}"):
            periods[_phrase(phrase)] = name

    units: dict[str, str] = {}
    for unit, forms in _word_map(raw.get("duration_units"), "duration_units").items():
        for form in _strings(forms, f"duration_units.{unit}"):
            units[form.lower()] = unit

    patterns = {
        group: tuple(
            tuple(p.split()) for p in _strings(raw.get("date_patterns", {}).get(group), group)
        )
        for group in DATE_GROUPS
    }

    suffixes = sorted(_strings(raw.get("day_suffixes"), "day_suffixes"), key=len, reverse=True)
    suffix_alt = "|".join(re.escape(s) for s in suffixes)
    day_regex = r"(0?[1-9]|[12]\d|3[01])" + (f"(?:{suffix_alt})?" if suffix_alt else "")

    thousand_separators = _strings(numbers.get("thousands_separators"), "thousands")
    thousands = "".join(re.escape(s) for s in thousand_separators)
    decimals = "".join(re.escape(s) for s in _strings(numbers.get("decimal_separators"), "dec"))
    grouped = rf"\d{{1,3}}(?:[{thousands}]\d{{3}})+(?!\d)" if thousands else None
    decimal = rf"\d+[{decimals}]\d+" if decimals else None
    number_regex = "(?:" + "|".join(a for a in (grouped, decimal, r"\d+") if a) + ")"

    low, high = raw.get("bare_year_range") or (1900, 2100)
    pairs = tuple(
        (_phrase(opening), _phrase(middle))
        for opening, middle in (ranges.get("pairs") or [])
    )

    return Lexicon(
        lang=lang,
        months=MappingProxyType(_word_map(raw.get("months"), "months")),
        month_abbreviations=MappingProxyType(
            _with_dots(_word_map(raw.get("month_abbreviations"), "month_abbreviations"))
        ),
        weekdays=MappingProxyType(_word_map(raw.get("weekdays"), "weekdays")),
        weekday_abbreviations=MappingProxyType(
            _with_dots(_word_map(raw.get("weekday_abbreviations"), "weekday_abbreviations"))
        ),
        capitalised_names=bool(raw.get("capitalised_names", False)),
        bare_weekdays=bool(raw.get("bare_weekdays", False)),
        day_regex=day_regex,
        date_patterns=MappingProxyType(patterns),
        bare_year_range=(int(low), int(high)),
        year_prepositions=_phrases(raw.get("year_prepositions"), "year_prepositions"),
        date_trim=frozenset(_strings(raw.get("date_trim"), "date_trim")),
        period_parts=_phrases(
            [p for ps in (raw.get("period_parts") or {}).values() for p in ps], "period_parts"
        ),
        recurring=_phrases(raw.get("recurring"), "recurring"),
        relative_dates=MappingProxyType(relative),
        non_dates=_phrases(raw.get("non_dates"), "non_dates"),
        weekday_pre=MappingProxyType(weekday_pre),
        weekday_post=MappingProxyType(weekday_post),
        number_words=MappingProxyType(_word_map(numbers.get("words"), "numbers.words")),
        multipliers=MappingProxyType(_word_map(numbers.get("multipliers"), "multipliers")),
        scales=MappingProxyType(_word_map(numbers.get("scales"), "numbers.scales")),
        fractions=MappingProxyType(
            {
                word: Fraction(str(value))
                for word, value in _word_map(numbers.get("fractions"), "fractions").items()
            }
        ),
        articles=frozenset(_strings(numbers.get("articles"), "numbers.articles")),
        connectors=frozenset(_strings(numbers.get("connectors"), "numbers.connectors")),
        number_regex=number_regex,
        grouped_number_regex=grouped,
        decimal_number_regex=decimal,
        spaced_thousands=any(sep.isspace() for sep in thousand_separators),
        ambiguous_alone=frozenset(_strings(numbers.get("ambiguous_alone"), "ambiguous")),
        count_stopwords=frozenset(_strings(raw.get("count_stopwords"), "count_stopwords")),
        partitives=frozenset(_phrase(p) for p in _strings(raw.get("partitives"), "partitives")),
        number_labels=frozenset(_strings(raw.get("number_labels"), "number_labels")),
        qualifiers=MappingProxyType(qualifiers),
        count_only_qualifiers=frozenset(
            _phrase(p) for p in _strings(raw.get("count_only_qualifiers"), "count_only")
        ),
        range_pairs=pairs,
        range_infixes=_phrases(ranges.get("infixes"), "ranges.infixes"),
        date_range_infixes=_phrases(ranges.get("date_infixes"), "ranges.date_infixes"),
        time_approximate=_phrases(time.get("approximate"), "time.approximate"),
        time_introducers=_phrases(time.get("introducers"), "time.introducers"),
        time_articles=_phrases(time.get("articles"), "time.articles"),
        clock_words=_phrases(time.get("clock_words"), "time.clock_words"),
        hour_markers=_phrases(time.get("hour_markers"), "time.hour_markers"),
        time_periods=MappingProxyType(periods),
        minute_phrases=MappingProxyType(
            {
                _phrase(p): int(v)
                for p, v in _word_map(time.get("minute_phrases"), "minute_phrases").items()
            }
        ),
        duration_units=MappingProxyType(units),
    )


def _lexicon_path(lang: str) -> Path:
    """Return where the lexicon of a language is read from."""
    return ontology_dir() / "lexicon" / f"{lang}.yaml"


@functools.cache
def _load_lexicon(lang: str, path: Path) -> Lexicon:
    """Read and build one lexicon file (cached per language and path)."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=_SAFE_LOADER) or {}
    return _build_lexicon(lang, raw)


def _lexicon(lang: str) -> Lexicon:
    """Load the lexicon of a language, once per file.

    Args:
        lang: ISO 639-1 code, ``"en"`` or ``"es"``.

    Returns:
        The lexicon read from ``ontology/lexicon/{lang}.yaml``, where
        ``ontology/`` is the directory named by ``BESLAN_KG_ONTOLOGY`` if set,
        else the one at the root of the source tree.

    Raises:
        ValueError: If there is no lexicon for the language.
    """
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise ValueError(f"not a language code: {lang!r}")
    path = _lexicon_path(lang)
    # The path is part of the cache key so that changing the environment
    # variable (as tests do) is honoured.
    try:
        return _load_lexicon(lang, path)
    except FileNotFoundError:
        raise ValueError(f"no lexicon for language {lang!r} (looked for {path})") from None


def lexicon(lang: str) -> Lexicon:
    """Return the lexicon of a language (see :func:`_lexicon`).

    Args:
        lang: ISO 639-1 code, ``"en"`` or ``"es"``.

    Returns:
        The cached :class:`Lexicon`.
    """
    return _lexicon(lang)


# --------------------------------------------------------------------------
# Small helpers


def _clean(text: str) -> list[str]:
    """Tokenise an expression, without trailing sentence punctuation."""
    # Trailing sentence punctuation is never part of an expression; "p.m."
    # loses its final dot here, which is why the lexicon also lists "p.m".
    return tokens(" ".join(text.split()).rstrip(".,;:"))


def _match_prefix(
    toks: Sequence[str], phrases: Iterable[tuple[str, ...]]
) -> tuple[tuple[str, ...] | None, Sequence[str]]:
    """Return the first phrase that opens the tokens, and the tokens after it."""
    # ``phrases`` come longest first, so the first hit is the longest.
    for phrase in phrases:
        if phrase and tuple(toks[: len(phrase)]) == phrase:
            return phrase, toks[len(phrase) :]
    return None, toks


def _longest_first(phrases: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Sort phrases longest first, for prefix matching."""
    return sorted(phrases, key=len, reverse=True)


# --------------------------------------------------------------------------
# Numbers


_DIGITS = "digits"


def _leading_digits(text: str, lex: Lexicon) -> tuple[Fraction | None, str]:
    """Read a number in digits at the start of a text; return it and the rest."""
    match = re.match(lex.number_regex + r"(?=\s|$)", text)
    if not match:
        return None, text
    return _digit_token_value(match.group(0), lex), text[match.end() :]


def _digit_token_value(text: str, lex: Lexicon) -> Fraction | None:
    """Read a number written in digits, honouring the language's separators."""
    if lex.grouped_number_regex and re.fullmatch(lex.grouped_number_regex, text):
        return Fraction(int(re.sub(r"\D", "", text)))
    if lex.decimal_number_regex and re.fullmatch(lex.decimal_number_regex, text):
        whole, fraction = re.split(r"\D", text, maxsplit=1)
        return Fraction(f"{whole}.{fraction}")
    if re.fullmatch(r"\d+", text):
        return Fraction(int(text))
    return None


def _can_add(last: Fraction | str | None, value: Fraction) -> bool:
    """Whether a number word may be added after the last one."""
    # Number words add up from larger to smaller places: "twenty six",
    # "ciento veinte", "two hundred and five"; anything else ("two three",
    # "six twenty") is not one number.
    if last is None:
        return True
    if last == _DIGITS or last < 1:
        return False
    if last % 100 == 0:
        return value < 100
    if last % 10 == 0 and last >= 20:
        return value < 10
    return False


def _number_value(text: str, lex: Lexicon) -> Fraction | None:
    """Read a number written in digits, words or both ("1.5 million")."""
    text = " ".join(text.split())
    if not text:
        return None
    total = Fraction(0)
    group = Fraction(0)
    last: Fraction | str | None = None
    last_scale: int | None = None
    consumed = False

    leading, rest = _leading_digits(text, lex)
    if leading is not None:
        group, last, consumed = leading, _DIGITS, True
    elif re.match(r"\d", text):
        return None

    words = [w for w in re.split(r"[\s\-\u2010\u2011]+", rest.strip()) if w]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word in lex.connectors:
            # A connector joins two numbers; it cannot open or close one.
            if not consumed or following is None:
                return None
            continue
        if word in lex.number_words:
            value = Fraction(lex.number_words[word])
            if not _can_add(last, value):
                return None
            group += value
            last = value
        elif word in lex.fractions:
            if last is not None and last != _DIGITS and last < 1:
                return None
            group += lex.fractions[word]
            last = lex.fractions[word]
        elif word in lex.multipliers:
            factor = lex.multipliers[word]
            if group >= factor:
                return None
            group = (group or 1) * factor
            last = group
        elif word in lex.scales:
            scale = lex.scales[word]
            if last_scale is not None and scale > last_scale:
                # "mil millones": the scale applies to everything so far.
                total = (total + group) * scale
            else:
                total += (group or 1) * scale
            group, last, last_scale = Fraction(0), None, scale
        elif word in lex.articles:
            if following in lex.multipliers or following in lex.scales:
                if group == 0:
                    group, last = Fraction(1), Fraction(1)
            elif following not in lex.fractions:
                return None
        else:
            return None
        consumed = True
    if not consumed:
        return None
    return total + group


def parse_number(text: str, lang: str) -> int | None:
    """Read a whole number written in digits, words or both.

    Separators follow the language: "1,100" in English and "1.100" or
    "1 100" in Spanish are 1100, while "1.5" in English (and "1,5" in
    Spanish) is a decimal, read only when a scale word makes it whole
    ("1.5 million").

    Args:
        text: The number alone, e.g. ``"334"``, ``"twenty-six"``,
            ``"veintiséis"``, ``"a dozen"``, ``"1.5 million"``.
        lang: ISO 639-1 code of the text.

    Returns:
        The number, or None if the text is not a whole number (including
        fractions such as "half" and "two and a half").
    """
    value = _number_value(" ".join(_clean(text)), _lexicon(lang)) if text.strip() else None
    if value is None or value.denominator != 1:
        return None
    return int(value)


def _number_from_tokens(toks: Sequence[str], lex: Lexicon) -> int | None:
    """Read a whole number from tokens, or None."""
    value = _number_value(" ".join(toks), lex)
    if value is None or value.denominator != 1:
        return None
    return int(value)


# --------------------------------------------------------------------------
# Quantities


def _split_range(
    toks: Sequence[str], separator: tuple[str, ...], lex: Lexicon
) -> tuple[int, int] | None:
    """Split tokens at a separator into a rising pair of numbers."""
    width = len(separator)
    for index in range(1, len(toks) - width):
        if tuple(toks[index : index + width]) != separator:
            continue
        if not separator[0].isalpha() and not (
            toks[index - 1][:1].isdigit() and toks[index + width][:1].isdigit()
        ):
            # A dash joins number words ("twenty-six"); it is a range only
            # between digits ("150-200").
            continue
        low = _number_from_tokens(toks[:index], lex)
        high = _number_from_tokens(toks[index + width :], lex)
        if low is not None and high is not None and low < high:
            return low, high
    return None


def _parse_range(toks: Sequence[str], lex: Lexicon) -> tuple[int, int] | None:
    """Read a range ("150 to 200", "entre 150 y 200") from tokens."""
    for opening, middle in lex.range_pairs:
        if opening and tuple(toks[: len(opening)]) == opening:
            inner = toks[len(opening) :]
            found = _split_range(inner, middle, lex)
            if found:
                return found
    for infix in lex.range_infixes:
        found = _split_range(toks, infix, lex)
        if found:
            return found
    return None


def parse_quantity(text: str, lang: str) -> Quantity | None:
    """Read a number with its qualifier, or a range of numbers.

    Args:
        text: The quantity alone, e.g. ``"more than 1,100"``,
            ``"más de 700"``, ``"some 50"``, ``"150 to 200"``,
            ``"entre 150 y 200"``, ``"334"``, ``"dos"``.
        lang: ISO 639-1 code of the text.

    Returns:
        The quantity (``text`` is the stripped input), or None if the text is
        not one, e.g. ``"more than half"``. A qualified range ("up to
        150-200") is a range.
    """
    lex = _lexicon(lang)
    toks = _clean(text)
    if not toks:
        return None
    phrase, rest = _match_prefix(toks, _longest_first(lex.qualifiers))
    # A range keeps its bounds, which say more than a qualifier before it
    # ("unos 150-200"): a quantity has one qualifier only.
    bounds = _parse_range(rest, lex)
    if bounds is not None:
        return Quantity(bounds[0], "range", text.strip(), upper=bounds[1])
    qualifier = "exact" if phrase is None else lex.qualifiers[phrase]
    value = _number_from_tokens(rest, lex)
    if value is None:
        return None
    return Quantity(value, qualifier, text.strip())


def parse_duration(text: str, lang: str) -> tuple[Quantity, str] | None:
    """Read a length of time: a quantity followed by a unit.

    Args:
        text: The duration alone, e.g. ``"some 50 hours"``, ``"tres días"``.
        lang: ISO 639-1 code of the text.

    Returns:
        The quantity (``text`` is the whole stripped input) and the unit's
        English plural name (``minutes``, ``hours``, ``days``, ``weeks``,
        ``months`` or ``years``), or None. A length that is not whole
        ("two and a half years", "dos años y medio") is None.
    """
    lex = _lexicon(lang)
    toks = _clean(text)
    if len(toks) < 2 or toks[-1] not in lex.duration_units:
        return None
    unit = lex.duration_units[toks[-1]]
    amount = toks[:-1]
    phrase, rest = _match_prefix(amount, _longest_first(lex.qualifiers))
    if len(rest) == 1 and rest[0] in lex.articles:
        # Before a unit an article is the number one: "an hour", "una hora".
        qualifier = lex.qualifiers[phrase] if phrase else "exact"
        return Quantity(1, qualifier, text.strip()), unit
    quantity = parse_quantity(" ".join(amount), lang)
    if quantity is None:
        return None
    return (
        Quantity(quantity.value, quantity.qualifier, text.strip(), quantity.upper),
        unit,
    )


# --------------------------------------------------------------------------
# Times


def _hour_word(word: str, lex: Lexicon) -> int | None:
    """Read an hour written as a word ("cuatro", "una")."""
    if word in lex.number_words:
        return lex.number_words[word]
    if word in lex.articles:
        # "a la una": the article is the hour one.
        return 1
    return None


def parse_time(text: str, lang: str) -> TimeValue | None:
    """Read a clock time.

    Args:
        text: The time alone, e.g. ``"13:00"``, ``"4:22 PM"``, ``"1 p.m."``,
            ``"alrededor de las 13:00 horas"``, ``"a las cuatro de la tarde"``.
        lang: ISO 639-1 code of the text.

    Returns:
        The time as ``xsd:time`` (``"13:00:00"``), approximate when a phrase
        such as "about" or "alrededor de" opens it, or None. A bare number is
        not a time: it needs minutes, a period (PM, "de la tarde"), a clock
        word, an hour marker ("horas") or an article ("las 13").
    """
    lex = _lexicon(lang)
    toks: Sequence[str] = _clean(text)
    approximate = False
    while toks:
        phrase, rest = _match_prefix(toks, lex.time_introducers)
        if phrase is None:
            phrase, rest = _match_prefix(toks, lex.time_approximate)
            if phrase is None:
                break
            approximate = True
        toks = rest
    article, toks = _match_prefix(toks, lex.time_articles)
    if not toks:
        return None

    match = _CLOCK_RE.fullmatch(toks[0])
    rest = list(toks[1:])
    if match:
        hour = int(match[1])
        minute = int(match[3] or 0)
        second = int(match[4] or 0)
        separator = match[2]
        if match[5]:
            # Letters glued to the number ("4pm", "13h") are a token of their own.
            rest = [*tokens(match[5]), *rest]
    else:
        word_hour = _hour_word(toks[0], lex)
        if word_hour is None:
            return None
        hour, minute, second, separator = word_hour, 0, 0, None

    minute_shift = 0
    if separator is None:
        phrase, rest = _match_prefix(rest, _longest_first(lex.minute_phrases))
        if phrase is not None:
            minute_shift = lex.minute_phrases[phrase]
    marker, rest = _match_prefix(rest, lex.hour_markers)
    clock, rest = _match_prefix(rest, lex.clock_words)
    period_phrase, rest = _match_prefix(rest, _longest_first(lex.time_periods))
    if rest:
        return None
    period = lex.time_periods[period_phrase] if period_phrase else None

    if separator == "." and not (marker or period):
        # "13.00" alone may be a decimal number.
        return None
    if separator is None and not (marker or clock or period or article):
        return None

    if period == "am":
        if not 1 <= hour <= 12:
            return None
        hour = 0 if hour == 12 else hour
    elif period == "pm":
        if not 1 <= hour <= 12:
            return None
        hour = hour if hour == 12 else hour + 12
    elif period == "night":
        if not 1 <= hour <= 12:
            return None
        hour = 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        return None
    total = (hour * 60 + minute + minute_shift) % (24 * 60)
    return TimeValue(
        f"{total // 60:02d}:{total % 60:02d}:{second:02d}", "time", text.strip(), approximate
    )


# --------------------------------------------------------------------------
# Dates


def _element_accepts(element: str, token: str, lex: Lexicon, group: str) -> bool:
    """Whether a token fills one element of a date pattern."""
    if element == "DAY":
        return re.fullmatch(lex.day_regex, token) is not None
    if element == "MONTH":
        # A month alone is too ambiguous in its short form ("mar", "may").
        names = lex.months if group == "month" else lex.all_months
        return token in names
    if element == "YEAR":
        return _YEAR_RE.fullmatch(token) is not None
    if element == "WEEKDAY":
        return token in lex.all_weekdays
    return token in element.split("|")


def _match_elements(
    elements: Sequence[str],
    toks: Sequence[str],
    lex: Lexicon,
    group: str,
    slots: Mapping[str, str],
) -> dict[str, str] | None:
    """Match tokens against pattern elements; return the filled slots."""
    if not elements:
        return dict(slots) if not toks else None
    element = elements[0]
    optional = len(element) > 1 and element.endswith("?")
    name = element[:-1] if optional else element
    if toks and _element_accepts(name, toks[0], lex, group):
        filled = {**slots, name: toks[0]} if name in DATE_SLOTS else slots
        found = _match_elements(elements[1:], toks[1:], lex, group, filled)
        if found is not None:
            return found
    if optional:
        return _match_elements(elements[1:], toks, lex, group, slots)
    return None


def _day_number(token: str, lex: Lexicon) -> int:
    """Read the day number of a DAY token ("1st", "1º")."""
    match = re.fullmatch(lex.day_regex, token)
    assert match is not None
    return int(match[1])


def _date_from_slots(
    group: str, slots: Mapping[str, str], lex: Lexicon, reference: dt.date | None
) -> tuple[str, str] | None:
    """Build the lexical form and datatype of a matched date."""
    month = lex.all_months.get(slots.get("MONTH", ""))
    if group in YEARLESS_GROUPS:
        if reference is None:
            return None
        year = reference.year
    else:
        year = int(slots["YEAR"])
    if group in ("date", "day_month"):
        try:
            day = dt.date(year, month or 0, _day_number(slots["DAY"], lex))
        except ValueError:
            return None
        return day.isoformat(), "date"
    if group in ("year_month", "month"):
        return f"{year:04d}-{month:02d}", "gYearMonth"
    return f"{year:04d}", "gYear"


def _absolute_date(
    toks: Sequence[str], lex: Lexicon, reference: dt.date | None
) -> tuple[str, str, bool] | None:
    """Read a date written out, possibly after a part of a period."""
    part, rest = _match_prefix(toks, lex.period_parts)
    approximate = part is not None
    if part is not None and rest[:1] == ["-"]:
        rest = rest[1:]
    groups = ("year_month", "year", "month") if approximate else DATE_GROUPS
    for group in groups:
        for pattern in lex.date_patterns[group]:
            slots = _match_elements(pattern, rest, lex, group, {})
            if slots is not None:
                found = _date_from_slots(group, slots, lex, reference)
                return (*found, approximate) if found else None
    if len(rest) == 1 and rest[0] in lex.months:
        found = _date_from_slots("month", {"MONTH": rest[0]}, lex, reference)
        return (*found, approximate) if found else None
    return None


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """Return the year and month some months away from a day."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _relative_date(
    toks: Sequence[str], lex: Lexicon, reference: dt.date | None
) -> tuple[str, str, bool] | None:
    """Read a date relative to the reference ("ayer", "on Sunday")."""
    offset = lex.relative_dates.get(tuple(toks))
    if offset is not None:
        if reference is None:
            return None
        unit, amount = offset
        if unit == "days":
            return (reference + dt.timedelta(days=amount)).isoformat(), "date", False
        if unit == "weeks":
            # No XSD type names a week: give its day, marked approximate.
            return (reference + dt.timedelta(weeks=amount)).isoformat(), "date", True
        if unit == "months":
            year, month = _shift_months(reference, amount)
            return f"{year:04d}-{month:02d}", "gYearMonth", False
        return f"{reference.year + amount:04d}", "gYear", False

    positions = [i for i, t in enumerate(toks) if t in lex.weekdays]
    if len(positions) != 1:
        return None
    index = positions[0]
    pre, post = tuple(toks[:index]), tuple(toks[index + 1 :])
    relation = "same_or_before"
    if pre:
        if pre not in lex.weekday_pre:
            return None
        relation = lex.weekday_pre[pre]
    if post:
        if post not in lex.weekday_post:
            return None
        # "el domingo pasado": the word after the weekday decides.
        relation = lex.weekday_post[post]
    if reference is None:
        return None
    weekday = lex.weekdays[toks[index]]
    back = (reference.isoweekday() - weekday) % 7
    if relation == "before":
        day = reference - dt.timedelta(days=back or 7)
    elif relation == "after":
        day = reference + dt.timedelta(days=(weekday - reference.isoweekday()) % 7 or 7)
    else:
        day = reference - dt.timedelta(days=back)
    return day.isoformat(), "date", False


def _trimmed(toks: Sequence[str], trim: frozenset[str]) -> Iterator[Sequence[str]]:
    """Yield the tokens, then the tokens without each leading context word."""
    yield toks
    while toks and toks[0] in trim:
        toks = toks[1:]
        yield toks


def parse_date(text: str, lang: str, *, reference: dt.date | None = None) -> TimeValue | None:
    """Read a calendar date, year-month or year.

    Args:
        text: The date alone, e.g. ``"1 de septiembre de 2004"``,
            ``"Sun 1 Sep 2024"``, ``"September 2004"``, ``"in 2017"``,
            ``"late 1999"``, ``"finales de 2019"``, ``"ayer"``,
            ``"on Sunday"``, ``"last month"``.
        lang: ISO 639-1 code of the text.
        reference: The date the text is relative to, normally the article's
            publication date. Relative dates ("yesterday", "el domingo") and
            dates without a year ("3 de septiembre") need it.

    Returns:
        The date with its XSD datatype (``date``, ``gYearMonth`` or
        ``gYear``); approximate for part-of-period phrases ("late 1999") and
        week offsets ("last week"). None for text that is not a date, for
        invalid dates (31 February), for recurring dates ("every 3
        September", "cada 3 de septiembre") and for relative dates without a
        reference. A weekday given with a full date is not checked against it.
    """
    lex = _lexicon(lang)
    toks = _clean(text)
    for variant in _trimmed(toks, lex.date_trim):
        if not variant:
            return None
        if _match_prefix(variant, lex.recurring)[0] is not None:
            return None
        found = _relative_date(variant, lex, reference) or _absolute_date(
            variant, lex, reference
        )
        if found is not None:
            lexical, datatype, approximate = found
            return TimeValue(lexical, datatype, text.strip(), approximate)
    return None
