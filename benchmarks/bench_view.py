"""What the HTML view costs: to read the graph, to write the page, and to open it in Chromium.

Usage::

    uv run python benchmarks/bench_view.py [--articles 200] [--browser] [--screenshot PNG]
    uv run python benchmarks/bench_view.py --graph out/graph.trig --browser --screenshot docs/view.png

Builds the RDF dataset of a synthetic corpus (benchmarks/synthetic.py) of the
given number of articles, or loads ``--graph``, then times in one run:

* ``scan``: reading every quad of the dataset once, the floor of any pass
  over it (the reference of the ratios);
* ``data``: :func:`beslan_kg.rdf.network.to_graph_data`, the records the
  view is drawn from;
* ``page``: :func:`beslan_kg.view.to_html`, the page itself;

and prints each with its ratio to ``scan``. With ``--browser`` it also loads
the page from file:// in headless Chromium (Debian's package, 1280x800) and
reports the time until the network is drawn and until the layout has
settled, the nodes drawn, how many of them are labelled on the first screen,
and how many pairs of drawn labels overlap. ``--screenshot`` saves that first screen (and, with ``--language es``,
in Spanish); ``--select`` and ``--article`` show a node's panel or an
article in the reader first.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_dataset  # noqa: E402

from beslan_kg.rdf.io import load_dataset  # noqa: E402
from beslan_kg.rdf.network import to_graph_data  # noqa: E402
from beslan_kg.view import to_html  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

# Labelled nodes, the smallest label's size on screen, and how many pairs of drawn
# labels overlap, from vis-network's own measurement of each label (labelModule.size).
_FIRST_SCREEN = """() => {
  const net = window.beslanKG.network;
  const scale = net.getScale();
  const shown = window.beslanKG.nodes.get({filter: (n) => !n.hidden});
  const labelled = shown.filter((n) => n.label);
  const boxes = labelled.map((n) => net.body.nodes[n.id].labelModule.size)
    .map((s) => ({left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height}));
  let overlapping = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlapping++;
    }
  }
  return {nodes: shown.length, labelled: labelled.length, overlapping,
          smallest: labelled.length ? Math.min(...labelled.map((n) => n.font.size * scale)) : null};
}"""


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="size of the synthetic corpus (default 200)")
    parser.add_argument("--graph", help="a built graph file instead of a synthetic corpus")
    parser.add_argument("--browser", action="store_true", help="also open the page in headless Chromium")
    parser.add_argument("--screenshot", help="save the first screen (1280x800) to this PNG (implies --browser)")
    parser.add_argument("--language", choices=("en", "es"), default="en", help="the page's language")
    parser.add_argument("--select", metavar="IRI", help="select this node before the screenshot")
    parser.add_argument("--article", metavar="ID", help="open this article in the reader before the screenshot")
    args = parser.parse_args(argv)

    if args.graph:
        ds = load_dataset(args.graph)
        what = args.graph
    else:
        ds = make_dataset(args.articles)
        what = f"synthetic corpus of {args.articles} articles"
    quads, scan = _timed(lambda: sum(1 for _ in ds.quads((None, None, None, None))))
    data, data_s = _timed(lambda: to_graph_data(ds))
    html, page_s = _timed(lambda: to_html(data, language=args.language))
    print(f"{what}: {quads} quads, {len(data.nodes)} nodes, {len(data.edges)} edges")
    print(f"{'step':<6} {'seconds':>8} {'ratio to scan':>14}")
    for name, seconds in (("scan", scan), ("data", data_s), ("page", page_s)):
        print(f"{name:<6} {seconds:8.2f} {seconds / scan:14.2f}")
    print(f"page size: {len(html.encode('utf-8')) / 1e6:.2f} MB")
    if args.browser or args.screenshot:
        return _browse(html, args)
    return 0


def _browse(html: str, args) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "graph.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.beslanKG && window.beslanKG.network", timeout=600_000)
        drawn = time.perf_counter() - start
        page.wait_for_function("() => window.beslanKG.settled", timeout=600_000)
        settled = time.perf_counter() - start
        page.evaluate("window.beslanKG.labelsPlaced()")
        screen = page.evaluate(_FIRST_SCREEN)
        print(f"drawn:    {drawn:.2f} s after navigation")
        print(f"settled:  {settled:.2f} s after navigation")
        print(f"first screen: {screen['nodes']} nodes, {screen['labelled']} labelled, "
              f"smallest label {screen['smallest'] or 0:.1f} px, {screen['overlapping']} pairs of labels overlapping")
        if args.screenshot:
            if args.select:
                page.evaluate("(id) => window.beslanKG.select(id)", args.select)
                page.evaluate("window.beslanKG.labelsPlaced()")
            if args.article:
                page.evaluate("(id) => window.beslanKG.openArticle(id)", args.article)
            page.screenshot(path=args.screenshot)
            print(f"wrote {args.screenshot}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
