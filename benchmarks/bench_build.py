"""How much the build costs on top of bare spaCy, measured as ratios in one run.

Usage::

    uv run python benchmarks/bench_build.py --articles 200 [--seed 13] [--skip-cold]

Makes a synthetic corpus of real paragraphs in both languages
(``benchmarks/corpus.py``), loads the models once, then times on the same
documents:

* ``bare nlp.pipe``: the statistical models alone, as spaCy ships them;
* ``map step``: our pipeline (the models with our components) and the
  extraction to records, in this process;
* ``resolve``, ``conform``, ``rdf``, ``serialisation`` (the four graph files),
  ``shapes check`` and ``view``: each later stage on the output of the one before;
* ``whole build``: ``run_build`` end to end, one process, no cache, writing the output set;
* ``workers=2``: the same with two worker processes (each loads the models);
* ``incremental add-one``: with a cache holding the corpus, a build of the
  corpus and one more article;
* ``command, 1 worker`` and ``command, 2 workers``: ``beslan-kg build
  --no-cache --workers N`` on the corpus, each in a fresh process that loads
  its models (or its workers do), as a user runs it. The goal for two workers
  is their ratio: ``whole build`` reuses the models this process loaded for
  the stages, which ``workers=2``'s new processes must load.

Bare spaCy and the map step are timed in alternating slices of the corpus, so
that a machine shared with other work slows both alike. Each row is a ratio to
bare spaCy, in wall seconds and in processor seconds of this process (all its
threads; not given for the workers, whose time is spent in other processes):
on a shared machine the wall seconds of stages timed one after the other swing
with the load, the processor seconds much less. The last lines give the ratios
the goals are stated in. Then, in
fresh processes: ``beslan-kg --help``, and a cold build of the bundled corpus
against loading both models and parsing both articles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message=r"\[W095\]")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from beslan_kg.build import read_articles, run_build  # noqa: E402
from beslan_kg.conform import conform  # noqa: E402
from beslan_kg.nlp.models import DEFAULT_MODELS  # noqa: E402
from beslan_kg.nlp.pipeline import _pipeline, iter_mapped  # noqa: E402
from beslan_kg.rdf.build import iter_graphs  # noqa: E402
from beslan_kg.rdf.io import jsonld_context  # noqa: E402
from beslan_kg.rdf.shapes import check_graphs  # noqa: E402
from beslan_kg.rdf.writers import write_graph_files  # noqa: E402
from beslan_kg.resolve import resolve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SLICES = 4


#: Processor seconds of each timing, by stage name: what a machine shared with other work changes least.
CPU: dict[str, float] = {}


def timed(fn, name: str | None = None):
    """Run ``fn``; return its wall seconds and result (its processor seconds, all threads, go to ``CPU[name]``)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if name is not None:
        CPU[name] = CPU.get(name, 0.0) + time.process_time() - cpu
    return time.perf_counter() - start, result


def _opener(folder: Path):
    from contextlib import contextmanager

    @contextmanager
    def opener(name):
        with open(folder / name, "wb") as handle:
            yield handle

    return opener


def _view_html(kg) -> None:
    """The view as the build makes it: the union's triples gathered, then the view's own code."""
    from beslan_kg.build import _view_data as view_data
    from beslan_kg.build import _view_html as view_html
    from beslan_kg.rdf.index import TermIndex

    index, seen = TermIndex(), set()
    for _, triples in iter_graphs(kg):
        for triple in triples:
            if triple not in seen:  # the build hands the view each triple of the union once
                seen.add(triple)
                index.add(triple)
    view_html(view_data(index))


def stages(articles, work: Path) -> list[tuple[str, float]]:
    import spacy

    languages = sorted({a.meta.language for a in articles})
    bare = {lang: spacy.load(DEFAULT_MODELS[lang]) for lang in languages}
    for lang in languages:
        _pipeline(lang, None)  # our pipelines, loaded once outside every timing
    bare_s = map_s = 0.0
    extractions = [None] * len(articles)
    for part in range(SLICES):
        chunk = articles[part::SLICES]
        by_lang = {lang: [a.text for a in chunk if a.meta.language == lang] for lang in languages}
        t, _ = timed(lambda: [list(bare[lang].pipe(texts)) for lang, texts in by_lang.items()], "bare nlp.pipe")
        bare_s += t
        t, found = timed(lambda: list(iter_mapped(chunk)), "map step")
        map_s += t
        for index, extraction in found:
            extractions[part + index * SLICES] = extraction
    rows = [("bare nlp.pipe", bare_s), ("map step", map_s)]
    t, kg = timed(lambda: resolve(extractions), "resolve")
    rows.append(("resolve", t))
    t, checked = timed(lambda: conform(kg), "conform")
    rows.append(("conform", t))
    t, graphs = timed(lambda: list(iter_graphs(checked.kg)), "rdf")
    rows.append(("rdf", t))
    folder = work / "files"
    folder.mkdir()
    t, _ = timed(lambda: write_graph_files(graphs, _opener(folder), context=jsonld_context()), "serialisation")
    rows.append(("serialisation", t))

    t, found = timed(lambda: check_graphs(graphs, scratch=work), "shapes check")
    rows.append(("shapes check", t))
    t, _ = timed(lambda: _view_html(checked.kg), "view")
    rows.append(("view", t))
    return rows


