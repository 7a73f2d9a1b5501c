"""The ``beslan-kg`` command line: thin wrappers over the library.

Each command maps its options to keyword arguments of a library function,
prints what the user needs, and turns library errors into one line on stderr
and a non-zero exit code.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import math
import os
import sys
from pathlib import Path

import click

from beslan_kg.errors import BeslanKGError, ConfigError, describe

# Commands import the library inside their bodies: loading spaCy and rdflib
# takes seconds, and `--help` should not wait for it.

DEFAULT_OUT = "out"
DEFAULT_GRAPH = f"{DEFAULT_OUT}/graph.trig"
# Kept here rather than imported from beslan_kg.rdf: importing rdflib would slow --help.
QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "jsonld", "ntriples", "rdfxml"]
EXPORT_FORMATS = ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv", "neo4j"]


class _Seconds(click.FloatRange):
    """A positive, finite number of seconds (FloatRange lets NaN through)."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True)

    def convert(self, value, param, ctx):
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return seconds


log = logging.getLogger(__name__)


def _friendly(func):
    """Turn library errors into ``error: <where>: <what> (<hint>)`` and exit 1.

    Any other exception is a bug: one line too, unless ``--debug`` asks for its traceback.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BeslanKGError as err:
            log.debug("%s", err.message, exc_info=True)
            for skipped in getattr(err, "skipped", ()):
                click.echo(f"skipped: {skipped.message}", err=True)
            click.echo(f"error: {err.message}", err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            if _settings().get("debug"):
                raise
            click.echo(f"error: {describe(err)} (this is a bug in beslan-kg: "
                       "run the command again with --debug for the traceback, and please report it)", err=True)
            sys.exit(1)

    return wrapper


def _settings() -> dict:
    """What the group's callback left for the commands: --debug, and the console of standard error."""
    ctx = click.get_current_context(silent=True)
    return (ctx.find_root().obj or {}) if ctx is not None else {}


def _progress(quiet: bool):
    """The progress display of a long command: on standard error, only on a terminal, not with --quiet."""
    from beslan_kg.progress import make_progress

    return make_progress(enabled=not quiet, console=_settings().get("console"))


def _complete_languages(ctx, param, incomplete: str) -> list[str]:
    from beslan_kg.corpus import SUPPORTED_LANGUAGES

    return [lang for lang in SUPPORTED_LANGUAGES if lang.startswith(incomplete)]


def _complete_query_names(ctx, param, incomplete: str) -> list:
    from click.shell_completion import CompletionItem

    from beslan_kg.queries import iter_named_queries

    try:
        return [CompletionItem(q.name, help=q.question) for q in iter_named_queries() if q.name.startswith(incomplete)]
    except BeslanKGError:
        return []


def _models(values: tuple[str, ...]) -> dict[str, str]:
    models = {lang: os.environ[f"BESLAN_KG_MODEL_{lang.upper()}"] for lang in ("en", "es") if os.environ.get(f"BESLAN_KG_MODEL_{lang.upper()}")}
    for value in values:
        lang, sep, name = value.partition("=")
        if not sep or not lang or not name:
            raise ConfigError(f"--model {value}", "is not LANG=PACKAGE", "e.g. --model en=en_core_web_sm")
        models[lang.strip()] = name.strip()
    return models


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="beslan-kg")
@click.option("--verbose", "-v", is_flag=True, help="Log each step of the work on standard error (INFO).")
@click.option("--debug", is_flag=True, help="Log everything (DEBUG), and show the traceback of an unexpected error.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, debug: bool) -> None:
    """Build an RDF knowledge graph from English and Spanish news articles.

    Progress is drawn on standard error when it is a terminal. Shell
    completion: eval "$(_BESLAN_KG_COMPLETE=bash_source beslan-kg)" (zsh_source, fish_source).

    \b
    Example:
        beslan-kg build                      # the bundled corpus -> out/
        beslan-kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
        beslan-kg --verbose build corpus/
    """
    from beslan_kg.progress import configure_logging, make_console, remove_logging

    console = make_console()
    ctx.obj = {"debug": debug, "console": console}
    handler = configure_logging(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING, console)
    ctx.call_on_close(lambda: remove_logging(handler))


#: Exit status of a build that wrote its outputs but skipped files or left statements out.
EXIT_INCOMPLETE = 3


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--language", metavar="LANG", shell_complete=_complete_languages,
              help="Language (en or es) of the article read from standard input (-) [default: detected].")
