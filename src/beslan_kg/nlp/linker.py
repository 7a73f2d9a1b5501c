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

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from beslan_kg.kb import KBEntry, english_place_names, fold, generated_demonyms, in_english, is_acronym, load_kb, runs_within
from beslan_kg.records import KINDS
from beslan_kg.nlp.context import is_plural
from beslan_kg.nlp.filters import (
    CLAUSE_REASONS,
    CUED_KEY,
    IN_EVENT_NAME,
    MODEL_LABELS_KEY,
    REJECTED_KEY,
    capitalised_phrases,
    ends_phrase,
)
from beslan_kg.nlp.gazetteer import DEMONYM_KEY, INNER_KEY, POSSESSIVES, is_possessive
from beslan_kg.nlp.rules import derived, load_rules


class Link(NamedTuple):
    """A span of the Doc and the knowledge-base entry it names."""

    start: int
    end: int
    key: str | None  # None: a known name the text says is another thing, left unlinked
    replaces: Span | None  # the model's entity it takes the place of
    # A place named inside an event's name ("terremoto de Chiapas"): an inner name, not a mention.
    inner: bool = False
    # The kind an unlinked name takes from the knowledge base (key None): every entry of its name is of it.
    kind: str | None = None


#: The label of a country's name that a polity's name the table lacks holds ("State of" Peru).
POLITY = "polity"


