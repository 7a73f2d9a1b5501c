"""Shared fixtures and helpers: the bundled corpus, one build of it per session, and tiny docs.

The helpers are plain functions, imported by the tests (``from conftest import
parse_table``): pytest puts ``tests`` on the path. The beslan_kg and spaCy
imports are made where they are used, so that tests which never build a doc do
not pay for loading spaCy.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from beslan_kg.nlp.context import ArticleContext
    from beslan_kg.nlp.filters import EntityFilter
    from beslan_kg.nlp.gazetteer import KBGazetteer
    from beslan_kg.nlp.temporal import TemporalSpan
    from beslan_kg.records import Quantity, TimeValue

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPANISH_SEED = CORPUS / "000_84e34599adbbff61.txt"
ENGLISH_SEED = CORPUS / "003_ecd1ea77e175385e.txt"
LANGS = ("en", "es")

#: Tokens written against the word before them ("Beslan's", "Kabardino-Balkaria", "(Chechnya)").
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "'", "'s", ")", "-", "–"})
#: Tokens written against the word after them.
NO_SPACE_AFTER = frozenset({"(", "-", "–"})
#: The word a table writes for a paragraph break, and the text that stands for it.
PARAGRAPH_MARK = "¶"
PARAGRAPH = "\n\n"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Builds from the command line cache their NLP results in the session's own folder, not the user's."""
    import os

    previous = os.environ.get("BESLAN_KG_CACHE_DIR")
    os.environ["BESLAN_KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("BESLAN_KG_CACHE_DIR", None)
    else:
        os.environ["BESLAN_KG_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build the bundled corpus once; return the output folder and the report."""
    from beslan_kg.build import run_build

    out = tmp_path_factory.mktemp("out")
    report = run_build([CORPUS], out)
    return out, report


@pytest.fixture(scope="session")
def dataset(built):
    """The built graph, loaded from graph.trig."""
    from beslan_kg.rdf.io import load_dataset

    out, _ = built
    return load_dataset(out / "graph.trig")


@pytest.fixture(scope="session")
def sparql(dataset):
    """Run a SELECT over the built graph; return rows as tuples of display strings."""
    from beslan_kg.rdf.query import run_query

    def run(text: str):
        return run_query(dataset, PREFIXES + text).rows

    return run


@pytest.fixture(scope="session")
def nlp_es():
    """The Spanish pipeline with the project's components (loads the model)."""
    from beslan_kg.nlp.models import make_nlp

    with warnings.catch_warnings():
        return make_nlp("es")


@pytest.fixture(scope="session")
def nlp_en():
    """The English pipeline with the project's components (loads the model)."""
    from beslan_kg.nlp.models import make_nlp

    return make_nlp("en")


@pytest.fixture(scope="session")
def nlps() -> dict[str, Language]:
    """Blank pipelines (no statistical model), by language."""
    return {lang: blank_pipeline(lang).nlp for lang in LANGS}


def break_the_graph(monkeypatch) -> str:
    """Make every build in this test add a person nobody labelled or classed; return its IRI in prefixed form.

    The graph then violates two shapes (an entity has a bkg class, and a label),
    as a bug in the builder would.
    """
    import beslan_kg.rdf.build
    from beslan_kg.rdf.terms import RDF_TYPE

    real = beslan_kg.rdf.build.iter_graphs
    nobody = ("<https://w3id.org/beslan-kg/id/nobody>", RDF_TYPE, "<https://schema.org/Person>")

    def broken(kg):
        for graph, triples in real(kg):
            yield graph, sorted([*triples, nobody]) if graph == "" else triples

    monkeypatch.setattr(beslan_kg.rdf.build, "iter_graphs", broken)
    return "id:nobody"


PREFIXES = """
PREFIX bkg: <https://w3id.org/beslan-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


# --------------------------------------------------------------------------
# Docs made by hand


class Pipeline(NamedTuple):
    """A blank pipeline of one language and the project's entity components on it."""

    nlp: Language
    gazetteer: KBGazetteer
    entity_filter: EntityFilter


@cache
def blank_pipeline(lang: str) -> Pipeline:
    """Return a blank pipeline of ``lang`` with the gazetteer and the entity filter.

    Cached: building the gazetteer reads the whole knowledge base, and the
    components keep no state between docs.
    """
    import spacy

    from beslan_kg.nlp.filters import EntityFilter
    from beslan_kg.nlp.gazetteer import KBGazetteer

    nlp = spacy.blank(lang)
    return Pipeline(nlp, KBGazetteer(nlp, "beslan_gazetteer"), EntityFilter(nlp, "beslan_entity_filter", lang=lang))


def hand_doc(
    nlp: Language, words: list[str], *, ents: Iterable[tuple[int, int, str]] | None = None, **annotations: Any
) -> Doc:
    """Build a Doc of ``words``, spaced as written text, with the annotations given.

    Args:
        nlp: A blank pipeline of the text's language.
        words: The tokens. The word ``¶`` stands for a paragraph break.
        ents: ``(start, end, label)`` token spans the statistical model
            tagged; None leaves the entities unset.
        **annotations: Token attributes :class:`~spacy.tokens.Doc` takes, one
            a token (``pos``, ``tags``, ``deps``, ``heads``, ``lemmas``...).
    """
    from spacy.tokens import Doc, Span

    words = [PARAGRAPH if word == PARAGRAPH_MARK else word for word in words]
    spaces = [
        i + 1 < len(words)
        and words[i + 1] not in NO_SPACE_BEFORE
        and words[i] not in NO_SPACE_AFTER
        and PARAGRAPH not in (words[i], words[i + 1])
        for i in range(len(words))
    ]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, **annotations)
    # The hand-made tokens must be the ones the pipeline's tokenizer makes,
    # or the components would be matching text no real article produces.
    assert [t.text for t in nlp.make_doc(doc.text)] == words
    if ents is not None:
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def parse_table(
    lang: str,
    table: str,
    ents: Iterable[tuple[int, int, str]] | None = None,
    *,
    annotate: bool = True,
    fine_tags: bool = True,
) -> Doc:
    """Build a Doc parsed by hand, the way the statistical models parse it.

    Args:
        lang: ``"en"`` or ``"es"``.
        table: One token per line: ``word POS[/TAG] dep head [lemma]``, where
            ``head`` is the absolute index of the token's head (a root heads
            itself) and the lemma defaults to the word. The word ``¶`` stands
            for a paragraph break.
        ents: ``(start, end, label)`` token spans the statistical model
            tagged, if it tagged any.
        annotate: Run the gazetteer and the entity filter on the Doc, as the
            pipeline does before any extractor; False for steps that read no
            entities.
        fine_tags: Where the table writes no fine tag, use the POS, as a
            tagger always sets one (relative pronouns, English plural nouns
            and "led by" read it); False leaves those tags empty.
    """
    nlp, gazetteer, entity_filter = blank_pipeline(lang)
    rows = [line.split() for line in table.splitlines() if line.strip()]
    pos, _, tags = zip(*(row[1].partition("/") for row in rows), strict=True)
    doc = hand_doc(
        nlp,
        [row[0] for row in rows],
        ents=ents,
        pos=list(pos),
        tags=[tag or (p if fine_tags else "") for p, tag in zip(pos, tags, strict=True)],
        deps=[row[2] for row in rows],
        heads=[int(row[3]) for row in rows],
        lemmas=[row[4] if len(row) > 4 else row[0] for row in rows],
    )
    return entity_filter(gazetteer(doc)) if annotate else doc


def article_context(
    lang: str, doc: Doc, *, rules: Mapping[str, Any] | None = None, temporal: Iterable[TemporalSpan] = ()
) -> ArticleContext:
    """Return the context the extractors read for ``doc``, as a test article of ``lang``.

    Args:
        lang: The article's language.
        doc: The parsed article.
        rules: Extraction rules; the bundled ones of ``lang`` by default.
        temporal: The temporal expressions, as the temporal matcher would report them.
    """
    from beslan_kg.nlp.context import ArticleContext
    from beslan_kg.nlp.rules import load_rules
    from beslan_kg.records import ArticleMeta

    meta = ArticleMeta(id="test", language=lang, title="test", path="test.txt")
    rules = load_rules(lang) if rules is None else rules
    return ArticleContext(doc=doc, meta=meta, rules=rules, temporal=list(temporal))


def temporal_span(
    doc: Doc, text: str, kind: str, value: TimeValue | Quantity, unit: str | None = None
) -> TemporalSpan:
    """Return the span the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    from beslan_kg.nlp.temporal import TemporalSpan

    assert doc.text.count(text) == 1, f"{text!r} is not in the doc once"
    start = doc.text.index(text)
    return TemporalSpan(start, start + len(text), text, kind, value, unit)


@contextmanager
def local_server(answer: Callable[[Any], None]) -> Iterator[tuple[str, list[str]]]:
    """Serve HTTP on a free loopback port, calling ``answer(handler)`` for every request; yield its URL and the paths asked.

    For tests of what beslan-kg does, or does not do, with a server that
    misbehaves: nothing is fetched from outside this machine.
    """
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def handle_one_request(self):
            try:
                super().handle_one_request()
            except OSError:
                self.close_connection = True

        def log_message(self, *args):
            pass

        def _any(self):
            asked.append(self.path)
            answer(self)

        do_GET = do_POST = do_PUT = _any

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------
# A two-article story as the reduce step would hand it to rdf/, for the view,
# networkx and export tests. Written for the tests: an explosion, a visit, a
# mayor, a town, a company; every span is cut from the story's own text.

STORY = {
    "en": ("story-en", "Blast at Northfield plant",
           "An explosion hit the Northfield chemical plant on 3 March 2021. "
           "Mayor Ana Ruiz of Northfield visited the plant, run by Acme Chemicals, the next day. "
           "The explosion killed 12 workers, officials said."),
    "es": ("story-es", "Explosión en la planta de Northfield",
           "Una explosión sacudió la planta química de Northfield en marzo de 2021. "
           "La alcaldesa Ana Ruiz visitó Northfield. "
           "Murieron 15 trabajadores en la explosión."),
}


def story_evidence(lang: str, mention: str, nth: int = 0):
    """The Evidence of the ``nth`` occurrence of ``mention`` in the story's article in ``lang``."""
    from beslan_kg.records import Evidence

    article, _, text = STORY[lang]
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Evidence(article, start, start + len(mention), mention, sentence_start, sentence_end,
                    text[sentence_start:sentence_end])


def story_graph(figures: Iterable[tuple[str, str, str, int, int | None]] | None = None):
    """The story's records; ``figures`` are ``(language, words, qualifier, value, upper)`` of deaths.

    By default the English article says 12 died and the Spanish one 15: the
    sources disagree.
    """
    from beslan_kg.records import (ArticleMeta, DateStatement, KnowledgeGraph, Quantity, ResolvedEntity,
                                   ResolvedFigure, Statement, TimeValue)

    ev = story_evidence
    articles = tuple(ArticleMeta(id=a, language=lang, title=title, path=f"{a}.txt", date_published="2021-03-05")
                     for lang, (a, title, _) in STORY.items())
    explosion = "event/explosion-northfield-2021"
    entities = (
        ResolvedEntity("ana-ruiz", "Person", "Politician", (("en", "Ana Ruiz"), ("es", "Ana Ruiz")), (("en", "Mayor Ana Ruiz"),),
                       None, (ev("en", "Ana Ruiz"), ev("es", "Ana Ruiz"))),
        ResolvedEntity("northfield", "Place", "Settlement", (("en", "Northfield"), ("es", "Northfield")), (), "Q999999",
                       (ev("en", "Northfield"), ev("en", "Northfield", 1), ev("es", "Northfield"), ev("es", "Northfield", 1))),
        ResolvedEntity("acme-chemicals", "Organization", "Organization", (("en", "Acme Chemicals"),), (), None,
                       (ev("en", "Acme Chemicals"),)),
        ResolvedEntity(explosion, "Event", "Explosion", (), (), None,
                       (ev("en", "explosion"), ev("en", "explosion", 1), ev("es", "explosión"), ev("es", "explosión", 1))),
        ResolvedEntity("event/visit-ana-ruiz-2021", "Event", "Visit", (), (), None, (ev("en", "visited"), ev("es", "visitó")),
                       super_event=None, anchor="ana-ruiz"),
    )
    statements = (
        Statement(explosion, "location", "northfield", (ev("en", "Northfield"), ev("es", "Northfield")), ("test",)),
        Statement("event/visit-ana-ruiz-2021", "participant", "ana-ruiz", (ev("en", "Ana Ruiz"), ev("es", "Ana Ruiz")), ("test",)),
        Statement("event/visit-ana-ruiz-2021", "location", "northfield", (ev("es", "Northfield", 1),), ("test",)),
    )
    dates = (
        DateStatement(explosion, "startDate", TimeValue("2021-03-03", "date", "3 March 2021"), (ev("en", "3 March 2021"),)),
        DateStatement(explosion, "startDate", TimeValue("2021-03", "gYearMonth", "marzo de 2021"), (ev("es", "marzo de 2021"),)),
        DateStatement("event/visit-ana-ruiz-2021", "startDate", TimeValue("2021", "gYear", "2021"), (ev("es", "2021"),)),
    )
    if figures is None:
        figures = (("en", "12", "exact", 12, None), ("es", "15", "exact", 15, None))
    return KnowledgeGraph(
        articles=articles, entities=entities, statements=statements, dates=dates,
        figures=tuple(ResolvedFigure(explosion, "Deaths", Quantity(value, qualifier, words, upper), ev(lang, words))
                      for lang, words, qualifier, value, upper in figures),
        merges=(),
    )
