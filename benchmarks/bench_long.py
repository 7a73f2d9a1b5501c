"""How a long article without full stops costs: time per stage, and per 100,000 characters, at several sizes.

Usage::

    uv run python benchmarks/bench_long.py [--sizes 100000,200000,500000,1000000] [--seed 1] [--workers 2]

Each article is made of the words of the bundled English article drawn at
random (seeded), commas kept and full stops left out, so that nothing but
the pipeline's own limits (sections of ``SECTION_CHARS``, sentences of at most
``MAX_SENTENCE_TOKENS`` tokens) keeps its sentences short. For each size it
runs ``beslan-kg build`` as the command does, in memory (models loaded once,
before any timing), and prints the seconds of each stage:

* ``spacy``: bare ``nlp.pipe`` of the statistical model on the same sections;
* ``nlp``: the map step (our pipeline and extraction to records);
* ``resolve``: resolve and the records' check against the shapes;
* ``rdf``: building the graphs' triples;
* ``shacl``: the shapes' check the build runs (:mod:`beslan_kg.rdf.shapes`);
* ``write``: the four graph files into an output set (the view left out: it
  draws at most a few hundred nodes anyway);

and their sum (``stages``), with seconds per 100,000 characters: flat when
the build is linear in the article's length. The stages run one after the
other in this process. Last, ``command`` is the wall time of the build as
``beslan-kg build FILE --workers N`` runs it (``--workers``, 1 by default),
view included: the pool's start and the models' loading in its workers, the
article's sections parsed and extracted on every worker at once, their
records joined in this process, the files written while the shapes' check
runs beside. Ratios between sizes, not seconds, are what to compare across
machines. ``nlp/spacy`` is the map step's processor time over bare spaCy's
on the same text (in one process only): on a shared machine the seconds of
wall time swing with the load, processor time much less.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message=r"\[W095\]")

from beslan_kg.build import BUILD_OUTPUTS, run_build  # noqa: E402
from beslan_kg.conform import conform  # noqa: E402
from beslan_kg.files import open_output_set  # noqa: E402
from beslan_kg.nlp.sections import iter_sections  # noqa: E402
from beslan_kg.nlp.models import DEFAULT_MODELS  # noqa: E402
from beslan_kg.nlp.pipeline import iter_extractions  # noqa: E402
from beslan_kg.paths import corpus_dir  # noqa: E402
from beslan_kg.rdf.build import iter_graphs  # noqa: E402
from beslan_kg.rdf.io import jsonld_context  # noqa: E402
from beslan_kg.rdf.shapes import check_graphs  # noqa: E402
from beslan_kg.rdf.writers import write_graph_files  # noqa: E402
from beslan_kg.records import Article, ArticleMeta  # noqa: E402
from beslan_kg.resolve import resolve  # noqa: E402


def make_text(size: int, seed: int) -> str:
    """Words of the bundled English article, at random, with commas and no full stop."""
    source = (corpus_dir() / "003_ecd1ea77e175385e.txt").read_text(encoding="utf-8")
    words = re.findall(r"[\w'’-]+|,", source)
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        word = rng.choice(words)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts)[:size]


def run(size: int, seed: int, bare, workers: int) -> dict[str, float]:
    text = make_text(size, seed)
    article = Article(ArticleMeta(id=f"long-{size}", language="en", title="long", path=f"long-{size}.txt"), text)
    times: dict[str, float] = {}

    def timed(name, fn):
        start, cpu = time.perf_counter(), time.process_time()
        value = fn()
        times[name] = time.perf_counter() - start
        times[f"{name} cpu"] = time.process_time() - cpu
        return value

    timed("spacy", lambda: list(bare.pipe(text[s:e] for s, e in iter_sections(text))))
    extractions = timed("nlp", lambda: list(iter_extractions([article])))
    checked = timed("resolve", lambda: conform(resolve(extractions)))
    graphs = timed("rdf", lambda: list(iter_graphs(checked.kg)))
    with tempfile.TemporaryDirectory() as out:
        with open_output_set(out) as new_set:
            triples = timed("write", lambda: write_graph_files(graphs, new_set.open, context=jsonld_context(), names=BUILD_OUTPUTS))

        timed("shacl", lambda: check_graphs(graphs, scratch=out))
    times["triples"] = triples
    with tempfile.TemporaryDirectory() as folder:
        timed("command", lambda: run_build(articles=[article], out=Path(folder) / "out", workers=workers))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,500000,1000000", help="characters, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="the command's --workers")
    args = parser.parse_args(argv)
    import spacy

    bare = spacy.load(DEFAULT_MODELS["en"])
    list(iter_extractions([Article(ArticleMeta(id="warm", language="en", title="w", path="w.txt"), "Putin visited Beslan.")]))
    stages = ("spacy", "nlp", "resolve", "rdf", "shacl", "write")
    print(f"{'chars':>9} {'triples':>8} " + " ".join(f"{s:>8}" for s in stages) + f" {'stages':>8} {'s/100k':>7} {'nlp/spacy':>9} {'command':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        times = run(size, args.seed, bare, args.workers)
        total = sum(v for k, v in times.items() if k in stages[1:] and v == v)
        print(f"{size:>9} {int(times['triples']):>8} " + " ".join(f"{times[s]:>8.1f}" for s in stages)
              + f" {total:>8.1f} {total / size * 100_000:>7.1f} {times['nlp cpu'] / times['spacy cpu']:>9.2f}"
              + f" {times['command']:>8.1f}", flush=True)
    return 0


if __name__ == "__main__":  # the pool's workers import this file: only the main process runs it
    sys.exit(main())
