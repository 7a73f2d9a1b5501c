"""A spaCy component that finds the knowledge base's names in a Doc."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from beslan_kg.kb import KBEntry, load_kb, strip_accents

#: Span label of a demonym ("Russian", "chechenos"); never an entity.
DEMONYM = "DEMONYM"
#: ``doc.spans`` key under which demonyms are kept for the relation step.
DEMONYM_KEY = "demonyms"


class KBGazetteer:
    """Find knowledge-base names and make them the Doc's entities.

    Names match case-sensitively, so the acronym "UN" never matches the
    Spanish article "un"; names of two tokens or more also match in any case
    ("la Matanza de Beslán"). Each name also matches without its accents.
    A match wins over an overlapping entity of the statistical model, and
    carries the entry's key as ``ent_id_`` and its kind as the label.
    """

    def __init__(self, nlp: Language, name: str, *, kb_path: str | None = None) -> None:
        self.name = name
        self.kb = load_kb(Path(kb_path) if kb_path else None)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.demonyms = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in self.kb.values():
            self._add(nlp, entry)

    def _add(self, nlp: Language, entry: KBEntry) -> None:
        names = {variant for name in entry.all_names() for variant in (name, strip_accents(name))}
        docs = [nlp.make_doc(name) for name in sorted(names)]
        self.exact.add(entry.key, docs)
        self.folded.add(entry.key, [doc for doc in docs if len(doc) > 1])
        demonyms = {v for names in entry.demonyms.values() for n in names for v in (n, strip_accents(n))}
        if demonyms:
            self.demonyms.add(entry.key, [nlp.make_doc(name) for name in sorted(demonyms)])

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """Return the knowledge-base entities and the demonyms found in ``doc``."""
        vocab = doc.vocab
        found = [
            Span(doc, start, end, label=self.kb[vocab.strings[key]].kind, span_id=key)
            for matcher in (self.exact, self.folded)
            for key, start, end in matcher(doc)
        ]
        demonyms = [Span(doc, start, end, label=DEMONYM, span_id=key) for key, start, end in self.demonyms(doc)]
        return filter_spans(found), filter_spans(demonyms)

    def set_annotations(self, doc: Doc, matches: tuple[list[Span], list[Span]]) -> None:
        """Write the matches as entities (winning overlaps) and demonym spans."""
        entities, demonyms = matches
        taken = {i for span in entities for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = sorted(kept + entities, key=lambda span: span.start)
        doc.spans[DEMONYM_KEY] = [d for d in demonyms if not taken.intersection(range(d.start, d.end))]

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("beslan_gazetteer", default_config={"kb_path": None})
def make_gazetteer(nlp: Language, name: str, kb_path: str | None) -> KBGazetteer:
    """Build the :class:`KBGazetteer` from ``kb_path`` (the bundled KB if None)."""
    return KBGazetteer(nlp, name, kb_path=kb_path)