@cache
def name_index(kb_path: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """Map each folded name of a generated entry to the keys of the entries with that name (built once)."""
    index: dict[str, set[str]] = defaultdict(set)
    spaced: dict[str, set[str]] = defaultdict(set)
    for entry in load_kb(kb_path).values():
        if entry.generated:
            for name in entry.all_names():
                index[fold(name)].add(entry.key)
                # A hyphenated given name is often written without it ("Yoon Suk-yeol", "Yoon Suk Yeol").
                if entry.kind == "Person" and "-" in name:
                    spaced[fold(name.replace("-", " "))].add(entry.key)
    for name, keys in spaced.items():
        if name not in index:
            index[name] = keys
    return {name: tuple(sorted(keys)) for name, keys in index.items()}


@cache
def bare_index(kb_path: Path | None, classes: frozenset[str], of_words: frozenset[str]) -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Map the names of state bodies without their country to (entry key, country key).

    "Ministry of Internal Affairs of Russia" and "Russian Interior Ministry"
    are "Ministry of Internal Affairs" and "Interior Ministry" in an article
    on Russia: such a name links only when the article names that country.
    """
    kb = load_kb(kb_path)
    countries: dict[str, str] = {}
    for entry in kb.values():
        if entry.ontology_class == "Country":
            for name in (*entry.all_names(), *(d for names in entry.demonyms.values() for d in names)):
                countries.setdefault(fold(name), entry.key)
    index: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entry in kb.values():
        if entry.ontology_class not in classes:
            continue
        for name in entry.all_names():
            words = fold(name).split()
            for n in (3, 2, 1):
                for i in range(len(words) - n + 1):
                    country = countries.get(" ".join(words[i : i + n]))
                    if country is None or (entry.country and entry.country != country):
                        continue
                    rest = words[:i] + words[i + n :]
                    if i > 0 and words[i - 1] in of_words and i + n == len(words):
                        rest = words[: i - 1]
                    rest = rest[1:] if rest[:1] == ["the"] else rest
                    if len(rest) >= 2:
                        index[" ".join(rest)].add((entry.key, country))
    return {name: tuple(sorted(found)) for name, found in index.items()}


def serves(outer: Span, start: int, end: int, *, heads: frozenset[str], of_words: frozenset[str], country: bool) -> bool:
    """Tell whether the place ``doc[start:end]`` in a body's name is the place the body governs, judges or legislates for.

    A word of ``heads`` (the rules' ``jurisdiction_heads``) before the
    of-word the place follows ("the District Court of Minnesota", "Gobierno
    de España"), or a country (``country``) opening a name that ends in such
    a word ("the United States Supreme Court"), or a body's acronym before
    the one-word place alone ("NHS England", "NIV Pune"; not the ship "ARA
    San Juan"). In any other name the place
    is part of what the name is ("Emirato del Cáucaso", "Russia Today", "the
    United States Geological Survey"); a region's or a town's name opens its
    own bodies' names too ("the Dagestan Interior Ministry") and is read as
    part of the name.
    """
    doc = outer.doc
    if end < outer.end:
        return country and start == outer.start and fold(outer[-1].text) in heads
    if len(outer) == 2 and start == outer.start + 1 and is_acronym(doc[outer.start].text, 6):
        return True
    of = [t.i for t in doc[outer.start : start] if fold(t.text) in of_words]
    return bool(of) and any(fold(t.text) in heads or fold(t.lemma_) in heads for t in doc[outer.start : of[0]])


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
        # Entities reach the linker with the model's label or, once filtered, their kind.
        self.kinds = {label: kinds[0] for label, kinds in rules["entity_labels"].items()} | {kind: kind for kind in KINDS}
        self.cues = {fold(word): set(classes) for word, classes in (rules.get("class_cues") or {}).items()}
        # The kind of division each cue names, in English words ("provincia": province), and the English words themselves.
        kinds_of_division = {fold(w): fold(kind) for w, kind in (rules.get("division_words") or {}).items()}
        self.division_words = kinds_of_division | {kind: kind for kind in kinds_of_division.values()}
        self.of_words = {fold(w) for w in rules.get("of_words", ())}
        # "the Peruvian National Police", "la Policía Nacional peruana".
        self.demonym_before = rules.get("demonym_position") == "before"
        self.polity_words = {fold(w) for w in rules.get("polity_words", ())}
        self.capitalised_phrases = capitalised_phrases(rules)
        self.determiners = {fold(w) for w in (rules.get("anaphora") or {}).get("determiners", ())}
        self.countries = set(rules.get("country_classes", ()))
        self.dominance = float(spec.get("dominance", 10))
        self.acronym = int(spec.get("acronym_letters", 4))
        self.state_bound = set(spec.get("state_bound", ()))
        self.after_place = set(spec.get("after_place", ()))
        self.bare = bare_index(self.path, frozenset(self.state_bound), frozenset(self.of_words | {"of", "de", "del"}))
        self.coordinators = {fold(w) for w in rules.get("coordinators", ())}
        # A name's kind by its head noun ("Supreme Court", "los partidos"): see _listed_after_a_kind.
        self.kind_of_head = {fold(w): kind for kind, words in (rules.get("kind_heads") or {}).items() for w in words}
        self.settlement_articles = set(rules.get("settlement_articles", ()))
        self.relational = {fold(w) for w in spec.get("relational_cues", ())}
        self.feature_nouns = {fold(w) for w in rules.get("feature_nouns", ())}
        # Works named after the town they serve ("Aeropuerto Internacional de Ontario", "Port of Beirut").
        self.town_works = {fold(w) for w in rules.get("town_works", ())}
        self.toponym_nouns = {fold(word): set(classes) for word, classes in (rules.get("toponym_nouns") or {}).items()}
        self.longest = int(spec.get("extend_tokens", 3))
        # Lower-case words inside a known name ("Unión por el Perú", "Trinidad and Tobago").
        self.inner_words = self.of_words | self.determiners | self.coordinators | {fold(w) for w in rules.get("body_joiners", ())}
        # The generated countries' demonyms, which the gazetteer does not match (see :meth:`_countries_named`).
        self.demonyms, self.demonym_words = generated_demonyms(self.kb, self.countries)
        # The kinds of names that may hold a place's name ("District Court of Minnesota").
        self.named_in = {"Organization", "Event", "Thing", "Place"}
        self.heads = {word for word, kind in self.kind_of_head.items() if kind != "Thing"}
        self.untagged_prior = int(spec.get("untagged_prior", 100_000))
        self.abroad_prior = int(spec.get("abroad_prior", 1_000_000))
        # A small town is confirmed like an untagged name: one of that name elsewhere is a guess.
        self.small_places = set(spec.get("confirm_classes", ()))
        # A word that heads a place's description ("the West", "la capital") is not its name.
        words = [*rules.get("not_names", ()), *rules.get("place_heads", ()), *rules.get("division_nouns", ()), *self.cues]
        self.not_names = {fold(w) for w in words}
        # Spanish names of bodies the table knows in English only ("Liga Nacional para la Democracia").
        self.lang = lang or nlp.lang
        self.english_places = derived(self.kb, english_place_names) if self.lang == "es" else None
        # Every country's demonyms in the text's language, for a body's name said of its country ("the Peruvian National Police").
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in self.kb.values():
            if entry.ontology_class in self.countries:
                for demonym in entry.demonyms.get(self.lang, ()):
                    owners[fold(demonym)].add(entry.key)
        self.country_of_demonym = {d: next(iter(keys)) for d, keys in owners.items() if len(keys) == 1}

    # -- matching --------------------------------------------------------

    def match(self, doc: Doc) -> list[Link]:
        """Return the spans that name one generated entry, decided as the module says."""
        spans = self._longest(doc, list(self._candidate_spans(doc)))
        expanded = self._expansions(doc, spans)
        # Countries first: they are the context the other names are read in.
        named = self._countries_named(doc)
        decided: dict[tuple[int, int], str | None] = {}
        # The known names by the token they end before: the gazetteer's, then the ones decided.
        known_at = {ent.end: ent.ent_id_ for ent in doc.ents if ent.ent_id_ in self.kb}
        people = self._people(doc)
        for first_pass in (True, False):
            for start, end, label, model in spans:
                if (start, end) in decided:
                    continue
                key = self._decide(doc[start:end], label, named | self._country_before(doc[start:end], known_at),
                                   expanded, people, countries_only=first_pass)
                if key is not None:
                    decided[(start, end)] = known_at[end] = key
                    if self.kb[key].ontology_class in self.countries:
                        named.add(key)
        # The countries two or more of the article's places lie in are context too ("Valencia" told
        # with Caracas and Maracaibo), for the names still undecided and for those decided on a guess.
        gazetteer = [(fold(ent.text), ent.ent_id_) for ent in doc.ents if ent.ent_id_ in self.kb]
        around = {c for c, n in self._support([*(k for _, k in gazetteer), *(k for k in decided.values() if k)]).items() if n >= 2}
        if around - named:
            for start, end, label, model in spans:
                if (start, end) in decided:
                    continue
                key = self._decide(doc[start:end], label, named | around | self._country_before(doc[start:end], known_at),
                                   expanded, people, countries_only=False)
                if key is not None:
                    decided[(start, end)] = known_at[end] = key
        decided |= self._same_name(doc, spans, decided)
        self._contradicted(doc, decided, gazetteer)
        self._located_abroad(doc, decided, gazetteer)
        links = [Link(start, end, decided[(start, end)], model) for start, end, _, model in spans if decided.get((start, end))]
        links += [Link(start, end, None, model, kind=kind) for start, end, label, model in spans
                  if not decided.get((start, end)) and (kind := self._known_kind(doc[start:end], label, model, named, people))]
        changed = self._elsewhere(doc, links, gazetteer)
        spans_changed = {(link.start, link.end) for link in changed}
        links = [link for link in links if (link.start, link.end) not in spans_changed] + changed
        return links + self._places_in_event_names(doc, named, links) + self._places_in_names(doc, named, links)

    def _contradicted(self, doc: Doc, decided: dict[tuple[int, int], str | None], gazetteer: list[tuple[str, str]]) -> None:
        """Unlink, or link to the namesake they point to, the names the article's other places read as another entry's.

        "Valencia" chosen for the Spanish city, in an article of Caracas and
        Maracaibo, is a guess (see :meth:`_namesake_here`); so is the table's
        one "Leeward Islands", of French Polynesia and of no people counted,
        in an article of Puerto Rico and Hispaniola's places, and its one
        "Windsor", a Canadian city of 200,000, in an article of London's and
        Edinburgh's (a city of a million, ``abroad_prior``, is the one meant
        wherever the text is). ``gazetteer``:
        the hand-written table's names of the article, folded, with their keys.
        """
        texts = {span: fold(doc[span[0]:span[1]].text) for span in decided}
        for span, key in list(decided.items()):
            entry = self.kb[key]
            others = [self.kb[k] for k in self.index.get(texts[span], ()) if k != key]
            small = entry.prior < (self.abroad_prior if entry.ontology_class == "Settlement" else self.untagged_prior)
            if not others and (not entry.country or not small):
                continue
            # Read anew for each name: a name doubted before it no longer places anything.
            support = self._support_apart([*((texts[other], k) for other, k in decided.items() if k), *gazetteer], texts[span])
            if entry.country and small and not any(support[e.country or e.key] for e in (entry, *others)) \
                    and max(support.values(), default=0) >= 2:
                # The table's small places of that name, in countries the article names no place
                # of, among places of another: likelier a place the table lacks.
                decided[span] = None
                continue
            if not others:
                continue
            doubted, namesake = self._namesake_here(entry, others, support)
            if doubted:
                decided[span] = namesake

    def _located_abroad(self, doc: Doc, decided: dict[tuple[int, int], str | None], gazetteer: list[tuple[str, str]]) -> None:
        """Unlink a town or a region the text locates in a region or a country its entry does not lie in.

        "Reading, Pennsylvania" is not the English Reading, the table's one
        town of that name: the region after the comma says which country the
        town is in (a town of the table lacks, so no link); nor is "Ontario,
        California" the Canadian province the table's largest "Ontario" is
        (a region, only by another region: a region and a country in a row
        are more often a list). Not in a list of
        places ("London, Paris and Berlin"; the region is then no town's
        container: :meth:`_after_place`), nor when the region has a namesake
        in the town's country ("Atlanta, Georgia").
        """
        known = {span: key for span, key in decided.items() if key}
        known |= {(ent.start, ent.end): ent.ent_id_ for ent in doc.ents if ent.ent_id_ in self.kb}
        by_start = {start: key for (start, _), key in known.items()}
        for (start, end), key in list(decided.items()):
            entry = self.kb[key] if key else None
            after = by_start.get(end + 1)
            if entry is None or entry.kind != "Place" or entry.ontology_class in self.countries or after is None \
                    or end >= len(doc) or doc[end].text != ",":
                continue
            region = self.kb[after]
            country = region.key if region.ontology_class in self.countries else region.country
            if region.kind != "Place" or region.ontology_class not in self.after_place or not country or entry.country == country:
                continue
            if entry.ontology_class != "Settlement" and region.ontology_class in self.countries:
                continue  # "Tonga, Fiji, American Samoa, Vanuatu": regions and countries in a row are more often a list
            region_end = next(e for (s, e), k in known.items() if s == end + 1)
            # "Atlanta, Georgia": a namesake of the region in the town's country may be the one meant (see :meth:`_elsewhere`).
            namesakes = {self.kb[k].country for k in self.index.get(fold(doc[end + 1 : region_end].text), ())}
            if entry.country not in namesakes and self._after_place(doc[end + 1 : region_end]):
                decided[(start, end)] = None

    def _support(self, keys: Iterable[str]) -> Counter[str]:
        """Count the article's distinct places by the country they lie in (a country's own name is none)."""
        return Counter(entry.country for key in set(keys) if (entry := self.kb[key]).kind == "Place" and entry.country)

    def _support_apart(self, named: Iterable[tuple[str, str]], text: str) -> Counter[str]:
        """Count, as :meth:`_support`, the places of the article's ``(folded name, key)`` pairs but those named ``text``."""
        return self._support(key for name, key in named if name != text)

    def _namesake_here(self, entry: KBEntry, others: list[KBEntry], support: Counter[str]) -> tuple[bool, str | None]:
        """Tell whether the article's other places read a name as a namesake's, and which one, if just one fits.

        "Georgia" told with Florida, Delaware and the Carolinas is the US
        state, not the country ranked first: two or more of the article's
        other places lie in a namesake's country, and none in the chosen
        entry's. Where several namesakes fit, the name stays unlinked. A
        city (not a region) of a million people or more (``abroad_prior``) stays itself
        beside namesakes it dwarfs (``dominance``): "London" in a story of
        Texas and Ohio is the capital, not a town of 8,000 in Ohio.
        """
        if support[entry.key] or (entry.country and support[entry.country]):
            return False, None
        fitting = [e for e in others if support[e.country or e.key] >= 2]
        if not fitting or (entry.ontology_class == "Settlement" and entry.prior >= self.abroad_prior
                           and all(e.prior * self.dominance <= entry.prior for e in fitting)):
            return False, None
        return True, (fitting[0].key if len(fitting) == 1 else None)

    def _same_name(self, doc: Doc, spans, decided: Mapping[tuple[int, int], str]) -> dict[tuple[int, int], str]:
        """Link the other mentions of a name the article linked to the same entry: one name, one sense per article.

        "near Fort Myers, Florida" decides which Florida; "148 died in
        Florida" alone would not, but it is the same one. Only a name of one
        entry here, of that entry's kind or untyped (never a person's: the
        "Guerrero" of a governor is no state), and none the words beside
        it give another class, or call a feature; a town's name after a
        lower-case article is not the town ("el Liverpool" is the club).
        """
        by_name: dict[str, set[str]] = defaultdict(set)
        for (start, end), key in decided.items():
            by_name[fold(doc[start:end].text)].add(key)
        found = {}
        for start, end, label, _ in spans:
            keys = by_name.get(fold(doc[start:end].text), set())
            if (start, end) in decided or len(keys) != 1 or label is None:
                continue
            entry, span = self.kb[next(iter(keys))], doc[start:end]
            kind, cue = self.kinds.get(label), self._cue(span)
            if kind not in (entry.kind, "Thing") or self._names_a_feature(span) or (cue is not None and entry.ontology_class not in cue) \
                    or (self._articled(span) and entry.ontology_class == "Settlement" and not self._takes_article(entry)):
                continue
            found[(start, end)] = entry.key
        return found

    def _known_kind(self, span: Span, label: str | None, model: Span | None, named: set[str],
                    people: Mapping[str, frozenset[int]]) -> str | None:
        """Return the kind the knowledge base gives a name it could not link, when it overrules the model's.

        "Valencia" tagged a miscellaneous name: every entry of that name is
        a place, so it is one, whichever Valencia it is. Only over the
        model's "other" label, or over a person's when the name is no
        surname of the article (see :meth:`_kind_may_differ`) and one entry
        is a large place or one the article's countries place; never when
        the words beside the name gave its kind, nor for an acronym.
        """
        kind = self.kinds.get(label) if label is not None else None
        if model is None or kind not in ("Thing", "Person") or is_acronym(span.text, self.acronym) or fold(span.text) in self.not_names:
            return None
        entries = [self.kb[k] for k in self.index.get(fold(span.text), ())]
        kinds = {e.kind for e in entries}
        if len(kinds) != 1 or kind in kinds or self._kind_cued(span) or self._names_a_feature(span):
            return None
        known = entries[0]
        if kind == "Person" and not any(self._here(e, named) or e.prior >= self.untagged_prior for e in entries):
            return None
        return known.kind if self._kind_may_differ(span, label, known, people) else None

    def _country_before(self, span: Span, known_at: Mapping[int, str]) -> set[str]:
        """Return the country of the known place before a comma that the span locates ("Fort Myers, Florida").

        The larger place a place is said to lie in is in that place's
        country: among the Floridas, the one of the country Fort Myers is in.
        """
        if not self._after_place(span):
            return set()
        before = known_at.get(span.start - 1)
        if before is None:
            return set()
        entry = self.kb[before]
        country = entry.key if entry.ontology_class in self.countries else entry.country
        return {country} if country else set()

    def _elsewhere(self, doc: Doc, links: list[Link], gazetteer: list[tuple[str, str]]) -> list[Link]:
        """Return the names of the hand-written knowledge base that the text says are another entry's.

        The gazetteer links "Georgia" to the country the domain knows; "the
        state of Georgia" (a class cue the hand entry does not fit, and a
        namesake does), "Atlanta, Georgia" (after a place of another
        country, which one namesake lies in) and "Georgia, United States"
        (before a larger place of another country) name the US state. Where
        several namesakes fit, or none of that country, the name stays
        unlinked (key None): a wrong link is worse than none. A place the
        generated table has no namesake of keeps its entry. With no place
        beside it, the article's other places may say which namesake it is
        (see :meth:`_namesake_here`; ``gazetteer`` as for :meth:`_contradicted`).
        """
        placed = [*((fold(doc[link.start:link.end].text), link.key) for link in links if link.key), *gazetteer]
        key_at_end = {link.end: link.key for link in links} | {ent.end: ent.ent_id_ for ent in doc.ents if ent.ent_id_ in self.kb}
        key_at_start = {link.start: link.key for link in links} | {ent.start: ent.ent_id_ for ent in doc.ents if ent.ent_id_ in self.kb}
        found = []
        for span in doc.ents:
            entry = self.kb.get(span.ent_id_) if span.ent_id_ else None
            if entry is None or entry.generated or entry.kind != "Place":
                continue
            others = [self.kb[k] for k in self.index.get(fold(span.text), ()) if k != entry.key and self.kb[k].wikidata != entry.wikidata]
            if not others:
                continue  # a namesake the table lacks is no reason to doubt the domain's entry
            cue = self._cue(span)
            if cue is not None and cue is not self.after_place:
                # A cue no namesake fits either says nothing ("the State of Israel").
                fitting = [e for e in others if e.ontology_class in cue]
                if entry.ontology_class not in cue and fitting:
                    found.append(Link(span.start, span.end, fitting[0].key if len(fitting) == 1 else None, span))
                continue
            # A place and a comma before it, or a larger place after.
            before = key_at_end.get(span.start - 1) if cue is self.after_place else None
            larger = self.kb.get(key_at_start.get(span.end + 1) or "")
            after = larger is not None and larger.ontology_class in self.after_place and self._after_place(span.doc[span.end + 1 : span.end + 1 + self._length(span.doc, span.end + 1)])
            where = before or (larger.key if after else None)
            if where is None:
                doubted, namesake = self._namesake_here(entry, others, self._support_apart(placed, fold(span.text)))
                if doubted:
                    found.append(Link(span.start, span.end, namesake, span))
                continue
            # Where the other place lies: its country (a country lies in itself).
            country = self.kb[where].country or where
            if (entry.country or entry.key) != country:
                fitting = [e for e in others if e.country == country and (after or e.ontology_class in self.after_place)]
                found.append(Link(span.start, span.end, fitting[0].key if len(fitting) == 1 else None, span))
        return found

    @staticmethod
    def _length(doc: Doc, start: int) -> int:
        """Return the length of the entity that starts at ``start``, 1 if none does."""
        return next((ent.end - ent.start for ent in doc.ents if ent.start == start), 1)

    def _places_in_event_names(self, doc: Doc, named: set[str], links: list[Link]) -> list[Link]:
        """Link the places the filter refused as words of an event's name.

        "el terremoto de Chiapas", "the 2010 Haiti earthquake": the name is
        the event's, not a mention of the place, but it still says which
        place the event is named after, as a town in a school's name does.
        Only a place is linked: the place the article links by that name
        elsewhere ("terremoto de Puebla" ... "San Felipe Ayutla, Puebla"),
        else the one the name alone decides, as any name the model took for a place.
        """
        linked = {fold(doc[link.start : link.end].text): link.key for link in links}
        linked |= {fold(ent.text): ent.ent_id_ for ent in doc.ents if ent.ent_id_}
        found = (self._inner_place(doc, span.start, span.end, "Place", named, linked.get(fold(span.text)))
                 for span in doc.spans.get(REJECTED_KEY, []) if span.label_ == IN_EVENT_NAME)
        return [link for link in found if link is not None]

    def _places_in_names(self, doc: Doc, named: set[str], links: list[Link]) -> list[Link]:
        """Link the known places written inside a longer name the model found whole.

        "the District Court of Minnesota", "Gobierno de España", "the Hennepin
        County Government Center": the name is the court's, the government's
        or the building's, and it also names the place it serves or stands
        in. A run of capitalised words of the name, after its first word and
        an of-word or before its capitalised head words, is looked up as any
        untagged name is (see :meth:`_decide`: a small town namesake is a
        guess) and kept as an inner name if it is a place: whose body or
        document it is ("Servicio Sismológico Nacional de México"), even
        where the name does not mention it (see :func:`serves`).
        """
        linked = {i for link in links for i in range(link.start, link.end)}
        found = (self._inner_place(doc, start, end, None, named, town=self._town_work(ent)) for ent in doc.ents
                 if not ent.ent_id_ and len(ent) >= 2 and self.kinds.get(ent.label_) in self.named_in and linked.isdisjoint(range(ent.start, ent.end))
                 for start, end in self._inner_runs(ent))
        return [link for link in found if link is not None]

    def _town_work(self, ent: Span) -> bool:
        """Tell whether a name is a work's named after the town it serves (``town_works``), by its first or its last word."""
        return any(fold(t.text) in self.town_works or fold(t.lemma_ or t.text) in self.town_works for t in (ent[0], ent[-1]))

    def _inner_place(self, doc: Doc, start: int, end: int, label: str | None, named: set[str], key: str | None = None,
                     *, town: bool = False) -> Link | None:
        """Return the inner name of the place ``doc[start:end]`` names (``key``, else as :meth:`_decide` decides it), if it is a place.

        In a work named after a town (``town``), only a town: "Aeropuerto
        Internacional de Ontario" serves a city of that name, not the
        Canadian province the largest "Ontario" of the table is.
        """
        key = key or self._decide(doc[start:end], label, named, {}, {}, countries_only=False)
        if key is not None and town and self.kb[key].ontology_class != "Settlement":
            towns = [self.kb[k] for k in self.index.get(fold(doc[start:end].text), ()) if self.kb[k].ontology_class == "Settlement"]
            key = self._choose(_without_twins(towns, self.dominance), named)
        return Link(start, end, key, None, inner=True) if key is not None and self.kb[key].kind == "Place" else None

    def _inner_runs(self, ent: Span) -> list[tuple[int, int]]:
        """Return the longest known names of capitalised words (and of-words) inside ``ent``, not the whole of it.

        A name stands after an of-word ("Court of Minnesota"), at the
        start of a name whose last word says what the whole is ("United
        States Supreme Court", "the Atocha train station"; not "Washington
        Post"), or after a body's acronym that opens a name of two words ("NIV Pune").
        """
        doc, found, i = ent.doc, [], ent.start
        headed = fold(ent[-1].text) in self.heads or fold(ent[-1].lemma_) in self.heads or self._feature_noun(ent[-1])
        while i < ent.end:
            after_of = i > ent.start and fold(doc[i - 1].text) in self.of_words | self.determiners
            after_of = after_of or (len(ent) == 2 and i == ent.start + 1 and is_acronym(doc[ent.start].text, 6))
            if not doc[i].text[:1].isupper() or not (after_of or i == ent.start):
                i += 1
                continue
            # The longest known name from here, within the capitalised words and the of-words
            # between them ("Gobierno de la Ciudad de México").
            ends = [j for j in range(i + 1, ent.end + 1) if doc[j - 1].text[:1].isupper()
                    and all(t.text[:1].isupper() or fold(t.text) in self.of_words | self.determiners for t in doc[i:j])]
            known = [j for j in ends if (i, j) != (ent.start, ent.end) and fold(doc[i:j].text) in self.index
                     and (j == ent.end or (after_of and fold(doc[j].text) in self.of_words) or (i == ent.start and j < ent.end and headed))]
            if known:
                found.append((i, max(known)))
                i = max(known)
            else:
                i += 1
        return found

    def _candidate_spans(self, doc: Doc):
        """Yield (start, end, model label or None, model entity) for each span that may be a name."""
        # Spans the filter refused ("UTC", "Mexican") are no names to look up; a clause the model
        # took for a name ("Un incendio arrasó la región de Valparaíso") may hold some.
        taken = {i for span in doc.spans.get(REJECTED_KEY, []) if span.label_ not in CLAUSE_REASONS for i in range(span.start, span.end)}
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
            if ent.ent_id_:
                continue
            start, end = ent.start, ent.end
            # Models take in an article or preposition before a name ("de Valencia"); a
            # capitalised article inside a sentence is the name's own ("La Palma" is no "Palma").
            while start < end - 1 and (fold(doc[start].text) in self.determiners or doc[start].pos_ in ("DET", "ADP")) \
                    and (doc[start].text[:1].islower() or doc[start].is_sent_start or fold(doc[start:end].text) not in self.index):
                start += 1
            if end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s")):
                end -= 1
            polity = self._polity_words(doc, start, end)
            if polity:
                # The model's kind, and the cue "State", were the polity's: the country's name links.
                yield start + polity, end, POLITY, ent
            elif start < end:
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

    def _longest(self, doc: Doc, spans):
        """Extend each span over the capitalised words after it that make a longer known
        name ("Washington" + ", D.C."; "Mexico" + "City"; with the lower-case words a name
        holds: "Unión" + "por el Perú", which the model's label of the part no longer types),
        or over the capitalised words and
        of-words before it ("Democratic Republic of the" + "Congo"), a whole name the
        gazetteer found among them ("United States" + "Virgin Islands"), dropping the spans
        it swallows."""
        extended = []
        for start, end, label, model in spans:
            best, crossed = end, False
            for stop in range(end + 1, min(end + self.longest, len(doc)) + 1):
                added = doc[end:stop]
                if any(t.is_space or t.ent_id_ or not (t.is_punct or t.text[:1].isupper() or fold(t.text) in self.inner_words) for t in added):
                    break
                if not doc[stop - 1].is_punct and doc[stop - 1].text[:1].isupper() and fold(doc[start:stop].text) in self.index:
                    best, crossed = stop, any(t.text[:1].islower() for t in added)
            if crossed:
                # "Unión" + "por el Perú": the model's label was of a part of the name.
                label = None
            first = start
            for begin in range(start - 1, max(start - self.longest - 2, -1), -1):
                token = doc[begin]
                # A hand-written name may open a longer name of the table, taken whole ("United States" + "Virgin Islands").
                if token.is_space or (token.ent_type_ and not token.ent_id_) \
                        or not (token.text[:1].isupper() or fold(token.text) in self.of_words | self.determiners):
                    break
                if token.text[:1].isupper() and fold(doc[begin:best].text) in self.index and (not token.ent_id_ or token.ent_iob_ == "B"):
                    first = begin
            extended.append((first, best, label, model))
        kept, taken = [], set()
        for start, end, label, model in sorted(extended, key=lambda s: (s[0] - s[1], s[0])):
            if taken.isdisjoint(range(start, end)):
                kept.append((start, end, label, model))
                taken.update(range(start, end))
        return sorted(kept, key=lambda s: s[0])

    def _expansions(self, doc: Doc, spans) -> dict[str, str]:
        """Map each acronym the article spells out ("Long Name (ACR)") to the entry the long name is."""
        found = {}
        for start, end, label, _ in spans:
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and is_acronym(doc[end + 1].text, self.acronym):
                entries = self._typed(doc[start:end], label, [self.kb[k] for k in self.index.get(fold(doc[start:end].text), ())])
                if len(entries) == 1:
                    found[doc[end + 1].text] = entries[0].key
        return found

    def _countries_named(self, doc: Doc) -> set[str]:
        """Return the keys of the countries the gazetteer found in the Doc, by name or demonym.

        The generated table's demonyms ("Mexican", "chilena") are looked up
        here, as context only: the gazetteer matches the hand-written ones.
        """
        keys = {ent.ent_id_ for ent in doc.ents if ent.ent_id_} | {s.id_ for s in doc.spans.get(DEMONYM_KEY, [])}
        words = [fold(t.text) for t in doc]
        for n in range(1, self.demonym_words + 1):
            keys.update(self.demonyms[gram] for i in range(len(words) - n + 1) if (gram := " ".join(words[i : i + n])) in self.demonyms)
        return {k for k in keys if k in self.kb and self.kb[k].ontology_class in self.countries}

    # -- deciding ---------------------------------------------------------

    def _decide(self, span: Span, label: str | None, named: set[str], expanded: Mapping[str, str],
                people: Mapping[str, frozenset[int]], *, countries_only: bool) -> str | None:
        text = span.text
        if label == POLITY:
            countries = [k for k in self.index.get(fold(text), ()) if self.kb[k].ontology_class in self.countries]
            return countries[0] if len(countries) == 1 else None
        if fold(text) in self.not_names or self._names_a_feature(span):
            return None
        if self._bracketed_short_name(span) and text not in expanded:
            return None
        if is_acronym(text, self.acronym):
            key = expanded.get(text) or self._acronym(span, label, named)
            if key is None or (countries_only and self.kb[key].ontology_class not in self.countries):
                return None
            return key
        if len(span) > 1 and not countries_only and (said := self._of_its_country(span, label)):
            return said
        keys = self._cued(span, self.index.get(fold(text), ()))
        if self._articled(span):
            keys = [k for k in keys if self.kb[k].ontology_class != "Settlement" or self._takes_article(self.kb[k])]
        if countries_only:
            keys = [k for k in keys if self.kb[k].ontology_class in self.countries]
        # "Department of Health" is some state's: only the article's country says whose.
        keys = [k for k in keys if self.kb[k].ontology_class not in self.state_bound or self._placed(self.kb[k], named)]
        candidates = _without_twins([self.kb[k] for k in keys], self.dominance)
        # A country's name is the country whatever the model guessed ("struck Malawi", tagged a
        # person), unless it is the end of a person's name of the article ("Jordan" of "Michael Jordan").
        countries = [e for e in candidates if e.ontology_class in self.countries]
        if len(countries) == 1 and len(candidates) == 1 and self._kind_may_differ(span, label, countries[0], people):
            return countries[0].key
        # The one candidate the article's countries place wins over the model's guess of
        # the kind ("Morelos" tagged an organisation in an article on Mexico).
        here = self._dominant([e for e in candidates if self._here(e, named)])
        if here is not None and self._kind_may_differ(span, label, here, people):
            best = here
            rivals = [e for e in candidates if e is not best and e.kind == best.kind]
            if not any(e.prior >= self.dominance * max(best.prior, 1) for e in rivals):
                return best.key
        if not candidates and len(span) > 1 and self.toponym_nouns.get(fold(span[0].text)):
            # "las islas Canarias": the place's name after the noun the language writes as part of
            # it, an entry of the classes the noun may name (a region that is the islands).
            named_so = [k for k in self.index.get(fold(span[1:].text), ()) if self.kb[k].ontology_class in self.toponym_nouns[fold(span[0].text)]]
            if len(named_so) == 1:
                return named_so[0]
        if not candidates and len(span) > 1 and fold(span[-1].text) in self.cues:
            # "Chiang Rai Province": the word that says what the name is ends it; the entry of that
            # class in a country the article names, never a town of it.
            cued = [k for k in self.index.get(fold(span[:-1].text), ())
                    if self.kb[k].ontology_class in self.cues[fold(span[-1].text)] and self._here(self.kb[k], named)]
            if len(cued) == 1:
                return cued[0]
        if not candidates and len(span) > 1:
            # A state body named without its country ("the Interior Ministry"): the article's country's.
            found = {key for key, country in self.bare.get(fold(text), ()) if country in named}
            return next(iter(found)) if len(found) == 1 else self._translated(span, label, named)
        chosen = self._choose(self._typed(span, label, candidates), named)
        if chosen is not None and (self._untyped(span, label) or self.kb[chosen].ontology_class in self.small_places) \
                and not self._confirmed(span, self.kb[chosen], named):
            return None
        if chosen is not None and self._alias_abroad(span, self.kb[chosen], named):
            return None
        if chosen is not None and self.kb[chosen].kind == "Place" and not self._here(self.kb[chosen], named) and self._begins_a_body(span):
            # "the Colorado candidate" of the Colorado Party, in a story of Paraguay: the
            # party's short name, not a place of a country the article never names.
            return None
        return chosen

    @staticmethod
    def _begins_a_body(span: Span) -> bool:
        """Tell whether the article names a body whose name begins with this name ("Colorado" and "Colorado Party")."""
        words = [t.text for t in span]
        return any(
            ent.label_ == "Organization" and len(ent) > len(span) and [t.text for t in ent[: len(span)]] == words
            for ent in span.doc.ents if ent.start != span.start
        )

    def _of_its_country(self, span: Span, label: str | None) -> str | None:
        """Return the one body of a country the name gives by its demonym or possessive, as the table names it with "of".

        "the Peruvian National Police", "Peru's National Police", "la Policía
        Nacional peruana" are the "National Police of Peru" ("Policía Nacional
        del Perú"): the demonym before the name (English), after it or at its
        end (Spanish), or the country's possessive; only an organisation of
        that country.
        """
        if self.kinds.get(label) not in ("Organization", None):
            return None
        words = fold(span.text).split()
        country = None
        if self.demonym_before and words[0] in self.country_of_demonym:
            country, rest = self.country_of_demonym[words[0]], words[1:]
        elif not self.demonym_before and words[-1] in self.country_of_demonym:
            country, rest = self.country_of_demonym[words[-1]], words[:-1]
        elif not self.demonym_before and span.end < len(span.doc) and fold(span.doc[span.end].text) in self.country_of_demonym:
            # "la Policía Nacional peruana": the adjective after the name the model found.
            country, rest = self.country_of_demonym[fold(span.doc[span.end].text)], words
        elif len(span) > 2 and span[1].text in POSSESSIVES:
            keys = [k for k in self.index.get(fold(span[0].text), ()) if self.kb[k].ontology_class in self.countries]
            country, rest = (keys[0] if len(keys) == 1 else None), [fold(t.text) for t in span[2:]]
        if country is None or not rest:
            return None
        entry = self.kb[country]
        forms = {f"{' '.join(rest)} {word} {fold(name)}" for name in entry.names(self.lang) for word in self.of_words}
        if self.english_places is not None:  # and as the English name it translates (see _translated)
            forms |= {english for form in forms for english in in_english(form, self.english_places)}
        found = {k for form in forms for k in self.index.get(form, ()) if self.kb[k].kind == "Organization" and self.kb[k].country == country}
        return found.pop() if len(found) == 1 else None

    def _translated(self, span: Span, label: str | None, named: set[str]) -> str | None:
        """Return the one organisation of the article's countries whose English name a Spanish body's name translates.

        "la Liga Nacional para la Democracia" in an article on Myanmar is the
        "National League for Democracy" the table knows in English only
        (:func:`beslan_kg.kb.in_english`, word by word): only a body, only
        the one entry of its name placed in a country the article names.
        """
        if self.english_places is None or self.kinds.get(label) not in ("Organization", None):
            return None
        keys = {k for form in in_english(span.text, self.english_places) for k in self.index.get(form, ())}
        found = [k for k in keys if self.kb[k].kind == "Organization" and self._here(self.kb[k], named)]
        return found[0] if len(found) == 1 else None

    def _polity_words(self, doc: Doc, start: int, end: int) -> int:
        """Return how many words open a polity's name the table lacks before a country's ("State of" Peru), else 0.

        "The State of Peru", "la República del Chad": the country is named. Not
        so where a division of the country bears its name ("the State of Mexico"
        is a state, "Estado de México" in the table): that name stays whole.
        """
        if end - start < 3 or fold(doc[start:end].text) in self.index:
            return 0
        if fold(doc[start].text) not in self.polity_words or fold(doc[start + 1].text) not in self.of_words:
            return 0
        rest = [k for k in self.index.get(fold(doc[start + 2 : end].text), ()) if self.kb[k].ontology_class in self.countries]
        return 2 if len(rest) == 1 and rest[0] not in self._divisions_named_after else 0

    @cached_property
    def _divisions_named_after(self) -> frozenset[str]:
        """The countries a place of which bears the country's name ("Estado de México", "Buenos Aires Province")."""
        names = {key: [fold(n).split() for n in entry.all_names()] for key, entry in self.kb.items() if entry.ontology_class in self.countries}
        return frozenset(
            entry.country for entry in self.kb.values()
            if entry.country in names and entry.kind == "Place" and entry.ontology_class not in self.countries
            and any(len(country) < len(words) and runs_within(country, words)
                    for n in entry.all_names() if (words := fold(n).split()) for country in names[entry.country])
        )

    @staticmethod
    def _bracketed_short_name(span: Span) -> bool:
        """Tell whether a word in capitals stands in brackets after a name: the name's short form.

        "National Regeneration Movement (MORENA)" writes the party's acronym,
        however many letters it has, not the town of that name: it links
        only as the spelled-out name's (see :meth:`_expansions`).
        """
        doc = span.doc
        return len(span) == 1 and span.text.isupper() and span.start >= 2 and doc[span.start - 1].text == "(" \
            and doc[span.start - 2].text[:1].isupper() and span.end < len(doc) and doc[span.end].text == ")"

    def _dominant(self, candidates: list[KBEntry]) -> KBEntry | None:
        """Return the one candidate, or the one far more prominent than every other ("Gaziantep" the city, not its province)."""
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        ranked = sorted(candidates, key=lambda e: (-e.prior, e.key))
        return ranked[0] if ranked[0].prior > 0 and ranked[0].prior >= self.dominance * max(ranked[1].prior, 1) else None

    def _articled(self, span: Span) -> bool:
        """Tell whether a one-word name follows a lower-case article that a city's name never takes.

        In Spanish "el Liverpool" and "el Barcelona" are the clubs: a city is
        named without an article unless the article is part of its name
        ("El Cairo", "del Cairo"; see :meth:`_takes_article`).
        """
        before = span.doc[span.start - 1] if span.start > 0 else None
        return len(span) == 1 and before is not None and before.text in self.settlement_articles

    def _takes_article(self, entry: KBEntry) -> bool:
        """Tell whether a name of the entry begins with an article ("El Cairo": "del Cairo" is the city)."""
        return any(fold(name).split(" ", 1)[0] in self.settlement_articles for name in entry.all_names() if " " in name)

    def _confirmed(self, span: Span, entry: KBEntry, named: set[str]) -> bool:
        """Tell whether a name the model did not tag is known well enough to link.

        Any capitalised run may be a name of something else, and a town's
        name that of a town elsewhere; it links to a place the article's
        countries place, a place a cue word names, or a place of at least
        ``untagged_prior`` people; in an article that names countries but
        not its own, only a place of at least ``abroad_prior`` ("the town
        of El Paso" in a story of Spain's Canary Islands is not the city of
        Texas: the cue says a town, not which).
        """
        if self._here(entry, named):
            return True
        known = self._cue(span) is not None or entry.prior >= self.untagged_prior
        return known and (not named or entry.prior >= self.abroad_prior)

    def _names_a_feature(self, span: Span) -> bool:
        """Tell whether the name is part of a natural feature's ("the Cocos plate", "the Rivera and Caribbean plates")."""
        token = span.root
        for _ in range(3):
            if token.dep_ not in ("compound", "amod", "conj", "nmod") or token.head is token:
                break
            token = token.head
            if token.i >= span.end and self._feature_noun(token):
                return True
        return span.end < len(span.doc) and self._feature_noun(span.doc[span.end])

    def _feature_noun(self, token) -> bool:
        return fold(token.lemma_ or token.text) in self.feature_nouns or fold(token.text) in self.feature_nouns

    def _acronym(self, span: Span, label: str | None, named: set[str]) -> str | None:
        """Return the one entry a short acronym names, when the context confirms it.

        It is confirmed when the entry's country is named in the article, or
        when the acronym is the entry's own name in English or in the text's
        language (not an alias: "FIFA", "OTAN")
        and no other entry has it, and it has more letters than
        ``acronym_letters`` - 1.
        """
        entries = [self.kb[k] for k in self.index.get(fold(span.text), ())]
        # The model's "other" (MISC) says nothing of an acronym's kind, unless the words beside it gave that kind.
        untyped = self.kinds.get(label) == "Thing" and not self._kind_cued(span)
        keys = [e.key for e in (entries if untyped else self._typed(span, label, entries))]
        if len(keys) != 1:
            return None
        entry = self.kb[keys[0]]
        if entry.country and entry.country in named:
            return entry.key
        own = span.text in (entry.labels.get("en"), entry.labels.get(self.lang)) and len(self.index.get(fold(span.text), ())) == 1
        return entry.key if own and sum(c.isalpha() for c in span.text) >= self.acronym else None

    def _alias_abroad(self, span: Span, entry: KBEntry, named: set[str]) -> bool:
        """Tell whether a small place within a country is found by another of its names only, in an article that never names that country.

        "Atlántico Norte" is an old name of Nicaragua's North Caribbean Coast, and the
        ocean's to anyone writing of Newfoundland: a place's own label is what a text
        abroad calls it, unless the place is one the world knows by its other names
        too (``untagged_prior`` people or more: "Washington, D.C.").
        """
        return entry.kind == "Place" and entry.ontology_class not in self.countries and not self._here(entry, named) \
            and entry.prior < self.untagged_prior and fold(span.text) not in {fold(label) for label in entry.labels.values()}

    def _here(self, entry: KBEntry, named: set[str]) -> bool:
        return entry.key in named or (entry.country is not None and entry.country in named)

    def _people(self, doc: Doc) -> dict[str, frozenset[int]]:
        """Return where the article's people's names of two words or more start, by their last word (folded).

        Listed once per Doc: listing ``doc.ents`` for each name decided is
        quadratic in the length of the text.
        """
        starts: dict[str, set[int]] = {}
        for ent in doc.ents:
            if self.kinds.get(ent.label_) == "Person" and len(ent) > 1:
                starts.setdefault(fold(ent[-1].text), set()).add(ent.start)
        return {surname: frozenset(found) for surname, found in starts.items()}

    def _kind_may_differ(self, span: Span, label: str | None, entry: KBEntry, people: Mapping[str, frozenset[int]]) -> bool:
        """Tell whether the knowledge base's kind may overrule the model's label for this span.

        Always when they agree or the model gave none; never when the words in
        or beside the name gave its kind ("la Constitución" is a document,
        whatever town is called so: see ``CUED_KEY``); a person's label only
        when the name is not the end of a person's name the article gives
        (the "Morelos" of "José María Morelos" is the man), as ``people``
        (:meth:`_people`) lists them.
        """
        kind = self.kinds.get(label) if label is not None else None
        if kind is None or kind == entry.kind:
            return True
        if self._kind_cued(span):
            return False
        if kind == "Person":
            return not people.get(fold(span[-1].text), frozenset()) - {span.start}
        return True

    @staticmethod
    def _kind_cued(span: Span) -> bool:
        """Tell whether the words in or beside the name gave its kind (see ``CUED_KEY``)."""
        return any(cued.start <= span.start and span.end <= cued.end for cued in span.doc.spans.get(CUED_KEY, ()))

    def _placed(self, entry: KBEntry, named: set[str]) -> bool:
        """Tell whether a state body's country is named in the article or in the body's own name.

        A person's name never names a country ("Malik" is no "Mali"): a head of
        state links in an article on their country only.
        """
        country = self.kb.get(entry.country) if entry.country else None
        if country is None:
            return False
        own = fold(entry.labels.get("en", ""))
        return entry.country in named or (entry.kind != "Person" and any(fold(n) in own for n in country.all_names()))

    def _typed(self, span: Span, label: str | None, candidates: Iterable[KBEntry]) -> list[KBEntry]:
        """Keep the candidates of the kind the model's label gives."""
        if not self._untyped(span, label):
            kind = self.kinds.get(label)
            return [e for e in candidates if e.kind == kind]
        # A capitalised run the model did not tag, or left untyped: a place, or a name of several words.
        return [e for e in candidates if e.kind == "Place" or len(span) > 1]

    def _untyped(self, span: Span, label: str | None) -> bool:
        """Tell whether the model gave the name no kind: no label, or its "other" one that no word beside it gave.

        Only a name of several words ("Comunidad de Madrid" tagged MISC): a
        lone word tagged so ("Metro") is too often a common noun in capitals.
        """
        return label is None or (self.kinds.get(label) == "Thing" and len(span) > 1 and not self._kind_cued(span))

    def _cued(self, span: Span, keys: Iterable[str]) -> list[str]:
        """Keep the candidates of the classes the words around the name give, if they give any.

        A place before a comma only prefers: when no candidate is of its
        classes, all stay ("Madrid, Barcelona").
        """
        keys = list(keys)
        form = self._cue_word(span)
        cue = self._classes_cued(span, form)
        kept = [k for k in keys if cue is None or self.kb[k].ontology_class in cue]
        division = self.division_words.get(form or "")
        if division is not None:
            # "la provincia de Lima" is no "Lima Region": an entry whose own name says
            # another kind of division is another place.
            kept = [k for k in kept if self._divisions_named(self.kb[k]) <= {division}]
        return kept if kept or cue is not self.after_place else keys

    def _divisions_named(self, entry: KBEntry) -> set[str]:
        """Return the kinds of division an entry's English names say it is ("Lima Region": region)."""
        return {self.division_words[w] for name in entry.names("en") for w in fold(name).split() if w in self.division_words}

    def _cue(self, span: Span) -> set[str] | None:
        """Return the classes the words beside the name give, if they give any.

        A noun before or after it ("the city of X", "X province", "the states of
        X and Y": the noun's lemma counts, and a name in a coordination takes
        the first name's noun); or a place just before it and a comma ("Axochiapan,
        Morelos"), which makes it the larger place that one lies in.
        """
        return self._classes_cued(span, self._cue_word(span))

    def _classes_cued(self, span: Span, form: str | None) -> set[str] | None:
        """Return the classes the cue word ``form`` gives (see :meth:`_cue_word`), else those a place and a comma before the name give."""
        if form is not None:
            return self.cues[form]
        if self._after_place(span):
            return self.after_place
        return None

    def _cue_word(self, span: Span) -> str | None:
        """Return the folded noun before or after the name that gives its class (see :meth:`_cue`), if there is one.

        A plural noun before an of-word and one name ("adjacent regions of Andorra") names
        parts of it, and gives no class; before names coordinated ("the provinces of
        Badajoz and Sevilla"), it names each.
        """
        doc = span.doc
        first = span.root
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        start = span.start if first.i >= span.start else min(t.i for t in first.subtree if t.i <= first.i and t.dep_ in ("compound", "flat") or t.i == first.i)
        before, crossed = start - 1, False
        if before >= 1 and fold(doc[before].text) in self.of_words:
            before, crossed = before - 1, True
        # "regions of Andorra" are parts of it; "the states of X and Y" name two states.
        parts = crossed and is_plural(doc[before]) and not any(
            t.dep_ == "conj" and t.pos_ == "PROPN" for t in (first, *first.children))
        for i in (before, span.end):
            # "golpe de Estado de Perú": the phrase's word is no noun of the name.
            if 0 <= i < len(doc) and not ends_phrase(doc, i, self.capitalised_phrases) and not (parts and i == before):
                for form in (fold(doc[i].text), fold(doc[i].lemma_)):
                    # "the capital of X" names X by what lies in it: X is no capital.
                    if form in self.cues and not (crossed and i == before and form in self.relational):
                        return form
        return None

    def _after_place(self, span: Span) -> bool:
        """Tell whether the span follows a place and a comma, outside an enumeration of places.

        "San Felipe Ayutla, Puebla" names where the town lies; "Chicago, Los
        Angeles, or Seattle" is a list: a comma, "and" or "or" before the
        first place or after the second makes it one.
        """
        doc = span.doc
        places = ("GPE", "LOC", "Place")
        # Any name before the comma: the model often takes a town for a person ("San Felipe Ayutla, Puebla").
        if not self.after_place or span.start < 2 or doc[span.start - 1].text != "," or not doc[span.start - 2].ent_type_:
            return False
        previous = doc[span.start - 2]
        first = previous.i
        while first > 0 and doc[first - 1].ent_type_ == previous.ent_type_ and doc[first - 1].ent_iob_ != "B":
            first -= 1
        if first > 0 and (doc[first - 1].text == "," or doc[first - 1].lower_ in self.coordinators):
            return False
        after = doc[span.end] if span.end < len(doc) else None
        return not (after is not None and (after.lower_ in self.coordinators or (after.text == "," and span.end + 1 < len(doc)
                    and doc[span.end + 1].ent_type_ in places)))

    def _choose(self, candidates: list[KBEntry], named: set[str]) -> str | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0].key
        ranked = sorted(candidates, key=lambda e: (-e.prior, e.key))
        here = [e for e in candidates if self._here(e, named)]
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
        """Make each link an entity with its entry's kind and key, in place of the model's entity.

        A place inside an event's name is an inner name (``INNER_KEY``), beside the gazetteer's.
        """
        inner = [Span(doc, link.start, link.end, label="Place", span_id=link.key) for link in links if link.inner]
        links = [link for link in links if not link.inner]
        taken = {i for link in links for i in range(link.start, link.end)}
        # A hand-written name a longer linked name took whole ("United States" of "United States Virgin Islands") still names its entry inside it.
        inner += [Span(doc, ent.start, ent.end, label=ent.label_, span_id=ent.ent_id_) for ent in doc.ents
                  if ent.ent_id_ and any(link.key and link.start <= ent.start and ent.end <= link.end and link.end - link.start > len(ent)
                                         for link in links)]
        if inner:
            doc.spans[INNER_KEY] = sorted({(s.start, s.end, s.id_): s for s in [*doc.spans.get(INNER_KEY, []), *inner]}.values(),
                                          key=lambda span: (span.start, span.end))
        towns = self._towns_before(doc, links)
        kept = [Span(doc, ent.start, ent.end, label="Place") if (ent.start, ent.end) in towns else ent
                for ent in doc.ents if taken.isdisjoint(range(ent.start, ent.end))]
        if towns:
            doc.spans[MODEL_LABELS_KEY] = [s for s in doc.spans.get(MODEL_LABELS_KEY, []) if (s.start, s.end) not in towns]
        new = [Span(doc, link.start, link.end, label=self.kb[link.key].kind, span_id=link.key) if link.key
               else Span(doc, link.start, link.end, label=link.kind or link.replaces.label_) for link in links if link.key or link.replaces is not None]
        doc.ents = self._listed_after_a_kind(doc, sorted(kept + new, key=lambda span: span.start))

    def _listed_after_a_kind(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Return the entities, those listed right after a plural noun of a kind given that kind.

        "los partidos Unión por el Perú, Podemos Perú y Frente Amplio", "the
        carmakers Varnholt, Halden and Acme": the noun (a plural of
        ``kind_heads``) says what each name of the list is, whatever the model
        made of it (the filter reads a name right after such a noun, alone). Read
        here, where the names the knowledge base completed ("Unión por el
        Perú", which the model cut at "por") are whole. Only a list of two
        names or more, the first right after the noun, the others after a
        comma or a conjunction; a name the knowledge base knows keeps its kind.
        """
        at = {span.start: n for n, span in enumerate(ents)}
        retyped = list(ents)
        for noun in doc:
            kind = self.kind_of_head.get(fold(noun.lemma_ or noun.text))
            if kind is None or noun.pos_ != "NOUN" or not noun.text[:1].islower() or not is_plural(noun) or noun.i + 1 not in at:
                continue
            listed = [at[noun.i + 1]]
            while True:
                end = ents[listed[-1]].end
                # ", A", " y A", ", y A"
                step = 2 if end + 1 < len(doc) and doc[end].text == "," and fold(doc[end + 1].text) in self.coordinators else 1
                if end >= len(doc) or (doc[end].text != "," and fold(doc[end].text) not in self.coordinators) or end + step not in at:
                    break
                listed.append(at[end + step])
            if len(listed) < 2:
                continue
            for n in listed:
                span = ents[n]
                if not span.id_ and self.kinds.get(span.label_) != kind:
                    retyped[n] = Span(doc, span.start, span.end, label=kind)
        return retyped

    def _towns_before(self, doc: Doc, links: list[Link]) -> set[tuple[int, int]]:
        """Return the unlinked entities just before ", <region>" that the model did not take for places.

        "San Felipe Ayutla, Puebla": a name the article locates in a known
        region is a place, whatever the model guessed. Not before the
        region's possessive ("Vale, Brazil's largest miner": an apposition),
        nor a name whose kind the words beside it gave (``CUED_KEY``).
        """
        towns = set()
        for link in links:
            span = doc[link.start : link.end]
            if link.key is None or self.kb[link.key].ontology_class not in self.after_place or not self._after_place(span) \
                    or (link.end < len(doc) and is_possessive(doc[link.end])):
                continue
            for ent in doc.ents:
                if ent.end == link.start - 1 and not ent.ent_id_ and self.kinds.get(ent.label_) != "Place" and not self._kind_cued(ent):
                    towns.add((ent.start, ent.end))
        return towns

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def _without_twins(candidates: list[KBEntry], dominance: float) -> list[KBEntry]:
    """Drop the entries without a Wikidata ID that repeat one with it: the same name, class and country, and a like size.

    Two sources list one city ("Santiago", Chile's capital, from GeoNames
    alone and from Natural Earth with its item): they are one candidate, not
    two rivals that leave the name unlinked. Sizes apart by ``dominance`` or
    more are two towns of one name ("Ontario", a city of 170,000 in
    California, and one of 12,000 in Oregon).
    """
    linked = [e for e in candidates if e.wikidata]

    def twin(entry: KBEntry) -> bool:
        return any((e.labels.get("en"), e.ontology_class, e.country) == (entry.labels.get("en"), entry.ontology_class, entry.country)
                   and max(e.prior, entry.prior) < dominance * max(min(e.prior, entry.prior), 1) for e in linked)

    return [e for e in candidates if e.wikidata or not twin(e)]


@Language.factory("beslan_linker", default_config={"kb_path": None, "lang": None})
def make_linker(nlp: Language, name: str, kb_path: str | None, lang: str | None) -> KBLinker:
    """Build the :class:`KBLinker` from ``kb_path`` (the bundled KB if None)."""
    return KBLinker(nlp, name, kb_path=kb_path, lang=lang)
