"""Answer SPARQL queries over a built graph: the query API.

Only queries are answered; updates are refused. Results are written in the
W3C SPARQL 1.1 results formats (CSV, TSV, JSON, XML) or as a readable table;
CONSTRUCT and DESCRIBE answers as Turtle, JSON-LD, N-Triples or RDF/XML.

A query reads the graph it is given and nothing else. rdflib would fetch a
``FROM``/``FROM NAMED`` IRI that names no graph of the dataset (from the web,
or a ``file:`` from disk) and call any ``SERVICE`` endpoint; here such a
``FROM`` is refused, and ``SERVICE`` only runs when the caller allows it.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from pyparsing import ParseException
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from beslan_kg.errors import ConfigError, FetchRefused, QueryError, QueryTimeout, ReadOnlyError
from beslan_kg.rdf.io import to_bytes

#: Formats of :func:`to_text` for every answer: ``table`` and the SPARQL 1.1 results formats.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: The Python types of :func:`to_values`' cells (None for an unbound variable).
PlainValue = str | int | float | bool | dt.date | dt.time | None
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
    _terms: tuple[tuple, ...] = field(default=(), repr=False, compare=False)
    _prefixes: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)


def run_query(
    ds: Dataset,
    sparql: str,
    *,
    source: str = "query",
    max_rows: int | None = None,
    bindings: Mapping[str, str] | None = None,
    allow_service: bool = False,
    timeout: float | None = None,
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
        allow_service: Let ``SERVICE`` clauses query their remote endpoints.
        timeout: Stop the query after this many seconds (only from the main
            thread, which receives the alarm); None lets it run.

    Returns:
        The answer, in plain values.

    Raises:
        ReadOnlyError: The query is an update (a :class:`QueryError`).
        QueryTimeout: It ran past ``timeout`` (a :class:`QueryError`).
        QueryError: The query is malformed (with line and column), a binding
            names no variable of the query or is not a valid IRI, a ``FROM``
            names no graph of the dataset, it uses ``SERVICE`` without
            ``allow_service``, or a ``SERVICE`` endpoint failed.
    """
    prepared = _prepare(sparql, source)
    _check_dataset_clause(prepared, ds, source)
    services = sorted({str(node.term) for node in _iter_algebra(prepared.algebra) if node.name == "ServiceGraphPattern"})
    if services and not allow_service:
        raise FetchRefused(source, f"uses SERVICE <{services[0]}>, which would send the query to a remote endpoint",
                         "pass --allow-service to let it, on a machine with network access")
    init = {name: _term(value, name, source) for name, value in _checked_bindings(sparql, bindings or {}, source).items()}
    try:
        with _deadline(timeout, source):
            # rdflib evaluates lazily: a SERVICE call happens while the solutions are read.
            result = ds.query(prepared, initBindings=init)
            if result.type == "SELECT":
                solutions = list(result if max_rows is None else islice(result, max_rows + 1))
            elif result.type in ("CONSTRUCT", "DESCRIBE"):
                triples = sorted(result.graph, key=_triple_key)
    except QueryError:
        raise
    except Exception as err:  # urllib's and rdflib's errors for an endpoint that fails or answers no SPARQL
        if not services:
            raise
        reason = getattr(err, "reason", None) or (str(err).splitlines()[0][:200] if str(err) else type(err).__name__)
        raise QueryError(source, f"the SERVICE endpoint <{services[0]}> did not answer: {reason}",
                         "check the endpoint's URL and that it speaks the SPARQL protocol") from None
    prefixes = tuple((p, str(ns)) for p, ns in ds.namespaces() if p)
    if result.type == "ASK":
        return Answer("ASK", boolean=bool(result.askAnswer), _result=result)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        truncated = max_rows is not None and len(triples) > max_rows
        if truncated:
            triples = triples[:max_rows]
            result.graph = _graph_of(triples)
        rows = tuple(tuple(_display(t, prefixes) for t in triple) for triple in triples)
        return Answer(result.type, ("subject", "predicate", "object"), rows, truncated=truncated, _result=result,
                      _prefixes=prefixes, _terms=tuple(triples))
    columns = tuple(str(v) for v in result.vars)
    truncated = max_rows is not None and len(solutions) > max_rows
    if truncated:
        solutions = solutions[:max_rows]
    # Serialisers read result.bindings: give them the kept rows with the variables in
    # column order, so XML and JSON results are the same bytes in every run. Only a
    # generator replaces rdflib's lazy evaluation (it keeps that when given a list),
    # and dropping the evaluation stops it past max_rows.
    result.bindings = ({v: t for v, t in zip(result.vars, row) if t is not None} for row in solutions)
    terms = tuple(tuple(row[i] for i in range(len(columns))) for row in solutions)
    rows = tuple(tuple(_display(term, prefixes) for term in row) for row in terms)
    return Answer("SELECT", columns, rows, truncated=truncated, _result=result, _prefixes=prefixes, _terms=terms)


