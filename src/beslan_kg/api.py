"""The Python API: build a knowledge graph, load it, query it, and draw it as a network.

Everything here is importable as ``beslan_kg.NAME`` (see ``beslan_kg.__all__``)::

    import beslan_kg

    result = beslan_kg.build_graph(["my/articles/"], out="out")     # what `beslan-kg build` runs
    print(result.counts.entities, result.graph)                # the summary, and out/graph.trig
    graph = beslan_kg.load_graph(result.graph)
    table = beslan_kg.query(graph, "timeline")                 # the query pack's `timeline`, as a DataFrame
    rows = beslan_kg.query_rows(graph, "SELECT ?e WHERE { ?e a schema:Event }")
    network = beslan_kg.to_networkx(graph)                     # a networkx.MultiDiGraph

Answers hold plain Python values (``str``, ``int``, ``float``, ``bool``,
``datetime.date``, None), never rdflib terms nor ``"Russia@en"`` strings:
see :func:`beslan_kg.rdf.query.to_values`. The functions wrap the library the
command line uses (:func:`beslan_kg.build.run_build`,
:func:`beslan_kg.rdf.query.run_query`, :mod:`beslan_kg.queries`,
:func:`beslan_kg.rdf.network.to_networkx`), so a query answers the same rows
here as ``beslan-kg query`` does. Errors are the library's
(:mod:`beslan_kg.errors`): a :class:`~beslan_kg.errors.BeslanKGError` with a
one-line ``message``.

Heavy libraries (spaCy, rdflib, pandas) are imported inside the functions, so
that ``import beslan_kg`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beslan_kg.corpus import read_text
from beslan_kg.errors import ConfigError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from rdflib import Dataset

    from beslan_kg.build import BuildReport
    from beslan_kg.queries import NamedQuery
    from beslan_kg.rdf.network import GraphCounts
    from beslan_kg.rdf.query import PlainValue
    from beslan_kg.records import Article, ArticleMeta

__all__ = [
    "BuildCounts", "BuildResult", "KnowledgeGraph",
    "build_graph", "list_queries", "load_graph", "query", "query_rows", "read_text", "to_networkx",
]

#: The file of a build's output folder that :func:`load_graph` reads: every article's named graph.
GRAPH_NAME = "graph.trig"
# A query-pack name is a bare word; SPARQL text always has spaces or braces.
_NAME = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class BuildCounts:
    """The numbers of a build's summary (what ``beslan-kg build`` prints).

    Attributes:
        articles: Articles that went into the graph.
        entities: Entities, events not included.
        entities_by_kind: Entities per kind (``Person``, ``Place``, …), events not included.
        events: Events.
        relations: Distinct relation statements.
        figures: Figures (casualties, hostages, …).
        triples: Triples of the union graph.
        merged: Entities merged from several mentions or articles.
        skipped: Files that could not be used.
        left_out: Statements left out because they would break the shapes.
        cached: Articles whose NLP results came from the cache.
    """

    articles: int
    entities: int
    entities_by_kind: Mapping[str, int]
    events: int
    relations: int
    figures: int
    triples: int
    merged: int
    skipped: int
    left_out: int
    cached: int


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build_graph` did, and where its outputs are.

    Attributes:
        out: The output folder.
        graph: The graph file to load or query (``out/graph.trig``).
        outputs: Every file written.
        counts: The summary's numbers.
        articles: The articles built, with their metadata.
        skipped: One line per file that could not be used (file: problem (hint)).
        left_out: One line per statement left out (article, sentence, what, why).
        complete: True when nothing was skipped nor left out.
        report: The library's full report (:class:`beslan_kg.build.BuildReport`).
    """

    out: Path
    graph: Path
    outputs: tuple[Path, ...]
    counts: BuildCounts
    articles: tuple[ArticleMeta, ...]
    skipped: tuple[str, ...]
    left_out: tuple[str, ...]
    complete: bool
    report: BuildReport


