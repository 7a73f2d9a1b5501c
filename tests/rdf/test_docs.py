"""The ontology's HTML documentation: every term, readable headings, offline, deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from beslan_kg.rdf.docs import to_ontology_html
from beslan_kg.rdf.namespaces import BKG

ONTOLOGY = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
NS = str(BKG._NS)


def _label(term: URIRef, language: str) -> str:
    (label,) = [str(o) for o in ONTOLOGY.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == language]
    return label


def _bkg_terms(*types: URIRef) -> list[URIRef]:
    return sorted({s for t in types for s in ONTOLOGY.subjects(RDF.type, t) if str(s).startswith(NS)})


CLASSES = _bkg_terms(OWL.Class)
PROPERTIES = _bkg_terms(OWL.ObjectProperty, OWL.DatatypeProperty)
INDIVIDUALS = _bkg_terms(OWL.NamedIndividual)


class _Page(HTMLParser):
    """Collect each documented term's heading (by the IRI it shows) and every resource the page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: dict[str, str] = {}
        self.loads: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._heading: list[str] | None = None
        self._last_heading = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h3":
            self._heading = []
        elif tag == "sup" and self._heading is not None:
            self._last_heading, self._heading = "".join(self._heading).strip(), None
        if tag in ("code", "style"):
            self._in = tag
        # Anything but <a> that names a URL would be fetched when the page loads.
        for name in ("src", "href", "srcset", "data"):
            if tag != "a" and attrs.get(name):
                self.loads.append((tag, name, attrs[name]))

    def handle_endtag(self, tag):
        if tag == "h3" and self._heading is not None:
            self._last_heading, self._heading = "".join(self._heading).strip(), None
        if tag in ("code", "style"):
            self._in = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if self._in == "code" and self._last_heading:
            self.headings.setdefault(data.strip(), self._last_heading)
        elif self._in == "style":
            self.styles.append(data)


@pytest.fixture(scope="module")
def html() -> str:
    return to_ontology_html()


@pytest.fixture(scope="module")
def page(html) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("term", CLASSES + PROPERTIES, ids=lambda t: t.rsplit("#", 1)[-1])
def test_every_bkg_class_and_property_is_listed_under_its_english_label(page, term):
    assert page.headings.get(str(term)) == _label(term, "en")


def test_the_spanish_labels_are_on_the_page(html):
    for term in CLASSES + PROPERTIES:
        assert f"Spanish: {_label(term, 'es')}" in html, term


@pytest.mark.parametrize("term", INDIVIDUALS, ids=lambda t: t.rsplit("#", 1)[-1])
def test_measures_and_qualifiers_are_described_under_their_class(html, term):
    name = "bkg:" + term.rsplit("#", 1)[-1]
    assert f"{name} ({_label(term, 'en')}): " in html


def test_external_terms_are_listed_too(page):
    assert page.headings["https://schema.org/startDate"] == _label(URIRef("https://schema.org/startDate"), "en")
    assert page.headings["http://www.w3.org/ns/prov#wasDerivedFrom"] == "was derived from (PROV-O)"


def test_the_page_loads_nothing_from_the_network(page):
    assert page.loads, "the page has no icon or stylesheet reference at all: the parser saw nothing"
    remote = [(tag, name, url) for tag, name, url in page.loads if not url.startswith("data:")]
    assert remote == []
    assert page.styles and not any("url(http" in css or "@import" in css for css in page.styles)


def test_the_page_is_the_same_in_every_run_and_prints_nothing(html):
    # pyLODE collects the classes of a union in a set, whose order depends on the hash seed;
    # its import also turns on debug logging to stderr, which must not leak.
    script = "import sys; from beslan_kg.rdf.docs import to_ontology_html; sys.stdout.write(to_ontology_html())"
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                                env={**os.environ, "PYTHONHASHSEED": seed}, cwd=ROOT)
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout == html
