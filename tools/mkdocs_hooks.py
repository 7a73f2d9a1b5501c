"""MkDocs hooks of the documentation site (mkdocs.yml, ``hooks:``).

The ontology's reference page is generated, never committed: each build of the site adds it
as a file of the site, written by pyLODE as ``beslan-kg docs`` writes it, from
``ontology/beslan-kg.ttl``; so docs/ontology.md links to it and ``mkdocs build --strict``
checks the link. Offline: the page inlines its stylesheet and loads nothing.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

#: Where the page lands in the site, relative to docs/ (docs/ontology.md links to it).
ONTOLOGY_PAGE = "ontology/beslan-kg.html"


def on_files(files: Files, config, **kwargs) -> Files:
    """Add the ontology's pyLODE page to the site's files."""
    from beslan_kg.rdf.docs import to_ontology_html

    files.append(File.generated(config, ONTOLOGY_PAGE, content=to_ontology_html()))
    return files
