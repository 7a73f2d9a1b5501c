"""Answer SPARQL queries over a built graph: the query API.

Queries run on Oxigraph (pyoxigraph), over a :class:`~beslan_kg.rdf.store.GraphStore`
(:func:`beslan_kg.rdf.store.load_store` loads a graph file into one) or an
rdflib dataset, which is copied into one first. Only queries are answered;
updates are refused. Results are written in the W3C SPARQL 1.1 results formats
(CSV, TSV, JSON, XML), byte for byte as rdflib writes them, or as a readable
table; CONSTRUCT and DESCRIBE answers as Turtle, JSON-LD, N-Triples or RDF/XML
with the export serialisers.

A query reads the graph it is given and nothing else: a ``FROM``/``FROM NAMED``
must name a graph of the store (Oxigraph never fetches one, but a name the
store lacks is a mistake the user should hear of), and ``SERVICE``, which
Oxigraph would call over HTTP, only runs when the caller allows it. What a
query uses (its form, projection, ``FROM`` and ``SERVICE`` clauses) is read
from its tokens, without a second parser.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesNSImpl

import pyoxigraph as ox

from beslan_kg.errors import ConfigError, FetchRefused, QueryError, QueryTimeout, ReadOnlyError
from beslan_kg.rdf.store import GraphStore, store_of_dataset

#: Formats of :func:`to_text` for every answer: ``table`` and the SPARQL 1.1 results formats.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: The Python types of :func:`to_values`' cells (None for an unbound variable).
PlainValue = str | int | float | bool | dt.date | dt.time | None
#: Further formats of :func:`to_text` for CONSTRUCT and DESCRIBE answers: the export
#: formats of one graph (:data:`beslan_kg.rdf.io.FORMATS`).
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SPARQL_XML = "http://www.w3.org/2005/sparql-results#"
_XML = "http://www.w3.org/XML/1998/namespace"
# Rows read between two looks at whether the caller has stopped waiting.
_CHECK_EVERY = 256


@dataclass(frozen=True)
class Answer:
    """A query's answer in plain values, with the engine's terms kept for serialising.

    Attributes:
        kind: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        columns: Variable names, for SELECT (``subject``, ``predicate``,
            ``object`` for CONSTRUCT and DESCRIBE).
        boolean: The answer of an ASK.
        truncated: Rows (or triples) past ``max_rows`` of :func:`run_query` were dropped.
        rows: One tuple of display strings (None when unbound) per solution
            or triple: IRIs with the graph's prefixes, literals with ``@lang``.
    """

    kind: str
    columns: tuple[str, ...] = ()
    boolean: bool | None = None
    truncated: bool = False
    _terms: tuple[tuple, ...] = field(default=(), repr=False, compare=False)
    _names: _Names | None = field(default=None, repr=False, compare=False)

    @cached_property
    def rows(self) -> tuple[tuple[str | None, ...], ...]:  # noqa: D102 - see the class's attributes
        if self._names is None:
            return ()
        display = self._names.display
        return tuple(tuple(display(term) for term in row) for row in self._terms)


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
    names = answer._names if compact_iris else None
    return tuple(tuple(to_value(term, names) for term in row) for row in answer._terms)


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes whose lexical form is read as a Python int, or float.
_INTEGERS = {_XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                      "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                      "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + name for name in ("decimal", "double", "float")}
_TEMPORAL = {_XSD + "date": dt.date.fromisoformat, _XSD + "dateTime": dt.datetime.fromisoformat, _XSD + "time": dt.time.fromisoformat}


def to_value(term, names: _Names | None = None) -> PlainValue:
    """One RDF term as a plain Python value (see :func:`to_values`); IRIs shortened by ``names`` when given."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return names.display(term) if names is not None else term.value
    text, datatype = term.value, term.datatype.value
    try:
        if datatype == _XSD + "boolean":
            return {"true": True, "1": True, "false": False, "0": False}[text.strip()]
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return float(text)
        parse = _TEMPORAL.get(datatype)
        if parse is not None:
            value = parse(text)
            # A date or time with a time zone keeps its text: the plain types would drop or shift it.
            return text if getattr(value, "tzinfo", None) is not None or (parse is dt.date.fromisoformat and len(text) != 10) else value
    except (KeyError, ValueError):
        pass  # a value its datatype refuses
    return text


