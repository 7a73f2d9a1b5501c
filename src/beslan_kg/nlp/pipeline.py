"""The map step: articles in, one :class:`ArticleExtraction` per article out, as each is done.

Each language's model is loaded once per process and fed with ``nlp.pipe``
in small batches, and each article's records are yielded as soon as it is
extracted: nothing waits for the whole corpus, and memory does not grow with
it. The work per article depends on nothing but the article and the data of
the pipeline (:func:`beslan_kg.nlp.fingerprint.pipeline_fingerprint`), so its records can be cached
(:mod:`beslan_kg.cache`) and the work spread over processes or machines
(:mod:`beslan_kg.mapstep`, which calls :func:`extract_batch` in each).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from beslan_kg.errors import describe
from beslan_kg.nlp.attribution import find_attributions
from beslan_kg.nlp.context import ArticleContext, same_year_references
from beslan_kg.nlp.entities import collect_entities, collect_parts
from beslan_kg.nlp.events import date_steps_within, extract_events, iter_town_locations
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.figures import extract_figures
from beslan_kg.nlp.frames import extract_frame_roles, iter_elected_leaders, iter_member_roles
from beslan_kg.nlp.models import make_nlp
from beslan_kg.nlp.relations import extract_relations, make_relation_matcher
from beslan_kg.nlp.rules import load_rules
from beslan_kg.nlp.sections import is_long, iter_sections, join_sections
from beslan_kg.nlp.temporal import iter_temporal_spans
from beslan_kg.records import Article, ArticleExtraction, Relation

#: Called with (article, done, total) as each article is finished.
Progress = Callable[[Article, int, int], None]


#: Called with (article, exception) when an article cannot be processed.
OnError = Callable[[Article, Exception], None]

#: Texts parsed per ``nlp.pipe`` batch: small enough that records flow out as
#: the corpus is read and memory stays flat, large enough to keep the models busy.
BATCH_SIZE = 16


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
    waiting: dict[int, ArticleExtraction | None] = {}
    following = 0
    for done, (index, extraction) in enumerate(iter_mapped(articles, models=models, on_error=on_error), start=1):
        if progress is not None:
            progress(articles[index], done, len(articles))
        waiting[index] = extraction
        while following in waiting:
            found = waiting.pop(following)
            following += 1
            if found is not None:
                yield found


def iter_mapped(
    articles: Sequence[Article],
    *,
    models: Mapping[str, str] | None = None,
    on_error: OnError | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[int, ArticleExtraction | None]]:
    """Yield ``(index in articles, extraction)`` as each article is done, language by language.

    The extraction is None for an article whose processing failed (reported
    to ``on_error``, which is required for the article to be skipped rather
    than the error raised). An article longer than a section is read in
    sections (:mod:`beslan_kg.nlp.sections`).
    """
    models = dict(models or {})
    for lang in sorted({a.meta.language for a in articles}):
        batch = [(i, a) for i, a in enumerate(articles) if a.meta.language == lang]
        nlp, extractor = _pipeline(lang, models.get(lang))
        # In input order, so that the articles after a long one are not held back until the end.
        for long, run in groupby(batch, key=lambda item: is_long(item[1].text)):
            if long:
                for index, article in run:
                    yield index, _extract_in_sections(nlp, extractor, article, on_error)
                continue
            for (index, article), doc in _iter_docs(nlp, list(run), batch_size, on_error):
                yield index, None if doc is None else _extract(extractor, doc, article, on_error)


def iter_batch(
    articles: Sequence[tuple[int, Article]], models: Mapping[str, str] | None = None, *, tolerant: bool = True
) -> Iterator[tuple[int, ArticleExtraction | None, str | None]]:
    """Yield ``(index, extraction, None)`` as each article of the batch is done, or ``(index, None, problem)``
    for one whose processing failed (the problem as one line; raised instead when not ``tolerant``)."""
    problems: dict[int, str] = {}
    position = {id(article): index for index, article in articles}

    def failed(article: Article, err: Exception) -> None:
        problems[position[id(article)]] = describe(err)

    plain = [article for _, article in articles]
    for i, found in iter_mapped(plain, models=models, on_error=failed if tolerant else None):
        index = articles[i][0]
        yield index, found, problems.get(index)


def extract_batch(
    articles: Sequence[tuple[int, Article]], models: Mapping[str, str] | None = None
) -> list[tuple[int, ArticleExtraction | None, str | None]]:
    """Run the map step on a batch of articles in this process: what each worker of a pool or a cluster runs (see :func:`iter_batch`)."""
    # One pipeline per process is not safe to run from two threads (a Dask worker may have several).
    with _LOCK:
        return list(iter_batch(articles, models))


_LOCK = threading.Lock()


def extract_section(section: Article, models: Mapping[str, str] | None = None) -> ArticleExtraction:
    """Parse and extract one section of a long article in this process: a pool's task (see :mod:`beslan_kg.mapstep`).

    Args:
        section: The article's metadata with the section's text
            (:func:`beslan_kg.nlp.sections.iter_sections` cuts it).
        models: spaCy model per language code, overriding the defaults.

    Returns:
        The section's records, with offsets into the section, for
        :func:`beslan_kg.nlp.sections.join_sections`.
    """
    with _LOCK:
        lang = section.meta.language
        nlp, extractor = _pipeline(lang, (models or {}).get(lang))
        return extractor(nlp(section.text), section)


def _iter_docs(nlp: Language, batch: list[tuple[int, Article]], batch_size: int,
               on_error: OnError | None) -> Iterator[tuple[tuple[int, Article], Doc | None]]:
    """Parse the articles in batches; when one breaks a batch, parse that batch's articles alone and go on."""
    position = 0
    while position < len(batch):
        try:
            for doc in nlp.pipe((a.text for _, a in batch[position:]), batch_size=batch_size):
                item = batch[position]
                position += 1
                yield item, doc
        except Exception:
            if on_error is None:
                raise
            end = min(position + batch_size, len(batch))
            for item in batch[position:end]:
                yield item, _parse_alone(nlp, item[1], on_error)
            position = end


