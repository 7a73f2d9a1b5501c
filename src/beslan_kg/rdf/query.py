"""Answer SPARQL queries over a built graph: the query API.

Only queries are answered; updates are refused. Results are written in the
W3C SPARQL 1.1 results formats (CSV, TSV, JSON, XML) or as a readable table;
CONSTRUCT and DESCRIBE answers as Turtle, JSON-LD, N-Triples or RDF/XML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice

from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from beslan_kg.errors import ConfigError, QueryError, ReadOnlyError
from beslan_kg.rdf.io import to_bytes

#: Formats of :func:`to_text` for every answer: ``table`` and the SPARQL 1.1 results formats.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Further formats of :func:`to_text` for CONSTRUCT and DESCRIBE answers: the export
#: formats of one graph (:data:`beslan_kg.rdf.io.FORMATS`).
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")


@dataclass(frozen=True)
class Answer:
    """A query's answer in plain values, with the rdflib result kept for serialising.

    Attributes:
        kind: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        columns: Variable names, for SELECT.
        rows: One tuple of display strings (None when unbound) per solution.
        boolean: The answer of an ASK.
        truncated: Rows (or triples) past ``max_rows`` of :func:`run_query` were dropped.
    """

    kind: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False
    _result: Result | None = field(default=None, repr=False, compare=False)
    _prefixes: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)


def run_query(
    ds: Dataset, sparql: str, *, source: str = "query", max_rows: int | None = None, bindings: Mapping[str, str] | None = None
) -> Answer:
    """Run a read-only SPARQL query.

    Args:
        ds: The dataset, as returned by :func:`beslan_kg.rdf.io.load_dataset`.
        sparql: The query text.
        source: How to name the query in errors (a file name, or "query").
        max_rows: Keep at most this many rows (SELECT) or triples (CONSTRUCT,
            DESCRIBE; the first in sorted order) and mark the answer truncated;
            None keeps all. A SELECT without ORDER BY stops evaluating there.
        bindings: Values of the query's variables, bound as RDF terms (rdflib
            ``initBindings``), never pasted into the text: ``<…>`` is an IRI,
            anything else a plain literal. A plain literal does not equal a
            language-tagged one: compare ``STR(?label)`` to match labels.

    Returns:
        The answer, in plain values.

    Raises:
        ReadOnlyError: The query is an update (a :class:`QueryError`).
        QueryError: The query is malformed (with line and column), a binding
            names no variable of the query or is not a valid IRI, or a
            ``SERVICE`` endpoint cannot be reached.
    """
    prepared = _prepare(sparql, source)
    init = {name: _term(value, name, source) for name, value in _checked_bindings(sparql, bindings or {}, source).items()}
    try:
        # rdflib evaluates lazily: a SERVICE call happens while the solutions are read.
        result = ds.query(prepared, initBindings=init)
        if result.type == "SELECT":
            solutions = list(result if max_rows is None else islice(result, max_rows + 1))
    except OSError as err:  # urllib's errors for an unreachable or failing SERVICE endpoint
        raise QueryError(source, f"a SERVICE endpoint could not be queried: {getattr(err, 'reason', None) or err}",
                         "federated queries need network access to the endpoint") from None
    prefixes = tuple((p, str(ns)) for p, ns in ds.namespaces() if p)
    if result.type == "ASK":
        return Answer("ASK", boolean=bool(result.askAnswer), _result=result)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=_triple_key)
        truncated = max_rows is not None and len(triples) > max_rows
        if truncated:
            triples = triples[:max_rows]
            result.graph = _graph_of(triples)
        rows = tuple(tuple(_display(t, prefixes) for t in triple) for triple in triples)
        return Answer(result.type, ("subject", "predicate", "object"), rows, truncated=truncated, _result=result, _prefixes=prefixes)
    columns = tuple(str(v) for v in result.vars)
    truncated = max_rows is not None and len(solutions) > max_rows
    if truncated:
        solutions = solutions[:max_rows]
    # Serialisers read result.bindings: give them the kept rows with the variables in
    # column order, so XML and JSON results are the same bytes in every run. Only a
    # generator replaces rdflib's lazy evaluation (it keeps that when given a list),
    # and dropping the evaluation stops it past max_rows.
    result.bindings = ({v: t for v, t in zip(result.vars, row) if t is not None} for row in solutions)
    rows = tuple(tuple(_display(row[i], prefixes) for i in range(len(columns))) for row in solutions)
    return Answer("SELECT", columns, rows, truncated=truncated, _result=result, _prefixes=prefixes)


def _checked_bindings(sparql: str, bindings: Mapping[str, str], source: str) -> Mapping[str, str]:
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(source, f"cannot bind {name!r}: not a variable name", "give the name without '?', e.g. label")
        # A binding of a variable the query does not use would silently change nothing.
        if not re.search(rf"[?$]{name}\b", sparql):
            raise QueryError(source, f"has no variable ?{name} to bind", "check the name against the query")
    return bindings


def _term(value: str, name: str, source: str) -> URIRef | Literal:
    """``<…>`` is an IRI, anything else a plain literal: a term, never query text."""
    if len(value) > 1 and value[0] == "<" and value[-1] == ">":
        iri = value[1:-1]
        # The characters RDF 1.1 forbids in an IRI: such a value is a typo, not a term.
        if not iri or re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
            raise QueryError(source, f"?{name} is not a valid IRI: {value}", "give <scheme:...> without spaces or quotes")
        return URIRef(iri)
    return Literal(value)


def _triple_key(triple) -> tuple[str, ...]:
    # n3() is unique per term and orders IRIs, blank nodes and literals alike.
    return tuple(term.n3() for term in triple)


def _graph_of(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def to_text(answer: Answer, fmt: str = "table") -> str:
    """Render an answer: ``table`` for people, ``csv``/``tsv``/``json``/``xml`` for programs.

    CONSTRUCT and DESCRIBE answers are written in one of :data:`GRAPH_FORMATS`
    (JSON-LD compacted with the project's context), and as Turtle in every
    other format but ``table``.

    Args:
        answer: The answer of :func:`run_query`.
        fmt: ``table``, a SPARQL 1.1 results format (``csv``, ``tsv``,
            ``json``, ``xml``) or one of :data:`GRAPH_FORMATS`.

    Returns:
        The text.

    Raises:
        ConfigError: ``fmt`` is not a format of this kind of answer.
    """
    if fmt == "table":
        if answer.kind == "ASK":
            return "yes" if answer.boolean else "no"
        return _table(answer.columns, answer.rows)
    if answer.kind in ("CONSTRUCT", "DESCRIBE"):
        graph = answer._result.graph
        for prefix, ns in answer._prefixes:
            graph.bind(prefix, ns)
        return _graph_text(graph, fmt if fmt in GRAPH_FORMATS else "turtle")
    if fmt not in RESULT_FORMATS:
        raise ConfigError(f"format {fmt!r}", f"is not a format of {answer.kind} results", "use csv, tsv, json or xml")
    if fmt == "tsv":
        return _tsv(answer._result)
    if fmt == "csv" and answer.kind == "ASK":
        # rdflib's CSV serialiser takes SELECT results only; this is the TSV form, comma-separated.
        return "_askResult\r\n" + ("true" if answer.boolean else "false") + "\r\n"
    data = answer._result.serialize(format=fmt)
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _graph_text(graph: Graph, fmt: str) -> str:
    # The export serialisers: the same answer gives the same text in every run.
    return to_bytes(graph, fmt).decode("utf-8")


def _tsv(result: Result) -> str:
    """Write SPARQL 1.1 TSV: ``?var`` headers, terms in N-Triples syntax.

    rdflib parses TSV results but has no serialiser for them.
    """
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result:
        lines.append("\t".join("" if term is None else _escape_tsv(term.n3()) for term in row))
    return "\n".join(lines) + "\n"


def _escape_tsv(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _prepare(sparql: str, source: str):
    try:
        return prepareQuery(sparql)
    except ParseException as err:
        if _is_update(sparql):
            raise ReadOnlyError(source, "is an update (INSERT/DELETE/…); beslan-kg only reads", "use SELECT, ASK, CONSTRUCT or DESCRIBE") from None
        raise QueryError(source, f"malformed SPARQL at line {err.lineno}, column {err.col}: {_expected(err)}", "fix the query") from None
    except Exception as err:  # rdflib raises plain exceptions for unknown prefixes and the like
        raise QueryError(source, f"cannot be prepared: {err}", "fix the query") from None


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except Exception:
        return bool(re.search(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", _strip_prologue(sparql), re.I | re.M))
    return True


def _strip_prologue(sparql: str) -> str:
    return re.sub(r"^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*$", "", sparql, flags=re.I | re.M)


def _expected(err: ParseException) -> str:
    line = err.line.strip()
    found = line[err.col - 1 : err.col + 19] if err.col <= len(err.line) else ""
    return f"unexpected {found!r}" if found.strip() else "unexpected end of query"


def _display(term, prefixes) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in prefixes:
            if text.startswith(ns) and re.fullmatch(r"[\w./-]*", text[len(ns):]):
                return f"{prefix}:{text[len(ns):]}"
        return text
    if isinstance(term, Literal):
        return str(term) + (f"@{term.language}" if term.language else "")
    return str(term)


def _table(columns: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...]) -> str:
    cells = [[c for c in columns]] + [["" if v is None else v.replace("\n", " ") for v in row] for row in rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(columns))]

    def line(values):
        return "  ".join(_clip(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
