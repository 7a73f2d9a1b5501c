"""The Python API (``import beslan_kg``): plain values, the same answers as the command line, and a light import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ENGLISH_SEED, ROOT, SPANISH_SEED

import beslan_kg
from beslan_kg.cli import cli
from beslan_kg.errors import ConfigError, InputError, QueryError

PLAIN = (str, int, float, bool, dt.date, dt.time, type(None))


@pytest.fixture(scope="module")
def graph(built):
    return beslan_kg.load_graph(built[0])


def _pack_runs():
    """Every query of the pack, with the parameters its first example gives."""
    for named in beslan_kg.list_queries():
        if named.federated:
            continue
        example = named.examples[0].split()
        params = {}
        for flag, value in zip(example, example[1:]):
            if flag in ("--param", "-p"):
                name, _, term = value.partition("=")
                params[name] = term.strip("'\"")
        yield named.name, params


def _cli_csv(graph_file, name: str, params: dict[str, str]) -> list[list[str]]:
    args = ["query", "--graph", str(graph_file), "--name", name, "--format", "csv"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


def _as_csv_cell(value) -> str:
    """How SPARQL 1.1 CSV writes a value: the lexical form, nothing for unbound."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def test_all_names_are_documented_and_import_lazily():
    done = subprocess.run([sys.executable, "-c", "import sys, beslan_kg; print(' '.join(sorted(m for m in "
                           "('spacy', 'rdflib', 'pandas', 'networkx', 'beslan_kg.api') if m in sys.modules)))"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
    assert set(beslan_kg.__all__) <= set(dir(beslan_kg))
    for name in beslan_kg.__all__:
        item = getattr(beslan_kg, name)
        assert item.__doc__ and item.__doc__.strip(), name
    with pytest.raises(AttributeError):
        beslan_kg.no_such_name  # noqa: B018


def test_every_name_is_in_the_api_page():
    page = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    for name in beslan_kg.__all__:
        assert f"`{name}" in page, name


@pytest.mark.parametrize(("name", "params"), list(_pack_runs()))
def test_every_pack_query_gives_plain_values_equal_to_the_cli(built, graph, name, params):
    rows = beslan_kg.query_rows(graph, name, params, compact_iris=False)
    header, *lines = _cli_csv(built[0] / "graph.trig", name, params)
    assert list(beslan_kg.query(graph, name, params).columns) == header
    assert len(rows) == len(lines)
    assert all(type(value) in PLAIN for row in rows for value in row.values())
    api = [[_as_csv_cell(value) for value in row.values()] for row in rows]
    for mine, theirs in zip(api, lines, strict=True):
        for value, cell in zip(mine, theirs, strict=True):
            # A float is compared by value: "12.5" and "12.50" are the same decimal.
            if value != cell:
                assert float(value) == float(cell), (name, value, cell)


def test_labels_lose_their_language_tag_and_iris_are_shortened_as_the_table_shows(built, graph):
    assert "Chechnya" in ENGLISH_SEED.read_text(encoding="utf-8")
    assert "Chechenia" in SPANISH_SEED.read_text(encoding="utf-8")
    table = CliRunner().invoke(cli, ["query", "--graph", str(built[0] / "graph.trig"), "--name", "bilingual"]).stdout
    assert "Chechnya@en" in table and "Chechenia@es" in table
    rows = beslan_kg.query_rows(graph, "bilingual")
    values = {value for row in rows for value in row.values()}
    assert {"Chechnya", "Chechenia"} <= values
    assert not [v for v in values if isinstance(v, str) and v.endswith(("@en", "@es"))]
    entities = [v for v in values if isinstance(v, str) and v.startswith("id:")]
    assert entities and all(f"{e} " in table or table.count(e) for e in entities)


def test_dates_and_counts_are_python_values(graph):
    """The timeline's dates are dates and the figures' values numbers, as their datatypes say."""
    # "On September 1, 2004" in the English seed: the siege's start.
    timeline = beslan_kg.query_rows(graph, "timeline")
    dates = [v for row in timeline for v in row.values() if isinstance(v, dt.date)]
    assert dt.date(2004, 9, 1) in dates
    rows = beslan_kg.query_rows(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert type(rows[0]["n"]) is int and rows[0]["n"] > 0


def test_the_dataframe_holds_the_same_plain_values(graph):
    frame = beslan_kg.query(graph, "casualties")
    rows = beslan_kg.query_rows(graph, "casualties")
    assert list(frame.columns) == list(rows[0])
    assert frame.to_dict("records") == rows
    assert all(dtype == object for dtype in frame.dtypes)
    assert all(type(v) in PLAIN for v in frame.to_numpy().ravel())
    # The same through the graph's own method, and from a path.
    assert graph.query("casualties").equals(frame)
    assert beslan_kg.query(graph.path, "casualties").equals(frame)


def test_ask_gives_one_boolean_row(graph):
    assert beslan_kg.query_rows(graph, "ASK { ?s ?p ?o }") == [{"boolean": True}]
    assert list(beslan_kg.query(graph, "ASK { ?s a <urn:nothing> }")["boolean"]) == [False]


def test_without_pandas_the_error_is_one_line_naming_the_extra(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(ConfigError) as err:
        beslan_kg.query(graph, "casualties")
    assert "beslan-kg[pandas]" in err.value.message and "\n" not in err.value.message
    assert beslan_kg.query_rows(graph, "casualties")  # rows need no pandas


def test_query_errors_are_the_librarys(graph, tmp_path):
    with pytest.raises(QueryError, match="is not in the query pack.*timeline"):
        beslan_kg.query_rows(graph, "no-such-query")
    with pytest.raises(QueryError, match="needs --param label"):
        beslan_kg.query_rows(graph, "entity")
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        beslan_kg.query_rows(graph, "timeline", {"nope": "x"})
    with pytest.raises(QueryError, match="malformed SPARQL"):
        beslan_kg.query_rows(graph, "SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(InputError, match="no such graph file"):
        beslan_kg.load_graph(tmp_path / "missing.trig")


def test_a_loaded_graph_is_read_into_the_query_engine_once(built, monkeypatch):
    from beslan_kg.rdf import store

    loads = []
    real = store.load_store
    monkeypatch.setattr(store, "load_store", lambda path, **kw: loads.append(path) or real(path, **kw))
    loaded = beslan_kg.load_graph(built[0])
    first = loaded.query_rows("entities")
    assert loaded.query_rows("entities") == first and loaded.query_rows("timeline")
    assert loads == [built[0] / "graph.trig"]


def test_params_bind_terms(graph):
    """The pack's entity query, given a Spanish name: the court the Spanish article names."""
    assert "Tribunal Europeo de Derechos Humanos" in SPANISH_SEED.read_text(encoding="utf-8")
    rows = beslan_kg.query_rows(graph, "entity", {"label": "tribunal europeo de derechos humanos"})
    assert "Tribunal Europeo de Derechos Humanos" in {v for row in rows for v in row.values()}


def test_the_network_has_the_graphs_entities_and_events(graph):
    network = beslan_kg.to_networkx(graph)
    counts = graph.counts
    assert network.number_of_nodes() == counts.entities + counts.events
    assert network.graph["relations"] == counts.relations
    labels = {attrs["label"] for _, attrs in network.nodes(data=True)}
    assert "Chechnya" in labels
    assert all(type(v) in PLAIN for _, attrs in network.nodes(data=True) for v in attrs.values())


def test_build_graph_returns_where_the_outputs_are_and_the_counts(built, tmp_path):
    out = tmp_path / "out"
    result = beslan_kg.build_graph([CORPUS], out, view=False)
    assert result.graph == out / "graph.trig" and result.graph in result.outputs
    assert all(path.is_file() for path in result.outputs)
    on_disk = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert result.counts.articles == len(on_disk["articles"]) == 2
    assert result.counts.relations == on_disk["counts"]["relations"]
    assert result.counts.triples == on_disk["counts"]["triples"] > 0
    # The summary's entities are the graph's: events counted apart.
    counts = beslan_kg.load_graph(result.graph).counts
    assert (result.counts.entities, result.counts.events) == (counts.entities, counts.events)
    assert sum(result.counts.entities_by_kind.values()) == result.counts.entities
    assert result.complete == (not result.skipped and not result.left_out)


def test_build_graph_reports_each_step(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Chechen gunmen seized a hospital in the town of Budyonnovsk in June 1995. "
                       "More than 100 people died.", encoding="utf-8")
    steps, done = [], []
    beslan_kg.build_graph([article], tmp_path / "out", view=False,
                          on_step=lambda step, detail: steps.append((step, detail)),
                          progress=lambda a, i, n: done.append((a.meta.id, i, n)))
    assert done == [("a", 1, 1)]
    assert [s for s, _ in steps] == ["models", "resolve", "write", "validate"]
    assert steps[0] == ("models", "en")


def test_a_text_that_is_not_in_a_file_is_built(tmp_path):
    text = "Un grupo armado tomó un hospital en la ciudad de Budionovsk en junio de 1995. Murieron más de 100 personas."
    article = beslan_kg.read_text(text, name="budionovsk hospital", language="es")
    assert (article.meta.id, article.meta.language, article.meta.path) == ("budionovsk-hospital", "es", "<budionovsk hospital>")
    result = beslan_kg.build_graph(articles=[article], out=tmp_path / "out", view=False)
    assert [a.id for a in result.articles] == ["budionovsk-hospital"]
    graphs = beslan_kg.query_rows(result.graph, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", compact_iris=False)
    assert [row["g"].rsplit("/", 1)[-1] for row in graphs] == ["budionovsk-hospital"]
    # The hospital's town, as the text names it (the knowledge base may give its accented name).
    labels = beslan_kg.query_rows(result.graph, "SELECT ?label WHERE { ?e rdfs:label ?label }")
    assert any(row["label"].startswith("Budi") for row in labels)


def test_the_package_and_the_module_list_the_same_names():
    from beslan_kg import api

    assert beslan_kg.__all__ == api.__all__