@click.option("--model", "models", multiple=True, metavar="LANG=PACKAGE",
              help="spaCy model for a language, e.g. en=en_core_web_sm (also BESLAN_KG_MODEL_EN/_ES).")
@click.option("--max-article-size", "max_bytes", default=2_000_000, show_default=True, metavar="BYTES",
              type=click.IntRange(min=1), help="Skip article files larger than this (2 MB is about 300,000 words).")
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Processes for the NLP (each loads the models once); with --executor dask, local Dask workers.")
@click.option("--executor", type=click.Choice(["local", "processes", "dask"]), default=None,
              help="Where the NLP runs [default: local, processes with --workers > 1, dask with --scheduler].")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786): the NLP runs on its workers.")
@click.option("--cache-dir", type=click.Path(path_type=Path), envvar="BESLAN_KG_CACHE_DIR", show_envvar=True,
              help="Where each article's NLP results are kept for the next build [default: ~/.cache/beslan-kg].")
@click.option("--no-cache", is_flag=True, help="Run the NLP on every article, and keep nothing.")
@click.option("--strict", is_flag=True, help="Write nothing if any statement would break the shapes (for CI).")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when files were skipped or statements left out.")
@click.option("--no-view", is_flag=True, help="Do not write graph.html.")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress, only errors and the summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on standard output (counts, articles, skipped, outputs).")
@_friendly
def build(paths, out, language, models, max_bytes, workers, executor, scheduler, cache_dir, no_cache, strict, keep_going,
          no_view, quiet, as_json) -> None:
    """Build the graph from articles (the bundled corpus by default).

    PATHS are UTF-8 .txt files or folders of them, or - for one article
    read from standard input (named "stdin"; --language gives its language).
    Metadata may sit beside each file as <name>.meta.yaml; the language is
    detected when not given.
    Writes graph.ttl, graph.trig, graph.nq, graph.jsonld, graph.html and
    build-report.json to --out, replacing the previous set as a whole.

    Each article's NLP results are cached (see `beslan-kg cache`): a
    rebuild runs the models only on new or changed articles, and on all of
    them when the models, rules, lexicons, knowledge base or code change.

    A file that cannot be used (missing, unreadable, larger than
    --max-article-size, not UTF-8, bad metadata...) is skipped with one line;
    a statement that would break the SHACL shapes is left out with one line
    naming its article and sentence. Exit status: 0 all built; 3 written,
    but files skipped or statements left out (0 with --keep-going); 1
    nothing written.

    \b
    Example:
        beslan-kg build
        beslan-kg build my/article.txt other/dir/ --out results/ --workers 2
        beslan-kg build corpus/ --scheduler tcp://scheduler:8786
        curl -s https://example.org/article.txt | beslan-kg build - --language en --json
    """
    from beslan_kg.build import run_build, to_left_out_line, to_summary
    from beslan_kg.cache import default_cache_dir

    paths, articles = _stdin_article(paths, language, max_bytes)
    with _progress(quiet) as shown:
        report = run_build(paths, out, articles=articles, models=_models(models), view=not no_view, strict=strict,
                           max_bytes=max_bytes, progress=shown.on_article, on_step=shown.on_step, workers=workers,
                           executor=executor, scheduler=scheduler, cache_dir=None if no_cache else cache_dir or default_cache_dir())
    for error in report.skipped:
        click.echo(f"skipped: {error.message}", err=True)
    for item in report.left_out:
        click.echo(f"left out: {to_left_out_line(item)}", err=True)
    if as_json:
        click.echo(json.dumps(to_summary(report), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        _print_summary(report, quiet)
    if not report.complete and not keep_going:
        sys.exit(EXIT_INCOMPLETE)


def _stdin_article(paths: tuple[Path, ...], language: str | None, max_bytes: int) -> tuple[list[Path], list]:
    """Split ``-`` (standard input) from the paths, reading it as an article."""
    from beslan_kg.corpus import read_text

    files = [path for path in paths if str(path) != "-"]
    dashes = len(paths) - len(files)
    if dashes > 1:
        raise ConfigError("-", "standard input is given more than once", "give - once")
    if not dashes:
        if language is not None:
            raise ConfigError(f"--language {language}", "is the language of the article read from standard input (-)",
                              "give - as a path, or set language in each file's <name>.meta.yaml")
        return files, []
    data = sys.stdin.buffer.read(max_bytes + 1)
    return files, [read_text(data, name="stdin", language=language, max_bytes=max_bytes)]


def _print_summary(report, quiet: bool) -> None:
    """The build's summary for people (``--json`` prints :func:`beslan_kg.build.to_summary` instead)."""
    from beslan_kg.build import REPORT_NAME

    entities = [(kind, n) for kind, n in report.entities_by_kind if kind != "Event"]
    kinds = ", ".join(f"{kind} {n}" for kind, n in entities)
    languages = ", ".join(sorted({a.language for a in report.articles}))
    click.echo(f"articles:  {len(report.articles)} ({languages})")
    click.echo(f"entities:  {sum(n for _, n in entities)} ({kinds})")
    click.echo(f"relations: {report.relations}")
    click.echo(f"events:    {report.events}")
    click.echo(f"figures:   {report.figures}")
    click.echo(f"triples:   {report.triples}")
    click.echo(f"merged:    {len(report.merges)} entities from several mentions or articles")
    if report.skipped:
        click.echo(f"skipped:   {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''} (see above)")
    if report.cached and not quiet:
        click.echo(f"cached:    {report.cached} of {len(report.articles)} articles' NLP results reused", err=True)
    if report.left_out:
        click.echo(f"left out:  {len(report.left_out)} statement{'s' if len(report.left_out) != 1 else ''} that would "
                   f"break the shapes (see above and {REPORT_NAME})")
    for path in report.outputs:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(path_type=Path),
              help="Read the query from a .rq file, or from standard input with -f -.")
@click.option("--name", "-n", "query_name", metavar="NAME", shell_complete=_complete_query_names,
              help="Run queries/NAME.rq of the query pack (see --list).")
@click.option("--param", "-p", "params", multiple=True, metavar="VAR=VALUE",
              help="Bind ?VAR to VALUE: <...> is an IRI, anything else a plain literal (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the query pack: each name and the question it answers.")
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to query (.trig, .ttl, .jsonld, .nt, .nq, .rdf).")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table for people; csv, tsv, json, xml are the SPARQL 1.1 results formats; "
                   "turtle, jsonld, ntriples, rdfxml for CONSTRUCT and DESCRIBE.")