def run_query(
    ds,
    sparql: str,
    *,
    source: str = "query",
    max_rows: int | None = None,
    bindings: Mapping[str, str] | None = None,
    allow_service: bool = False,
    timeout: float | None = None,
) -> Answer:
    """Run a read-only SPARQL query.

    The default graph is the union of the graphs (each triple once); ``GRAPH``
    reaches the named ones.

    Args:
        ds: A :class:`~beslan_kg.rdf.store.GraphStore`, or an rdflib dataset
            (as :func:`beslan_kg.rdf.io.load_dataset` returns), copied into a
            store for the query.
        sparql: The query text.
        source: How to name the query in errors (a file name, or "query").
        max_rows: Keep at most this many rows (SELECT) or triples (CONSTRUCT,
            DESCRIBE; the first in sorted order) and mark the answer truncated;
            None keeps all. A SELECT without ORDER BY stops evaluating there.
        bindings: Values of the query's variables, bound as RDF terms (never
            pasted into the text): ``<…>`` is an IRI, anything else a plain
            literal. A plain literal does not equal a language-tagged one:
            compare ``STR(?label)`` to match labels. A SELECT's bound variable
            need not be among its columns; an ASK, CONSTRUCT or DESCRIBE can
            bind only variables its pattern binds.
        allow_service: Let ``SERVICE`` clauses query their remote endpoints.
        timeout: Stop waiting for the answer after this many seconds. The
            engine cannot be interrupted: the query goes on in a thread until
            it reaches its next rows or its end, and the interpreter waits
            for it before exiting (``beslan-kg query`` ends its process at
            once; ``serve`` kills its worker). None runs the query in the
            calling thread, as long as it takes.

    Returns:
        The answer, in plain values.

    Raises:
        ReadOnlyError: The query is an update (a :class:`QueryError`).
        QueryTimeout: It ran past ``timeout`` (a :class:`QueryError`).
        QueryError: The query is malformed (with line and column), a binding
            names no variable of the query or is not a valid IRI, a ``FROM``
            names no graph of the store, it uses ``SERVICE`` without
            ``allow_service``, or a ``SERVICE`` endpoint failed.
    """
    store = ds if isinstance(ds, GraphStore) else store_of_dataset(ds)
    shape = _Shape.of(sparql)
    if shape.update:
        raise ReadOnlyError(source, "is an update (INSERT/DELETE/…); beslan-kg only reads", "use SELECT, ASK, CONSTRUCT or DESCRIBE")
    substitutions = _substitutions(shape, bindings or {}, source)
    _check_dataset_clause(shape, store, source)
    if shape.services and not allow_service:
        raise FetchRefused(source, f"uses SERVICE <{shape.services[0]}>, which would send the query to a remote endpoint",
                           "pass --allow-service to let it, on a machine with network access")
    names = _names_of(store)

    def evaluate(stopped: Callable[[], bool]) -> Answer:
        # In one thread: pyoxigraph's results may be read, and dropped, only by the thread that asked for them.
        sorted_here = _sorted_here(store, sparql, shape, substitutions, source, stopped) if shape.order else None
        if sorted_here is not None:
            columns, rows = sorted_here
        else:
            results, columns = _start(store, sparql, shape, substitutions, source)
            failure = None
            try:
                if isinstance(results, ox.QueryBoolean):
                    return Answer("ASK", boolean=bool(results))
                if isinstance(results, ox.QueryTriples):
                    return _graph_answer(store, shape.kind, _triples(results, stopped), max_rows, names)
                rows = _solutions(results, len(columns), max_rows, stopped)
            except (OSError, RuntimeError, SyntaxError, ValueError) as err:  # the engine's, or the endpoint's answer
                failure = _failed(err, shape, source)
            finally:
                del results
            if failure is not None:
                raise failure
        truncated = max_rows is not None and len(rows) > max_rows
        return Answer("SELECT", columns, truncated=truncated, _terms=tuple(rows[:max_rows] if truncated else rows), _names=names)

    return _within(timeout, source, evaluate)


