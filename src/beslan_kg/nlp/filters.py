"""A spaCy component that keeps noise out of the Doc's entities.

Small statistical models tag adverbs ("Rápidamente"), clauses ("La operación
fue caótica"), dates and demonyms as entities. The filter judges each entity
the model proposed by its part of speech, length, casing and label, relabels
the ones it keeps with their schema.org kind, and keeps the rejected ones in
``doc.spans["rejected"]`` (label = reason) so the decisions can be inspected.
Entities found by the gazetteer are trusted and never filtered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from beslan_kg.kb import fold, load_kb
from beslan_kg.nlp.rules import load_rules
from beslan_kg.records import KINDS

#: ``doc.spans`` key of the entities the filter rejected.
REJECTED_KEY = "rejected"
#: ``doc.spans`` key of the kept model entities, with the model's own label.
MODEL_LABELS_KEY = "model_labels"


class EntityFilter:
    """Drop noisy entities and relabel the rest with their kind.

    Args:
        lang: The language whose rules (``ontology/rules/<lang>.yaml``) apply.
    """

    def __init__(self, nlp: Language, name: str, *, lang: str | None = None) -> None:
        self.name = name
        rules = load_rules(lang or nlp.lang)
        self.labels: Mapping[str, list[str]] = rules["entity_labels"]
        filters: Mapping[str, Any] = rules["filters"]
        self.max_tokens = int(filters["max_tokens"])
        self.bad_first_pos = set(filters["bad_first_pos"])
        self.bad_pos = set(filters["bad_pos"])
        self.stop_words = {fold(w) for w in filters.get("stop_words", ())}
        self.demonyms = {
            fold(name) for entry in load_kb().values() for names in entry.demonyms.values() for name in names
        }

    def judge(self, span: Span) -> str | None:
        """Return why ``span`` is not an entity, or None if it is one."""
        if span.ent_id_ or span.label_ in KINDS:
            return None
        if span.label_ not in self.labels:
            return f"label {span.label_}"
        words = [t for t in span if not t.is_punct]
        if not words:
            return "no words"
        if len(span) > self.max_tokens:
            return "too long"
        if fold(span.text) in self.demonyms:
            return "demonym"
        if span[0].pos_ in self.bad_first_pos:
            return f"starts with {span[0].pos_}"
        if any(t.pos_ in self.bad_pos for t in span):
            return "contains a verb"
        if any(t.like_num or t.is_digit for t in span):
            return "contains a number"
        if not any(t.text[:1].isupper() for t in words):
            return "lower case"
        if not any(t.pos_ == "PROPN" for t in span):
            return "no proper noun"
        if any(fold(t.text) in self.stop_words for t in words):
            return "stop word"
        return None

    def match(self, doc: Doc) -> list[tuple[Span, str | None]]:
        """Return each entity of ``doc`` with the reason to reject it (None keeps it)."""
        return [(ent, self.judge(ent)) for ent in doc.ents]

    def set_annotations(self, doc: Doc, decisions: list[tuple[Span, str | None]]) -> None:
        """Keep the accepted entities, relabelled with their kind; record the rest."""
        kept, rejected, model = [], [], []
        for span, reason in decisions:
            if reason is not None:
                rejected.append(Span(doc, span.start, span.end, label=reason))
            elif span.label_ in KINDS:
                kept.append(span)
            else:
                kept.append(Span(doc, span.start, span.end, label=self.labels[span.label_][0]))
                model.append(span)
        doc.ents = kept
        doc.spans[REJECTED_KEY] = rejected
        doc.spans[MODEL_LABELS_KEY] = model

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("beslan_entity_filter", default_config={"lang": None})
def make_entity_filter(nlp: Language, name: str, lang: str | None) -> EntityFilter:
    """Build the :class:`EntityFilter` for ``lang`` (the pipeline's language if None)."""
    return EntityFilter(nlp, name, lang=lang)
