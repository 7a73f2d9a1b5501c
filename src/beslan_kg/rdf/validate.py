"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl``: the validation API.

The shapes are checked with pySHACL against the union of the dataset's graphs
(entity types and labels sit in the default graph, what each article says in
its named graph) with the ontology mixed in, so that ``sh:class`` follows the
ontology's ``rdfs:subClassOf`` and the measures and qualifiers it declares.
No inference is run: the shapes check what the graph states.

The report holds plain strings (IRIs in prefixed form), not rdflib objects.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH, NamespaceManager

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir
from beslan_kg.rdf.io import load_dataset, union_graph
from beslan_kg.rdf.ontology import load_ontology

#: File name of the shapes in the ontology folder.
SHAPES_NAME = "shapes.ttl"
#: Severities of SHACL results, most serious first.
SEVERITIES = ("Violation", "Warning", "Info")
# Values longer than this are cut in report lines (sentences can be long).
_VALUE_WIDTH = 80


@dataclass(frozen=True)
class Violation:
    """One SHACL result: a node that does not satisfy a shape.

    Attributes:
        focus_node: The node that fails, e.g. ``id:russia``.
        path: The property concerned (``rdfs:label``; ``^bkg:figure`` for an inverse path), if any.
        value: The offending value, in Turtle notation, if any.
        message: What the shape requires, in words.
        severity: ``Violation``, ``Warning`` or ``Info``.
        shape: The shape or constraint that reported it, e.g. ``bkgsh:Entity-labelLanguage``.
    """

    focus_node: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph against the shapes.

    Attributes:
        conforms: True when no result has severity ``Violation`` (warnings do not count).
        violations: Every result, sorted by focus node, path, shape and value.
        triples: Number of triples checked (the union of the dataset's graphs).
        source: What was checked (a file name, or a description).
        shapes: The shapes file.
    """

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int
    source: str
    shapes: str

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The results of severity ``Violation``, the ones that break conformance."""
        return tuple(v for v in self.violations if v.severity == "Violation")


def shapes_path() -> Path:
    """Return the path of the bundled shapes, ``ontology/shapes.ttl``."""
    return ontology_dir() / SHAPES_NAME


def load_shapes(path: str | os.PathLike | None = None) -> Graph:
    """Parse a shapes file (the bundled shapes by default), once per process.

    Raises:
        ConfigError: The file is missing or is not valid Turtle.
    """
    return _load_shapes(Path(path) if path is not None else shapes_path())


@cache
def _load_shapes(path: Path) -> Graph:
    if not path.is_file():
        raise ConfigError(str(path), "no such shapes file", "restore ontology/shapes.ttl or pass an existing file")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as err:  # rdflib's parsers raise many unrelated types
        raise ConfigError(str(path), f"is not valid Turtle: {str(err).splitlines()[0][:200]}", "fix the shapes file") from None


@cache
def object_kinds() -> Mapping[tuple[str, str], str]:
    """Read from the bundled shapes which properties of which kind of node must point to which kind.

    ``{("Event", "location"): "Place", ("Event", "concerns"): "Event", …}``:
    a node shape targeting a schema.org class, with a property shape whose
    ``sh:class`` is a schema.org class. Properties are named by their local
    name in ``bkg:`` or ``schema:``. Plain strings, so that records can be
    checked against the shapes before they become RDF.

    Raises:
        ConfigError: The shapes file cannot be read.
    """
    shapes = load_shapes()
    prefixes = ("https://schema.org/", "https://w3id.org/beslan-kg/ontology#")
    schema = prefixes[0]

    def local(term) -> str | None:
        text = str(term)
        return next((text[len(p):] for p in prefixes if isinstance(term, URIRef) and text.startswith(p)), None)

    found = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        if not str(target).startswith(schema):
            continue
        for prop in shapes.objects(shape, SH.property):
            path, cls = shapes.value(prop, SH.path), shapes.value(prop, SH["class"])
            if local(path) and cls is not None and str(cls).startswith(schema):
                found[(str(target)[len(schema):], local(path))] = str(cls)[len(schema):]
    return found


def validate_dataset(
    ds: Dataset | Graph, *, shapes: str | os.PathLike | None = None, source: str = "graph"
) -> ValidationReport:
    """Check a dataset (the union of its graphs) or a graph against the shapes.

    Args:
        ds: The dataset, as :func:`beslan_kg.rdf.build.to_dataset` or
            :func:`beslan_kg.rdf.io.load_dataset` return it, or one graph.
        shapes: A shapes file; ``ontology/shapes.ttl`` by default.
        source: How to name what was checked in the report.

    Returns:
        The report, conforming or not.

    Raises:
        ConfigError: The shapes file or the ontology cannot be read.
    """
    shapes_file = Path(shapes) if shapes is not None else shapes_path()
    return to_report(*check_graph(ds, shapes_file), source=source, shapes_file=shapes_file)


def check_graph(ds: Dataset | Graph, shapes_file: Path) -> tuple[Graph, Graph, NamespaceManager, int]:
    """Run pySHACL; return its results graph, the shapes, the prefixes to name terms with, and the triples checked.

    For :mod:`beslan_kg.rdf.repair`, which needs the results' terms; others
    use :func:`validate_dataset`.
    """
    from pyshacl import validate as shacl_validate

    shapes_graph = load_shapes(shapes_file)
    data = _CachedQueryGraph()
    data += union_graph(ds) if isinstance(ds, Dataset) else ds
    triples = len(data)
    data += load_ontology()
    # inplace: `data` is already a private copy. Warnings and infos are
    # reported but do not break conformance (ValidationReport.conforms).
    _, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False, inplace=True,
        allow_warnings=True, allow_infos=True,
    )
    names = NamespaceManager(Graph(), bind_namespaces="core")
    for prefix, ns in (*ds.namespaces(), *shapes_graph.namespaces()):
        names.bind(prefix, ns, override=False)
    return results, shapes_graph, names, triples