def _sorted_here(store: GraphStore, sparql: str, shape: _Shape, substitutions: dict, source: str,
                 stopped: Callable[[], bool]) -> tuple[tuple[str, ...], list[tuple]] | None:
    """Run a SELECT without its closing ``ORDER BY`` and sort its rows here, as Oxigraph would; None when it cannot.

    pyoxigraph 0.5 decodes the sort keys from the store at every comparison
    of its sort (fixed upstream in Oxigraph's commit 5507799d, not yet
    released): two thirds of the time of a 30,000-row ``provenance``. Each
    key is decoded here once, and the rows sorted by Oxigraph's order of
    terms (:func:`_order_keys`). When literals of different kinds would be
    compared, or a key is not a column, the engine orders the rows: the
    query runs again with its ``ORDER BY``.
    """
    results, columns = _start(store, sparql, shape, substitutions, source, unordered=True)
    try:
        where = [columns.index(name) if name in columns else -1 for name, _, _ in shape.order]
        if -1 in where:
            return None
        rows = _solutions(results, len(columns), None, stopped)
    except (OSError, RuntimeError, SyntaxError, ValueError) as err:  # the engine's, or the endpoint's answer
        raise _failed(err, shape, source) from None
    finally:
        del results
    keys = [_order_keys([row[column] for row in rows], as_string) for column, (_, _, as_string) in zip(where, shape.order)]
    if None in keys or not _comparable(keys):
        return None
    # Rows equal in every key come in the order of their terms, not in the engine's order of evaluation.
    order = sorted(range(len(rows)), key=[tuple("" if term is None else str(term) for term in row) for row in rows].__getitem__)
    # Stable sorts from the last key to the first give the order of all keys.
    for column_keys, (_, ascending, _) in reversed(list(zip(keys, shape.order))):
        order.sort(key=column_keys.__getitem__, reverse=not ascending)
    return columns, [rows[i] for i in order]


def _comparable(keys: list[list[tuple]]) -> bool:
    """Whether no two literals of different kinds meet in a key with all the keys before it equal.

    Oxigraph compares such literals by rules of its own (numbers with numbers,
    others by lexical form, datatype and language), which do not make one
    order; which of them its sort applies depends on its algorithm.
    """
    for k, column_keys in enumerate(keys):
        kinds: dict[tuple, str] = {}
        for i, key in enumerate(column_keys):
            if key[0] == 3 and kinds.setdefault(tuple(earlier[i] for earlier in keys[:k]), key[1]) != key[1]:
                return False
    return True


_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})")


def _order_keys(terms: list, as_string: bool) -> list[tuple] | None:
    """Keys that order ``terms`` as Oxigraph's ``ORDER BY`` does (of ``STR`` of them, if ``as_string``), or None.

    A key is ``(rank, kind, value)``: unbound, blank nodes, IRIs, then
    literals, which compare only with literals of their kind (strings with
    or without a language, integers, dates without a time zone); None when
    a term is of another kind.
    """
    keys = []
    for term in terms:
        if term is None or (as_string and isinstance(term, ox.BlankNode)):  # STR of a blank node fails: unbound
            keys.append((0, "", ""))
        elif as_string and isinstance(term, (ox.NamedNode, ox.Literal)):
            keys.append((3, "text", (term.value, "", "")))
        elif isinstance(term, ox.BlankNode):
            keys.append((1, "", term.value))
        elif isinstance(term, ox.NamedNode):
            keys.append((2, "", term.value))
        elif isinstance(term, ox.Literal) and not as_string:
            key = _literal_key(term)
            if key is None:
                return None
            keys.append(key)
        else:
            return None
    return keys


def _literal_key(literal: ox.Literal) -> tuple | None:
    value, datatype = literal.value, literal.datatype.value
    if literal.language or datatype == f"{_XSD}string":
        # Strings of one language, or plain, compare by value; others by (value, datatype, language): one order.
        return (3, "text", (value, datatype, literal.language or ""))
    if datatype == f"{_XSD}integer" and re.fullmatch(r"[+-]?[0-9]+", value) and -2**63 <= int(value) < 2**63:
        return (3, "integer", int(value))
    date = _DATE.fullmatch(value) if datatype == f"{_XSD}date" else None
    if date:
        return (3, "date", tuple(int(part) for part in date.groups()))
    return None


