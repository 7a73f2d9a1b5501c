"""Relations between entities, from dependency patterns kept in ``ontology/rules``.

Each pattern is a spaCy DependencyMatcher pattern with two nodes named
``subject`` and ``object``. Matching is kept apart from judging: the matcher
proposes token pairs, and a pair becomes a relation only when both tokens
stand for entities of the kinds the rule names, and, for containment, when
the object is a larger place than the subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from spacy.attrs import ENT_IOB
from spacy.tokens import Doc, Span, Token

from beslan_kg.kb import fold, generated_demonyms, load_kb
from beslan_kg.nlp.context import ArticleContext, is_passive, is_plural, is_relative_pronoun, outranks, prepositional, town_rank
from beslan_kg.nlp.depmatch import DependencyMatcher
from beslan_kg.nlp.gazetteer import DEMONYM, DEMONYM_KEY, INNER_KEY
from beslan_kg.nlp.linker import name_index
from beslan_kg.records import Evidence, Relation, unique_relations

_CONTAINMENT = ("locatedIn", "country")
#: The most words a locative phrase puts between two places (", en el extremo noroeste de la").
_LOCATIVE_GAP = 8
# Set on the tokens of a matched sentence that stand for an entity (see ``_iter_matches``).
_STANDS = "beslan_stands_for_entity"
if not Token.has_extension(_STANDS):
    Token.set_extension(_STANDS, default=False)


def make_relation_matcher(vocab, rules: Mapping[str, Any]) -> DependencyMatcher:
    """Build a DependencyMatcher from the rules' ``relations`` section."""
    matcher = DependencyMatcher(vocab, validate=True)
    for rule in rules.get("relations", ()):
        matcher.add(rule["id"], [[_loosen(node) for node in rule["pattern"]]])
    return matcher


def _loosen(node: Mapping[str, Any]) -> dict:
    """Let the subject and object nodes be any noun that stands for an entity.

    The rule's kinds are checked on the entity a token stands for, and that
    may be a descriptive head around the name ("el grupo Riyad-us Saliheen",
    "the town of Beslan"), which carries no entity type itself. Only tokens
    that stand for some entity are candidates: the matcher tries every
    combination of candidates, and a match on any other noun is dropped
    anyway. A word the rule lists by lemma matches written with a capital
    too: a title the tagger read as a proper noun keeps its capital in its
    lemma ("Macron, the President of France").
    """
    node = dict(node)
    attrs = dict(node.get("RIGHT_ATTRS", {}))
    lemmas = attrs.get("LEMMA")
    if isinstance(lemmas, Mapping) and "IN" in lemmas:
        attrs["LEMMA"] = {"IN": sorted({form for lemma in lemmas["IN"] for form in (lemma, lemma[:1].upper() + lemma[1:])})}
    if node["RIGHT_ID"] in ("subject", "object") and "ENT_TYPE" in attrs:
        del attrs["ENT_TYPE"]
        attrs.setdefault("POS", {"IN": ["PROPN", "NOUN"]})
        attrs["_"] = {_STANDS: True}
    if attrs:
        node["RIGHT_ATTRS"] = attrs
    return node


def extract_relations(ctx: ArticleContext, matcher: DependencyMatcher) -> list[Relation]:
    """Return the entity-to-entity relations the article states."""
    listed = _listed_places(ctx)
    found = list(_pattern_relations(ctx, matcher, listed)) + list(_nationality(ctx)) + list(_embedded_places(ctx))
    found += list(_adjacent_locatives(ctx)) + list(_address_chains(ctx, listed)) + list(_parenthesised_members(ctx))
    found += list(_located_phrases(ctx))
    found += list(_bodies_named_after_places(ctx)) + list(_installed_as_leader(ctx)) + list(_belonging(ctx))
    found += list(_offices(ctx)) + list(_titled_heads(ctx))
    found += list(_addresses(ctx, found)) + list(_successors(ctx, found)) + list(_chamber_members(ctx))
    # After the addresses: a place given as an example is in the place named, not carried further.
    found += list(_exemplified_places(ctx))
    found += list(_home_heads(ctx))
    return unique_relations(found)


def _iter_matches(ctx: ArticleContext, matcher: DependencyMatcher) -> Iterator[tuple[int, list[int]]]:
    """Match the patterns only where a relation can be: in sentences that name two entities.

    The matcher tries every combination of candidate tokens of a sentence for
    each pattern, so most of its time would go to sentences without two
    entities, which can yield nothing (both ends of a relation stand for
    entities named in the sentence: the name itself, a head noun over it, a
    relative pronoun for it). Those sentences are copied into one Doc and
    matched at once; matches are the same as over the whole Doc, whose trees
    are sentences.
    """
    named = {**ctx.entity_of_token, **ctx.inner_of_token}
    wanted = [sent for sent in ctx.doc.sents if len({named[i] for i in range(sent.start, sent.end) if i in named}) >= 2]
    if not wanted:
        return
    copy, origin = _copy_sentences(ctx.doc, wanted)
    for token in copy:
        if ctx.entity_at(ctx.doc[origin[token.i]]) is not None:
            token._.set(_STANDS, True)
    for match_id, token_ids in matcher(copy):
        yield match_id, [origin[i] for i in token_ids]


def _copy_sentences(doc: Doc, sentences: list[Span]) -> tuple[Doc, list[int]]:
    """Copy whole sentences of a Doc, in order, into a Doc of their own; return it and each token's index in ``doc``.

    Each sentence's tokens and entities are what ``sent.as_doc()`` gives
    (an entity that runs past a sentence's end is in neither copy), joined.
    ``Span.as_doc`` reads the whole Doc for every sentence it copies, which
    made a long article quadratic: here the Doc is read once.
    """
    head = doc._get_array_attrs()
    origin = [i for sent in sentences for i in range(sent.start, sent.end)]
    rows = doc.to_array(head)[origin]
    column, first = head.index(ENT_IOB), 0
    for sent in sentences:
        # A name running on from the sentence before starts here ("I" becomes "B"), so that the copy's entities are valid.
        if rows[first][column] == 1:
            rows[first][column] = 3
        first += len(sent)
    copy = Doc(doc.vocab, words=[doc[i].text for i in origin], spaces=[bool(doc[i].whitespace_) for i in origin])
    copy.from_array(head, rows)
    position = {i: n for n, i in enumerate(origin)}
    sentence_of = {i: sent.start for sent in sentences for i in range(sent.start, sent.end)}
    whole = {
        (position[ent.start], position[ent.end - 1] + 1)
        for ent in doc.ents
        if ent.start in sentence_of and sentence_of[ent.start] == sentence_of.get(ent.end - 1)
    }
    partial = [ent for ent in copy.ents if (ent.start, ent.end) not in whole]
    if partial:
        copy.set_ents([], missing=partial, default="unmodified")
    return copy, origin


def _pattern_relations(ctx: ArticleContext, matcher: DependencyMatcher, listed: set[int]) -> Iterator[Relation]:
    rules = {rule["id"]: rule for rule in ctx.rules.get("relations", ())}
    doc = ctx.doc
    for match_id, token_ids in _iter_matches(ctx, matcher):
        rule = rules[doc.vocab.strings[match_id]]
        names = [node["RIGHT_ID"] for node in rule["pattern"]]
        tokens = {name: doc[i] for name, i in zip(names, token_ids)}
        subject, obj = ctx.entity_at(tokens["subject"]), ctx.entity_at(tokens["object"])
        if subject is None or obj is None or subject == obj:
            continue
        if not _fits(ctx, rule, subject, obj, tokens, listed):
            continue
        predicate = rule["predicate"]
        if predicate in _CONTAINMENT:
            predicate = "country" if ctx.class_of.get(obj) in ctx.rules.get("country_classes", ()) else "locatedIn"
            subject = _named_after(ctx, tokens["subject"], subject, obj, before=tokens["object"].left_edge.i) or subject
        first, last = sorted((tokens["subject"], tokens["object"]), key=lambda t: t.i)
        if predicate == "ledBy" and "role" in tokens and _deputy(ctx, tokens["role"]):
            continue  # "the vice president of Argentina" does not lead it
        if predicate == "ledBy" and "role" in tokens and _heads_a_unit(ctx, tokens["role"], tokens["subject"]):
            # "jefe de asesores del Ministerio, X": X heads the advisers and works for the ministry.
            if ctx.kind_of.get(subject) == "Organization":
                yield Relation(obj, "employer", subject, ctx.words_evidence(first, last), rule["id"])
            continue
        relation = Relation(subject, predicate, obj, ctx.words_evidence(first, last), rule["id"])
        yield relation
        if predicate == "ledBy" and "role" in tokens:
            yield from _employed(ctx, relation, tokens["role"])


