"""The main job: articles in, graph files out.

corpus -> nlp (map, per article) -> resolve (reduce) -> rdf -> outputs.
Every output is serialised in memory first and then renamed into place, so a
failed run leaves the previous outputs as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from beslan_kg.corpus import iter_article_paths, read_article
from beslan_kg.errors import ConfigError, InputError, NoArticlesError, ValidationError
from beslan_kg.files import write_atomic
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.paths import corpus_dir
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.io import load_dataset, to_bytes
from beslan_kg.rdf.network import graph_counts, to_graph_data
from beslan_kg.rdf.validate import to_line, validate_dataset
from beslan_kg.records import Article, ArticleMeta, Merge
from beslan_kg.resolve import resolve
from beslan_kg.view import to_html

#: Formats ``build`` writes, with the file name of each.
BUILD_OUTPUTS = {"turtle": "graph.ttl", "trig": "graph.trig", "jsonld": "graph.jsonld"}
VIEW_NAME = "graph.html"


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


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[InputError]]:
    """Read every article named by ``paths``, collecting the bad ones instead of stopping.

    Raises:
        InputError: A path does not exist.
    """
    articles, skipped, seen = [], [], {}
    for path in iter_article_paths(paths):
        try:
            article = read_article(path)
        except InputError as err:
            skipped.append(err)
            continue
        if article.meta.id in seen:
            skipped.append(InputError(str(path), f"has the same name as {seen[article.meta.id]}", "rename one of them"))
            continue
        seen[article.meta.id] = str(path)
        articles.append(article)
    return articles, skipped


def run_build(
    paths: Iterable[str | Path] = (),
    out: str | Path = "out",
    *,
    models: Mapping[str, str] | None = None,
    store: str = "default",
    view: bool = True,
    progress: Callable[[Article, int, int], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of the articles and write it to ``out``.

    Args:
        paths: Article files and folders; the bundled corpus when empty.
        out: The output folder.
        models: spaCy model per language, overriding the defaults.
        store: rdflib store plugin to build the graph in.
        view: Also write the HTML view.
        progress: Called as each article is finished.

    Raises:
        InputError: A path does not exist, or the only article given cannot be read.
        NoArticlesError: None of several articles could be read.
        ValidationError: The graph would violate the SHACL shapes; nothing is written.
    """
    paths = list(paths) or [corpus_dir()]
    articles, skipped = read_articles(paths)
    if not articles:
        if len(skipped) == 1:
            raise skipped[0]
        raise NoArticlesError(", ".join(str(p) for p in paths), skipped)
    extractions = list(iter_extractions(articles, models=models, progress=progress))
    kg = resolve(extractions)
    ds = to_dataset(kg, store=store)
    # A graph that breaks the schema's promises is a bug: stop before any file is replaced.
    where = f"the graph built for {out}"
    checked = validate_dataset(ds, source=where)
    if not checked.conforms:
        raise ValidationError(where, [to_line(v) for v in checked.errors],
                              "nothing was written; this is a bug in beslan-kg, please report it with the input")
    payloads = {name: to_bytes(ds, fmt) for fmt, name in BUILD_OUTPUTS.items()}
    if view:
        payloads[VIEW_NAME] = to_html(to_graph_data(ds), title="beslan-kg").encode("utf-8")
    out = Path(out)
    written = tuple(write_atomic(out / name, data) for name, data in payloads.items())
    # Counted from the graph as the view's header counts them (one definition).
    counts = graph_counts(ds)
    return BuildReport(
        articles=tuple(a.meta for a in articles),
        skipped=tuple(skipped),
        entities_by_kind=counts.entities_by_kind,
        relations=counts.relations,
        events=counts.events,
        figures=counts.figures,
        triples=len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}),
        merges=kg.merges,
        outputs=written,
    )


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
    html = to_html(to_graph_data(load_dataset(graph, store=store)), title="beslan-kg", language=language)
    return write_atomic(out, html.encode("utf-8"))
