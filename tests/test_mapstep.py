"""The map step at scale: cached records reused, progress as each article is done, the same bytes on any executor."""

from __future__ import annotations

import pickle

import pytest
from conftest import CORPUS, ENGLISH_SEED

from beslan_kg.build import run_build
from beslan_kg.cache import ExtractionCache, article_key
from beslan_kg.errors import ConfigError
from beslan_kg.mapstep import make_executor
from beslan_kg.records import Article, ArticleMeta

NEW = "Rescue teams reached the town of Amasra on Saturday after an explosion in a coal mine killed 41 miners.\n"


def _outputs(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "build-report.json")}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in CORPUS.glob("*"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _count_extractions(monkeypatch) -> list[str]:
    import beslan_kg.nlp.pipeline as pipeline

    done: list[str] = []
    real = pipeline._Extractor.__call__

    def counted(self, doc, article):
        done.append(article.meta.id)
        return real(self, doc, article)

    monkeypatch.setattr(pipeline._Extractor, "__call__", counted)
    return done


def test_adding_an_article_reuses_every_cached_article_but_the_new_one(tmp_path, corpus, monkeypatch):
    cache = tmp_path / "cache"
    first = run_build([corpus], tmp_path / "first", cache_dir=cache, view=False)
    assert first.cached == 0
    (corpus / "new.txt").write_text(NEW, encoding="utf-8")
    (corpus / "new.meta.yaml").write_text("language: en\n", encoding="utf-8")
    extracted = _count_extractions(monkeypatch)
    again = run_build([corpus], tmp_path / "again", cache_dir=cache, view=False)
    assert (again.cached, extracted) == (2, ["new"])
    fresh = run_build([corpus], tmp_path / "fresh", view=False)
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "fresh")
    assert fresh.cached == 0


def test_progress_fires_as_each_article_is_done(monkeypatch):
    from beslan_kg.nlp.pipeline import iter_mapped
    from beslan_kg.corpus import read_article

    extracted = _count_extractions(monkeypatch)
    articles = [read_article(path) for path in sorted(CORPUS.glob("*.txt"))]
    stream = iter_mapped(articles)
    index, extraction = next(stream)
    assert len(extracted) == 1 and extraction.article.id == articles[index].meta.id
    assert len(list(stream)) == len(articles) - 1


def _copy_ontology(tmp_path, monkeypatch):
    import shutil

    from beslan_kg.nlp.fingerprint import pipeline_fingerprint
    from beslan_kg.paths import ontology_dir

    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    monkeypatch.setenv("BESLAN_KG_ONTOLOGY", str(folder))
    pipeline_fingerprint.cache_clear()
    return folder


@pytest.mark.parametrize("changed, english, spanish", [
    ("rules/en.yaml", True, False),
    ("lexicon/es.yaml", False, True),
    ("rules/common.yaml", True, True),
    ("kb.yaml", True, True),
    ("shapes.ttl", False, False),
    ("context.jsonld", False, False),
])
def test_a_change_invalidates_the_records_that_depend_on_it_and_no_others(tmp_path, monkeypatch, changed, english, spanish):
    from beslan_kg.nlp.fingerprint import pipeline_fingerprint

    folder = _copy_ontology(tmp_path, monkeypatch)
    try:
        before = {lang: pipeline_fingerprint(lang) for lang in ("en", "es")}
        with open(folder / changed, "a", encoding="utf-8") as handle:
            handle.write("\n" if changed.endswith(".jsonld") else "\n# changed\n")
        pipeline_fingerprint.cache_clear()
        after = {lang: pipeline_fingerprint(lang) for lang in ("en", "es")}
    finally:
        pipeline_fingerprint.cache_clear()
    assert (before["en"] != after["en"], before["es"] != after["es"]) == (english, spanish)


def test_another_model_is_another_pipeline():
    from beslan_kg.nlp.fingerprint import pipeline_fingerprint

    assert pipeline_fingerprint("en") != pipeline_fingerprint("en", "es_core_news_sm")


def _article(path: str, text: str = NEW) -> Article:
    return Article(ArticleMeta(id="new", language="en", title="New", path=path), text)


