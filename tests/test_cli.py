"""The command line: help, documentation, and one-line errors without tracebacks."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import ENGLISH_SEED, ROOT, SPANISH_SEED, break_the_graph
from rdflib import Dataset, Graph

from beslan_kg.cli import cli

#: The README and the documentation site: where a command is documented for users.
DOCUMENTATION = "\n".join(path.read_text(encoding="utf-8")
                          for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
COMMANDS = sorted(cli.commands)
GOOD_EN = "Chechen gunmen seized a hospital in the town of Budyonnovsk in June 1995. More than 100 people died."
GOOD_ES = "Un grupo armado tomó un hospital en la ciudad de Budionovsk en junio de 1995. Murieron más de 100 personas."


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "beslan_kg", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"beslan-kg {name}" in result.output
    assert f"beslan-kg {name}" in DOCUMENTATION, f"neither the README nor docs/ documents `beslan-kg {name}`"


def test_every_option_maps_to_a_documented_flag():
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help"


def test_python_dash_m_works_like_the_command():
    result = run("--help")
    assert result.returncode == 0
    assert all(name in result.stdout for name in COMMANDS)


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_path_is_one_line(tmp_path):
    line = _one_line_error(run("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")))
    assert line.startswith("error: ") and "missing.txt" in line


@pytest.mark.parametrize("sparql, expected", [
    ("SELECT ?s WHERE { ?s ?p }", r"query: malformed SPARQL at line 1, column \d+"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "query: is an update"),
])
def test_bad_queries_are_one_line(built, sparql, expected):
    out, _ = built
    line = _one_line_error(run("query", sparql, "--graph", str(out / "graph.trig")))
    assert re.search(expected, line)


def test_query_without_a_build_says_what_to_do(tmp_path):
    line = _one_line_error(run("query", "ASK {}", "--graph", str(tmp_path / "graph.trig")))
    assert "run `beslan-kg build` first" in line


def test_query_file_and_formats(built, tmp_path):
    out, _ = built
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "-f", str(rq), "--graph", str(out / "graph.trig"), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["n", "2"]


def test_one_bad_file_is_skipped_and_the_rest_is_built(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "in" / "es.txt").write_text(GOOD_ES, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    failed = run("build", str(tmp_path / "in"), "--out", str(out), "-q")
    assert failed.returncode == 3
    assert [l for l in failed.stderr.splitlines() if l.startswith("skipped:")] == [f"skipped: {tmp_path / 'in' / 'empty.txt'}: is empty (give a file with the article's text)"]
    assert "articles:  2 (en, es)" in failed.stdout
    assert (out / "graph.ttl").stat().st_size > 0
    kept = run("build", str(tmp_path / "in"), "--out", str(out), "-q", "--keep-going")
    assert kept.returncode == 0


@pytest.mark.parametrize("content, problem", [
    (b"", "is empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "is a binary file"),
    ("Los rehenes fueron liberados en Budionovsk tras cinco días.".encode("latin-1"), "is not valid UTF-8"),
    ("Les otages ont été libérés mardi après un siège de trois jours d'un hôpital.".encode("utf-8"), "language detected as 'fr'"),
])
def test_a_bad_file_is_one_line_and_leaves_the_previous_output_intact(tmp_path, content, problem):
    good, bad, out = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out"
    good.write_text(GOOD_EN, encoding="utf-8")
    bad.write_bytes(content)
    assert run("build", str(good), "--out", str(out), "-q").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    line = _one_line_error(run("build", str(bad), "--out", str(out), "-q"))
    assert line.startswith(f"error: {bad}: {problem}")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_several_bad_files_are_each_named(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"")
    result = run("build", str(tmp_path), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [l.split(":")[0] for l in lines] == ["skipped", "skipped", "error"]
    assert "no readable article" in lines[-1]


def test_view_draws_an_existing_graph(built, tmp_path):
    out, _ = built
    page = tmp_path / "view.html"
    result = CliRunner().invoke(cli, ["view", "--graph", str(out / "graph.trig"), "--out", str(page), "--language", "es"])
    assert result.exit_code == 0 and result.output.strip() == f"wrote {page}"
    html = page.read_text(encoding="utf-8")
    assert "https://w3id.org/beslan-kg/id/beslan-school-siege" in html
    assert '"language": "es"' in html or '"language":"es"' in html


def test_validate_says_the_built_graph_conforms(built):
    out, report = built
    result = CliRunner().invoke(cli, ["validate", "--graph", str(out / "graph.trig")])
    assert result.exit_code == 0
    assert result.output.startswith(f"conforms: {report.triples} triples of {out / 'graph.trig'} satisfy ")


def test_validate_prints_each_violation_and_exits_1(built, tmp_path):
    out, _ = built
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    broken = tmp_path / "graph.trig"
    # The siege's start date, "El 1 de septiembre de 2004", typed as a string.
    broken.write_text(trig.replace('"2004-09-01"^^xsd:date', '"2004-09-01"^^xsd:string'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--graph", str(broken)])
    assert result.exit_code == 1
    summary, *lines = result.output.splitlines()
    assert summary.startswith(f"does not conform: {len(lines)} violations in ")
    assert 'id:beslan-school-siege schema:startDate "2004-09-01"^^xsd:string: ' in "\n".join(lines)
    assert lines == sorted(lines, key=lambda line: line.split(" ", 1)[0]) and result.stderr == ""


@pytest.mark.parametrize("content, problem", [(None, "no such graph file"), ("@prefix broken", "is not valid turtle")])
def test_validate_reports_a_missing_or_malformed_graph_on_one_line(tmp_path, content, problem):
    graph = tmp_path / "graph.ttl"
    if content is not None:
        graph.write_text(content, encoding="utf-8")
    line = _one_line_error(run("validate", "--graph", str(graph)))
    assert line.startswith(f"error: {graph}: {problem}")


def test_a_statement_that_would_violate_the_shapes_is_left_out_on_one_line(tmp_path, monkeypatch):
    nobody = break_the_graph(monkeypatch)
    article, out = tmp_path / "en.txt", tmp_path / "out"
    article.write_text(GOOD_EN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(article), "--out", str(out), "-q"])
    assert result.exit_code == 3 and "Traceback" not in result.output
    left = [line for line in result.stderr.splitlines() if line.startswith("left out: ")]
    assert len(left) == 1 and f"left out {nobody} (the entity)" in left[0] and "[bkgsh:Entity-" in left[0]
    assert "left out:  1 statement that would break the shapes" in result.stdout
    assert nobody.removeprefix("id:") not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "id:budyonnovsk" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_strict_build_that_would_violate_the_shapes_fails_on_one_line(tmp_path, monkeypatch):
    nobody = break_the_graph(monkeypatch)
    article, out = tmp_path / "en.txt", tmp_path / "out"
    article.write_text(GOOD_EN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(article), "--out", str(out), "-q", "--strict"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: the graph built for {out}: has 2 SHACL violations: {nobody} rdf:type: ")
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_docs_writes_the_ontology_page(tmp_path):
    from beslan_kg.rdf.docs import to_ontology_html

    page = tmp_path / "site" / "ontology.html"
    result = CliRunner().invoke(cli, ["docs", "--out", str(page)])
    assert result.exit_code == 0 and result.output.strip() == f"wrote {page}"
    assert page.read_text(encoding="utf-8") == to_ontology_html()


def test_query_list_shows_every_query_of_the_pack_with_its_question():
    from beslan_kg.queries import iter_named_queries

    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    listed = {line.split()[0]: line.split(None, 1)[1] for line in result.output.splitlines()}
    assert listed == {q.name: q.question for q in iter_named_queries()}
    assert sorted(p.stem for p in (ROOT / "queries").glob("*.rq")) == sorted(listed)


def test_an_unknown_query_name_is_one_line_listing_the_pack(built):
    out, _ = built
    line = _one_line_error(run("query", "--name", "sieg", "--graph", str(out / "graph.trig")))
    assert line.startswith("error: query 'sieg': is not in the query pack (use one of ")
    assert all(p.stem in line for p in (ROOT / "queries").glob("*.rq"))


def test_a_named_query_takes_params_as_terms(built):
    out, _ = built
    graph = str(out / "graph.trig")
    # "Chechenia" is how the Spanish article names Chechnya; the lookup ignores case.
    assert "Chechenia" in SPANISH_SEED.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "--name", "entity", "--param", "label=CHECHENIA", "--graph", graph, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["entity"] for r in rows} == {"https://w3id.org/beslan-kg/id/chechnya"}
    injected = CliRunner().invoke(cli, ["query", "--name", "entity", "--param", 'label=" } ; DROP ALL ; #', "--graph", graph])
    assert injected.exit_code == 0 and injected.output.strip().endswith("(0 rows)")
    missing = CliRunner().invoke(cli, ["query", "--name", "entity", "--graph", graph])
    assert missing.exit_code == 1 and "needs --param label=VALUE" in missing.output


@pytest.mark.parametrize("args, problem", [
    (["SELECT * WHERE { ?s ?p ?o }", "--name", "timeline"], "give one of a SPARQL string, --file FILE or --name NAME"),
    (["--name", "timeline", "--param", "event"], "--param event: is not VAR=VALUE"),
    (["--name", "timeline", "--format", "turtle"], "is not a format of SELECT results"),
])
def test_query_misuse_is_one_message(built, args, problem):
    out, _ = built
    result = CliRunner().invoke(cli, ["query", *args, "--graph", str(out / "graph.trig")])
    assert result.exit_code == 1 and problem in result.output and "Traceback" not in result.output


def test_query_writes_xml_results_and_constructed_graphs(built):
    out, _ = built
    graph = str(out / "graph.trig")
    xml = CliRunner().invoke(cli, ["query", "ASK { ?s a <https://schema.org/NewsArticle> }", "--graph", graph, "--format", "xml"])
    assert xml.exit_code == 0 and "<boolean>true</boolean>" in xml.output
    construct = "CONSTRUCT { ?a <https://schema.org/inLanguage> ?l } WHERE { ?a <https://schema.org/inLanguage> ?l }"
    nt = CliRunner().invoke(cli, ["query", construct, "--graph", graph, "--format", "ntriples"])
    assert nt.exit_code == 0
    languages = {str(o) for o in Graph().parse(data=nt.output, format="nt").objects()}
    assert languages == {"en", "es"}


def test_export_writes_stdout_or_a_file_atomically(built, tmp_path):
    out, _ = built
    graph = str(out / "graph.trig")
    to_stdout = CliRunner().invoke(cli, ["export", "--format", "nquads", "--graph", graph])
    assert to_stdout.exit_code == 0
    stdout_quads = Dataset()
    stdout_quads.parse(data=to_stdout.output, format="nquads")
    target = tmp_path / "graph.nq"
    target.write_text("old", encoding="utf-8")
    to_file = CliRunner().invoke(cli, ["export", "--format", "nquads", "--graph", graph, "--out", str(target)])
    assert to_file.exit_code == 0 and to_file.output.strip() == f"wrote {target}"
    assert target.read_bytes() == to_stdout.output_bytes
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]
    articles = {str(g.identifier) for g in stdout_quads.graphs() if len(g)}
    assert {f"https://w3id.org/beslan-kg/graph/{p.stem}" for p in (ENGLISH_SEED, SPANISH_SEED)} <= articles


def test_export_of_a_missing_graph_is_one_line(tmp_path):
    line = _one_line_error(run("export", "--graph", str(tmp_path / "none.trig"), "--out", str(tmp_path / "x.ttl")))
    assert "none.trig: no such graph file" in line
    assert not (tmp_path / "x.ttl").exists()


def test_the_cli_offers_exactly_the_formats_the_library_writes():
    # The CLI keeps its own lists so that --help does not import rdflib.
    from beslan_kg.cli import EXPORT_FORMATS, QUERY_FORMATS
    from beslan_kg import export
    from beslan_kg.rdf.query import GRAPH_FORMATS, RESULT_FORMATS

    assert QUERY_FORMATS == [*RESULT_FORMATS, *GRAPH_FORMATS]
    assert sorted(EXPORT_FORMATS) == sorted(export.EXPORT_FORMATS)


LOADED = """
import sys
from click.testing import CliRunner
from beslan_kg.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
assert result.exit_code == 0, result.output
print(" ".join(sorted(m for m in ("spacy", "pyshacl", "pylode") if m in sys.modules)))
"""


@pytest.mark.parametrize("args", [
    ["--help"], ["query", "--list"], ["query", "--graph", "{graph}", "SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1"],
    ["cache", "info"], ["view", "--graph", "{graph}", "--out", "{out}"], ["export", "--graph", "{graph}", "--out", "{out}"],
])
def test_commands_load_no_library_they_do_not_use(built, tmp_path, args):
    """Loading spaCy takes seconds: only build and evaluate need it; pySHACL only validate, pyLODE only docs."""
    graph = built[0] / "graph.trig"
    args = [a.format(graph=graph, out=tmp_path / "file.out") for a in args]
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
