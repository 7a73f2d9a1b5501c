"""Peak memory of a build as the corpus grows, and the map step's memory as it goes.

Usage::

    uv run python benchmarks/bench_memory.py [--sizes 1000,5000,10000] [--no-view] [--workers N]
    uv run python benchmarks/bench_memory.py --reduce-only [--sizes 1000,5000,10000] [--no-view]

For each size, a synthetic corpus of real paragraphs (``benchmarks/corpus.py``;
each corpus holds the one before, as a growing corpus does) is built by
``run_build`` in a fresh process, which reports its resident memory (from
``/proc/self/status``) when the map step has done 10%, 50% and 100% of the
articles, its peak at the end (``VmHWM``: the most it ever held), and the
peak of the resident memory (sampled every 20 ms) during each step the
build reports (the map step, resolving, writing, checking, the view). The
cache is shared between sizes, so each build runs the models only on the
articles the previous size did not have: the others stream from the cache
through the same path. With ``--workers N`` the workers' peaks are given too
(``RUSAGE_CHILDREN``, the largest child).

The map step's slope is fitted (least squares) to the resident memory after
each article the models ran on (the cached ones, read first, excluded), from
the first 10% of them on: what the map step holds per article, in MB per
1,000 articles. The step keeps each article's records for the reduce step,
so it is not zero; it is what lets a run of a few hundred new articles tell
what 10,000 would hold.

``--reduce-only`` measures the reduce step alone at sizes the models would
take hours to reach: the resolved records of a synthetic corpus of that many
articles (``benchmarks/synthetic.py``, about 660 quads an article, more than
real articles give) go through the build's own reduce and write (the
records' check, RDF, the four graph files, the shapes' check, the view), in
a fresh process; its peak is reported, and the peak of the resident memory
(sampled every 20 ms) during each step the build reports: writing the files
(the shapes' check starts in its thread halfway), waiting for the check (for
a graph checked in memory, after the view: what is left of the check), and
drawing the view.
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
import json, resource, sys, threading, time, warnings
warnings.filterwarnings("ignore")
from beslan_kg.build import run_build

def rss(field="VmRSS"):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
state = {"done": 0, "cached": None, "step": "map"}
marks, fresh, peaks = {}, [], {}
# The resident memory is sampled every 20 ms; its peak is kept for each step the build reports.
def sample():
    while True:
        peaks[state["step"]] = max(peaks.get(state["step"], 0), rss())
        time.sleep(0.02)
threading.Thread(target=sample, daemon=True).start()
def on_step(step, detail):
    peaks[state["step"]] = max(peaks.get(state["step"], 0), rss())
    if step != "models":
        state["step"] = step
    if step == "models":
        if state["cached"] is None:
            state["cached"] = state["done"]  # the cached articles come first, then the models run
        state["segment"] = state.get("segment", -1) + 1  # a language's models load: a step in memory
    if step == "resolve":
        marks["reduce"] = rss()
def progress(article, done, total):
    state["done"] = done
    for share in (0.1, 0.5, 1.0):
        if done == max(1, int(total * share)) and share not in marks:
            marks[share] = rss()
    if state["cached"] is not None:
        fresh.append((state["segment"], done - state["cached"], rss()))
corpus, out, cache, view, workers = sys.argv[1:6]
report = run_build([corpus], out, cache_dir=cache, view=view == "1", workers=int(workers), progress=progress, on_step=on_step)
on_step("end", None)
print(json.dumps({"marks": marks, "fresh": fresh, "peak": rss("VmHWM"), "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
                  "triples": report.triples, "articles": len(report.articles), "cached": report.cached, "steps": peaks}))
"""


