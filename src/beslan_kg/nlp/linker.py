"""A spaCy component that links names to the generated knowledge base.

The hand-written entries of ``kb.yaml`` are few and are found by the
gazetteer's phrase matchers. The generated table holds tens of thousands of
names: building phrase matchers for them costs seconds a run, so they are
looked up instead, by folded name, over the spans that may be names: the
model's entities and runs of capitalised proper nouns.

A name often fits several entries ("London" in England and in Ontario;
"Shell" twice). The linker keeps only candidates of the kind the text gives
(the model's label; a word such as "city" or "provincia" next to the name),
then prefers the one candidate in a country the article names, else the
candidate far more prominent than every other (its prior). When neither
settles it, the name stays unlinked: a wrong link is worse than none. A short
acronym links only when the article spells it out ("Long Name (ACR)"), or
when it is one entry's alone and the article names that entry's country.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from beslan_kg.kb import KBEntry, fold, load_kb
from beslan_kg.nlp.gazetteer import DEMONYM_KEY
from beslan_kg.nlp.rules import load_rules


class Link(NamedTuple):
    """A span of the Doc and the knowledge-base entry it names."""

    start: int
    end: int
    key: str
    replaces: Span | None  # the model's entity it takes the place of


@cache
def name_index(kb_path: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """Map each folded name of a generated entry to the keys of the entries with that name (built once)."""
    index: dict[str, set[str]] = defaultdict(set)
    for entry in load_kb(kb_path).values():
        if entry.generated:
            for name in entry.all_names():
                index[fold(name)].add(entry.key)
    return {name: tuple(sorted(keys)) for name, keys in index.items()}


def is_acronym(text: str, longest: int) -> bool:
    """Tell whether ``text`` is a short acronym ("UN", "PSOE"): few letters, most of them capitals."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= longest and " " not in text.strip() and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


