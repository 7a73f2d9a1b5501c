"""A spaCy component that finds the hand-written knowledge base's names in a Doc."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from beslan_kg.kb import KBEntry, fold, load_kb, strip_accents
from beslan_kg.nlp.normalise import lexicon
from beslan_kg.nlp.rules import load_rules

#: Span label of a demonym ("Russian", "chechenos"); never an entity.
DEMONYM = "DEMONYM"
#: ``doc.spans`` key under which demonyms are kept for the relation step.
DEMONYM_KEY = "demonyms"
#: ``doc.spans`` key of known names inside a longer known name ("Beslan" in
#: "Escuela Nº1 de Beslán"), which state where the named thing is, and of
#: demonyms inside one ("ruso" in "Gobierno ruso"), which state whose it is.
INNER_KEY = "kb_inner"
#: Span group of the model's names of things made that a known organisation's name opens ("Facebook Live").
MADE_KEY = "kb_made"
#: The endings of a possessive ("the minister's", "Peru’s"), as the tokenizer splits them off.
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


class GazetteerMatches(NamedTuple):
    """What :meth:`KBGazetteer.match` found."""

    entities: list[Span]
    demonyms: list[Span]
    inner: list[Span]


class KBGazetteer:
    """Find knowledge-base names and make them the Doc's entities.

    Names match case-sensitively, so the acronym "UN" never matches the
    Spanish article "un"; names of two tokens or more also match in any case
    ("la Matanza de Beslán"). Each name also matches without its accents, and
    a place's name in capitals, as datelines write it.
    A match wins over an overlapping entity of the statistical model, and
    carries the entry's key as ``ent_id_`` and its kind as the label. A
    town's name inside a division's ("the Nazran district", "el distrito de
    Nazrán") is not the town: the whole phrase becomes an unlinked place.
    """

    def __init__(self, nlp: Language, name: str, *, kb_path: str | None = None) -> None:
        self.name = name
        self.kb = load_kb(Path(kb_path) if kb_path else None)
        rules = load_rules(nlp.lang)
        self.divisions = frozenset(fold(w) for w in rules.get("division_nouns", ()))
        self.of_words = frozenset(fold(w) for w in rules.get("of_words", ()))
        self.determiners = frozenset(fold(w) for w in (rules.get("anaphora") or {}).get("determiners", ()))
        self.coordinators = frozenset(fold(w) for w in rules.get("coordinators", ()))
        self.kinds = {label: kinds[0] for label, kinds in rules["entity_labels"].items()}
        # Head words of documents' names ("Ley", "Constitution"): a known name inside one names the document.
        self.documents = frozenset(fold(w) for w in (rules.get("kind_heads") or {}).get("Thing", ()))
        # Head words of bodies' names ("Court", "Tribunal"): a known place before one is part of the name.
        self.bodies = frozenset(fold(w) for w in (rules.get("kind_heads") or {}).get("Organization", ()))
        # "Jr.", "hijo": a known person's name before one names the son or the father, another person.
        self.suffixes = frozenset(fold(w) for w in rules.get("name_suffixes") or ())
        # Titles and role nouns: a place before one is the place the office is of ("Moscow Mayor ...").
        self.titles = frozenset(fold(w) for w in (*rules.get("name_titles", ()), *rules.get("person_nouns", ()), *rules.get("portfolio_titles", ())))
        # The model's labels of things made ("Facebook Live" tagged a work): a known maker's name may open one.
        self.products = frozenset(rules.get("product_labels", ()))
        # Words after an organisation's name that say when, not what ("Facebook Monday removed ...").
        dates = lexicon(nlp.lang)
        self.calendar = frozenset(fold(w) for w in (*dates.all_months, *dates.all_weekdays))
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.demonyms = PhraseMatcher(nlp.vocab, attr="LOWER")
        # The generated table's names are looked up by beslan_kg.nlp.linker:
        # phrase patterns for tens of thousands of names take seconds to build.
        for entry in self.kb.values():
            if not entry.generated:
                self._add(nlp, entry)

    def _add(self, nlp: Language, entry: KBEntry) -> None:
        names = {variant for name in entry.all_names() for variant in (name, strip_accents(name))}
        if entry.kind == "Place":
            # Datelines write the place in capitals ("MOSCOW, July 10 —", "MOSCÚ, 31 de marzo").
            names |= {name.upper() for name in names}
        docs = [nlp.make_doc(name) for name in sorted(names)]
        self.exact.add(entry.key, docs)
        self.folded.add(entry.key, [doc for doc in docs if len(doc) > 1])
        demonyms = {v for names in entry.demonyms.values() for n in names for v in (n, strip_accents(n))}
        if demonyms:
            self.demonyms.add(entry.key, [nlp.make_doc(name) for name in sorted(demonyms)])

    def match(self, doc: Doc) -> GazetteerMatches:
        """Return the knowledge-base entities, the demonyms, and the names inside longer names."""
        vocab = doc.vocab
        found = [
            Span(doc, start, end, label=self.kb[vocab.strings[key]].kind, span_id=key)
            for matcher in (self.exact, self.folded)
            for key, start, end in matcher(doc)
            if not self._suffixed(doc, key, end)
        ]
        demonyms = [Span(doc, start, end, label=DEMONYM, span_id=key) for key, start, end in self.demonyms(doc)]
        # A division takes a word beside the name, which may be another name's: overlaps are filtered again.
        entities = filter_spans([self._division(span) or self._document(span) or span for span in filter_spans(found)])
        inner = {
            (span.start, span.end, span.id): span
            for span in found
            for outer in entities
            if outer.start <= span.start and span.end <= outer.end and (span.start, span.end) != (outer.start, outer.end)
        }
        return GazetteerMatches(entities, filter_spans(demonyms), [inner[k] for k in sorted(inner)])

    def _suffixed(self, doc: Doc, key: int, end: int) -> bool:
        """Tell whether a known person's name is followed by a generational suffix ("Donald Trump Jr."): another person's name."""
        if end >= len(doc) or self.kb[doc.vocab.strings[key]].kind != "Person":
            return False
        comma = doc[end].text == "," and end + 1 < len(doc)
        following = doc[end + 1] if comma else doc[end]
        if fold(following.text) not in self.suffixes:
            return False
        # "Jr.", "III"; a lower-case "hijo" right after the name, not "X, padre de la víctima".
        after = doc[following.i + 1] if following.i + 1 < len(doc) else None
        return following.text[:1].isupper() or (not comma and (after is None or fold(after.text) not in self.of_words))

    def _division(self, span: Span) -> Span | None:
        """Return the division a town's name stands in ("Nazran district"), as an unlinked place."""
        if self.kb[span.id_].ontology_class != "Settlement":
            return None
        doc = span.doc
        if span.end < len(doc) and fold(doc[span.end].text) in self.divisions:
            return Span(doc, span.start, span.end + 1, label="Place")
        if span.start >= 2 and fold(doc[span.start - 1].text) in self.of_words and fold(doc[span.start - 2].text) in self.divisions:
            return Span(doc, span.start - 2, span.end, label="Place")
        return None

    def _document(self, span: Span) -> Span | None:
        """Return the document a known name is part of the name of ("Ley de Amnistía", "the Amnesty Law"), as an unlinked thing.

        A capitalised head word of a document's name (the ``Thing`` words of
        ``kind_heads``) before the name and an of-word, or right after it:
        the law is named after the thing, it does not mention it.
        """
        doc = span.doc

        def head(token) -> bool:
            return token.text[:1].isupper() and fold(token.text) in self.documents

        start = span.start - 1
        while start > 0 and fold(doc[start].text) in self.determiners:
            start -= 1
        if start >= 1 and fold(doc[start].text) in self.of_words and head(doc[start - 1]):
            return Span(doc, start - 1, span.end, label="Thing")
        if span.end < len(doc) and head(doc[span.end]):
            return Span(doc, span.start, span.end + 1, label="Thing")
        return None

    def _in_organisation_name(self, span: Span, ents_by_end: Mapping[int, Span], ents_by_start: Mapping[int, Span]) -> bool:
        """Tell whether a known place ends or begins the name of an organisation the model found.

        "Servicio Geológico de los Estados Unidos", "Ministry of Health of
        Spain", "the United States Supreme Court": the place is part of what
        the organisation is called, so the model's name stays whole and the
        place is only an inner name. Before the rest of the name, only when
        that rest is capitalised and ends in a word that says the whole is a
        body ("Court", "Department of Commerce"; not "the Russia Today"-like names the place opens). A
        known organisation, before a body's head word (see :meth:`_opens_body_name`).
        """
        if span.label_ not in ("Place", "Organization"):
            return False
        doc = span.doc
        if span.label_ == "Organization":
            return self._opens_body_name(span, ents_by_start) or self._of_in_body_name(span, ents_by_start) \
                or self._opens_product_name(span, ents_by_start)
        ent = ents_by_end.get(span.end)
        if ent is not None and ent.start < span.start and self.kinds.get(ent.label_) == "Organization":
            before = [t for t in doc[ent.start : span.start] if fold(t.text) not in self.determiners]
            return bool(before) and fold(before[-1].text) in self.of_words and len(before) > 1
        start = span.start
        while start > 0 and start not in ents_by_start and fold(doc[start - 1].text) in self.determiners:
            start -= 1  # the model often takes the article in ("The United States Supreme Court")
        ent = ents_by_start.get(start)
        if ent is not None and ent.end > span.end and self.kinds.get(ent.label_) == "Organization":
            rest = [t for t in doc[span.end : ent.end] if fold(t.text) not in self.determiners]
            words = [t for t in rest if fold(t.text) not in self.of_words]
            # Its head word last ("Supreme Court") or before its of-word ("Department of Commerce").
            of = next((i for i, t in enumerate(rest) if fold(t.text) in self.of_words), None)
            head = rest[of - 1] if of else rest[-1] if rest else None
            return bool(words) and all(t.text[:1].isupper() for t in words) and head is not None and fold(head.text) in self.bodies
        return False

    def _opens_product_name(self, span: Span, ents_by_start: Mapping[int, Span]) -> bool:
        """Tell whether a known organisation opens the name of a thing the model found: what it makes ("Facebook Live").

        The rest of the model's name is capitalised proper nouns, none of
        them a title or role ("Facebook CEO"), a body's, a document's or a
        division's head word, a month or a weekday: the whole is the
        product's name, and the organisation's an inner one.
        """
        ent = ents_by_start.get(span.start)
        if span.label_ != "Organization" or ent is None or ent.end <= span.end or ent.label_ not in self.products:
            return False
        rest = ent.doc[span.end : ent.end]
        return all(t.pos_ == "PROPN" and t.text[:1].isupper() and fold(t.text) not in self._not_product_words for t in rest)

    @cached_property
    def _not_product_words(self) -> frozenset[str]:
        """The words that make what follows a known organisation's name no product's name (see :meth:`_opens_product_name`)."""
        return self.titles | self.bodies | self.documents | self.divisions | self.calendar

    def _opens_body_name(self, span: Span, ents_by_start: Mapping[int, Span]) -> bool:
        """Tell whether a known organisation opens the name of one of its bodies the model found.

        "the United Nations Office", "the European Union Agency for Asylum":
        a body's head word right after the known name makes the whole the
        body's name, and the known name an inner one.
        """
        doc, start = span.doc, span.start
        while start > 0 and start not in ents_by_start and fold(doc[start - 1].text) in self.determiners:
            start -= 1
        ent = ents_by_start.get(start)
        if ent is None or ent.end <= span.end or self.kinds.get(ent.label_) != "Organization":
            return False
        head = doc[span.end]
        return head.text[:1].isupper() and fold(head.text) in self.bodies and doc[ent.end - 1].text[:1].isupper()

    def _of_in_body_name(self, span: Span, ents_by_start: Mapping[int, Span]) -> bool:
        """Tell whether a known organisation follows an of-word inside a body's name the model found.

        "el Consejo de Seguridad de las Naciones Unidas", "the Office of the
        United Nations High Commissioner for Refugees": the body the model
        named whole is of the known one, whose name is an inner one (and a
        mention of it where the body is one of its own, see
        :mod:`beslan_kg.nlp.entities`). Only after capitalised words of the
        model's name.
        """
        doc, start = span.doc, span.start
        # The model's name the known one stands inside, found from its own words: listing doc.ents
        # for each known name would be quadratic in the length of the text.
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        ent = ents_by_start.get(start) if start < span.start else None
        if ent is None or ent.end < span.end or self.kinds.get(ent.label_) != "Organization":
            return False
        before = [t for t in doc[ent.start : span.start] if fold(t.text) not in self.determiners]
        return len(before) > 1 and fold(before[-1].text) in self.of_words and before[0].text[:1].isupper() \
            and any(t.text[:1].isupper() for t in before[:-1])

    def _given_name(self, span: Span, ents_by_start: Mapping[int, Span]) -> bool:
        """Tell whether a known place opens a person's name the model found, as the person's given name.

        "Francia Márquez", "Santiago Abascal", "Paris Hilton": a place's
        name before one or two capitalised proper nouns, all one person's
        name to the model, is the person's first name. Not after a
        preposition ("in Nairobi Raila Odinga said" ran two names into one),
        and not before a title ("Moscow Mayor Sergei Sobyanin").
        """
        ent = ents_by_start.get(span.start)
        doc = span.doc
        if span.label_ != "Place" or ent is None or self.kinds.get(ent.label_) != "Person" or not 1 <= ent.end - span.end <= 2:
            return False
        if span.start > 0 and doc[span.start - 1].pos_ == "ADP":
            return False
        rest = doc[span.end : ent.end]
        return all(t.pos_ == "PROPN" and t.text[:1].isupper() and fold(t.text) not in self.titles for t in rest)

    def set_annotations(self, doc: Doc, matches: GazetteerMatches) -> None:
        """Write the matches as entities (winning overlaps), demonym spans and inner names."""
        entities, demonyms, inner = matches
        # The model's entities do not overlap: one at most ends at each token.
        ents_by_end = {ent.end: ent for ent in doc.ents}
        ents_by_start = {ent.start: ent for ent in doc.ents}
        inside_names = [span for span in entities if self._in_organisation_name(span, ents_by_end, ents_by_start)]
        doc.spans[MADE_KEY] = [ents_by_start[span.start] for span in inside_names if self._opens_product_name(span, ents_by_start)]
        entities = [span for span in entities if span not in inside_names and not self._given_name(span, ents_by_start)]
        inner = sorted(inner + inside_names, key=lambda span: (span.start, span.end))
        taken = {i for span in entities for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        kept += [piece for ent in doc.ents if taken.intersection(range(ent.start, ent.end)) for piece in self._owners(ent, taken)]
        doc.ents = sorted(kept + entities, key=lambda span: span.start)
        doc.spans[DEMONYM_KEY] = [d for d in demonyms if not taken.intersection(range(d.start, d.end))]
        # A demonym inside a known name ("Gobierno ruso") still says whose it is.
        inside = [d for d in demonyms if taken.issuperset(range(d.start, d.end))]
        doc.spans[INNER_KEY] = sorted(inner + inside, key=lambda span: (span.start, span.end))

    def _owners(self, ent: Span, taken: set[int]) -> list[Span]:
        """Return the names a model entity holds beside a known name, across a possessive or a conjunction.

        "Elon Musk's Twitter" tagged one person: the known "Twitter" wins,
        and "Elon Musk", its owner, is a name of its own ("Twitter's Elon
        Musk" likewise). "the World Health Organization and Human Rights
        Watch" tagged one body: the known "Human Rights Watch" wins, and the
        name on the other side of "and" is a name of its own.
        """
        doc, pieces = ent.doc, []
        inside = [i for i in range(ent.start, ent.end) if i in taken]
        first, last = inside[0], inside[-1] + 1
        if first - ent.start >= 2 and is_possessive(doc[first - 1]) and taken.isdisjoint(range(ent.start, first)):
            pieces.append(Span(doc, ent.start, first - 1, label=ent.label_))
        elif first - ent.start >= 2 and fold(doc[first - 1].text) in self.coordinators and taken.isdisjoint(range(ent.start, first)):
            pieces += self._named_run(ent, ent.start, first - 1)
        if ent.end - last >= 2 and is_possessive(doc[last]) and taken.isdisjoint(range(last, ent.end)):
            pieces.append(Span(doc, last + 1, ent.end, label=ent.label_))
        elif ent.end - last >= 2 and fold(doc[last].text) in self.coordinators and taken.isdisjoint(range(last, ent.end)):
            pieces += self._named_run(ent, last + 1, ent.end)
        return pieces

    def _named_run(self, ent: Span, start: int, end: int) -> list[Span]:
        """Return ``doc[start:end]`` of the model's entity as a name of its label, less its articles, if it opens with a capital."""
        doc = ent.doc
        while start < end and fold(doc[start].text) in self.determiners:
            start += 1
        return [Span(doc, start, end, label=ent.label_)] if start < end and doc[start].text[:1].isupper() else []

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def is_possessive(token) -> bool:
    """Tell whether a token is a possessive ending the tokenizer split off a name ("'s", "’")."""
    return token.tag_ == "POS" or token.text in POSSESSIVES


@Language.factory("beslan_gazetteer", default_config={"kb_path": None})
def make_gazetteer(nlp: Language, name: str, kb_path: str | None) -> KBGazetteer:
    """Build the :class:`KBGazetteer` from ``kb_path`` (the bundled KB if None)."""
    return KBGazetteer(nlp, name, kb_path=kb_path)
