"""A graph's triples kept as N-Triples terms, for reading a few of its properties fast: what a build's view reads."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import BNode, URIRef
from rdflib.term import Node

from beslan_kg.rdf.io import to_node


class TermIndex:
    """Triples kept as their N-Triples terms, by predicate and subject, and read as rdflib nodes.

    The view reads a handful of properties of the whole graph, each in one
    pass (:func:`beslan_kg.rdf.network.to_graph_data`). An rdflib graph
    indexes every triple three ways and makes each of its terms into a node
    as it is added, which was most of what the view cost a build. Here a
    triple costs two dictionary entries, and only the terms of the
    properties read become nodes, each distinct term once.

    It answers the lookups :func:`~beslan_kg.rdf.network.to_graph_data`
    makes, as an rdflib graph would, in the order the triples were added:
    ``subjects(p, o)``, ``objects(s, p)``, ``subject_objects(p)``,
    ``value(s, p)`` and ``(s, p, o) in index``.
    """

    def __init__(self) -> None:
        # A subject's objects of a predicate: the one term itself while there is one (most: an offset, a
        # label, an article), a list from the second on. A list of one would be 64 bytes more a triple:
        # more than a third of the index of a corpus.
        self._by_predicate: dict[str, dict[str, str | list[str]]] = {}
        self._by_object: dict[str, dict[str, str | list[str]]] = {}
        self._nodes: dict[str, Node] = {}
        self._terms: dict[Node, str] = {}
        # Each distinct term's text once: the writers read every triple's terms anew, and most
        # terms recur (a subject per property, a class, a shared object), which halves the index.
        self._texts: dict[str, str] = {}
        self._count = 0

    def add(self, triple: tuple[str, str, str]) -> None:
        """Add one triple of N-Triples terms (each triple once)."""
        same = self._texts.setdefault
        s, p, o = triple
        s, p, o = same(s, s), same(p, p), same(o, o)
        by_subject = self._by_predicate.get(p)
        if by_subject is None:
            by_subject = self._by_predicate[p] = {}
        _put(by_subject, s, o)
        if self._by_object:
            self._by_object.pop(p, None)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """Each ``(subject, object)`` of a predicate."""
        node = self._node
        for s, objects in self._by_predicate.get(self._term(predicate), {}).items():
            subject = node(s)
            for o in _each(objects):
                yield subject, node(o)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """The objects of a subject's predicate."""
        found = self._by_predicate.get(self._term(predicate), {}).get(self._term(subject), ())
        return (self._node(o) for o in _each(found))

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """The subjects that have a predicate with this object."""
        p = self._term(predicate)
        by_object = self._by_object.get(p)
        if by_object is None:
            by_object = self._by_object[p] = {}
            for s, objects in self._by_predicate.get(p, {}).items():
                for o in _each(objects):
                    _put(by_object, o, s)
        return (self._node(s) for s in _each(by_object.get(self._term(obj), ())))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of a subject's predicate (the first added), or None."""
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        s, p, o = (self._term(node) for node in triple)
        return o in _each(self._by_predicate.get(p, {}).get(s, ()))

    def _node(self, term: str) -> Node:
        node = self._nodes.get(term)
        if node is None:
            node = self._nodes[term] = to_node(term)
            if not term.startswith('"'):
                self._terms[node] = term
        return node

    def _term(self, node: Node) -> str:
        term = self._terms.get(node)
        if term is not None:
            return term
        if isinstance(node, URIRef):
            return f"<{node}>"
        if isinstance(node, BNode):
            return f"_:{node}"
        return node.n3()


def _put(table: dict[str, str | list[str]], key: str, term: str) -> None:
    """Add ``term`` to the entry of ``key``: the term itself while it is the only one, then a list."""
    found = table.get(key)
    if found is None:
        table[key] = term
    elif found.__class__ is str:
        table[key] = [found, term]
    else:
        found.append(term)


def _each(found: str | list[str] | tuple[()]) -> list[str] | tuple[str, ...]:
    """The terms of an entry of the index: one term, or a list of them."""
    return (found,) if found.__class__ is str else found
