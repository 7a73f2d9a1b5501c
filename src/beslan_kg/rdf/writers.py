"""Deterministic, streaming writers of N-Quads, Turtle, TriG and JSON-LD from N-Triples terms.

Every output of ``beslan-kg build`` is written here, from the quads
:mod:`beslan_kg.rdf.build` makes (tuples of N-Triples terms, see
:mod:`beslan_kg.rdf.terms`), never through a store: a store may rewrite a
literal (Oxigraph's turns ``xsd:nonNegativeInteger`` into ``xsd:integer``),
and rdflib's serialisers took most of a build's time (a namespace trie whose
cost grew with the square of the text spans, a JSON-LD compaction that walks
the graph several times).

The canonical order is the order of the terms' N-Triples text: quads sorted
by subject, predicate, object and graph. :func:`iter_sorted` sorts any number
of quads in bounded memory (sorted runs spilled to temporary files and
merged), so a corpus of any size is written with only one run in memory.

- **N-Quads**: one quad a line, sorted: the canonical form, for diffs and bulk loads.
- **Turtle** and **JSON-LD**: the union of the graphs, one block (node) per
  subject in that order, with the prefixes of :data:`~beslan_kg.rdf.terms.PREFIXES`.
- **TriG**: the default graph, then each article's graph by IRI, each sorted.

JSON-LD is compacted with the project's context (``ontology/context.jsonld``),
which is embedded so that the file parses offline. The compaction is the one
the context asks for, written directly: a property takes the context's term
whose coercion fits its values (``"@type": "@id"`` for IRIs, a datatype for
literals of that type, ``"@container": "@language"`` for language-tagged
text), else a term without coercion, else its prefixed IRI with values in
expanded form.
"""

from __future__ import annotations

import heapq
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import groupby
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, ContextManager

from beslan_kg.rdf.terms import PREFIXES, RDF_TYPE, Compactor, is_iri, iri_value, literal_value, split_literal, unescape

Quad = tuple[str, str, str, str]
Triple = tuple[str, str, str]

#: Quads held in memory at once while sorting; more are spilled to sorted runs on disk.
SORT_RUN = 400_000
#: N-Quads lines written at once.
_LINES = 8192
#: Entries a writer's memo of compacted terms holds at most (memory stays bounded on any corpus).
_MEMO = 200_000
#: Values longer than this (in characters of N-Triples) are not memoised.
_MEMO_TEXT = 200


