"""What a build costs when every article's records are in the cache: the reduce step alone.

Usage::

    uv run python benchmarks/bench_reduce.py --articles 200 [--runs 4] [--seed 13]

Makes a synthetic corpus of real paragraphs (``benchmarks/corpus.py``), builds
it once to fill a cache, then builds it ``--runs`` more times in this process
with every article's records cached: what adding one article to a built corpus
costs beyond parsing that article. For each run it prints the processor
seconds of the process (all threads: the shapes' check runs in one of its own)
and its wall seconds, and the processor seconds of each step of the build as
``run_build`` reports it (``on_step``): ``map`` (reading the articles and their
records), ``resolve`` (resolve and the records' check), ``write`` (the RDF, the
four graph files, the shapes' check's first part, and its second part on the
other thread), ``view``, ``validate`` (waiting for the check's second part).
The best run is the one to compare: on a machine shared with other work the
others are slower, not faster.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from beslan_kg.build import run_build  # noqa: E402


def timed_build(corpus: Path, out: Path, cache: Path) -> tuple[float, float, list[tuple[str, float]], int]:
    """One cached build: processor and wall seconds, processor seconds of each step, triples."""
    marks: list[tuple[str, float]] = []
    start, wall = time.process_time(), time.perf_counter()
    report = run_build([corpus], out, cache_dir=cache, on_step=lambda step, _: marks.append((step, time.process_time())))
    end = time.process_time()
    points = [("map", start), *marks, ("end", end)]
    steps = [(name, later - at) for (name, at), (_, later) in zip(points, points[1:])]
    return end - start, time.perf_counter() - wall, steps, report.triples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=4, help="cached builds to time")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-reduce-"))
    try:
        corpus, cache = work / "corpus", work / "cache"
        write_corpus(corpus, args.articles, seed=args.seed)
        first = run_build([corpus], work / "out", cache_dir=cache)  # fills the cache, imports everything
        print(f"{len(first.articles)} articles, {first.triples:,} triples; load average {os.getloadavg()[0]:.1f}")
        best = None
        for run in range(args.runs):
            cpu, wall, steps, _ = timed_build(corpus, work / "out", cache)
            print(f"run {run + 1}: {cpu:6.2f} CPU s, {wall:6.2f} wall s | " + " ".join(f"{name} {s:.2f}" for name, s in steps))
            best = cpu if best is None else min(best, cpu)
        print(f"best: {best:.2f} CPU s; load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
