"""The main job: articles in, graph files out.

corpus -> nlp (map, per article) -> resolve (reduce) -> conform -> rdf -> outputs.

A build always finishes: a file that cannot be read is skipped and reported;
a statement that would break the shapes is left out and reported (by
:mod:`beslan_kg.conform` before RDF is built, or by the final SHACL check),
naming its article and sentence, and everything else is written. The outputs
are serialised in memory and replaced as one set
(:func:`beslan_kg.files.write_output_set`), with ``build-report.json`` among
them: a killed or failed run leaves the previous set as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from beslan_kg.conform import conform
from beslan_kg.corpus import MAX_ARTICLE_BYTES, iter_article_paths, read_article
from beslan_kg.errors import ConfigError, InputError, NoArticlesError, ValidationError
from beslan_kg.files import write_atomic, write_output_set
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.paths import corpus_dir
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.io import check_store, load_dataset, to_bytes
from beslan_kg.rdf.network import graph_counts, to_graph_data
from beslan_kg.rdf.repair import leave_out_violations
from beslan_kg.rdf.validate import to_line, validate_dataset
from beslan_kg.records import Article, ArticleMeta, LeftOut, Merge
from beslan_kg.resolve import resolve
from beslan_kg.view import to_html

#: Formats ``build`` writes, with the file name of each.
BUILD_OUTPUTS = {"turtle": "graph.ttl", "trig": "graph.trig", "jsonld": "graph.jsonld"}
VIEW_NAME = "graph.html"
#: The machine-readable report of a build, written with the graph.
REPORT_NAME = "build-report.json"
#: Largest graph the build checks with pySHACL (about 1.3 ms a triple on a 2-core
#: machine): past it the records' check (beslan_kg.conform) is the guarantee, and
#: ``beslan-kg validate`` checks the files. --strict always runs pySHACL.
SHACL_MAX_TRIPLES = 100_000


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
        shacl_checked: Whether pySHACL checked the graph (see :data:`SHACL_MAX_TRIPLES`).
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

    @property
    def complete(self) -> bool:
        """True when no file was skipped and no statement left out."""
        return not self.skipped and not self.left_out


def read_articles(paths: Iterable[str | Path], *, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[list[Article], list[InputError]]:
    """Read every article named by ``paths``, collecting the bad ones (and missing paths) instead of stopping."""
    articles, skipped, seen = [], [], {}
    for path in _iter_paths(paths, skipped):
        try:
            article = read_article(path, max_bytes=max_bytes)
        except InputError as err:
            skipped.append(err)
            continue
        if article.meta.id in seen:
            skipped.append(InputError(str(path), f"has the same name as {seen[article.meta.id]}", "rename one of them"))
            continue
        seen[article.meta.id] = str(path)
        articles.append(article)
    return articles, skipped


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
    models: Mapping[str, str] | None = None,
    store: str = "default",
    view: bool = True,
    strict: bool = False,
    max_bytes: int = MAX_ARTICLE_BYTES,
    shacl_max_triples: int | None = SHACL_MAX_TRIPLES,
    progress: Callable[[Article, int, int], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of the articles and write it to ``out``.

    Args:
        paths: Article files and folders; the bundled corpus when empty.
        out: The output folder.
        models: spaCy model per language, overriding the defaults.
        store: rdflib store to build the graph in (one of :data:`beslan_kg.rdf.io.STORES`).
        view: Also write the HTML view.
        strict: Write nothing if any statement would break the shapes,
            rather than leaving it out.
        max_bytes: Skip article files larger than this.
        shacl_max_triples: Check the graph with pySHACL only up to this many
            triples (None: always); ``strict`` always checks.
        progress: Called as each article is finished.

    Raises:
        InputError: The only path given cannot be read.
        NoArticlesError: None of several articles could be read.
        ValidationError: With ``strict``, a statement would break the shapes;
            without, the graph breaks them even with the offending statements
            left out (a bug). Nothing is written.
        OutputError: ``out`` cannot be written.
        ConfigError: A model or the store cannot be used.
    """
    check_store(store)
    paths = list(paths) or [corpus_dir()]
    articles, skipped = read_articles(paths, max_bytes=max_bytes)
    if not articles:
        if len(skipped) == 1:
            raise skipped[0]
        raise NoArticlesError(", ".join(str(p) for p in paths), skipped)
    def failed(article: Article, err: Exception) -> None:
        # A bug or an input nobody foresaw: this article is left out, the others are built.
        detail = str(err).splitlines()[0][:200] if str(err) else ""
        skipped.append(InputError(article.meta.path, f"could not be processed ({type(err).__name__}: {detail})",
                                  "this is a bug in beslan-kg; please report it with the file"))

    extractions = list(iter_extractions(articles, models=models, progress=progress, on_error=failed))
    if not extractions:
        raise NoArticlesError(", ".join(str(p) for p in paths), skipped)
    where = f"the graph built for {out}"
    checked = conform(resolve(extractions))
    kg = checked.kg
    if strict and checked.left_out:
        raise ValidationError(where, [to_left_out_line(x) for x in checked.left_out], "nothing was written (--strict)")
    ds = to_dataset(kg, store=store)
    triples = len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    shacl = strict or shacl_max_triples is None or triples <= shacl_max_triples
    late: tuple[LeftOut, ...] = ()
    if strict:
        report = validate_dataset(ds, source=where)
        if not report.conforms:
            raise ValidationError(where, [to_line(v) for v in report.errors], "nothing was written (--strict)")
    elif shacl:
        report, late = leave_out_violations(ds, source=where)
        if not report.conforms:
            raise ValidationError(where, [to_line(v) for v in report.errors],
                                  "nothing was written; this is a bug in beslan-kg, please report it with the input")
        if late:
            triples = len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    left_out = checked.left_out + late
    payloads = {name: to_bytes(ds, fmt) for fmt, name in BUILD_OUTPUTS.items()}
    if view:
        try:
            payloads[VIEW_NAME] = to_html(to_graph_data(ds), title="beslan-kg").encode("utf-8")
        except ConfigError as err:
            # The view's JavaScript is not installed: the graph is still worth writing.
            skipped.append(InputError(VIEW_NAME, f"not written: {err.problem} ({err.where})", err.hint))
    # Counted from the graph as the view's header counts them (one definition).
    counts = graph_counts(ds)
    report = BuildReport(
        articles=tuple(a.meta for a in articles),
        skipped=tuple(skipped),
        entities_by_kind=counts.entities_by_kind,
        relations=counts.relations,
        events=counts.events,
        figures=counts.figures,
        triples=triples,
        merges=kg.merges,
        outputs=(),
        left_out=left_out,
        shacl_checked=shacl,
    )
    payloads[REPORT_NAME] = to_report_json(report)
    written = write_output_set(out, payloads, names=(*BUILD_OUTPUTS.values(), VIEW_NAME, REPORT_NAME))
    return replace(report, outputs=written)