def _start(store: GraphStore, sparql: str, shape: _Shape, substitutions: dict, source: str, *, unordered: bool = False):
    """Parse and plan the query (the engine evaluates it as its results are read); return them and the columns.

    With ``unordered``, the query's closing ``ORDER BY`` (``shape.order``) is left out.
    """
    text = sparql[:shape.order_start] if unordered else sparql
    extra = [v for v in substitutions if v.value not in shape.projected] if shape.kind == "SELECT" and not shape.star else []
    if extra:
        # Oxigraph binds only variables a SELECT returns: return these too, and drop them below.
        # Only variable names, checked against the query's own, are added to the text.
        text = text[:shape.projection_end] + "".join(f" ?{v.value}" for v in extra) + " " + text[shape.projection_end:]
    try:
        results = store._store.query(text, substitutions=substitutions or None, prefixes=_default_prefixes(store))
    except SyntaxError as err:
        if extra:
            try:
                store._store.query(sparql, prefixes=_default_prefixes(store))
            except SyntaxError as original:
                raise _malformed(original, sparql, source) from None
            raise QueryError(source, f"cannot bind ?{extra[0].value}: an aggregating SELECT returns only grouped variables",
                             f"add ?{extra[0].value} to the SELECT and GROUP BY clauses") from None
        raise _malformed(err, sparql, source) from None
    except RuntimeError as err:
        if "does not contains variable" in str(err):
            name = str(err).split("?", 1)[-1].split()[0]
            raise QueryError(source, f"cannot bind ?{name}: the query's pattern does not bind it",
                             "bind a variable the query selects or matches") from None
        raise _failed(err, shape, source) from None
    except OSError as err:
        raise _failed(err, shape, source) from None
    if isinstance(results, ox.QuerySolutions):
        columns = tuple(v.value for v in results.variables)
        return results, columns[:len(columns) - len(extra)]
    return results, ()


# Prefixes a query may use without declaring them, as rdflib lets it: these, and the graph file's.
_CORE_PREFIXES = {"rdf": _RDF, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                  "owl": "http://www.w3.org/2002/07/owl#"}


def _default_prefixes(store: GraphStore) -> dict[str, str]:
    return {**_CORE_PREFIXES, **{prefix: ns for prefix, ns in store.prefixes if prefix}}


def _graph_answer(store: GraphStore, kind: str, triples: set, max_rows: int | None, names: _Names) -> Answer:
    if kind == "DESCRIBE":
        triples = _with_reifications(store, triples)
    ordered = sorted(triples, key=_triple_key)
    truncated = max_rows is not None and len(ordered) > max_rows
    kept = tuple(ordered[:max_rows] if truncated else ordered)
    return Answer(kind, ("subject", "predicate", "object"), truncated=truncated, _terms=kept, _names=names)


def _solutions(results, width: int, max_rows: int | None, stopped: Callable[[], bool]) -> list[tuple]:
    rows = []
    limit = None if max_rows is None else max_rows + 1
    for solution in results:
        rows.append(tuple(solution)[:width])
        if limit is not None and len(rows) >= limit:
            break
        if not len(rows) % _CHECK_EVERY and stopped():
            break
    return rows


def _triples(results, stopped: Callable[[], bool]) -> set:
    triples = set()
    for count, triple in enumerate(results, 1):
        triples.add((triple.subject, triple.predicate, triple.object))
        if not count % _CHECK_EVERY and stopped():
            break
    return triples


def _with_reifications(store: GraphStore, triples: set) -> set:
    """Add the reifications of the described triples, as rdflib's DESCRIBE (a concise bounded description) does.

    Oxigraph describes a node by its triples and those of the blank nodes they
    reach; a concise bounded description also holds the description of every
    ``rdf:Statement`` that reifies one of its triples.
    """
    graph = ox.DefaultGraph()
    subject, predicate, obj = (ox.NamedNode(f"{_RDF}{name}") for name in ("subject", "predicate", "object"))
    described = {s for s, _, _ in triples}
    pending = list(triples)
    while pending:
        s, p, o = pending.pop()
        for quad in store._store.quads_for_pattern(None, subject, s, graph):
            statement = quad.subject
            if statement in described:
                continue
            if not any(True for _ in store._store.quads_for_pattern(statement, predicate, p, graph)):
                continue
            if not any(True for _ in store._store.quads_for_pattern(statement, obj, o, graph)):
                continue
            for node in _closure(store, statement, described):
                for found in store._store.quads_for_pattern(node, None, None, graph):
                    triple = (found.subject, found.predicate, found.object)
                    if triple not in triples:
                        triples.add(triple)
                        pending.append(triple)
    return triples


def _closure(store: GraphStore, node, described: set) -> Iterator:
    """The node and the blank nodes its triples reach, each once across the description."""
    stack = [node]
    while stack:
        node = stack.pop()
        if node in described:
            continue
        described.add(node)
        yield node
        stack.extend(q.object for q in store._store.quads_for_pattern(node, None, None, ox.DefaultGraph())
                     if isinstance(q.object, ox.BlankNode))


_abandoned: set[threading.Thread] = set()


def abandoned_queries() -> int:
    """How many queries stopped at their time limit are still running in the engine."""
    for thread in [t for t in _abandoned if not t.is_alive()]:
        _abandoned.discard(thread)
    return len(_abandoned)


