"""The built graph.html in a real browser: offline, error-free, every entity drawn.

Runs headless Chromium (Debian's ``chromium`` package) through Playwright; on
a machine without Chromium the tests skip and say why.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

# Flags the machine's closed network needs: no background requests of Chromium's own.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_of():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)

        def open_page(path):
            page = browser.new_page()
            requests, errors = [], []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

            def block(route):
                requests.append(route.request.url)
                route.abort()

            page.route(lambda url: not url.startswith("file://"), block)
            page.goto(path.as_uri())
            page.wait_for_function("() => window.beslanKG && window.beslanKG.settled", timeout=30_000)
            return page, requests, errors

        yield open_page
        browser.close()


def test_view_makes_no_request_raises_no_error_and_draws_every_entity(built, sparql, page_of):
    out, _ = built
    page, requests, errors = page_of(out / "graph.html")
    assert requests == []
    assert errors == []
    entities = sparql("""
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a ?t VALUES ?t { schema:Person schema:Organization schema:Place schema:Event schema:Thing } }""")
    assert page.evaluate("window.beslanKG.nodes.length") == int(entities[0][0])
    drawn = page.evaluate("Object.keys(window.beslanKG.network.getPositions()).length")
    assert drawn == int(entities[0][0])
    page.close()
