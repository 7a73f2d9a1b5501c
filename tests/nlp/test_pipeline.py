"""The map step's pieces for a pool: a long article's chunks parsed apart, then joined and extracted."""

from __future__ import annotations

from conftest import ENGLISH_SEED

from beslan_kg.nlp import chunks
from beslan_kg.nlp.pipeline import extract_pieces, iter_extractions, parse_piece
from beslan_kg.records import Article, ArticleMeta


def _article() -> Article:
    text = ENGLISH_SEED.read_text(encoding="utf-8")
    return Article(ArticleMeta(id="long", language="en", title="long", path="long.txt"), text)


def test_chunks_parsed_apart_then_joined_give_what_one_process_gives(monkeypatch):
    # Chunks far smaller than the article, so that it is parsed in several pieces either way.
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 700)
    article = _article()
    spans = list(chunks.iter_chunks(article.text))
    assert len(spans) > 2
    pieces = [parse_piece("en", None, article.text[s:e]) for s, e in spans]
    index, found, problem = extract_pieces(7, article, pieces)
    assert (index, problem) == (7, None)
    assert found == next(iter_extractions([article]))


def test_pieces_that_do_not_make_the_article_are_its_problem_in_one_line():
    article = _article()
    index, found, problem = extract_pieces(3, article, [b"not a parsed chunk"])
    assert (index, found) == (3, None) and problem and "\n" not in problem
    half = parse_piece("en", None, article.text[: len(article.text) // 2])
    index, found, problem = extract_pieces(3, article, [half])
    assert (index, found) == (3, None) and "do not join" in problem
