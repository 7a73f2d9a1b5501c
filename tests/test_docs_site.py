"""The documentation site builds, offline and without a warning, and tells the truth.

CI builds the site here (``.ci/run`` runs only ``uv run pytest``): ``mkdocs build --strict``
fails on any warning (a page missing from the nav, a link to no page, a bad CLI reference).
The results the pages show are those of a real build of the bundled corpus.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, Graph

from beslan_kg.cli import cli
from beslan_kg.queries import iter_named_queries, parse_bindings
from beslan_kg.rdf.query import run_query, to_text

DOCS = ROOT / "docs"
#: Set to 1 to rewrite the pages' shown results from a real run instead of comparing them,
#: after a change to extraction (then review the diff).
UPDATE = os.environ.get("BESLAN_KG_UPDATE_DOCS") == "1"
QUERY_PAGE = DOCS / "queries.md"
BUILD_PAGE = DOCS / "build.md"
# `query -f queries/NAME.rq` or `query --name NAME [--param VAR=VALUE]...`, and the table it printed.
QUERY_BLOCK = re.compile(r"```console\n\$ uv run beslan-kg query ((?:-f|--name) [^\n]+)\n(.*?)\n```", re.S)
QUERY_BLOCKS = QUERY_BLOCK.findall(QUERY_PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site as ``mkdocs build --strict`` writes it, and what mkdocs printed."""
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                         capture_output=True, text=True, cwd=ROOT, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    return out, run.stderr


def test_the_site_builds_with_warnings_as_errors(site):
    out, log = site
    assert "WARNING" not in log
    assert (out / "index.html").is_file() and (out / "cli" / "index.html").is_file()


def test_the_site_loads_nothing_from_the_network(site):
    out, _ = site
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page


def test_the_cli_reference_documents_every_command_and_option(site):
    out, _ = site
    reference = (out / "cli" / "index.html").read_text(encoding="utf-8")
    assert "Sentinel" not in reference  # click's "no default" marker, which mkdocs-click 0.9 prints as is
    for name, command in cli.commands.items():
        assert f'id="beslan-kg-{name}"' in reference, name
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("--"):
                    assert flag in reference, f"{name} {flag}"


def test_the_ontology_page_is_generated_into_the_site(site):
    out, _ = site
    page = (out / "ontology" / "beslan-kg.html").read_text(encoding="utf-8")
    # Every class of the ontology is on the page, with its Spanish label.
    ontology = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
    for cls in ontology.subjects(RDF.type, OWL.Class):
        for label in ontology.objects(cls, RDFS.label):
            if label.language == "es":
                assert str(label) in page, cls
    assert 'href="beslan-kg.html"' in (out / "ontology" / "index.html").read_text(encoding="utf-8")


def test_every_page_of_docs_is_in_the_nav(site):
    out, _ = site
    for page in DOCS.glob("*.md"):
        built = out / "index.html" if page.stem == "index" else out / page.stem / "index.html"
        assert built.is_file(), page.name


def _shown_query(command: str) -> tuple[str, dict[str, str]]:
    """The .rq file and the bindings of a shown ``beslan-kg query`` command line."""
    args = shlex.split(command)
    path = args[1] if args[0] == "-f" else f"queries/{args[1]}.rq"
    assert all(flag == "--param" for flag in args[2::2]), command
    return path, parse_bindings(args[3::2])


def test_the_query_pack_page_shows_every_query_that_runs_offline():
    shown = {shlex.split(command)[1] for command, _ in QUERY_BLOCKS if command.startswith("--name")}
    assert shown == {query.name for query in iter_named_queries() if not query.federated}


@pytest.mark.parametrize("command, shown", QUERY_BLOCKS, ids=[c for c, _ in QUERY_BLOCKS])
def test_example_query_results_are_what_the_build_returns(dataset, command, shown):
    path, bindings = _shown_query(command)
    answer = run_query(dataset, (ROOT / path).read_text(encoding="utf-8"), source=path, bindings=bindings)
    actual = to_text(answer, "table").rstrip("\n")
    if UPDATE:
        _rewrite(QUERY_PAGE, f"$ uv run beslan-kg query {command}\n{shown}\n```",
                 f"$ uv run beslan-kg query {command}\n{actual}\n```")
    assert actual == shown or UPDATE


def test_build_summary_counts_are_what_the_build_reports(built):
    _, report = built
    block = re.search(r"\$ uv run beslan-kg build\n(.*?)\n```", BUILD_PAGE.read_text(encoding="utf-8"), re.S).group(1)
    if UPDATE:
        run = subprocess.run([sys.executable, "-m", "beslan_kg", "build", "-q"], capture_output=True, text=True, cwd=ROOT, check=True)
        _rewrite(BUILD_PAGE, f"$ uv run beslan-kg build\n{block}\n```", f"$ uv run beslan-kg build\n{run.stdout.rstrip()}\n```")
        return
    counts = dict(line.split(":", 1) for line in block.splitlines() if not line.startswith("wrote"))
    assert int(counts["relations"]) == report.relations
    assert int(counts["events"]) == report.events
    assert int(counts["figures"]) == report.figures
    assert int(counts["triples"]) == report.triples


def _rewrite(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