def whole(corpus: Path, work: Path, count: int, seed: int) -> list[tuple[str, float]]:
    rows = []
    t, report = timed(lambda: run_build([corpus], work / "out1"), "whole build")
    rows.append(("whole build", t))
    t, _ = timed(lambda: run_build([corpus], work / "out2", workers=2))
    rows.append(("workers=2", t))
    cache = work / "cache"
    run_build([corpus], work / "out3", cache_dir=cache)
    write_corpus(corpus, count + 1, seed=seed, start=count)
    t, again = timed(lambda: run_build([corpus], work / "out3", cache_dir=cache), "incremental add-one")
    assert again.cached == count, (again.cached, count)
    rows.append(("incremental add-one", t))
    # As a user runs it: the command in a fresh process, its models loaded in the build (by the workers with
    # two). The in-process rows above reuse models this process loaded before: one worker there pays no load.
    corpus_now = work / "corpus-once"
    write_corpus(corpus_now, count, seed=seed)
    for workers in (1, 2):
        rows.append((f"command, {workers} worker{'s' if workers > 1 else ''}", _command(corpus_now, work / f"cmd{workers}", work, workers)))
    return rows, report


def _command(corpus: Path, out: Path, work: Path, workers: int) -> float:
    """Wall seconds of ``beslan-kg build CORPUS --no-cache --workers N`` in a fresh process."""
    exe = Path(sys.executable).with_name("beslan-kg")
    env = dict(os.environ, BESLAN_KG_CACHE_DIR=str(work / "command-cache"))
    start = time.perf_counter()
    subprocess.run([str(exe), "build", str(corpus), "--out", str(out), "--no-cache", "-q", "--workers", str(workers)],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def cold(work: Path) -> list[tuple[str, float]]:
    """Fresh processes: --help, and a cold build of the bundled corpus against the models' load and parse."""
    exe = Path(sys.executable).with_name("beslan-kg")
    env = dict(os.environ, BESLAN_KG_CACHE_DIR=str(work / "cold-cache"))
    # As on a user's machine: modules compiled once to bytecode, not at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(args) -> float:
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        return time.perf_counter() - start

    run([str(exe), "build", "--no-cache", "-q", "--out", str(work / "cold")])  # writes the bytecode
    help_s = min(run([str(exe), "--help"]) for _ in range(5))
    load = ("import warnings; warnings.filterwarnings('ignore'); import spacy, pathlib\n"
            f"for lang, name in {dict(DEFAULT_MODELS)!r}.items():\n"
            "    nlp = spacy.load(name)\n"
            f"    for p in pathlib.Path({str(ROOT / 'corpus')!r}).glob('*.txt'):\n"
            "        nlp(p.read_text(encoding='utf-8'))\n")
    rows = []
    run([sys.executable, "-c", load])
    for _ in range(2):
        load_s = run([sys.executable, "-c", load])
        build_s = run([str(exe), "build", "--no-cache", "-q", "--out", str(work / "cold")])
        rows.append((load_s, build_s))
    load_s, build_s = min(rows, key=lambda r: r[1] / r[0])
    cached_s = min(run([str(exe), "build", "-q", "--out", str(work / "warm")]) for _ in range(2))
    return [("beslan-kg --help", help_s), ("load models + parse 2 articles", load_s),
            ("cold build, bundled corpus", build_s), ("cold build, cached", cached_s)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--skip-cold", action="store_true", help="do not time --help and the cold build")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    started_load = f"{os.getloadavg()[0]:.1f}"
    try:
        write_corpus(work / "corpus", args.articles, seed=args.seed)
        articles, _ = read_articles([work / "corpus"])
        rows = stages(articles, work)
        more, report = whole(work / "corpus", work, args.articles, args.seed)
        rows += more
        chars = sum(len(a.text) for a in articles)
        languages = ", ".join(f"{sum(a.meta.language == lang for a in articles)} {lang}" for lang in ("en", "es"))
        print(f"{len(articles)} articles ({languages}), {chars:,} characters, {report.triples:,} triples, on {os.cpu_count()} cores")
        base = rows[0][1]
        print(f"load average {started_load} at the start, {os.getloadavg()[0]:.1f} at the end")
        cpu_base = CPU["bare nlp.pipe"]
        print(f"| {'stage':<22} | {'seconds':>8} | {'ratio to bare nlp.pipe':>22} | {'CPU seconds':>11} | {'CPU ratio':>9} |")
        print(f"| {'-' * 22} | {'-' * 8} | {'-' * 22} | {'-' * 11} | {'-' * 9} |")
        for name, seconds in rows:
            cpu = f"{CPU[name]:11.1f} | {CPU[name] / cpu_base:9.2f}" if name in CPU else f"{'-':>11} | {'-':>9}"
            print(f"| {name:<22} | {seconds:8.1f} | {seconds / base:22.2f} | {cpu} |")
        found = dict(rows)
        print(f"whole build / bare nlp.pipe: {found['whole build'] / base:.2f} (goal <= 1.25); "
              f"in CPU seconds: {CPU['whole build'] / cpu_base:.2f}")
        print(f"one worker / two workers: {found['command, 1 worker'] / found['command, 2 workers']:.2f} (goal >= 1.7), "
              f"the command in a fresh process each; in this process, its models loaded before: "
              f"{found['whole build'] / found['workers=2']:.2f}")
        print(f"incremental add-one / whole build: {found['incremental add-one'] / found['whole build']:.3f} (goal <= 0.05); "
              f"in CPU seconds: {CPU['incremental add-one'] / CPU['whole build']:.3f}")
        if not args.skip_cold:
            print()
            cold_rows = dict(cold(work))
            for name, seconds in cold_rows.items():
                print(f"{name:<32} {seconds:6.2f} s")
            ratio = cold_rows["cold build, bundled corpus"] / cold_rows["load models + parse 2 articles"]
            print(f"cold build / (load + parse): {ratio:.2f} (goal <= 1.5); --help {cold_rows['beslan-kg --help']:.2f} s (goal <= 0.5)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
