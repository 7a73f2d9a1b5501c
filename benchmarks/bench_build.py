"""How much the build costs on top of bare spaCy, measured as ratios in one run.

Usage::

    uv run python benchmarks/bench_build.py [PATHS...] [--repeat N]

For the same documents it times, with the same loaded models:

* ``spacy``: bare ``nlp.pipe`` of the statistical model alone;
* ``nlp``: the project's pipeline (model + gazetteer + filter) and extraction
  to records (the map step);
* ``build``: the whole build in memory (map, resolve, RDF, SHACL validation,
  serialisers, view), as ``beslan-kg build`` runs it.

and prints each as a ratio to ``spacy``. Ratios, not seconds, are what to
compare across machines. Model loading is excluded from all three.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

warnings.filterwarnings("ignore", message=r"\[W095\]")

from beslan_kg.build import BUILD_OUTPUTS, read_articles  # noqa: E402
from beslan_kg.nlp import pipeline  # noqa: E402
from beslan_kg.nlp.models import DEFAULT_MODELS, make_nlp  # noqa: E402
from beslan_kg.paths import corpus_dir  # noqa: E402
from beslan_kg.rdf.build import to_dataset  # noqa: E402
from beslan_kg.rdf.io import to_bytes  # noqa: E402
from beslan_kg.rdf.network import to_graph_data  # noqa: E402
from beslan_kg.rdf.validate import validate_dataset  # noqa: E402
from beslan_kg.resolve import resolve  # noqa: E402
from beslan_kg.view import to_html  # noqa: E402


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(corpus_dir())])
    parser.add_argument("--repeat", type=int, default=5, help="take the best of N runs (default 5)")
    args = parser.parse_args(argv)
    articles, _ = read_articles(args.paths)
    languages = sorted({a.meta.language for a in articles})
    import spacy

    bare = {lang: spacy.load(DEFAULT_MODELS[lang]) for lang in languages}
    ours = {lang: make_nlp(lang) for lang in languages}
    # Reuse the loaded pipelines so that no timing includes model loading.
    pipeline.make_nlp = lambda lang, model=None: ours[lang]
    by_lang = {lang: [a.text for a in articles if a.meta.language == lang] for lang in languages}

    def run_bare():
        for lang, texts in by_lang.items():
            list(bare[lang].pipe(texts))

    def run_map():
        list(pipeline.iter_extractions(articles))

    def run_build():
        ds = to_dataset(resolve(pipeline.iter_extractions(articles)))
        validate_dataset(ds, source="benchmark")
        for fmt in BUILD_OUTPUTS:
            to_bytes(ds, fmt)
        to_html(to_graph_data(ds))

    run_build()  # warm caches (knowledge base, rules, ontology)
    spacy_s = _best(run_bare, args.repeat)
    map_s = _best(run_map, args.repeat)
    build_s = _best(run_build, args.repeat)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars} characters, best of {args.repeat}")
    print(f"{'stage':<8} {'seconds':>8} {'ratio to bare spaCy':>20}")
    for name, seconds in (("spacy", spacy_s), ("nlp", map_s), ("build", build_s)):
        print(f"{name:<8} {seconds:8.3f} {seconds / spacy_s:20.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
