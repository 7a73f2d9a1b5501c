"""A spaCy component that keeps noise out of the Doc's entities.

Small statistical models tag adverbs ("Rápidamente"), clauses ("La operación
fue caótica"), dates and demonyms as entities. The filter judges each entity
the model proposed by its part of speech, length, casing and label, relabels
the ones it keeps with their schema.org kind, and keeps the rejected ones in
``doc.spans["rejected"]`` (label = reason) so the decisions can be inspected.
Entities found by the gazetteer are trusted and never filtered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from beslan_kg.kb import ROMAN, fold, folded_demonyms, folded_names, given_name_words, spells
from beslan_kg.nlp.context import is_plural
from beslan_kg.nlp.gazetteer import DEMONYM_KEY, MADE_KEY, is_possessive
from beslan_kg.nlp.normalise import YEAR_WORD, lexicon, parse_time
from beslan_kg.nlp.rules import load_rules
from beslan_kg.records import KINDS

#: Hyphens that join the words of one name ("Notre-Dame", "Kabardino-Balkaria").
HYPHENS = frozenset("-‐‑")
#: The most words before (or after) a place's head word that :meth:`EntityFilter._headed_names` takes for its name.
MAX_HEADED = 4
#: The most words of a long name :meth:`EntityFilter._long_names` joins from the model's pieces: a longer run
#: of capitalised words (a headline in capitals, a list) is read no further.
MAX_LONG_NAME = 24
#: A time zone written as an offset from UTC or GMT ("UTC-3", "GMT +5:30").
TIME_OFFSET = re.compile(r"(?:UTC|GMT)\s?[+\-\u2212\u00b1]\s?\d{1,2}(?::?\d{2})?")
#: A short upper-case word: a time zone when it follows a clock time ("04:17 TRT").
ZONE_LIKE = re.compile(r"[A-Z]{2,5}")
#: A model's designation after its maker's name ("Airbus A320", "Antonov An-26", "Boeing 737").
DESIGNATION = re.compile(r"[A-Za-z]{1,3}-?[0-9]{1,4}[a-z]{0,3}|[0-9]{3,4}")
#: The words that may follow a designation in a model's name ("737 MAX 8").
DESIGNATION_TAIL = re.compile(r"[A-Z]{2,5}|[0-9]{1,2}")
#: A body's acronym: capitals only, two to six of them ("BBVA", "FMI").
ACRONYM = re.compile(r"[A-ZÁÉÍÓÚÑ]{2,6}")
#: ``doc.spans`` key of the entities the filter rejected.
REJECTED_KEY = "rejected"
#: Marks that open an apposition after a name: a comma, a dash ("the Tatmadaw—Myanmar's military—").
APPOSITION_MARKS = frozenset({",", "—", "–"})
#: Why a span is a clause, not a name: rejected whole, though names may stand in it.
CLAUSE_REASONS = frozenset({"too long", "contains a verb"})
#: ``doc.spans`` key of the kept model entities, with the model's own label.
MODEL_LABELS_KEY = "model_labels"
#: Why the filter refused a name that is only part of an event's name ("terremoto de Chiapas").
IN_EVENT_NAME = "in an event's name"
#: Why the filter refused a person's name given to an event ("el huracán Otis"): no place either.
GIVEN_EVENT_NAME = "an event's given name"
#: What :meth:`EntityFilter._described` returns for a name a product noun describes ("the WannaCry ransomware"): a Thing.
PRODUCT = "product"
#: ``doc.spans`` key of the kept names a product noun beside them made things ("the WannaCry ransomware").
PRODUCTS_KEY = "product_names"
#: What :meth:`EntityFilter._described` returns for a case's name ("Roe v. Wade"): an event's.
CASE = "case"
#: ``doc.spans`` key of the names of cases ("Roe v. Wade"), which :mod:`beslan_kg.nlp.events` reads as events.
CASES_KEY = "case_names"
#: ``doc.spans`` key of the parties' names inside the cases' names ("Derek Michael Chauvin" of "State of Minnesota v. Derek Michael Chauvin").
PARTIES_KEY = "case_parties"
# The kind of the names :meth:`EntityFilter._described` tells made things or cases.
_KIND_OF = {PRODUCT: "Thing", CASE: "Event"}
#: ``doc.spans`` key of the kept model entities whose kind the words in or beside them gave
#: ("Supreme Court", "the operator X"): the text says what they are, which no prior overrules.
CUED_KEY = "cued_kinds"
#: Why ``not_entity_names`` lists a disease ("the Ebola of Kivu" names where it is).
DISEASE = "disease"
# ``Doc.user_data`` key of the words a doc writes in lower case as nouns.
COMMON_NOUNS_KEY = "beslan_common_nouns"

# A word with a number after a hyphen ("Chang'e-6", "Soyuz-2"): a thing's name, a model's or a mission's.
NUMBERED = re.compile(r"[^\W\d_][\w'’]*-\d+")
# The dash that joins two names into one ("Trek–Segafredo"); the long one sets a phrase apart ("—aunque").
DASHES = frozenset({"–"})


class EntityFilter:
    """Drop noisy entities and relabel the rest with their kind.

    Args:
        lang: The language whose rules (``ontology/rules/<lang>.yaml``) apply.
    """

    def __init__(self, nlp: Language, name: str, *, lang: str | None = None) -> None:
        self.name = name
        self.lang = lang or nlp.lang
        rules = load_rules(self.lang)
        self.labels: Mapping[str, list[str]] = rules["entity_labels"]
        filters: Mapping[str, Any] = rules["filters"]
        self.max_tokens = int(filters["max_tokens"])
        self.bad_first_pos = set(filters["bad_first_pos"])
        self.bad_pos = set(filters["bad_pos"])
        self.stop_words = {fold(w) for w in filters.get("stop_words", ())}
        self.capitalised_phrases = capitalised_phrases(rules)
        self.longest_phrases_first = sorted(self.capitalised_phrases, key=lambda p: (-len(p), p))
        self.function_pos = set(filters.get("function_pos", ("ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON")))
        self.demonyms = folded_demonyms()
        self.place_names = folded_names(kinds=frozenset({"Place"}))
        # Every name the knowledge base knows: a word the model took for a person may be a place it knows (the linker retypes it).
        self.known_names = folded_names(kinds=frozenset({"Person", "Organization", "Place", "Thing"}))
        # ...and the last words of the people it knows: news names a known person by surname alone ("Biden won").
        self.known_surnames = frozenset(name.split()[-1] for name in folded_names(kinds=frozenset({"Person"})) if " " in name)
        countries = set(rules.get("country_classes", ()))
        states = countries | {"Region", "FederalSubject"}
        self.state_names = folded_names(classes=frozenset(states))
        self.country_names = folded_names(classes=frozenset(countries))
        self.split_words = {fold(w) for w in filters.get("split_words", ())}
        self.person_split_words = {fold(w) for w in filters.get("person_split_words", ())}
        cases = rules.get("case_names") or {}
        self.case_joiners = {fold(w) for w in cases.get("joiners", ())}
        self.cued_case_joiners = {fold(w) for w in cases.get("cued_joiners", ())}
        self._case_joiners_at: set[int] = set()
        # The parties' names the model tagged inside the cases' names, for the doc being read.
        self._case_parties: list[Span] = []
        self.case_cues = {fold(w) for w in cases.get("cues", ())}
        self.determiners = {fold(w) for w in (rules.get("anaphora") or {}).get("determiners", ())}
        # Exact forms first ("Mw" is a scale, "MW" a unit), then any casing.
        listed = [(str(w), reason) for reason, words in (rules.get("not_entity_names") or {}).items() for w in words]
        listed += [(str(w), "common noun") for w in rules.get("common_nouns", ())]
        self.not_names = {fold(w): reason for w, reason in listed} | {w: reason for w, reason in listed}
        self.heads = {fold(w): kind for kind, words in (rules.get("kind_heads") or {}).items() for w in words}
        self.untagged_place_heads = {fold(w) for w in rules.get("untagged_place_heads", ())}
        # Written as they are: "MS" opens a ship's name, "Ms" a woman's.
        self.vessel_prefixes = frozenset(rules.get("vessel_prefixes", ()))
        self.code_name_openers = frozenset(rules.get("code_name_openers", ()))
        self.units = frozenset((rules.get("not_entity_names") or {}).get("unit", ()))
        # "Lion Air Flight 610", "vuelo 302": a number after such a word is a label, no model's designation.
        self.number_labels = lexicon(self.lang).number_labels
        self.calendar = frozenset(fold(w) for w in (*lexicon(self.lang).all_months, *lexicon(self.lang).all_weekdays))
        vehicles = ((rules.get("agent_groups") or {}).get("vehicle") or {}).get("nouns", ())
        self.numbered_vehicles = self.number_labels & {fold(w) for w in vehicles}
        self.name_heads = {fold(w): kind for kind, words in (rules.get("name_heads") or {}).items() for w in words}
        self.body_heads = {w.lower() for w in (rules.get("kind_heads") or {}).get("Organization", ())}
        self.bodies_after = {fold(w) for w in rules.get("body_nouns_after", ())}
        self.alias_markers = {fold(w) for w in rules.get("alias_markers", ())}
        self.nicknaming = {fold(w) for w in (*rules.get("naming_words", ()), *rules.get("alias_words", ()), *rules.get("nickname_words", ()))}
        self.features = {fold(w) for w in rules.get("feature_nouns", ())}
        self.toponym_nouns = {fold(w) for w in rules.get("toponym_nouns") or ()}
        # Words no name ends with, whatever the tagger made of them ("Instituto Nacional de").
        self.function_words = {fold(w) for w in (*rules.get("of_words", ()), *rules.get("coordinators", ()), *self.determiners)}
        self.of_words = {fold(w) for w in rules.get("of_words", ())}
        # The lower-case words that link a name's words ("Organización de los Estados Americanos").
        self.linking_words = frozenset(self.of_words | self.determiners)
        self.head_last = rules.get("name_head_position") == "last"
        self.coordinators = {fold(w) for w in rules.get("coordinators", ())}
        self.org_roles = {fold(w) for w in rules.get("org_role_nouns", ())}
        # Nouns of named things ("ransomware", "sistema operativo"): beside a name, they make it a thing's.
        self.products = {fold(w) for w in rules.get("product_nouns", ())}
        self.org_names = folded_names(kinds=frozenset({"Organization"}))
        # Nouns whose "of" phrase names a place: "the town of X", "la provincia de X".
        self.place_of_nouns = {fold(w) for w in (*rules.get("place_heads", ()), *rules.get("division_nouns", ()))}
        self.particles = {fold(w) for w in rules.get("name_particles", ())}
        self.titles = {tuple(fold(w).split()) for w in rules.get("name_titles", ())}
        self.portfolio_titles = {fold(w) for w in rules.get("portfolio_titles", ())}
        self.saint_words = frozenset(rules.get("saint_words", ()))
        # What only a person has: a name that owns one is a person's ("Elizabeth's coffin").
        self.person_possessions = {fold(w) for w in rules.get("person_possessions", ())}
        self.naming_words = {fold(w) for w in rules.get("naming_words", ())}
        self.title_nouns = {fold(w) for w in rules.get("title_nouns", ())}
        # A title of office ("consejera", "comisario") beside a name is a person's too.
        self.person_nouns = {fold(w) for w in rules.get("person_nouns", ())} | {w for title in self.titles if len(title) == 1 for w in title} \
            | self.portfolio_titles
        # Nouns after a name that make it a place's: "Al Haouz province", "the Atlas mountains".
        self.place_nouns = {fold(w) for w in rules.get("division_nouns", ())} | self.features
        # ...and, as the head of the phrase the name qualifies, the nouns of kinds of places: "the Ruritania area", "Tarvisa villages".
        self.place_kind_nouns = self.place_of_nouns | {fold(w) for w in rules.get("area_nouns", ())}
        self.divisions = {fold(w) for w in rules.get("seat_divisions", ())}
        self.person_label = next((label for label, (kind, _) in self.labels.items() if kind == "Person"), None)
        # Labels of the model that no entity has, but that it gives to firms too ("PRODUCT").
        self.retypable = set(filters.get("retypable_labels", ()))
        self.place_name_labels = set(filters.get("place_name_labels", ()))
        self.label_of_kind = {}
        for label, (kind, _) in self.labels.items():
            self.label_of_kind.setdefault(kind, label)
        self.place_label = next((label for label, (kind, cls) in self.labels.items() if (kind, cls) == ("Place", "Place")), None)
        self.scale_nouns = {fold(w) for w in rules.get("scale_nouns", ())}
        self.body_joiners = {fold(w) for w in rules.get("body_joiners", ())}
        self.name_joiners = {fold(w) for w in rules.get("name_joiners", ())} | self.body_joiners
        route = rules.get("route_words") or {}
        self.route_from = {fold(w) for w in route.get("from", ())}
        self.route_to = {fold(w) for w in route.get("to", ())}
        # Nouns of the events an article can be about ("earthquake", "terremoto"): a place
        # in such an event's name is part of the name ("the 2017 Puebla earthquake").
        self.event_nouns = {
            fold(lemma) for spec in rules.get("events", ()) if spec.get("main") and "NOUN" in spec.get("pos", ())
            for lemma in spec.get("lemmas", ()) if " " not in lemma
        }
        given = set(rules.get("given_name_classes", ()))
        self.given_name_nouns = {fold(lemma) for spec in rules.get("events", ()) if spec.get("class") in given
                                 for lemma in spec.get("lemmas", ()) if " " not in lemma} & self.event_nouns

    def clean(self, span: Span) -> list[Span]:
        """Return the names a model entity holds, without what is not part of them.

        A span is split at a word that opposes two names ("Sporting Cristal
        contra Cruzeiro"), a person's at a preposition no person's name holds
        (``person_split_words``: "Ernesto Cabral para La Encerrona"); loses a
        lower-case article or an article opening its sentence ("the Greater Mexico City"; "La Manada" keeps its
        capital), lower-case words before the name ("campeón Flamengo", "la
        victoria de Peña Nieto"), a possessive ending ("the minister's") and
        a bracket with what follows ("National Electoral Institute (INE", the
        acronym a name of its own); it gains the proper nouns the model cut
        off its end, the noun of the natural feature it names ("the Cocos
        plate") or of the division named after it ("Kozhikode district"), a
        model's designation after its maker's name ("Airbus A320") and a
        demonym after a body's head word ("el Gobierno español"). A case's name
        ("Roe contra Wade") is not split.
        """
        if span.ent_id_ or span.label_ in KINDS:
            return [span]
        doc = span.doc
        cut = next((t.i for t in span if t.text == "("), span.end)
        parts, start = [], span.start
        # "National Electoral Institute (INE": the acronym is a name of its own.
        bracketed = [(cut + 1, cut + 2)] if cut + 1 < span.end and cut + 2 <= len(doc) and doc[cut + 1].text.isupper() else []
        case = self._case_name(span)
        splits = self.split_words | (self.person_split_words if self.labels.get(span.label_, ("",))[0] == "Person" else set())
        for token in doc[span.start : cut]:
            # Only in lower case: "Frente Amplio" is a name, "frente a" sets two against each other.
            # ...and before a name: "la Alianza contra el Hambre" is one.
            # "COVID-19 and Ebola": a coordinator after a word that is no name joins two of its kind.
            listed_before = fold(token.text) in self.coordinators and self._listed(doc[start : token.i].text) is not None
            if token.text[:1].islower() and (fold(token.text) in splits or listed_before) and token.i > start and not case \
                    and token.i + 1 < cut and doc[token.i + 1].text[:1].isupper():
                parts.append((start, token.i))
                start = token.i + 1
        parts.append((start, cut))
        parts += bracketed
        parts = [piece for part in parts for piece in self._place_before_person(doc, *part, span.label_)]
        parts = [piece for part in parts for piece in self._place_after_person(doc, part, span.label_)]
        parts = [self._place_of_disease(doc, part) for part in parts]
        found = []
        for start, end, *place in parts:
            if place:  # the place or body a person's name was run into: a name of its own, not cleaned further
                found.append(Span(doc, start, end, label=place[0]))
                continue
            end = self._of_its_place(doc, self._whole(doc, end)) if end == span.end else end
            # Only words before a name are dropped: a span with no capital stays, to be refused whole.
            named = [t.i for t in doc[start:end] if t.text[:1].isupper() and not self._leading_noise(t)]
            while named and start < named[0] and self._leading_noise(doc[start]):
                start += 1
            # "golpe de Estado Aung San Suu Kyi", "golpe de Estado al Congreso": the phrase's
            # capitalised word, and the words after it before a name, are no part of the name.
            while start < end - 1 and ends_phrase(doc, start, self.capitalised_phrases):
                start += 1
                while start < end - 1 and self._leading_noise(doc[start]):
                    start += 1
            while end > start + 1 and (is_possessive(doc[end - 1]) or doc[end - 1].is_punct):
                end -= 1
            # "las elecciones de México de 2018": a year after an of-word dates what the name is said of; it is no part of the name.
            while end - start > 2 and YEAR_WORD.fullmatch(doc[end - 1].text) and fold(doc[end - 2].text) in self.of_words:
                end -= 2
            start, end, label = self._untitled(doc, start, end, span.label_)
            if start < end:
                start, end = self._feature(doc, start, end, span)
                end = self._model(doc, start, end, span, label)
                end = self._demonym_after(doc, end)
                found.append(Span(doc, start, end, label=label))
        return found

    def _model(self, doc: Doc, start: int, end: int, own: Span, label: str) -> int:
        """Widen a maker's name over the model's designation after it: "Airbus" + "A320", "Boeing" + "737 MAX 8".

        A bare number is a model only after a body's name, and not as the
        count of what follows it ("paid Airbus 300 million", "Boeing 300 jets").
        """
        # The model often tags the designation apart ("737" a product, "MAX" a body): its words are the model's.
        if end >= len(doc) or not self._designation(doc[end]) or fold(doc[end - 1].text) in self.number_labels:
            return end
        if doc[end].text.isdigit():
            after = doc[end + 1] if end + 1 < len(doc) else None
            if self.labels.get(label, ("",))[0] != "Organization" or (after is not None and (
                after.like_num or after.text in self.units or (after.pos_ == "NOUN" and "Plur" in after.morph.get("Number"))
            )):
                return end
        end += 1
        while end < len(doc) and DESIGNATION_TAIL.fullmatch(doc[end].text):
            end += 1
        return end

    def _demonym_after(self, doc: Doc, end: int) -> int:
        """Widen a body's head word over the demonym after it, in lower case: "el Gobierno" + "español", "la Armada" + "chilena"."""
        if end >= len(doc) or not doc[end].text[:1].islower() or self.heads.get(fold(doc[end - 1].text)) != "Organization":
            return end
        return end + 1 if fold(doc[end].text) in self.demonyms and doc[end].pos_ == "ADJ" else end

    @staticmethod
    def _designation(token) -> bool:
        return bool(DESIGNATION.fullmatch(token.text)) and not YEAR_WORD.fullmatch(token.text) and any(c.isdigit() for c in token.text)

    def _model_name(self, words: list) -> bool:
        """Tell whether a name is a maker's and a model's designation ("Boeing 737 MAX 8", "Antonov An-26")."""
        at = next((i for i, t in enumerate(words) if i and self._designation(t)), None)
        return at is not None and fold(words[at - 1].text) not in self.number_labels and all(t.text[:1].isupper() for t in words[:at]) and all(
            DESIGNATION_TAIL.fullmatch(t.text) for t in words[at + 1 :]
        )

    def _maker_opens(self, span: Span) -> bool:
        """Tell whether the name is a made thing's that a known organisation's name opens ("Facebook Live").

        The gazetteer finds them, and keeps the name whole with the maker an
        inner name (:meth:`beslan_kg.nlp.gazetteer.KBGazetteer._opens_product_name`).
        """
        return any((made.start, made.end) == (span.start, span.end) for made in span.doc.spans.get(MADE_KEY, ()))

    def _place_before_person(self, doc: Doc, start: int, end: int, label: str) -> list[tuple]:
        """Split a known place, or a body's acronym, off the start of a person's name the model ran it into.

        "el expresidente de Perú Pedro Castillo": after a person's title and
        an of-word, a country or a region the knowledge base knows and two
        capitalised words or more are the place the title is of and the
        person ("de San Felipe Ayutla" is no town "San" and a person);
        returned as ``(start, end, place label)`` and ``(start, end)``. So is
        an acronym there, the body the title is of ("el expresidente del
        BBVA Francisco González", "el presidente de la FIFA Gianni
        Infantino"): no person's name opens with one.
        """
        of = start - 2 if start >= 3 and fold(doc[start - 1].text) in self.determiners else start - 1  # "de la FIFA"
        if self.labels.get(label, ("",))[0] != "Person" or self.place_label is None or of < 1 \
                or fold(doc[of].text) not in self.of_words or not self._person_noun(doc[of - 1]):
            return [(start, end)]
        if end - start >= 3 and all(t.text[:1].isupper() for t in doc[start:end]) and ACRONYM.fullmatch(doc[start].text) \
                and "Organization" in self.label_of_kind:
            return [(start, start + 1, self.label_of_kind["Organization"]), (start + 1, end)]
        for n in (3, 2, 1):
            if end - start - n >= 2 and all(t.text[:1].isupper() for t in doc[start : end]) \
                    and fold(doc[start : start + n].text) in self.state_names:
                return [(start, start + n, self.place_label), (start + n, end)]
        return [(start, end)]

    def _place_after_person(self, doc: Doc, part: tuple, label: str) -> list[tuple]:
        """Split a known place off the end of a person's name the model ran it into.

        "el senador Ted Cruz de Texas", "Senator Ted Cruz of Texas": a
        person's name of two capitalised words or more, an of-word and a
        place the knowledge base knows, after a noun of a person's role, are
        the person and the place they are of (returned as ``(start, end)`` and
        ``(start, end, place label)``). Without the role noun it stays whole:
        "Papeles de Panamá" is no person ("of a place, no person").
        """
        if len(part) > 2 or self.labels.get(label, ("",))[0] != "Person" or self.place_label is None:
            return [part]  # a place split off already
        start, end = part
        of = [t.i for t in doc[start:end] if fold(t.text) in self.of_words]
        if not of or of[-1] - start < 2 or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in doc[start : of[-1]]):
            return [(start, end)]
        place = of[-1] + 1
        while place < end and fold(doc[place].text) in self.determiners:
            place += 1
        if place >= end or fold(doc[place:end].text) not in self.place_names or fold(doc[place:end].text) in self.demonyms \
                or self.kind_of(Span(doc, start, of[-1], label=label)) != "Person":
            return [(start, end)]
        return [(start, of[-1]), (place, end, self.place_label)]

    def _place_of_disease(self, doc: Doc, part: tuple) -> tuple:
        """Return the place a disease's name is said of, the model having run them into one name.

        "el Brote de Ébola de Kivu", "the Ebola of Kivu": a disease (never a
        name, ``not_entity_names``), an of-word and capitalised words: those
        words name where the disease is, a place, returned as ``(start, end,
        place label)``; any other part is returned as it is.
        """
        if len(part) > 2 or self.place_label is None:
            return part
        start, end = part
        while start < end and fold(doc[start].text) in self.determiners:
            start += 1
        of = start + 1
        while of < end - 1 and fold(doc[of].text) not in self.of_words:
            of += 1
        disease = doc[start:of].text
        if of >= end - 1 or self._listed(disease) != DISEASE:
            return part
        place = of + 1
        while place < end and fold(doc[place].text) in self.determiners:
            place += 1
        if place == end or not all(t.text[:1].isupper() for t in doc[place:end]):
            return part
        return (place, end, self.place_label)

    def _title_at(self, doc: Doc, start: int, end: int, *, last: bool) -> int:
        """Return the number of words of the title that opens (or, if ``last``, closes) ``doc[start:end]``, 0 if none."""
        words = [fold(t.text) for t in doc[start:end]]
        for n in (3, 2, 1):
            if n < len(words) and tuple(words[-n:] if last else words[:n]) in self.titles:
                return n
        return 0

    def _untitled(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, int, str]:
        """Cut a title off a name: "Taoiseach Micheál Martin", "European Commission President".

        Before a name, which the title makes a person's whatever the model
        said; a name of one word keeps it ("President Kennedy" may be how the
        text names him), and so does a name whose head word is a place's or a
        body's ("King George VI Memorial Chapel"). After an organisation's
        name, unless an of-word precedes it ("the Department of Justice").
        """
        if label not in self.labels:
            return start, end, label
        n = self._title_at(doc, start, end, last=False)
        # "King George VI Memorial Chapel", "Queen Elizabeth Hospital": a place or a body named after a titled person.
        named_after = self.head_last and self.heads.get(fold(doc[end - 1].text)) not in (None, "Person")
        if named_after:
            n = 0
        if n and end - start - n >= 1 and all(t.text[:1].isupper() for t in doc[start + n : end]):
            start += n if end - start - n >= 2 else 0  # "King Felipe": the title stays with a lone name
            label = self.person_label or label
        elif self.labels[label][0] == "Person" and end - start >= 3 and not named_after and self._person_noun(doc[start]) \
                and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in doc[start + 1 : end]):
            start += 1  # "Goalkeeper Emiliano Martínez": a role noun opening a person's name, capitalised at the sentence's start
        elif self.labels[label][0] == "Person" and end - start >= 3 and self._after_portfolio_title(doc, start) \
                and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in doc[start:end]):
            start += 1  # "Secretary of the Treasury Janet Yellen": the portfolio the title is of, then the person
        n = self._title_at(doc, start, end, last=True)
        # After an of-word the word is what the body is of ("Department of Justice"), no title; nor is
        # one a hyphen joins to the word before ("Notre-Dame").
        if n and self.labels[label][0] != "Person" and end - start - n >= 1 and fold(doc[end - n - 1].text) not in self.of_words \
                and not (doc[end - n - 1].text in HYPHENS and not doc[end - n - 1].whitespace_):
            end -= n
        return start, end, label

    def _after_portfolio_title(self, doc: Doc, start: int) -> bool:
        """Tell whether ``doc[start]`` follows a title of a portfolio and its of-word ("Secretary of the", "ministro de")."""
        i = start - 1
        if i >= 0 and fold(doc[i].text) in self.determiners:
            i -= 1
        return i >= 1 and fold(doc[i].text) in self.of_words and fold(doc[i - 1].text) in self.portfolio_titles

    def _whole(self, doc: Doc, end: int) -> int:
        """Extend a name the model cut before its last words ("Nissan Motor" + "Co."), over
        capitalised proper nouns in no other entity, within the sentence."""
        while end < len(doc) and not _in_entity(doc[end]) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and not doc[end].is_sent_start and not doc[end].like_num:
            end += 1
        return end

    def _of_its_place(self, doc: Doc, end: int) -> int:
        """Extend a body's name the model cut at its of-word over the capitalised words it left untagged.

        "the Human Rights Commission" + "of Sri Lanka", "the Bank" + "of
        England": after a body's head word (``kind_heads``), an of-word and
        proper nouns in no entity, within the sentence, are the rest of its name.
        """
        if end + 1 >= len(doc) or self.heads.get(fold(doc[end - 1].text)) != "Organization" or not doc[end - 1].text[:1].isupper() \
                or fold(doc[end].text) not in self.of_words or not doc[end].text[:1].islower():
            return end
        stop = self._whole(doc, end + 1)
        return stop if stop > end + 1 else end

    def _feature(self, doc: Doc, start: int, end: int, own: Span) -> tuple[int, int]:
        """Widen a name to the natural feature or the work it names: "Cocos" + "plate", "Atocha" +
        "train station", "lago de" + "Texcoco", "avenida" + "Tláhuac" (within the model's own span, or
        over words of no other entity); and to the noun its language writes before a place's name as
        part of it, "islas" + "Canarias" (``toponym_nouns``)."""

        def free(i: int) -> bool:
            return own.start <= i < own.end or not _in_entity(doc[i])

        # One word may stand between the name and the noun after it ("the Atocha train station").
        gap = end + 1 < len(doc) and doc[end].text[:1].islower() and doc[end].pos_ in ("NOUN", "ADJ")
        if end < len(doc) and free(end) and self._is_feature(doc[end]):
            return start, end + 1
        if gap and free(end) and free(end + 1) and self._is_feature(doc[end + 1]):
            return start, end + 2
        # "Kozhikode district", "Sindh province": the division named after the town, not the town.
        if end < len(doc) and free(end) and self._is_division(doc[end]):
            return start, end + 1
        # A plural noun before ("las placas de Cocos y la Norteamericana") is shared by several names.
        # "the Port of Beirut": the noun may be written as part of the name, capitalised after "the".
        if start >= 2 and free(start - 1) and free(start - 2) and fold(doc[start - 1].text) in self.of_words \
                and (self._is_feature(doc[start - 2]) or self._titled_feature(doc[start - 2])) and "Plur" not in doc[start - 2].morph.get("Number"):
            return start - 2, end
        if start >= 1 and free(start - 1) and self._is_feature(doc[start - 1]) and "Plur" not in doc[start - 1].morph.get("Number"):
            return start - 1, end
        # "las islas Canarias", "el océano Pacífico": the language writes the noun in lower case, as part of the place's name.
        if start >= 1 and free(start - 1) and doc[start - 1].text[:1].islower() and fold(doc[start - 1].text) in self.toponym_nouns:
            return start - 1, end
        return start, end

    def _is_feature(self, token) -> bool:
        return token.text[:1].islower() and (fold(token.text) in self.features or fold(token.lemma_ or token.text) in self.features)

    def _titled_feature(self, token) -> bool:
        """Tell whether a feature's noun is written capitalised as the first word of its name, after an article ("the Port of Beirut")."""
        return token.text[:1].isupper() and not token.is_sent_start and token.i > 0 and token.nbor(-1).lower_ in self.determiners \
            and fold(token.text) in self.features

    def _is_division(self, token) -> bool:
        # One division's noun: "Kozhikode and Malappuram districts" names two, neither whole.
        return token.text[:1].islower() and fold(token.text) in self.divisions and "Plur" not in token.morph.get("Number")

    def _leading_noise(self, token) -> bool:
        """Tell whether a word opening a span is not part of the name.

        A preposition or a conjunction opening the sentence is capitalised
        for that alone ("Según La Nación", "In London"): no part of the name.
        """
        if token.is_punct or (token.is_sent_start and token.pos_ in ("ADP", "CCONJ", "SCONJ")):
            return True
        if fold(token.text) in self.determiners or token.pos_ == "DET":
            return token.text[:1].islower() or token.is_sent_start
        return token.text[:1].islower() and token.pos_ != "PROPN"

    def kind_of(self, span: Span) -> str | None:
        """Return the kind the name's head word or a noun describing it gives, if one does (see :meth:`_described`)."""
        kind = self._described(span)
        return _KIND_OF.get(kind, kind)

    def _articled_person(self, span: Span) -> bool:
        """Tell whether a name the model took for a person's opens on an article: "La Encerrona", "El País", "The Guardian".

        No person's own name does; a body's often does. A nickname does too
        ("Joaquín Guzmán, alias El Chapo", "known as 'El Chapo'"): not in
        quotes, nor after a naming word (``naming_words``, ``alias_words``,
        ``nickname_words``).
        """
        words = [t for t in span if not t.is_punct]
        if not (self.labels.get(span.label_, ("",))[0] == "Person" and len(words) > 1 and words[0].text[:1].isupper()
                and fold(words[0].text) in self.determiners and words[1].text[:1].isupper()):
            return False
        before = span.start - 1
        if before >= 0 and span.doc[before].is_quote:
            return False
        while before >= 0 and (span.doc[before].is_punct or fold(span.doc[before].text) in self.alias_markers):
            before -= 1
        return before < 0 or fold(span.doc[before].lemma_ or span.doc[before].text) not in self.nicknaming \
            and fold(span.doc[before].text) not in self.nicknaming

    def _before_a_body_noun(self, span: Span) -> bool:
        """Tell whether a name the model took for a person's qualifies the noun of a body right after it.

        "the Concertación alliance", "the Wagner group": the name is the
        alliance's, the group's (``body_nouns_after``; not "government" or
        "police", which a place's or a person's name qualifies too).
        """
        head = span.root.head
        return self.labels.get(span.label_, ("",))[0] == "Person" and span.root.dep_ == "compound" and head.i == span.end \
            and head.pos_ == "NOUN" and head.text[:1].islower() and fold(head.lemma_ or head.text) in self.bodies_after

    def _described(self, span: Span) -> str | None:
        """Return the kind the name's head word or a noun describing it gives, if one does; :data:`PRODUCT` for a made thing.

        "Tribunal Supremo", "Supreme Court"; the noun before the name, over
        its adjectives ("la coalición Compromiso por México", "el grupo
        islamista Yarmuk", "the striker Ana Varga"); the noun of an apposition
        after it ("Lone Wolf, a unit led by ..."); the noun the name is given
        to ("a group called Red Dawn", "un grupo llamado «La Manada»"); a
        division or feature noun after it ("Al Haouz province"); a body's
        noun right after a name the model took for a person's ("the
        Concertación alliance"), or an article that opens one ("La
        Encerrona"), makes it an organisation's. A ship's
        prefix ("MV Sewol") or a model's designation ("Airbus A320") makes it
        a thing's, and a case's joiner ("Roe v. Wade") :data:`CASE`.
        """
        words = [t for t in span if not t.is_punct]
        doc, before = span.doc, span.start - 1
        while before >= 0 and fold(doc[before].text) in self.determiners:
            before -= 1
        # Over its adjectives, but not over a title the tagger made one ("la infanta Sofía").
        while before > 0 and doc[before].pos_ == "ADJ" and doc[before].text[:1].islower() and not self._person_noun(doc[before]):
            before -= 1
        # "la consejera de Estado Aung San Suu Kyi": a common phrase written with a capital is one
        # noun before the name, read from its first word.
        phrase = next((len(p) for p in self.longest_phrases_first if before >= 0 and ends_phrase(doc, before, (p,))), 0)
        before -= max(phrase - 1, 0)
        # A noun just before the name says what it is; of a noun and its "of" phrase, the first
        # ("la firma de abogados X" is a firm, not a lawyer).
        # A title right before the name is the person's, whatever it is of ("el gobierno del presidente X").
        if before >= 2 and doc[before].pos_ == "NOUN" and fold(doc[before - 1].text) in self.of_words \
                and doc[before - 2].pos_ == "NOUN" and doc[before - 2].text[:1].islower() and (fold(doc[before].text),) not in self.titles:
            before -= 2
        apposed = [doc[before]] if before >= 0 and doc[before].text[:1].islower() else []
        # A saint's lower-case title the model took into the name ("san Pedro"; "San Pedro Sula" is a town).
        if len(words) > 1 and words[0].text in self.saint_words and all(t.text[:1].isupper() for t in words[1:]):
            return "Person"
        after = span.end + 1
        if span.end < len(doc) and doc[span.end].text in APPOSITION_MARKS:
            while after < len(doc):
                # Not over a kind's noun the tagger read as an adjective ("Hellenic Train, subsidiaria del grupo FS").
                if (doc[after].pos_ in ("DET", "ADJ") or fold(doc[after].text) in self.determiners) and doc[after].text[:1].islower() \
                        and fold(doc[after].text) not in self.heads:
                    after += 1
                    continue
                # "Vale, Brazil's largest miner", "the Tatmadaw—Myanmar's military—": over a name's possessive.
                owner = after
                while owner < len(doc) and doc[owner].pos_ == "PROPN" and doc[owner].text[:1].isupper():
                    owner += 1
                if owner == after or owner >= len(doc) or not is_possessive(doc[owner]):
                    break
                after = owner + 1
            # ...unless a name follows the noun, which the noun is the title of ("In Brazil, former president X").
            # Without a determiner, only a noun its own "of" phrase or a comma follows ("X, presidente de la cumbre,").
            bare = after == span.end + 1 and after + 1 < len(doc) and (doc[after + 1].text == "," or fold(doc[after + 1].text) in self.of_words)
            # "a rescue group": the noun the compounds before it describe.
            while after + 1 < len(doc) and doc[after].dep_ == "compound" and doc[after].head.i == after + 1 and doc[after + 1].pos_ == "NOUN":
                after += 1
            if after < len(doc) and (after > span.end + 1 or bare) and (doc[after].pos_ == "NOUN" or fold(doc[after].text) in self.heads) \
                    and doc[after].text[:1].islower() \
                    and not (after + 1 < len(doc) and doc[after + 1].text[:1].isupper() and doc[after + 1].pos_ == "PROPN"):
                apposed.append(doc[after])
        if len(words) > 1 and words[0].text in self.vessel_prefixes:
            return PRODUCT  # "MV Sewol", "ARA San Juan": a ship, whatever noun stands beside it
        if len(words) > 1 and words[0].text in self.code_name_openers:
            return "Thing"  # "Operation London Bridge": a plan's code name, no bridge
        if self._model_name(words) or self._maker_opens(span):
            return PRODUCT  # "Airbus A320", "Facebook Live": the model or the product, not its maker
        if self._case_name(span):
            return CASE  # "Roe v. Wade": a case, no party of it
        # "Law and Justice", "Ley y Justicia": a name that joins two nouns is a party's or a
        # movement's, whatever its first word is the head of.
        own = (words[-1],) if len(words) > 2 and fold(words[1].text) in self.coordinators else (words[0], words[-1]) if words else ()
        # Where the language puts a name's head, that word says first what the name is of
        # ("the Canal Authority"), but not the first word of an of-phrase ("the Port of Beirut").
        if self.head_last and len(own) == 2 and not (len(words) > 1 and fold(words[1].text) in self.of_words):
            own = own[::-1]
        for token in own + tuple(apposed):
            kind = self.heads.get(fold(token.text)) or self.heads.get(fold(token.lemma_))
            if kind:
                return kind
        for token in own:  # a name in another language keeps its words
            kind = self.name_heads.get(fold(token.text))
            if kind:
                return kind
        if self._after_place_noun(span):
            return "Place"
        if self._before_a_body_noun(span) or self._articled_person(span):
            return "Organization"
        if self._owns_a_person_s(span):
            return "Person"
        if self.labels.get(span.label_, ("",))[0] != "Person" and self._has_org_role(span):
            return "Organization"
        # "a group called X", "un grupo de WhatsApp llamado «X»": the noun the name is given to.
        named = span.root.head
        if named is not span.root and fold(named.lemma_ or named.text) in self.naming_words and named.head is not named \
                and named.head.pos_ == "NOUN" and named.head.i < span.start and named.i < span.start:
            apposed.append(named.head)
            kind = self.heads.get(fold(named.head.text)) or self.heads.get(fold(named.head.lemma_))
            if kind:
                return kind
        # "El primer ministro libanés, Hasán Diab": the role before a comma, over its adjectives.
        if span.start >= 2 and doc[span.start - 1].text == ",":
            role = span.start - 2
            # "El director general de la OMS, Tedros": over the body the role is of.
            body = role
            while body > 0 and span.start - body < 8 and (doc[body].text[:1].isupper() or fold(doc[body].text) in self.linking_words):
                body -= 1
            if body < role and any(fold(t.text) in self.of_words for t in doc[body + 1 : role]) and doc[body].text[:1].islower():
                role = body
            while role > 0 and doc[role].pos_ == "ADJ" and doc[role].text[:1].islower():
                role -= 1
            if doc[role].text[:1].islower():
                apposed.append(doc[role])
        # "FTX's exchange token, FTT": a noun of a named thing beside the name.
        if self._product(span, apposed):
            return PRODUCT
        # A noun for a person's role beside the name ("el técnico Hansi Flick", "X, the striker"):
        # only beside it, since a name may begin with one ("King's College").
        if any(self._person_noun(t) for t in apposed):
            return "Person"
        # "Tacloban, the capital of Leyte", "the town Orla": a place's noun beside it.
        if any(t.pos_ == "NOUN" and fold(t.lemma_ or t.text) in self.place_of_nouns for t in apposed):
            return "Place"
        following = doc[span.end] if span.end < len(doc) else None
        # "Cocos plate", "cráter Apolo": a feature's noun where the language puts a name's head.
        head = words[-1] if self.head_last or not words else words[0]
        if (words and (self._is_feature(head) or self._is_feature(words[-1]) or self._is_division(words[-1]))) or (following is not None and following.text[:1].islower()
                                                        and fold(following.lemma_ or following.text) in self.place_nouns):
            return "Place"
        if following is not None and following.text[:1].islower() and following.pos_ == "NOUN" and following.dep_ != "compound" \
                and not is_plural(following) and span.root.head.i == following.i and fold(following.lemma_ or following.text) in self.place_kind_nouns:
            # "the Chooramala area": the name qualifies a kind of place ("the Obama state visit" does not; nor
            # "Commonwealth countries", a group's places).
            return "Place"
        if words and self.labels.get(span.label_, ("",))[0] == "Person" and NUMBERED.fullmatch(words[-1].text):
            return PRODUCT  # "Chang'e-6": no person's name ends in a number (a regnal one is Roman)
        return None

    def _product(self, span: Span, apposed: list) -> bool:
        """Tell whether a noun beside the name says it names a made or natural thing (``product_nouns``).

        The noun before it or in an apposition ("el gusano WannaCry",
        "EternalBlue, an exploit"), or the noun the name is a compound of
        ("the WannaCry ransomware cryptoworm", "the Microsoft Windows operating
        system"): only that noun, the head, not a word between ("the Sinaloa
        drug cartel"). A name the knowledge base knows as a body's keeps its
        kind ("the Microsoft operating system").
        """
        if not self.products or fold(span.text) in self.org_names:
            return False
        doc, nouns = span.doc, list(apposed)
        head = span.root.head
        if span.root.dep_ in ("compound", "nmod", "amod") and head.i >= span.end and head.pos_ == "NOUN" and head.text[:1].islower() \
                and all(t.text[:1].islower() and t.pos_ in ("NOUN", "ADJ", "VERB", "PROPN") for t in doc[span.end : head.i]):
            nouns.append(head)
        for noun in nouns:
            forms = {fold(noun.text), fold(noun.lemma_)}
            if noun.i > 0:
                forms.add(fold(f"{doc[noun.i - 1].text} {noun.text}"))
            if noun.i + 1 < len(doc):
                forms.add(fold(f"{noun.text} {doc[noun.i + 1].text}"))
            if forms & self.products:
                return True
        return False

    def _has_org_role(self, span: Span) -> bool:
        """Tell whether the name is what a firm's role noun is of: "Nvidia's founder", "el fundador de Nvidia".

        Only firms and bodies have founders, shareholders or employees
        (``org_role_nouns``); a person's name keeps the model's label (see
        :meth:`kind_of`).
        """
        doc, i = span.doc, span.end
        if i < len(doc) and is_possessive(doc[i]):
            i += 1
            while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].text[:1].islower():
                i += 1
            if i < len(doc) and self._org_role(doc[i]):
                return True
        before = span.start - 1
        while before > 0 and fold(doc[before].text) in self.determiners:
            before -= 1
        if before >= 1 and fold(doc[before].text) in self.of_words:
            role = before - 1
            while role > 0 and doc[role].pos_ == "ADJ" and doc[role].text[:1].islower():
                role -= 1
            return self._org_role(doc[role])
        return False

    def _org_role(self, token) -> bool:
        return token.text[:1].islower() and bool({fold(token.text), fold(token.lemma_)} & self.org_roles)

    def _person_noun(self, token) -> bool:
        """Tell whether a word names a person's role, a former one included ("exjuez", "ex-minister")."""
        forms = {fold(token.text), fold(token.lemma_)}
        forms |= {re.sub(r"^ex-?", "", form) for form in forms}
        return bool(forms & self.person_nouns)

    def _owns_a_person_s(self, span: Span) -> bool:
        """Tell whether the name owns what only a person has: "Elizabeth's coffin", "the funeral of X", "el reinado de X".

        The noun the name's possessive or its of-phrase hangs on
        (``person_possessions``), not a noun before it ("Ukraine's death
        toll" is the toll's).
        """
        root = span.root
        if root.dep_ == "poss" or any(is_possessive(t) for t in root.children):
            owned = root.head
        elif root.head.pos_ == "ADP" and fold(root.head.text) in self.of_words:
            owned = root.head.head  # "the funeral of X"
        elif any(t.dep_ == "case" and fold(t.text) in self.of_words for t in root.children):
            owned = root.head  # "el funeral de X"
        else:
            return False
        return owned is not root and owned.pos_ == "NOUN" and owned.i not in range(span.start, span.end) \
            and fold(owned.lemma_ or owned.text) in self.person_possessions

    def _after_place_noun(self, span: Span) -> bool:
        """Tell whether a name is what a place noun's "of" phrase names: "the town of X", "la ciudad de X".

        A plural noun names every name of the list after it ("the towns of
        Paradise, Concow and Magalia"); a singular one only the name right
        after "of" ("the city of Lyon and Anne Roux": Anne Roux is no town).
        """
        doc, i = span.doc, span.start - 1
        listed = False
        while i >= 0 and (doc[i].text == "," or fold(doc[i].text) in self.coordinators
                          or (doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN")):
            i, listed = i - 1, True
        if i < 1 or fold(doc[i].text) not in self.of_words:
            return False
        noun = doc[i - 1]
        if not noun.text[:1].islower() or noun.pos_ != "NOUN" or fold(noun.lemma_ or noun.text) not in self.place_of_nouns:
            return False
        plural = "Plur" in noun.morph.get("Number") or noun.tag_ == "NNS" or fold(noun.lemma_) != fold(noun.text)
        return plural or not listed

    def judge(self, span: Span) -> str | None:
        """Return why ``span`` is not an entity, or None if it is one."""
        if span.ent_id_ or span.label_ in KINDS:
            return None
        if span.label_ not in self.labels:
            return f"label {span.label_}"
        words = [t for t in span if not t.is_punct]
        if not words:
            return "no words"
        if len(span) > self.max_tokens and not self._long_name(span):
            return "too long"
        if fold(span.text) in self.demonyms:
            return "demonym"
        listed = self._listed(span.text)
        if listed:
            return listed
        if ROMAN.fullmatch(span.text):
            return "Roman numeral"
        if self._scale_name(span):
            return "scale"
        if TIME_OFFSET.fullmatch(span.text) or self._after_clock(span):
            return "time zone"
        if self._after_version(span):
            return "fragment of a name"
        if self._portfolio(span):
            return "portfolio of a title"
        reason = self._title_word(span)
        if reason:
            return reason
        if (span[-1].pos_ in self.function_pos and not _mistagged_name(span[-1])) or fold(span[-1].text) in self.function_words:
            return "ends in a function word"
        if span[0].pos_ in self.bad_first_pos and not _mistagged_name(span[0]):
            return f"starts with {span[0].pos_}"
        # A person's name has no verb: "Amado Boudou" tagged one is left out, as a clause is.
        named_verbs = self.labels[span.label_][0] != "Person"
        if any(t.pos_ in self.bad_pos and not (named_verbs and self._named_verb(t, words)) for t in span):
            return "contains a verb"
        if any(t.like_num or t.is_digit for t in span) and not self._model_name(words):
            return "contains a number"
        # A capital that only opens the sentence ("La cancillería peruana") makes no name.
        if not any(t.text[:1].isupper() and not (t.i == span.start and self._leading_noise(t)) for t in words):
            return "lower case"
        # A feature's name is often an adjective ("the Caribbean plate").
        if not any(t.pos_ == "PROPN" or (t.pos_ in self.function_pos and _mistagged_name(t)) for t in span) and not (len(words) > 1 and self._is_feature(words[-1]) and words[0].text[:1].isupper()):
            return "no proper noun"
        if any(fold(t.text) in self.stop_words for t in words):
            return "stop word"
        # "Corrupción y desarrollo sostenible", a theme's title: a name only its first word makes,
        # a word the text also writes in lower case as a common noun, is that noun capitalised;
        # not a body's head word ("Ministerio de salud"), nor a name the knowledge base knows.
        if all(t.text[:1].islower() for t in words[1:]) and fold(words[0].text) in self._common_nouns(span.doc) \
                and fold(words[0].text) not in self.heads and fold(span.text) not in self.org_names and fold(span.text) not in self.place_names:
            return "common noun"
        return None

    def _listed(self, text: str) -> str | None:
        """Return why the rules refuse a name (``not_entity_names``, ``common_nouns``), as written or in any casing."""
        return self.not_names.get(text) or self.not_names.get(fold(text))

    @staticmethod
    def _common_nouns(doc: Doc) -> frozenset[str]:
        """Return the words ``doc`` writes in lower case as nouns, folded (read once per doc)."""
        nouns = doc.user_data.get(COMMON_NOUNS_KEY)
        if nouns is None:
            nouns = doc.user_data[COMMON_NOUNS_KEY] = frozenset(fold(t.text) for t in doc if t.pos_ == "NOUN" and t.text[:1].islower())
        return nouns

    def _portfolio(self, span: Span) -> bool:
        """Tell whether a name is the portfolio of the title after it ("former Finance Minister X"), no body the text names.

        A place ("the Kenya Finance Minister") or a body the knowledge base knows keeps its name.
        """
        doc = span.doc
        return span.end < len(doc) and fold(doc[span.end].text) in self.portfolio_titles and self.labels[span.label_][0] != "Person" \
            and not any(fold(t.text) in self.place_names for t in span) and fold(span.text) not in self.org_names

    def _long_name(self, span: Span) -> bool:
        """Tell whether a span longer than ``max_tokens`` is still one name: capitalised words joined by of-words.

        "El Tribunal Superior de Justicia de la Ciudad de México": its
        articles and of-words make it long, but no more than ``max_tokens``
        words of it are capitalised, and it has no other word.
        """
        words = [t for t in span if fold(t.text) not in self.function_words | self.body_joiners]
        return 0 < len(words) <= self.max_tokens and all(t.text[:1].isupper() and not t.is_punct for t in words) \
            and span[-1].text[:1].isupper()

    @staticmethod
    def _named_verb(token, words) -> bool:
        """Tell whether a verb is a word of a name: capitalised inside the sentence, among capitalised words only.

        "Unidos Podemos", "Juntos Haremos Historia": parties are named with
        verbs; a clause the model took for a name ("La operación fue
        caótica") writes its verb in lower case. Only for names the model
        did not take for a person's (see :meth:`judge`).
        """
        return token.text[:1].isupper() and not token.is_sent_start and all(t.text[:1].isupper() for t in words)

    def _title_word(self, span: Span) -> str | None:
        """Return why a title, a lone word or an office's portfolio is not a name, if it is not.

        "Minister of the Interior": an office; "President", "Los Reyes
        visitaron": a title alone, unless a longer name of the article ends
        with it (a surname: "King" of "Martin King"); "el
        ministro de Economía", "the Minister of Finance": the portfolio of an
        office; "los Sanfermines": a plural after a plural article, which no
        person's name takes.
        """
        doc, words = span.doc, [fold(t.text) for t in span]
        # "Minister of the Interior", "Secretary of State": an office, not a body (the model's
        # person may hold the holder's name after it: "Minister of Health Ana Varga").
        # Accents tell a body from its head ("Secretaría", the ministry; "secretaria", its head).
        if len(words) > 2 and (words[0] in self.portfolio_titles or (words[0],) in self.titles) and words[1] in self.of_words \
                and self.labels.get(span.label_, ("",))[0] != "Person" and span[0].text.lower() not in self.body_heads:
            return "a title"
        if len(span) != 1:
            return None
        word = words[0]
        if (word,) in self.titles and not any(fold(e[-1].text) == word for e in doc.ents if len(e) > 1):
            return "a title"  # "President", "the King": unless it is the end of a name here ("Martin King")
        if span.start == 0:
            return None
        before = doc[span.start - 1]
        # "a los Sanfermines": one person's name takes no plural article.
        if self.labels.get(span.label_, ("",))[0] == "Person" and before.pos_ == "DET" and before.text[:1].islower() \
                and "Plur" in before.morph.get("Number"):
            return "plural"
        # A possessive makes it an owner, which a portfolio never is ("the minister of Acme's board").
        owner = span.end < len(doc) and (doc[span.end].tag_ == "POS" or doc[span.end].text in ("'s", "’s"))
        title = span.start - 2
        while title > 0 and doc[title].pos_ == "ADJ" and doc[title].text[:1].islower():
            title -= 1  # "la comisaria europea de Competencia"
        # "the Prime Minister of Spain": a country is no portfolio.
        if title >= 0 and not owner and fold(before.text) in self.of_words and fold(doc[title].text) in self.portfolio_titles \
                and word not in self.country_names:
            return "a portfolio"
        return None

    def _scale_name(self, span: Span) -> bool:
        """Tell whether a name is a scale's: "the Modified Mercalli intensity", "the Saffir-Simpson scale", "la escala de Mercalli".

        A lower-case scale noun (``scale_nouns``) right after the name, or right before it (an
        of-word between them or not: "intensidad Mercalli").
        """
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text[:1].islower() and {fold(after.text), fold(after.lemma_ or after.text)} & self.scale_nouns:
            return True
        before = span.start - 2 if span.start >= 2 and fold(doc[span.start - 1].text) in self.of_words else span.start - 1
        return before >= 0 and doc[before].text[:1].islower() and fold(doc[before].text) in self.scale_nouns

    @staticmethod
    def _after_version(span: Span) -> bool:
        """Tell whether a lone word is the end of a name a number cut ("Creative Commons 3.0 Unported").

        A name, a number, a word: the model took the word after the number
        for a name of its own.
        """
        doc = span.doc
        if len(span) != 1 or span.start < 2 or not doc[span.start - 1].like_num:
            return False
        return _in_entity(doc[span.start - 2])

    def _after_clock(self, span: Span) -> bool:
        """Tell whether a short upper-case word follows a clock time, as a time zone does ("04:17 TRT", "1 p.m. EST")."""
        if len(span) != 1 or not ZONE_LIKE.fullmatch(span.text):
            return False
        doc = span.doc
        return any(parse_time(doc[start : span.start].text, self.lang) is not None for start in range(max(span.start - 3, 0), span.start))

    def _joined(self, doc: Doc) -> list[Span]:
        """Return the model's entities with the pieces of one name it cut apart joined again.

        A person's name the model split at a particle ("Ursula von" and
        "Leyen" of "Ursula von der Leyen") or at a first name it gave another
        label ("Andrés" + "Manuel López Obrador"); an organisation's head word
        cut from the rest of its name ("Organización" + "de los" + "Estados
        Americanos"), or a body's name cut from the place it serves ("the
        District Court" + "of" + "Minnesota") or from the city of its seat
        ("NIV" + "Pune"); a name cut at its conjunction
        when the acronym after it spells both pieces ("Comisión Nacional de
        los Mercados" + "y la" + "Competencia (CNMC)"), or a body's "of"
        phrase cut there ("Ministerio de Transportes" + "y" + "Comunicaciones"),
        or at a word that joins a body's head word to what it is for ("United
        Nations Office" + "for the" + "Coordination of Humanitarian Affairs");
        a word the parser reads as part of a name across "de", which the
        model took for a person ("Centro de Lanzamiento" + "de" +
        "Satélites");
        two names side by side that the text writes as one name elsewhere;
        names joined by a dash with no space (see :meth:`_dashed_names`).
        A name the gazetteer found is never joined to another.
        """
        ents = self._dashed_names(doc, self._with_case_names(doc))
        # "Cambridge" + "Analytica" where the text also writes "Cambridge Analytica" as one name.
        whole = {span.text: span.label_ for span in ents if len(span) > 1 and span.label_ in self.labels}
        joined: list[Span] = []
        i = 0
        while i < len(ents):
            ent = ents[i]
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if nxt is not None and not ent.ent_id_ and ent.label_ in self.labels:
                label = self._join_label(doc, ent, nxt) if not nxt.ent_id_ and nxt.label_ in self.labels else None
                if label is None and not nxt.ent_id_ and nxt.label_ in self.labels and ent.end == nxt.start:
                    label = whole.get(doc[ent.start : nxt.end].text)
                if label is None and self._seat_named(ent, nxt):
                    label = ent.label_
                if label is not None:
                    ents[i + 1] = Span(doc, ent.start, nxt.end, label=label)
                    i += 1
                    continue
            joined.append(ent)
            i += 1
        return joined

    def _dashed_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Return the model's entities with the names a dash joins, with no space, made one name.

        "Deceuninck–Quick-Step", "Team Jumbo–Visma", "Hunga Tonga–Hunga
        Haʻapai": the tokenizer splits at the dash, the model tags the pieces
        apart (or one of them only). Two names the knowledge base knows on
        either side stay two ("the Turkey–Syria earthquake"). The joined name
        is an organisation's if a piece is one or both are people's (no
        person's name takes an en dash), else a place's if a piece is one.
        """
        starts = {ent.start: ent for ent in ents}
        ends = {ent.end: ent for ent in ents}
        joins: dict[int, Span] = {}
        for dash in doc:
            i = dash.i
            if dash.text not in DASHES or i == 0 or i + 1 >= len(doc) or doc[i - 1].whitespace_ or dash.whitespace_:
                continue
            left, right = ends.get(i), starts.get(i + 1)
            if (left is None and right is None) or (left is not None and left.ent_id_) or (right is not None and right.ent_id_):
                continue
            if (left is None and not doc[i - 1].text[:1].isupper()) or (right is None and not doc[i + 1].text[:1].isupper()):
                continue
            start = left.start if left is not None else self._name_run(doc, i - 1, -1)
            end = right.end if right is not None else self._name_run(doc, i + 1, 1) + 1
            sides = (fold(doc[start:i].text), fold(doc[i + 1 : end].text))
            if all(side in self.place_names or side in self.org_names for side in sides):
                continue
            kinds = {self.labels[e.label_][0] for e in (left, right) if e is not None and e.label_ in self.labels}
            kind = "Organization" if "Organization" in kinds or kinds == {"Person"} else "Place" if "Place" in kinds else None
            label = self.label_of_kind.get(kind) if kind else None
            if label is not None:
                joins[start] = Span(doc, start, end, label=label)
        if not joins:
            return ents
        covered = {i for span in joins.values() for i in range(span.start, span.end)}
        kept = [ent for ent in ents if covered.isdisjoint(range(ent.start, ent.end))]
        return sorted(kept + list(joins.values()), key=lambda span: span.start)

    def _with_case_names(self, doc: Doc) -> list[Span]:
        """Return the model's entities with each case's name one name: "Roe v. Wade", "caso Dobbs contra Jackson Women's Health Organization".

        The parties' names on either side of a joiner of cases ("v.") are the
        case's name, not two names of the news; a joiner that also sets teams
        against each other ("vs.", "contra") joins them only after a word for
        cases in its sentence ("the case", "los casos"), or where the article
        named that case so before. A name the gazetteer found is never taken
        into one.
        """
        ents = list(doc.ents)
        # The joiners taken, for the doc being read: what :meth:`_case_name` asks.
        self._case_joiners_at = set()
        self._case_parties = []
        if not self.case_joiners and not self.cued_case_joiners:
            return ents
        owner = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        cases = []
        for token in doc:
            if not token.text[:1].islower():
                continue  # read before folding: the filter sees every word of every article
            word = fold(token.text)
            if word not in self.case_joiners and word not in self.cued_case_joiners:
                continue
            if token.i == 0 or token.i + 1 >= len(doc) or not doc[token.i - 1].text[:1].isupper() or not doc[token.i + 1].text[:1].isupper():
                continue
            start = owner[token.i - 1].start if token.i - 1 in owner else self._name_run(doc, token.i - 1, -1)
            end = owner[token.i + 1].end if token.i + 1 in owner else self._name_run(doc, token.i + 1, 1) + 1
            # "State of Minnesota v. ...": a party's name over its of-word.
            while start >= 2 and fold(doc[start - 1].text) in self.of_words and doc[start - 2].text[:1].isupper() and not doc[start - 1].is_sent_start:
                start = self._name_run(doc, start - 2, -1)
            # "El caso Dobbs contra ..." tagged whole: the word for the case is no part of its name.
            inner = [i for i in range(start, token.i) if fold(doc[i].text) in self.case_cues]
            start = inner[-1] + 1 if inner else start
            # After a word for cases in its sentence ("los casos Roe contra Wade (1973), que ..., y
            # Planned Parenthood contra Casey"), or named so before ("confirmó a Roe contra Wade").
            opening = token.sent.start if doc.has_annotation("SENT_START") else 0
            cued = bool(inner) or any(fold(t.text) in self.case_cues for t in doc[opening:start]) \
                or fold(doc[start:end].text) in {fold(case.text) for case in cases}
            if word not in self.case_joiners and not cued:
                continue
            if any(doc[i].ent_id_ or doc[i].ent_type_ in KINDS for i in range(start, end)):
                continue
            label = next((owner[i].label_ for i in (token.i - 1, token.i + 1) if i in owner and owner[i].label_ in self.labels),
                         self.label_of_kind.get("Organization"))
            cases.append(Span(doc, start, end, label=label))
            self._case_joiners_at.add(token.i)
            # "State of Minnesota v. Derek Michael Chauvin": a party the model tagged whole is a name of the
            # news too; a one-word party is the case's shorthand ("Roe contra Wade"), no one the text tells of.
            for party, bounds in ((owner.get(token.i - 1), (start, token.i)), (owner.get(token.i + 1), (token.i + 1, end))):
                kind = self.labels.get(party.label_, ("",))[0] if party is not None else ""
                if party is not None and (party.start, party.end) == bounds and kind in ("Person", "Organization") and len(party) > 1:
                    self._case_parties.append(Span(doc, party.start, party.end, label=kind))
        if not cases:
            return ents
        taken = {i for case in cases for i in range(case.start, case.end)}
        return sorted([*cases, *(e for e in ents if not any(i in taken for i in range(e.start, e.end)))], key=lambda e: e.start)

    @staticmethod
    def _name_run(doc: Doc, i: int, step: int) -> int:
        """Return the last index of the run of capitalised words from ``i`` in the direction of ``step``."""
        while 0 <= i + step < len(doc) and doc[i + step].text[:1].isupper() and not doc[i + step].is_sent_start:
            i += step
        return i

    def _case_name(self, span: Span) -> bool:
        """Tell whether a name is a case's ("Roe v. Wade"): a joiner :meth:`_with_case_names` took inside it."""
        return any(t.i in self._case_joiners_at for t in span[1:-1])

    def _seat_named(self, first: Span, second: Span) -> bool:
        """Tell whether a body's acronym is right before the one-word name of its seat, the head of the two.

        "The NIV Pune confirmed": one name, even where the place is known;
        "the NATO Brussels summit" describes the noun after it.
        """
        # The model may give the place a label of things ("PRODUCT"): a known place's name says what it is.
        place = self.labels.get(second.label_, ("",))[0] == "Place" or fold(second.text) in self.place_names
        return self.labels[first.label_][0] == "Organization" and place and first.end == second.start and len(first) == len(second) == 1 and bool(ACRONYM.fullmatch(first.text)) \
            and first.root.dep_ == "compound" and first.root.head.i == second.root.i \
            and second.root.dep_ != "compound" and second.root.pos_ == "PROPN"

    def _join_label(self, doc: Doc, first: Span, second: Span) -> str | None:
        """Return the label of the one name two neighbouring model entities make, or None if they are two names."""
        kinds = (self.labels[first.label_][0], self.labels[second.label_][0])
        between = doc[first.end : second.start]
        proper = all((t.text[:1].isupper() and t.pos_ == "PROPN") or fold(t.text) in self.particles for t in (*first, *second))
        person = first.label_ if kinds[0] == "Person" else second.label_ if kinds[1] == "Person" else None
        if person is not None and proper:
            # Side by side with nothing between, one of them a single word: one person's name;
            # not a place after a preposition ("En Lima Pedro Castillo dijo"), nor a body's head word ("la Comisión").
            apart = (kinds[0] == "Place" and first.start > 0 and doc[first.start - 1].pos_ == "ADP") \
                or (kinds[0] == "Organization" and self.heads.get(fold(first[-1].text)) == "Organization")
            if not between and (len(first) == 1 or len(second) == 1) and (kinds[0] == "Person" or len(first) == 1) and not apart:
                return person
            # Lower-case particles between ("von der"), not a mere "of" ("Sánchez de España").
            words = [fold(t.text) for t in between]
            cut = [fold(t.text) for t in first if t.text[:1].islower()]
            if kinds[0] == "Person" and len(second) == 1 and all(t.text[:1].islower() for t in between) \
                    and all(w in self.particles for w in cut + words) and set(cut + words) - self.of_words - self.determiners:
                return person
        # The first name's head word where the language puts it: last ("the District Court"), or first
        # ("la Agencia de Manejo de Emergencias"); a lone word is its own.
        named = [t for t in first if fold(t.text) not in self.determiners] or list(first)
        head_word = named[-1] if self.head_last or len(named) == 1 else named[0]
        # "the United Nations Office" + "for the" + "Coordination of Humanitarian Affairs", "la Oficina de
        # la ONU" + "para la" + "Coordinación de Asuntos Humanitarios": a body's head word, a joining
        # word, the capitalised rest of what it is for.
        if self.heads.get(fold(head_word.text)) == "Organization" and "Person" not in kinds and between \
                and fold(between[0].text) in self.body_joiners and all(t.text[:1].islower() and fold(t.text) in self.body_joiners | self.determiners for t in between) \
                and all(t.text[:1].isupper() or fold(t.text) in self.linking_words or fold(t.text) in self.coordinators for t in second) and second[-1].text[:1].isupper():
            return first.label_
        # "la Comisión Nacional de los Mercados y la Competencia (CNMC)": cut at a conjunction, and
        # the acronym after it is made of the initials of both pieces.
        if between and "Person" not in kinds and all(t.text[:1].islower() and fold(t.text) in self.coordinators | self.determiners for t in between) \
                and any(fold(t.text) in self.coordinators for t in between) and self._spelled_after(second, [*first, *second]):
            return first.label_
        # "el Ministerio de Transportes y Comunicaciones": a body's name with its "of" phrase cut at
        # the conjunction, and the word after it taken for a person or left untyped (or an unknown
        # place, "Latinoamericanos y Caribeños"): what the body is of is both.
        if len(between) == 1 and fold(between[0].text) in self.coordinators and between[0].text[:1].islower() \
                and (self.heads.get(fold(first[0].text)) == "Organization" or kinds[0] == "Organization") \
                and any(fold(t.text) in self.of_words for t in first[1:]) and len(second) <= 2 and all(t.text[:1].isupper() for t in second) \
                and (kinds[1] in ("Person", "Thing") or (kinds[1] == "Place" and fold(second.text) not in self.place_names)) \
                and not (second.end < len(doc) and doc[second.end].text[:1].isupper() and not doc[second.end].is_punct):
            return first.label_
        # "la Comisión" + "Nacional del Agua": a lone head word of a body, the rest of its name right after it.
        head = [t for t in first if fold(t.text) not in self.determiners]
        if not between and len(head) == 1 and self.heads.get(fold(head[0].text)) == "Organization" and head[0].text[:1].isupper() \
                and kinds[1] != "Person" and second[0].text[:1].isupper() and fold(second.text) not in self.place_names \
                and self._name_words(second) and second[-1].text[:1].isupper():
            return self.label_of_kind.get("Organization", first.label_)
        # "Organización de los Estados Americanos": a lone head word, of, the rest of the name;
        # "the District Court of Minnesota": a body's name ending in its head word, of, the place it serves;
        # "la Agencia de Manejo de Emergencias de Hawái": where the language puts the head word first, a body's name opening with it.
        if self.heads.get(fold(head_word.text)) == "Organization" and (len(first) == 1 or kinds[1] == "Place") and between \
                and fold(between[0].text) in self.of_words and all(fold(t.text) in self.linking_words for t in between) \
                and self._name_words(second) and second[-1].text[:1].isupper():
            return first.label_
        # "el Centro de Lanzamiento" + "de" + "Satélites": the parser reads the second as a word of the
        # first's name (a flat part of it), across lower-case of-words, and the model took that word
        # for a person or left it untyped; a place there is where the first is ("de Kivu"), and an
        # event's name is read as one ("el Brote de Ébola de Kivu 2018-19").
        if kinds[0] != "Person" and kinds[1] in ("Person", "Thing") and fold(first.text) not in self.place_names \
                and not self.event_nouns.intersection(fold(t.text) for t in first) and between and all(t.text[:1].islower() and fold(t.text) in self.linking_words for t in between) \
                and second.root.dep_ in ("flat", "flat:name") and first.start <= second.root.head.i < first.end \
                and self._name_words((*first, *second)):
            return first.label_
        # "Fernando André" + "Sabag Montiel"; "the consulting firm Cambridge" + "Analytica": capitalised
        # names side by side that the parser reads as one noun phrase (the first's last word a
        # compound of the second's head, the second no compound of a noun after it) are one name
        # the model cut in two: one person's, or one a word beside the whole says the kind of
        # ("The Kovat Orla confirmed" may be a body and the place it is in).
        if not between and proper and first.root.dep_ == "compound" and second.start <= first.root.head.i < second.end \
                and second.root.dep_ != "compound" and second.root.pos_ == "PROPN":
            if kinds == ("Person", "Person"):
                return first.label_
            said = self._described(Span(doc, first.start, second.end, label=second.label_)) if "Person" not in kinds else None
            if said in self.label_of_kind:
                return self.label_of_kind[said]
        return None

    def _name_words(self, words) -> bool:
        """Tell whether every word is capitalised or links a name's words ("Organización de los Estados Americanos")."""
        return all(t.text[:1].isupper() or fold(t.text) in self.linking_words for t in words)

    @staticmethod
    def _spelled_after(span: Span, words: list) -> bool:
        """Tell whether a bracket right after ``span`` holds the acronym of the capitalised ``words``, in order."""
        doc, i = span.doc, span.end
        if i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")" or not ACRONYM.fullmatch(doc[i + 1].text):
            return False
        return fold(doc[i + 1].text) == "".join(fold(t.text)[:1] for t in words if t.text[:1].isupper())

    def match(self, doc: Doc) -> list[tuple[Span, str | None]]:
        """Return each entity of ``doc``, cleaned (see :meth:`clean`), with the reason to reject it (None keeps it)."""
        decisions = []
        for ent in self._joined(doc):
            ent = self._group_name(self._feature_name(ent))
            # A clause is rejected whole, before cleaning could make a name of its end.
            reason = self.judge(ent)
            # "the Bitcoin cryptocurrency" tagged a people: a product noun beside an untyped name makes it a thing.
            if (reason or "").startswith("label") and (ent.label_ in self.retypable or (ent.label_ in self.place_name_labels and self._described(ent) == PRODUCT)):
                ent, reason = self._retyped(ent, reason)
            if (reason or "").startswith("label") and self._known_place(ent):
                # "hundreds died in Aleppo" tagged a people (NORP): a place the knowledge base knows is a place.
                ent = Span(doc, ent.start, ent.end, label=self.place_label)
                reason = self.judge(ent)
            elif self._route_end(ent, reason):
                ent = Span(doc, ent.start, ent.end, label=self.place_label)
                reason = self.judge(ent)
            if reason == "contains a verb" and ent.label_ in self.labels:
                # A clause the model took for a name ("Audiencia Nacional citó al exministro"):
                # refused whole, and the names on either side of its verbs are judged as names.
                decisions.append((ent, reason))
                decisions += [self._part_decision(ent, part) for piece in self._around_verbs(ent) for part in self.clean(piece)]
            elif reason in CLAUSE_REASONS or (reason or "").startswith("label"):
                decisions.append((ent, reason))
            else:
                decisions += [self._part_decision(ent, part) for part in self.clean(ent)]
        return decisions

    def _part_decision(self, ent: Span, part: Span) -> tuple[Span, str | None]:
        """Judge a name cleaned out of the model's entity ``ent``: as any name, then as part of an event's name or a thing of a place."""
        return part, self.judge(part) or self._in_event_name(ent, part) or self._of_a_place(part)

    def _of_a_place(self, span: Span) -> str | None:
        """Return why a name the model took for a person's is none, when it is something "of" a known place.

        "Papeles de Panamá", "Computex de Taipéi": a name ending in an
        of-word and a place the knowledge base knows names a thing of that
        place, whose kind nothing says; no person of the news is named so,
        unless a word beside the name says it is one ("el rey Carlos de
        Inglaterra").
        """
        if self.labels.get(span.label_, ("",))[0] != "Person":
            return None
        of = [t.i for t in span if fold(t.text) in self.of_words]
        if not of:
            return None
        rest = [t for t in span.doc[of[-1] + 1 : span.end] if fold(t.text) not in self.determiners]
        if not rest or fold(" ".join(t.text for t in rest)) not in self.place_names or self.kind_of(span) == "Person":
            return None
        return "of a place, no person"

    def _retyped(self, ent: Span, reason: str) -> tuple[Span, str | None]:
        """Return a name of a label no entity has, with the label of the kind the words beside it give.

        "the service provider Acme Trust", "the operator Voss": the small
        models often call a firm a product or a work; the noun before it (or
        an apposition, see :meth:`kind_of`) says what it is. A span with a
        lower-case word, or with no such noun, stays refused.
        """
        kind = self.kind_of(ent) if all(t.text[:1].isupper() for t in ent if not t.is_punct) else None
        # A kind no label of the model gives ("Thing" in English) is given back by kind_of when the filter keeps the name.
        label = self.label_of_kind.get(kind) or (self.label_of_kind.get("Organization") if kind in KINDS else None)
        if label is None:
            return ent, reason
        retyped = Span(ent.doc, ent.start, ent.end, label=label)
        return retyped, self.judge(retyped)

    def _feature_name(self, ent: Span) -> Span:
        """Return a demonym or other untyped name before a feature noun as a place's name.

        "the North American plate", "the Arabian Sea": the model tags the
        adjective as a people (NORP), which is never an entity; with the
        feature's noun after it, it is the feature's name (widened over the
        noun by :meth:`clean`).
        """
        doc = ent.doc
        if ent.ent_id_ or ent.label_ in self.labels or ent.label_ in KINDS or ent.end >= len(doc) or not self._is_feature(doc[ent.end]):
            return ent
        if not all(t.text[:1].isupper() for t in ent) or self.place_label is None:
            return ent
        return Span(doc, ent.start, ent.end, label=self.place_label)

    def _around_verbs(self, ent: Span) -> list[Span]:
        """Return the runs of a clause between its lower-case verbs that may be names.

        The run before the first verb, its subject ("Audiencia Nacional
        citó..."); a later run only with a word that says what a name is
        ("...aprobó la Ley de Memoria Democrática"): a capitalised word
        after a verb is as often an adjective ("La operación fue Caótica").
        """
        pieces, start = [], ent.start
        for token in [*ent, None]:
            if token is None or (token.pos_ in self.bad_pos and token.text[:1].islower()):
                end = ent.end if token is None else token.i
                # "España y obligó al Gobierno": the conjunction before a verb joins two clauses, not two names.
                while end > start and (fold(ent.doc[end - 1].text) in self.coordinators or ent.doc[end - 1].is_punct):
                    end -= 1
                run = ent.doc[start:end]
                if any(t.text[:1].isupper() and not (t.i == start and self._leading_noise(t)) for t in run) \
                        and (start == ent.start or any(fold(t.text) in self.heads for t in run)):
                    pieces.append(Span(ent.doc, start, end, label=ent.label_))
                start = end + 1
        return [] if [(p.start, p.end) for p in pieces] == [(ent.start, ent.end)] else pieces

    def _known_place(self, ent: Span) -> bool:
        """Tell whether a span of a label no entity has is the name of a place the knowledge base knows, and no demonym."""
        words = [t for t in ent if not t.is_punct]
        return self.place_label is not None and bool(words) and all(t.text[:1].isupper() for t in words) \
            and not ent[0].is_sent_start and fold(ent.text) in self.place_names and fold(ent.text) not in self.demonyms \
            and ent.label_ in self.place_name_labels

    def _route_end(self, ent: Span, reason: str | None) -> bool:
        """Tell whether an untyped name is one end of a route whose other end is a place.

        "travelling from Madrid to Ferrol", "entre Lyon y Turín": the model
        tagged "Ferrol" a product or left it untyped (a Thing); what a route
        runs between are places. Only a name all in capitals of a label no
        entity has (``place_name_labels``), or of the kind Thing, and only
        with a place the model or the gazetteer found at the other end.
        """
        doc, words = ent.doc, [t for t in ent if not t.is_punct]
        kind = self.labels.get(ent.label_, ("",))[0]
        untyped = ((reason or "").startswith("label") and ent.label_ in self.place_name_labels) or (reason is None and kind == "Thing")
        if self.place_label is None or ent.ent_id_ or not untyped or not words or not all(t.text[:1].isupper() for t in words):
            return False
        places = {label for label, (k, _) in self.labels.items() if k == "Place"} | {"Place"}
        others = {(e.start, e.end): e for e in doc.ents if e.label_ in places and e != ent}
        # The second end: from, a place, to, the name.
        if ent.start >= 3 and fold(doc[ent.start - 1].text) in self.route_to:
            other = next((e for (start, end), e in others.items() if end == ent.start - 1), None)
            if other is not None and other.start >= 1 and fold(doc[other.start - 1].text) in self.route_from:
                return True
        # The first end: from, the name, to, a place.
        if ent.start >= 1 and fold(doc[ent.start - 1].text) in self.route_from and ent.end + 1 < len(doc) \
                and fold(doc[ent.end].text) in self.route_to:
            return any(start == ent.end + 1 for start, _ in others)
        return False

    def _group_name(self, ent: Span) -> Span:
        """Return a name the model took for a person's as an organisation's when a verb in it speaks for a "we".

        "Unidos Podemos", "Juntos Haremos Historia": a party or a coalition
        is named with a slogan in the first person; no person's name holds a
        verb, and news narrates in the third person, so the capitalised verb
        is the name's.
        """
        if ent.ent_id_ or self.labels.get(ent.label_, ("",))[0] != "Person" or "Organization" not in self.label_of_kind:
            return ent
        words = [t for t in ent if not t.is_punct]
        if not any(t.pos_ in self.bad_pos and set(t.morph.get("Person")) & {"1", "2"} and self._named_verb(t, words) for t in ent):
            return ent
        return Span(ent.doc, ent.start, ent.end, label=self.label_of_kind["Organization"])

    def _in_event_name(self, ent: Span, part: Span) -> str | None:
        """Return why a name is only part of an event's name, if it is.

        The model took a whole event's name for a place ("terremoto de
        Chiapas": an event noun, of-words, the name): the words name the
        event, not a mention of the place. A name between a year and an event
        noun ("the 2017 Puebla earthquake") that the model took for anything
        but a place is no person or organisation, only the event's name
        (taken for a place, it stays: where the event was). A name an event
        noun begins ("Cyclone Freddy") is the event's, and so is a name right
        after the lower-case noun of an event given a person's name ("el
        huracán Otis"; ``given_name_classes``), which names no place either.
        """
        if ent.ent_id_ or ent.label_ not in self.labels:
            return None  # the gazetteer's names are trusted
        doc, linking = part.doc, self.linking_words
        # "Cyclone Freddy", "Storm Daniel": a name an event noun begins is the event's, not a
        # person's ("Partido Acción Nacional", "Fire Department": a kind's head word says otherwise).
        # After "of" it names what a larger event is of ("una final de Copa Libertadores"), which the events step reads.
        # An ordinal before the noun is the event's number ("VIII Cumbre de las Américas").
        numbered = len(part) > 2 and bool(ROMAN.fullmatch(part[0].text))
        first, after_of = part[int(numbered)], part.start > 0 and fold(doc[part.start - 1].text) in self.of_words
        if len(part) > 1 and not after_of and first.text[:1].isupper() and self.event_nouns.intersection((fold(first.lemma_ or first.text), fold(first.text))) \
                and not any(fold(t.text) in self.heads or fold(t.lemma_) in self.heads for t in part):
            return IN_EVENT_NAME
        # "el huracán Otis", "the storm Daniel": the lower-case noun of an event given a person's name, right before it.
        noun = doc[part.start - 1] if part.start > 0 else None
        if noun is not None and noun.text[:1].islower() and self.labels[ent.label_][0] in ("Person", "Thing") \
                and self.given_name_nouns.intersection((fold(noun.text), fold(noun.lemma_ or noun.text))):
            return GIVEN_EVENT_NAME
        if self._in_given_name_list(part):
            return GIVEN_EVENT_NAME
        before = [t for t in doc[ent.start : part.start] if fold(t.text) not in linking]
        # "el partido Perú Libre": a noun that is a body's head word too names the body, unless the
        # name sets two against each other ("el partido Boca-River").
        if before and before[-1].text[:1].islower() and fold(before[-1].lemma_ or before[-1].text) in self.event_nouns \
                and not (self.heads.get(fold(before[-1].text)) == "Organization" and not any(t.text in ("-", "–") or "-" in t.text for t in part)):
            return IN_EVENT_NAME
        after = doc[part.end] if part.end < len(doc) else None
        year = doc[part.start - 1] if part.start > 0 else None
        if self.labels[ent.label_][0] != "Place" and after is not None and year is not None and year.text.isdigit() and len(year.text) == 4 \
                and after.text[:1].islower() and after.pos_ == "NOUN" and fold(after.lemma_ or after.text) in self.event_nouns:
            return IN_EVENT_NAME
        return None

    def _in_given_name_list(self, part: Span) -> bool:
        """Tell whether a name is one of a list that follows the noun of events given names.

        "hurricanes Irma, Matthew and Michael", "los huracanes Irma y María",
        "a Category 5 hurricane (Matthew in 2016, Irma and Maria in 2017)":
        the names in the list are the storms', as the one right after the
        noun is ("el huracán Otis"), and no person or place. Only names,
        commas, conjunctions, years and the words before a year stand
        between the noun and the name; the first name of the list is left to
        the rule of the name right after the noun. A name the model took for
        a place and the knowledge base knows as one stays a place.
        """
        doc, i = part.doc, part.start - 1
        listed = False
        while i >= 0 and (doc[i].text == "," or fold(doc[i].text) in self.coordinators or YEAR_WORD.fullmatch(doc[i].text)
                          or (doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN")
                          or (doc[i].pos_ == "ADP" and i + 1 < len(doc) and YEAR_WORD.fullmatch(doc[i + 1].text))):
            i, listed = i - 1, listed or doc[i].text == "," or fold(doc[i].text) in self.coordinators
        if i >= 1 and doc[i].text == "(":
            i, listed = i - 1, True
        known_place = self.labels.get(part.label_, ("",))[0] == "Place" and fold(part.text) in self.place_names
        if not listed or i < 0 or i == part.start - 1 or known_place:
            return False
        noun = doc[i]
        return noun.text[:1].islower() and bool(self.given_name_nouns.intersection((fold(noun.text), fold(noun.lemma_ or noun.text))))

    def set_annotations(self, doc: Doc, decisions: list[tuple[Span, str | None]]) -> None:
        """Keep the accepted entities, relabelled with their kind; record the rest."""
        kept, rejected, model, cued, products, cases = [], [], [], [], [], []
        for span, reason in decisions:
            if reason is not None:
                rejected.append(Span(doc, span.start, span.end, label=reason))
            elif span.label_ in KINDS:
                kept.append(span)
            else:
                kind = self._described(span)
                kept.append(Span(doc, span.start, span.end, label=_KIND_OF.get(kind, kind) or self.labels[span.label_][0]))
                model.append(span)
                if kind:
                    cued.append(kept[-1])
                if kind == PRODUCT:
                    products.append(kept[-1])
                elif kind == CASE:
                    cases.append(kept[-1])
        kept = self._long_names(doc, kept)
        kept += self._vehicle_operators(rejected)
        kept = [self._work_title(doc, span) for span in kept]
        kept += self._bracketed_acronyms(doc, kept, rejected)
        kept += self._headed_names(doc, kept, rejected)
        kept = self._listed_of_a_kind(doc, kept, rejected)
        kept += self._listed_with_places(doc, kept, rejected)
        kept += self._surnames_told_again(doc, kept, rejected)
        kept += self._quoted_names(doc, kept, rejected)
        kept = self._cut_short_of_a_name(doc, kept, rejected)
        # Widened names never overlap one another; should two, the longer stays.
        kept = self._coordinated_kinds(filter_spans(kept), frozenset((s.start, s.end) for s in cued))
        doc.ents = sorted(self._lone_words_as_people(doc, kept, rejected), key=lambda span: span.start)
        doc.spans[REJECTED_KEY] = rejected
        doc.spans[MODEL_LABELS_KEY] = model
        doc.spans[CUED_KEY] = cued
        doc.spans[PRODUCTS_KEY] = products
        doc.spans[CASES_KEY] = [case for case in cases if case in doc.ents]
        doc.spans[PARTIES_KEY] = [p for p in self._case_parties
                                  if p.doc is doc and any(c.start <= p.start and p.end <= c.end for c in doc.spans[CASES_KEY])]
        # "the North American plate" lies in no country its adjective names.
        features = {i for ent in doc.ents if self._is_feature(doc[ent.end - 1]) for i in range(ent.start, ent.end)}
        if features and DEMONYM_KEY in doc.spans:
            doc.spans[DEMONYM_KEY] = [d for d in doc.spans[DEMONYM_KEY] if features.isdisjoint(range(d.start, d.end))]

    def _long_names(self, doc: Doc, kept: list[Span]) -> list[Span]:
        """Return the kept names with the pieces of a long name the model cut at its joining words made one.

        "el Plan Especial de Protección Civil y Atención a Emergencias por
        Riesgo Volcánico": a document's or a body's name, opened by its
        capitalised head word (``kind_heads`` of a thing or an organisation;
        without one, a name whose acronym the text gives in brackets right
        after it, which says its kind: "la Acción Diferida para los Llegados
        en la Infancia (DACA)"), runs over capitalised words and the
        lower-case words that join them (of-words, articles, conjunctions,
        ``name_joiners``) to its last capitalised word (no month's or
        weekday's: "Congress on January 6"), and the model cut it into names
        of any kind ("Atención a Emergencias", "Riesgo Volcánico" a person). Only a run
        that holds a joining word other than an of-word or an article, and
        more than one name, or a name and words no name holds; a name the
        gazetteer knows or a place the knowledge base knows ends the run
        before it ("el Plan de Vivienda de Madrid"), and so does a person's
        or a body's name, or one with a head word of its own, after a
        conjunction ("la Ley de Amnistía y Pedro Sánchez", "the Ministry of
        Justice and Congress"), and an article after a conjunction ("la
        Agencia … y el Administrador …").
        """
        if not kept:
            return kept
        by_token = {i: span for span in kept for i in range(span.start, span.end)}
        joiners = self.of_words | self.determiners | self.coordinators | self.name_joiners
        plain = self.of_words | self.determiners
        joined: list[Span] = []
        at = 0
        while at < len(doc):
            head = doc[at]
            at += 1
            owner = by_token.get(head.i)
            kind = self.heads.get(fold(head.text))
            if not head.text[:1].isupper() or (owner is not None and owner.start != head.i):
                continue
            if kind not in ("Thing", "Organization") and owner is None:
                continue
            last, gap, linked = head.i, [], False
            for token in doc[head.i + 1 : head.i + MAX_LONG_NAME]:
                if token.is_sent_start:
                    break  # a name ends with its sentence
                piece = by_token.get(token.i)
                if self._ends_long_name(piece if piece is not None and piece.start == token.i else None, gap):
                    break
                if token.text[:1].isupper() and token.is_alpha and fold(token.text) not in self.calendar:
                    linked = linked or any(fold(t.text) not in plain for t in gap)
                    last, gap = token.i, []
                elif token.text[:1].islower() and fold(token.text) in joiners:
                    gap.append(token)
                else:
                    break
            pieces = {by_token[i] for i in range(head.i, last + 1) if i in by_token}
            free = any(i not in by_token and doc[i].text[:1].isupper() for i in range(head.i, last + 1))
            whole = all(head.i <= p.start and p.end <= last + 1 for p in pieces)
            if kind not in ("Thing", "Organization"):
                # No head word says what it is: the acronym the text gives it right after does, and makes it one name
                # ("la Acción Diferida para los Llegados en la Infancia (DACA)").
                kind = self._acronym_kind(doc, last + 1, by_token)
            if kind is None or not linked or not whole or not (len(pieces) > 1 or (pieces and free)):
                continue
            joined.append(Span(doc, head.i, last + 1, label=kind))
            at = last + 1
        if not joined:
            return kept
        inside = {i for span in joined for i in range(span.start, span.end)}
        return [span for span in kept if span.start not in inside] + joined

    @staticmethod
    def _acronym_kind(doc: Doc, at: int, by_token: Mapping[int, Span]) -> str | None:
        """Return the kind of the kept acronym in brackets at token ``at`` ("(DACA)", "(DACA, por sus siglas en inglés)"), if one is there."""
        if at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text not in (")", ",") or not ACRONYM.fullmatch(doc[at + 1].text):
            return None
        acronym = by_token.get(at + 1)
        return acronym.label_ if acronym is not None and len(acronym) == 1 else None

    def _ends_long_name(self, piece: Span | None, gap: list) -> bool:
        """Tell whether the run of a long name ends after the joining words ``gap``, before the name ``piece`` opens if any (see :meth:`_long_names`)."""
        # "la Agencia de Manejo de Emergencias de Hawái y el Administrador …": an article after the conjunction opens another name.
        if any(fold(a.text) in self.coordinators and fold(b.text) in self.determiners for a, b in zip(gap, gap[1:])):
            return True
        if piece is None:
            return False
        if piece.ent_id_ or fold(piece.text) in self.place_names:
            return True
        # After a conjunction, a person's or a body's name, or one opened by a head word of its own ("the
        # Ministry of Justice and Congress", "el Ministerio de Transportes y Acme") is a name of its own.
        return any(fold(t.text) in self.coordinators for t in gap) and (
            piece.label_ in ("Person", "Organization")
            or next((fold(t.text) for t in piece if fold(t.text) not in self.determiners), "") in self.heads)

    def _lone_words_as_people(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the kept names but the lone words taken for people that no person's name of the text holds.

        "the outcome of the Brexit referendum", "el caso Rolex, también
        conocido como Rolexgate": the model takes a capitalised word for a
        person, where news names a person in full before it names them by
        one word ("Jenni Hermoso … Hermoso"), or gives them a title
        ("President Trump", "la reina Isabel", "the goddess Chang'e"). A
        word is kept when a longer person's name of the text holds it (a
        case's party's too), the text gives the name to something else
        ("Rocaverde" a club, then taken for a person), a title or a noun of a
        person's role stands before it, the knowledge base knows it (a name,
        a known person's surname: "Biden"; a place the model took for a
        person, "México", is the linker's to retype), it is a given name (a
        pope, a monarch), a preposition governs it, or it is listed with
        other names.
        """
        people = [span for span in kept if span.label_ == "Person" and len(span) == 1 and not span.ent_id_]
        if not people:
            return kept
        told = {fold(t.text) for span in (*kept, *self._case_parties) if span.label_ == "Person" and len(span) > 1 and span.doc is doc
                for t in span}
        told |= {fold(span.text) for span in kept if span.label_ != "Person"}
        named = {i for span in kept for i in range(span.start, span.end)}
        lone = [span for span in people if fold(span.text) not in told and not self._person_cued(doc, span[0], named)]
        rejected += [Span(doc, span.start, span.end, label="a lone word, no person's name") for span in lone]
        return [span for span in kept if span not in lone]

    def _person_cued(self, doc: Doc, word, named: set[int]) -> bool:
        """Tell whether a lone word taken for a person is known, titled, governed or listed (see :meth:`_lone_words_as_people`)."""
        folded = fold(word.text)
        if folded in self.known_names or folded in self.known_surnames or folded in given_name_words():
            return True
        before = next((t for t in reversed(doc[max(word.i - 3, 0) : word.i]) if fold(t.text) not in self.determiners), None)
        if before is not None and fold(before.text) in self.person_nouns:
            return True
        # The object of a preposition takes the kind its phrase gives ("murieron en Lubianka", "miembros de
        # Yarmuk", "the price of Bitcoin"), which the model's guess at a person may have missed.
        if word.dep_ == "pobj" or any(c.dep_ == "case" for c in word.children):
            return True
        # A list of names ("Orla, Voss y Marten") names each as the others are named.
        conjuncts = [c for c in word.children if c.dep_ == "conj"] + ([word.head] if word.dep_ == "conj" else [])
        return any(c.i in named for c in conjuncts)

    def _vehicle_operators(self, rejected: list[Span]) -> list[Span]:
        """Return the bodies named before a vehicle's number in refused names.

        "Lion Air Flight 610 crashed": the model took the flight's whole
        designation for one name, refused (it holds a number); the
        capitalised words before the vehicle's noun (a ``vehicle`` noun of
        ``agent_groups`` that ``number_labels`` numbers) name the body that
        flew it, as the model tags "Ethiopian Airlines" apart in "Ethiopian
        Airlines Flight 302".
        """
        found = []
        for span in rejected:
            at = next((t.i for t in span if fold(t.text) in self.numbered_vehicles), None)
            if at is None or at == span.start or not _only_number(span.doc[at + 1 : span.end]):
                continue
            words = span.doc[span.start : at]
            if all(t.pos_ == "PROPN" and t.text[:1].isupper() and not any(c.isdigit() for c in t.text) for t in words):
                found.append(Span(span.doc, span.start, at, label="Organization"))
        return found

    def _bracketed_acronyms(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the acronyms in brackets after organisations' names that the model left untagged.

        "The Independent Electoral and Boundaries Commission (IEBC) said":
        the text gives the body its acronym, a name of the body (paired with
        the long one by :mod:`beslan_kg.nlp.entities`). Only capitals that
        are initials of the name's words (:func:`beslan_kg.kb.spells`), not a
        word the rules refuse as a name ("(UTC)"), and only after a body's
        name: "MOSCOW (AP)" is a dateline's agency, no name of the city.
        """
        taken = _taken(kept, rejected)
        found = []
        for span in kept:
            end = span.end
            if span.label_ != "Organization" or end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
                continue
            acronym = doc[end + 1]
            if acronym.i not in taken and ACRONYM.fullmatch(acronym.text) and not ROMAN.fullmatch(acronym.text) \
                    and spells(acronym.text, span.text) and not (self.not_names.get(acronym.text) or self.not_names.get(fold(acronym.text))):
                found.append(Span(doc, end + 1, end + 2, label="Organization"))
        return found

    def _cut_short_of_a_name(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Widen a name the model cut short to the longer name the article writes elsewhere.

        "Cambridge Analytica was also accused", the model tagging only
        "Analytica": capitalised proper nouns beside a name, that no other
        name holds and that make with it, word for word, a name of two words
        or more kept elsewhere in the article, are its words too (two at
        most on each side).
        """
        names = {fold(span.text) for span in kept if len(span) > 1}
        if not names:
            return kept
        taken = _taken(kept, rejected)
        widened = []
        for span in kept:
            found = (span.start, span.end)
            for left in range(3):
                if not all(_free_proper(doc, i, taken) for i in range(span.start - left, span.start)):
                    break
                for right in range(3):
                    if not all(_free_proper(doc, i, taken) for i in range(span.end, span.end + right)):
                        break
                    start, end = span.start - left, span.end + right
                    if end - start > found[1] - found[0] and fold(doc[start:end].text) in names:
                        found = (start, end)
            widened.append(span if found == (span.start, span.end) else Span(doc, *found, label=span.label_))
        return widened

    def _surnames_told_again(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the later mentions of a person by surname alone that the model left untagged.

        "Brenton Tarrant ... was arrested. Tarrant was later charged": a
        proper noun, alone between words that are no proper nouns, after a
        person's full name that ends in it, names that person. Only words no
        other name, kept or refused, holds.
        """
        first_at: dict[str, int] = {}
        for span in kept:
            if span.label_ == "Person" and len(span) > 1 and span[-1].text[:1].isupper():
                first_at[span[-1].text] = min(first_at.get(span[-1].text, span.end), span.end)
        if not first_at:
            return []
        taken = _taken(kept, rejected)

        def proper(i: int) -> bool:
            return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

        return [Span(doc, token.i, token.i + 1, label="Person") for token in doc
                if token.i not in taken and token.pos_ == "PROPN" and first_at.get(token.text, len(doc)) <= token.i
                and not proper(token.i - 1) and not proper(token.i + 1)]

    def _listed_with_places(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the names the model left untagged in a list of places: "Tumbes, Piura, Cajamarca, Lambayeque y Amazonas".

        A run of capitalised proper nouns (three words at most) between
        commas or before a conjunction, in a list whose other members are
        names, all of places and two or more, is a place too. Only words no
        other name, kept or refused, holds.
        """
        taken = _taken(kept, rejected)
        by_start = {span.start: span for span in kept}

        def proper(i: int) -> bool:
            return _free_proper(doc, i, taken)

        def item(i: int) -> tuple[int, Span | None] | None:
            """Return the end of the list's member that starts at ``i`` and its kept name (None: untagged)."""
            if i in by_start:
                return by_start[i].end, by_start[i]
            end = i
            while proper(end) and end - i < 3:
                end += 1
            return (end, None) if end > i and not proper(end) else None

        def separator(i: int) -> int:
            """Return where the next member starts after a comma, a conjunction or both at ``i``, else ``i``."""
            if i < len(doc) and doc[i].text == ",":
                i += 1
            if i < len(doc) and fold(doc[i].text) in self.coordinators:
                i += 1
            return i

        found, i = [], 0
        while i < len(doc):
            first = item(i) if (i == 0 or not proper(i - 1)) else None
            if first is None:
                i += 1
                continue
            members, end = [(i, *first)], first[0]
            while (nxt := separator(end)) > end and (member := item(nxt)) is not None:
                members.append((nxt, *member))
                end = member[0]
            names = [span for _, _, span in members if span is not None]
            if len(names) >= 2 and len(names) < len(members) and all(span.label_ == "Place" for span in names):
                found += [Span(doc, start, stop, label="Place") for start, stop, span in members if span is None]
            i = max(end, i + 1)
        return found

    def _listed_of_a_kind(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the kept names, with the places listed before a plural noun of a kind of place.

        "at Punjirimattom, Mundakkai, Meppadi and Kunhome villages": each
        name of the list is a village, whether the model tagged it, typed it
        otherwise (a person, to it) or left it untagged. Only where the
        language puts a name's head last, and only a list (two names or more)
        of capitalised proper nouns, with commas and a conjunction between,
        right before a lower-case plural noun of ``place_heads``,
        ``division_nouns`` or ``area_nouns`` ("the Smith and Jones families"
        are no places).
        """
        if not self.head_last:
            return kept
        by_start = {span.start: span for span in kept}
        taken = _taken(kept, rejected)
        placed: dict[int, Span] = {}
        for noun in doc:
            if not (noun.pos_ == "NOUN" and noun.text[:1].islower() and is_plural(noun) and noun.dep_ != "compound"
                    and fold(noun.lemma_ or noun.text) in self.place_kind_nouns):
                continue
            runs, end = [], noun.i
            while True:
                start = end
                while start > 0 and end - start < MAX_HEADED and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
                    start -= 1
                if start == end:
                    break
                runs.append((start, end))
                gap = start
                if gap > 0 and fold(doc[gap - 1].text) in self.coordinators:
                    gap -= 1
                if gap > 0 and doc[gap - 1].text == ",":
                    gap -= 1
                if gap == start:
                    break
                end = gap
            # The last name after a conjunction: "..., Meppadi and Kunhome villages".
            if len(runs) < 2 or runs[0][0] == 0 or fold(doc[runs[0][0] - 1].text) not in self.coordinators:
                continue
            for start, end in runs:
                span = by_start.get(start)
                if (span is not None and span.end == end) or taken.isdisjoint(range(start, end)):
                    placed[start] = Span(doc, start, end, label="Place")
        # A kept name of the list takes the place's label; the untagged ones are added.
        retyped = [placed.pop(span.start) if span.start in placed and placed[span.start].end == span.end else span for span in kept]
        return retyped + list(placed.values())

    def _headed_names(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the names of places the model left untagged that their head word makes plain.

        "a committal service at Windsor Castle": capitalised words and the
        capitalised head word of a place's name (``kind_heads``, and
        ``untagged_place_heads``, which are also surnames) where the
        language puts it, last in English, first in Spanish ("el Castillo de
        Windsor", "el Parque Güell"). Only words no other name, kept or
        refused, holds.
        """
        taken = _taken(kept, rejected)

        def proper(i: int) -> bool:
            return _free_proper(doc, i, taken)

        found = []
        for head in doc:
            if head.i in taken or not head.text[:1].isupper() or (self.heads.get(fold(head.text)) != "Place" and fold(head.text) not in self.untagged_place_heads):
                continue
            if self.head_last:
                start = head.i
                while proper(start - 1) and head.i - start < MAX_HEADED:
                    start -= 1
                end = head.i + 1
            else:
                start = end = head.i + 1
                if end < len(doc) and fold(doc[end].text) in self.of_words and proper(end + 1):
                    end += 1
                while proper(end) and end - head.i < MAX_HEADED:
                    end += 1
                start, end = head.i, (end if end > start and proper(end - 1) else head.i + 1)
            if end - start >= 2:
                found.append(Span(doc, start, end, label="Place"))
                taken.update(range(start, end))
        return found

    def _work_title(self, doc: Doc, span: Span) -> Span:
        """Widen a document's title over the lower-case words that end it, after the noun of its kind (``title_nouns``).

        "the apostolic constitution Universi Dominici gregis", "la encíclica
        Fratelli tutti": a title in another language keeps that language's
        case, and the parser makes its capitalised words modifiers of the
        lower-case one after them. The title is a thing's name.
        """
        before = doc[span.start - 1] if span.start else None
        if before is None or not before.text[:1].islower() or fold(before.lemma_ or before.text) not in self.title_nouns:
            return span
        end = span.end
        while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].islower() and doc[end - 1].head.i == end \
                and doc[end - 1].dep_ == "compound" and not _in_entity(doc[end]):
            end += 1
        return span if end == span.end else Span(doc, span.start, end, label="Thing")

    def _quoted_names(self, doc: Doc, kept: list[Span], rejected: list[Span]) -> list[Span]:
        """Return the names in quotes that a naming word gives something, where the model tagged none.

        "an app called "This Is Your Digital Life"", "una operación denominada
        «Lava Jato»": capitalised words the text names a thing with, of the
        kind the noun named says (``kind_heads``), else a thing's; also where
        the model gave them a label of no entity ("WORK_OF_ART").
        """
        taken = {i for span in (*kept, *(r for r in rejected if not r.label_.startswith("label"))) for i in range(span.start, span.end)}
        found = []
        for token in doc:
            if token.i + 2 >= len(doc) or fold(token.lemma_ or token.text) not in self.naming_words and fold(token.text) not in self.naming_words:
                continue
            opening = doc[token.i + 1]
            if not opening.is_quote or not opening.is_left_punct and opening.text not in ('"', "'"):
                continue
            close = next((t.i for t in doc[opening.i + 1 : opening.i + 2 + self.max_tokens] if t.is_quote), None)
            if close is None or close == opening.i + 1:
                continue
            words = doc[opening.i + 1 : close]
            if not words[0].text[:1].isupper() or any(t.i in taken or t.is_sent_start or t.text in ".!?" for t in words) \
                    or self._listed(words.text):
                continue
            named = token.head if token.dep_ in ("acl", "amod", "advcl") and token.head.i < token.i else None
            kind = self.heads.get(fold(named.text)) or self.heads.get(fold(named.lemma_)) if named is not None else None
            found.append(Span(doc, words.start, words.end, label=kind or "Thing"))
        return found

    def _coordinated_kinds(self, spans: list[Span], cued: frozenset[tuple[int, int]]) -> list[Span]:
        """Give a name the model could not type the kind of the one name it is coordinated with.

        "Flamengo y River Plate", "Acme and Initech": names joined by a
        conjunction are things of one kind, and the typed one says which. A
        lone word the model took for a person, listed with two places or more
        and nothing else, is a place too ("Paiporta, Catarroja y Sedaví"),
        unless the words beside it gave its kind (``cued``).
        """
        owner = {i: span for span in spans for i in range(span.start, span.end)}
        typed = []
        for span in spans:
            if span.ent_id_ or span.label_ not in ("Thing", "Person") or (span.label_ == "Person" and len(span) > 1):
                typed.append(span)
                continue
            root = span.root
            linked = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
            # Over the whole list: "Paiporta, Catarroja y Sedaví" hangs each name on the first.
            if root.dep_ == "conj":
                linked += [c for c in root.head.children if c.dep_ == "conj" and c is not root]
            names = [owner[t.i] for t in linked if t.i in owner and owner[t.i] is not span]
            kinds = {n.label_ for n in names} - {"Thing"}
            if span.label_ == "Thing" and len(kinds) == 1:
                span = Span(span.doc, span.start, span.end, label=kinds.pop())
            elif span.label_ == "Person" and kinds == {"Place"} and len(names) >= 2 and span.root.pos_ == "PROPN" \
                    and (span.start, span.end) not in cued:
                # A lone word in a list of places, the model's person (the towns "Paiporta, Catarroja y Sedaví").
                span = Span(span.doc, span.start, span.end, label="Place")
            typed.append(span)
        return typed

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def capitalised_phrases(rules: Mapping[str, Any]) -> frozenset[tuple[str, ...]]:
    """Return the common phrases whose last word is written with a capital ("golpe de Estado"), folded, as words."""
    return frozenset(tuple(fold(p).split()) for p in (rules.get("filters") or {}).get("capitalised_phrases", ()))


def ends_phrase(doc: Doc, i: int, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Tell whether the word at ``i`` ends one of the common ``phrases`` begun before it ("golpe de | Estado")."""
    last = fold(doc[i].text)
    return any(p[-1:] == (last,) and len(p) <= i + 1 and tuple(fold(t.text) for t in doc[i + 1 - len(p) : i + 1]) == p for p in phrases)


def _only_number(span: Span) -> bool:
    """Tell whether ``span`` is a number and nothing else ("610", "9525"; not empty)."""
    return len(span) > 0 and all(t.like_num or t.is_digit for t in span)


def _taken(kept: list[Span], rejected: list[Span]) -> set[int]:
    """Return the tokens a name holds, kept or refused: no other name may be made of them."""
    return {i for span in (*kept, *rejected) for i in range(span.start, span.end)}


def _free_proper(doc: Doc, i: int, taken: set[int]) -> bool:
    """Tell whether ``doc[i]`` is a capitalised proper noun of letters that no name holds (``taken``)."""
    return 0 <= i < len(doc) and i not in taken and doc[i].pos_ == "PROPN" and doc[i].is_alpha and doc[i].text[:1].isupper()


def _mistagged_name(token) -> bool:
    """Tell whether a word the tagger gave a function word's part of speech is a name all the same.

    "Lambayeque" tagged a pronoun: capitalised inside its sentence, and no
    word of the language's stop list, it is no pronoun.
    """
    return token.text[:1].isupper() and not token.is_sent_start and token.is_alpha and not token.is_stop


def _in_entity(token) -> bool:
    """Tell whether a word is in one of the doc's entities.

    Read from the word itself: listing ``doc.ents`` for each name judged is
    quadratic in the length of the text.
    """
    return token.ent_iob_ in ("B", "I")


@Language.factory("beslan_entity_filter", default_config={"lang": None})
def make_entity_filter(nlp: Language, name: str, lang: str | None) -> EntityFilter:
    """Build the :class:`EntityFilter` for ``lang`` (the pipeline's language if None)."""
    return EntityFilter(nlp, name, lang=lang)