class KBLinker:
    """Find and link the generated knowledge base's names in a Doc.

    Args:
        kb_path: The knowledge-base YAML (the generated table beside it is
            used); the bundled one if None.
        lang: The language whose rules apply; the pipeline's if None.
    """

    def __init__(self, nlp: Language, name: str, *, kb_path: str | None = None, lang: str | None = None) -> None:
        self.name = name
        self.path = Path(kb_path) if kb_path else None
        self.kb = load_kb(self.path)
        self.index = name_index(self.path)
        rules = load_rules(lang or nlp.lang)
        spec = rules.get("linking") or {}
        self.kinds = {label: kinds[0] for label, kinds in rules["entity_labels"].items()}
        self.cues = {fold(word): set(classes) for word, classes in (rules.get("class_cues") or {}).items()}
        self.of_words = {fold(w) for w in rules.get("of_words", ())}
        self.determiners = {fold(w) for w in (rules.get("anaphora") or {}).get("determiners", ())}
        self.countries = set(rules.get("country_classes", ()))
        self.dominance = float(spec.get("dominance", 10))
        self.acronym = int(spec.get("acronym_letters", 4))
        self.state_bound = set(spec.get("state_bound", ()))
        # A word that heads a place's description ("the West", "la capital") is not its name.
        words = [*rules.get("not_names", ()), *rules.get("place_heads", ()), *rules.get("division_nouns", ()), *self.cues]
        self.not_names = {fold(w) for w in words}

    # -- matching --------------------------------------------------------

    def match(self, doc: Doc) -> list[Link]:
        """Return the spans that name one generated entry, decided as the module says."""
        spans = list(self._candidate_spans(doc))
        expanded = self._expansions(doc, spans)
        # Countries first: they are the context the other names are read in.
        named = self._countries_named(doc)
        decided: dict[tuple[int, int], str] = {}
        for first_pass in (True, False):
            for start, end, label, model in spans:
                if (start, end) in decided:
                    continue
                key = self._decide(doc[start:end], label, named, expanded, countries_only=first_pass)
                if key is not None:
                    decided[(start, end)] = key
                    if self.kb[key].ontology_class in self.countries:
                        named.add(key)
        return [Link(start, end, decided[(start, end)], model) for start, end, _, model in spans if (start, end) in decided]

    def _candidate_spans(self, doc: Doc):
        """Yield (start, end, model label or None, model entity) for each span that may be a name."""
        taken = set()
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
            if ent.ent_id_:
                continue
            start, end = ent.start, ent.end
            # Models take in an article or preposition before a name ("de Valencia").
            while start < end - 1 and (fold(doc[start].text) in self.determiners or doc[start].pos_ in ("DET", "ADP")):
                start += 1
            if end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s")):
                end -= 1
            if start < end:
                yield start, end, ent.label_, ent
        run: list[int] = []
        for token in list(doc) + [None]:
            if token is not None and token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper():
                run.append(token.i)
                continue
            # A lone capitalised word opening a sentence may be any word.
            if run and not (len(run) == 1 and doc[run[0]].is_sent_start):
                yield run[0], run[-1] + 1, None, None
            run = []

    def _expansions(self, doc: Doc, spans) -> dict[str, str]:
        """Map each acronym the article spells out ("Long Name (ACR)") to the entry the long name is."""
        found = {}
        for start, end, label, _ in spans:
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and is_acronym(doc[end + 1].text, self.acronym):
                keys = self._typed(doc[start:end], label, self.index.get(fold(doc[start:end].text), ()))
                if len(keys) == 1:
                    found[doc[end + 1].text] = keys[0]
        return found

    def _countries_named(self, doc: Doc) -> set[str]:
        """Return the keys of the countries the gazetteer found in the Doc, by name or demonym."""
        keys = {ent.ent_id_ for ent in doc.ents if ent.ent_id_} | {s.id_ for s in doc.spans.get(DEMONYM_KEY, [])}
        return {k for k in keys if k in self.kb and self.kb[k].ontology_class in self.countries}

    # -- deciding ---------------------------------------------------------

    def _decide(self, span: Span, label: str | None, named: set[str], expanded: Mapping[str, str], *, countries_only: bool) -> str | None:
        text = span.text
        if fold(text) in self.not_names:
            return None
        if is_acronym(text, self.acronym):
            key = expanded.get(text)
            if key is None:
                keys = self._typed(span, label, self.index.get(fold(text), ()))
                # One entry's acronym, confirmed by its country in the article.
                key = keys[0] if len(keys) == 1 and self.kb[keys[0]].country in named else None
            if key is None or (countries_only and self.kb[key].ontology_class not in self.countries):
                return None
            return key
        keys = self._typed(span, label, self.index.get(fold(text), ()))
        if countries_only:
            keys = [k for k in keys if self.kb[k].ontology_class in self.countries]
        # "Department of Health" is some state's: only the article's country says whose.
        keys = [k for k in keys if self.kb[k].ontology_class not in self.state_bound or self._placed(self.kb[k], named)]
        return self._choose([self.kb[k] for k in keys], named)

    def _placed(self, entry: KBEntry, named: set[str]) -> bool:
        """Tell whether a state body's country is named in the article or in the body's own name."""
        country = self.kb.get(entry.country) if entry.country else None
        if country is None:
            return False
        own = fold(entry.labels.get("en", ""))
        return entry.country in named or any(fold(n) in own for n in country.all_names())

    def _typed(self, span: Span, label: str | None, keys: Iterable[str]) -> list[str]:
        """Keep the candidates of the kind and class the text gives."""
        if label is not None:
            kind = self.kinds.get(label)
            keys = [k for k in keys if self.kb[k].kind == kind]
        else:
            # A capitalised run the model did not tag: a place, or a name of several words.
            keys = [k for k in keys if self.kb[k].kind == "Place" or len(span) > 1]
        cue = self._cue(span)
        if cue is not None:
            keys = [k for k in keys if self.kb[k].ontology_class in cue]
        return list(keys)

    def _cue(self, span: Span) -> set[str] | None:
        """Return the classes a word beside the name gives ("the city of X", "X province"), if one does."""
        doc = span.doc
        before = span.start - 1
        if before >= 1 and fold(doc[before].text) in self.of_words:
            before -= 1
        for i in (before, span.end):
            if 0 <= i < len(doc) and fold(doc[i].text) in self.cues:
                return self.cues[fold(doc[i].text)]
        return None

    def _choose(self, candidates: list[KBEntry], named: set[str]) -> str | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0].key
        ranked = sorted(candidates, key=lambda e: (-e.prior, e.key))
        here = [e for e in candidates if e.country in named or e.key in named]
        if len(here) == 1:
            best = here[0]
            # Another entry far more prominent is likelier what is meant, even so.
            if not any(e.prior >= self.dominance * max(best.prior, 1) for e in candidates if e is not best):
                return best.key
            return None
        if ranked[0].prior > 0 and ranked[0].prior >= self.dominance * max(ranked[1].prior, 1):
            return ranked[0].key
        return None

    # -- writing ----------------------------------------------------------

    def set_annotations(self, doc: Doc, links: list[Link]) -> None:
        """Make each link an entity with its entry's kind and key, in place of the model's entity."""
        replaced = {(link.replaces.start, link.replaces.end) for link in links if link.replaces is not None}
        kept = [ent for ent in doc.ents if (ent.start, ent.end) not in replaced]
        new = [Span(doc, link.start, link.end, label=self.kb[link.key].kind, span_id=link.key) for link in links]
        doc.ents = sorted(kept + new, key=lambda span: span.start)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("beslan_linker", default_config={"kb_path": None, "lang": None})
def make_linker(nlp: Language, name: str, kb_path: str | None, lang: str | None) -> KBLinker:
    """Build the :class:`KBLinker` from ``kb_path`` (the bundled KB if None)."""
    return KBLinker(nlp, name, kb_path=kb_path, lang=lang)