def build_graph(
    paths: Iterable[str | Path] = (),
    out: str | Path = "out",
    *,
    articles: Iterable[Article] = (),
    models: Mapping[str, str] | None = None,
    view: bool = True,
    strict: bool = False,
    max_bytes: int | None = None,
    workers: int = 1,
    executor: str | None = None,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[Article, int, int], None] | None = None,
    on_step: Callable[[str, str | None], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of some articles and write it to ``out``, as ``beslan-kg build`` does.

    Args:
        paths: UTF-8 ``.txt`` files and folders of them (metadata beside
            each as ``<name>.meta.yaml``); the bundled corpus when neither
            ``paths`` nor ``articles`` are given.
        out: The output folder; its previous outputs are replaced as a whole.
        articles: Articles made of texts by :func:`read_text` (a string, standard input).
        models: spaCy model per language (``{"en": "en_core_web_sm"}``).
        view: Also write the HTML view (``graph.html``).
        strict: Write nothing if a statement would break the shapes.
        max_bytes: Skip article files larger than this (2 MB by default).
        workers: Processes for the NLP.
        executor: ``local``, ``processes`` or ``dask`` (chosen from
            ``workers`` and ``scheduler`` when None).
        scheduler: A Dask scheduler's address.
        cache_dir: Keep and reuse each article's NLP results there; None
            (the default here, unlike the command) runs the NLP on every article.
        progress: Called with ``(article, done, total)`` as each article is done.
        on_step: Called with ``(step, detail)`` as each step of the build
            starts (see :data:`beslan_kg.build.STEPS`).

    Returns:
        Where the outputs are, and the summary.

    Raises:
        beslan_kg.errors.BeslanKGError: Nothing could be built (no readable
            article, a bad setting, an unwritable folder); the message says
            what and where.

    Example:
        >>> result = beslan_kg.build_graph(["corpus/"], out="out")  # doctest: +SKIP
        >>> result.counts.articles, result.graph.name  # doctest: +SKIP
        (2, 'graph.trig')
    """
    from beslan_kg.build import run_build, to_left_out_line
    from beslan_kg.corpus import MAX_ARTICLE_BYTES

    report = run_build(paths, out, articles=articles, models=models, view=view, strict=strict,
                       max_bytes=MAX_ARTICLE_BYTES if max_bytes is None else max_bytes, progress=progress,
                       on_step=on_step, workers=workers, executor=executor, scheduler=scheduler, cache_dir=cache_dir)
    kinds = {kind: n for kind, n in report.entities_by_kind if kind != "Event"}
    counts = BuildCounts(
        articles=len(report.articles), entities=sum(kinds.values()), entities_by_kind=kinds, events=report.events,
        relations=report.relations, figures=report.figures, triples=report.triples, merged=len(report.merges),
        skipped=len(report.skipped), left_out=len(report.left_out), cached=report.cached,
    )
    return BuildResult(
        out=Path(out), graph=Path(out) / GRAPH_NAME, outputs=report.outputs, counts=counts, articles=report.articles,
        skipped=tuple(e.message for e in report.skipped), left_out=tuple(to_left_out_line(x) for x in report.left_out),
        complete=report.complete, report=report,
    )


class KnowledgeGraph:
    """A built graph, loaded once and queried many times (what :func:`load_graph` returns).

    Attributes:
        path: The file it was loaded from.
    """

    def __init__(self, path: Path, dataset: Dataset) -> None:
        self.path = path
        self._dataset = dataset

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path)!r})"

    @property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` (one named graph per article, their union as default graph), for rdflib users."""
        return self._dataset

    @property
    def counts(self) -> GraphCounts:
        """Articles, entities, events and relations, as the view's header counts them."""
        from beslan_kg.rdf.network import graph_counts

        return graph_counts(self._dataset)

    @cached_property
    def _query_store(self):
        # The query engine's copy of the graph (Oxigraph, as `beslan-kg query` loads the
        # file), made on the first query and kept, rather than copied again for each query.
        from beslan_kg.rdf.store import load_store

        return load_store(self.path)

    def query(self, query: str, params: Mapping[str, str] | None = None, **options: Any) -> pd.DataFrame:
        """Same as :func:`beslan_kg.query` on this graph."""
        return _dataframe(self, query, params, **options)

    def query_rows(self, query: str, params: Mapping[str, str] | None = None, **options: Any) -> list[dict[str, PlainValue]]:
        """Same as :func:`beslan_kg.query_rows` on this graph."""
        return query_rows(self, query, params, **options)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Same as :func:`beslan_kg.to_networkx` on this graph."""
        return to_networkx(self)


def load_graph(path: str | Path = f"out/{GRAPH_NAME}") -> KnowledgeGraph:
    """Load a built graph for queries.

    Args:
        path: A graph file (``.trig``, ``.ttl``, ``.jsonld``, ``.nt``,
            ``.nq``, ``.rdf``) or a build's output folder (its ``graph.trig``).

    Raises:
        beslan_kg.errors.InputError: The file is missing, of an unknown type, or malformed.

    Example:
        >>> graph = beslan_kg.load_graph("out")  # doctest: +SKIP
        >>> graph.counts.articles  # doctest: +SKIP
        2
    """
    from beslan_kg.rdf.io import load_dataset

    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_NAME
    return KnowledgeGraph(path, load_dataset(path))


def query(
    graph: KnowledgeGraph | str | Path,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    compact_iris: bool = True,
    timeout: float | None = None,
    allow_service: bool = False,
) -> pd.DataFrame:
    """Answer a query as a pandas DataFrame of plain Python values (needs ``beslan-kg[pandas]``).

    Args:
        graph: A loaded graph, or a graph file or output folder to load.
        query: The name of a query of the pack (``beslan-kg query --list``,
            :func:`list_queries`) or SPARQL text.
        params: Values of the query's variables (``{"label": "putin"}``):
            ``<…>`` is an IRI, anything else a plain literal; bound as RDF
            terms, never pasted into the text. A named query accepts only the
            parameters it documents, and needs its required ones.
        compact_iris: Shorten IRIs with the graph's prefixes (``id:russia``),
            as ``beslan-kg query`` shows them; False gives whole IRIs.
        timeout: Stop the query after this many seconds.
        allow_service: Let ``SERVICE`` clauses call their remote endpoints.

    Returns:
        One column per variable (``subject``/``predicate``/``object`` for
        CONSTRUCT and DESCRIBE, ``boolean`` for ASK) of ``object`` dtype: each
        cell is the Python value itself (see :func:`beslan_kg.rdf.query.to_values`),
        None where a variable is unbound. ``DataFrame.convert_dtypes()`` gives
        pandas' own dtypes.

    Raises:
        beslan_kg.errors.ConfigError: pandas is not installed.
        beslan_kg.errors.QueryError: The query is malformed, an update, not in
            the pack, or its parameters do not fit it.

    Example:
        >>> beslan_kg.query("out", "entity", {"label": "putin"})  # doctest: +SKIP
    """
    return _dataframe(graph, query, params, compact_iris=compact_iris, timeout=timeout, allow_service=allow_service)


def _dataframe(graph, text: str, params, **options: Any) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        raise ConfigError("beslan_kg.query", "needs pandas, which is not installed",
                          "pip install 'beslan-kg[pandas]', or use beslan_kg.query_rows") from None
    columns, values = _table(graph, text, params, **options)
    return pd.DataFrame(list(values), columns=list(columns), dtype=object)


def query_rows(
    graph: KnowledgeGraph | str | Path,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    compact_iris: bool = True,
    timeout: float | None = None,
    allow_service: bool = False,
) -> list[dict[str, PlainValue]]:
    """Answer a query as a list of rows, each a dict of plain Python values by column (no pandas needed).

    Takes the arguments of :func:`query`. A variable unbound in a row is None.

    Example:
        >>> rows = beslan_kg.query_rows("out", "SELECT ?e WHERE { ?e a schema:Event } ORDER BY ?e LIMIT 1")  # doctest: +SKIP
        >>> rows[0]["e"]  # doctest: +SKIP
        'id:beslan-school-siege'
    """
    columns, values = _table(graph, query, params, compact_iris=compact_iris, timeout=timeout, allow_service=allow_service)
    return [dict(zip(columns, row)) for row in values]


def _table(graph, text: str, params, *, compact_iris: bool = True, timeout: float | None = None,
           allow_service: bool = False):
    """Run a query-pack name or SPARQL text; return its columns and its rows of plain values."""
    from beslan_kg.queries import check_bindings, load_named_query
    from beslan_kg.rdf.query import run_query, to_values

    if not isinstance(text, str):
        raise TypeError(f"query must be a query-pack name or SPARQL text, not {type(text).__name__}")
    loaded = graph if isinstance(graph, KnowledgeGraph) else load_graph(graph)
    bindings = dict(params or {})
    source = "query"
    if _NAME.fullmatch(text.strip()):
        named = load_named_query(text.strip())
        check_bindings(named, bindings)
        text, source = named.text, f"{named.name} ({named.path.name})"
    answer = run_query(loaded._query_store, text, source=source, bindings=bindings, timeout=timeout, allow_service=allow_service)
    columns = ("boolean",) if answer.kind == "ASK" else answer.columns
    return columns, to_values(answer, compact_iris=compact_iris)


def list_queries() -> list[NamedQuery]:
    """The query pack: each query's ``name``, ``question``, ``parameters`` and ``examples``.

    Example:
        >>> [q.name for q in beslan_kg.list_queries()][:2]  # doctest: +SKIP
        ['against-states', 'bilingual']
    """
    from beslan_kg.queries import iter_named_queries

    return list(iter_named_queries())


def to_networkx(graph: KnowledgeGraph | str | Path) -> nx.MultiDiGraph:
    """The entities and events as nodes, their relations as edges, with plain attributes.

    Nodes are keyed by IRI and carry ``label``, ``label_en``, ``label_es``,
    ``kind``, ``articles``, ``mentions``, dates, …; edges are keyed by
    predicate IRI and carry ``label``, ``label_en``, ``label_es``,
    ``evidence``, … (see :func:`beslan_kg.rdf.network.to_networkx`): the graph
    the GraphML and GEXF exports write.

    Args:
        graph: A loaded graph, or a graph file or output folder to load.

    Example:
        >>> network = beslan_kg.to_networkx("out")  # doctest: +SKIP
        >>> network.graph["entities"]  # doctest: +SKIP
        20
    """
    from beslan_kg.rdf.network import to_networkx as make_network

    loaded = graph if isinstance(graph, KnowledgeGraph) else load_graph(graph)
    return make_network(loaded.dataset)
