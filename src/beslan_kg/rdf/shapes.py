"""The shapes' check of every graph a build writes: SHACL compiled to SPARQL, run on pyoxigraph.

pySHACL on rdflib takes about a millisecond a triple (most of a 200-article
build), so a build checks its graph here instead, in two parts, and calls on
pySHACL only when this check finds something (:func:`beslan_kg.build.run_build`
then leaves out what each violation is about, as :mod:`beslan_kg.rdf.repair`
says, and writes the graph again):

1. **Literals, in Python, as the triples stream past** (:meth:`ShapesCheck.add`).
   Every ``sh:datatype`` constraint (and ``sh:or`` of datatypes) on a
   property is held by every literal of that property, whatever its subject:
   stricter than the shapes, which ask it only of their targets. Every
   literal of a datatype a store reads by value (numbers, booleans, dates and
   times) must have its canonical lexical form, and no two values of one
   property of one node may differ by their integer datatype alone.
2. **Everything else, in SPARQL on a pyoxigraph store** holding the graph
   (the union of its graphs) and the ontology (:meth:`ShapesCheck.violations`):
   each constraint of ``ontology/shapes.ttl`` (targets, ``sh:minCount``,
   ``sh:maxCount``, ``sh:class``, ``sh:nodeKind``, ``sh:pattern``, ``sh:in``,
   ``sh:hasValue``, ``sh:uniqueLang``, ``sh:lessThan(OrEquals)``, qualified
   value shapes, ``sh:or`` of node shapes, and SPARQL constraints) becomes
   one query that selects the nodes violating it. Before the queries run, the
   instances of each class the shapes name and the focus nodes of each shape
   are marked in the store (private predicates), so that a query finds them by
   one look-up rather than walking ``rdf:type/rdfs:subClassOf*`` for each node.

Why the split: a pyoxigraph store keeps numbers, booleans and dates by value,
so ``"12"^^xsd:nonNegativeInteger`` comes back as ``"12"^^xsd:integer``
(and ``"012"`` as ``"12"``). Part 1 checks exactly what part 2 cannot see,
and once it has passed (canonical forms only), the store's values are the
graph's. The check is sound for conformance: whatever it passes, pySHACL
passes. Where it cannot decide (a SHACL feature the shapes file uses and this
module does not compile, a literal it does not know), it reports a problem,
and the build asks pySHACL, which decides.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from beslan_kg.rdf.terms import XSD, literal_value

_SHACL = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: Graphs larger than this (as N-Triples, in bytes) are checked in a store on disk rather than in memory.
IN_MEMORY_BYTES = 150_000_000
#: Literals part 1 keeps what it found of (by property and literal), at most: memory stays bounded on any graph.
LITERALS_KEPT = 200_000
#: Triples the store on disk takes in one bulk load: Oxigraph's bulk loader holds about 1 KB a
#: triple of what it is given, so a whole large graph at once would take gigabytes.
LOAD_CHUNK_LINES = 250_000

_INTEGERS = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1), "long": (-2**63, 2**63 - 1),
    "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}
# Datatypes a store reads by value (their lexical forms may come back rewritten): numbers, booleans, dates and times.
_BY_VALUE = {XSD + n for n in (*_INTEGERS, "decimal", "float", "double", "boolean", "dateTime", "dateTimeStamp", "date",
                               "time", "gYear", "gYearMonth", "gMonth", "gMonthDay", "gDay", "duration",
                               "dayTimeDuration", "yearMonthDuration")}
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
# Node and property shape predicates this module knows; any other sh: term in a shape makes the check undecided.
_KNOWN = {_SHACL + n for n in (
    "targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode", "property", "path", "minCount", "maxCount",
    "datatype", "class", "nodeKind", "pattern", "flags", "in", "hasValue", "uniqueLang", "lessThan", "lessThanOrEquals",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "or", "sparql", "name", "description", "message",
    "severity", "deactivated", "order", "group", "minLength", "maxLength", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "languageIn", "declare", "prefixes")}


class Undecided(Exception):
    """The shapes use something this module does not compile: pySHACL must decide."""


@dataclass(frozen=True)
class _Query:
    """One compiled constraint: a SELECT of the nodes (and values) that violate it."""

    shape: str
    message: str
    text: str


#: The private predicate that marks the focus nodes of a shape in the check's own store.
_TARGET = "urn:x-beslan-kg:shapes-check:target"
#: The private predicate that marks each instance of a class the shapes name (``?x a/rdfs:subClassOf* C``):
#: found once, then read with one look-up by each target and ``sh:class`` that names the class.
_CLASS = "urn:x-beslan-kg:shapes-check:class"
_INSTANCE_OF = f"<{_RDF}type>/<{_RDFS}subClassOf>*"


@dataclass(frozen=True)
class _Compiled:
    # The WHERE pattern selecting ?this, the focus nodes, of each node shape: marked once, before the queries run.
    targets: tuple[str, ...]
    queries: tuple[_Query, ...]
    # Property IRI -> the sets of datatypes its literals must each be one of (one set per constraint).
    datatypes: dict[str, tuple[frozenset[str], ...]]
    undecided: str | None
    # The classes (as terms) whose instances are marked with _CLASS before the targets are.
    classes: tuple[str, ...] = ()


class ShapesCheck:
    """Check a graph against the shapes, while it is being written.

    Part 1 is fed the union's triples in canonical order (:meth:`add`); part 2
    is fed every triple, in any order, duplicates allowed (:meth:`load`), and
    runs in a thread of its own from :meth:`start` (pyoxigraph lets go of
    Python while it loads and queries, so the check costs little more than
    the other core's time while the files are written), its queries on a
    thread per core (one for a graph on disk). :meth:`violations` waits for
    both.

    Args:
        shapes_file: The shapes (``ontology/shapes.ttl`` by default).
        scratch: A folder for the check's temporary files (the system's by default).
    """

    def __init__(self, shapes_file: str | os.PathLike | None = None, *, scratch: str | os.PathLike | None = None) -> None:
        from beslan_kg.rdf.validate import shapes_path

        self.shapes_file = Path(shapes_file) if shapes_file is not None else shapes_path()
        self.compiled = _compile(self.shapes_file)
        self.problems: list[str] = []
        self.triples = 0
        self._subject: str | None = None
        self._integers: dict[tuple[str, str], str] = {}
        self._literals: dict[tuple[str, str], tuple] = {}
        self._datatypes: dict[str, tuple[frozenset[str], ...]] = {}
        self._folder = tempfile.TemporaryDirectory(prefix="tmp-check-", dir=scratch)
        self._loaded = open(Path(self._folder.name) / "graph.nt", "w", encoding="utf-8", newline="\n")
        self._thread: threading.Thread | None = None
        self._found: list[str] = []
        #: Whether part 2 checks the graph in a store on disk (larger than :data:`IN_MEMORY_BYTES`), from :meth:`start` on.
        self.on_disk = False

    def load(self, triples: Iterable[tuple[str, str, str]]) -> None:
        """Take triples for part 2 (any order; the same triple twice counts once)."""
        lines = " .\n".join(map(" ".join, triples))
        if lines:
            self._loaded.write(lines + " .\n")

    def add(self, triple: tuple[str, str, str]) -> None:
        """Check one triple's literal (part 1); triples come grouped by subject."""
        s, p, o = triple
        self.triples += 1
        if s != self._subject:
            self._subject, self._integers = s, {}
        if o.startswith(("<", "_:")):
            if self._allowed(p):
                self._problem(f"{s} {p} {o}: a literal is due")
            return
        # What a literal breaks depends on its property and itself alone, and most recur (offsets, labels, types).
        found = self._literals.get((p, o))
        if found is None:
            found = self._literal(p, o)
            if len(o) < 200 and len(self._literals) < LITERALS_KEPT:  # a sentence's text is seen once or twice
                self._literals[(p, o)] = found
        before, integer, after = found
        for problem in before:
            self._problem(f"{s} {p} {o}: {problem}")
        if integer is not None:
            # "5"^^xsd:integer and "5"^^xsd:nonNegativeInteger are two values here, one in a store.
            text, datatype = integer
            seen = self._integers.setdefault((p, text), datatype)
            if seen != datatype:
                self._problem(f"{s} {p} {o}: also given as {seen}")
        for problem in after:
            self._problem(f"{s} {p} {o}: {problem}")

    def _allowed(self, p: str) -> tuple[frozenset[str], ...]:
        """The sets of datatypes the literals of property ``p`` (a term) must each be one of."""
        found = self._datatypes.get(p)
        if found is None:
            found = self._datatypes[p] = self.compiled.datatypes.get(p[1:-1]) or ()
        return found

    def _literal(self, p: str, o: str) -> tuple[tuple[str, ...], tuple[str, str] | None, tuple[str, ...]]:
        """What a literal ``o`` of property ``p`` breaks: problems before the integers' check, the value
        that check needs (or None), problems after it."""
        text, lang, datatype = literal_value(o)
        before = []
        if lang is not None and lang != lang.lower():
            before.append("language tag not in lower case")
        if datatype in _BY_VALUE and not _canonical(text, datatype):
            before.append(f"not a valid, canonical {datatype}")
        name = datatype[len(XSD):] if datatype.startswith(XSD) else None
        after = [f"not one of {', '.join(sorted(options))}" for options in self._allowed(p)
                 if datatype not in options or (datatype in _BY_VALUE and not _canonical(text, datatype))]
        return tuple(before), ((text, datatype) if name in _INTEGERS else None), tuple(after)

    def _problem(self, line: str) -> None:
        if len(self.problems) < 100:
            self.problems.append(line)

    def start(self) -> None:
        """Start part 2 on what :meth:`load` took, in a thread."""
        self._loaded.close()
        self.on_disk = (Path(self._folder.name) / "graph.nt").stat().st_size > IN_MEMORY_BYTES
        self._thread = threading.Thread(target=self._run, name="shapes-check", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Wait for part 2 to end (its store let go), keeping what it found for :meth:`violations`."""
        if self._thread is None:
            self.start()
        self._thread.join()

    def violations(self) -> list[str]:
        """Wait for both parts; return one line per problem found (none: the graph conforms)."""
        self.close()
        found = list(self.problems) + self._found
        if self.compiled.undecided:
            found.append(f"{self.shapes_file}: {self.compiled.undecided}: checked by pySHACL")
        return found

    def close(self) -> None:
        """Wait for part 2, and remove the temporary files (also when the build stops on an error)."""
        self.wait()
        self._folder.cleanup()

    def _run(self) -> None:
        try:
            if not self.compiled.undecided:
                self._found = self._query()
        except Exception as err:  # a store that fails leaves the decision to pySHACL
            self._found = [f"the shapes' check could not run ({type(err).__name__}: {str(err)[:200]}): checked by pySHACL"]

    def _query(self) -> list[str]:
        import pyoxigraph

        from beslan_kg.paths import ontology_dir

        folder = Path(self._folder.name)
        big = self.on_disk
        if big:
            store = pyoxigraph.Store(str(folder / "store"))
            for chunk in _iter_chunks(folder / "graph.nt", LOAD_CHUNK_LINES):
                store.bulk_load(input=chunk, format=pyoxigraph.RdfFormat.N_TRIPLES)
        else:
            store = pyoxigraph.Store()
            store.bulk_load(path=str(folder / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.bulk_load(path=str(ontology_dir() / "beslan-kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
        # The classes' instances first (the targets read them), then the focus nodes of each shape.
        marks = [(_CLASS, cls[1:-1], f"?this {_INSTANCE_OF} {cls}") for cls in self.compiled.classes]
        marks += [(_TARGET, f"{_TARGET}-{number}", pattern) for number, pattern in enumerate(self.compiled.targets)]
        for predicate, value, pattern in marks:
            if not big:
                # One call that lets go of Python throughout: the build's writers run beside it.
                store.update(f"INSERT {{ ?this <{predicate}> <{value}> }} WHERE {{ {pattern} }}")
                continue
            # On disk, not an INSERT: an update holds all it adds in memory until it commits (a
            # focus node each, millions); a literal is no subject, as an INSERT would skip it.
            marker, target = pyoxigraph.NamedNode(predicate), pyoxigraph.NamedNode(value)
            focus = [row[0] for row in store.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")
                     if isinstance(row[0], (pyoxigraph.NamedNode, pyoxigraph.BlankNode))]
            for start in range(0, len(focus), LOAD_CHUNK_LINES):
                store.bulk_extend(pyoxigraph.Quad(node, marker, target) for node in focus[start : start + LOAD_CHUNK_LINES])
        # A thread per core the process may use, each taking the next query of one list: the queries are
        # most of the check, and in a build the main thread waits for them once the view is drawn.
        # A graph on disk is checked one query at a time: two of its largest queries at once would hold twice
        # the memory that keeps a large build within bounds.
        queries = list(enumerate(self.compiled.queries))
        answers: dict[int, str] = {}
        failed: list[Exception] = []

        def run(store) -> None:
            while queries and not failed:
                try:
                    number, query = queries.pop()
                except IndexError:
                    return
                try:
                    for row in store.query(query.text):
                        answers[number] = f"{row[0]} {query.shape}: {query.message}"
                        break
                except Exception as err:  # reported by the check's thread, as a query that fails there would be
                    failed.append(err)

        threads = [threading.Thread(target=run, args=(store,), name="shapes-query", daemon=True) for _ in range(1 if big else _cores())]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        del store
        if failed:
            raise failed[0]
        return [answers[number] for number in sorted(answers)]


def _cores() -> int:
    """The cores this process may run on, at most 4 (the check's queries are few and uneven)."""
    from beslan_kg.mapstep import default_workers  # the one count of usable cores, as --workers defaults to it

    return max(1, min(4, default_workers()))


def _iter_chunks(path: Path, lines: int) -> Iterator[bytes]:
    """The file's lines, ``lines`` at a time, each chunk as bytes."""
    with open(path, "rb") as handle:
        while chunk := b"".join(islice(handle, lines)):
            yield chunk


def check_graphs(graphs: Iterable[tuple[str, list[tuple[str, str, str]]]], *, scratch: str | os.PathLike | None = None) -> list[str]:
    """Check a dataset given as ``(graph term, triples)`` (as :func:`beslan_kg.rdf.build.iter_graphs` yields it), as a build does."""
    graphs = list(graphs)
    check = ShapesCheck(scratch=scratch)
    for _, triples in graphs:
        check.load(triples)
    check.start()
    for triple in sorted({t for _, triples in graphs for t in triples}):
        check.add(triple)
    return check.violations()


def _canonical(text: str, datatype: str) -> bool:
    """Tell whether ``text`` is the canonical lexical form of a valid value of ``datatype`` (the types the build writes)."""
    name = datatype[len(XSD):]
    try:
        if name in _INTEGERS:
            if not _CANONICAL_INTEGER.fullmatch(text):
                return False
            low, high = _INTEGERS[name]
            value = int(text)
            return (low is None or value >= low) and (high is None or value <= high)
        if name == "boolean":
            return text in ("true", "false")
        if name == "date":
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and dt.date.fromisoformat(text).isoformat() == text
        if name == "gYearMonth":
            return bool(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text)) and text[:4] != "0000"
        if name == "gYear":
            return bool(re.fullmatch(r"\d{4}", text)) and text != "0000"
        if name == "time":
            return bool(re.fullmatch(r"\d{2}:\d{2}:\d{2}", text)) and dt.time.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
    # A number, date or duration the build never writes: not checked here.
    return False


# ---------------------------------------------------------------- compiling the shapes


@cache
def _compile_cached(path: Path, mtime: float) -> _Compiled:
    return _Compiler(path).run()


def _compile(path: Path) -> _Compiled:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _compile_cached(path, mtime)


class _Compiler:
    def __init__(self, path: Path) -> None:
        from rdflib import RDF, BNode, Literal, URIRef
        from rdflib.collection import Collection
        from rdflib.namespace import SH as RSH

        from beslan_kg.rdf.validate import load_shapes

        self.g = load_shapes(path)
        self.RDF, self.SH, self.BNode, self.Literal, self.URIRef, self.Collection = RDF, RSH, BNode, Literal, URIRef, Collection
        self.queries: list[_Query] = []
        self.targets: list[str] = []
        self.datatypes: dict[str, list[frozenset[str]]] = {}
        self.classes: dict[str, None] = {}

    def run(self) -> _Compiled:
        try:
            for shape in sorted(self._node_shapes(), key=str):
                self._node_shape(shape)
        except Undecided as err:
            return _Compiled((), (), {}, str(err))
        return _Compiled(tuple(self.targets), tuple(self.queries), {p: tuple(sets) for p, sets in self.datatypes.items()}, None,
                         tuple(self.classes))

    def _instance(self, var: str, cls) -> str:
        """The pattern ``var`` is an instance of ``cls`` (its instances are marked before any query runs)."""
        term = _term(cls)
        self.classes.setdefault(term)
        return f"{var} <{_CLASS}> {term} ."

    # ---- reading the shapes graph

    def _node_shapes(self) -> set:
        SH = self.SH
        shapes = set(self.g.subjects(self.RDF.type, SH.NodeShape))
        for predicate in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode, SH.property, SH.sparql):
            shapes.update(self.g.subjects(predicate, None))
        # Shapes only used inside others (members of sh:or, qualified value shapes) have no targets: no query of their own.
        return {s for s in shapes if any(True for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode)
                                         for _ in self.g.objects(s, p))}

    def _active(self, shape) -> bool:
        SH = self.SH
        severity = self.g.value(shape, SH.severity)
        return self.g.value(shape, SH.deactivated) != self.Literal(True) and severity in (None, SH.Violation)

    def _check_known(self, shape) -> None:
        for p in set(self.g.predicates(shape, None)):
            if str(p).startswith(_SHACL) and str(p) not in _KNOWN:
                raise Undecided(f"{self._name(shape)} uses {p}")

    def _name(self, shape) -> str:
        if isinstance(shape, self.URIRef):
            return f"<{shape}>"
        parent = self.g.value(None, self.SH.property, shape)
        path = self.g.value(shape, self.SH.path)
        return f"{self._name(parent)} {self._path_text(path)}" if parent is not None and path is not None else "[]"

    def _path_text(self, path) -> str:
        inverse = self.g.value(path, self.SH.inversePath) if isinstance(path, self.BNode) else None
        return f"^<{inverse}>" if inverse is not None else f"<{path}>"

    def _message(self, shape) -> str:
        messages = sorted(str(m) for m in self.g.objects(shape, self.SH.message))
        return messages[0] if messages else "does not satisfy the shape"

    def _list(self, node) -> list:
        return list(self.Collection(self.g, node))

    # ---- targets

    def _targets(self, shape) -> str:
        SH = self.SH
        parts = []
        for cls in sorted(self.g.objects(shape, SH.targetClass), key=str):
            parts.append(self._instance("?this", cls))
        for prop in sorted(self.g.objects(shape, SH.targetObjectsOf), key=str):
            parts.append(f"?t_s {_term(prop)} ?this .")
        for prop in sorted(self.g.objects(shape, SH.targetSubjectsOf), key=str):
            parts.append(f"?this {_term(prop)} ?t_o .")
        nodes = sorted(self.g.objects(shape, SH.targetNode), key=str)
        if nodes:
            parts.append("VALUES ?this { " + " ".join(_term(n) for n in nodes) + " }")
        self.targets.append(" UNION ".join("{ " + p + " }" for p in parts))
        return f"?this <{_TARGET}> <{_TARGET}-{len(self.targets) - 1}> ."

    # ---- node shapes

    def _node_shape(self, shape) -> None:
        SH = self.SH
        self._check_known(shape)
        if not self._active(shape):
            return
        targets = self._targets(shape)
        name, message = self._name(shape), self._message(shape)
        for prop in sorted(self.g.objects(shape, SH.property), key=str):
            self._property(prop, targets)
        members = list(self.g.objects(shape, SH["or"]))
        for member_list in members:
            options = [self._node_condition(m, "?this") for m in self._list(member_list)]
            self._add(name, message, f"SELECT ?this WHERE {{ {targets} FILTER(!({' || '.join(options)})) }}")
        value = self._value_condition(shape, "?this", skip_or=True)
        if value != "true":
            self._add(name, message, f"SELECT ?this WHERE {{ {targets} FILTER(!({value})) }}")
        for constraint in sorted(self.g.objects(shape, SH.sparql), key=str):
            self._sparql(constraint, targets)

    def _node_condition(self, shape, var: str) -> str:
        """A SPARQL expression true when ``var`` conforms to a shape without targets (a member of sh:or)."""
        SH = self.SH
        self._check_known(shape)
        parts = [self._value_condition(shape, var)]
        for prop in self.g.objects(shape, SH.property):
            self._check_known(prop)
            path = self._pattern(self.g.value(prop, SH.path), var, "?m")
            minimum, maximum = self.g.value(prop, SH.minCount), self.g.value(prop, SH.maxCount)
            if minimum is not None and int(minimum) > 1 or maximum is not None and int(maximum) > 0:
                raise Undecided(f"{self._name(prop)}: counts other than at least one or none inside sh:or")
            if minimum is not None and int(minimum) == 1:
                parts.append(f"EXISTS {{ {path} }}")
            if maximum is not None and int(maximum) == 0:
                parts.append(f"NOT EXISTS {{ {path} }}")
            condition = self._value_condition(prop, "?m")
            if condition != "true":
                parts.append(f"NOT EXISTS {{ {path} FILTER(!({condition})) }}")
            for other in set(self.g.predicates(prop, None)) - {SH.path, SH.minCount, SH.maxCount, SH.name, SH.description,
                                                             SH.message, SH.order, SH.group}:
                if other in (SH.datatype, SH["or"], SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.hasValue,
                             SH.qualifiedValueShape, SH.sparql):
                    raise Undecided(f"{self._name(prop)}: {other} inside sh:or")
        return " && ".join(f"({p})" for p in parts if p != "true") or "true"

    def _value_condition(self, shape, var: str, *, skip_or: bool = False, skip_datatype: bool = False) -> str:
        """A SPARQL expression true when the value ``var`` satisfies a shape's value-type constraints."""
        SH, g = self.SH, self.g
        parts = []
        kind = g.value(shape, SH.nodeKind)
        if kind is not None:
            tests = {"IRI": f"isIRI({var})", "Literal": f"isLiteral({var})", "BlankNode": f"isBlank({var})",
                     "BlankNodeOrIRI": f"!isLiteral({var})", "BlankNodeOrLiteral": f"!isIRI({var})", "IRIOrLiteral": f"!isBlank({var})"}
            parts.append(tests[str(kind)[len(_SHACL):]])
        for pattern in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            parts.append(f"(!isBlank({var}) && REGEX(STR({var}), {_string(str(pattern))}{', ' + _string(str(flags)) if flags else ''}))")
        for values in g.objects(shape, SH["in"]):
            parts.append("(" + " || ".join(f"sameTerm({var}, {_term(v)})" for v in self._list(values)) + ")" if self._list(values) else "false")
        for cls in g.objects(shape, SH["class"]):
            parts.append(f"EXISTS {{ {self._instance(var, cls)} }}")
        for datatype in () if skip_datatype else g.objects(shape, SH.datatype):
            if str(datatype) in _BY_VALUE and str(datatype)[len(XSD):] in _INTEGERS and str(datatype) != XSD + "integer":
                raise Undecided(f"{self._name(shape)}: an integer datatype a store does not keep, on a value")
            parts.append(f"(isLiteral({var}) && datatype({var}) = {_term(datatype)})")
        for key, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
            for bound in g.objects(shape, SH[key]):
                parts.append(f"COALESCE({var} {op} {_term(bound)}, false)")
        for key, op in (("minLength", ">="), ("maxLength", "<=")):
            for bound in g.objects(shape, SH[key]):
                parts.append(f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(bound)})")
        for languages in g.objects(shape, SH.languageIn):
            parts.append("(" + " || ".join(f"LANGMATCHES(LANG({var}), {_string(str(lang))})" for lang in self._list(languages)) + ")")
        if not skip_or:
            for member_list in g.objects(shape, SH["or"]):
                parts.append("(" + " || ".join(f"({self._node_condition(m, var)})" for m in self._list(member_list)) + ")")
        return " && ".join(parts) or "true"

    # ---- property shapes

    def _pattern(self, path, subject: str, value: str) -> str:
        if isinstance(path, self.URIRef):
            return f"{subject} {_term(path)} {value} ."
        inverse = self.g.value(path, self.SH.inversePath) if isinstance(path, self.BNode) else None
        if isinstance(inverse, self.URIRef):
            return f"{value} {_term(inverse)} {subject} ."
        raise Undecided(f"a path other than a property or its inverse ({path})")

    def _property(self, prop, targets: str) -> None:
        SH, g = self.SH, self.g
        self._check_known(prop)
        if not self._active(prop):
            return
        path = g.value(prop, SH.path)
        pattern = self._pattern(path, "?this", "?v")
        forward = isinstance(path, self.URIRef)
        name, message = self._name(prop), self._message(prop)
        add = lambda text: self._add(name, message, text)  # noqa: E731
        minimum = g.value(prop, SH.minCount)
        if minimum is not None and int(minimum) == 1:
            add(f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ {pattern} }} }}")
        elif minimum is not None and int(minimum) > 1:
            add(f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ {pattern} }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(minimum)})")
        maximum = g.value(prop, SH.maxCount)
        if maximum is not None:
            add(f"SELECT ?this WHERE {{ {targets} {pattern} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(maximum)})")
        datatypes = [str(d) for d in g.objects(prop, SH.datatype)]
        or_lists = [self._list(members) for members in g.objects(prop, SH["or"])]
        # An sh:or of datatypes alone is a datatype constraint of several options.
        only_datatypes = [ms for ms in or_lists if all(set(g.predicates(m, None)) <= {SH.datatype} and g.value(m, SH.datatype) for m in ms)]
        for options in [[d] for d in datatypes] + [[str(g.value(m, SH.datatype)) for m in ms] for ms in only_datatypes]:
            if forward:
                self.datatypes.setdefault(str(path), []).append(frozenset(options))
            else:
                add(f"SELECT ?this ?v WHERE {{ {targets} {pattern} }}")  # the values of an inverse path are never literals
        # Datatypes are checked on the literals as they stream past (part 1).
        value = self._value_condition(prop, "?v", skip_or=True, skip_datatype=True)
        if value != "true":
            add(f"SELECT ?this ?v WHERE {{ {targets} {pattern} FILTER(!({value})) }}")
        for members in or_lists:
            if members not in only_datatypes:
                options = " || ".join(f"({self._node_condition(m, '?v')})" for m in members)
                add(f"SELECT ?this ?v WHERE {{ {targets} {pattern} FILTER(!({options})) }}")
        for expected in g.objects(prop, SH.hasValue):
            add(f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ {self._pattern(path, '?this', _term(expected))} }} }}")
        if g.value(prop, SH.uniqueLang) == self.Literal(True):
            other = self._pattern(path, "?this", "?w")
            add(f"SELECT ?this WHERE {{ {targets} {pattern} {other} FILTER(!sameTerm(?v, ?w) && LANG(?v) != \"\" && LANG(?v) = LANG(?w)) }}")
        for key, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for other in g.objects(prop, SH[key]):
                add(f"SELECT ?this ?v WHERE {{ {targets} {pattern} ?this {_term(other)} ?w FILTER(!COALESCE(?v {op} ?w, false)) }}")
        qualified = g.value(prop, SH.qualifiedValueShape)
        if qualified is not None:
            condition = self._node_condition(qualified, "?v")
            low, high = g.value(prop, SH.qualifiedMinCount), g.value(prop, SH.qualifiedMaxCount)
            if low is not None:
                add(f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ {pattern} FILTER({condition}) }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})")
            if high is not None:
                add(f"SELECT ?this WHERE {{ {targets} {pattern} FILTER({condition}) }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})")
        for constraint in g.objects(prop, SH.sparql):
            raise Undecided(f"{name}: a SPARQL constraint on a property shape ({constraint})")

    # ---- SPARQL constraints

    def _sparql(self, constraint, targets: str) -> None:
        SH, g = self.SH, self.g
        if g.value(constraint, SH.deactivated) == self.Literal(True):
            return
        select = g.value(constraint, SH.select)
        if select is None:
            raise Undecided(f"{constraint}: a SPARQL constraint without sh:select")
        text = str(select)
        if re.search(r"\$(?!this\b)\w", text):
            raise Undecided(f"{constraint}: pre-bound variables other than $this")
        prefixes = []
        for source in g.objects(constraint, SH.prefixes):
            for declaration in g.objects(source, SH.declare):
                prefixes.append(f"PREFIX {g.value(declaration, SH.prefix)}: <{g.value(declaration, SH.namespace)}>")
        inner = text.replace("$this", "?this")
        self._add(self._name(constraint), self._message(constraint),
                  "\n".join(prefixes) + f"\nSELECT ?this WHERE {{ {targets} {{ {inner} }} }}")

    def _add(self, shape: str, message: str, text: str) -> None:
        self.queries.append(_Query(shape, message, text + " LIMIT 1" if "LIMIT" not in text.upper().split("}")[-1] else text))


def _term(node) -> str:
    from rdflib import Literal, URIRef

    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Undecided(f"a blank node where a term is due ({node})")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def iter_queries(shapes_file: str | os.PathLike | None = None) -> Iterator[str]:
    """Yield the SPARQL of each compiled constraint (for tests and for reading)."""
    from beslan_kg.rdf.validate import shapes_path

    yield from (q.text for q in _compile(Path(shapes_file) if shapes_file else shapes_path()).queries)
