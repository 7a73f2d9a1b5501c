"""RDF terms as N-Triples text: what the build produces and the writers read.

The build makes its quads as tuples of four strings, each term in its
N-Triples form (``<iri>``, ``"text"@en``, ``"12"^^<…#nonNegativeInteger>``;
the graph ``""`` for the default graph). Strings are cheap to make, hash,
sort and write, and they keep every literal exactly as built: no store
between the records and the files turns an ``xsd:nonNegativeInteger`` into an
``xsd:integer`` or rewrites a lexical form.

Terms sort as strings; a quad's tuple order (subject, predicate, object,
graph) is the canonical order of every output (see :mod:`beslan_kg.rdf.writers`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote

#: The datatypes of XML Schema.
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Prefixes of the Turtle, TriG and JSON-LD outputs, in the order they are written.
PREFIXES: Mapping[str, str] = {
    "article": "https://w3id.org/beslan-kg/article/",
    "bkg": "https://w3id.org/beslan-kg/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "figure": "https://w3id.org/beslan-kg/figure/",
    "graph": "https://w3id.org/beslan-kg/graph/",
    "id": "https://w3id.org/beslan-kg/id/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "statement": "https://w3id.org/beslan-kg/statement/",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": XSD,
}

# Characters a literal's text cannot hold as they are in N-Triples, Turtle and TriG.
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# Characters an IRI may not hold (RFC 3987 and the IRIREF production), percent-encoded where IRIs are minted.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
# A prefixed name's local part written without escapes: letters, digits, _ and -, no dot at either end.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR_BACK = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def iri(value: str) -> str:
    """Return the N-Triples term of an IRI; characters no IRI may hold are percent-encoded."""
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), value)
    return f"<{value}>"


def local_iri(namespace: str, local: str) -> str:
    """Return the term of ``namespace + local``, percent-encoding what the local part may not hold."""
    return iri(namespace + local)


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(lambda m: _ECHAR.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}", text)


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """Return the N-Triples term of a literal: plain (``xsd:string``), language-tagged, or typed by IRI."""
    body = f'"{_escape(text)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != XSD_STRING:
        return f"{body}^^<{datatype}>"
    return body


def typed(text: str, xsd_name: str) -> str:
    """Return ``"text"^^xsd:name`` as an N-Triples term."""
    return literal(text, datatype=XSD + xsd_name)


def is_iri(term: str) -> bool:
    """Tell whether a term is an IRI (rather than a literal or a blank node)."""
    return term.startswith("<")


def iri_value(term: str) -> str:
    """Return the IRI an IRI term holds."""
    return unescape(term[1:-1]) if "\\" in term else term[1:-1]


@lru_cache(maxsize=4096)
def _split_literal(term: str) -> tuple[str, str | None, str | None]:
    end = term.rindex('"')
    text = term[1:end]
    rest = term[end + 1:]
    if rest.startswith("@"):
        return text, rest[1:], None
    if rest.startswith("^^"):
        return text, None, rest[3:-1]
    return text, None, None


def split_literal(term: str) -> tuple[str, str | None, str | None]:
    """Return a literal term's escaped text, language tag and datatype IRI (None when absent)."""
    if len(term) > 200:
        # Long texts (sentences) are seen once or twice: not worth a cache slot.
        return _split_literal.__wrapped__(term)
    return _split_literal(term)


def literal_value(term: str) -> tuple[str, str | None, str]:
    """Return a literal term's text (unescaped), language tag and datatype IRI (``xsd:string`` or ``rdf:langString`` when implicit)."""
    text, lang, datatype = split_literal(term)
    return unescape(text), lang, datatype or (RDF_LANGSTRING if lang else XSD_STRING)


def unescape(text: str) -> str:
    """Undo N-Triples escapes (``\\n``, ``\\"``, ``\\u00E9``...)."""
    if "\\" not in text:
        return text

    def back(m: re.Match) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _ECHAR_BACK.get(m.group(3), m.group(3))

    return _UNESCAPE.sub(back, text)


class Compactor:
    """Write IRIs as prefixed names where a prefix covers them and the rest is a plain local name.

    The local part must be letters, digits, ``_``, ``-`` and inner dots:
    anything else (``#char=1,5``, ``event/siege``) keeps the full IRI, so
    no reader has to undo escapes. The longest namespace wins.
    """

    def __init__(self, prefixes: Mapping[str, str] = PREFIXES) -> None:
        self.prefixes = dict(prefixes)
        self._by_length = sorted(((ns, p) for p, ns in self.prefixes.items()), key=lambda item: -len(item[0]))
        self._cache: dict[str, str | None] = {}
        self._terms: dict[str, str] = {}
        #: The compacted text of a term :meth:`term` has seen, or None: ``known(t) or term(t)`` is ``term(t)``.
        self.known = self._terms.get

    def prefixed(self, value: str) -> str | None:
        """Return ``prefix:local`` for an IRI (its text, not its term), or None."""
        found = self._cache.get(value, False)
        if found is False:
            found = None
            for namespace, prefix in self._by_length:
                if value.startswith(namespace):
                    local = value[len(namespace):]
                    if local == "" or _PLAIN_LOCAL.fullmatch(local):
                        found = f"{prefix}:{local}"
                    break
            if len(self._cache) < 100_000:
                self._cache[value] = found
        return found

    def term(self, term: str) -> str:
        """Return a term as Turtle writes it: a prefixed name where possible, else as in N-Triples."""
        found = self._terms.get(term)
        if found is not None:
            return found
        if term.startswith("<"):
            found = self.prefixed(term[1:-1]) or term
        elif term.endswith(">") and "^^<" in term:
            text, _, datatype = term.rpartition("^^")
            name = self.prefixed(datatype[1:-1])
            found = f"{text}^^{name}" if name else term
        else:
            return term
        if len(self._terms) < 200_000:
            self._terms[term] = found
        return found