def _heads_a_unit(ctx: ArticleContext, role: Token, body: Token) -> bool:
    """Tell whether a leader's title is narrowed to a unit of the body after it: "jefe de asesores del Ministerio", "head of security at Acme".

    A common noun of the title's own "of" phrase, written between the title
    and the body's name, is what the person heads; parsers often hang the
    body's phrase on the title all the same. The nouns of a title itself
    (``title_complements``: "head of state", "jefe de Gobierno") narrow nothing.
    """
    own = {w.lower() for w in ctx.rules.get("title_complements", ())}
    for child in role.children:
        for _, obj in prepositional(child):
            if role.i < obj.i < body.i and obj.pos_ == "NOUN" and ctx.entity_at(obj) is None and obj.lemma_.lower() not in own:
                return True
    return False


def _fits(ctx: ArticleContext, rule: Mapping[str, Any], subject: str, obj: str, tokens: Mapping[str, Token],
          listed: set[int]) -> bool:
    if ctx.kind_of.get(subject) not in rule["subject"] or ctx.kind_of.get(obj) not in rule["object"]:
        return False
    if rule.get("object_classes") and ctx.class_of.get(obj) not in rule["object_classes"]:
        return False
    if (rule.get("comma_only") or rule.get("adjacent_after_comma")) and (
            _enumerated(tokens["subject"], tokens["object"]) or {tokens["subject"].i, tokens["object"].i} & listed):
        return False
    if rule.get("not_listed") and tokens["subject"].i in listed:
        return False  # a place in a list of places: what stands in apposition to it is the next one
    if rule.get("comma_only"):
        between = ctx.doc[min(tokens["subject"].i, tokens["object"].i) : max(tokens["subject"].i, tokens["object"].i)]
        if not any(t.text == "," for t in between) or any(t.pos_ == "CCONJ" for t in between):
            return False
    if rule["predicate"] in _CONTAINMENT:
        address = bool(rule.get("comma_only") or rule.get("adjacent_after_comma"))
        return _larger(ctx, obj, subject, strict=address or bool(rule.get("strict"))) or (address and _site_of(ctx, obj, subject))
    return True


def _site_of(ctx: ArticleContext, outer: str, inner: str) -> bool:
    """Tell whether an address puts a place of no known size in a place of known size: "Pinewood, Ontario".

    A place without a rank is one the knowledge base does not size (a
    village, a stadium, a neighbourhood); written before a comma and a
    ranked place, it lies in that place. Two ranked places after a comma are
    left to their ranks, which keep "Ontario, Quebec" from reading as one in
    the other.
    """
    rank = ctx.rules.get("place_rank", {})
    return rank.get(ctx.class_of.get(inner)) is None and rank.get(ctx.class_of.get(outer)) is not None


def _named_after(ctx: ArticleContext, token: Token, named: str, outer: str, *, before: int) -> str | None:
    """Return the town a building's name holds when a larger place is said of the building.

    "la escuela número 1 de Beslán, en Osetia del Norte" says where Beslan
    is; that the school is in Beslan its name says already. Only the words
    before the larger place (token ``before``) are read.
    """
    # The building's name is its own tokens, or, inside an event's name ("la
    # toma de la escuela de Beslán"), the phrase the word heads.
    first, last = token.left_edge.i, token.right_edge.i
    while first > 0 and ctx.entity_of_token.get(first - 1) == named:
        first -= 1
    while last + 1 < len(ctx.doc) and ctx.entity_of_token.get(last + 1) == named:
        last += 1
    # The larger place's own words are not the building's name.
    last = min(last, before - 1)
    words = [t for t in ctx.doc[first : last + 1] if ctx.entity_of_token.get(t.i) == named]
    head = next((t for t in words if not first <= t.head.i <= last or t.head.i == t.i), token)
    kb = load_kb()
    for span in ctx.doc.spans.get(INNER_KEY, []):
        place = span.id_
        # Only a town written after the building's word ends the phrase the
        # larger place follows; "the Budyonnovsk hospital in Stavropol Krai"
        # says where the hospital is.
        if span.label_ != "Place" or place not in kb or place in (named, outer) or not (head.i < span.start and span.end - 1 <= last):
            continue
        ctx.class_of.setdefault(place, kb[place].ontology_class)
        if _larger(ctx, place, named, strict=True) and _larger(ctx, outer, place, strict=True):
            ctx.kind_of.setdefault(place, "Place")
            return place
    return None


def _enumerated(first: Token, second: Token) -> bool:
    """Tell whether two tokens are members of one coordination with a conjunction.

    "Nazran, Dagestan and Chechnya" lists three places and none contains
    another, although the comma between the first two looks like "Beslan,
    North Ossetia".
    """

    def top(token: Token) -> Token:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token

    root = top(first)
    if top(second).i != root.i:
        return False
    members, stack = [root], [root]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj":
                members.append(child)
                stack.append(child)
    return any(child.dep_ == "cc" for member in members for child in member.children)


def _larger(ctx: ArticleContext, outer: str, inner: str, *, strict: bool) -> bool:
    """Tell whether the place ``outer`` can contain the place ``inner`` (see :func:`outranks`)."""
    return outranks(ctx.rules, ctx.class_of.get(outer), ctx.class_of.get(inner), strict=strict)


def _embedded_places(ctx: ArticleContext) -> Iterator[Relation]:
    """Read where a thing is from a place named inside its name.

    "Escuela Nº1 de Beslán" is in Beslan; "the Beslan school siege" took place
    in Beslan. A place inside a place's name must be the larger of the two
    ("Kursk region" does not lie in the city of Kursk); inside an
    organisation's name only a country says something: whose body it is.
    """
    kb = load_kb()
    countries = set(ctx.rules.get("country_classes", ()))
    for span in ctx.doc.spans.get(INNER_KEY, []):
        entry = kb.get(span.id_)
        outer = ctx.entity_of_token.get(span.start)
        if entry is None or entry.kind != "Place" or outer is None or outer == entry.key:
            continue
        if span.label_ == DEMONYM:
            # "Gobierno ruso", "Russian special forces": the organisation is the country's.
            if ctx.kind_of.get(outer) == "Organization" and entry.ontology_class in countries:
                ctx.class_of.setdefault(entry.key, entry.ontology_class)
                ctx.kind_of.setdefault(entry.key, "Place")
                yield Relation(outer, "country", entry.key, _name_evidence(ctx, outer, span), f"{ctx.meta.language}-name-demonym")
            continue
        ctx.class_of.setdefault(entry.key, entry.ontology_class)
        ctx.kind_of.setdefault(entry.key, "Place")
        kind = ctx.kind_of.get(outer)
        evidence = _name_evidence(ctx, outer, span)
        rule = f"{ctx.meta.language}-name-embeds-place"
        if kind == "Organization" and entry.ontology_class in countries:
            # "Fuerzas Armadas de Rusia", "Government of Russia": the country's
            # own body. A town in a name ("Mothers of Beslan") says nothing.
            ctx.class_of.setdefault(entry.key, entry.ontology_class)
            yield Relation(outer, "country", entry.key, evidence, f"{ctx.meta.language}-name-embeds-country")
        elif kind == "Event":
            yield Relation(outer, "location", entry.key, evidence, rule)
        elif kind == "Place" and _larger(ctx, entry.key, outer, strict=True):
            predicate = "country" if entry.ontology_class in countries else "locatedIn"
            yield Relation(outer, predicate, entry.key, evidence, rule)


