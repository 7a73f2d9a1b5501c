"""A long article read in sections: where it is cut, offsets into the article, and repeats across sections joined."""

from __future__ import annotations

import pytest

from beslan_kg.nlp import sections
from beslan_kg.nlp.pipeline import extract_section, iter_extractions
from beslan_kg.nlp.sections import iter_sections, join_sections
from beslan_kg.records import (
    Article, ArticleExtraction, ArticleMeta, Attribution, EventRecord, Evidence, LocalEntity, Relation, TimeValue,
)

META = ArticleMeta(id="long", language="en", title="long", path="long.txt")
# Two sections of one article, cut after the blank line; each names the mayor and reports the flood.
FIRST = "Mayor Ana Ruiz visited Springfield on Monday.\n\n"
SECOND = "Ruiz said the flood in Springfield was over. Ana Ruiz thanked the volunteers."
TEXT = FIRST + SECOND


@pytest.mark.parametrize("text", [
    "First paragraph here.\n\nSecond one follows.\n\nA third.",
    "no full stop anywhere just words and more words " * 40,
    "x" * 1000,
    "Una frase. Otra frase, con coma. " * 30,
    "",
])
def test_sections_cover_the_text_in_order_and_respect_the_size(text):
    cuts = list(iter_sections(text, size=100))
    assert "".join(text[s:e] for s, e in cuts) == text
    assert all(e - s <= 100 for s, e in cuts)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))


def test_a_section_ends_at_the_best_break_in_its_second_half():
    text = "A" * 60 + "\n\n" + "b " * 30 + "c. " + "d " * 40
    (first, *_) = iter_sections(text, size=100)
    assert text[first[0]:first[1]].endswith("\n\n")
    text = "word " * 12 + "end. " + "word " * 30
    (first, *_) = iter_sections(text, size=100)
    assert text[first[0]:first[1]].endswith("end. ")


def _evidence(section: str, words: str, nth: int = 0) -> Evidence:
    """Evidence of the nth ``words`` in a section, with offsets into the section, as the section's extraction gives it."""
    start = -1
    for _ in range(nth + 1):
        start = section.index(words, start + 1)
    sentence_start = section.rfind(". ", 0, start) + 2 if ". " in section[:start] else 0
    sentence_end = section.find(".", start) + 1
    return Evidence(META.id, start, start + len(words), words, sentence_start, sentence_end,
                    section[sentence_start:sentence_end])


def _part(section: str, entities=(), events=(), relations=(), attributions=()) -> ArticleExtraction:
    return ArticleExtraction(META, tuple(entities), tuple(events), tuple(relations), (), tuple(attributions))


def _sections() -> list[tuple[int, ArticleExtraction]]:
    mayor = LocalEntity("ana-ruiz", "Person", "Person", "Ana Ruiz", None, (_evidence(FIRST, "Ana Ruiz"),))
    town = LocalEntity("springfield", "Place", "Place", "Springfield", None, (_evidence(FIRST, "Springfield"),))
    visit = EventRecord("event-visit", "Visit", None, (_evidence(FIRST, "visited"),))
    first = _part(FIRST, [mayor, town], [visit], [Relation("ana-ruiz", "participant", "springfield", _evidence(FIRST, "visited"), "r")])
    mayor2 = LocalEntity("ana-ruiz", "Person", "Person", "Ruiz", None, (_evidence(SECOND, "Ruiz"), _evidence(SECOND, "Ana Ruiz")))
    flood = EventRecord("event-flood", "Flood", None, (_evidence(SECOND, "flood"),), date=TimeValue("2024", "gYear", "2024"))
    said = Attribution(META.id, 0, SECOND.index(".") + 1, SECOND[: SECOND.index(".") + 1], "Ruiz said", "ana-ruiz")
    second = _part(SECOND, [mayor2, LocalEntity("springfield", "Place", "Place", "Springfield", None, (_evidence(SECOND, "Springfield"),))],
                   [flood, EventRecord("event-visit", "Visit", None, (), date=TimeValue("2023", "gYear", "2023"))],
                   attributions=[said])
    return [(0, first), (len(FIRST), second)]


def test_every_offset_of_a_later_section_is_moved_to_the_article():
    joined = join_sections(META, _sections())
    spans = [ev for e in joined.entities for ev in e.mentions] + [ev for e in joined.events for ev in e.evidence]
    spans += [r.evidence for r in joined.relations]
    assert spans and all(TEXT[ev.start:ev.end] == ev.text for ev in spans)
    assert all(TEXT[ev.sentence_start:ev.sentence_end] == ev.sentence for ev in spans)
    (said,) = joined.attributions
    assert TEXT[said.sentence_start:said.sentence_end] == said.sentence


def test_one_entity_or_event_named_in_two_sections_is_one_record_with_the_mentions_of_both():
    joined = join_sections(META, _sections())
    by_id = {e.local_id: e for e in joined.entities}
    assert sorted(by_id) == ["ana-ruiz", "springfield"]
    mayor = by_id["ana-ruiz"]
    assert [m.text for m in mayor.mentions] == ["Ana Ruiz", "Ruiz", "Ana Ruiz"]
    assert mayor.name == "Ana Ruiz"  # the first section's name
    events = {e.local_id: e for e in joined.events}
    assert [e.local_id for e in joined.events] == sorted(events)
    # A field the first section left empty is taken from the next that gives it.
    assert events["event-visit"].date.lexical == "2023" and events["event-flood"].date.lexical == "2024"


def test_a_name_one_section_reads_as_an_event_is_no_entity_in_the_article():
    (first_offset, first), (offset, second) = _sections()
    named = LocalEntity("event-flood", "Thing", "Thing", "flood", None, (_evidence(FIRST, "visited"),))
    first = ArticleExtraction(META, first.entities + (named,), first.events, first.relations, (), ())
    joined = join_sections(META, [(first_offset, first), (offset, second)])
    assert "event-flood" not in {e.local_id for e in joined.entities}
    assert "event-flood" in {e.local_id for e in joined.events}


def test_an_article_of_one_section_is_what_its_extraction_gives():
    (_, first), _ = _sections()
    assert join_sections(META, [(0, first)]) == first


@pytest.fixture()
def small_sections(monkeypatch):
    # Sections far shorter than the article, cut at its paragraph break.
    monkeypatch.setattr(sections, "SECTION_CHARS", len(SECOND) + 1)


def test_a_long_article_is_read_in_sections_whose_records_point_into_the_article(small_sections):
    article = Article(META, TEXT)
    assert list(iter_sections(TEXT)) == [(0, len(FIRST)), (len(FIRST), len(TEXT))]
    found = next(iter_extractions([article]))
    spans = [ev for e in found.entities for ev in e.mentions]
    assert any(ev.start >= len(FIRST) for ev in spans)
    assert all(TEXT[ev.start:ev.end] == ev.text and TEXT[ev.sentence_start:ev.sentence_end] == ev.sentence for ev in spans)
    # The town named in both sections is one entity of the article.
    towns = [e for e in found.entities if any(m.text == "Springfield" for m in e.mentions)]
    assert len(towns) == 1 and len(towns[0].mentions) == 2


def test_sections_extracted_apart_and_joined_give_what_one_process_gives(small_sections):
    article = Article(META, TEXT)
    parts = [(s, extract_section(Article(META, TEXT[s:e]))) for s, e in iter_sections(TEXT)]
    assert join_sections(META, parts) == next(iter_extractions([article]))
