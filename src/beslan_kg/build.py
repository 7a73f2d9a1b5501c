"""The main job: articles in, graph files out.

corpus -> nlp (map, per article) -> resolve (reduce) -> conform -> rdf -> outputs.

The map step streams (:mod:`beslan_kg.mapstep`): each article's records come
from the cache or from the models (in this process, a pool of processes or a
Dask cluster) and progress is reported as each is done. The reduce step
(resolve, the records' check, RDF) runs here once every article is in, and
the outputs are written as they are made, graph by graph, in bounded memory
(:func:`beslan_kg.rdf.writers.write_graph_files`), into a new output set
that replaces the previous one as a whole (:func:`beslan_kg.files.open_output_set`).

A build always finishes: a file that cannot be read is skipped and reported;
a statement that would break the shapes is left out and reported (by
:mod:`beslan_kg.conform` before RDF is built, or after the shapes' check of
the graph, :mod:`beslan_kg.rdf.shapes`), naming its article and sentence, and
everything else is written, with ``build-report.json`` among the outputs.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from beslan_kg.corpus import MAX_ARTICLE_BYTES, iter_article_paths, read_article
from beslan_kg.errors import ConfigError, InputError, NoArticlesError, ValidationError
from beslan_kg.files import open_output_set, write_atomic
from beslan_kg.memory import no_cycle_collection
from beslan_kg.records import Article, ArticleExtraction, ArticleMeta, LeftOut, Merge

#: Formats ``build`` writes, with the file name of each.
BUILD_OUTPUTS = {"turtle": "graph.ttl", "trig": "graph.trig", "nquads": "graph.nq", "jsonld": "graph.jsonld"}
VIEW_NAME = "graph.html"
#: The machine-readable report of a build, written with the graph.
REPORT_NAME = "build-report.json"
#: The steps a build reports to ``on_step`` as each starts, in order, each with what it
#: does (``{detail}`` is the detail passed along): loading the NLP models, resolving
#: the articles' records into one graph, writing the files, drawing the view (while the
#: shapes' check runs beside), waiting for the shapes' check (before the view, for a
#: graph large enough to be checked on disk). The articles themselves go to
#: ``progress``, one call each.
STEPS = {
    "models": "loading the {detail} models",
    "resolve": "resolving entities across {detail}",
    "write": "writing the graph files to {detail}",
    "view": "drawing the view",
    "validate": "checking the graph against the {detail}",
}
#: Called with (step, detail or None) as a step of :data:`STEPS` starts.
OnStep = Callable[[str, "str | None"], None]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    """What a build did.

    Attributes:
        articles: The articles that went into the graph.
        skipped: The files that could not be read, with why.
        entities_by_kind: ``(kind, count)`` of entities and events.
        relations: Number of distinct relation triples.
        events: Number of events.
        figures: Number of figures.
        triples: Number of triples in the union graph.
        merges: The merge log.
        outputs: The files written.
        left_out: The statements left out because they would break the shapes.
        shacl_checked: Whether the graph written was checked against the shapes
            (by :mod:`beslan_kg.rdf.shapes`; by pySHACL with ``strict``).
        cached: How many articles' records came from the cache.
    """

    articles: tuple[ArticleMeta, ...]
    skipped: tuple[InputError, ...]
    entities_by_kind: tuple[tuple[str, int], ...]
    relations: int
    events: int
    figures: int
    triples: int
    merges: tuple[Merge, ...]
    outputs: tuple[Path, ...]
    left_out: tuple[LeftOut, ...] = ()
    shacl_checked: bool = True
    cached: int = 0

    @property
    def complete(self) -> bool:
        """True when no file was skipped and no statement left out."""
        return not self.skipped and not self.left_out


def read_articles(paths: Iterable[str | Path], *, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[list[Article], list[InputError]]:
    """Read every article named by ``paths``, collecting the bad ones (and missing paths) instead of stopping."""
    articles, skipped = [], []
    for path in _iter_paths(paths, skipped):
        try:
            articles.append(read_article(path, max_bytes=max_bytes))
        except InputError as err:
            skipped.append(err)
    return _unique(articles, skipped), skipped


def _unique(articles: Iterable[Article], skipped: list[InputError]) -> list[Article]:
    """The articles, but one whose name (so its IRI) an earlier one has is skipped."""
    kept, seen = [], {}
    for article in articles:
        if article.meta.id in seen:
            skipped.append(InputError(article.meta.path, f"has the same name as {seen[article.meta.id]}", "rename one of them"))
            continue
        seen[article.meta.id] = article.meta.path
        kept.append(article)
    return kept


def _iter_paths(paths: Iterable[str | Path], skipped: list[InputError]) -> Iterable[Path]:
    for path in paths:
        try:
            found = list(iter_article_paths([path]))
        except InputError as err:
            skipped.append(err)
            continue
        yield from found


def run_build(
    paths: Iterable[str | Path] = (),
    out: str | Path = "out",
    *,
    articles: Iterable[Article] = (),
    models: Mapping[str, str] | None = None,
    store: str = "default",
    view: bool = True,
    strict: bool = False,
    max_bytes: int = MAX_ARTICLE_BYTES,
    progress: Callable[[Article, int, int], None] | None = None,
    on_step: OnStep | None = None,
    workers: int = 1,
    executor: str | None = None,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
) -> BuildReport:
    """Build the knowledge graph of the articles and write it to ``out``.

    Args:
        paths: Article files and folders; the bundled corpus when neither
            ``paths`` nor ``articles`` are given.
        out: The output folder.
        articles: Articles already read (e.g. from standard input, by
            :func:`beslan_kg.corpus.read_text`), built before those of ``paths``.
        models: spaCy model per language, overriding the defaults.
        store: rdflib store of the graph pySHACL checks (``strict``, or a repair).
        view: Also write the HTML view.
        strict: Write nothing if any statement would break the shapes,
            rather than leaving it out; the graph is also checked by pySHACL.
        max_bytes: Skip article files larger than this.
        progress: Called with (article, done, total) as each article is finished.
        on_step: Called with (step, detail) as each of the other :data:`STEPS` starts.
        workers: Processes for the map step (see :func:`beslan_kg.mapstep.make_executor`).
        executor: ``local``, ``processes`` or ``dask``; chosen from
            ``workers`` and ``scheduler`` when None.
        scheduler: A Dask scheduler's address: the map step runs on its workers.
        cache_dir: Keep and reuse each article's records there
            (:mod:`beslan_kg.cache`); None: no cache.

    Raises:
        InputError: The only path given cannot be read.
        NoArticlesError: None of several articles could be read.
        ValidationError: With ``strict``, a statement would break the shapes;
            without, the graph breaks them even with the offending statements
            left out (a bug). Nothing is written.
        OutputError: ``out`` cannot be written.
        ConfigError: A model, the store, the executor or the cache cannot be used.
    """
    from beslan_kg.mapstep import iter_map, make_executor
    from beslan_kg.rdf.io import check_store

    check_store(store)
    chosen = make_executor(workers=workers, executor=executor, scheduler=scheduler)
    given = list(articles)
    paths = list(paths) or ([] if given else [_corpus()])
    articles, skipped = read_articles(paths, max_bytes=max_bytes)
    if given:
        articles = _unique([*given, *articles], skipped)
    log.info("articles read: %d, files skipped: %d", len(articles), len(skipped))
    if not articles:
        if len(skipped) == 1:
            raise skipped[0]
        raise NoArticlesError(", ".join(str(p) for p in paths), skipped)

    def failed(article: Article, problem: str) -> None:
        # A bug or an input nobody foresaw: this article is left out, the others are built.
        skipped.append(InputError(article.meta.path, f"could not be processed ({problem})",
                                  "this is a bug in beslan-kg; please report it with the file"))

    cache = _cache(cache_dir)
    extractions: list[ArticleExtraction | None] = [None] * len(articles)
    cached = 0

    def models_step(languages: str) -> None:
        _step(on_step, "models", languages)

    for done, (index, extraction, hit) in enumerate(
            iter_map(articles, models=models, executor=chosen, cache=cache, on_problem=failed, on_models=models_step),
            start=1):
        extractions[index] = extraction
        cached += hit
        log.info("[%d/%d] %s %s%s", done, len(articles), articles[index].meta.language, articles[index].meta.path,
                 " (cached)" if hit else "")
        if progress is not None:
            progress(articles[index], done, len(articles))
    kept = [x for x in extractions if x is not None]
    del extractions  # kept holds them now, and lets go of them once they are resolved
    if not kept:
        raise NoArticlesError(", ".join(str(p) for p in paths), skipped)
    # The reduce step makes the union's quads and the view's index, and almost no cycles.
    with no_cycle_collection():
        return _reduce_and_write(kept, out, store=store, view=view, strict=strict, on_step=on_step,
                                 articles=tuple(a.meta for a in articles), skipped=tuple(skipped), cached=cached)


def _step(on_step: OnStep | None, step: str, detail: str | None = None) -> None:
    log.info(STEPS[step].format(detail=detail or ""))
    if on_step is not None:
        on_step(step, detail)


def _corpus() -> Path:
    from beslan_kg.paths import corpus_dir

    return corpus_dir()


def _cache(cache_dir: str | Path | None):
    if cache_dir is None:
        return None
    from beslan_kg.cache import ExtractionCache

    return ExtractionCache(cache_dir)


def _reduce_and_write(extractions: list[ArticleExtraction], out: str | Path, *, store: str, view: bool, strict: bool,
                      articles: tuple[ArticleMeta, ...], skipped: tuple[InputError, ...], cached: int,
                      on_step: OnStep | None = None) -> BuildReport:
    """Resolve, check, build and write: the reduce step, on this process.

    ``extractions`` is emptied once resolved: the articles' own records are not needed past
    that, and a corpus's would otherwise be held until the files are written.
    """
    from beslan_kg.conform import conform
    from beslan_kg.rdf.build import iter_graphs
    from beslan_kg.resolve import resolve

    where = f"the graph built for {out}"
    _step(on_step, "resolve", f"{len(extractions)} article{'s' if len(extractions) != 1 else ''}")
    checked = conform(resolve(extractions))
    extractions.clear()
    kg = checked.kg
    if strict and checked.left_out:
        raise ValidationError(where, [to_left_out_line(x) for x in checked.left_out], "nothing was written (--strict)")
    if strict:
        _step(on_step, "validate", "shapes (pySHACL)")
        _strict_check(kg, where, store)
    kinds = Counter(e.kind for e in kg.entities)
    report = BuildReport(
        articles=articles, skipped=skipped, entities_by_kind=tuple(sorted(kinds.items())), relations=len(kg.statements),
        events=kinds.get("Event", 0), figures=len(kg.figures), triples=0, merges=kg.merges, outputs=(),
        left_out=checked.left_out, cached=cached,
    )
    try:
        return _write(iter_graphs(kg), out, report, view=view, on_step=on_step)
    except _Violations as found:
        # A statement the records' check let through breaks a shape: the exact check (pySHACL) leaves out
        # what each violation is about, and the graph is written again without it.
        from beslan_kg.rdf.build import to_dataset
        from beslan_kg.rdf.repair import leave_out_violations
        from beslan_kg.rdf.validate import to_line

        ds = to_dataset(kg, store=store)
        shacl, late = leave_out_violations(ds, source=where)
        if not shacl.conforms:
            raise ValidationError(where, [to_line(v) for v in shacl.errors],
                                  "nothing was written; this is a bug in beslan-kg, please report it with the input") from None
        if not late:
            raise ValidationError(where, list(found.lines), "nothing was written; this is a bug in beslan-kg (the shapes' "
                                  "check and pySHACL disagree), please report it with the input") from None
        from beslan_kg.rdf.io import iter_dataset_graphs

        return _write(iter_dataset_graphs(ds), out, replace(report, left_out=report.left_out + late), view=view,
                      on_step=on_step)


class _Violations(Exception):
    """The graph written breaks the shapes (raised inside the output set, so that nothing of it is kept)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = tuple(lines)
        super().__init__("; ".join(self.lines[:2]))