def to_left_out_line(item: LeftOut) -> str:
    """One line for a statement left out: where it came from, what it was, and why."""
    where = f"{item.article_id}" + (f" at {item.start}-{item.end}" if item.start is not None else "") if item.article_id else "the graph"
    sentence = f' in "{_cut(item.sentence)}"' if item.sentence else ""
    return f"{where}{sentence}: left out {item.what}: {item.problem} [{item.shape}]"


def to_report_json(report: BuildReport) -> bytes:
    """The machine-readable report of a build: articles, skipped files, statements left out, counts.

    Deterministic: the same build gives the same bytes (no times, no absolute paths beyond those given).
    """
    doc = {
        "complete": report.complete,
        "shacl_checked": report.shacl_checked,
        "articles": [{"id": a.id, "language": a.language, "path": a.path} for a in report.articles],
        "skipped": [{"file": e.where, "problem": e.problem, "hint": e.hint} for e in report.skipped],
        "left_out": [asdict(x) for x in report.left_out],
        "counts": {"entities": dict(report.entities_by_kind), "relations": report.relations, "events": report.events,
                   "figures": report.figures, "triples": report.triples, "merged": len(report.merges)},
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


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
    if language not in ("en", "es"):
        raise ConfigError(f"language {language!r}", "the view has English and Spanish labels", "use en or es")
    check_store(store)
    html = to_html(to_graph_data(load_dataset(graph, store=store)), title="beslan-kg", language=language)
    return write_atomic(out, html.encode("utf-8"))
