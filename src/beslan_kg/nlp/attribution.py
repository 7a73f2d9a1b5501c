"""Attribution: a claim made on someone's word is kept as that source's claim.

"…, according to the official programme", "según la fiscalía, …" and
"Putin said …" mark what their sentence states as a source's claim. The
reporting verbs and phrases are per-language data (``attribution`` in
``ontology/rules``). Each such sentence gets an
:class:`~beslan_kg.records.Attribution`, so the graph can say whose claim
everything drawn from it is, instead of stating it as a fact of the world.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.records import Attribution


def find_attributions(ctx: ArticleContext) -> list[Attribution]:
    """Return the attribution of each attributed sentence, in text order."""
    spec = ctx.rules.get("attribution") or {}
    phrases = [tuple(p.lower().split()) for p in spec.get("phrases", ())]
    verbs = {v.lower() for v in spec.get("verbs", ())}
    found = []
    for sent in ctx.doc.sents:
        attribution = _by_phrase(ctx, sent, phrases) or _by_verb(ctx, sent, verbs)
        if attribution is not None:
            found.append(attribution)
    return found


def _by_phrase(ctx: ArticleContext, sent: Span, phrases: list[tuple[str, ...]]) -> Attribution | None:
    words = [t.lower_ for t in sent]
    for phrase in phrases:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase:
                last = sent[i + len(phrase) - 1]
                source = _object_of(last) or (sent[i + len(phrase)] if i + len(phrase) < len(sent) else None)
                if source is not None:
                    return _attribution(ctx, sent, sent[i : i + len(phrase)].start, source)
    return None


def _object_of(token: Token) -> Token | None:
    """The noun a preposition governs, in either dependency scheme."""
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is not None:
        return pobj
    # UD hangs the preposition ("según") under its noun as `case`.
    return token.head if token.dep_ == "case" and token.head.i > token.i else None


def _by_verb(ctx: ArticleContext, sent: Span, verbs: set[str]) -> Attribution | None:
    for token in sent:
        if token.lemma_.lower() not in verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        # A reporting verb attributes its sentence only when it reports a
        # clause ("X said that …" / "…, X said"), not "X told a story".
        if not any(c.dep_ in ("ccomp", "parataxis") for c in token.children) and token.dep_ not in ("parataxis", "ccomp"):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.pos_ != "PRON":
            return _attribution(ctx, sent, min(subject.left_edge.i, token.i), subject, verb=token)
    return None


def _attribution(ctx: ArticleContext, sent: Span, start: int, source: Token, verb: Token | None = None) -> Attribution:
    doc = ctx.doc
    tokens = [start, source.left_edge.i, source.right_edge.i] + ([verb.i] if verb is not None else [])
    first, last = min(tokens), max(tokens)
    while last > first and doc[last].is_punct:
        last -= 1
    return Attribution(
        article_id=ctx.meta.id,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        sentence=sent.text,
        text=doc[first : last + 1].text,
        source=ctx.entity_at(source),
    )