class QuadSorter:
    """Collect quads in any order; give them back unique and in canonical order, in bounded memory.

    Args:
        run: Quads sorted in memory at once; past that, each sorted run is
            written to a temporary file and the runs are merged.
        folder: Where to spill runs (the system's temporary folder by default).
    """

    def __init__(self, *, run: int = SORT_RUN, folder: str | os.PathLike | None = None) -> None:
        self.run = run
        self.folder = folder
        self._buffer: list[Quad] = []
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._runs: list[Path] = []

    def add(self, quad: Quad) -> None:
        """Take one quad."""
        self._buffer.append(quad)
        if len(self._buffer) >= self.run:
            self._spill()

    def _spill(self) -> None:
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="tmp-sort-", dir=self.folder)
        self._runs.append(_spill(_unique(sorted(self._buffer)), Path(self._tmp.name) / f"run-{len(self._runs)}"))
        self._buffer = []

    def __iter__(self) -> Iterator[Quad]:
        """Yield the unique quads in canonical order (once); temporary files are removed at the end."""
        try:
            if not self._runs:
                quads, self._buffer = self._buffer, []
                # Not sorted(set(...)): the quads come graph by graph, each graph sorted, and the sort
                # merges such runs several times faster than it sorts the random order of a set.
                yield from _unique(sorted(quads))
                return
            if self._buffer:
                self._spill()
            handles = [path.open(encoding="utf-8", newline="\n") for path in self._runs]
            try:
                # The runs' lines are merged as they are: lines sort as their quads do (a tab, which
                # ends a term, and the line break, which ends the quad, sort before every character of
                # a term), so each line is split once, not compared as a tuple at every step of the merge.
                for line in _unique(heapq.merge(*handles)):
                    s, p, o, g = line[:-1].split("\t")
                    yield s, p, o, g
            finally:
                for handle in handles:
                    handle.close()
        finally:
            self.close()

    def close(self) -> None:
        """Remove the temporary runs."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        self._runs, self._buffer = [], []


def iter_sorted(quads: Iterable[Quad], *, run: int = SORT_RUN, folder: str | os.PathLike | None = None) -> Iterator[Quad]:
    """Yield the unique quads in canonical order, holding at most ``run`` of them in memory (see :class:`QuadSorter`)."""
    sorter = QuadSorter(run=run, folder=folder)
    for quad in quads:
        sorter.add(quad)
    yield from sorter


def _spill(quads: list[Quad], path: Path) -> Path:
    # Terms hold no raw tab or line break (both are escaped), so a tab separates them.
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines("\t".join(q) + "\n" for q in quads)
    return path


def _unique(items: Iterable) -> Iterator:
    """The items, in their order, without the repeats (which, the items being sorted, follow their first)."""
    previous = None
    for item in items:
        if item != previous:
            yield item
            previous = item


def iter_union(sorted_quads: Iterable[Quad]) -> Iterator[Triple]:
    """Yield the triples of the union of the graphs, in order, from quads in canonical order."""
    previous = None
    for s, p, o, _ in sorted_quads:
        triple = (s, p, o)
        if triple != previous:
            yield triple
            previous = triple


def nquads_line(quad: Quad) -> str:
    """Return one quad as an N-Quads line (the default graph's quads have three terms)."""
    s, p, o, g = quad
    return f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n"


class NQuadsWriter:
    """Write quads, given in canonical order, as N-Quads."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def write(self, quad: Quad) -> None:
        """Write one quad."""
        self.handle.write(nquads_line(quad).encode("utf-8"))


def _prefix_lines(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes.items())


def _block(subject: str, pairs: list[tuple[str, str]], names: Compactor, indent: str) -> str:
    """One subject's triples in Turtle: ``a`` first, then the predicates in order, each object list in order."""
    known, term = names.known, names.term
    by_predicate: dict[str, list[str]] = {}
    for p, o in pairs:
        # The compacted text of most terms is known already: a dictionary look-up, not a call.
        text = known(o) or term(o)
        objects = by_predicate.get(p)
        if objects is None:
            by_predicate[p] = [text]
        else:
            objects.append(text)
    order = sorted(by_predicate)
    if RDF_TYPE in by_predicate:  # "a" first
        order.remove(RDF_TYPE)
        order.insert(0, RDF_TYPE)
    between = f",\n{indent}        "
    lines = [f"{'a' if p == RDF_TYPE else known(p) or term(p)} {between.join(by_predicate[p])}" for p in order]
    return f"{indent}{known(subject) or term(subject)} " + f" ;\n{indent}    ".join(lines) + " .\n"


class _BySubject:
    """A writer of triples given in canonical order, one block (node) per subject."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.subject: str | None = None
        self.pairs: list[tuple[str, str]] = []

    def write(self, triple: Triple) -> None:
        """Write one triple (buffered until its subject's block is complete)."""
        s, p, o = triple
        if s != self.subject:
            self._flush()
            self.subject = s
        self.pairs.append((p, o))

    def _flush(self) -> None:
        if self.subject is not None and self.pairs:
            self._emit(self.subject, self.pairs)
        self.subject, self.pairs = None, []

    def _emit(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        raise NotImplementedError


class TurtleWriter(_BySubject):
    """Write triples, given in canonical order, as Turtle: one block per subject, blank line between."""

    def __init__(self, handle: IO[bytes], prefixes: Mapping[str, str] = PREFIXES) -> None:
        super().__init__(handle)
        self.names = Compactor(prefixes)
        handle.write(_prefix_lines(prefixes).encode("utf-8"))

    def close(self) -> None:
        """Write the last block."""
        self._flush()

    def _emit(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        self.handle.write(("\n" + _block(subject, pairs, self.names, "")).encode("utf-8"))


def write_trig(graphs: Iterable[tuple[str, Iterable[Triple]]], handle: IO[bytes], prefixes: Mapping[str, str] = PREFIXES) -> None:
    """Write graphs as TriG, each as given (the default graph's name is ``""``; triples in canonical order)."""
    names = Compactor(prefixes)
    handle.write(_prefix_lines(prefixes).encode("utf-8"))
    for graph, triples in graphs:
        parts = [f"\n{names.term(graph) + ' ' if graph else ''}{{\n"]
        for subject, group in groupby(triples, key=lambda t: t[0]):
            parts.append(_block(subject, [(p, o) for _, p, o in group], names, "    "))
        parts.append("}\n")
        handle.write("".join(parts).encode("utf-8"))


class JsonLdWriter(_BySubject):
    """Write triples, given in canonical order, as compacted JSON-LD: one node per subject, one line each, under ``@graph``."""

    def __init__(self, handle: IO[bytes], context: Mapping, prefixes: Mapping[str, str] = PREFIXES) -> None:
        super().__init__(handle)
        self.context = _Context(context)
        self.names = Compactor({p: ns for p, ns in context.items() if isinstance(ns, str) and not p.startswith("@")} or prefixes)
        self.first = True
        # What a property's values compact to, as JSON text, by (predicate, values): most recur (a type, an
        # article, a measure, an offset), and compacting and encoding them again was most of this writer's cost.
        self._compacted: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, str], ...]] = {}
        head = json.dumps({"@context": context}, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write((head[: head.rindex("}")].rstrip() + ',\n  "@graph": [').encode("utf-8"))

    def close(self) -> None:
        """Write the last node and close the document."""
        self._flush()
        self.handle.write(("\n  ]\n}\n" if not self.first else "]\n}\n").encode("utf-8"))

    def _emit(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        self.handle.write((("\n    " if self.first else ",\n    ") + self._node_text(subject, pairs)).encode("utf-8"))
        self.first = False

    def _id(self, term: str) -> str:
        if not is_iri(term):
            return term  # a blank node keeps its label: "_:b0"
        return self.names.prefixed(iri_value(term)) or iri_value(term)

    def _node_text(self, subject: str, pairs: list[tuple[str, str]]) -> str:
        """One subject's node as ``json.dumps(node, sort_keys=True, ensure_ascii=False)`` writes it, from memoised members."""
        members = {"@id": '"@id": ' + _json_string(self._id(subject))}
        by_predicate: dict[str, list[str]] = {}
        for p, o in pairs:
            by_predicate.setdefault(p, []).append(o)
        types = by_predicate.pop(RDF_TYPE, [])
        iri_types = [self._id(t) for t in types if is_iri(t)]
        if iri_types:
            members["@type"] = '"@type": ' + _json(iri_types[0] if len(iri_types) == 1 else sorted(iri_types))
        if len(iri_types) != len(types):
            by_predicate[RDF_TYPE] = [t for t in types if not is_iri(t)]
        memo = self._compacted
        for p, objects in by_predicate.items():
            key = (p, tuple(objects))
            parts = memo.get(key)
            if parts is None:
                parts = tuple((name, f"{_json_string(name)}: {_json(value)}")
                              for name, value in self.context.compact(iri_value(p), objects, self))
                if len(memo) < _MEMO and sum(map(len, objects)) < _MEMO_TEXT:
                    memo[key] = parts  # not a sentence's text, seen once: the memo would only hold it
            for name, text in parts:
                members[name] = text
        # json.dumps's own layout: members sorted by key, ", " between them.
        return "{" + ", ".join([members[name] for name in sorted(members)]) + "}"


class _Context:
    """The terms of a JSON-LD context, by the IRI they stand for."""

    def __init__(self, context: Mapping) -> None:
        prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}

        def expand(value: str) -> str:
            prefix, sep, local = value.partition(":")
            return prefixes[prefix] + local if sep and prefix in prefixes else value

        self.terms: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for term, definition in sorted(context.items()):
            if not isinstance(definition, dict) or "@id" not in definition:
                continue
            coercion = definition.get("@type")
            self.terms.setdefault(expand(definition["@id"]), []).append(
                (term, expand(coercion) if coercion and coercion != "@id" else coercion, definition.get("@container")))

    def compact(self, predicate: str, objects: list[str], writer: JsonLdWriter) -> Iterator[tuple[str, object]]:
        """Yield ``(key, value)`` for the values of one property: under the terms that fit them, the rest under the IRI."""
        left = list(objects)
        for term, coercion, container in self.terms.get(predicate, ()):
            fits = [o for o in left if _fits(o, coercion, container)]
            if not fits:
                continue
            left = [o for o in left if o not in fits]
            if container == "@language":
                by_lang: dict[str, list[str]] = {}
                for o in fits:
                    by_lang.setdefault(literal_value(o)[1], []).append(literal_value(o)[0])
                yield term, {lang: _one(sorted(values)) for lang, values in sorted(by_lang.items())}
            elif coercion == "@id":
                yield term, _one(sorted(writer._id(o) for o in fits))
            elif coercion is not None:
                yield term, _one(sorted(literal_value(o)[0] for o in fits))
            else:
                yield term, _one(_sorted_values(_expanded(o, writer) for o in fits))
            if not left:
                return
        if left:
            key = writer.names.prefixed(predicate) or predicate
            yield key, _one(_sorted_values(_expanded(o, writer) for o in left))


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _json_string(text: str) -> str:
    # What json.dumps(text, ensure_ascii=False) gives, without its per-call set-up.
    return encode_basestring(text)


def _fits(term: str, coercion: str | None, container: str | None) -> bool:
    if container == "@language":
        return not is_iri(term) and not term.startswith("_:") and split_literal(term)[1] is not None
    if coercion == "@id":
        return is_iri(term)
    if coercion is not None:
        return not is_iri(term) and not term.startswith("_:") and literal_value(term)[2] == coercion
    return container is None


def _expanded(term: str, writer: JsonLdWriter):
    if is_iri(term) or term.startswith("_:"):
        return {"@id": writer._id(term)}
    text, lang, datatype = split_literal(term)
    text = unescape(text)
    if lang:
        return {"@language": lang, "@value": text}
    if datatype:
        return {"@type": writer.names.prefixed(datatype) or datatype, "@value": text}
    return text


def _sorted_values(values: Iterable) -> list:
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def _one(values: list):
    return values[0] if len(values) == 1 else values


#: The files :func:`write_graph_files` writes, by format.
GRAPH_FILES = {"turtle": "graph.ttl", "trig": "graph.trig", "nquads": "graph.nq", "jsonld": "graph.jsonld"}


def write_graph_files(
    graphs: Iterable[tuple[str, list[Triple]]],
    opener: Callable[[str], ContextManager[IO[bytes]]],
    *,
    context: Mapping,
    names: Mapping[str, str] = GRAPH_FILES,
    on_triple: Callable[[Triple], None] | None = None,
    between: Callable[[], None] | None = None,
    sort_folder: str | os.PathLike | None = None,
) -> int:
    """Write a dataset, graph by graph, in every format of ``names``, in two streaming passes.

    The graphs (default graph first, then the named graphs in order, each
    sorted) are written as TriG as they come and handed to a
    :class:`QuadSorter`; the sorted quads then give N-Quads, and their union
    Turtle and JSON-LD, in one pass.

    Args:
        graphs: ``(graph term, sorted triples)``, as :func:`beslan_kg.rdf.build.iter_graphs` yields them.
        opener: Opens a file of the output set for writing by name (a context manager).
        context: The JSON-LD context to compact with and embed.
        names: The file name of each format.
        on_triple: Also called with each triple of the union, in order.
        between: Called between the two passes (TriG written, the rest not yet).
        sort_folder: Where the sorter may spill.

    Returns:
        The number of triples in the union of the graphs.
    """
    sorter = QuadSorter(folder=sort_folder)

    def feed() -> Iterator[tuple[str, list[Triple]]]:
        for graph, triples in graphs:
            for s, p, o in triples:
                sorter.add((s, p, o, graph))
            yield graph, triples

    try:
        with opener(names["trig"]) as trig:
            write_trig(feed(), trig)
        if between is not None:
            between()
        count = 0
        with opener(names["nquads"]) as nq, opener(names["turtle"]) as ttl, opener(names["jsonld"]) as jsonld:
            turtle, compacted = TurtleWriter(ttl), JsonLdWriter(jsonld, context)
            # The union's triples are grouped by subject here, once, for both writers of blocks
            # (what their write() does each), and the N-Quads lines written a batch at a time.
            lines: list[str] = []
            previous = subject = None
            pairs: list[tuple[str, str]] = []
            for quad in sorter:
                lines.append(nquads_line(quad))
                if len(lines) >= _LINES:
                    nq.write("".join(lines).encode("utf-8"))
                    lines = []
                triple = quad[:3]
                if triple != previous:
                    if triple[0] != subject:
                        if pairs:
                            turtle._emit(subject, pairs)
                            compacted._emit(subject, pairs)
                        subject, pairs = triple[0], []
                    pairs.append((triple[1], triple[2]))
                    if on_triple is not None:
                        on_triple(triple)
                    count += 1
                    previous = triple
            if pairs:
                turtle._emit(subject, pairs)
                compacted._emit(subject, pairs)
            nq.write("".join(lines).encode("utf-8"))
            turtle.close()
            compacted.close()
    finally:
        sorter.close()
    return count