def _strict_check(kg, where: str, store: str) -> None:
    from beslan_kg.rdf.build import to_dataset
    from beslan_kg.rdf.validate import to_line, validate_dataset

    shacl = validate_dataset(to_dataset(kg, store=store), source=where)
    if not shacl.conforms:
        raise ValidationError(where, [to_line(v) for v in shacl.errors], "nothing was written (--strict)")


def _write(graphs, out: str | Path, report: BuildReport, *, view: bool, on_step: OnStep | None = None) -> BuildReport:
    """Write the graph files, the view and the report as one new output set; check the graph on the way."""
    from beslan_kg.rdf.index import TermIndex
    from beslan_kg.rdf.io import jsonld_context
    from beslan_kg.rdf.shapes import ShapesCheck
    from beslan_kg.rdf.writers import write_graph_files

    scratch = Path(out) / ".beslan-kg"
    view_triples = TermIndex() if view else None
    names = (*BUILD_OUTPUTS.values(), VIEW_NAME, REPORT_NAME)
    with open_output_set(out, names=names) as new_set:
        # Inside the set: its folder exists, and a killed run's leftovers (tmp-…) are removed by the next.
        check = ShapesCheck(scratch=scratch)

        def on_triple(triple) -> None:
            check.add(triple)
            if view_triples is not None:
                view_triples.add(triple)

        def loaded(graphs):
            for graph, triples in graphs:
                check.load(triples)
                yield graph, triples

        _step(on_step, "write", str(out))
        html, waited = None, False
        try:
            triples = write_graph_files(loaded(graphs), new_set.open, context=jsonld_context(), names=BUILD_OUTPUTS,
                                        on_triple=on_triple, between=check.start, sort_folder=scratch)
            if view_triples is not None:
                # Drawn while the check's second part runs in its thread (pyoxigraph lets go of the GIL), but
                # for a graph large enough to be checked on disk: there the check's store and the view's
                # records would be held at once, and the memory counts for more than the view's seconds.
                if check.on_disk:
                    _step(on_step, "validate", "shapes")
                    check.wait()
                    _release_freed_memory()
                    waited = True
                _step(on_step, "view", VIEW_NAME)
                try:
                    data = _view_data(view_triples)
                    view_triples = None  # the index of the whole union, no longer needed, goes before the page is made
                    html, data = _view_html(data), None
                except ConfigError as err:
                    # The view's JavaScript is not installed: the graph is still worth writing.
                    report = replace(report, skipped=(*report.skipped, InputError(VIEW_NAME, f"not written: {err.problem} ({err.where})", err.hint)))
            if not waited:
                _step(on_step, "validate", "shapes")  # the check's second part may still be running: close() waits for it
        finally:
            check.close()
        problems = check.violations()
        if problems:
            raise _Violations(problems)
        report = replace(report, triples=triples, shacl_checked=True)
        if html is not None:
            with new_set.open(VIEW_NAME) as handle:
                handle.write(html)
        with new_set.open(REPORT_NAME) as handle:
            handle.write(to_report_json(report))
    written = set(new_set.written)
    return replace(report, outputs=tuple(path for name in names if (path := Path(out) / name) in written))


