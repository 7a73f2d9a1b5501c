"""Queries on a large graph: each query of the pack through beslan-kg and on pyoxigraph directly, and ``serve`` at scale.

Usage::

    uv run python benchmarks/bench_query.py [--triples 1000000] [--work DIR] [--runs 20] [--queries a,b] [--no-serve]

The graph is made once in ``--work`` (``benchmarks/query_graph.py``, from a
build of the bundled corpus) and reused by later runs, as is its query store
(the cache is ``--work``/cache). Then, in one run, so that the ratios compare
like with like on a machine whose load varies:

- ``query --graph`` time to the first line of its answer, with the graph's
  query store already in the cache (warm) and with an empty cache (cold: the
  store is made first, once per graph file);
- each query of the pack (or of ``--pack DIR``) ``--runs`` times, the paths
  taking turns: beslan-kg's library (``run_query`` then ``to_text`` as JSON,
  what ``beslan-kg query`` does), pyoxigraph directly on the same on-disk store
  (``Store.query`` then its own JSON serialiser), and ``serve`` (an HTTP POST,
  JSON answer); the p95 of each and the ratio to pyoxigraph;
- ``serve``: seconds from start to answering (warm cache), and the resident
  memory of the server and its workers after the queries (``VmRSS``) and at
  their peak (``VmHWM``), summed (shared pages of the store count once a process).

A query whose runs pass ``--budget`` seconds on one path stops there (at least
3 runs): its p95 is then over fewer runs, and the table says how many.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_graph import make_graph  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOAL_P95 = 0.5
GOAL_RATIO = 1.5
GOAL_FIRST_ANSWER = 5.0
GOAL_SERVE_START = 10.0
GOAL_SERVE_MEMORY = 2 * 1024**3
#: Values of the required parameters of the pack's queries.
REQUIRED = {"label": "Beslan"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "beslan-kg-bench-query",
                        help="folder of the graph and its cache, kept for later runs")
    parser.add_argument("--graph", type=Path, help="a graph file to use instead of the generated one")
    parser.add_argument("--pack", type=Path, default=ROOT / "queries", help="folder of the .rq queries to time")
    parser.add_argument("--queries", help="comma-separated names (default: every local query of the pack)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds a query's runs may take on one path")
    parser.add_argument("--workers", type=int, default=2, help="serve's worker processes")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-cache timings (they make the store again)")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    cache = args.work / "cache"
    os.environ["BESLAN_KG_CACHE_DIR"] = str(cache)
    graph = args.graph or _graph(args.work, args.triples)
    queries = _queries(args.pack, args.queries)
    print(f"graph: {graph} ({graph.stat().st_size / 1e6:.0f} MB)", flush=True)

    from beslan_kg.rdf.store import cached_store, load_store, read_info

    started = time.perf_counter()
    directory = cached_store(graph)
    print(f"query store: {directory} ({read_info(directory).triples:,} triples; {time.perf_counter() - started:.1f} s to make or find)")
    script = Path(sys.executable).parent / "beslan-kg"
    first = [("warm", _first_answer(script, graph, cache))]
    if not args.no_cold:
        with tempfile.TemporaryDirectory(dir=args.work) as empty:
            first.append(("cold", _first_answer(script, graph, Path(empty))))
    for kind, seconds in first:
        print(f"query --graph, first answer ({kind} cache): {seconds:.2f} s (goal <= {GOAL_FIRST_ANSWER:g} s)", flush=True)

    server = None if args.no_serve else _Server(script, graph, cache, args.workers)
    try:
        store = load_store(graph)
        rows = [_time_query(name, text, bindings, store, directory, server, args.runs, args.budget)
                for name, text, bindings in queries]
        _print_table(rows, server is not None)
        if server is not None:
            memory = server.memory()
            print(f"serve: started in {server.started:.2f} s (goal <= {GOAL_SERVE_START:g} s); {server.processes} processes hold "
                  f"{memory['VmRSS'] / 1024**3:.2f} GB now, {memory['VmHWM'] / 1024**3:.2f} GB at their peaks "
                  f"(goal <= {GOAL_SERVE_MEMORY / 1024**3:g} GB)")
    finally:
        if server is not None:
            server.close()
    if server is not None and not args.no_cold:
        with tempfile.TemporaryDirectory(dir=args.work) as empty:
            cold = _Server(script, graph, Path(empty), args.workers)
            cold.close()
        print(f"serve: started in {cold.started:.2f} s with an empty cache (the query store made first)")
    return 0


def _graph(work: Path, triples: int) -> Path:
    graph = work / f"graph-{triples}.trig"
    if graph.is_file():
        return graph
    seed = work / "seed"
    if not (seed / "graph.trig").exists():
        subprocess.run([sys.executable, "-m", "beslan_kg", "build", "--out", str(seed)], check=True)
    started = time.perf_counter()
    partial = graph.with_suffix(".partial")
    made = make_graph(seed / "graph.trig", partial, triples=triples)
    partial.rename(graph)
    print(f"made {graph}: {made:,} triples in {time.perf_counter() - started:.0f} s", flush=True)
    return graph


def _queries(pack: Path, names: str | None) -> list[tuple[str, str, dict[str, str]]]:
    """The queries to time: name, text and the values of their required parameters."""
    from beslan_kg.queries import read_named_query

    chosen = [read_named_query(path) for path in sorted(pack.glob("*.rq"))]
    chosen = [q for q in chosen if not q.federated and (names is None or q.name in names.split(","))]
    return [(q.name, q.text, {p.name: REQUIRED[p.name] for p in q.parameters if p.required}) for q in chosen]


def _first_answer(script: Path, graph: Path, cache: Path) -> float:
    """Seconds from starting ``beslan-kg query`` to the first line of its answer."""
    env = {**os.environ, "BESLAN_KG_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    process = subprocess.Popen([str(script), "query", "--graph", str(graph), "--name", "entities", "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    process.stdout.readline()
    seconds = time.perf_counter() - started
    process.stdout.read()
    if process.wait():
        raise SystemExit(f"beslan-kg query failed (exit {process.returncode})")
    return seconds


class _Server:
    """``beslan-kg serve`` on a free port, and the memory of its processes."""

    def __init__(self, script: Path, graph: Path, cache: Path, workers: int) -> None:
        env = {**os.environ, "BESLAN_KG_CACHE_DIR": str(cache)}
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(script), "serve", "--graph", str(graph), "--port", "0", "--workers", str(workers), "--timeout", "600",
             "--max-rows", "100000000"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        line = self.process.stdout.readline()
        self.started = time.perf_counter() - started
        found = re.search(r"SPARQL endpoint (\S+)\)", line)
        if not found:
            self.close()
            raise SystemExit(f"beslan-kg serve did not start: {line!r}")
        self.endpoint = found.group(1)

    def ask(self, text: str) -> bytes:
        body = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(self.endpoint, data=body, headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=900) as response:
            return response.read()

    def _pids(self) -> list[int]:
        pids, pending = [], [self.process.pid]
        while pending:
            pid = pending.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    pending.extend(int(child) for child in (task / "children").read_text().split())
                except OSError:
                    pass
        return pids

    @property
    def processes(self) -> int:
        return len(self._pids())

    def memory(self) -> dict[str, int]:
        total = {"VmRSS": 0, "VmHWM": 0}
        for pid in self._pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    field, _, value = line.partition(":")
                    if field in total:
                        total[field] += int(value.split()[0]) * 1024
            except OSError:
                pass
        return total

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _time_query(name: str, text: str, bindings: dict[str, str], store, directory: Path, server: _Server | None, runs: int,
                budget: float) -> dict:
    import pyoxigraph as ox

    from beslan_kg.rdf.query import run_query, to_text

    direct = ox.Store.read_only(str(directory / "oxigraph"))
    # serve takes no parameters, and pyoxigraph's substitutions only returned variables:
    # the benchmark's own values go into the text (a required parameter is never returned).
    served = text
    for variable, value in bindings.items():
        served = re.sub(rf"[?$]{variable}\b", json.dumps(value), served)
    paths = {
        "beslan-kg": lambda: to_text(run_query(store, text, source=name, bindings=bindings), "json"),
        "pyoxigraph": lambda: direct.query(served).serialize(format=ox.QueryResultsFormat.JSON),
    }
    if server is not None:
        paths["serve"] = lambda: server.ask(served)
    times: dict[str, list[float]] = {path: [] for path in paths}
    rows = {}
    for run in range(runs):
        for path, call in paths.items():
            if run >= 3 and sum(times[path]) > budget:
                continue
            started = time.perf_counter()
            answer = call()
            times[path].append(time.perf_counter() - started)
            if run == 0:
                rows[path] = _row_count(answer)
        if all(run >= 3 and sum(t) > budget for t in times.values()):
            break
    if len(set(rows.values())) != 1:
        raise SystemExit(f"{name}: the paths answered different numbers of rows: {rows}")
    result = {"name": name, "rows": rows["pyoxigraph"]}
    for path, values in times.items():
        result[path] = (_p95(values), len(values))
    print(f"  {name}: " + ", ".join(f"{path} {p95:.3f} s ({n} runs)" for path, (p95, n) in
                                     ((p, result[p]) for p in paths)), flush=True)
    return result


def _row_count(answer) -> int:
    document = json.loads(answer)
    return len(document["results"]["bindings"]) if "results" in document else 1


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def _print_table(rows: list[dict], serve: bool) -> None:
    header = ["query", "rows", "pyoxigraph p95", "beslan-kg p95", "ratio"] + (["serve p95", "ratio"] if serve else [])
    print("\n| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        base = row["pyoxigraph"][0]
        cells = [row["name"], f"{row['rows']:,}", _seconds(row["pyoxigraph"]), _seconds(row["beslan-kg"]),
                 f"{row['beslan-kg'][0] / base:.2f}×"]
        if serve:
            cells += [_seconds(row["serve"]), f"{row['serve'][0] / base:.2f}×"]
        print("| " + " | ".join(cells) + " |")
    slow = [row["name"] for row in rows if max(row[p][0] for p in ("pyoxigraph", "beslan-kg")) > GOAL_P95]
    print(f"\ngoal: p95 <= {GOAL_P95:g} s and beslan-kg within {GOAL_RATIO:g}× of pyoxigraph; over {GOAL_P95:g} s: "
          f"{', '.join(slow) or 'none'}\n")


def _seconds(value: tuple[float, int]) -> str:
    p95, runs = value
    return f"{p95:.3f} s" + ("" if runs >= 20 else f" ({runs} runs)")


if __name__ == "__main__":
    sys.exit(main())
