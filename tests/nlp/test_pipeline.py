"""The map step in one process: articles in order, a long one in sections, a bad one skipped."""

from __future__ import annotations

from conftest import ENGLISH_SEED

from beslan_kg.nlp import pipeline, sections
from beslan_kg.nlp.pipeline import iter_batch, iter_extractions
from beslan_kg.records import Article, ArticleMeta


def _article(ident: str, text: str) -> Article:
    return Article(ArticleMeta(id=ident, language="en", title=ident, path=f"{ident}.txt"), text)


def test_articles_before_and_after_a_long_one_come_out_in_input_order(monkeypatch):
    seed = ENGLISH_SEED.read_text(encoding="utf-8")
    monkeypatch.setattr(sections, "SECTION_CHARS", len(seed) // 3)
    articles = [_article("short-1", "Putin visited Beslan."), _article("long", seed), _article("short-2", "Beslan is in Russia.")]
    found = list(iter_extractions(articles))
    assert [e.article.id for e in found] == ["short-1", "long", "short-2"]
    spans = [ev for e in found[1].entities for ev in e.mentions]
    assert max(ev.start for ev in spans) > 2 * len(seed) // 3
    assert all(seed[ev.start:ev.end] == ev.text for ev in spans)


def test_a_section_that_fails_is_its_articles_problem_in_one_line_and_the_others_are_built(monkeypatch):
    seed = ENGLISH_SEED.read_text(encoding="utf-8")
    monkeypatch.setattr(sections, "SECTION_CHARS", len(seed) // 3)
    real = pipeline.join_sections

    def broken(meta, sections):
        if meta.id == "long":
            raise ValueError("a section could not be joined")
        return real(meta, sections)

    monkeypatch.setattr(pipeline, "join_sections", broken)
    results = list(iter_batch([(0, _article("long", seed)), (1, _article("short", "Putin visited Beslan."))]))
    by_index = {index: (found, problem) for index, found, problem in results}
    assert by_index[0][0] is None and "could not be joined" in by_index[0][1] and "\n" not in by_index[0][1]
    assert by_index[1][0] is not None and by_index[1][1] is None