def _parse_alone(nlp: Language, article: Article, on_error: OnError) -> Doc | None:
    try:
        return nlp(article.text)
    except Exception as err:
        on_error(article, err)
        return None


def _extract_in_sections(nlp: Language, extractor: _Extractor, article: Article,
                         on_error: OnError | None) -> ArticleExtraction | None:
    try:
        sections = [(start, extractor(nlp(article.text[start:end]), article)) for start, end in iter_sections(article.text)]
        return join_sections(article.meta, sections)
    except Exception as err:
        if on_error is None:
            raise
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
        ctx.temporal = list(iter_temporal_spans(doc, self.lang, reference=reference, compared=ctx.comparisons,
                                                same_year=same_year_references(doc, self.rules)))
        ctx.inner_of_token = {
            i: span.id_ for span in doc.spans.get(INNER_KEY, []) if span.label_ == "Place" for i in range(span.start, span.end)
        }
        entities = collect_entities(ctx)
        parts, part_relations = collect_parts(ctx)
        events, event_relations, main = extract_events(ctx)
        relations = part_relations + event_relations + extract_frame_roles(ctx, events, event_relations) + extract_relations(ctx, self.matcher)
        relations += iter_town_locations(ctx, relations)
        relations += iter_member_roles(ctx, events, relations)
        relations += iter_elected_leaders(ctx, events, relations)
        figures = extract_figures(ctx, main, events)
        events = date_steps_within(events, figures)
        # A name the events step read as an event's ("the Women's March") is no entity.
        named_events = {e.local_id for e in events} | {e.local_id for e in entities if ctx.kind_of.get(e.local_id) != e.kind}
        return ArticleExtraction(
            article=article.meta,
            entities=tuple(e for e in entities + parts if e.local_id not in named_events),
            events=tuple(events),
            relations=tuple(sorted(relations, key=Relation.text_order)),
            figures=tuple(figures),
            attributions=tuple(find_attributions(ctx)),
        )
