"""The command line's conventions: progress on a terminal only, --verbose/--debug, build --json, standard input, completion."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT
from rich.console import Console

import beslan_kg.progress
from beslan_kg.cli import cli

GOOD_EN = "Chechen gunmen seized a hospital in the town of Budyonnovsk in June 1995. More than 100 people died."


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "in" / "hospital.txt"
    path.parent.mkdir()
    path.write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "in" / "hospital.meta.yaml").write_text("language: en\n", encoding="utf-8")
    return path


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_progress_is_drawn_on_a_terminal(article, tmp_path, monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(beslan_kg.progress, "make_console", lambda: Console(file=screen, force_terminal=True, width=120))
    result = invoke("build", article, "--out", tmp_path / "out", "--no-cache")
    assert result.exit_code == 0, result.output
    drawn = screen.getvalue()
    for said in ("loading the en models", "articles", "1/1", f"writing the graph files to {tmp_path / 'out'}",
                 "checking the graph against the shapes", "drawing the view"):
        assert said in drawn, said
    assert "articles:  1 (en)" in result.stdout and "loading" not in result.stdout


def test_validate_shows_its_check_on_a_terminal(built, monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(beslan_kg.progress, "make_console", lambda: Console(file=screen, force_terminal=True, width=120))
    result = invoke("validate", "--graph", built[0] / "graph.trig")
    assert result.exit_code == 0 and result.stdout.startswith("conforms")
    assert "checking the graph against the shapes (pySHACL)" in screen.getvalue()


def test_no_progress_and_no_log_when_standard_error_is_not_a_terminal(article, tmp_path):
    result = invoke("build", article, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_verbose_logs_each_step_and_article(article, tmp_path):
    result = invoke("--verbose", "build", article, "--out", tmp_path / "out", "--no-cache")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert "INFO beslan_kg.build: loading the en models" in lines
    assert f"INFO beslan_kg.build: [1/1] en {article}" in lines
    assert "INFO beslan_kg.build: checking the graph against the shapes" in lines
    assert not [line for line in lines if line.startswith("DEBUG")]


def test_a_bug_is_one_line_and_debug_keeps_its_traceback(built, monkeypatch):
    import beslan_kg.rdf.query

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(beslan_kg.rdf.query, "run_query", broken)
    args = ["query", "--graph", built[0] / "graph.trig", "ASK { ?s ?p ?o }"]
    result = invoke(*args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == ["error: RuntimeError: boom (this is a bug in beslan-kg: run the command again "
                                          "with --debug for the traceback, and please report it)"]
    debugged = invoke("--debug", *args)
    assert isinstance(debugged.exception, RuntimeError) and str(debugged.exception).startswith("boom")


def test_debug_logs_the_traceback_of_a_user_error_but_prints_one_error_line(tmp_path):
    result = invoke("--debug", "query", "--graph", tmp_path / "missing.trig", "ASK { ?s ?p ?o }")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and result.stderr.splitlines()[-1].startswith("error: ")
    plain = invoke("query", "--graph", tmp_path / "missing.trig", "ASK { ?s ?p ?o }")
    assert plain.stderr.count("\n") == 1 and "Traceback" not in plain.stderr


def test_build_json_prints_the_summary_on_stdout(article, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", article, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert summary["counts"] == report["counts"] and summary["articles"] == report["articles"]
    assert [a["id"] for a in summary["articles"]] == ["hospital"]
    assert summary["complete"] is True and summary["skipped"] == []
    assert sorted(summary["outputs"]) == sorted(str(p) for p in out.iterdir() if p.is_file())


def test_build_json_lists_what_was_skipped_and_exits_3(article, tmp_path):
    empty = article.with_name("empty.txt")
    empty.write_text("", encoding="utf-8")
    result = invoke("build", article.parent, "--out", tmp_path / "out", "--json")
    assert result.exit_code == 3
    summary = json.loads(result.stdout)
    assert summary["complete"] is False
    assert summary["skipped"] == [{"file": str(empty), "problem": "is empty", "hint": "give a file with the article's text"}]


def test_build_reads_one_article_from_standard_input(tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "-", "--language", "en", "--out", out, "--json", input=GOOD_EN)
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.stdout)["articles"]
    assert only == {"id": "stdin", "language": "en", "path": "<stdin>"}
    # The article's text is in the graph, under its stdin IRI.
    assert "Budyonnovsk" in (out / "graph.ttl").read_text(encoding="utf-8")
    detected = invoke("build", "-", "--out", tmp_path / "detected", "--json", input=GOOD_EN)
    assert json.loads(detected.stdout)["articles"][0]["language"] == "en"


@pytest.mark.parametrize(("args", "text", "problem"), [
    (["--language", "fr"], GOOD_EN, "error: <stdin>: language 'fr' is not supported (beslan-kg reads en and es: "
                                    "give --language en or es)"),
    ([], "Bonjour.", "error: <stdin>: is too short to detect its language (beslan-kg reads en and es: "
                     "give --language en or es)"),
    ([], "", "error: <stdin>: is empty (give a file with the article's text)"),
])
def test_a_bad_standard_input_is_one_line(tmp_path, args, text, problem):
    result = invoke("build", "-", *args, "--out", tmp_path / "out", input=text)
    assert result.exit_code == 1 and result.stderr.splitlines() == [problem]
    assert not (tmp_path / "out").exists()


def test_language_without_standard_input_is_one_line(article, tmp_path):
    result = invoke("build", article, "--language", "en", "--out", tmp_path / "out")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: --language en: is the language of the article read from standard input (-)")


def test_query_reads_the_query_from_standard_input(built):
    graph = built[0] / "graph.trig"
    sparql = "SELECT ?e WHERE { ?e a schema:Event } ORDER BY ?e LIMIT 3"
    piped = invoke("query", "--graph", graph, "-f", "-", "--format", "csv", input=sparql)
    given = invoke("query", "--graph", graph, sparql, "--format", "csv")
    assert piped.exit_code == 0 and piped.stdout == given.stdout and piped.stdout.count("\n") == 4
    broken = invoke("query", "--graph", graph, "-f", "-", input="SELECT ?e WHERE {")
    assert broken.exit_code == 1 and broken.stderr.startswith("error: <stdin>: malformed SPARQL")


def _complete(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "beslan_kg"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_bash_completion_script_is_produced_as_documented():
    page = (ROOT / "docs" / "cli-conventions.md").read_text(encoding="utf-8")
    assert 'eval "$(_BESLAN_KG_COMPLETE=bash_source beslan-kg)"' in page
    script = _complete({"_BESLAN_KG_COMPLETE": "bash_source"})
    assert "_beslan_kg_completion()" in script and "complete -o nosort -F _beslan_kg_completion beslan-kg" in script


def test_completion_offers_commands_query_names_and_languages():
    def words(line: str) -> list[str]:
        parts = line.split(" ")
        out = _complete({"_BESLAN_KG_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(parts) - 1)})
        return [item.split(",", 1)[1] for item in out.split()]

    assert words("beslan-kg qu") == ["query"]
    assert "timeline" in words("beslan-kg query --name ti")
    assert words("beslan-kg build - --language e") == ["en", "es"]
