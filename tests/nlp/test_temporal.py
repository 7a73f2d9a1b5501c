"""Tests of finding dates, times, durations and quantities in spaCy docs.

Docs come from blank pipelines (no model is loaded); every expected value is
read off the input text by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ENGLISH_SEED, SPANISH_SEED, parse_table
from spacy.matcher import Matcher

from beslan_kg.nlp.temporal import TemporalSpan, iter_temporal_spans, make_temporal_matcher
from beslan_kg.records import Quantity, TimeValue

SUNDAY = dt.date(2024, 9, 1)  # a Sunday, the English seed's publication date


@pytest.fixture(scope="module")
def blank(nlps):
    """Make a doc with a blank pipeline of the language."""
    return lambda lang, text: nlps[lang](text)


@pytest.fixture(scope="module")
def find(blank):
    """Run iter_temporal_spans, checking what holds for every span found."""

    def run(lang: str, text: str, reference: dt.date | None = None) -> list[TemporalSpan]:
        doc = blank(lang, text)
        found = list(iter_temporal_spans(doc, lang, reference=reference))
        for span in found:
            assert doc.text[span.start_char : span.end_char] == span.text
            assert span.kind in ("date", "time", "quantity", "duration")
            if span.kind in ("date", "time"):
                assert isinstance(span.value, TimeValue)
                assert span.value.text == span.text
            else:
                assert isinstance(span.value, Quantity)
            assert (span.unit is not None) == (span.kind == "duration")
        assert found == sorted(found, key=lambda s: s.start_char)
        for before, after in zip(found, found[1:]):
            assert before.end_char <= after.start_char
        return found

    return run


def _only(found: list[TemporalSpan], text: str) -> TemporalSpan:
    """The one span whose text is ``text``."""
    matches = [span for span in found if span.text == text]
    assert len(matches) == 1, f"{text!r} not found once in {[s.text for s in found]}"
    return matches[0]


# --------------------------------------------------------------------------
# The matcher


@pytest.mark.parametrize("lang", ["en", "es"])
def test_make_temporal_matcher(blank, lang):
    doc = blank(lang, "334")
    matcher = make_temporal_matcher(doc.vocab, lang)
    assert isinstance(matcher, Matcher)
    assert len(matcher) > 0


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "El 1 de septiembre de 2004 llegaron 32 terroristas a las 13:00."),
        ("en", "On Sun 1 Sep 2024, 4:22 PM, more than 1,100 people and two explosions."),
    ],
)
def test_doc_is_not_modified(blank, lang, text):
    doc = blank(lang, text)
    before = doc.to_bytes()
    list(iter_temporal_spans(doc, lang, reference=SUNDAY))
    assert doc.to_bytes() == before
    assert not doc.ents
    assert not doc.spans


# --------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("lang", "text", "span", "lexical", "datatype", "approximate"),
    [
        ("es", "El 1 de septiembre de 2004, la ciudad", "1 de septiembre de 2004",
         "2004-09-01", "date", False),
        ("es", "El 13 de abril de 2017, el Tribunal", "13 de abril de 2017",
         "2017-04-13", "date", False),
        ("es", "El viernes, 3 de septiembre de 2004 alrededor", "viernes, 3 de septiembre de 2004",
         "2004-09-03", "date", False),
        ("es", "nació el 1º de mayo de 1990.", "1º de mayo de 1990", "1990-05-01", "date", False),
        ("es", "Ocurrió en septiembre de 2004.", "septiembre de 2004", "2004-09", "gYearMonth",
         False),
        ("es", "Ocurrió en 2017.", "2017", "2017", "gYear", False),
        ("es", "A finales de 2019 dijo", "finales de 2019", "2019", "gYear", True),
        ("es", "a mediados de septiembre de 2004", "mediados de septiembre de 2004", "2004-09",
         "gYearMonth", True),
        ("en", "Published: Sun 1 Sep 2024, 4:22 PM", "Sun 1 Sep 2024", "2024-09-01", "date",
         False),
        ("en", "On September 1, 2004, the first day", "September 1, 2004", "2004-09-01", "date",
         False),
        ("en", "on 1 September 2004 militants", "1 September 2004", "2004-09-01", "date", False),
        ("en", "killed on Sept. 11, 2001, in", "Sept. 11, 2001", "2001-09-11", "date", False),
        ("en", "it began in September 2004.", "September 2004", "2004-09", "gYearMonth", False),
        ("en", "arrived in May 2004 and", "May 2004", "2004-05", "gYearMonth", False),
        ("en", "The court ruled in 2017 that", "2017", "2017", "gYear", False),
        ("en", "The 2004 siege came amid", "2004", "2004", "gYear", False),
        ("en", "a bid in late 1999.", "late 1999", "1999", "gYear", True),
        ("en", "but at the end of 2019 he", "the end of 2019", "2019", "gYear", True),
        ("en", "fighting resumed in mid-1999.", "mid-1999", "1999", "gYear", True),
    ],
)
def test_absolute_dates(find, lang, text, span, lexical, datatype, approximate):
    found = _only(find(lang, text), span)
    assert found.kind == "date"
    assert found.value == TimeValue(lexical, datatype, span, approximate)


@pytest.mark.parametrize(
    ("lang", "text", "span", "lexical", "datatype"),
    [
        ("en", "Russia on Sunday marks the anniversary", "Sunday", "2024-09-01", "date"),
        ("en", "During Sunday's commemorations", "Sunday", "2024-09-01", "date"),
        ("en", "Putin visited the school last month for", "last month", "2024-08", "gYearMonth"),
        ("en", "He said yesterday that", "yesterday", "2024-08-31", "date"),
        ("en", "It happened last year.", "last year", "2023", "gYear"),
        ("en", "They met last Friday.", "last Friday", "2024-08-30", "date"),
        ("es", "Ayer murieron dos personas.", "Ayer", "2024-08-31", "date"),
        ("es", "Rusia recordó el domingo la matanza", "el domingo", "2024-09-01", "date"),
        ("es", "lo visitó el mes pasado por", "el mes pasado", "2024-08", "gYearMonth"),
        ("es", "Ocurrió el año pasado.", "el año pasado", "2023", "gYear"),
        ("es", "Llegó el pasado viernes.", "el pasado viernes", "2024-08-30", "date"),
    ],
)
def test_relative_dates_use_the_reference(find, lang, text, span, lexical, datatype):
    found = _only(find(lang, text, SUNDAY), span)
    assert found.kind == "date"
    assert found.value == TimeValue(lexical, datatype, span)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Russia on Sunday marks it, as it did last month."),
     ("es", "Ayer y el domingo y el mes pasado.")],
)
def test_relative_dates_without_reference_are_skipped(find, lang, text):
    assert [s for s in find(lang, text) if s.kind == "date"] == []


def test_yearless_date_takes_the_year_of_an_earlier_date(find):
    text = "El 1 de septiembre de 2004 empezó. Continuaron el 2 de septiembre."
    found = _only(find("es", text, SUNDAY), "2 de septiembre")
    assert found.value == TimeValue("2004-09-02", "date", "2 de septiembre")


@pytest.mark.parametrize(
    ("lang", "table", "span", "lexical"),
    [
        ("en", """
            It        PRON  nsubj   1
            began     VERB  ROOT    1  begin
            on        ADP   prep    1
            January   PROPN pobj    2
            6         NUM   nummod  3
            ,         PUNCT punct   3
            2021      NUM   nummod  3
            .         PUNCT punct   1
            He        PRON  nsubj   9
            lost      VERB  ROOT    9  lose
            the       DET   det     12
            2020      NUM   nummod  12
            election  NOUN  dobj    9
            .         PUNCT punct   9
            They      PRON  nsubj   15
            met       VERB  ROOT    15 meet
            on        ADP   prep    15
            January   PROPN pobj    16
            7         NUM   nummod  17
            .         PUNCT punct   15
        """, "January 7", "2021-01-07"),
        ("es", """
            Empezó     VERB  ROOT    0  empezar
            el         DET   det     2
            6          NUM   obl     0
            de         ADP   case    4
            enero      NOUN  nmod    2
            de         ADP   case    6
            2021       NUM   compound 2
            .          PUNCT punct   0
            Perdió     VERB  ROOT    8  perder
            las        DET   det     10
            elecciones NOUN  obj     8  elección
            de         ADP   case    12
            2020       NUM   nmod    10
            .          PUNCT punct   8
            Volvieron  VERB  ROOT    14 volver
            el         DET   det     16
            7          NUM   obl     14
            de         ADP   case    18
            enero      NOUN  nmod    16
            .          PUNCT punct   14
        """, "7 de enero", "2021-01-07"),
    ],
)
def test_a_year_naming_another_event_leaves_the_story_its_year(lang, table, span, lexical):
    """"The 2020 election", told after "January 6, 2021": the next date without a year is still of 2021."""
    doc = parse_table(lang, table, annotate=False)
    found = [s for s in iter_temporal_spans(doc, lang) if s.text == span]
    assert [s.value.lexical for s in found] == [lexical]


@pytest.mark.parametrize(
    ("lang", "text", "span", "lexical"),
    [
        ("en", "It began on May 25, 2020. The trial ran from March 8 to April 20, 2021.", "March 8", "2021-03-08"),
        ("es", "Empezó el 25 de mayo de 2020. El juicio duró del 8 de marzo al 20 de abril de 2021.", "8 de marzo", "2021-03-08"),
        ("es", "Se debatió el 31 de mayo y el 1 de junio de 2018.", "31 de mayo", "2018-05-31"),
        # Another clause between the two dates: no range, the year told before.
        ("es", "Empezó el 25 de mayo de 2020. Llegó el 3 de mayo y se fue el 4 de mayo de 2019.", "3 de mayo", "2020-05-03"),
    ],
)
def test_a_date_without_a_year_opening_a_range_takes_the_year_closing_it(find, lang, text, span, lexical):
    assert _only(find(lang, text, SUNDAY), span).value.lexical == lexical


@pytest.mark.parametrize(
    ("lang", "text", "span", "lexical"),
    [
        ("es", "Continuaron el 2 de septiembre.", "2 de septiembre", "2024-09-02"),
        ("en", "They returned on September 3.", "September 3", "2024-09-03"),
    ],
)
def test_yearless_date_falls_back_to_reference_year(find, lang, text, span, lexical):
    assert _only(find(lang, text, SUNDAY), span).value.lexical == lexical
    assert [s for s in find(lang, text) if s.kind == "date"] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Cada 3 de septiembre se celebra un acto de homenaje."),
        ("es", "Todos los 3 de septiembre se reúnen."),
        ("es", "Cada domingo rezan."),
        ("en", "Every 3 September a ceremony is held."),
        ("en", "Each September 1 they gather."),
        ("en", "Every Sunday they pray."),
    ],
)
def test_recurring_dates_yield_nothing(find, lang, text):
    # Neither a date nor the day number as a quantity.
    assert find(lang, text, SUNDAY) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "El 31 de febrero de 2004 no existe."),
        ("en", "On 31 February 2004 nothing happened."),
        ("en", "On February 30, 2005 nothing happened."),
    ],
)
def test_invalid_dates_yield_nothing(find, lang, text):
    assert find(lang, text, SUNDAY) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Hoy en día nadie lo recuerda."),
        ("es", "Plácido Domingo cantó en la escuela."),
        ("en", "They may come back."),
        ("en", "A total to date."),
    ],
)
def test_non_dates_yield_nothing(find, lang, text):
    assert find(lang, text, SUNDAY) == []


# --------------------------------------------------------------------------
# Times


@pytest.mark.parametrize(
    ("lang", "text", "span", "lexical", "approximate"),
    [
        ("es", "2004 alrededor de las 13:00 horas, dos", "alrededor de las 13:00 horas",
         "13:00:00", True),
        ("es", "Empezó a las 13:00.", "las 13:00", "13:00:00", False),
        ("es", "Sobre las 10.30 horas llegó.", "Sobre las 10.30 horas", "10:30:00", True),
        ("es", "Llegaron a las cuatro de la tarde.", "las cuatro de la tarde", "16:00:00",
         False),
        ("es", "Llegaron a las 13 horas.", "las 13 horas", "13:00:00", False),
        ("en", "Sun 1 Sep 2024, 4:22 PM Last", "4:22 PM", "16:22:00", False),
        ("en", "It began at 1 p.m. on Friday.", "1 p.m.", "13:00:00", False),
        ("en", "They left at about 4 pm.", "about 4 pm", "16:00:00", True),
        ("en", "The plane hit at 8:46 a.m. and", "8:46 a.m.", "08:46:00", False),
    ],
)
def test_times(find, lang, text, span, lexical, approximate):
    found = _only(find(lang, text, SUNDAY), span)
    assert found.kind == "time"
    assert found.value == TimeValue(lexical, "time", span, approximate)


@pytest.mark.parametrize(
    ("text", "span", "lexical", "approximate"),
    [
        ("Llegó a la una.", "la una", "01:00:00", False),
        ("Salió hacia las 10 de la noche.", "hacia las 10 de la noche", "22:00:00", True),
        ("Empezó a las dos y media de la tarde.", "las dos y media de la tarde", "14:30:00",
         False),
    ],
)
def test_spanish_hours_after_an_article(find, text, span, lexical, approximate):
    found = _only(find("es", text), span)
    assert found.value == TimeValue(lexical, "time", span, approximate)


def test_hour_after_article_needs_an_opening_word(find):
    # "las 13" is a time after "a" or "hacia", not on its own.
    assert [s for s in find("es", "Vio las 13 casas.") if s.kind == "time"] == []


def test_bare_hour_counting_something_is_not_a_time(find):
    found = find("es", "Se sumaron a las dos explosiones.")
    assert [(s.kind, s.text) for s in found] == [("quantity", "dos")]


# --------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("lang", "text", "span", "value", "qualifier", "unit"),
    [
        ("en", "a siege that lasted for some 50 hours.", "some 50 hours", 50, "approximately",
         "hours"),
        ("en", "The siege lasted three days.", "three days", 3, "exact", "days"),
        ("es", "El asedio duró tres días.", "tres días", 3, "exact", "days"),
        ("es", "Estuvo preso más de 20 años.", "más de 20 años", 20, "more_than", "years"),
        ("en", "Some 50 hours", "Some 50 hours", 50, "approximately", "hours"),
    ],
)
def test_durations(find, lang, text, span, value, qualifier, unit):
    found = _only(find(lang, text), span)
    assert found.kind == "duration"
    assert found.value == Quantity(value, qualifier, span)
    assert found.unit == unit


@pytest.mark.parametrize(
    ("lang", "text", "span", "value", "upper", "unit"),
    [
        ("en", "It took between two and three days.", "between two and three days", 2, 3,
         "days"),
        ("en", "It took 2 to 3 weeks.", "2 to 3 weeks", 2, 3, "weeks"),
        ("es", "Duró de dos a tres días.", "de dos a tres días", 2, 3, "days"),
        ("es", "Duró entre 10 y 12 horas.", "entre 10 y 12 horas", 10, 12, "hours"),
    ],
)
def test_range_durations(find, lang, text, span, value, upper, unit):
    found = _only(find(lang, text), span)
    assert found.kind == "duration"
    assert found.value == Quantity(value, "range", span, upper)
    assert found.unit == unit


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "which comes two and a half years after Moscow launched"),
        ("en", "which comes two years and a half after"),
        ("es", "que llega dos años y medio después"),
    ],
)
def test_fractional_durations_yield_nothing(find, lang, text):
    assert find(lang, text) == []


# --------------------------------------------------------------------------
# Quantities


@pytest.mark.parametrize(
    ("lang", "text", "span", "value", "qualifier", "upper"),
    [
        ("es", "cuando 32 terroristas armados irrumpieron", "32", 32, "exact", None),
        ("es", "un grupo de 11 madres lactantes y 15 niños", "11", 11, "exact", None),
        ("es", "un grupo de 11 madres lactantes y 15 niños", "15", 15, "exact", None),
        ("es", "dos explosiones sacudieron el gimnasio", "dos", 2, "exact", None),
        ("es", "334 personas murieron, incluyendo 186 niños", "334", 334, "exact", None),
        ("es", "334 personas murieron, incluyendo 186 niños", "186", 186, "exact", None),
        ("es", "y más de 700 resultaron heridas", "más de 700", 700, "more_than", None),
        ("es", "Treinta y dos terroristas", "Treinta y dos", 32, "exact", None),
        ("es", "Unos 1.100 rehenes", "Unos 1.100", 1100, "approximately", None),
        ("es", "al menos 20 personas", "al menos 20", 20, "at_least", None),
        ("es", "hasta 30 heridos", "hasta 30", 30, "at_most", None),
        ("es", "menos de 10 rehenes", "menos de 10", 10, "fewer_than", None),
        ("es", "entre 150 y 200 rehenes", "entre 150 y 200", 150, "range", 200),
        ("es", "150-200 rehenes", "150-200", 150, "range", 200),
        ("es", "más de 2000 policías", "más de 2000", 2000, "more_than", None),
        ("es", "murieron 1,5 millones de personas", "1,5 millones", 1500000, "exact", None),
        ("es", "una docena de policías", "una docena", 12, "exact", None),
        ("en", "They herded more than 1,100 people", "more than 1,100", 1100, "more_than",
         None),
        ("en", "when over 330 people died", "over 330", 330, "more_than", None),
        ("en", "that left 334 dead, including 186 children", "334", 334, "exact", None),
        ("en", "that left 334 dead, including 186 children", "186", 186, "exact", None),
        ("en", "and more than 750 wounded", "more than 750", 750, "more_than", None),
        ("en", "two explosions shook the gym", "two", 2, "exact", None),
        ("en", "at least 20 people", "at least 20", 20, "at_least", None),
        ("en", "up to 30 hostages", "up to 30", 30, "at_most", None),
        ("en", "fewer than 10 survivors", "fewer than 10", 10, "fewer_than", None),
        ("en", "some 50 hostages", "some 50", 50, "approximately", None),
        ("en", "between 150 and 200 hostages", "between 150 and 200", 150, "range", 200),
        ("en", "150 to 200 hostages", "150 to 200", 150, "range", 200),
        ("en", "150-200 hostages", "150-200", 150, "range", 200),
        ("en", "twenty-six hostages", "twenty-six", 26, "exact", None),
        ("en", "a dozen hostages", "a dozen", 12, "exact", None),
        ("en", "the 1.5 million residents", "1.5 million", 1500000, "exact", None),
        ("en", "up to 150-200 hostages", "up to 150-200", 150, "range", 200),
        ("en", "More than 700 were hurt.", "More than 700", 700, "more_than", None),
        ("es", "Más de 700 resultaron heridas.", "Más de 700", 700, "more_than", None),
        # Digits closing a clause count what the clause is about.
        ("en", "The toll rose to 334.", "334", 334, "exact", None),
        ("en", "Gunmen killed 40, including 12 children.", "40", 40, "exact", None),
        ("es", "Los atacantes mataron a 40, entre ellos 12 niños.", "40", 40, "exact", None),
    ],
)
def test_quantities(find, lang, text, span, value, qualifier, upper):
    found = _only(find(lang, text), span)
    assert found.kind == "quantity"
    assert found.value == Quantity(value, qualifier, span, upper)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "more than half of them children"),
        ("es", "más de la mitad de ellos niños"),
        ("en", "People gather at School Number One in Beslan"),
        ("es", "La escuela número 1 abrió."),
        ("es", "La escuela No.1 de Beslán"),
        ("en", "One of the attackers escaped."),
        ("en", "the 20th anniversary"),
        ("en", "It rose by 20 percent."),
        ("es", "subió un 20 % este año"),
    ],
)
def test_non_counts_yield_no_quantity(find, lang, text):
    assert [s for s in find(lang, text) if s.kind == "quantity"] == []


@pytest.mark.parametrize(
    ("lang", "text", "span", "value"),
    [
        ("en", "Two of the attackers also died.", "Two", 2),
        ("en", "The siege ended with 334 dead, 186 of them children.", "186", 186),
        ("es", "Dos de los atacantes también murieron.", "Dos", 2),
        ("es", "El asedio terminó con 334 muertos, 186 de ellos niños.", "186", 186),
    ],
)
def test_a_number_before_a_partitive_counts_what_it_leads_to(find, lang, text, span, value):
    assert _only(find(lang, text), span).value == Quantity(value, "exact", span)


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("Hubo más de un centenar de heridos.", "más de un centenar", 100, "more_than"),
        ("Un millar de personas fueron evacuadas.", "Un millar", 1000, "exact"),
        ("Llegaron dos centenares de soldados.", "dos centenares", 200, "exact"),
    ],
)
def test_spanish_words_for_hundreds_and_thousands_count(find, text, span, value, qualifier):
    assert _only(find("es", text), span).value == Quantity(value, qualifier, span)


@pytest.mark.parametrize(("lang", "text"), [("en", "Two of the."), ("es", "Dos de los.")])
def test_a_partitive_leading_to_nothing_counts_nothing(find, lang, text):
    assert [s for s in find(lang, text) if s.kind == "quantity"] == []


@pytest.mark.parametrize(
    ("lang", "text", "year"),
    [
        ("en", "The 2004 siege came amid an insurgency.", "2004"),
        ("en", "In 2000 people voted.", "2000"),
        ("es", "El asedio de 2004 terminó.", "2004"),
        ("es", "hasta 2017 no hubo sentencia", "2017"),
    ],
)
def test_years_are_dates_not_quantities(find, lang, text, year):
    found = _only(find(lang, text), year)
    assert found.kind == "date"
    assert found.value == TimeValue(year, "gYear", year)


# --------------------------------------------------------------------------
# The seed articles


def test_spanish_seed_article(find):
    text = SPANISH_SEED.read_text(encoding="utf-8")
    found = find("es", text)

    def date(needle: str) -> str:
        matches = [s for s in found if s.kind == "date" and needle in s.text]
        assert len(matches) == 1, needle
        return matches[0].value.lexical

    assert date("1 de septiembre de 2004") == "2004-09-01"
    assert date("2 de septiembre") == "2004-09-02"
    assert date("3 de septiembre de 2004") == "2004-09-03"
    assert date("13 de abril de 2017") == "2017-04-13"
    time = [s for s in found if s.kind == "time" and "13:00" in s.text]
    assert [s.value for s in time] == [
        TimeValue("13:00:00", "time", "alrededor de las 13:00 horas", approximate=True)
    ]
    quantities = {s.text: s.value for s in found if s.kind == "quantity"}
    assert quantities == {
        "32": Quantity(32, "exact", "32"),
        "11": Quantity(11, "exact", "11"),
        "15": Quantity(15, "exact", "15"),
        "dos": Quantity(2, "exact", "dos"),
        "334": Quantity(334, "exact", "334"),
        "186": Quantity(186, "exact", "186"),
        "más de 700": Quantity(700, "more_than", "más de 700"),
    }
    # "Cada 3 de septiembre" recurs: not a date of the siege.
    recurring = text.index("Cada 3 de septiembre")
    assert not [s for s in found if recurring <= s.start_char < recurring + 20]


def test_english_seed_article(find):
    text = ENGLISH_SEED.read_text(encoding="utf-8")
    found = find("en", text, SUNDAY)
    dates = [(s.text, s.value.lexical, s.value.datatype, s.value.approximate)
             for s in found if s.kind == "date"]
    assert dates.count(("Sun 1 Sep 2024", "2024-09-01", "date", False)) == 2
    for expected in [
        ("September 1, 2004", "2004-09-01", "date", False),
        ("2017", "2017", "gYear", False),
        ("late 1999", "1999", "gYear", True),
        ("the end of 2019", "2019", "gYear", True),
        ("last month", "2024-08", "gYearMonth", False),
        ("Sunday", "2024-09-01", "date", False),
    ]:
        assert expected in dates
    times = {s.text: s.value.lexical for s in found if s.kind == "time"}
    assert times["4:22 PM"] == "16:22:00"
    durations = [(s.text, s.value, s.unit) for s in found if s.kind == "duration"]
    assert durations == [
        ("some 50 hours", Quantity(50, "approximately", "some 50 hours"), "hours")
    ]
    quantities = {s.text: s.value for s in found if s.kind == "quantity"}
    assert quantities == {
        "over 330": Quantity(330, "more_than", "over 330"),
        "more than 1,100": Quantity(1100, "more_than", "more than 1,100"),
        "334": Quantity(334, "exact", "334"),
        "186": Quantity(186, "exact", "186"),
        "more than 750": Quantity(750, "more_than", "more than 750"),
    }


@pytest.mark.parametrize(("text", "value", "upper"), [
    ("con 19 millones 158 mil 592 votos", 19158592, None),
    ("pérdidas entre 4 000 y 8 000 millones de dólares", 4000000000, 8000000000),
])
def test_a_number_written_in_parts_is_one_quantity_es(nlp_es, text, value, upper):
    found = [s for s in iter_temporal_spans(nlp_es.make_doc(text), "es") if s.kind == "quantity"]
    assert [(s.value.value, s.value.upper) for s in found] == [(value, upper)]


def test_two_numbers_apart_stay_two_quantities_es(nlp_es):
    found = [s for s in iter_temporal_spans(nlp_es.make_doc("murieron 334 personas, 186 niños"), "es") if s.kind == "quantity"]
    assert [s.value.value for s in found] == [334, 186]


# --------------------------------------------------------------------------
# Dates told against the last year, and ranges of days


@pytest.mark.parametrize(("lang", "text", "said", "lexical"), [
    ("en", "It began on 10 November 2019. The protests followed the election of October that year.", "October that year", "2019-10"),
    ("en", "It began on 1 July 2012. It was ratified on 3 September of the same year.", "3 September of the same year", "2012-09-03"),
    ("es", "Ocurrió el 10 de noviembre de 2019. Las protestas siguieron a las elecciones de octubre de ese año.", "octubre de ese año", "2019-10"),
    ("es", "Se celebró el 1 de julio de 2012. Fue ratificada el 31 de agosto de ese año.", "31 de agosto de ese año", "2012-08-31"),
])
def test_a_date_of_that_year_takes_the_last_year_told(find, lang, text, said, lexical):
    assert _only(find(lang, text), said).value.lexical == lexical


def test_a_range_of_days_opens_on_its_first_day_es(find):
    found = find("es", "La crisis ocurrió entre el 10 y el 20 de noviembre de 2019.")
    assert _only(found, "10").value == TimeValue("2019-11-10", "date", "10")
    assert _only(found, "20 de noviembre de 2019").value.lexical == "2019-11-20"


def test_a_range_of_dates_is_read_once_en(find):
    # The first date of the range has its own month: its day is read once, as that date.
    found = find("en", "Rain fell from March 3 to March 5, 2020.")
    assert [s.text for s in found if s.kind == "date"] == ["March 3", "March 5, 2020"]


@pytest.mark.parametrize(
    ("text", "back", "lexical"),
    [
        # "Since the flood of 1999" measures the story by another event: its year dates nothing after it.
        ("It began on 2 May 2017. It was the worst since the flood of 1999. On 18 June it ended.", None, "2017-06-18"),
        # ... unless the text goes on in that year ("that same year").
        ("It began on 2 May 2017. It was the worst since the flood of 1999. That same year, on 18 June, it rained.",
         "same year", "1999-06-18"),
        # ... until it names a year of its own again.
        ("It began in 2017. It was the worst since the flood of 1999. That same year, it rained. On 3 May 2018 it "
         "rained again, and on 18 June it ended.", "same year", "2018-06-18"),
    ],
)
def test_a_year_named_to_measure_the_story_by_dates_what_follows_only_when_the_text_goes_back_to_it(blank, text, back, lexical):
    doc = blank("en", text)
    start = text.index("since")
    compared = [(start, text.index(".", start))]
    same_year = [text.index(back)] if back else []
    found = list(iter_temporal_spans(doc, "en", compared=compared, same_year=same_year))
    assert _only(found, "18 June").value.lexical == lexical