@click.option("--timeout", default=60.0, show_default=True, type=_Seconds(),
              help="Seconds the query may run before it is stopped.")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses send the query to their remote endpoints (federated queries need network).")
@_friendly
def query(sparql, query_file, query_name, params, list_queries, graph, fmt, timeout, allow_service) -> None:
    """Answer a SPARQL query over the last build (or --graph FILE).

    The query is a SPARQL string, a file (-f), or a query of the pack in
    queries/ (--name; --list shows them). --param binds a variable as an RDF
    term, never as query text. Updates (INSERT, DELETE, …) are refused: the
    graph is read-only here. Nothing is fetched: FROM must name a graph of
    the file, and SERVICE needs --allow-service.

    \b
    Example:
        beslan-kg query 'SELECT ?e ?label WHERE { ?e rdfs:label ?label } LIMIT 5'
        beslan-kg query --list
        beslan-kg query --name casualties --format csv
        beslan-kg query --name entity --param label=putin
        echo 'ASK { ?s ?p ?o }' | beslan-kg query -f -
    """
    from beslan_kg.errors import InputError, QueryError
    from beslan_kg.queries import check_bindings, iter_named_queries, load_named_query, parse_bindings
    from beslan_kg.rdf.query import run_query, to_text
    from beslan_kg.rdf.store import load_store

    if list_queries:
        pack = list(iter_named_queries())
        width = max(len(q.name) for q in pack)
        for named in pack:
            click.echo(f"{named.name.ljust(width)}  {named.question}")
        return
    if sum(x is not None for x in (sparql, query_file, query_name)) != 1:
        raise QueryError("query", "give one of a SPARQL string, --file FILE or --name NAME", "see beslan-kg query --help")
    bindings = parse_bindings(params)
    source = "query"
    if query_name is not None:
        named = load_named_query(query_name)
        check_bindings(named, bindings)
        sparql, source = named.text, f"{named.name} ({named.path.name})"
    elif str(query_file) == "-":
        source = "<stdin>"
        try:
            sparql = sys.stdin.buffer.read().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(source, f"is not valid UTF-8 (byte {err.start})", "give the query as UTF-8 text") from None
    elif query_file is not None:
        source = str(query_file)
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(source, f"cannot be read: {getattr(err, 'strerror', None) or err}", "check the path") from None
    store = load_store(graph, on_load=lambda line: click.echo(f"note: {line}", err=True))
    answer = run_query(store, sparql, source=source, bindings=bindings, timeout=timeout, allow_service=allow_service)
    click.echo(to_text(answer, fmt).rstrip("\n"))


