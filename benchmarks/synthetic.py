"""A synthetic graph in the view's input shape, for benchmarks and browser tests of size.

Deterministic: the same size and seed give the same graph.
"""

from __future__ import annotations

import random

import networkx as nx

KINDS = ("Person", "Organization", "Place", "Event")


def make_graph(nodes: int, edges: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """Return a graph of ``nodes`` entities and about ``edges`` relations, each with evidence."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(articles=[
        {"id": f"a{i}", "title": f"Article {i}", "language": ("en", "es")[i % 2], "date_published": None}
        for i in range(10)
    ])
    for i in range(nodes):
        kind = KINDS[i % len(KINDS)]
        article = f"a{i % 10}"
        sentence = f"Entity {i} was reported in a sentence of article {article} about the siege."
        graph.add_node(
            f"https://w3id.org/beslan-kg/id/e{i}",
            kind=kind, ontology_class=kind, class_labels={"en": kind, "es": kind},
            labels={"en": f"Entity {i}", "es": f"Entidad {i}"}, aliases=[], wikidata=None,
            mentions=rng.randint(1, 20), articles=[article], date=f"2004-09-{1 + i % 3:02d}" if kind == "Event" else None,
            evidence=[{"article_id": article, "article_title": f"Article {i % 10}", "language": "en",
                       "sentence": sentence, "start": 0, "end": len(f"Entity {i}")}],
            figures=[],
        )
    ids = list(graph.nodes)
    for _ in range(edges):
        u, v = rng.sample(ids, 2)
        graph.add_edge(u, v, key="https://w3id.org/beslan-kg/ontology#participant",
                       predicate="https://w3id.org/beslan-kg/ontology#participant",
                       labels={"en": "participant", "es": "participante"}, evidence=[])
    return graph