def _within(seconds: float | None, source: str, work: Callable[[Callable[[], bool]], object]):
    """Run ``work`` and return what it returns, waiting at most ``seconds``.

    The engine runs compiled code that no signal interrupts, so ``work`` runs
    in a thread; past the time limit the caller gets :class:`QueryTimeout`,
    and ``work``, told so, stops at its next rows. The thread is not a daemon:
    a daemon thread still inside the engine when the interpreter ends would
    abort it, so the interpreter waits for it (the ``beslan-kg`` script ends
    its process at once instead, see :func:`abandoned_queries`).
    """
    if seconds is None:
        return work(lambda: False)
    done, gave_up, outcome = threading.Event(), threading.Event(), {}

    def target() -> None:
        try:
            outcome["value"] = work(gave_up.is_set)
        except BaseException as err:  # handed to the waiting caller
            outcome["error"] = err
        finally:
            done.set()

    thread = threading.Thread(target=target, name="beslan-kg-query")
    thread.start()
    if not done.wait(seconds):
        gave_up.set()
        _abandoned.add(thread)
        raise QueryTimeout(source, f"ran past the time limit of {seconds:g} s and was stopped",
                           "narrow it down, or pass a longer --timeout")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --------------------------------------------------------------------------
# What a query uses, from its tokens


_TOKENS = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<var>[?$][^\W][\w\u00b7\u0300-\u036f\u203f\u2040]*)
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:(?:[\w:%-]|\\\S)(?:[\w.:%-]|\\\S)*(?<!\.))?)
  | (?P<bnode>_:[\w.-]*\w)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.X | re.S)
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class _Shape:
    """What a query is and uses, read from its tokens (the engine has parsed it, or will refuse it).

    Attributes:
        kind: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, or ``""`` when
            no form follows the prologue.
        update: The first keyword after the prologue is an update's.
        variables: Every variable named, without ``?``.
        projected: The variables a SELECT returns.
        star: The SELECT returns ``*``.
        projection_end: Where a SELECT's projection ends in the text.
        order: The keys of a SELECT's closing ``ORDER BY``, as ``(variable,
            ascending, of its STR)``, when each is a variable, ``ASC``/``DESC``
            of one or ``STR`` of one and nothing but a comment follows; else ().
        order_start: Where that ``ORDER BY`` starts in the text.
        services: The endpoints of ``SERVICE`` clauses (``?var`` for a variable one).
        datasets: ``(keyword, IRI)`` of each ``FROM`` and ``FROM NAMED`` clause.
    """

    kind: str
    update: bool
    variables: frozenset[str]
    projected: frozenset[str]
    star: bool
    projection_end: int
    order: tuple[tuple[str, bool, bool], ...]
    order_start: int
    services: tuple[str, ...]
    datasets: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, sparql: str) -> _Shape:
        tokens = [(m.lastgroup, m.group(), m.start()) for m in _TOKENS.finditer(sparql) if m.lastgroup not in ("space", "comment")]
        prefixes: dict[str, str] = {}
        base = ""
        i = 0
        while i < len(tokens):  # the prologue: BASE and PREFIX declarations
            word = tokens[i][1].upper() if tokens[i][0] == "word" else ""
            if word == "BASE" and i + 1 < len(tokens):
                base = urljoin(base, tokens[i + 1][1][1:-1])
                i += 2
            elif word == "PREFIX" and i + 2 < len(tokens):
                prefixes[tokens[i + 1][1][:-1]] = urljoin(base, tokens[i + 2][1][1:-1])
                i += 3
            else:
                break
        first = tokens[i][1].upper() if i < len(tokens) and tokens[i][0] == "word" else ""

        def iri(j: int) -> str | None:
            if j >= len(tokens):
                return None
            kind, text, _ = tokens[j]
            if kind == "iri":
                return urljoin(base, text[1:-1])
            if kind == "pname":
                prefix, _, local = text.partition(":")
                return prefixes.get(prefix, f"{prefix}:") + re.sub(r"\\(.)", r"\1", local)
            return text if kind == "var" else None

        services, datasets = [], []
        for j, (kind, text, _) in enumerate(tokens):
            word = text.upper() if kind == "word" else ""
            if word == "SERVICE":
                k = j + 2 if j + 1 < len(tokens) and tokens[j + 1][1].upper() == "SILENT" else j + 1
                services.append(iri(k) or "?")
            elif word == "FROM":
                named = j + 1 < len(tokens) and tokens[j + 1][1].upper() == "NAMED"
                target = iri(j + 2 if named else j + 1)
                if target is not None:
                    datasets.append(("FROM NAMED" if named else "FROM", target))
        projected, star, end = set(), False, len(sparql)
        if first == "SELECT":
            depth, j = 0, i + 1
            while j < len(tokens):
                kind, text, start = tokens[j]
                if depth == 0 and (text == "{" or (kind == "word" and text.upper() in ("WHERE", "FROM"))):
                    end = start
                    break
                depth += {"(": 1, ")": -1}.get(text, 0)
                if text == "*" and depth == 0:
                    star = True
                elif kind == "var" and (depth == 0 or tokens[j - 1][1].upper() == "AS"):
                    projected.add(text[1:])
                j += 1
        order, order_start = _closing_order(tokens) if first == "SELECT" else ((), len(sparql))
        return cls(
            kind=first if first in _FORMS else "",
            update=first in _UPDATES,
            variables=frozenset(text[1:] for kind, text, _ in tokens if kind == "var"),
            projected=frozenset(projected),
            star=star,
            projection_end=end,
            order=order,
            order_start=order_start,
            services=tuple(services),
            datasets=tuple(datasets),
        )


