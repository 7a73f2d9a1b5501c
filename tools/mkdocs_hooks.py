"""MkDocs hooks of the documentation site (mkdocs.yml, ``hooks:``).

The CLI reference (docs/cli.md) is written by mkdocs-click, which prints an option's default
as it finds it: click 8.3 and later mark "no default" with a sentinel that mkdocs-click 0.9
prints as ``Sentinel.UNSET`` (mkdocs/mkdocs-click#95); the page shows None there, as
mkdocs-click does for options without a default.

The ontology's reference page is generated, never committed: each build of the site adds it
as a file of the site, written by pyLODE as ``beslan-kg docs`` writes it, from
``ontology/beslan-kg.ttl``; so docs/ontology.md links to it and ``mkdocs build --strict``
checks the link. Offline: the page inlines its stylesheet and loads nothing.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

#: How mkdocs-click 0.9 writes click's "no default" sentinel into the page.
UNSET_DEFAULT = "<td><code>Sentinel.UNSET</code></td>"
#: Where the page lands in the site, relative to docs/ (docs/ontology.md links to it).
ONTOLOGY_PAGE = "ontology/beslan-kg.html"


def on_files(files: Files, config, **kwargs) -> Files:
    """Add the ontology's pyLODE page to the site's files."""
    from beslan_kg.rdf.docs import to_ontology_html

    files.append(File.generated(config, ONTOLOGY_PAGE, content=to_ontology_html()))
    return files


def on_page_content(html: str, page: Page, **kwargs) -> str:
    """Show no default in the CLI reference as None, not as click's sentinel."""
    if page.file.src_uri == "cli.md":
        return html.replace(UNSET_DEFAULT, "<td>None</td>")
    return html