@cli.command()
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to draw (.trig, .ttl, .jsonld, .nt, .nq, .rdf).")
@click.option("--out", "-o", default=f"{DEFAULT_OUT}/graph.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@click.option("--language", type=click.Choice(["en", "es"]), default="en", show_default=True, help="Labels shown first.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@_friendly
def view(graph, out, language, open_browser) -> None:
    """Draw the interactive HTML view of a graph (one offline file).

    \b
    Example:
        beslan-kg view
        beslan-kg view --graph results/graph.trig --out results/view.html --language es --open
    """
    import webbrowser

    from beslan_kg.build import render_view

    path = render_view(graph, out, language=language)
    click.echo(f"wrote {path}")
    if open_browser:
        webbrowser.open(path.resolve().as_uri())


@cli.command()
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to check (.trig, .ttl, .jsonld, .nt, .nq, .rdf).")
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes file (Turtle); ontology/shapes.ttl by default.")
@_friendly
def validate(graph, shapes) -> None:
    """Check a graph against the SHACL shapes of the schema (pySHACL).

    Prints "conforms" or one line per violation (node, property, value,
    what the shape requires, and the shape). Exits 1 when anything violates
    the shapes; warnings alone do not.

    \b
    Example:
        beslan-kg validate
        beslan-kg validate --graph results/graph.trig
    """
    from beslan_kg.rdf.validate import to_text, validate_file

    with _progress(quiet=False) as shown:
        shown.on_step("validate", "shapes (pySHACL)")
        report = validate_file(graph, shapes=shapes)
    click.echo(to_text(report).rstrip("\n"))
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.option("--out", "-o", default=f"{DEFAULT_OUT}/ontology.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@_friendly
def docs(out) -> None:
    """Write the ontology's documentation as one offline HTML page (pyLODE).

    Every class and property of ontology/beslan-kg.ttl, with its labels and
    comments in English and Spanish, its alignments, domains and ranges.

    \b
    Example:
        beslan-kg docs
        beslan-kg docs --out site/ontology.html
    """
    from beslan_kg.rdf.docs import write_ontology_html

    click.echo(f"wrote {write_ontology_html(out)}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="An RDF format (nquads and trig keep the named graph of each article, the others hold their union), "
                   "or a network: graphml (Cytoscape, yEd), gexf (Gephi), csv (entity and relation tables), "
                   "neo4j (CSV files for neo4j-admin database import).")
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to export (.trig, .ttl, .jsonld, .nt, .nq, .rdf).")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="File to write (atomically); standard output when not given. A folder for csv and neo4j.")
@_friendly
def export(fmt, graph, out) -> None:
    """Write the graph in another format, deterministically.

    JSON-LD is compacted with the project's context (ontology/context.jsonld),
    embedded in the file so that it parses offline. graphml, gexf, csv and
    neo4j hold the entities and events as nodes and their relations as edges,
    with names in both languages, types and languages as attributes; csv and
    neo4j write a folder of files (--out DIR).

    \b
    Example:
        beslan-kg export --format nquads --out out/graph.nq
        beslan-kg export --format jsonld --graph results/graph.trig > graph.jsonld
        beslan-kg export --format gexf --out out/graph.gexf
        beslan-kg export --format neo4j --out out/neo4j/
    """
    from beslan_kg.export import export_graph

    written = export_graph(graph, fmt, out)
    if out is None:
        click.echo(written, nl=False)
        return
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.option("--gold", "-g", default="tests/gold", show_default=True, type=click.Path(path_type=Path),
              help="Folder of *.gold.yaml annotations (see tests/gold/README.md).")
@click.option("--model", "models", multiple=True, metavar="LANG=PACKAGE", help="spaCy model for a language, as for build.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True,
              help="table for people, json for programs, markdown for documents (overall scores).")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List every miss and false positive.")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress.")
@_friendly
def evaluate(gold, models, fmt, errors, quiet) -> None:
    """Score extraction against hand annotations: precision, recall and F1.

    Scores entities, linking, cross-article merging, events, relations and
    event attributes (dates, places, participants, figures), per article and
    overall, then lists every miss and false positive.

    \b
    Example:
        beslan-kg evaluate --gold tests/gold/
        beslan-kg evaluate --gold tests/gold/dev --format json
    """
    from beslan_kg.evaluate import evaluate as run_evaluation
    from beslan_kg.evaluate import to_json, to_markdown, to_table

    with _progress(quiet) as shown:
        def progress(article, index, total):
            log.info("[%d/%d] %s %s", index, total, article.meta.language, article.meta.path)
            shown.on_article(article, index, total)

        result = run_evaluation(gold, models=_models(models), progress=progress)
    render = {"json": to_json, "markdown": to_markdown}.get(fmt)
    click.echo(render(result) if render else to_table(result, errors=errors))


@cli.command()
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to serve (.trig, .ttl, .jsonld, .nt, .nq, .rdf).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this machine only).")
@click.option("--port", "-p", default=7878, show_default=True, type=int, help="Port to listen on; 0 picks a free one.")
@click.option("--timeout", default=10.0, show_default=True, type=_Seconds(),
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) an answer carries at most; a cut answer has the Beslan-KG-Truncated header.")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(min=1), help="Bytes of a POST body accepted at most (413).")
@click.option("--max-url", default=8192, show_default=True, type=click.IntRange(min=64),
              help="Bytes of a GET URL accepted at most (414): POST longer queries.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1), help="Worker processes, i.e. queries answered at once.")
@click.option("--per-client", default=None, type=click.IntRange(min=1), metavar="N",
              help="Queries one client address may have running at once [default: workers - 1, at least 1].")
@click.option("--cors", metavar="ORIGIN", help="Let pages from ORIGIN (or '*') query from a browser, e.g. https://yasgui.triply.cc.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header is NAME (besides localhost, 127.0.0.1, ::1 and --host); repeatable.")
@_friendly
def serve(graph, host, port, timeout, max_rows, max_body, max_url, workers, per_client, cors, allow_hosts) -> None:
    """Serve a graph as a read-only SPARQL 1.1 endpoint, with its view and docs.

    GET or POST SPARQL queries to /sparql; / links to the endpoint, /view
    (the interactive view) and /ontology (the ontology's documentation).
    A browser opening /sparql gets the query page (YASGUI, the query pack as
    tabs, served offline); GET /sparql without a query and with Accept:
    text/turtle gets the SPARQL 1.1 Service Description. Updates are
    refused. Logs one line per request on stderr; Ctrl-C stops.

    \b
    Example:
        beslan-kg serve
        beslan-kg serve --graph results/graph.trig --port 8000 --timeout 30
    """
    import signal

    from beslan_kg.serve import make_server

    def log(line):
        click.echo(line, err=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    # A service manager's SIGTERM stops the server as Ctrl-C does: workers stopped, snapshot removed.
    signal.signal(signal.SIGTERM, stop)

    server = make_server(graph, host=host, port=port, timeout=timeout, max_rows=max_rows, max_body=max_body,
                         max_url=max_url, workers=workers, per_client=per_client, cors=cors, allow_hosts=allow_hosts, log=log)
    try:
        click.echo(f"serving {graph} at {server.url} (SPARQL endpoint {server.endpoint}); Ctrl-C stops")
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"note: listening on {host}: other machines can query this graph, by the names given with "
                       "--allow-host (requests for other names get 403)", err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.close()


@cli.command()
@click.option("--endpoint", "-e", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph).")
@click.option("--auth", metavar="USER:PASSWORD", envvar="BESLAN_KG_PUSH_AUTH", show_envvar=True,
              help="HTTP Basic credentials (never printed); the variable keeps them out of shell history.")
@click.option("--graph", "-g", default=DEFAULT_GRAPH, show_default=True, type=click.Path(path_type=Path),
              help="Graph file to push (.trig keeps one graph per article).")
@click.option("--entities-graph", default="https://w3id.org/beslan-kg/entities", show_default=True, metavar="IRI",
              help="Graph the entity descriptions (the default graph) go to; 'default' for the store's default graph.")
@click.option("--timeout", default=60.0, show_default=True, type=_Seconds(),
              help="Seconds each graph's request may take in all, answer included.")
@_friendly
def push(endpoint, auth, graph, entities_graph, timeout) -> None:
    """Load the graph into a triplestore (SPARQL 1.1 Graph Store Protocol).

    Each article's named graph, and the entity descriptions, are sent with
    PUT, which replaces the graph: pushing twice leaves the same data.

    \b
    Example:
        beslan-kg push --endpoint http://localhost:7878/store
        beslan-kg push --endpoint http://localhost:3030/beslan/data --auth admin:secret
    """
    from beslan_kg.push import push_graph

    def progress(pushed):
        click.echo(f"pushed {pushed.triples} triples to {pushed.graph if pushed.graph == 'default' else f'<{pushed.graph}>'}", err=True)

    report = push_graph(graph, endpoint, auth=auth, entities_graph=entities_graph, timeout=timeout, progress=progress)
    click.echo(f"pushed {report.triples} triples in {len(report.graphs)} graphs to {report.endpoint}")


@cli.group()
def cache() -> None:
    """Show or clear the cache of each article's NLP results.

    A build keeps what the NLP made of each article, keyed by the article's
    text and metadata and by a fingerprint of the pipeline (models, rules,
    lexicons, knowledge base, code), in BESLAN_KG_CACHE_DIR, else
    $XDG_CACHE_HOME/beslan-kg, else ~/.cache/beslan-kg.

    \b
    Example:
        beslan-kg cache info
        beslan-kg cache clear --stale
    """


@cache.command("info")
@click.option("--cache-dir", type=click.Path(path_type=Path), envvar="BESLAN_KG_CACHE_DIR", show_envvar=True,
              help="The cache's folder [default: ~/.cache/beslan-kg].")
@click.option("--model", "models", multiple=True, metavar="LANG=PACKAGE", help="Models the current pipelines use, as for build.")
@_friendly
def cache_info_command(cache_dir, models) -> None:
    """Print where the cache is, and its entries per pipeline (current or stale).

    \b
    Example:
        beslan-kg cache info
    """
    from beslan_kg.cache import cache_info, default_cache_dir

    folder = cache_dir or default_cache_dir()
    entries = cache_info(folder, _current_fingerprints(models))
    click.echo(f"cache: {folder}")
    if not entries:
        click.echo("empty")
    for item in entries:
        state = "current" if item.current else "stale"
        click.echo(f"{item.fingerprint[:12]}  {item.pipeline:<28}  {item.entries:>7} articles  "
                   f"{item.size / 1e6:9.1f} MB  {state}")
    total = sum(i.size for i in entries)
    click.echo(f"total: {sum(i.entries for i in entries)} articles, {total / 1e6:.1f} MB")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(path_type=Path), envvar="BESLAN_KG_CACHE_DIR", show_envvar=True,
              help="The cache's folder [default: ~/.cache/beslan-kg].")
@click.option("--stale", is_flag=True, help="Remove only the entries no current pipeline uses.")
@click.option("--model", "models", multiple=True, metavar="LANG=PACKAGE", help="Models the current pipelines use, as for build.")
@_friendly
def cache_clear_command(cache_dir, stale, models) -> None:
    """Remove the cached NLP results (all, or with --stale those of older pipelines).

    \b
    Example:
        beslan-kg cache clear
        beslan-kg cache clear --stale
    """
    from beslan_kg.cache import clear_cache, default_cache_dir

    folder = cache_dir or default_cache_dir()
    removed, size = clear_cache(folder, keep=_current_fingerprints(models) if stale else ())
    click.echo(f"removed {removed} cached articles ({size / 1e6:.1f} MB) from {folder}")


def _current_fingerprints(models: tuple[str, ...]) -> list[str]:
    from beslan_kg.corpus import SUPPORTED_LANGUAGES
    from beslan_kg.nlp.fingerprint import pipeline_fingerprint

    chosen = _models(models)
    return [pipeline_fingerprint(lang, chosen.get(lang)) for lang in SUPPORTED_LANGUAGES]


def main() -> None:
    """Entry point of the ``beslan-kg`` script."""
    try:
        cli(prog_name="beslan-kg")
    except SystemExit as end:
        _exit_past_abandoned_queries(end.code)
        # The interpreter's last collections at exit walk every object the command left (a build's
        # models and knowledge base: about half a second), to free memory the process gives back anyway.
        gc.freeze()
        raise


def _exit_past_abandoned_queries(code) -> None:
    """End the process now if a query stopped at its time limit still runs in the engine.

    Nothing interrupts the engine, and the interpreter would wait for its
    thread; the script ends instead (a program calling ``cli()`` waits).
    """
    query = sys.modules.get("beslan_kg.rdf.query")
    if query is not None and query.abandoned_queries():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)


if __name__ == "__main__":
    main()
