"""Tests of the string normalisers: numbers, quantities, dates, times, durations.

Every expected value is read off the input text by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from beslan_kg.nlp.normalise import (
    ONTOLOGY_ENV,
    lexicon,
    parse_date,
    parse_duration,
    parse_number,
    parse_quantity,
    parse_time,
    tokens,
)
from beslan_kg.records import Quantity, TimeValue

SUNDAY = dt.date(2024, 9, 1)  # a Sunday
LEXICON_DIR = Path(__file__).resolve().parents[2] / "ontology" / "lexicon"


# --------------------------------------------------------------------------
# Lexicon


@pytest.mark.parametrize("lang", ["en", "es"])
def test_lexicon_loads_and_is_cached(lang):
    first = lexicon(lang)
    assert first is lexicon(lang)
    assert first.months
    assert first.weekdays
    assert first.number_words
    assert first.qualifiers


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        lexicon("xx")


def test_ontology_directory_can_be_overridden(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    folder.mkdir()
    shutil.copy(LEXICON_DIR / "es.yaml", folder / "es.yaml")
    text = (folder / "es.yaml").read_text(encoding="utf-8")
    original = "  more_than: [más de, mas de]"
    assert original in text
    text = text.replace(original, "  more_than: [más de, mas de, por encima de]")
    (folder / "es.yaml").write_text(text, encoding="utf-8")
    assert parse_quantity("por encima de 40", "es") is None
    monkeypatch.setenv(ONTOLOGY_ENV, str(tmp_path))
    assert parse_quantity("por encima de 40", "es") == Quantity(40, "more_than", "por encima de 40")


def test_lexicon_rejects_yaml_booleans(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "en.yaml").write_text("date_trim: [in, on, at]\n", encoding="utf-8")
    monkeypatch.setenv(ONTOLOGY_ENV, str(tmp_path))
    with pytest.raises(ValueError, match="date_trim"):
        lexicon("en")


def test_tokens_keep_numbers_and_abbreviations_whole():
    assert tokens("At 4:22 p.m. on Sept. 1st, 1,100 o’clock") == [
        "at", "4:22", "p.m", ".", "on", "sept", ".", "1st", ",", "1,100", "o'clock",
    ]


# --------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("334", "en", 334),
        ("334", "es", 334),
        ("1,100", "en", 1100),
        ("1.100", "es", 1100),
        ("1 100", "es", 1100),
        ("1\u00a0100", "es", 1100),
        ("1.100.000", "es", 1100000),
        ("1,100,000", "en", 1100000),
        ("two", "en", 2),
        ("dos", "es", 2),
        ("Two", "en", 2),
        ("veintiséis", "es", 26),
        ("veintiseis", "es", 26),
        ("twenty-six", "en", 26),
        ("twenty six", "en", 26),
        ("treinta y dos", "es", 32),
        ("once", "es", 11),
        ("a dozen", "en", 12),
        ("una docena", "es", 12),
        ("half a dozen", "en", 6),
        ("one hundred and twenty", "en", 120),
        ("twelve hundred", "en", 1200),
        ("ciento veinte", "es", 120),
        ("doscientos mil", "es", 200000),
        ("dos mil cuatro", "es", 2004),
        ("two thousand and four", "en", 2004),
        ("mil millones", "es", 1000000000),
        ("two million three hundred thousand", "en", 2300000),
        ("1.5 million", "en", 1500000),
        ("2.3 million", "en", 2300000),
        ("1,5 millones", "es", 1500000),
        ("1.5 millones", "es", 1500000),
        ("3 millones", "es", 3000000),
        ("2 mil", "es", 2000),
        ("half a million", "en", 500000),
        ("medio millón", "es", 500000),
        ("un millón", "es", 1000000),
        ("zero", "en", 0),
        ("cero", "es", 0),
    ],
)
def test_parse_number(text, lang, expected):
    assert parse_number(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("half", "en"),
        ("medio", "es"),
        ("two and a half", "en"),
        ("dos y medio", "es"),
        ("1.5", "en"),
        ("1,5", "es"),
        ("1.100", "en"),  # a decimal in English, not eleven hundred
        ("once", "en"),  # Spanish eleven, not an English number
        ("two three", "en"),
        ("six twenty", "en"),
        ("20th", "en"),
        ("1º", "es"),
        ("a", "en"),
        ("un", "es"),
        ("and", "en"),
        ("two and", "en"),
        ("hundreds", "en"),
        ("miles", "es"),
        ("people", "en"),
        ("", "en"),
        ("150-200", "en"),
        ("13:00", "es"),
    ],
)
def test_parse_number_rejects(text, lang):
    assert parse_number(text, lang) is None


# --------------------------------------------------------------------------
# Quantities


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier", "upper"),
    [
        ("más de 700", "es", 700, "more_than", None),
        ("mas de 700", "es", 700, "more_than", None),
        ("more than 1,100", "en", 1100, "more_than", None),
        ("over 330", "en", 330, "more_than", None),
        ("some 50", "en", 50, "approximately", None),
        ("about 50", "en", 50, "approximately", None),
        ("around 50", "en", 50, "approximately", None),
        ("roughly 50", "en", 50, "approximately", None),
        ("approximately 50", "en", 50, "approximately", None),
        ("an estimated 50", "en", 50, "approximately", None),
        ("nearly 50", "en", 50, "approximately", None),
        ("almost 50", "en", 50, "approximately", None),
        ("at least 20", "en", 20, "at_least", None),
        ("up to 30", "en", 30, "at_most", None),
        ("fewer than 10", "en", 10, "fewer_than", None),
        ("less than 10", "en", 10, "fewer_than", None),
        ("al menos 20", "es", 20, "at_least", None),
        ("por lo menos 20", "es", 20, "at_least", None),
        ("unos 50", "es", 50, "approximately", None),
        ("unas 50", "es", 50, "approximately", None),
        ("alrededor de 50", "es", 50, "approximately", None),
        ("cerca de 50", "es", 50, "approximately", None),
        ("casi 50", "es", 50, "approximately", None),
        ("aproximadamente 50", "es", 50, "approximately", None),
        ("en torno a 50", "es", 50, "approximately", None),
        ("hasta 30", "es", 30, "at_most", None),
        ("menos de 10", "es", 10, "fewer_than", None),
        ("un total de 32", "es", 32, "exact", None),
        ("más de dos mil", "es", 2000, "more_than", None),
        ("some twenty-six", "en", 26, "approximately", None),
        ("150 to 200", "en", 150, "range", 200),
        ("between 150 and 200", "en", 150, "range", 200),
        ("from 150 to 200", "en", 150, "range", 200),
        ("150-200", "en", 150, "range", 200),
        ("150–200", "es", 150, "range", 200),
        ("entre 150 y 200", "es", 150, "range", 200),
        ("de 150 a 200", "es", 150, "range", 200),
        ("entre treinta y dos y cuarenta", "es", 32, "range", 40),
        ("two to three", "en", 2, "range", 3),
        ("up to 150-200", "en", 150, "range", 200),
        ("unos 150 a 200", "es", 150, "range", 200),
        ("334", "en", 334, "exact", None),
        ("dos", "es", 2, "exact", None),
        ("twenty-six", "en", 26, "exact", None),
    ],
)
def test_parse_quantity(text, lang, value, qualifier, upper):
    assert parse_quantity(text, lang) == Quantity(value, qualifier, text, upper)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("more than half", "en"),
        ("más de la mitad", "es"),
        ("more than", "en"),
        ("some people", "en"),
        ("unos terroristas", "es"),
        ("200 to 150", "en"),  # a range runs upwards
        ("", "es"),
    ],
)
def test_parse_quantity_rejects(text, lang):
    assert parse_quantity(text, lang) is None


# --------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier", "unit"),
    [
        ("some 50 hours", "en", 50, "approximately", "hours"),
        ("tres días", "es", 3, "exact", "days"),
        ("tres dias", "es", 3, "exact", "days"),
        ("one hour", "en", 1, "exact", "hours"),
        ("una hora", "es", 1, "exact", "hours"),
        ("about an hour", "en", 1, "approximately", "hours"),
        ("20 years", "en", 20, "exact", "years"),
        ("más de 20 años", "es", 20, "more_than", "years"),
        ("two weeks", "en", 2, "exact", "weeks"),
        ("dos semanas", "es", 2, "exact", "weeks"),
        ("six months", "en", 6, "exact", "months"),
        ("seis meses", "es", 6, "exact", "months"),
        ("45 minutes", "en", 45, "exact", "minutes"),
        ("45 minutos", "es", 45, "exact", "minutes"),
    ],
)
def test_parse_duration(text, lang, value, qualifier, unit):
    assert parse_duration(text, lang) == (Quantity(value, qualifier, text), unit)


def test_parse_duration_keeps_ranges():
    assert parse_duration("two to three days", "en") == (
        Quantity(2, "range", "two to three days", upper=3),
        "days",
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("two and a half years", "en"),
        ("dos años y medio", "es"),
        ("varias horas", "es"),
        ("hours", "en"),
        ("50", "en"),
        ("50 people", "en"),
    ],
)
def test_parse_duration_rejects(text, lang):
    assert parse_duration(text, lang) is None


# --------------------------------------------------------------------------
# Times


@pytest.mark.parametrize(
    ("text", "lang", "lexical", "approximate"),
    [
        ("13:00", "es", "13:00:00", False),
        ("13:00", "en", "13:00:00", False),
        ("alrededor de las 13:00 horas", "es", "13:00:00", True),
        ("cerca de las 13:00", "es", "13:00:00", True),
        ("a las 13:00 horas", "es", "13:00:00", False),
        ("13.00 horas", "es", "13:00:00", False),
        ("las 13 horas", "es", "13:00:00", False),
        ("a las cuatro de la tarde", "es", "16:00:00", False),
        ("las diez de la noche", "es", "22:00:00", False),
        ("las doce de la noche", "es", "00:00:00", False),
        ("las seis de la mañana", "es", "06:00:00", False),
        ("a la una", "es", "01:00:00", False),
        ("las dos y media de la tarde", "es", "14:30:00", False),
        ("las doce menos cuarto", "es", "11:45:00", False),
        ("4:22 PM", "en", "16:22:00", False),
        ("4:22 am", "en", "04:22:00", False),
        ("1 p.m.", "en", "13:00:00", False),
        ("1 p.m", "en", "13:00:00", False),
        ("4pm", "en", "16:00:00", False),
        ("12 PM", "en", "12:00:00", False),
        ("12 a.m.", "en", "00:00:00", False),
        ("about 4 pm", "en", "16:00:00", True),
        ("at around 13:00", "en", "13:00:00", True),
        ("8:46:30", "en", "08:46:30", False),
    ],
)
def test_parse_time(text, lang, lexical, approximate):
    assert parse_time(text, lang) == TimeValue(lexical, "time", text, approximate)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("13", "es"),  # a bare number is not a time
        ("13.00", "es"),  # may be a decimal
        ("25:00", "en"),
        ("13:61", "en"),
        ("13 pm", "en"),
        ("four", "en"),
        ("horas", "es"),
        ("", "en"),
    ],
)
def test_parse_time_rejects(text, lang):
    assert parse_time(text, lang) is None


# --------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("text", "lang", "lexical", "datatype"),
    [
        ("1 de septiembre de 2004", "es", "2004-09-01", "date"),
        ("El 1 de septiembre de 2004", "es", "2004-09-01", "date"),
        ("13 de abril de 2017", "es", "2017-04-13", "date"),
        ("el viernes, 3 de septiembre de 2004", "es", "2004-09-03", "date"),
        ("1º de mayo de 2005", "es", "2005-05-01", "date"),
        ("3 de setiembre del 2004", "es", "2004-09-03", "date"),
        ("dom 1 sep 2024", "es", "2024-09-01", "date"),
        ("September 1, 2004", "en", "2004-09-01", "date"),
        ("On September 1, 2004", "en", "2004-09-01", "date"),
        ("1 September 2004", "en", "2004-09-01", "date"),
        ("Sun 1 Sep 2024", "en", "2024-09-01", "date"),
        ("Sunday, September 1, 2024", "en", "2024-09-01", "date"),
        ("Sept. 11, 2001", "en", "2001-09-11", "date"),
        ("the 1st of September 2004", "en", "2004-09-01", "date"),
        ("29 February 2004", "en", "2004-02-29", "date"),
        ("September 2004", "en", "2004-09", "gYearMonth"),
        ("September of 2004", "en", "2004-09", "gYearMonth"),
        ("septiembre de 2004", "es", "2004-09", "gYearMonth"),
        ("en septiembre del 2004", "es", "2004-09", "gYearMonth"),
        ("2017", "en", "2017", "gYear"),
        ("in 2017", "en", "2017", "gYear"),
        ("en 2017", "es", "2017", "gYear"),
        ("2017", "es", "2017", "gYear"),
    ],
)
def test_parse_absolute_date(text, lang, lexical, datatype):
    assert parse_date(text, lang) == TimeValue(lexical, datatype, text)


@pytest.mark.parametrize(
    ("text", "lang", "lexical", "datatype"),
    [
        ("late 1999", "en", "1999", "gYear"),
        ("in late 1999", "en", "1999", "gYear"),
        ("early 2004", "en", "2004", "gYear"),
        ("mid-1999", "en", "1999", "gYear"),
        ("the end of 2019", "en", "2019", "gYear"),
        ("at the end of 2019", "en", "2019", "gYear"),
        ("the beginning of 2004", "en", "2004", "gYear"),
        ("late September 2004", "en", "2004-09", "gYearMonth"),
        ("finales de 2019", "es", "2019", "gYear"),
        ("a finales del 2019", "es", "2019", "gYear"),
        ("principios de 2004", "es", "2004", "gYear"),
        ("mediados de septiembre de 2004", "es", "2004-09", "gYearMonth"),
    ],
)
def test_parse_part_of_period_is_approximate(text, lang, lexical, datatype):
    assert parse_date(text, lang) == TimeValue(lexical, datatype, text, approximate=True)


@pytest.mark.parametrize(
    ("text", "lang", "lexical", "datatype"),
    [
        ("3 de septiembre", "es", "2024-09-03", "date"),
        ("el 2 de septiembre", "es", "2024-09-02", "date"),
        ("September 3", "en", "2024-09-03", "date"),
        ("3 September", "en", "2024-09-03", "date"),
        ("in September", "en", "2024-09", "gYearMonth"),
        ("en mayo", "es", "2024-05", "gYearMonth"),
    ],
)
def test_parse_date_without_year_takes_reference_year(text, lang, lexical, datatype):
    assert parse_date(text, lang, reference=SUNDAY) == TimeValue(lexical, datatype, text)
    assert parse_date(text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang", "lexical", "datatype", "approximate"),
    [
        ("yesterday", "en", "2024-08-31", "date", False),
        ("ayer", "es", "2024-08-31", "date", False),
        ("today", "en", "2024-09-01", "date", False),
        ("hoy", "es", "2024-09-01", "date", False),
        ("anteayer", "es", "2024-08-30", "date", False),
        ("the day before yesterday", "en", "2024-08-30", "date", False),
        ("tomorrow", "en", "2024-09-02", "date", False),
        ("Sunday", "en", "2024-09-01", "date", False),
        ("on Sunday", "en", "2024-09-01", "date", False),
        ("el domingo", "es", "2024-09-01", "date", False),
        ("Friday", "en", "2024-08-30", "date", False),
        ("el viernes", "es", "2024-08-30", "date", False),
        ("last Sunday", "en", "2024-08-25", "date", False),
        ("el domingo pasado", "es", "2024-08-25", "date", False),
        ("el pasado domingo", "es", "2024-08-25", "date", False),
        ("next Monday", "en", "2024-09-02", "date", False),
        ("el próximo lunes", "es", "2024-09-02", "date", False),
        ("last month", "en", "2024-08", "gYearMonth", False),
        ("el mes pasado", "es", "2024-08", "gYearMonth", False),
        ("this month", "en", "2024-09", "gYearMonth", False),
        ("last year", "en", "2023", "gYear", False),
        ("el año pasado", "es", "2023", "gYear", False),
        ("este año", "es", "2024", "gYear", False),
        ("this week", "en", "2024-09-01", "date", True),
        ("la semana pasada", "es", "2024-08-25", "date", True),
    ],
)
def test_parse_relative_date(text, lang, lexical, datatype, approximate):
    assert parse_date(text, lang, reference=SUNDAY) == TimeValue(
        lexical, datatype, text, approximate
    )


def test_relative_month_crosses_year_boundary():
    value = parse_date("last month", "en", reference=dt.date(2005, 1, 15))
    assert value == TimeValue("2004-12", "gYearMonth", "last month")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("yesterday", "en"), ("ayer", "es"), ("Sunday", "en"), ("el domingo", "es"),
     ("last month", "en"), ("el año pasado", "es")],
)
def test_relative_date_needs_reference(text, lang):
    assert parse_date(text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("every 3 September", "en"),
        ("each September 3", "en"),
        ("every Sunday", "en"),
        ("cada 3 de septiembre", "es"),
        ("Cada 3 de septiembre", "es"),
        ("todos los 3 de septiembre", "es"),
        ("cada domingo", "es"),
    ],
)
def test_recurring_dates_are_not_dates(text, lang):
    assert parse_date(text, lang, reference=SUNDAY) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("31 February 2004", "en"),
        ("February 30, 2004", "en"),
        ("29 February 2005", "en"),
        ("31 de febrero de 2004", "es"),
        ("31 de abril de 2017", "es"),
        ("32 de enero de 2004", "es"),
        ("31 de febrero", "es"),
    ],
)
def test_invalid_dates_are_rejected(text, lang):
    assert parse_date(text, lang, reference=SUNDAY) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hello", "en"),
        ("334", "en"),
        ("more than 1,100", "en"),
        ("the first day", "en"),
        ("Sunday Times", "en"),
        ("la escuela", "es"),
        ("hoy en día", "es"),
        ("septiembre de", "es"),
        ("13:00", "es"),
        ("", "en"),
    ],
)
def test_non_dates_are_rejected(text, lang):
    assert parse_date(text, lang, reference=SUNDAY) is None


def test_parse_date_does_not_depend_on_today():
    # Absolute dates ignore the reference; relative ones follow it exactly.
    for reference in (None, dt.date(1990, 1, 1), dt.date(2090, 6, 30)):
        assert parse_date("1 de septiembre de 2004", "es", reference=reference).lexical == (
            "2004-09-01"
        )
    assert parse_date("ayer", "es", reference=dt.date(1990, 1, 1)).lexical == "1989-12-31"
