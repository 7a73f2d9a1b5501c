"""Where the project's data folders are.

The ontology, knowledge base, patterns and queries are data files kept in the
repository's top-level folders; wheels carry copies inside the package (see
``pyproject.toml``). ``BESLAN_KG_ONTOLOGY`` points at another ontology folder.
What beslan-kg keeps between runs goes to the cache folder (``BESLAN_KG_CACHE``).
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


def cache_dir() -> Path:
    """Return the folder of what is kept between runs (such as the query stores of graph files).

    ``BESLAN_KG_CACHE`` when set, else ``beslan-kg`` in ``XDG_CACHE_HOME``
    (``~/.cache`` by default). It may be removed at any time.
    """
    override = os.environ.get("BESLAN_KG_CACHE")
    if override:
        return Path(override)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "beslan-kg"