REDUCE_CHILD = r"""
import json, sys, threading, time, warnings
warnings.filterwarnings("ignore")
sys.path.insert(0, sys.argv[4])
from synthetic import make_knowledge_graph
from beslan_kg.build import BuildReport, _write
from beslan_kg.conform import conform
from beslan_kg.rdf.build import iter_graphs

def rss(field="VmRSS"):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
size, out, view = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
kg = conform(make_knowledge_graph(size)).kg
records = rss()
# The resident memory is sampled every 20 ms; its peak is kept for each step _write reports.
step, peaks = ["records"], {}
def sample():
    while True:
        peaks[step[0]] = max(peaks.get(step[0], 0), rss())
        time.sleep(0.02)
threading.Thread(target=sample, daemon=True).start()
def on_step(name, detail):
    peaks[step[0]] = max(peaks.get(step[0], 0), rss())
    step[0] = name
report = BuildReport(articles=(), skipped=(), entities_by_kind=(), relations=0, events=0, figures=0, triples=0, merges=(), outputs=())
report = _write(iter_graphs(kg), out, report, view=view, on_step=on_step)
on_step("end", None)
print(json.dumps({"records": records, "peak": rss("VmHWM"), "triples": report.triples, "steps": peaks}))
"""


def reduce_only(sizes: list[int], work: Path, view: bool) -> int:
    """Peak memory of the reduce step on the records of synthetic corpora."""
    print("| articles (synthetic) | triples | RSS with the records | peak | peak while writing | while checking | while drawing the view |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        done = subprocess.run([sys.executable, "-c", REDUCE_CHILD, str(size), str(work / f"reduce{size}"), "1" if view else "0",
                               str(Path(__file__).resolve().parent)], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        found = json.loads(done.stdout.strip().splitlines()[-1])
        steps = [found["steps"].get(name) for name in ("write", "validate", "view")]
        print(f"| {size:,} | {found['triples']:,} | {found['records'] / 2**30:.2f} GB | {found['peak'] / 2**30:.2f} GB | "
              + " | ".join(f"{n / 2**30:.2f} GB" if n else "-" for n in steps) + " |", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-view", action="store_true", help="build without graph.html")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, help="a folder to keep the corpus and the cache in, to take up a run again")
    parser.add_argument("--reduce-only", action="store_true", help="the reduce step alone, on the records of synthetic corpora")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-memory-"))
    if args.reduce_only:
        return reduce_only(sizes, work, not args.no_view)
    print("| articles | triples | NLP run on | RSS at 10% of the map step | at 50% | at 100% | map step's slope | "
          "at the reduce step | peak | workers' peak | peak by step |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
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
        marks = {float(k): v for k, v in found["marks"].items() if k != "reduce"}
        gb = lambda n: f"{n / 2**30:.2f} GB"  # noqa: E731
        children = gb(found["children"]) if args.workers > 1 else "-"
        print(f"| {size:,} | {found['triples']:,} | {size - found['cached']:,} | {gb(marks[0.1])} | {gb(marks[0.5])} | "
              f"{gb(marks[1.0])} | {_slope(found['fresh'])} | {gb(found['marks']['reduce'])} | {gb(found['peak'])} | {children} | "
              + ", ".join(f"{name} {gb(n)}" for name, n in found["steps"].items() if name != "end") + " |", flush=True)
    return 0


def _slope(fresh: list[list[int]]) -> str:
    """The map step's growth, MB per 1,000 articles the models ran on (least squares, one line per language).

    Each language's models load before its first article, a step up in memory:
    the line has an intercept of its own for each language and one slope, fitted
    from the first tenth of each language's articles on.
    """
    segments: dict[int, list[tuple[int, int]]] = {}
    for segment, n, rss in fresh:
        segments.setdefault(segment, []).append((n, rss))
    top = bottom = 0.0
    used = 0
    for points in segments.values():
        points = points[len(points) // 10:]
        if len(points) < 5:
            continue
        mean_n = sum(n for n, _ in points) / len(points)
        mean_rss = sum(r for _, r in points) / len(points)
        top += sum((n - mean_n) * (r - mean_rss) for n, r in points)
        bottom += sum((n - mean_n) ** 2 for n, _ in points)
        used += len(points)
    if used < 20 or not bottom:
        return "-"
    return f"{top / bottom * 1000 / 2**20:.0f} MB"


if __name__ == "__main__":
    sys.exit(main())