def _bodies_named_after_places(ctx: ArticleContext) -> Iterator[Relation]:
    """Read where a public body sits from a place of the article written inside its name.

    "the District Court of Minnesota", "the Minnesota Supreme Court": a
    court or a government sits in the place it serves. The place must be
    one the article names on its own too ("State of Minnesota"): a place
    known only from inside a body's name is too weak a sign.
    """
    countries = set(ctx.rules.get("country_classes", ()))
    doc = ctx.doc
    places: dict[tuple[str, ...], str] = {}
    for first, last, place in _named_runs(ctx, "Place"):
        places.setdefault(tuple(t.lower_ for t in doc[first : last + 1]), place)
    rule = f"{ctx.meta.language}-name-embeds-seat"
    for first, last, body in _named_runs(ctx, "Organization"):
        words = [t.lower_ for t in doc[first : last + 1]]
        for form, place in places.items():
            n = len(form)
            at = next((i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == form and n < len(words)), None)
            if at is None:
                continue
            if not _public_body(ctx, [t for t in doc[first : last + 1] if not first + at <= t.i < first + at + n]):
                continue
            predicate = "country" if ctx.class_of.get(place) in countries else "locatedIn"
            yield Relation(body, predicate, place, ctx.words_evidence(doc[first], doc[last]), rule)


def _installed_as_leader(ctx: ArticleContext) -> Iterator[Relation]:
    """Read who became a body's leader from a title after "as": "the inauguration of Joe Biden as president of the United States".

    "Smith was sworn in as mayor of Lyon", "la investidura de Pedro Sánchez
    como presidente del Gobierno": the title's "as" phrase hangs on the
    event (or on the person), and the person is that word's subject,
    object or "of" phrase.
    """
    titles = {w.lower() for w in ctx.rules.get("leader_titles", ())}
    heads = {w.lower() for w in ctx.rules.get("head_titles", ())}
    markers = {w.lower() for w in ctx.rules.get("alias_markers", ())}
    of_preps = set(ctx.rules.get("of_preps", ()))
    rule = f"{ctx.meta.language}-installed-as-leader"
    for title in ctx.doc:
        if (title.lemma_.lower() not in titles and title.lower_ not in titles) or _deputy(ctx, title):
            continue
        if title.dep_ == "pobj" and title.head.lower_ in markers:
            anchor = title.head.head  # "as president": the phrase hangs on the event
        elif any(c.dep_ in ("mark", "case") and c.lower_ in markers for c in title.children):
            anchor = title.head  # "como presidente"
        else:
            continue
        led = next((ctx.entity_at(obj) for child in title.children for prep, obj in prepositional(child) if prep in of_preps
                    and ctx.kind_of.get(ctx.entity_at(obj) or "") in ("Organization", "Place")), None)
        leader = _installed(ctx, anchor, title, of_preps)
        if led is None and leader is not None and not any(c.dep_ in ("prep", "nmod") for c in title.children) and _titled_as(ctx, title, heads):
            # "Boluarte was sworn in as the new president": of the country the article is about.
            led = _home_country(ctx, leader)
        if led is None or leader is None or led == leader:
            continue
        first, last = min(title.i, anchor.i), max(t.i for t in title.subtree)
        yield Relation(led, "ledBy", leader, ctx.words_evidence(ctx.doc[first], ctx.doc[last]), rule)


