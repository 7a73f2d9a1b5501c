"""Peak memory of a build as the corpus grows, and the map step's memory as it goes.

Usage::

    uv run python benchmarks/bench_memory.py [--sizes 1000,5000,10000] [--no-view] [--workers N]

For each size, a synthetic corpus of real paragraphs (``benchmarks/corpus.py``;
each corpus holds the one before, as a growing corpus does) is built by
``run_build`` in a fresh process, which reports its resident memory (from
``/proc/self/status``) when the map step has done 10%, 50% and 100% of the
articles, and its peak at the end (``VmHWM``: the most it ever held). The
cache is shared between sizes, so each build runs the models only on the
articles the previous size did not have: the others stream from the cache
through the same path. With ``--workers N`` the workers' peaks are given too
(``RUSAGE_CHILDREN``, the largest child).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

CHILD = r"""
import json, resource, sys, warnings
warnings.filterwarnings("ignore")
from beslan_kg.build import run_build

def rss(field="VmRSS"):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
marks = {}
def progress(article, done, total):
    for share in (0.1, 0.5, 1.0):
        if done == max(1, int(total * share)) and share not in marks:
            marks[share] = rss()
corpus, out, cache, view, workers = sys.argv[1:6]
report = run_build([corpus], out, cache_dir=cache, view=view == "1", workers=int(workers), progress=progress)
print(json.dumps({"marks": marks, "peak": rss("VmHWM"), "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
                  "triples": report.triples, "articles": len(report.articles), "cached": report.cached}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-view", action="store_true", help="build without graph.html")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, help="a folder to keep the corpus and the cache in, to take up a run again")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-memory-"))
    print("| articles | triples | NLP run on | RSS at 10% of the map step | at 50% | at 100% | peak | workers' peak |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    made = 0
    for size in sizes:
        write_corpus(work / "corpus", size, seed=args.seed, start=made)
        made = size
        done = subprocess.run([sys.executable, "-c", CHILD, str(work / "corpus"), str(work / f"out{size}"), str(work / "cache"),
                               "0" if args.no_view else "1", str(args.workers)], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        found = json.loads(done.stdout.strip().splitlines()[-1])
        marks = {float(k): v for k, v in found["marks"].items()}
        gb = lambda n: f"{n / 2**30:.2f} GB"  # noqa: E731
        children = gb(found["children"]) if args.workers > 1 else "-"
        print(f"| {size:,} | {found['triples']:,} | {size - found['cached']:,} | {gb(marks[0.1])} | {gb(marks[0.5])} | "
              f"{gb(marks[1.0])} | {gb(found['peak'])} | {children} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