def test_a_moved_article_is_found_in_the_cache_and_reported_where_it_is_now(tmp_path):
    from beslan_kg.records import ArticleExtraction

    cache = ExtractionCache(tmp_path)
    record = ArticleExtraction(_article("a/new.txt").meta, (), (), (), ())
    cache.put(_article("a/new.txt"), "f" * 64, record)
    found = cache.get(_article("b/new.txt"), "f" * 64)
    assert found is not None and found.article.path == "b/new.txt"
    assert cache.get(_article("b/new.txt", NEW + "More text.\n"), "f" * 64) is None
    assert cache.get(_article("a/new.txt"), "e" * 64) is None


class _Payload:
    def __reduce__(self):
        import os

        return (os.system, ("touch pwned",))


def test_a_tampered_cache_entry_runs_nothing_and_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache = ExtractionCache(tmp_path / "cache")
    article = _article("new.txt")
    path = cache._path("f" * 64, article_key(article, "f" * 64))
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(_Payload()))
    assert cache.get(article, "f" * 64) is None
    assert not (tmp_path / "pwned").exists()


def test_executor_options_that_contradict_each_other_are_one_error():
    with pytest.raises(ConfigError, match="needs the dask executor"):
        make_executor(scheduler="tcp://127.0.0.1:8786", executor="processes")
    with pytest.raises(ConfigError, match="runs one process"):
        make_executor(workers=2, executor="local")
    assert make_executor(workers=2).kind == "processes" and make_executor(scheduler="tcp://x:1").kind == "dask"


def test_two_worker_processes_write_the_same_bytes_as_one(tmp_path, built):
    out, _ = built
    run_build([CORPUS], tmp_path / "two", workers=2, view=False)
    assert _outputs(tmp_path / "two") == _outputs(out)


def test_a_long_articles_sections_read_on_two_workers_give_the_same_bytes_as_one_process(tmp_path, monkeypatch):
    import beslan_kg.nlp.sections as sections

    # Sections far smaller than the bundled articles, so that each is read in several.
    monkeypatch.setattr(sections, "SECTION_CHARS", 2000)
    split: list[int] = []
    real = sections.iter_sections
    monkeypatch.setattr(sections, "iter_sections", lambda text, size=None: split.append(len(text)) or real(text, size))
    run_build([CORPUS], tmp_path / "one", view=False)
    split.clear()
    run_build([CORPUS], tmp_path / "two", workers=2, view=False)
    # On the pool, this process only cut the articles into sections (the workers read them).
    assert sorted(split) == sorted(len(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.txt"))
    assert _outputs(tmp_path / "two") == _outputs(tmp_path / "one")


def test_a_dask_cluster_of_two_workers_writes_the_same_bytes_as_one_process(tmp_path, built):
    pytest.importorskip("distributed")
    out, _ = built
    run_build([CORPUS], tmp_path / "dask", executor="dask", workers=2, view=False)
    assert _outputs(tmp_path / "dask") == _outputs(out)


def test_the_cache_command_shows_and_clears_the_entries(tmp_path):
    from click.testing import CliRunner

    from beslan_kg.cli import cli

    cache = tmp_path / "cache"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(ENGLISH_SEED), "--out", str(tmp_path / "out"), "-q", "--cache-dir", str(cache)])
    assert built.exit_code == 0, built.output
    info = runner.invoke(cli, ["cache", "info", "--cache-dir", str(cache)])
    assert info.exit_code == 0 and "1 articles" in info.output and "current" in info.output
    stale = runner.invoke(cli, ["cache", "clear", "--stale", "--cache-dir", str(cache)])
    assert stale.exit_code == 0 and "removed 0 cached articles" in stale.output
    cleared = runner.invoke(cli, ["cache", "clear", "--cache-dir", str(cache)])
    assert cleared.exit_code == 0 and "removed 1 cached articles" in cleared.output
    assert "empty" in runner.invoke(cli, ["cache", "info", "--cache-dir", str(cache)]).output
    uncached = runner.invoke(cli, ["build", str(ENGLISH_SEED), "--out", str(tmp_path / "out"), "-q", "--cache-dir", str(cache),
                                   "--no-cache"])
    assert uncached.exit_code == 0 and not any(cache.rglob("*.pickle"))