def _closing_order(tokens: list[tuple[str, str, int]]) -> tuple[tuple[tuple[str, bool, bool], ...], int]:
    """The keys and start of a query's closing ``ORDER BY`` (outside every group), or ``((), end)`` when not simple."""
    depth, start = 0, None
    for j, (kind, text, _) in enumerate(tokens):
        depth += {"{": 1, "}": -1}.get(text, 0)
        if depth == 0 and kind == "word" and text.upper() == "ORDER":
            start = j
    end = tokens[-1][2] + len(tokens[-1][1]) if tokens else 0
    if start is None or start + 1 >= len(tokens) or tokens[start + 1][1].upper() != "BY":
        return (), end
    keys, j = [], start + 2
    while j < len(tokens):
        texts = [text.upper() if kind == "word" else text for kind, text, _ in tokens[j:j + 4]]
        if tokens[j][0] == "var":
            keys.append((tokens[j][1][1:], True, False))
            j += 1
        elif len(texts) == 4 and texts[0] in ("ASC", "DESC", "STR") and texts[1] == "(" and tokens[j + 2][0] == "var" and texts[3] == ")":
            keys.append((tokens[j + 2][1][1:], texts[0] != "DESC", texts[0] == "STR"))
            j += 4
        else:  # an expression, LIMIT, OFFSET or VALUES: the engine orders it
            return (), end
    return tuple(keys), tokens[start][2]


def _check_dataset_clause(shape: _Shape, store: GraphStore, source: str) -> None:
    """Refuse ``FROM``/``FROM NAMED`` IRIs that name no graph of the store: reading nothing is not what was meant."""
    for keyword, iri in shape.datasets:
        if iri.lower().startswith("file:"):
            raise FetchRefused(source, f"{keyword} <{iri}> would read a local file", "queries read only the graph given (--graph)")
        if iri not in store.graphs:
            raise FetchRefused(source, f"{keyword} <{iri}> names no graph of the dataset, and beslan-kg fetches nothing",
                               "name one of its graphs (GRAPH ?g { } lists them), or load the data with --graph")


def _substitutions(shape: _Shape, bindings: Mapping[str, str], source: str) -> dict:
    substitutions = {}
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(source, f"cannot bind {name!r}: not a variable name", "give the name without '?', e.g. label")
        # A binding of a variable the query does not use would silently change nothing.
        if name not in shape.variables:
            raise QueryError(source, f"has no variable ?{name} to bind", "check the name against the query")
        substitutions[ox.Variable(name)] = _term(value, name, source)
    return substitutions


def _term(value: str, name: str, source: str) -> ox.NamedNode | ox.Literal:
    """``<…>`` is an IRI, anything else a plain literal: a term, never query text."""
    if len(value) > 1 and value[0] == "<" and value[-1] == ">":
        iri = value[1:-1]
        # The characters RDF 1.1 forbids in an IRI: such a value is a typo, not a term.
        if iri and not re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
            try:
                return ox.NamedNode(iri)
            except ValueError:
                pass
        raise QueryError(source, f"?{name} is not a valid IRI: {value}", "give <scheme:...> without spaces or quotes")
    return ox.Literal(value)


