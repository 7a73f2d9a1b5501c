"""Properties of the build on generated articles: it finishes, conforms, loses nothing and does not depend on order.

Articles are made of words of both languages: words of the seed and tuning
articles, names (and aliases, demonyms) from the knowledge base, month names,
digits, numbers, dates and times in either language's form, with or without
punctuation. Everything is seeded (Hypothesis runs derandomized), and the
examples are few and small, so that the suite stays quick.

The map step depends only on the article, so extractions are computed once
per text; what combinations exercise is resolve, the records' check, RDF and
the SHACL check, which is where articles built together meet.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beslan_kg.conform import conform
from beslan_kg.corpus import read_article
from beslan_kg.kb import load_kb
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.io import to_bytes
from beslan_kg.rdf.validate import validate_dataset
from beslan_kg.records import Article, ArticleMeta
from beslan_kg.resolve import resolve

GOLD = ROOT / "tests" / "gold"
# Tuning and seed texts only give words: the development set is never read for anything but its totals.
WORD_SOURCES = sorted((GOLD / "seed").glob("*.txt")) + sorted((GOLD / "tune").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.txt"))
GOLD_ARTICLES = sorted(p for folder in ("seed", "tune", "dev") for p in (GOLD / folder).glob("*.txt"))
DATES = {
    "en": ["September 1, 2004", "1 September 2004", "on Monday", "in 2017", "last month", "June 1995", "2004-09-03", "13:00",
           "about 1 p.m.", "late 1999", "the 3rd"],
    "es": ["1 de septiembre de 2004", "el lunes", "en 2017", "el mes pasado", "junio de 1995", "2004-09-03", "las 13:00",
           "alrededor de las 13:00", "a finales de 1999", "el día 3"],
}
NUMBERS = ["0", "1", "11", "32", "186", "334", "more than 750", "más de 700", "some 50", "unos 50", "1,100", "between 10 and 20",
           "entre 10 y 20", "dozens", "decenas", "2", "three", "tres"]


@cache
def vocabulary() -> dict[str, list[str]]:
    words = sorted({w for path in WORD_SOURCES for w in re.findall(r"[\w’'-]+", path.read_text(encoding="utf-8"))})
    kb = load_kb()
    names = sorted({name for e in kb.values() for lang in ("en", "es") for name in
                    (e.labels.get(lang, ""), *e.aliases.get(lang, ()), *e.demonyms.get(lang, ())) if name})
    return {"words": words, "names": names}


def random_sentence(rng: random.Random, lang: str) -> str:
    vocab = vocabulary()
    parts = []
    for _ in range(rng.randint(3, 16)):
        pick = rng.random()
        if pick < 0.55:
            parts.append(rng.choice(vocab["words"]))
        elif pick < 0.75:
            parts.append(rng.choice(vocab["names"]))
        elif pick < 0.85:
            parts.append(rng.choice(DATES[rng.choice([lang, lang, "en", "es"])]))
        elif pick < 0.95:
            parts.append(rng.choice(NUMBERS))
        else:
            parts.append(rng.choice([",", ";", ":", "—", "(", ")", "«", "»", '"', "No.", "Nº1"]))
    text = " ".join(parts)
    return text[:1].upper() + text[1:] + rng.choice([".", ".", ".", "", "!", "?", "…"])


def random_article(rng: random.Random) -> tuple[str, str]:
    """Return (language, text): sentences in paragraphs, the language given as metadata would."""
    lang = rng.choice(["en", "es"])
    paragraphs = [" ".join(random_sentence(rng, lang) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 2))]
    return lang, "\n\n".join(paragraphs) + "\n"


def as_article(index: int, lang: str, text: str) -> Article:
    return Article(ArticleMeta(id=f"gen-{index:03d}", language=lang, title=f"Generated {index}", path=f"gen-{index:03d}.txt"), text)


_extractions: dict = {}


def extract(articles: list[Article]) -> list:
    """Extractions by article, each computed once per process (the map step depends on the article alone)."""
    missing = [a for a in articles if (a.meta, a.text) not in _extractions]
    for article, extraction in zip(missing, iter_extractions(missing)):
        _extractions[(article.meta, article.text)] = extraction
    return [_extractions[(a.meta, a.text)] for a in articles]


@cache
def gold_articles() -> tuple[Article, ...]:
    return tuple(read_article(path) for path in GOLD_ARTICLES)


def build_graph(extractions):
    checked = conform(resolve(extractions))
    return checked, to_dataset(checked.kg)


def assert_builds_whole(extractions, *, shacl: bool = True) -> bytes:
    checked, ds = build_graph(extractions)
    assert checked.left_out == (), [f"{x.article_id}: {x.what}: {x.problem}" for x in checked.left_out]
    if shacl:
        report = validate_dataset(ds)
        assert report.conforms, [v.message for v in report.errors][:5]
    return to_bytes(ds, "turtle")


def test_200_seeded_random_articles_build_whole_and_conform():
    rng = random.Random(10)
    articles = [as_article(i, *random_article(rng)) for i in range(200)]
    extractions = extract(articles)
    assert len(extractions) == 200
    # Every article alone: nothing left out (the records' check holds each to the shapes).
    for extraction in extractions:
        checked, _ = build_graph([extraction])
        assert checked.left_out == (), (extraction.article.id, [x.what for x in checked.left_out])
    # All together, and the graph conforms to the shapes as pySHACL reads them.
    assert_builds_whole(extractions)


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=3), gold=st.sets(st.integers(0, len(GOLD_ARTICLES) - 1), max_size=3))
def test_any_combination_of_articles_builds_whole_conforms_and_is_deterministic(seeds, gold):
    generated = [as_article(500 + i, *random_article(random.Random(seed))) for i, seed in enumerate(seeds)]
    articles = generated + [gold_articles()[i] for i in sorted(gold)]
    extractions = extract(articles)
    turtle = assert_builds_whole(extractions)
    # The order articles come in changes nothing.
    assert to_bytes(build_graph(list(reversed(extractions)))[1], "turtle") == turtle


def test_no_combination_of_gold_articles_loses_a_statement():
    extractions = extract(list(gold_articles()))
    for i, first in enumerate(extractions):
        for second in extractions[i + 1:]:
            assert_builds_whole([first, second], shacl=False)
    assert_builds_whole(extractions)


def test_the_bundled_build_is_complete(built):
    _, report = built
    assert report.complete and report.shacl_checked and report.left_out == ()


@pytest.mark.parametrize("seed", range(3))
def test_a_generated_article_builds_from_the_command_line(tmp_path, seed):
    from click.testing import CliRunner

    from beslan_kg.cli import cli

    lang, text = random_article(random.Random(seed))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(f"language: {lang}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-q", "--strict"])
    assert result.exit_code == 0, result.output
    assert Path(tmp_path / "out" / "graph.trig").stat().st_size > 0
