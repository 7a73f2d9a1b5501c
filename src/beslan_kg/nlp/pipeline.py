"""The map step: articles in, one :class:`ArticleExtraction` per article out.

Each language's model is loaded once per run and fed with ``nlp.pipe``. The
work per article depends on nothing but the article and the ontology data, so
it can be cached or spread over processes later without touching the rest.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from collections.abc import Callable, Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from beslan_kg.nlp.attribution import find_attributions
from beslan_kg.nlp.chunks import pipe_long
from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.entities import collect_entities, collect_parts
from beslan_kg.nlp.events import date_steps_within, extract_events
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.figures import extract_figures
from beslan_kg.nlp.models import make_nlp
from beslan_kg.nlp.relations import extract_relations, make_relation_matcher
from beslan_kg.nlp.rules import load_rules
from beslan_kg.nlp.temporal import iter_temporal_spans
from beslan_kg.records import Article, ArticleExtraction

#: Called with (article, index, total) as each article is finished.
Progress = Callable[[Article, int, int], None]


#: Called with (article, exception) when an article cannot be processed.
OnError = Callable[[Article, Exception], None]


def iter_extractions(
    articles: Iterable[Article],
    *,
    models: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    on_error: OnError | None = None,
) -> Iterator[ArticleExtraction]:
    """Run the NLP on every article and yield its extraction, in input order.

    Args:
        articles: The articles, in the order their results are wanted.
        models: spaCy model per language code, overriding the defaults.
        progress: Called after each article.
        on_error: Called for an article whose processing fails (a bug, or
            an input nobody foresaw); the article is left out and the others
            are processed. Without it, the error is raised.
    """
    articles = list(articles)
    models = dict(models or {})
    results: dict[int, ArticleExtraction | None] = {}
    for lang in sorted({a.meta.language for a in articles}):
        batch = [(i, a) for i, a in enumerate(articles) if a.meta.language == lang]
        nlp, extractor = _pipeline(lang, models.get(lang))
        try:
            # Long texts are parsed in chunks joined back into one Doc (see beslan_kg.nlp.chunks).
            docs = list(pipe_long(nlp, (a.text for _, a in batch)))
        except Exception:
            if on_error is None:
                raise
            # One article broke the batch: parse them one by one to find it, and keep the others.
            docs = [_parse_alone(nlp, article, on_error) for _, article in batch]
        for (index, article), doc in zip(batch, docs):
            results[index] = None if doc is None else _extract(extractor, doc, article, on_error)
    for index, article in enumerate(articles):
        if progress is not None:
            progress(article, index + 1, len(articles))
        if results[index] is not None:
            yield results[index]


def _parse_alone(nlp: Language, article: Article, on_error: OnError) -> Doc | None:
    try:
        return next(pipe_long(nlp, [article.text]))
    except Exception as err:
        on_error(article, err)
        return None


def _extract(extractor: _Extractor, doc: Doc, article: Article, on_error: OnError | None) -> ArticleExtraction | None:
    try:
        return extractor(doc, article)
    except Exception as err:
        if on_error is None:
            raise
        on_error(article, err)
        return None


@cache
def _pipeline(lang: str, model: str | None) -> tuple[Language, _Extractor]:
    """Load a language's pipeline and rules once per process: loading takes longer than most articles."""
    nlp = make_nlp(lang, model)
    return nlp, _Extractor(nlp, lang)


class _Extractor:
    """Turn one parsed article into records, with the language's rules loaded once."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.rules = load_rules(lang)
        self.matcher = make_relation_matcher(nlp.vocab, self.rules)
        self.lang = lang

    def __call__(self, doc: Doc, article: Article) -> ArticleExtraction:
        reference = dt.date.fromisoformat(article.meta.date_published) if article.meta.date_published else None
        ctx = ArticleContext(doc=doc, meta=article.meta, rules=self.rules)
        ctx.temporal = list(iter_temporal_spans(doc, self.lang, reference=reference))
        ctx.inner_of_token = {
            i: span.id_ for span in doc.spans.get(INNER_KEY, []) if span.label_ == "Place" for i in range(span.start, span.end)
        }
        entities = collect_entities(ctx)
        parts, part_relations = collect_parts(ctx)
        events, event_relations, main = extract_events(ctx)
        relations = part_relations + event_relations + extract_relations(ctx, self.matcher)
        figures = extract_figures(ctx, main, events)
        events = date_steps_within(events, figures)
        # A name the events step read as an event's ("the Women's March") is no entity.
        named_events = {e.local_id for e in events} | {e.local_id for e in entities if ctx.kind_of.get(e.local_id) != e.kind}
        return ArticleExtraction(
            article=article.meta,
            entities=tuple(e for e in entities + parts if e.local_id not in named_events),
            events=tuple(events),
            relations=tuple(sorted(relations, key=lambda r: (r.evidence.start, r.subject, r.predicate, r.object))),
            figures=tuple(figures),
            attributions=tuple(find_attributions(ctx)),
        )
