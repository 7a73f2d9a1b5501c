"""Turn the RDF graph into a networkx graph of plain values, for the view.

The view is drawn from this and only this, so what it shows is what the RDF
says. Node keys are entity IRIs; attributes are strings, numbers, lists and
dicts (see :mod:`beslan_kg.view` for the contract).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from beslan_kg.rdf.io import union_graph
from beslan_kg.rdf.namespaces import BKG, NIF, SCHEMA, WD
from beslan_kg.rdf.ontology import term_labels

_KINDS = {SCHEMA[k]: k for k in ("Person", "Organization", "Place", "Event", "Thing")}
_QUALIFIER = {BKG.Exact: "exact", BKG.MoreThan: "more_than", BKG.AtLeast: "at_least", BKG.Approximately: "approximately",
              BKG.FewerThan: "fewer_than", BKG.AtMost: "at_most", BKG.Range: "range"}


def to_networkx(ds: Dataset) -> nx.MultiDiGraph:
    """Return the entities and events as nodes and their relations as edges."""
    g = union_graph(ds)
    articles = _articles(g)
    graph = nx.MultiDiGraph(articles=sorted(articles.values(), key=lambda a: a["id"]))
    mentions = defaultdict(list)
    for mention, entity in g.subject_objects(BKG.mentionOf):
        mentions[entity].append(_evidence(g, mention, articles))
    for node in sorted(set(g.subjects(RDF.type, None))):
        kinds = [_KINDS[t] for t in g.objects(node, RDF.type) if t in _KINDS]
        if not kinds or not isinstance(node, URIRef):
            continue
        cls = next((t for t in g.objects(node, RDF.type) if str(t).startswith(str(BKG._NS))), None)
        cls_name = str(cls)[len(str(BKG._NS)):] if cls is not None else kinds[0]
        evidence = sorted(mentions.get(node, []), key=lambda e: (e["article_id"], e["offset"]))
        wikidata = next((str(o)[len(str(WD)):] for o in g.objects(node, OWL.sameAs) if str(o).startswith(str(WD))), None)
        dates = sorted(str(d) for d in g.objects(node, SCHEMA.startDate))
        graph.add_node(
            str(node),
            kind=kinds[0],
            ontology_class=cls_name,
            class_labels=dict(term_labels(cls_name)),
            labels={lit.language: str(lit) for lit in sorted(g.objects(node, RDFS.label)) if isinstance(lit, Literal) and lit.language},
            aliases=[{"text": str(a), "lang": a.language} for a in sorted(g.objects(node, SKOS.altLabel))],
            wikidata=wikidata,
            mentions=len(evidence),
            articles=sorted({e["article_id"] for e in evidence}),
            date=dates[0] if dates else None,
            evidence=evidence,
            figures=_figures(g, node, articles),
        )
    for s, p, o in sorted(g):
        if str(s) in graph and str(o) in graph and (str(p).startswith(str(BKG._NS)) or p == SCHEMA.superEvent):
            name = str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            graph.add_edge(str(s), str(o), key=str(p), predicate=str(p),
                           labels=dict(term_labels(name)) or {"en": name, "es": name},
                           evidence=_statement_evidence(g, s, p, o, articles))
    return graph


def _articles(g) -> dict[str, dict]:
    result = {}
    for node in g.subjects(RDF.type, SCHEMA.NewsArticle):
        ident = str(g.value(node, SCHEMA.identifier))
        date = g.value(node, SCHEMA.datePublished)
        result[str(node)] = {
            "id": ident,
            "title": str(g.value(node, SCHEMA.headline) or ident),
            "language": str(g.value(node, SCHEMA.inLanguage) or ""),
            "date_published": str(date) if date is not None else None,
        }
    return result


def _evidence(g, mention, articles) -> dict:
    sentence = g.value(mention, BKG.sentence)
    article = articles.get(str(g.value(mention, SCHEMA.isPartOf)), {})
    start, end = int(g.value(mention, NIF.beginIndex)), int(g.value(mention, NIF.endIndex))
    sent_start = int(g.value(sentence, NIF.beginIndex))
    return {
        "article_id": article.get("id", ""),
        "article_title": article.get("title", ""),
        "language": article.get("language", ""),
        "sentence": str(g.value(sentence, NIF.anchorOf)),
        "start": start - sent_start,
        "end": end - sent_start,
        "offset": start,
    }


def _statement_evidence(g, s, p, o, articles) -> list[dict]:
    found = []
    for st in g.subjects(RDF.subject, s):
        if g.value(st, RDF.predicate) == p and g.value(st, RDF.object) == o:
            found.extend(_evidence(g, m, articles) for m in g.objects(st, BKG.evidence))
    return sorted(found, key=lambda e: (e["article_id"], e["offset"]))


def _figures(g, node, articles) -> list[dict]:
    figures = []
    for fig in g.objects(node, BKG.figure):
        measure = str(g.value(fig, BKG.measure)).rsplit("#", 1)[-1]
        ev = _evidence(g, g.value(fig, BKG.evidence), articles)
        # A figure of 0 is a figure: the first bound present, not the first one that is true.
        low = next(v for v in (g.value(fig, p) for p in (SCHEMA.value, SCHEMA.minValue, SCHEMA.maxValue)) if v is not None)
        qualifier = _QUALIFIER.get(g.value(fig, BKG.qualifier), "exact")
        upper = g.value(fig, SCHEMA.maxValue) if qualifier == "range" else None
        figures.append({
            "measure": measure,
            "measure_labels": dict(term_labels(measure)),
            "value": int(low),
            "qualifier": qualifier,
            "upper": int(upper) if upper is not None else None,
            "article_id": ev["article_id"],
            "article_title": ev["article_title"],
            "language": ev["language"],
            "sentence": ev["sentence"],
            "source": str(g.value(fig, PROV.wasDerivedFrom)),
        })
    return sorted(figures, key=lambda f: (f["measure"], f["article_id"], f["value"]))
