"""The README is short and tells the truth: its commands exist, its links lead somewhere.

What it used to show in full (results of queries, the build summary) lives in the
documentation site now; tests/test_docs_site.py checks those pages.
"""

from __future__ import annotations

import re
import shlex
from urllib.parse import unquote

import click
import pytest
from conftest import ROOT
from markdown.extensions.toc import slugify

from beslan_kg.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Every `uv run beslan-kg ...` line of the README's code blocks (comments cut).
COMMANDS = [line.split("#", 1)[0].strip() for line in re.findall(r"^uv run beslan-kg [^\n]+", README, re.M)]
#: Every link of the README to a file of the repository (not a web address).
LINKS = [target for target in re.findall(r"\]\(([^)]+)\)", README) if not re.match(r"\w+://", target)]


def test_readme_opens_with_the_build_and_test_commands():
    opening = README.split("## ", 1)[0]
    assert "uv run beslan-kg build" in opening and "uv run pytest" in opening


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line.startswith("uv run")] == ["uv run pytest"]


def test_readme_is_under_ten_kilobytes():
    assert len(README.encode("utf-8")) < 10_000


def test_readme_shows_a_quick_start_of_three_more_commands():
    assert len(COMMANDS) >= 4


@pytest.mark.parametrize("line", COMMANDS)
def test_every_command_the_readme_shows_parses(line):
    args = shlex.split(line)[2:]
    command = cli.commands[args[1]]
    # Parsing checks the options and their values (choices, flags) without running anything.
    with command.make_context(args[1], args[2:], resilient_parsing=False) as context:
        assert isinstance(context, click.Context)


@pytest.mark.parametrize("target", LINKS)
def test_every_link_of_the_readme_resolves(target):
    path, _, anchor = unquote(target).partition("#")
    assert (ROOT / path).is_file(), target
    if anchor:
        headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(encoding="utf-8"), re.M)
        assert anchor in {slugify(heading, "-") for heading in headings}, target


def test_readme_links_the_documentation_pages():
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    linked = {target.partition("#")[0] for target in LINKS}
    # The pages of the site are all one click away (the CLI reference and the rest).
    assert {"docs/index.md", "docs/cli.md", "docs/schema.md", "docs/queries.md"} <= linked <= pages | {"docs/graph.png"}