def to_report(results: Graph, shapes_graph: Graph, names: NamespaceManager, triples: int, *, source: str,
              shapes_file: Path) -> ValidationReport:
    """Turn pySHACL's results graph into a :class:`ValidationReport`."""
    violations = sorted(
        {_violation(results, result, shapes_graph, names) for result in results.subjects(RDF.type, SH.ValidationResult)},
        key=lambda v: (v.focus_node, v.path or "", v.shape, v.value or "", v.message, v.severity),
    )
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
        triples=triples,
        source=source,
        shapes=str(shapes_file),
    )


def validate_file(path: str | os.PathLike, *, shapes: str | os.PathLike | None = None, store: str = "default") -> ValidationReport:
    """Load a graph file and check it against the shapes.

    Args:
        path: The graph file (any format :func:`beslan_kg.rdf.io.load_dataset` reads).
        shapes: A shapes file; ``ontology/shapes.ttl`` by default.
        store: rdflib store plugin to load the graph into.

    Raises:
        InputError: The graph file is missing or malformed.
        ConfigError: The shapes file, the ontology or the store cannot be used.
    """
    with _quiet_literal_warnings():
        ds = load_dataset(path, store=store)
    return validate_dataset(ds, shapes=shapes, source=str(path))


@contextmanager
def _quiet_literal_warnings() -> Iterator[None]:
    """Silence rdflib's traceback for each ill-typed literal (``"2004-13-01"^^xsd:date``) while parsing.

    Such a literal is exactly what the shapes report, as one readable line.
    """
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def to_line(violation: Violation) -> str:
    """Return one violation as one line: node, path, value, message, and the shape."""
    subject = " ".join(part for part in (violation.focus_node, violation.path, _cut(violation.value)) if part)
    return f"{subject}: {violation.message} [{violation.severity.lower()}: {violation.shape}]"


def iter_lines(report: ValidationReport) -> Iterator[str]:
    """Yield one line per result of the report, in its (sorted) order."""
    for violation in report.violations:
        yield to_line(violation)


def to_text(report: ValidationReport) -> str:
    """Render the report: a summary line, then one line per result."""
    counts = {severity: sum(v.severity == severity for v in report.violations) for severity in SEVERITIES}
    found = ", ".join(f"{n} {severity.lower()}{'s' if n != 1 else ''}" for severity, n in counts.items() if n)
    if report.conforms:
        summary = f"conforms: {report.triples} triples of {report.source} satisfy {report.shapes}"
        summary += f" ({found})" if found else ""
    else:
        summary = f"does not conform: {found} in {report.triples} triples of {report.source} against {report.shapes}"
    return "\n".join([summary, *iter_lines(report)]) + "\n"


class _CachedQueryGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL runs a SPARQL constraint once per focus node, passing the query
    text each time; rdflib would parse it again every time, which costs more
    than evaluating it (14 s instead of under 1 s on the bundled corpus).
    """

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[str, object] = {}

    def query(self, query_object, *args, **kwargs):  # noqa: D102 - see Graph.query
        if isinstance(query_object, str):
            if query_object not in self._prepared:
                from rdflib.plugins.sparql import prepareQuery

                self._prepared[query_object] = prepareQuery(query_object, initNs=dict(self.namespaces()))
            query_object = self._prepared[query_object]
        return super().query(query_object, *args, **kwargs)


def _violation(results: Graph, result, shapes: Graph, names: NamespaceManager) -> Violation:
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    return Violation(
        focus_node=_term(results.value(result, SH.focusNode), names),
        path=_path(results, path, names) if path is not None else None,
        value=_term(value, names) if value is not None else None,
        message=_message(results, result),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        shape=_shape(shapes, _source(results, result), names),
    )


def _source(results: Graph, result):
    """The constraint that reported a result: a named SPARQL constraint, else the shape."""
    constraint = results.value(result, SH.sourceConstraint)
    return constraint if isinstance(constraint, URIRef) else results.value(result, SH.sourceShape)


def _term(term, names: NamespaceManager) -> str:
    if isinstance(term, BNode):
        # Blank node labels change from run to run; reports must not.
        return "[]"
    return term.n3(names)


def _path(graph: Graph, path, names: NamespaceManager) -> str:
    inverse = graph.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if inverse is not None:
        return "^" + _term(inverse, names)
    return _term(path, names)


def _message(results: Graph, result) -> str:
    messages = sorted((m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)),
                      key=lambda m: (m.language not in (None, "en"), str(m)))
    return str(messages[0]) if messages else "does not satisfy the shape"


def _shape(shapes: Graph, shape, names: NamespaceManager) -> str:
    """Name a shape by its IRI; a blank property shape by its node shape and path."""
    if isinstance(shape, URIRef):
        return _term(shape, names)
    parent = shapes.value(None, SH.property, shape) if shape is not None else None
    path = shapes.value(shape, SH.path) if shape is not None else None
    if parent is not None and path is not None:
        return f"{_shape(shapes, parent, names)} {_path(shapes, path, names)}"
    return "[]"


def _cut(value: str | None) -> str | None:
    if value is None or len(value) <= _VALUE_WIDTH:
        return value
    return value[: _VALUE_WIDTH - 1] + "…"