class _Expired(BaseException):
    """The query's time is up (a BaseException, so that no ``except Exception`` in rdflib swallows it)."""


@contextmanager
def _deadline(seconds: float | None, source: str) -> Iterator[None]:
    """Interrupt the code inside after ``seconds``: rdflib's engine is pure Python, which a signal reaches."""
    if seconds is None:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        raise ConfigError("timeout", "a query's time limit works only in the main thread", "run the query there, or pass no timeout")
    def expire(signum, frame):
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise QueryTimeout(source, f"ran past the time limit of {seconds:g} s and was stopped",
                           "narrow it down, or pass a longer --timeout") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _iter_algebra(node) -> Iterator:
    """Yield every node of a query's algebra (rdflib ``CompValue``s, which are dicts)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if hasattr(node, "name"):
                yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def _check_dataset_clause(prepared, ds: Dataset, source: str) -> None:
    """Refuse ``FROM``/``FROM NAMED`` IRIs that name no graph of the dataset: rdflib would fetch them."""
    held = {g.identifier for g in ds.graphs() if len(g)}
    for clause in getattr(prepared.algebra, "datasetClause", None) or ():
        iri = clause.default if clause.default is not None else clause.named
        keyword = "FROM" if clause.default is not None else "FROM NAMED"
        if str(iri).lower().startswith("file:"):
            raise FetchRefused(source, f"{keyword} <{iri}> would read a local file", "queries read only the graph given (--graph)")
        if iri not in held:
            raise FetchRefused(source, f"{keyword} <{iri}> names no graph of the dataset, and beslan-kg fetches nothing",
                             "name one of its graphs (GRAPH ?g { } lists them), or load the data with --graph")


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


def to_values(answer: Answer, *, compact_iris: bool = True) -> tuple[tuple[PlainValue, ...], ...]:
    """The answer's rows as plain Python values, one tuple per row in the order of ``answer.columns``.

    A literal becomes the value its datatype says: ``int`` (``xsd:integer``
    and its kin), ``float`` (``xsd:decimal``, ``xsd:double``, ``xsd:float``),
    ``bool``, ``datetime.date``, ``datetime.datetime`` or ``datetime.time``;
    any other literal (a language-tagged label, a plain string, an
    ``xsd:gYear``, an ill-typed value) its text, without a language tag. An
    IRI becomes a string, shortened with the graph's prefixes (``id:russia``)
    as the table format shows it, or whole with ``compact_iris=False``; a
    blank node ``_:id``; an unbound variable None. An ASK answer is one row
    holding its boolean.

    Args:
        answer: The answer of :func:`run_query`.
        compact_iris: Shorten IRIs with the graph's prefixes.
    """
    if answer.kind == "ASK":
        return ((bool(answer.boolean),),)
    prefixes = answer._prefixes if compact_iris else ()
    return tuple(tuple(to_value(term, prefixes) for term in row) for row in answer._terms)


#: Datatypes whose lexical form is read as a Python number (rdflib's ``toPython`` gives Decimal for xsd:decimal).
_INTEGERS = {XSD[name] for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                    "unsignedShort", "unsignedByte")}
_FLOATS = {XSD.decimal, XSD.double, XSD.float}
_TEMPORAL = {XSD.date: dt.date, XSD.dateTime: dt.datetime, XSD.time: dt.time}


def to_value(term, prefixes: tuple[tuple[str, str], ...] = ()) -> PlainValue:
    """One RDF term as a plain Python value (see :func:`to_values`); IRIs shortened with ``prefixes``."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return _display(term, prefixes)
    datatype, value = term.datatype, term.value
    if datatype is None or value is None:  # a plain or language-tagged string, or a value its datatype refuses
        return str(term)
    if datatype == XSD.boolean:
        return bool(value)
    if datatype in _INTEGERS and isinstance(value, int):
        return int(value)
    if datatype in _FLOATS:
        return float(value)
    wanted = _TEMPORAL.get(datatype)
    # xsd:date with a time zone, or a dateTime, parse to other types in some rdflib versions: keep the text then.
    if wanted is not None and type(value) is wanted:
        return value
    return str(term)


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