def _malformed(err: SyntaxError, sparql: str, source: str) -> QueryError:
    message = str(err)
    match = re.match(r"error at (\d+):(\d+): ?(.*)", message, re.S)
    if not match:
        return QueryError(source, f"cannot be parsed: {message.splitlines()[0][:200]}", "fix the query")
    line, column = int(match[1]), int(match[2])
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if line <= len(lines) else ""
    found = text[column - 1: column + 19] if column <= len(text) else ""
    problem = f"unexpected {found.strip()!r}" if found.strip() else "unexpected end of query"
    # Among what the parser expected are its own sentences ("Prefix not found"): those say more.
    said = [item for item in re.split(r",\s*", match[3].removeprefix("expected one of ").replace("\n", " "))
            if re.fullmatch(r"[A-Z][\w*]*(?: [\w*]+){2,}", item.strip())]
    if said:
        problem += f" ({said[0].strip()})"
    return QueryError(source, f"malformed SPARQL at line {line}, column {column}: {problem}", "fix the query")


def _failed(err: Exception, shape: _Shape, source: str) -> QueryError:
    reason = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
    if shape.services:
        return QueryError(source, f"the SERVICE endpoint <{shape.services[0]}> did not answer: {reason}",
                          "check the endpoint's URL and that it speaks the SPARQL protocol")
    return QueryError(source, f"failed while running: {reason}", "simplify the query")


# --------------------------------------------------------------------------
# Terms as text


class _Names:
    """Display strings of terms: IRIs with the first prefix (in the store's order) that gives a plain local name."""

    _MAX_CACHED = 200_000

    def __init__(self, prefixes: tuple[tuple[str, str], ...]) -> None:
        self.prefixes = prefixes
        bound = [(prefix, ns) for prefix, ns in prefixes if prefix]
        self._prefix = [prefix for prefix, _ in bound]
        # Python tries the alternatives in order: the first namespace that starts the IRI
        # and leaves a plain local name wins, as a loop over the prefixes would find.
        pattern = "|".join(f"(?P<p{i}>{re.escape(ns)})(?=[\\w./-]*\\Z)" for i, (_, ns) in enumerate(bound))
        self._regex = re.compile(pattern) if pattern else None
        self._cache: dict[str, str] = {}

    def display(self, term) -> str | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            return f"{term.value}@{term.language}" if term.language else term.value
        if isinstance(term, ox.BlankNode):
            return term.value
        return str(term)

    def iri(self, text: str) -> str:
        shown = self._cache.get(text)
        if shown is None:
            match = self._regex.match(text) if self._regex else None
            if match is None:
                shown = text
            else:
                index = int(match.lastgroup[1:])
                shown = f"{self._prefix[index]}:{text[match.end():]}"
            if len(self._cache) >= self._MAX_CACHED:
                self._cache.clear()
            self._cache[text] = shown
        return shown


def _names_of(store: GraphStore) -> _Names:
    names = store.__dict__.get("_names")
    if names is None or names.prefixes != store.prefixes:
        names = store.__dict__["_names"] = _Names(store.prefixes)
    return names


def _n3(term) -> str:
    """A term as rdflib's ``n3()`` writes it: the TSV results form, and the sort key of triples."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        quoted = _quote(term.value)
        if term.language:
            return f"{quoted}@{term.language}"
        datatype = term.datatype.value
        return quoted if datatype == _XSD_STRING else f"{quoted}^^<{datatype}>"
    return str(term)


def _quote(value: str) -> str:
    # rdflib's Literal._quote_encode: a value with a line break goes in triple quotes.
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


def _triple_key(triple) -> tuple[str, ...]:
    # n3() is unique per term and orders IRIs, blank nodes and literals alike.
    return tuple(_n3(term) for term in triple)


def _datatype(term: ox.Literal) -> str | None:
    """The datatype rdflib gives a literal: none for a plain or language-tagged one."""
    if term.language:
        return None
    datatype = term.datatype.value
    return None if datatype == _XSD_STRING else datatype


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
        return _graph_text(answer, fmt if fmt in GRAPH_FORMATS else "turtle")
    if fmt not in RESULT_FORMATS:
        raise ConfigError(f"format {fmt!r}", f"is not a format of {answer.kind} results", "use csv, tsv, json or xml")
    return {"csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt](answer)


def _graph_text(answer: Answer, fmt: str) -> str:
    # The export serialisers, on an rdflib graph of the triples: the same answer gives the same text in every run.
    from rdflib import BNode, Graph, Literal, URIRef

    from beslan_kg.rdf.io import to_bytes

    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        datatype = _datatype(node)
        return Literal(node.value, lang=node.language, datatype=URIRef(datatype) if datatype else None)

    graph = Graph()
    for prefix, ns in answer._names.prefixes if answer._names else ():
        if prefix:
            graph.bind(prefix, ns)
    for triple in answer._terms:
        graph.add(tuple(term(node) for node in triple))
    return to_bytes(graph, fmt).decode("utf-8")


def _csv(answer: Answer) -> str:
    out = io.StringIO()
    if answer.kind == "ASK":
        # The SPARQL 1.1 TSV form, comma-separated: rdflib's CSV serialiser takes SELECT results only.
        return "_askResult\r\n" + ("true" if answer.boolean else "false") + "\r\n"
    writer = csv.writer(out, delimiter=",")
    writer.writerow(answer.columns)
    for row in answer._terms:
        writer.writerow(["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value for t in row])
    return out.getvalue()


def _tsv(answer: Answer) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in N-Triples syntax (rdflib parses TSV results but writes none)."""
    if answer.kind == "ASK":
        return "?_askResult\n" + ("true" if answer.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in answer.columns)]
    for row in answer._terms:
        lines.append("\t".join("" if t is None else _escape_tsv(_n3(t)) for t in row))
    return "\n".join(lines) + "\n"


