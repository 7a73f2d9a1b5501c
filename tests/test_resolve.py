"""The reduce step: one node per real-world entity across articles and languages."""

from __future__ import annotations

from beslan_kg.kb import KBEntry
from beslan_kg.records import ArticleExtraction, ArticleMeta, Evidence, EventRecord, LocalEntity, Relation, TimeValue
from beslan_kg.resolve import resolve

KB = {
    "grozny": KBEntry("grozny", "Place", "Settlement", {"en": "Grozny", "es": "Grozni"}, {}, {}, "Q5196"),
    "moscow-theatre-siege": KBEntry("moscow-theatre-siege", "Event", "HostageCrisis",
                                    {"en": "Moscow theater hostage crisis", "es": "Crisis de rehenes del teatro de Moscú"}, {}, {}),
    "dubrovka": KBEntry("dubrovka", "Place", "Building", {"en": "Dubrovka Theatre", "es": "Teatro Dubrovka"}, {}, {}),
}


def _ev(article: str, text: str, start: int = 0) -> Evidence:
    return Evidence(article, start, start + len(text), text, 0, 100, f"... {text} ...")


def _extraction(article: str, lang: str, entities=(), events=(), relations=()) -> ArticleExtraction:
    meta = ArticleMeta(id=article, language=lang, title=article, path=f"{article}.txt")
    return ArticleExtraction(meta, tuple(entities), tuple(events), tuple(relations), ())


def test_known_entities_merge_across_languages_with_a_label_per_language():
    en = _extraction("a", "en", [LocalEntity("grozny", "Place", "Settlement", "Grozny", "grozny", (_ev("a", "Grozny"),))])
    es = _extraction("b", "es", [LocalEntity("grozny", "Place", "Settlement", "Grozni", "grozny", (_ev("b", "Grozni"),))])
    kg = resolve([en, es], kb=KB)
    (entity,) = kg.entities
    assert (entity.key, entity.wikidata, entity.labels) == ("grozny", "Q5196", (("en", "Grozny"), ("es", "Grozni")))
    assert [m.members for m in kg.merges] == [("a:grozny", "b:grozny")]


def test_unknown_entities_merge_on_accent_insensitive_name_and_get_no_link():
    en = _extraction("a", "en", [LocalEntity("person-ruslan-aushev", "Person", "Person", "Ruslan Aushev", None, (_ev("a", "Ruslan Aushev"),))])
    es = _extraction("b", "es", [LocalEntity("person-ruslan-ausev", "Person", "Person", "Ruslán Aushev", None, (_ev("b", "Ruslán Aushev"),))])
    kg = resolve([en, es], kb=KB)
    (entity,) = kg.entities
    assert entity.key == "ruslan-aushev" and entity.wikidata is None
    assert dict(entity.labels) == {"en": "Ruslan Aushev", "es": "Ruslán Aushev"}


def test_a_surname_alone_joins_the_one_full_name_in_the_corpus():
    full = _extraction("a", "en", [LocalEntity("p1", "Person", "Person", "Ruslan Aushev", None, (_ev("a", "Ruslan Aushev"),))])
    short = _extraction("b", "en", [LocalEntity("p2", "Person", "Person", "Aushev", None, (_ev("b", "Aushev"),))])
    kg = resolve([full, short], kb=KB)
    assert [e.key for e in kg.entities] == ["ruslan-aushev"]
    assert "surname" in kg.merges[0].reason


def test_same_event_merges_on_class_and_crisis_and_dates_keep_both_sources():
    def article(aid, lang, word, date_text):
        crisis = EventRecord("moscow-theatre-siege", "HostageCrisis", "moscow-theatre-siege", (_ev(aid, "Nord-Ost"),),
                             TimeValue("2002-10-23", "date", date_text), _ev(aid, date_text, 50))
        storm = EventRecord("event-assault", "Assault", None, (_ev(aid, word, 20),), TimeValue("2002-10-26", "date", "26"),
                            _ev(aid, "26", 60), super_event="moscow-theatre-siege")
        place = LocalEntity("dubrovka", "Place", "Building", "Dubrovka", "dubrovka", (_ev(aid, "Dubrovka", 30),))
        rel = Relation("moscow-theatre-siege", "location", "dubrovka", _ev(aid, "Dubrovka", 30), "test")
        return _extraction(aid, lang, [place], [crisis, storm], [rel])

    kg = resolve([article("a", "en", "assault", "October 23, 2002"), article("b", "es", "asalto", "23 de octubre de 2002")], kb=KB)
    keys = [e.key for e in kg.entities]
    assert keys == ["dubrovka", "event/assault-in-moscow-theatre-siege-2002-10-26", "moscow-theatre-siege"]
    starts = [d for d in kg.dates if d.event == "moscow-theatre-siege" and d.predicate == "startDate"]
    assert [d.value.lexical for d in starts] == ["2002-10-23"]
    assert {e.article_id for e in starts[0].evidence} == {"a", "b"}
    ends = [d for d in kg.dates if d.predicate == "endDate"]
    assert [(d.event, d.value.lexical) for d in ends] == [("moscow-theatre-siege", "2002-10-26")]
    (statement,) = kg.statements
    assert (statement.subject, statement.predicate, statement.object) == ("moscow-theatre-siege", "location", "dubrovka")
    assert {e.article_id for e in statement.evidence} == {"a", "b"}


def test_disagreeing_years_are_both_kept():
    def article(aid, year):
        ruling = EventRecord("r", "CourtRuling", None, (_ev(aid, "ruled"),), TimeValue(year, "gYear", year), _ev(aid, year, 9), anchor="c")
        court = LocalEntity("c", "Organization", "Court", "Strasbourg court", None, (_ev(aid, "Strasbourg court", 40),))
        return _extraction(aid, "en", [court], [ruling])

    kg = resolve([article("a", "2016"), article("b", "2017")], kb=KB)
    assert sorted(d.value.lexical for d in kg.dates) == ["2016", "2017"]
    assert {e.key for e in kg.entities if e.kind == "Event"} == {
        "event/court-ruling-strasbourg-court-2016", "event/court-ruling-strasbourg-court-2017"}
