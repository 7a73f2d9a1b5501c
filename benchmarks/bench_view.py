"""How big the view file is and how soon it is interactive, in headless Chromium.

Usage::

    uv run python benchmarks/bench_view.py [--nodes 300] [--edges 450]

Builds a synthetic graph of the given size (benchmarks/synthetic.py), writes
its view, loads it from file:// in headless Chromium (Debian's package) and
reports the file size, the time until the page is interactive (the network
drawn and clickable) and until the layout has settled and stopped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_graph  # noqa: E402

from beslan_kg.view import to_html  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


# Label boxes in canvas units, from vis-network's own measurement of each
# node's label (node.labelModule.size), counted pairwise once settled.
_LABEL_OVERLAPS = """() => {
  const body = window.beslanKG.network.body;
  const boxes = Object.values(body.nodes).filter((n) => n.options.label && !n.options.hidden).map((n) => {
    const size = n.labelModule.size;
    return {left: size.left, top: size.top, right: size.left + size.width, bottom: size.top + size.height};
  });
  let overlapping = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlapping++;
    }
  }
  return {labels: boxes.length, overlapping};
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--edges", type=int, default=450)
    parser.add_argument("--screenshot", help="also save a screenshot of the settled page to this PNG")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    html = to_html(make_graph(args.nodes, args.edges))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "graph.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.beslanKG && window.beslanKG.network")
        interactive = time.perf_counter() - start
        page.wait_for_function("() => window.beslanKG.settled", timeout=120_000)
        settled = time.perf_counter() - start
        overlaps = page.evaluate(_LABEL_OVERLAPS)
        if args.screenshot:
            page.set_viewport_size({"width": 1400, "height": 900})
            page.screenshot(path=args.screenshot)
        browser.close()
    print(f"{args.nodes} nodes, {args.edges} edges")
    print(f"file size:    {len(html.encode('utf-8')) / 1e6:.2f} MB")
    print(f"interactive:  {interactive:.2f} s after navigation")
    print(f"settled:      {settled:.2f} s after navigation")
    print(f"label boxes overlapping: {overlaps['overlapping']} pairs of {overlaps['labels']} labels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