def _offices(ctx: ArticleContext) -> Iterator[Relation]:
    """Read the office of an organisation a person holds from an "as" title: "X resigned as FTX CEO", "Y served as chairman of Acme".

    The title (``offices``: the heads of an organisation) follows an "as"
    (``alias_markers``) on a verb whose subject is the person, and names the
    organisation before it ("FTX CEO", "Acme's chief executive") or in its
    "of" phrase. Whether the person takes, holds or leaves the office, the
    organisation is led by them.
    """
    titles = {w.lower() for w in ctx.rules.get("offices", ())}
    markers = {w.lower() for w in ctx.rules.get("alias_markers", ())}
    of_preps = set(ctx.rules.get("of_preps", ()))
    rule = f"{ctx.meta.language}-office-as"
    for title in ctx.doc:
        if not _titled_as(ctx, title, titles):
            continue
        if title.dep_ == "pobj" and title.head.lower_ in markers:
            verb = title.head.head
        elif any(c.dep_ in ("mark", "case") and c.lower_ in markers for c in title.children):
            verb = title.head
        else:
            continue
        holder = next((ctx.entity_at(c) for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
        if holder is None or ctx.kind_of.get(holder) != "Person":
            continue
        named = [c for c in title.children if c.dep_ in ("compound", "poss", "amod", "nmod", "flat") and c.i < title.i]
        named += [obj for child in title.children for prep, obj in prepositional(child) if prep in of_preps]
        body = next((ctx.entity_at(t) for t in named if ctx.kind_of.get(ctx.entity_at(t) or "") == "Organization"), None)
        if body is None:
            continue
        last = max((t for t in title.subtree), key=lambda t: t.i)
        office = Relation(body, "ledBy", holder, ctx.words_evidence(ctx.doc[min(verb.i, title.i)], last), rule)
        yield office
        yield from _employed(ctx, office, title)


def _titled_heads(ctx: ArticleContext) -> Iterator[Relation]:
    """Read a body's head from its name, an office's title and the person's name side by side.

    "Federal Reserve Chairman Jerome Powell", "FTX CEO Sam Bankman-Fried";
    "la presidenta del FDIC, Ana Varga" (the title, an of-word, the body,
    then the person, after a comma or not). The title is one of ``offices``;
    the person heads the body (``ledBy``), and holds a post in it when the
    title is an executive's (see :func:`_employed`). A country after a head
    of state's title (``head_titles``) and its of-word is led so too
    ("President of France Emmanuel Macron"); a country's name before a
    title is read elsewhere.
    """
    offices = {tuple(w.lower().split()) for w in ctx.rules.get("offices", ())}
    # "President of France Emmanuel Macron": a head of state's title and its country, before the name.
    heads = {tuple(title.lower().split()) for title in ctx.rules.get("head_titles", ())}
    countries = set(ctx.rules.get("country_classes", ()))
    # Each title's words, the longest first: "chief executive" before "chief".
    titles = sorted(offices | heads, key=lambda t: (-len(t), t))
    of_words = set(ctx.rules.get("of_words", ()))
    determiners = {w.lower() for w in (ctx.rules.get("anaphora") or {}).get("determiners", ())}
    # "el expresidente de la RFEF Luis Rubiales": the office held at the time the story tells.
    prefixes = tuple(p.lower() for p in ctx.rules.get("former_prefixes", ()))
    doc, rule = ctx.doc, f"{ctx.meta.language}-titled-head"
    firsts = {t[0] for t in titles}
    for token in doc:
        # The first word alone first: most words open no title.
        if _title_words(doc, token.i, 1, prefixes)[0] not in firsts:
            continue
        size = next((len(t) for t in titles if _title_words(doc, token.i, len(t), prefixes) == t), 0)
        if not size or _deputy(ctx, token):
            continue
        end = token.i + size
        before = ctx.entity_of_token.get(token.i - 1) if token.i else None
        held = _title_words(doc, token.i, size, prefixes)
        is_office = held in offices
        if before is not None and ctx.kind_of.get(before) == "Organization" and end < len(doc) and is_office:
            body, person_at = before, end  # "Federal Reserve Chairman Jerome Powell"
        else:
            at = end
            if at < len(doc) and doc[at].lower_ in of_words:
                at += 1
                while at < len(doc) and doc[at].lower_ in determiners:
                    at += 1
            body = ctx.entity_of_token.get(at) if at > end else None
            if body is None or not ((ctx.kind_of.get(body) == "Organization" and is_office) or (ctx.class_of.get(body) in countries and held in heads)):
                continue
            person_at = at
            while person_at < len(doc) and ctx.entity_of_token.get(person_at) == body:
                person_at += 1
            # "de la Real Federación Española de Fútbol (RFEF) Luis Rubiales": over the body's acronym.
            if person_at + 2 < len(doc) and doc[person_at].text == "(" and ctx.entity_of_token.get(person_at + 1) == body \
                    and doc[person_at + 2].text == ")":
                person_at += 3
            if person_at < len(doc) and doc[person_at].text == ",":
                person_at += 1
        person = ctx.entity_of_token.get(person_at)
        if person is None or ctx.kind_of.get(person) != "Person" or ctx.entity_of_token.get(person_at - 1) == person:
            continue
        last = person_at
        while ctx.entity_of_token.get(last + 1) == person:
            last += 1
        first = token.i - 1 if before == body else token.i
        office = Relation(body, "ledBy", person, ctx.words_evidence(doc[first], doc[last]), rule)
        yield office
        yield from _employed(ctx, office, doc[end - 1])


def _title_words(doc: Doc, start: int, size: int, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``size`` words from ``start``, lower-cased, the first without a prefix of a former office ("expresidente": "presidente")."""
    words = [t.lower_ for t in doc[start : start + size]]
    if words:
        words[0] = next((words[0][len(p):] for p in prefixes if words[0].startswith(p) and len(words[0]) > len(p) + 2), words[0])
    return tuple(words)


def _employed(ctx: ArticleContext, led: Relation, title: Token) -> Iterator[Relation]:
    """Yield that a company's chief executive works for it: "FTX CEO Sam Bankman-Fried" is FTX's employee too.

    The chief executive of a company (``executive_titles``) is its employee
    as well as its head; a head of state or of a group is not said to be
    employed by it.
    """
    titles = {w.lower() for w in ctx.rules.get("executive_titles", ())}
    if ctx.kind_of.get(led.subject) == "Organization" and _titled_as(ctx, title, titles):
        yield Relation(led.object, "employer", led.subject, led.evidence, f"{ctx.meta.language}-executive")


def _titled_as(ctx: ArticleContext, token: Token, titles: set[str]) -> bool:
    """Tell whether a word is the last or the first word of one of the titles given ("CEO", "chief executive", "consejero delegado")."""
    lower = token.lower_
    for title in titles:
        # Most words end or begin no title: tested on the text before any slice of the Doc is made.
        if not (title.endswith(lower) or title.startswith(lower)):
            continue
        words = title.split()
        # The title's last word ("chief executive") or, in Spanish, its first ("consejero delegado").
        for first in (token.i - len(words) + 1, token.i):
            if first >= 0 and [t.lower_ for t in ctx.doc[first : first + len(words)]] == words:
                return True
    return token.lemma_.lower() in titles


def _successors(ctx: ArticleContext, relations: list[Relation]) -> Iterator[Relation]:
    """Hand an office on to whoever a sentence says replaced its holder: "X resigned as FTX CEO and was replaced by Y".

    A verb of succession (``succession_verbs``) whose old holder is its
    passive subject (or, with none, the subject of the verb it is joined to)
    or its object, and whose new holder is its "by" phrase or its subject:
    the organisations the sentence says the old holder led are led by the
    new one.
    """
    verbs = {w.lower() for w in ctx.rules.get("succession_verbs", ())}
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    passives = {w.lower() for w in ctx.rules.get("passive_auxiliaries", ())}
    led = [r for r in relations if r.predicate == "ledBy"]
    employed = {(r.subject, r.object) for r in relations if r.predicate == "employer"}
    rule = f"{ctx.meta.language}-successor"
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        passive = is_passive(verb, passives) or any(c.dep_ == "obl:agent" for c in verb.children)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
        if passive:
            old = subjects or ([c for c in verb.head.children if c.dep_ == "nsubj"] if verb.dep_ == "conj" else [])
            new = [obj for child in verb.children for prep, obj in prepositional(child) if prep in agent_preps]
        else:
            old = [c for c in verb.children if c.dep_ in ("dobj", "obj") and not any(k.dep_ == "case" for k in c.children)]
            new = [c for c in subjects if c.dep_ == "nsubj"]
        before = next((ctx.entity_at(t) for t in old if ctx.entity_at(t) is not None), None)
        after = next((ctx.entity_at(t) for t in new if ctx.entity_at(t) is not None), None)
        if before is None or after is None or before == after or ctx.kind_of.get(after) != "Person":
            continue
        for office in led:
            if office.object == before and office.evidence.sentence_start == verb.sent.start_char:
                last = verb.right_edge
                start = min(office.evidence.start, verb.left_edge.idx)
                end = max(office.evidence.end, last.idx + len(last.text))
                evidence = ctx.evidence(start, end)
                yield Relation(office.subject, "ledBy", after, evidence, rule)
                if (before, office.subject) in employed:
                    yield Relation(after, "employer", office.subject, evidence, rule)


def _chamber_members(ctx: ArticleContext) -> Iterator[Relation]:
    """Read a member of a chamber from the title before a name: "Senator Ted Cruz", "el congresista Paul Gosar".

    A title of ``chamber_titles`` says which chamber (the words its name is
    headed by); the person is its member when the article names exactly one
    organisation of that kind.
    """
    rule = f"{ctx.meta.language}-chamber-title"
    chambers = {title.lower(): {w.lower() for w in words} for title, words in (ctx.rules.get("chamber_titles") or {}).items()}
    if not chambers:
        return
    bodies: dict[str, set[str]] = {}
    for first, last, body in _named_runs(ctx, "Organization"):
        head = ctx.doc[first : last + 1].root
        bodies.setdefault(head.lower_, set()).add(body)
    for token in ctx.doc:
        words = chambers.get(token.lower_)
        if words is None:
            continue
        # The recogniser may take the title into the name ("Senator Ted Cruz").
        person = ctx.entity_of_token.get(token.i) or ctx.entity_of_token.get(token.i + 1)
        if person is None or ctx.kind_of.get(person) != "Person":
            continue
        named = set().union(*(bodies.get(w, set()) for w in words))
        if len(named) != 1:
            continue
        last = token.i + 1
        while last + 1 < len(ctx.doc) and ctx.entity_of_token.get(last + 1) == person:
            last += 1
        yield Relation(person, "memberOf", named.pop(), ctx.words_evidence(token, ctx.doc[last]), rule)


def _belonging(ctx: ArticleContext) -> Iterator[Relation]:
    """Read membership from a verb of belonging: "Yarmuk belongs to the Caucasus Front", "el Frente, al que pertenece Yarmuk".

    The member is the verb's subject, a person or an organisation; the
    organisation it belongs to is the verb's "to"/"a" phrase, or, when the
    verb opens a relative clause ("to which", "al que"), the name written
    right before the clause, which parsers often hang the clause elsewhere
    than on.
    """
    verbs = {w.lower() for w in (ctx.rules.get("belonging") or {}).get("verbs", ())}
    preps = {w.lower() for w in (ctx.rules.get("belonging") or {}).get("preps", ())}
    rule = f"{ctx.meta.language}-belongs-to"
    for verb in ctx.doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in verbs:
            continue
        member = next((ctx.entity_at(c) for c in verb.children if c.dep_ in ("nsubj",) and ctx.entity_at(c) is not None), None)
        if member is None or ctx.kind_of.get(member) not in ("Person", "Organization"):
            continue
        groups = [(obj, ctx.entity_at(obj)) for child in verb.children for prep, obj in prepositional(child) if prep in preps]
        if verb.dep_ in ("relcl", "acl", "acl:relcl") and any(is_relative_pronoun(t) for t in verb.subtree if t.i < verb.i):
            before = verb.left_edge.i - 1
            while before >= 0 and ctx.doc[before].is_punct:
                before -= 1
            if before >= 0:
                groups.append((ctx.doc[before], ctx.entity_of_token.get(before)))
        for token, group in groups:
            if group is None or group == member or ctx.kind_of.get(group) != "Organization":
                continue
            first, last = min(token.i, verb.left_edge.i), max(token.i, verb.right_edge.i)
            while ctx.doc[last].is_punct and last > first:
                last -= 1
            yield Relation(member, "memberOf", group, ctx.words_evidence(ctx.doc[first], ctx.doc[last]), rule)
            break


def _home_heads(ctx: ArticleContext) -> Iterator[Relation]:
    """Read the head of the article's country from a head's title held at the time told: "then President Pedro Castillo".

    A title of ``head_titles`` right before a name, after a word that says
    the person held the office at the time the story tells
    (``head_title_qualifiers``: "acting president X", "el entonces
    presidente X"), and that names no country or body ("President X of
    Chile" and "Mexican President X" are read by the patterns), says the
    person leads the country the article is about (:func:`_home_country`).
    A bare title ("President X") is a form of address the sets annotate
    only sometimes; "Vice President X" or "company president X" is another
    office.
    """
    heads = [title.lower().split() for title in ctx.rules.get("head_titles", ())]
    qualifiers = {w.lower() for w in ctx.rules.get("head_title_qualifiers", ())}
    of_words = {w.lower() for w in ctx.rules.get("of_words", ())}
    doc = ctx.doc
    rule = f"{ctx.meta.language}-head-title"
    for first, last, person in _named_runs(ctx, "Person"):
        words = next((n for n in map(len, heads) if first - n >= 0 and [t.lower_ for t in doc[first - n : first]] in heads), 0)
        if not words:
            continue
        title = doc[first - words]
        before = doc[title.i - 1] if title.i > 0 else None
        if before is None or before.lower_ not in qualifiers or before.i in ctx.entity_of_token:
            continue
        if last + 1 < len(doc) and doc[last + 1].lower_ in of_words:
            continue  # "President Ana Diaz of Chile"
        country = _home_country(ctx, person)
        if country is not None:
            yield Relation(country, "ledBy", person, ctx.words_evidence(title, doc[last]), rule)


def _home_country(ctx: ArticleContext, person: str) -> str | None:
    """Return the country a head of state without a country named is head of: their own in the knowledge base, else the article's.

    The article's country is the country it names most often, when one
    does; a person the knowledge base puts in another country (a foreign
    head named in passing) leads none the article names.
    """
    countries = set(ctx.rules.get("country_classes", ()))
    counts: dict[str, int] = {}
    for _, _, place in _named_runs(ctx, "Place"):
        if ctx.class_of.get(place) in countries:
            counts[place] = counts.get(place, 0) + 1
    entry = load_kb().get(person)
    if entry is not None and entry.country:
        return entry.country if entry.country in counts else None
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=counts.__getitem__)


def _installed(ctx: ArticleContext, anchor: Token, title: Token, of_preps: set[str]) -> str | None:
    """Return the person a word an "as" title hangs on stands for, or has as its object, "of" phrase or subject.

    The one installed is the object before the subject: in "Putin named
    Medvedev as prime minister" Medvedev takes the post.
    """
    candidates = [anchor]
    for child in anchor.children:
        if child.dep_ in ("nsubjpass", "nsubj:pass", "dobj", "obj") and child.i != title.i:
            candidates.append(child)
        candidates += [obj for prep, obj in prepositional(child) if prep in of_preps and obj.i != title.i]
    candidates += [child for child in anchor.children if child.dep_ == "nsubj"]
    for token in candidates:
        entity = ctx.entity_at(token)
        if entity is not None and ctx.kind_of.get(entity) == "Person":
            return entity
    return None


def _public_body(ctx: ArticleContext, words: list[Token]) -> bool:
    """Tell whether the words of a name, apart from a place's, name a public body (``seated_bodies``)."""
    bodies = {w.lower() for w in ctx.rules.get("seated_bodies", ())}
    return any(t.lower_ in bodies or t.lemma_.lower() in bodies for t in words)


def _name_evidence(ctx: ArticleContext, outer: str, inner: Span):
    """The evidence for what a name says of itself: the whole name around ``inner``."""
    first = inner.start
    while first > 0 and ctx.entity_of_token.get(first - 1) == outer:
        first -= 1
    last = inner.end
    while last < len(ctx.doc) and ctx.entity_of_token.get(last) == outer:
        last += 1
    name = ctx.doc[first:last]
    return ctx.evidence(name.start_char, name.end_char)


def _adjacent_locatives(ctx: ArticleContext) -> Iterator[Relation]:
    """Read "at School No. 1 in Beslan" as containment when both phrases hang on one word.

    Small parsers attach both place phrases to the verb ("People gather at
    X in Y"); when the second follows the first directly and names a larger
    place, the first lies in it. A place a division's noun names ("los mares
    del distrito de Ventanilla en la provincia del Callao") lies in a place of
    known size after it, whatever its own size.
    """
    preps = set(ctx.rules.get("location_preps", ())) | set(ctx.rules.get("adjacent_preps", ()))
    inside = set(ctx.rules.get("location_preps", ()))
    countries = set(ctx.rules.get("country_classes", ()))
    divisions = {fold(w) for w in ctx.rules.get("division_nouns", ())}
    town = town_rank(ctx.rules)
    for token in ctx.doc:
        places = []
        for child in token.children:
            for prep, obj in prepositional(child):
                entity = ctx.entity_at(obj) or _named_before(ctx, obj, town)
                if prep in preps and entity is not None and ctx.kind_of.get(entity) == "Place":
                    # "el distrito de Ventanilla": a division's noun names the place.
                    divided = obj.i not in ctx.entity_of_token and fold(obj.lemma_ or obj.text) in divisions
                    places.append((child, prep, obj, (entity, divided)))
        for (_, _, obj1, (inner, divided)), (p2, prep2, obj2, (outer, _)) in zip(places, places[1:]):
            starts_at = min(p2.i, obj2.left_edge.i)
            # "in Budyonnovsk, in southern Russia": a comma may stand between.
            gap = ctx.doc[obj1.right_edge.i + 1 : starts_at]
            holds = _larger(ctx, outer, inner, strict=True) or (divided and _site_of(ctx, outer, inner))
            if prep2 in inside and all(t.text == "," for t in gap) and len(gap) <= 1 and holds:
                predicate = "country" if ctx.class_of.get(outer) in countries else "locatedIn"
                first, last = obj1.left_edge, obj2.right_edge
                inner = _named_after(ctx, obj1, inner, outer, before=p2.i) or inner
                yield Relation(inner, predicate, outer, ctx.words_evidence(first, last), f"{ctx.meta.language}-adjacent-places")


def _named_before(ctx: ArticleContext, noun: Token, town: int | None) -> str | None:
    """Return the place whose name a common noun follows, the noun saying what the place is ("Tham Luang Nang Non cave").

    Not a town's name (of ``town`` rank or above, :func:`~beslan_kg.nlp.context.town_rank`):
    "the Beslan school" is a school of Beslan, not Beslan.
    """
    if noun.pos_ != "NOUN":
        return None
    rank = ctx.rules.get("place_rank") or {}
    for child in noun.children:
        entity = ctx.entity_of_token.get(child.i) if child.dep_ == "compound" and child.i < noun.i else None
        if entity is not None and ctx.kind_of.get(entity) == "Place":
            own = rank.get(ctx.class_of.get(entity, ""))
            return entity if town is None or own is None or own < town else None
    return None


def _named_runs(ctx: ArticleContext, kind: str) -> list[tuple[int, int, str]]:
    """Return the runs of tokens naming entities of one kind, as (first, last, entity), in text order."""
    runs: list[tuple[int, int, str]] = []
    for i in range(len(ctx.doc)):
        entity = ctx.entity_of_token.get(i)
        if entity is None or ctx.kind_of.get(entity) != kind:
            continue
        if runs and runs[-1][2] == entity and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i, entity)
        else:
            runs.append((i, i, entity))
    return runs


def _listed_places(ctx: ArticleContext) -> set[int]:
    """Return the tokens of the place names written as a list, which an address's comma does not join.

    Places one after another with a comma between (an article may stand
    after it: ", the Russian Far East") are an address while each can hold
    the one before ("Beslan, North Ossetia, Russia"). Two places of known
    size where the later cannot hold the earlier ("Tonga, Fiji, American
    Samoa, Vanuatu", where the parse finds no conjunction to say so) make
    all of them a list; so does a conjunction after the last that adds a
    place neither holds nor lies in ("... the Russian Far East, Chile, and
    Peru"), where "Beslan, North Ossetia and Moscow" stays an address and a
    town. Places of no known size say nothing either way ("North
    Kensington, West London, United Kingdom").
    """
    doc = ctx.doc
    segments: list[list[tuple[int, int, str]]] = []
    joined: list[bool] = []  # whether a conjunction joins a segment to the one before
    for run in _named_runs(ctx, "Place"):
        gap = _list_gap(doc[segments[-1][-1][1] + 1 : run[0]]) if segments and doc[run[0]].sent.start == doc[segments[-1][-1][0]].sent.start else None
        if gap == ",":
            segments[-1].append(run)
            continue
        segments.append([run])
        joined.append(gap == "and")
    listed: set[int] = set()
    for n, segment in enumerate(segments):
        places = [entity for _, _, entity in segment]
        if len(segment) < 2:
            continue
        listing = any(_ranked(ctx, inner, outer) and not _larger(ctx, outer, inner, strict=True) for inner, outer in zip(places, places[1:]))
        added = n + 1 < len(segments) and joined[n + 1] and len(segments[n + 1]) == 1 and _peers(ctx, places[-1], segments[n + 1][0][2])
        if listing or added:
            listed.update(i for first, last, _ in segment for i in range(first, last + 1))
    return listed


def _list_gap(words: Span) -> str | None:
    """Name what stands between two places: "," for a comma (and an article), "and" for a conjunction, else None."""
    tokens = [t for t in words if t.pos_ != "DET"]
    if len(words) - len(tokens) > 1 or (words and words[0].pos_ == "DET"):
        return None
    if [t.text for t in tokens] == [","]:
        return ","
    if tokens and tokens[-1].pos_ == "CCONJ" and [t.text for t in tokens[:-1]] in ([], [","]):
        return "and"
    return None


def _ranked(ctx: ArticleContext, *places: str) -> bool:
    """Tell whether the knowledge base sizes every one of the places (``place_rank``)."""
    rank = ctx.rules.get("place_rank", {})
    return all(rank.get(ctx.class_of.get(place)) is not None for place in places)


def _peers(ctx: ArticleContext, first: str, second: str) -> bool:
    """Tell whether two places of known size are such that neither can hold the other: members of one list."""
    return _ranked(ctx, first, second) and not (_larger(ctx, first, second, strict=True) or _larger(ctx, second, first, strict=True))


def _address_chains(ctx: ArticleContext, listed: set[int]) -> Iterator[Relation]:
    """Read an address: "Amasra, Bartın Province, Turkey", "Pamplona (Navarra, España)".

    Places written one after another, with only a comma or an opening
    parenthesis between them and a country at the end, each lie in the next
    and all in that country. A list ("Lyon, Paris and Marseille") has a
    conjunction and no country after a town, and a country before the last
    makes two countries, not an address.
    """
    countries = set(ctx.rules.get("country_classes", ()))
    doc = ctx.doc
    chains: list[list[tuple[int, int, str]]] = []
    for run in _named_runs(ctx, "Place"):
        if chains:
            gap = doc[chains[-1][-1][1] + 1 : run[0]]
            if len(gap) == 1 and gap[0].text in (",", "(") and gap[0].sent.start == doc[run[0]].sent.start:
                chains[-1].append(run)
                continue
        chains.append([run])
    rule = f"{ctx.meta.language}-address-chain"
    for chain in chains:
        places = [entity for _, _, entity in chain]
        if len(chain) < 2 or len(set(places)) < len(places) or ctx.class_of.get(places[-1]) not in countries:
            continue
        if chain[0][0] in listed:
            continue
        if any(ctx.class_of.get(p) in countries for p in places[:-1]):
            continue
        evidence = ctx.words_evidence(doc[chain[0][0]], doc[chain[-1][1]])
        for inner, outer in zip(places[:-2], places[1:-1]):
            yield Relation(inner, "locatedIn", outer, evidence, rule)
        for inner in places[:-1]:
            yield Relation(inner, "country", places[-1], evidence, rule)


def _located_phrases(ctx: ArticleContext) -> Iterator[Relation]:
    """Read where a place is from a locative phrase after it and a comma: "Ferrol, in the north-west of Spain".

    "la ciudad de Bikoro, en la provincia de Équateur, en el noroeste de la
    RDC": between the comma and the next place only a preposition of place,
    articles, words for a part of a place (``place_heads``,
    ``division_nouns``, ``direction_words``) and "of" may stand. The later
    place must be the larger one (an unranked site goes in a ranked place),
    and each phrase of a chain says where the place before it is.
    """
    inside = set(ctx.rules.get("location_preps", ()))
    words = {w.lower() for key in ("place_heads", "division_nouns", "direction_words", "of_words") for w in ctx.rules.get(key, ())}
    countries = set(ctx.rules.get("country_classes", ()))
    doc = ctx.doc
    runs = _named_runs(ctx, "Place")
    starts = {first: (first, last, place) for first, last, place in runs}
    rule = f"{ctx.meta.language}-located-phrase"
    for first, last, inner in runs:
        at = last + 1
        if at + 1 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ not in inside:
            continue
        at += 2
        while at < len(doc) and at not in starts and at - last <= _LOCATIVE_GAP and (
            doc[at].lower_ in words or doc[at].pos_ == "DET" or doc[at].text == "-"
        ):
            at += 1
        if at not in starts or at - last > _LOCATIVE_GAP or doc[at].sent.start != doc[first].sent.start:
            continue
        _, end, outer = starts[at]
        if outer == inner or not (_larger(ctx, outer, inner, strict=True) or _site_of(ctx, outer, inner)):
            continue
        predicate = "country" if ctx.class_of.get(outer) in countries else "locatedIn"
        # "la escuela de Beslán, en Osetia del Norte" says where Beslan is.
        inner = _named_after(ctx, doc[first], inner, outer, before=last + 1) or inner
        yield Relation(inner, predicate, outer, ctx.words_evidence(doc[first], doc[end]), rule)


def _exemplified_places(ctx: ArticleContext) -> Iterator[Relation]:
    """Read where the places given as examples of a kind of place lie: "ciudades de ese país como Tumaco, Cali y Neiva".

    A plural word for a kind of place (``place_heads``, ``division_nouns``,
    ``area_nouns``) said of a larger place, by an of-phrase ("cities of
    Chile", "zonas del país", where the phrase refers back to a country) or
    by a demonym ("Mexican states"), then a word that opens examples
    (``example_markers``: "such as", "including", "como") and places written
    as a list: each listed place lies in the larger one. Between the word and
    the examples only that phrase, articles, adjectives and a comma stand. A
    listed place the knowledge base puts in another country is left out: the
    examples may be of a kind the larger place has, not of its own places.
    """
    doc = ctx.doc
    markers = sorted({tuple(m.lower().split()) for m in ctx.rules.get("example_markers", ())}, key=lambda m: (-len(m), m))
    kinds = {w.lower() for key in ("place_heads", "division_nouns", "area_nouns") for w in ctx.rules.get(key, ())}
    of_words = {w.lower() for w in ctx.rules.get("of_words", ())}
    named = set(ctx.entity_of_token.values())
    demonyms = {span.root.i: span.id_ for span, generated in _demonym_spans(ctx) if not generated or span.id_ in named}
    runs = _named_runs(ctx, "Place")
    starts = {first: k for k, (first, _, _) in enumerate(runs)}
    rule = f"{ctx.meta.language}-example-places"
    for token in doc:
        size = next((len(m) for m in markers if m[:1] == (token.lower_,) and tuple(t.lower_ for t in doc[token.i : token.i + len(m)]) == m), 0)
        if not size:
            continue
        noun = _kind_before(ctx, token, kinds)
        at = token.i + size
        while at < len(doc) and doc[at].pos_ == "DET":
            at += 1
        if noun is None or at not in starts or doc[at].sent.start != token.sent.start:
            continue
        listed = [runs[starts[at]]]
        for run in runs[starts[at] + 1 :]:
            gap = _kind_phrase_off(doc[listed[-1][1] + 1 : run[0]], kinds, of_words)
            if _list_gap(gap) is None or doc[run[0]].sent.start != token.sent.start:
                break
            listed.append(run)
        outer = _kind_said_of(ctx, noun, of_words, demonyms) or _country_told_before(ctx, noun, listed, runs)
        if outer is None:
            continue
        yield from _lying_in(ctx, listed, outer, lambda last: ctx.words_evidence(noun, doc[last]), rule)
    # "Punjirimattom, Mundakkai and Kunhome villages of Wayanad district": the list before the word.
    ends = {last: k for k, (_, last, _) in enumerate(runs)}
    for noun in doc:
        if noun.i - 1 not in ends or noun.pos_ != "NOUN" or noun.lemma_.lower() not in kinds or not is_plural(noun):
            continue
        outer = _kind_said_of(ctx, noun, of_words, demonyms)
        k = ends[noun.i - 1]
        listed = [runs[k]]
        while k > 0 and _list_gap(doc[runs[k - 1][1] + 1 : runs[k][0]]) is not None and doc[runs[k - 1][0]].sent.start == noun.sent.start:
            k -= 1
            listed.insert(0, runs[k])
        if outer is not None and len(listed) > 1:
            evidence = ctx.words_evidence(doc[listed[0][0]], noun)
            yield from _lying_in(ctx, listed, outer, lambda _: evidence, rule)


def _country_told_before(ctx: ArticleContext, noun: Token, listed: list[tuple[int, int, str]], runs: list[tuple[int, int, str]]) -> str | None:
    """Return the country the examples of a kind of place said of none lie in: the last one their sentence named before.

    "las regiones de Chile, con mayor impacto en las principales ciudades,
    como Arica, Iquique y Temuco": the cities are Chile's when the knowledge
    base knows two of them or more as places of that country by their names
    and knows none of them only elsewhere.
    """
    countries = set(ctx.rules.get("country_classes", ()))
    before = [place for first, _, place in runs if noun.sent.start <= first < noun.i and ctx.class_of.get(place) in countries]
    if not before:
        return None
    country, kb, names = before[-1], load_kb(), name_index()
    agree = 0
    for first, last, _ in listed:
        found = {kb[k].country for k in names.get(fold(ctx.doc[first : last + 1].text), ()) if kb[k].kind == "Place" and kb[k].country}
        if found and country not in found:
            return None
        agree += bool(found)
    return country if agree >= 2 else None


def _lying_in(ctx: ArticleContext, listed: list[tuple[int, int, str]], outer: str, evidence: Callable[[int], Evidence],
              rule: str) -> Iterator[Relation]:
    """Yield that each listed place lies in ``outer``, but a country, or a place the knowledge base puts in another country.

    ``evidence`` gives the words that say so, from the index of a listed place's last token.
    """
    countries = set(ctx.rules.get("country_classes", ()))
    predicate = "country" if ctx.class_of.get(outer) in countries else "locatedIn"
    kb = load_kb()
    for _, last, inner in listed:
        entry = kb.get(inner)
        if inner == outer or ctx.class_of.get(inner) in countries or not _larger(ctx, outer, inner, strict=False):
            continue
        if entry is not None and entry.country and predicate == "country" and entry.country != outer:
            continue
        yield Relation(inner, predicate, outer, evidence(last), rule)


def _kind_before(ctx: ArticleContext, marker: Token, kinds: set[str]) -> Token | None:
    """Return the plural word for a kind of place the examples after a marker are of, within a few words before it."""
    for token in reversed(ctx.doc[max(marker.sent.start, marker.i - _LOCATIVE_GAP) : marker.i]):
        if token.lemma_.lower() in kinds and token.i not in ctx.entity_of_token:
            return token if is_plural(token) else None
        if not (token.is_punct or token.pos_ in ("DET", "ADJ", "ADP") or token.i in ctx.entity_of_token):
            return None
    return None


def _kind_phrase_off(gap: Span, kinds: set[str], of_words: set[str]) -> Span:
    """Return the words between two listed places without the kind of place the second is said to be: ", la provincia de" is ", la"."""
    if len(gap) >= 2 and gap[-1].lower_ in of_words and gap[-2].lemma_.lower() in kinds:
        return gap[:-2]
    return gap


def _kind_said_of(ctx: ArticleContext, noun: Token, of_words: set[str], demonyms: Mapping[int, str]) -> str | None:
    """Return the place a word for a kind of place is said of: its of-phrase's ("ciudades de ese país"), else its demonym's."""
    at = noun.i + 1
    anaphora = ctx.rules.get("anaphora") or {}
    determiners = {w.lower() for key in ("determiners", "demonstratives") for w in anaphora.get(key, ())}
    if at < len(ctx.doc) and ctx.doc[at].lower_ in of_words:
        at += 1
        while at < len(ctx.doc) and ctx.doc[at].lower_ in determiners:
            at += 1
        place = ctx.entity_of_token.get(at)
        return place if place is not None and ctx.kind_of.get(place) == "Place" else None
    near = [c for c in noun.children if c.dep_ == "amod" and c.i in demonyms]
    return demonyms[near[0].i] if near else None


def _parenthesised_members(ctx: ArticleContext) -> Iterator[Relation]:
    """Read the members an organisation's name is followed by: "la coalición Compromiso por México (PRI y PVEM)".

    Two or more organisations listed in parentheses right after an
    organisation are its members; one alone is more often its acronym.
    """
    doc = ctx.doc
    runs = _named_runs(ctx, "Organization")
    rule = f"{ctx.meta.language}-parenthesised-members"
    for k, (_, last, outer) in enumerate(runs):
        if last + 1 >= len(doc) or doc[last + 1].text != "(":
            continue
        close = next((t.i for t in doc[last + 1 :] if t.text == ")" or t.is_sent_end), None)
        if close is None or doc[close].text != ")":
            continue
        inside = [r for r in runs[k + 1 :] if last + 1 < r[0] and r[1] < close]
        between = [t for t in doc[last + 2 : close] if not any(a <= t.i <= b for a, b, _ in inside)]
        members = {entity for _, _, entity in inside} - {outer}
        if len(members) >= 2 and all(t.is_punct or t.pos_ == "CCONJ" for t in between):
            evidence = ctx.evidence(doc[runs[k][0]].idx, doc[close].idx + 1)
            for member in sorted(members):
                yield Relation(member, "memberOf", outer, evidence, rule)


def _addresses(ctx: ArticleContext, relations: list[Relation]) -> Iterator[Relation]:
    """Carry a country down an address: "Beslán en Osetia del Norte, Rusia" puts Beslan in Russia.

    Only within one sentence, and only from containment the sentence states;
    not down to a site described by its town ("Amasra coal mine in Amasra,
    Bartın Province, Turkey"), which the town places.
    """
    contained = [r for r in relations if r.predicate == "locatedIn"]
    countries = {(r.subject, r.evidence.sentence_start): r for r in relations if r.predicate == "country"}
    works = {w.lower() for w in ctx.rules.get("feature_nouns", ())}
    for rel in contained:
        outer = countries.get((rel.object, rel.evidence.sentence_start))
        if outer is not None and outer.object != rel.subject and not _a_site(ctx, rel, works):
            start, end = min(rel.evidence.start, outer.evidence.start), max(rel.evidence.end, outer.evidence.end)
            yield Relation(rel.subject, "country", outer.object, ctx.evidence(start, end), f"{ctx.meta.language}-address")


def _a_site(ctx: ArticleContext, rel: Relation, works: set[str]) -> bool:
    """Tell whether a relation's subject is a site described by its town's name and a work's lower-case noun (``works``: "Amasra coal mine").

    A description, not a proper name ("Bole International Airport", which
    takes the whole address): the town is what places it.
    """
    words = [t for t in ctx.doc.char_span(rel.evidence.start, rel.evidence.end, alignment_mode="expand") or ()
             if ctx.entity_of_token.get(t.i) == rel.subject]
    return bool(words) and words[-1].text[:1].islower() and words[-1].lemma_.lower() in works


def _deputy(ctx: ArticleContext, title: Token) -> bool:
    """Tell whether a leader's title is its deputy's: "vice president", "Vice-President", "deputy leader", "presidente adjunto".

    The word (``deputy_words``) stands right before the title, a hyphen
    between or not, or modifies it after it in Spanish.
    """
    words = {w.lower() for w in ctx.rules.get("deputy_words", ())}
    before = title.i - 1
    if before >= 0 and ctx.doc[before].text in ("-", "‐"):
        before -= 1
    if before >= 0 and ctx.doc[before].lower_ in words:
        return True
    return any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in title.children)


def _qualified(ctx: ArticleContext, title: Token, chain: set[int], titles: set[str]) -> bool:
    """Tell whether a title is narrowed by another word: "Chechen separatist leader" leads the separatists, not Chechnya."""
    return any(
        c.dep_ in ("amod", "compound") and c.i not in chain and c.lemma_.lower() not in titles and c.i not in ctx.entity_of_token
        for c in title.children
        if c.i < title.i or ctx.meta.language != "en"
    )


def _nationality(ctx: ArticleContext) -> Iterator[Relation]:
    """Relate a person or organisation to the country its demonym names.

    "Russian President Vladimir Putin" gives Putin bkg:nationality Russia;
    "the Russian Government" gives it bkg:country Russia. A leader's title
    between them ("President") also gives Russia bkg:ledBy Putin, unless
    another word narrows the title ("Chechen separatist leader"). The demonym must
    modify the name itself or a title in front of it ("el presidente ruso
    Vladímir Putin", where the name is in apposition to the title).
    """
    kb = load_kb()
    doc = ctx.doc
    titles = {t.lower() for t in ctx.rules.get("leader_titles", ())}
    named_entities = set(ctx.entity_of_token.values())
    for span, generated in _demonym_spans(ctx):
        country = span.id_
        if country not in kb:
            continue
        token = span.root
        head = token
        titled = False
        chain = {token.i}
        for _ in range(3):
            if head.dep_ not in ("amod", "compound", "nmod", "flat") or head.head.i == head.i:
                break
            head = head.head
            chain.add(head.i)
            titled = titled or (head.lemma_.lower() in titles and not _qualified(ctx, head, chain, titles))
            entity = ctx.entity_at(head)
            if entity is None:
                continue
            predicate = {"Person": "nationality", "Organization": "country"}.get(ctx.kind_of.get(entity, ""))
            ctx.class_of.setdefault(country, kb[country].ontology_class)
            if ctx.kind_of.get(entity) == "Place" and _larger(ctx, country, entity, strict=True):
                # "the southern Russian town of Budyonnovsk", "the Chechen capital Grozny"
                predicate = "country" if kb[country].ontology_class in ctx.rules.get("country_classes", ()) else "locatedIn"
            if predicate is not None and entity != country:
                named = [t for t in head.subtree if ctx.entity_of_token.get(t.i) == entity]
                start, end = min(token, head, *named, key=lambda t: t.i), max(token, head, *named, key=lambda t: t.i)
                evidence = ctx.words_evidence(start, end)
                if generated and country not in named_entities:
                    break  # a country the article does not name is no sign of whose a body is ("Mexican restaurants")
                if generated and not _national_body(ctx, entity, head):
                    break
                described = predicate in _CONTAINMENT and head.i not in ctx.entity_of_token
                if generated and ctx.entity_of_token.get(token.i) != entity and not described:
                    # A demonym of the generated table before a name ("the
                    # Panamanian firm X", "el árbitro peruano X") describes;
                    # only inside the name ("Peruvian Armed Forces", "Central
                    # Obrera Boliviana"), before a head's title, or on the
                    # word for a kind of place a place's name hangs on ("the
                    # Mexican state of Puebla") does it say whose.
                    if titled and predicate == "nationality":
                        yield Relation(country, "ledBy", entity, evidence, f"{ctx.meta.language}-demonym-title")
                    break
                yield Relation(entity, predicate, country, evidence, f"{ctx.meta.language}-demonym")
                if predicate in _CONTAINMENT:
                    # "the Canadian provinces of Ontario and Quebec": the demonym is said of each place listed.
                    for other, last in _listed_with(ctx, named, entity):
                        if _larger(ctx, country, other, strict=True):
                            yield Relation(other, predicate, country, ctx.words_evidence(start, last),
                                           f"{ctx.meta.language}-demonym")
                if titled and predicate == "nationality":
                    # "Russian President Vladimir Putin": he leads the country.
                    yield Relation(country, "ledBy", entity, evidence, f"{ctx.meta.language}-demonym-title")
            break


def _national_body(ctx: ArticleContext, entity: str, head: Token) -> bool:
    """Tell whether a demonym of the generated table may say whose an entity is: a person (before a head's title), or a nation's body.

    A body's name says its nation when its head word is one of a nation's
    bodies (``demonym_bodies``: "Peruvian Armed Forces", "Central Obrera
    Boliviana"); in another name ("Turkish Airlines") it may be the firm's
    market or origin, which the text does not state.
    """
    if ctx.kind_of.get(entity) != "Organization":
        return True
    bodies = {w.lower() for w in ctx.rules.get("demonym_bodies", ())}
    words = [t for t in head.subtree if ctx.entity_of_token.get(t.i) == entity] or [head]
    return any(t.lower_ in bodies or t.lemma_.lower() in bodies for t in words)


def _demonym_spans(ctx: ArticleContext) -> list[tuple[Span, bool]]:
    """Return the demonyms of the article, each with whether it is one of the generated table's countries.

    The gazetteer matches only the demonyms of the knowledge base's own
    entries ("Russian"); the generated table's countries ("Peruvian",
    "boliviana") are looked up here, word by word, wherever the gazetteer
    found none.
    """
    doc = ctx.doc
    found = [(span, False) for span in doc.spans.get(DEMONYM_KEY, [])]
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    classes = tuple(ctx.rules.get("country_classes", ()))
    demonyms, longest = _generated_demonyms(classes)
    openings = _demonym_openings(classes)
    i = 0
    while i < len(doc):
        first = fold(doc[i].text)
        if first and first not in openings:
            i += 1  # no demonym begins with this word: none of its phrases need be made and folded
            continue
        for n in range(min(longest, len(doc) - i), 0, -1):
            key = demonyms.get(fold(doc[i : i + n].text)) if taken.isdisjoint(range(i, i + n)) else None
            if key is not None and doc[i + n - 1].pos_ in ("ADJ", "PROPN", "NOUN"):
                found.append((Span(doc, i, i + n, label=DEMONYM, span_id=key), True))
                i += n - 1
                break
        i += 1
    return sorted(found, key=lambda pair: pair[0].start)


@cache
def _generated_demonyms(country_classes: tuple[str, ...]) -> tuple[dict[str, str], int]:
    """Return :func:`beslan_kg.kb.generated_demonyms` of the bundled knowledge base (built once)."""
    return generated_demonyms(load_kb(), country_classes)


@cache
def _demonym_openings(country_classes: tuple[str, ...]) -> frozenset[str]:
    """Return every beginning of the first word of a generated demonym (folded): what a word must be to open one."""
    demonyms, _ = _generated_demonyms(country_classes)
    return frozenset(word[:n] for word in {d.split()[0] for d in demonyms if d} for n in range(1, len(word) + 1))


def _listed_with(ctx: ArticleContext, named: list[Token], entity: str) -> Iterator[tuple[str, Token]]:
    """Yield the other places coordinated with a place's name, each with its last token.

    Only members of the name's own coordination count ("of Ontario and
    Quebec"), so a place in another phrase of the sentence is never one.
    """
    seen = {entity}
    stack = [child for token in named for child in token.children if child.dep_ == "conj"]
    while stack:
        token = stack.pop()
        stack.extend(child for child in token.children if child.dep_ == "conj")
        other = ctx.entity_of_token.get(token.i)
        if other is None or other in seen or ctx.kind_of.get(other) != "Place":
            continue
        seen.add(other)
        last = max((t for t in token.subtree if ctx.entity_of_token.get(t.i) == other), key=lambda t: t.i)
        yield other, last
