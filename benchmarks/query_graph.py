"""A large graph in the project's schema, made from a built graph, for benchmarks of the query side.

Deterministic: the same seed graph, size and seed give the same file.

Each copy of the seed graph is a new pair of articles: its articles, graphs,
text spans, statements and figures get IRIs of their own (``…-17``). Entities
and events are shared as they would be in a real corpus: those the knowledge
base links to Wikidata (a country, a city, a crisis that made the news) are the
same node in every copy, so hundreds of articles in each language mention
them and one crisis gathers figures from all of them; the others (a building,
a step of a crisis, a commemoration) are shared by one group of copies out of
``groups``, under renamed IRIs and labels. Values vary between copies, so
that the queries have work to do: a figure's number moves by up to 4 from one
copy to the next (sources disagree), and an event's dates move by up to 16
years from one group to the next.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/beslan-kg/"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
LABELS = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel"}
VALUES = {"https://schema.org/value", "https://schema.org/minValue", "https://schema.org/maxValue"}
DATES = {"https://schema.org/startDate", "https://schema.org/endDate"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def make_graph(seed_graph: str | Path, out: str | Path, *, triples: int = 1_000_000, groups: int = 50, seed: int = 13) -> int:
    """Write a TriG file of about ``triples`` distinct triples made of copies of ``seed_graph``.

    Args:
        seed_graph: A graph ``beslan-kg build`` wrote (``graph.trig``).
        out: The TriG file to write.
        triples: Distinct triples to reach (the union of all graphs); the last
            copy may pass it.
        groups: Groups of copies that share their entities not linked to Wikidata.
        seed: Seed of the variations.

    Returns:
        The number of distinct triples written.
    """
    quads = list(ox.parse(path=str(seed_graph)))
    shared = {q.subject.value for q in quads if q.predicate.value == SAME_AS}
    rng = random.Random(seed)
    seen: set[tuple] = set()
    lines: set[tuple[str, str]] = set()
    copy = 0
    while len(seen) < triples:
        # Years move by whole leap cycles, so that 29 February stays a date.
        shift = {"value": rng.randint(0, 4), "year": 4 * (copy % groups % 5)}
        for quad in _copy(quads, copy, copy % groups, shared, shift):
            lines.add((str(quad.graph_name), str(quad)))
            seen.add((quad.subject, quad.predicate, quad.object))
        copy += 1
    # Sorted N-Quads, graph by graph, give TriG of one block a graph, in the same order every run.
    nquads = "".join(f"{line} .\n" for _, line in sorted(lines))
    with open(out, "wb") as file:
        ox.serialize(ox.parse(nquads, ox.RdfFormat.N_QUADS), file, ox.RdfFormat.TRIG, prefixes=_prefixes())
    return len(seen)


def _prefixes() -> dict[str, str]:
    return {"article": f"{BASE}article/", "bkg": f"{BASE}ontology#", "graph": f"{BASE}graph/", "id": f"{BASE}id/",
            "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "owl": "http://www.w3.org/2002/07/owl#",
            "prov": "http://www.w3.org/ns/prov#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "schema": "https://schema.org/",
            "skos": "http://www.w3.org/2004/02/skos/core#", "statement": f"{BASE}statement/",
            "wd": "http://www.wikidata.org/entity/", "xsd": XSD}


def _copy(quads, copy: int, group: int, shared: set[str], shift: dict[str, int]) -> Iterator[ox.Quad]:
    renamed: dict[str, str] = {}

    def iri(node):
        if not isinstance(node, ox.NamedNode):
            return node
        value = node.value
        if value not in renamed:
            renamed[value] = _rename(value, copy, group, shared)
        return ox.NamedNode(renamed[value])

    for quad in quads:
        subject, predicate, obj = iri(quad.subject), quad.predicate, iri(quad.object)
        if isinstance(obj, ox.Literal):
            obj = _vary(obj, predicate.value, quad.subject.value, group, shared, shift)
        graph = quad.graph_name if isinstance(quad.graph_name, ox.DefaultGraph) else iri(quad.graph_name)
        yield ox.Quad(subject, predicate, obj, graph)


def _rename(value: str, copy: int, group: int, shared: set[str]) -> str:
    if not value.startswith(BASE) or value in shared:
        return value
    rest = value[len(BASE):]
    kind, _, name = rest.partition("/")
    if kind in ("article", "graph", "statement"):
        # article/ID, article/ID#char=a,b, graph/ID, statement/HASH: one per copy.
        head, hash_, fragment = name.partition("#")
        return f"{BASE}{kind}/{head}-{copy}{hash_}{fragment}"
    if kind == "figure":
        # figure/EVENT/ARTICLE/a-b: the event as renamed, the article of this copy.
        event, article, span = name.rsplit("/", 2)
        event_iri = _rename(f"{BASE}id/{event}", copy, group, shared).removeprefix(f"{BASE}id/")
        return f"{BASE}figure/{event_iri}/{article}-{copy}/{span}"
    if kind == "id":
        return f"{value}-g{group}"
    return value


def _vary(literal: ox.Literal, predicate: str, subject: str, group: int, shared: set[str], shift: dict[str, int]) -> ox.Literal:
    datatype = literal.datatype.value
    if predicate in VALUES and datatype.startswith(XSD) and literal.value.isdigit():
        return ox.Literal(str(int(literal.value) + shift["value"]), datatype=literal.datatype)
    if predicate in DATES and subject not in shared and re.match(r"\d{4}", literal.value):
        year = int(literal.value[:4]) + shift["year"]
        return ox.Literal(f"{year}{literal.value[4:]}", datatype=literal.datatype)
    if predicate in LABELS and subject.startswith(f"{BASE}id/") and subject not in shared:
        return ox.Literal(f"{literal.value} {group}", language=literal.language)
    return literal