def _view_data(triples):
    """What the view shows of the union's triples, gathered as they were written (a :class:`~beslan_kg.rdf.index.TermIndex`)."""
    from beslan_kg.rdf.network import to_graph_data

    return to_graph_data(triples)


def _view_html(data) -> bytes:
    """The view's page of what :func:`_view_data` read."""
    from beslan_kg.view import to_html

    return to_html(data, title="beslan-kg").encode("utf-8")


def _release_freed_memory() -> None:
    """Give back to the system the memory freed in this process's heaps, where the C library allows it.

    glibc keeps what a thread frees in that thread's own heap for the thread to reuse: the shapes'
    check's store, let go in its thread, would stay in the process's resident memory while the
    main thread makes the view. ``malloc_trim`` returns those pages; elsewhere this does nothing.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


def to_left_out_line(item: LeftOut) -> str:
    """One line for a statement left out: where it came from, what it was, and why."""
    where = f"{item.article_id}" + (f" at {item.start}-{item.end}" if item.start is not None else "") if item.article_id else "the graph"
    sentence = f' in "{_cut(item.sentence)}"' if item.sentence else ""
    return f"{where}{sentence}: left out {item.what}: {item.problem} [{item.shape}]"


def to_report_json(report: BuildReport) -> bytes:
    """The machine-readable report of a build: articles, skipped files, statements left out, counts.

    Deterministic: the same build gives the same bytes (no times, no absolute paths beyond those given).
    """
    return (json.dumps(_report_doc(report), indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def to_summary(report: BuildReport) -> dict:
    """The build's summary for programs (``beslan-kg build --json``): the report of :func:`to_report_json`,
    with the files written and the articles whose NLP results came from the cache."""
    return {**_report_doc(report), "outputs": [str(path) for path in report.outputs], "cached": report.cached}


def _report_doc(report: BuildReport) -> dict:
    return {
        "complete": report.complete,
        "shacl_checked": report.shacl_checked,
        "articles": [{"id": a.id, "language": a.language, "path": a.path} for a in report.articles],
        "skipped": [{"file": e.where, "problem": e.problem, "hint": e.hint} for e in report.skipped],
        "left_out": [asdict(x) for x in report.left_out],
        "counts": {"entities": dict(report.entities_by_kind), "relations": report.relations, "events": report.events,
                   "figures": report.figures, "triples": report.triples, "merged": len(report.merges)},
    }


def _cut(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_view(graph: str | Path, out: str | Path, *, language: str = "en", store: str = "default") -> Path:
    """Render the HTML view of an existing graph file.

    Args:
        graph: The graph file (any format :func:`beslan_kg.rdf.io.load_dataset` reads).
        out: The HTML file to write (atomically).
        language: ``"en"`` or ``"es"``, the labels shown first.
        store: rdflib store plugin to load the graph into.

    Raises:
        InputError: The graph file is missing or malformed.
        ConfigError: The language is not one the view has.
    """
    from beslan_kg.rdf.io import check_store, load_dataset
    from beslan_kg.rdf.network import to_graph_data
    from beslan_kg.view import to_html

    if language not in ("en", "es"):
        raise ConfigError(f"language {language!r}", "the view has English and Spanish labels", "use en or es")
    check_store(store)
    html = to_html(to_graph_data(load_dataset(graph, store=store)), title="beslan-kg", language=language)
    return write_atomic(out, html.encode("utf-8"))
