"""The README tells the truth: its commands exist and its shown results are real."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT

from beslan_kg.queries import parse_bindings
from beslan_kg.rdf.query import run_query, to_text

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Set to 1 to rewrite the README's shown results from a real run instead of
#: comparing them, after a change to extraction (then review the diff).
UPDATE = os.environ.get("BESLAN_KG_UPDATE_README") == "1"
# `query -f queries/NAME.rq` or `query --name NAME [--param VAR=VALUE]...`, and the table it printed.
QUERY_BLOCKS = re.findall(r"```console\n\$ uv run beslan-kg query ((?:-f|--name) [^\n]+)\n(.*?)\n```", README, re.S)


def _shown_query(command: str) -> tuple[str, dict[str, str]]:
    """The .rq file and the bindings of a shown ``beslan-kg query`` command line."""
    args = shlex.split(command)
    path = args[1] if args[0] == "-f" else f"queries/{args[1]}.rq"
    assert all(flag == "--param" for flag in args[2::2]), command
    return path, parse_bindings(args[3::2])


def test_readme_opens_with_the_build_and_test_commands():
    opening = README.split("## ", 1)[0]
    assert "uv run beslan-kg build" in opening and "uv run pytest" in opening


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line.startswith("uv run")] == ["uv run pytest"]


def test_readme_shows_at_least_five_example_queries():
    assert len(QUERY_BLOCKS) >= 5


@pytest.mark.parametrize("command, shown", QUERY_BLOCKS, ids=[c for c, _ in QUERY_BLOCKS])
def test_example_query_results_are_what_the_build_returns(dataset, command, shown):
    path, bindings = _shown_query(command)
    answer = run_query(dataset, (ROOT / path).read_text(encoding="utf-8"), source=path, bindings=bindings)
    actual = to_text(answer, "table").rstrip("\n")
    if UPDATE:
        _rewrite(f"$ uv run beslan-kg query {command}\n{shown}\n```", f"$ uv run beslan-kg query {command}\n{actual}\n```")
    assert actual == shown or UPDATE


def test_build_summary_counts_are_what_the_build_reports(built, tmp_path):
    _, report = built
    block = re.search(r"\$ uv run beslan-kg build\n(.*?)\n```", README, re.S).group(1)
    if UPDATE:
        run = subprocess.run([sys.executable, "-m", "beslan_kg", "build", "-q"], capture_output=True, text=True, cwd=ROOT, check=True)
        _rewrite(f"$ uv run beslan-kg build\n{block}\n```", f"$ uv run beslan-kg build\n{run.stdout.rstrip()}\n```")
        return
    counts = dict(line.split(":", 1) for line in block.splitlines() if not line.startswith("wrote"))
    assert int(counts["relations"]) == report.relations
    assert int(counts["events"]) == report.events
    assert int(counts["figures"]) == report.figures
    assert int(counts["triples"]) == report.triples


def _rewrite(old: str, new: str) -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
