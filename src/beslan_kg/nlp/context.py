"""What the extraction steps share about one parsed article."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

from beslan_kg.records import ArticleMeta, Evidence


@dataclass
class ArticleContext:
    """A parsed article and the index of its entities, for the extractors.

    Attributes:
        doc: The parsed article.
        meta: The article's metadata.
        rules: The language's extraction rules.
        entity_of_token: Token index -> ``local_id`` of the entity it names.
        class_of: ``local_id`` -> project class of that entity or event.
        kind_of: ``local_id`` -> schema.org kind.
        temporal: The temporal expressions found in the text.
        inner_of_token: Token index -> key of a known place named inside a
            longer name ("Budionovsk" in "hospital de Budionovsk"): words
            that hang on that token speak of the place, not the longer name.
        party_of_token: Token index -> ``local_id`` of a party named inside a
            case's name ("Derek Michael Chauvin" in "State of Minnesota v.
            Derek Michael Chauvin"), whose words stand for the case.
    """

    doc: Doc
    meta: ArticleMeta
    rules: Mapping[str, Any]
    entity_of_token: dict[int, str] = field(default_factory=dict)
    class_of: dict[str, str] = field(default_factory=dict)
    kind_of: dict[str, str] = field(default_factory=dict)
    temporal: list = field(default_factory=list)
    inner_of_token: dict[int, str] = field(default_factory=dict)
    party_of_token: dict[int, str] = field(default_factory=dict)
    # One string per sentence, shared by every piece of evidence in it (records stay small at scale).
    _sentences: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)

    def evidence(self, start_char: int, end_char: int) -> Evidence:
        """Return the evidence for a character span of the article."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or not len(span):
            span = self.doc[:]
        # A name the sentence splitter cut in two ("School No. | 1") lies in
        # both sentences: its sentence is the two together, so that evidence
        # always lies within its sentence.
        sentence: Span = self.doc[span[0].sent.start : span[-1].sent.end] if len(span) else span
        return Evidence(
            article_id=self.meta.id,
            start=start_char,
            end=end_char,
            text=self.text[start_char:end_char],
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            sentence=self._sentence_text(sentence.start_char, sentence.end_char),
        )

    def _sentence_text(self, start: int, end: int) -> str:
        text = self._sentences.get((start, end))
        if text is None:
            text = self._sentences[(start, end)] = self.text[start:end]
        return text

    @cached_property
    def text(self) -> str:
        """The article's text (``doc.text`` joins every token anew at each call)."""
        return self.doc.text

    @cached_property
    def comparisons(self) -> list[tuple[int, int]]:
        """The character spans of the phrases that measure a ranked event by an earlier one (:func:`comparison_phrases`)."""
        return comparison_phrases(self.doc, self.rules)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lemma and lower-cased word of the article: what a rule may ask the article to tell of."""
        return frozenset(word for token in self.doc for word in (token.lemma_.lower(), token.lower_))

    def temporal_in(self, start: int, end: int) -> list:
        """The temporal expressions that begin at an offset in ``[start, end)``, in text order.

        ``temporal`` is in text order, so this is a binary search rather than
        a scan of the whole article for every event.
        """
        key = (id(self.temporal), len(self.temporal))
        if getattr(self, "_temporal_key", None) != key:
            self._temporal_starts = [span.start_char for span in self.temporal]
            self._temporal_key = key
        starts = self._temporal_starts
        return self.temporal[bisect_left(starts, start) : bisect_left(starts, end)]

    def token_evidence(self, token: Token) -> Evidence:
        """Return the evidence for one token."""
        return self.words_evidence(token, token)

    def words_evidence(self, first: Token, last: Token) -> Evidence:
        """Return the evidence for the words from ``first`` to ``last``, both included."""
        return self.evidence(first.idx, last.idx + len(last.text))

    def _place_noun(self, token: Token) -> bool:
        """Tell whether a word names a place by its of-phrase: a place noun ("the town of"), or a part of one ("el centro de", "the north of")."""
        return is_one_of(token, self.rules.get("place_heads", ())) or (
            token.pos_ == "NOUN" and is_one_of(token, self.rules.get("direction_words", ())))

    def entity_at(self, token: Token) -> str | None:
        """Return the entity a token stands for.

        A token names an entity when it lies inside the entity's mention,
        when it heads a descriptive phrase around a place name ("the town of
        Beslan", "la ciudad de Beslán", "the outskirts of the town of
        Beslan"), or when it is a title followed by the
        name in apposition ("el presidente Dmitri Medvédev", "the Kremlin's
        spokesman, Dmitry Peskov"), which the parser hangs under the title.
        """
        if self._place_noun(token):
            # Checked first: in "the Caucasus region of North Ossetia" the head
            # noun sits inside the name "Caucasus region", yet the phrase
            # names North Ossetia.
            for child in token.children:
                if child.dep_ in ("prep", "nmod") and child.i > token.i:
                    target = next((c for c in child.children if c.dep_ == "pobj"), child)
                    found = self.entity_of_token.get(target.i)
                    if found is None and self._place_noun(target):
                        # "on the edge of the village of Ekazhevo", "en los estados del centro del país"
                        found = self.entity_at(target)
                    if found is not None and self.kind_of.get(found) == "Place":
                        return found
            if token.i not in self.entity_of_token:
                # "the Stavropol region", "la región de Stávropol" read alike.
                for child in token.children:
                    if child.dep_ in ("compound", "flat") and child.i < token.i:
                        found = self.entity_of_token.get(child.i)
                        if found is not None and self.kind_of.get(found) == "Place":
                            return found
        found = self.inner_of_token.get(token.i) or self.entity_of_token.get(token.i)
        if found is not None:
            return found
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "appos" and child.i > token.i:
                    found = self.entity_of_token.get(child.i)
                    if found is not None:
                        return found
            # "Mothers of Beslan — a group of parents …": a description in
            # apposition after a name stands for the name.
            if token.dep_ == "appos" and token.head.i < token.i:
                return self.entity_of_token.get(token.head.i)
        noun = antecedent(token)
        return self.entity_at(noun) if noun is not None else None


def outranks(rules: Mapping[str, Any], outer_class: str | None, inner_class: str | None, *, strict: bool) -> bool:
    """Tell whether a place of ``outer_class`` can contain one of ``inner_class``, by the rules' ``place_rank``.

    A country holds any place that is not a country. Otherwise, without
    ranks for both, only an explicit preposition (``strict`` False) may
    state containment.
    """
    countries = set(rules.get("country_classes", ()))
    if outer_class in countries and inner_class not in countries:
        # A country holds any place that is not a country, ranked or not:
        # "Amasra, Bartın Province, Turkey".
        return True
    rank = rules.get("place_rank", {})
    outer_rank, inner_rank = rank.get(outer_class), rank.get(inner_class)
    if outer_rank is None or inner_rank is None:
        return not strict
    return outer_rank > inner_rank


def town_rank(rules: Mapping[str, Any]) -> int | None:
    """Return the smallest ``place_rank`` of the rules' ``town_classes``: the rank below which a place is smaller than a town."""
    ranks = rules.get("place_rank") or {}
    return min((ranks[c] for c in rules.get("town_classes", ()) if c in ranks), default=None)


def is_plural(token: Token) -> bool:
    """Tell whether a noun is plural, by its morphology or its fine tag."""
    return "Plur" in token.morph.get("Number") or token.tag_ in ("NNS", "NNPS")


def is_one_of(token: Token, words: Collection[str]) -> bool:
    """Tell whether a word is one of ``words`` by its lemma or as written: "outskirts", whose lemma the tagger makes "outskirt"."""
    return token.lemma_.lower() in words or token.lower_ in words


def is_superlative(modifier: Token, rules: Mapping[str, Any]) -> bool:
    """Tell whether an adjective ranks what it modifies: "worst", "deadliest", "most deadly", "el más mortífero"."""
    words = set(rules.get("superlative_words", ()))
    return any(
        t.tag_ in ("JJS", "RBS") or "Sup" in t.morph.get("Degree") or t.lower_ in words
        for t in (modifier, *(c for c in modifier.children if c.dep_ == "advmod"))
    )


def ranks(word: Token, rules: Mapping[str, Any]) -> bool:
    """Tell whether a word ranks what it modifies: a superlative, an ordinal, or one of the rules' ``ranking_words`` ("first", "only")."""
    return is_superlative(word, rules) or "Ord" in word.morph.get("NumType") or word.lower_ in {w.lower() for w in rules.get("ranking_words", ())}


#: How many words before a "since" word a superlative or an ordinal may stand ("el sismo más fuerte sentido en el país desde ...").
_RANKED_REACH = 8


def comparison_phrases(doc: Doc, rules: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Return the character spans of the phrases that measure a ranked event by an earlier one.

    "the largest eruption since the 1991 eruption of Mount Pinatubo", "la
    primera erupción en la isla desde la del Teneguía en 1971", "el sismo más
    fuerte sentido en el país desde el terremoto de 1979": a ``since_preps``
    word and its object, after a superlative or an ordinal (``ranking_words``)
    in the words of its clause before it. The event such a phrase names is a
    measure, not what the story tells: not the event the next sentences speak
    of. Read on the words, not the tree: small parsers hang the phrase on the
    verb as often as on the noun.
    """
    since = {w.lower() for w in rules.get("since_preps", ())}
    found = []
    for token in doc:
        if token.lower_ not in since or token.i == token.sent.start:
            continue
        ranked = False
        for before in reversed(doc[max(token.sent.start, token.i - _RANKED_REACH) : token.i]):
            if before.is_punct or before.pos_ in ("CCONJ", "VERB", "AUX"):
                break
            if ranks(before, rules):
                ranked = True
                break
        # Its object: the noun a preposition heads (English) or hangs on (Spanish), or the clause it opens ("since the
        # White Friday avalanches in 1916", where the parser read "avalanches" as a verb), without what is coordinated to it.
        obj = next((c for c in token.children if c.dep_ == "pobj"), None) if token.dep_ == "prep" \
            else token.head if token.dep_ in ("case", "mark") else None
        if not ranked or obj is None or obj.i < token.i:
            continue
        coordinated = {t.i for c in obj.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        end = max(t.i for t in obj.subtree if t.i not in coordinated and not t.is_punct)
        found.append((token.idx, doc[end].idx + len(doc[end].text)))
    return found


def same_year_references(doc: Doc, rules: Mapping[str, Any]) -> list[int]:
    """Return where the text refers back to the year it last named ("that same year", "ese mismo año": ``same_year_phrases``)."""
    found = []
    for phrase in rules.get("same_year_phrases", ()):
        words = phrase.lower().split()
        for token in doc:
            if words[:1] == [token.lower_] and [t.lower_ for t in doc[token.i : token.i + len(words)]] == words:
                found.append(token.idx)
    return sorted(found)


def antecedent(token: Token) -> Token | None:
    """Return the noun a relative pronoun stands for: the one its clause describes ("a flight that crashed"), else None.

    The Spanish model hangs a relative clause as "acl", and tags "que" both
    interrogative and relative ("PronType=Int,Rel").
    """
    if not is_relative_pronoun(token):
        return None
    clause = next((a for a in token.ancestors if a.dep_ in ("relcl", "acl:relcl", "acl")), None)
    return clause.head if clause is not None and clause.head.i != token.i else None


def conjuncts(token: Token) -> list[Token]:
    """Return a word and every word joined to it as one list ("Chicago, Seattle and Boston"), the word first."""
    found, todo = [], [token]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(c for c in current.children if c.dep_ == "conj")
    return found


def is_relative_pronoun(token: Token) -> bool:
    """Tell whether a word is a relative pronoun ("which", "that", "que"): by its English tag or its morphology."""
    return token.tag_ in ("WDT", "WP") or "Rel" in token.morph.get("PronType")


def is_passive(verb: Token, auxiliaries: set[str]) -> bool:
    """Tell whether a verb is passive by its auxiliary (the rules' ``passive_auxiliaries``: "was charged", "fue condenada").

    Universal Dependencies labels the Spanish "fue" a plain "aux", and its
    subject a plain "nsubj".
    """
    return any(c.dep_ in ("aux", "aux:pass", "auxpass") and c.lemma_.lower() in auxiliaries for c in verb.children)


def introduced_by(token: Token, phrases: Iterable[str]) -> bool:
    """Tell whether the phrase a word heads follows one of ``phrases`` ("because of the pandemic", "debido a la pandemia")."""
    first = token.left_edge.i
    doc = token.doc
    for phrase in phrases:
        words = phrase.lower().split()
        # The preposition heads the phrase ("because of" + "the pandemic") or,
        # in Universal Dependencies, hangs on its noun ("debido a la pandemia").
        before = [t.lower_ for t in doc[max(first - len(words), 0) : first]]
        opening = [t.lower_ for t in doc[first : first + len(words)]]
        if words in (before, opening):
            return True
    return False


def prepositional(child: Token) -> Iterator[tuple[str, Token]]:
    """Yield (preposition, object) for a prepositional dependent, in either scheme.

    A preposition coordinated with it gives its own object too ("damage in
    Puebla and in the Mexico City area"): the English parser hangs the
    second phrase on the first preposition.
    """
    if child.dep_ in ("prep", "agent"):
        for prep in (child, *(c for c in child.children if c.dep_ == "conj" and c.pos_ == "ADP")):
            for obj in prep.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield prep.lower_, obj
    elif child.dep_ in ("obl", "nmod", "obl:agent", "obj"):
        # An object with a preposition of its own is a prepositional phrase the
        # parser took for an object ("se desplazaron [a Pamplona]", "sentenciado
        # [por el Tribunal Supremo]"); a bare object has none.
        case = next((c for c in child.children if c.dep_ == "case"), None)
        if case is not None:
            yield case.lower_, child
