"""The final guarantee: a graph that still breaks a shape loses the offending statements, and only those.

:mod:`beslan_kg.conform` holds the records to the shapes before RDF is built,
so the graph should conform. Should a violation still slip through (a shape
the record checks do not mirror yet), :func:`leave_out_violations` removes from
the dataset exactly what each violation is about, reports it as a
:class:`~beslan_kg.records.LeftOut` with the article and sentence it came from,
and checks again:

- a reified statement, or a figure, that breaks its shape: it, its triple, and
  the link to it;
- a span of text (mention or sentence) that breaks its shape: it, and every
  statement and figure resting on it;
- a property value of a node (``id:x bkg:location id:y`` where a place is
  needed): that triple in every graph, with its reified statement;
- an entity that cannot be described as the shapes want (no class, no label):
  the entity, and what is said of it.

A violation none of these removes (an article's own description) stops the
build, as a bug.
"""

from __future__ import annotations

from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.namespace import SH

from beslan_kg.rdf.namespaces import BKG, NIF, SCHEMA
from beslan_kg.rdf.validate import ValidationReport, _message, _shape, _term, check_graph, shapes_path, to_report
from beslan_kg.records import LeftOut

#: How many times the graph is checked again after leaving statements out.
ROUNDS = 3


def leave_out_violations(ds: Dataset, *, source: str) -> tuple[ValidationReport, tuple[LeftOut, ...]]:
    """Check ``ds`` against the shapes; remove what violates them (in place) until it conforms.

    Returns:
        The last report (conforming unless something could not be removed),
        and what was left out.

    Raises:
        ConfigError: The shapes or the ontology cannot be read.
    """
    left: list[LeftOut] = []
    shapes_file = shapes_path()
    for _ in range(ROUNDS):
        results, shapes, names, triples = check_graph(ds, shapes_file)
        report = to_report(results, shapes, names, triples, source=source, shapes_file=shapes_file)
        if report.conforms:
            break
        removed = False
        for result in sorted(results.subjects(RDF.type, SH.ValidationResult), key=lambda r: results.value(r, SH.focusNode).n3()):
            if results.value(result, SH.resultSeverity) not in (None, SH.Violation):
                continue
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            shape = _shape(shapes, results.value(result, SH.sourceShape), names)
            message = _message(results, result)
            if path is not None and not isinstance(path, URIRef):
                inverse = results.value(path, SH.inversePath)
                # ^p with value v: the triple v p focus.
                focus, path, value = (value, inverse, focus) if inverse is not None and value is not None else (focus, None, None)
            for what, evidence, quads in _offending(ds, focus, path, value, names):
                if not quads:
                    continue
                left.append(_left_out(ds, what, message, shape, evidence))
                for quad in quads:
                    ds.remove(quad)
                removed = True
        if not removed:
            break
    return report, tuple(sorted(set(left), key=lambda x: (x.article_id or "", x.start or 0, x.what)))


def _quads(ds: Dataset, s=None, p=None, o=None) -> list:
    return list(ds.quads((s, p, o, None)))


def _offending(ds: Dataset, focus, path, value, names):
    """Yield ``(what, evidence node, quads to remove)`` for one violation."""
    types = {o for _, _, o, _ in _quads(ds, focus, RDF.type)}
    if RDF.Statement in types:
        yield _statement(ds, focus, names)
    elif BKG.Figure in types:
        yield _figure(ds, focus, names)
    elif types & {BKG.Mention, BKG.Sentence}:
        yield from _span(ds, focus, names, set())
    elif SCHEMA.NewsArticle in types:
        if isinstance(path, URIRef) and value is not None:
            yield f"{_term(focus, names)} {_term(path, names)} {_term(value, names)}", None, _quads(ds, focus, path, value)
    elif isinstance(path, URIRef) and value is not None:
        yield _triple(ds, focus, path, value, names)
    else:
        yield from _entity(ds, focus, names)


def _triples(ds: Dataset):
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


