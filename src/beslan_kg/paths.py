"""Where the project's data folders are.

The ontology, knowledge base, patterns and queries are data files kept in the
repository's top-level folders; wheels carry copies inside the package (see
``pyproject.toml``). ``BESLAN_KG_ONTOLOGY`` points at another ontology folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def _data_dir(name: str) -> Path:
    for candidate in (_REPO / name, _PACKAGE / name):
        if candidate.is_dir():
            return candidate
    return _REPO / name


def ontology_dir() -> Path:
    """Return the folder holding the ontology, knowledge base and patterns."""
    override = os.environ.get("BESLAN_KG_ONTOLOGY")
    return Path(override) if override else _data_dir("ontology")


def corpus_dir() -> Path:
    """Return the folder of the bundled corpus."""
    return _data_dir("corpus")


def queries_dir() -> Path:
    """Return the folder of the named SPARQL queries."""
    return _data_dir("queries")


def assets_dir() -> Path:
    """Return the folder of the npm packages the HTML view inlines.

    ``node_modules/`` of the repository (``npm ci`` fills it from
    ``package-lock.json``); a wheel carries the files it needs in
    ``beslan_kg/vendor/``, in the same layout.
    """
    for candidate in (_REPO / "node_modules", _PACKAGE / "vendor"):
        if candidate.is_dir():
            return candidate
    return _REPO / "node_modules"
