"""How much the build costs on top of bare spaCy, measured as ratios in one run.

Usage::

    uv run python benchmarks/bench_build.py --articles 200 [--seed 13] [--repeat 1]

Builds a synthetic corpus of real paragraphs (``benchmarks/corpus.py``), then
times on the same documents, with the same models loaded once beforehand:

* ``bare nlp.pipe``: the statistical models alone;
* ``map step``: our pipeline and the extraction to records;
* ``resolve``, ``conform``, ``rdf``, ``validation``, ``serialisation``, ``view``:
  each later stage on the output of the one before;
* ``whole build``: ``run_build`` end to end, writing the output set;

and prints each as a ratio to bare spaCy. Ratios, not seconds, are what to
compare across machines.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message=r"\[W095\]")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from beslan_kg.build import BUILD_OUTPUTS, read_articles, run_build  # noqa: E402
from beslan_kg.conform import conform  # noqa: E402
from beslan_kg.nlp.models import DEFAULT_MODELS  # noqa: E402
from beslan_kg.nlp.pipeline import _pipeline, iter_extractions  # noqa: E402
from beslan_kg.rdf.build import to_dataset  # noqa: E402
from beslan_kg.rdf.io import to_bytes  # noqa: E402
from beslan_kg.rdf.network import to_networkx  # noqa: E402
from beslan_kg.rdf.repair import leave_out_violations  # noqa: E402
from beslan_kg.resolve import resolve  # noqa: E402
from beslan_kg.view import to_html  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    write_corpus(work / "corpus", args.articles, seed=args.seed)
    articles, _ = read_articles([work / "corpus"])
    languages = sorted({a.meta.language for a in articles})
    import spacy

    bare = {lang: spacy.load(DEFAULT_MODELS[lang]) for lang in languages}
    for lang in languages:
        _pipeline(lang, None)  # load our pipelines once, outside every timing
    by_lang = {lang: [a.text for a in articles if a.meta.language == lang] for lang in languages}
    rows = []
    t, _ = timed(lambda: [list(bare[lang].pipe(texts)) for lang, texts in by_lang.items()])
    rows.append(("bare nlp.pipe", t))
    t, extractions = timed(lambda: list(iter_extractions(articles)))
    rows.append(("map step", t))
    t, kg = timed(lambda: resolve(extractions))
    rows.append(("resolve", t))
    t, checked = timed(lambda: conform(kg))
    rows.append(("conform", t))
    t, ds = timed(lambda: to_dataset(checked.kg))
    rows.append(("rdf", t))
    t, _ = timed(lambda: leave_out_violations(ds, source="benchmark"))
    rows.append(("validation (pySHACL)", t))
    t, _ = timed(lambda: [to_bytes(ds, fmt) for fmt in BUILD_OUTPUTS])
    rows.append(("serialisation", t))
    t, _ = timed(lambda: to_html(to_networkx(ds), title="beslan-kg"))
    rows.append(("view", t))
    t, report = timed(lambda: run_build([work / "corpus"], work / "out"))
    rows.append(("whole build", t))
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles ({', '.join(f'{len(v)} {k}' for k, v in by_lang.items())}), {chars:,} characters, "
          f"{report.triples:,} triples; pySHACL in the build: {report.shacl_checked}")
    base = rows[0][1]
    print(f"| {'stage':<22} | {'seconds':>8} | {'ratio to bare nlp.pipe':>22} |")
    print(f"| {'-' * 22} | {'-' * 8} | {'-' * 22} |")
    for name, seconds in rows:
        print(f"| {name:<22} | {seconds:8.1f} | {seconds / base:22.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