def _statement(ds: Dataset, node, names):
    s, p, o = (next((q[2] for q in _quads(ds, node, prop)), None) for prop in (RDF.subject, RDF.predicate, RDF.object))
    evidence = next((q[2] for q in _quads(ds, node, BKG.evidence)), None)
    quads = _quads(ds, node)
    if None not in (s, p, o):
        quads += _quads(ds, s, p, o)
    what = f"{_term(s, names)} {_term(p, names)} {_term(o, names)}" if None not in (s, p, o) else _term(node, names)
    return what, evidence, quads


def _figure(ds: Dataset, node, names):
    evidence = next((q[2] for q in _quads(ds, node, BKG.evidence)), None)
    measure = next((q[2] for q in _quads(ds, node, BKG.measure)), None)
    what = f"figure {_term(node, names)}" + (f" ({_term(measure, names)})" if measure is not None else "")
    return what, evidence, _quads(ds, node) + _quads(ds, None, BKG.figure, node)


def _triple(ds: Dataset, s, p, o, names):
    quads = _quads(ds, s, p, o)
    evidence = None
    for node in {q[0] for q in _quads(ds, None, RDF.subject, s)}:
        if (node, RDF.predicate, p) in _triples(ds) and (node, RDF.object, o) in _triples(ds):
            quads += _quads(ds, node)
            evidence = evidence or next((q[2] for q in _quads(ds, node, BKG.evidence)), None)
    return f"{_term(s, names)} {_term(p, names)} {_term(o, names)}", evidence, quads


def _span(ds: Dataset, span, names, seen):
    """A span and what rests on it: statements and figures citing it, mentions in it (a sentence)."""
    if span in seen:
        return
    seen.add(span)
    for node in {q[0] for q in _quads(ds, None, BKG.evidence, span)}:
        types = {o for _, _, o, _ in _quads(ds, node, RDF.type)}
        yield _figure(ds, node, names) if BKG.Figure in types else _statement(ds, node, names)
    for mention in {q[0] for q in _quads(ds, None, BKG.sentence, span)} - {span}:
        yield from _span(ds, mention, names, seen)
    yield f"span {_term(span, names)}", span, _quads(ds, span) + _quads(ds, None, None, span)


def _entity(ds: Dataset, node, names):
    """An entity that cannot be described: what is said of it and about it, with every statement about that."""
    mention = next((q[0] for q in _quads(ds, None, BKG.mentionOf, node)), None)
    quads = _quads(ds, node) + _quads(ds, None, None, node)
    for s, p, o, _ in list(quads):
        if p not in (RDF.type, BKG.mentionOf, SCHEMA.mentions):
            quads += _triple(ds, s, p, o, names)[2]
    yield f"{_term(node, names)} (the entity)", mention, quads


def _left_out(ds: Dataset, what: str, message: str, shape: str, evidence) -> LeftOut:
    """Say where a left-out statement came from: the article and sentence of its evidence."""
    article_id = sentence = start = end = None
    if evidence is not None:
        sentence_node = next((q[2] for q in _quads(ds, evidence, BKG.sentence)), evidence)
        article = next((q[2] for q in _quads(ds, evidence, SCHEMA.isPartOf)), None)
        identifier = next((q[2] for q in _quads(ds, article, SCHEMA.identifier)), None) if article is not None else None
        text = next((q[2] for q in _quads(ds, sentence_node, NIF.anchorOf)), None)
        begin = next((q[2] for q in _quads(ds, evidence, NIF.beginIndex)), None)
        finish = next((q[2] for q in _quads(ds, evidence, NIF.endIndex)), None)
        article_id = str(identifier) if isinstance(identifier, Literal) else None
        sentence = str(text) if isinstance(text, Literal) else None
        start = int(begin) if isinstance(begin, Literal) else None
        end = int(finish) if isinstance(finish, Literal) else None
    return LeftOut(what=what, problem=message, shape=shape, stage="shacl", article_id=article_id, sentence=sentence, start=start, end=end)