def _escape_tsv(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _json(answer: Answer) -> str:
    # As rdflib's JSON results serialiser writes it, key order included.
    if answer.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(answer.boolean)}, allow_nan=False, ensure_ascii=False)
    # Terms repeat from row to row (an event, a measure, a language): each is encoded once.
    encoded: dict = {}
    bindings = []
    for row in answer._terms:
        binding = {}
        for name, t in zip(answer.columns, row):
            if t is None:
                continue
            value = encoded.get(t)
            if value is None:
                value = encoded[t] = _json_term(t)
            binding[name] = value
        bindings.append(binding)
    return json.dumps({"results": {"bindings": bindings}, "head": {"vars": list(answer.columns)}}, allow_nan=False, ensure_ascii=False)


def _json_term(t) -> dict[str, str]:
    if isinstance(t, ox.Literal):
        value = {"type": "literal", "value": t.value}
        datatype = _datatype(t)
        if datatype:
            value["datatype"] = datatype
        if t.language:
            value["xml:lang"] = t.language
        return value
    return {"type": "uri" if isinstance(t, ox.NamedNode) else "bnode", "value": t.value}


def _xml(answer: Answer) -> str:
    """SPARQL 1.1 XML results, written with the SAX calls of rdflib's serialiser."""
    out = io.BytesIO()
    writer = XMLGenerator(out, "utf-8")
    writer.startDocument()
    writer.startPrefixMapping("", _SPARQL_XML)
    writer.startPrefixMapping("xml", _XML)

    def start(name: str, attrs: dict | None = None, qnames: dict | None = None) -> None:
        writer.startElementNS((_SPARQL_XML, name), name, AttributesNSImpl(attrs or {}, qnames or {}))

    def end(name: str) -> None:
        writer.endElementNS((_SPARQL_XML, name), name)

    start("sparql")
    start("head")
    for column in answer.columns if answer.kind == "SELECT" else ():
        start("variable", {(None, "name"): column}, {(None, "name"): "name"})
        end("variable")
    end("head")
    if answer.kind == "ASK":
        start("boolean")
        writer.characters("true" if answer.boolean else "false")
        end("boolean")
    else:
        start("results")
        for row in answer._terms:
            start("result")
            for name, t in zip(answer.columns, row):
                if t is None:
                    continue
                start("binding", {(None, "name"): name}, {(None, "name"): "name"})
                if isinstance(t, ox.Literal):
                    if t.language:
                        attrs, qnames = {(_XML, "lang"): t.language}, {(_XML, "lang"): "xml:lang"}
                    else:
                        datatype = _datatype(t)
                        attrs, qnames = ({(None, "datatype"): datatype}, {(None, "datatype"): "datatype"}) if datatype else ({}, {})
                    start("literal", attrs, qnames)
                    writer.characters(t.value)
                    end("literal")
                else:
                    element = "uri" if isinstance(t, ox.NamedNode) else "bnode"
                    start(element)
                    writer.characters(t.value)
                    end(element)
                end("binding")
            end("result")
        end("results")
    end("sparql")
    writer.endDocument()
    return out.getvalue().decode("utf-8")


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
