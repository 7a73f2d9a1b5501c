"""beslan-kg: build an RDF knowledge graph from English and Spanish news articles.

The Python API (:mod:`beslan_kg.api`)::

    import beslan_kg

    result = beslan_kg.build_graph(["my/articles/"], out="out")
    graph = beslan_kg.load_graph(result.graph)
    beslan_kg.query(graph, "timeline")          # a pandas DataFrame (beslan-kg[pandas])
    beslan_kg.query_rows(graph, "SELECT ...")   # a list of dicts, no pandas needed
    beslan_kg.to_networkx(graph)                # a networkx.MultiDiGraph

The names below are loaded on first use: ``import beslan_kg`` loads neither
spaCy nor rdflib nor pandas, so the command line's ``--help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from beslan_kg.api import (
        BuildCounts,
        BuildResult,
        KnowledgeGraph,
        build_graph,
        list_queries,
        load_graph,
        query,
        query_rows,
        read_text,
        to_networkx,
    )

# `build_graph`, not `build`: importing the submodule beslan_kg.build would replace the attribute.
__all__ = [
    "BuildCounts", "BuildResult", "KnowledgeGraph",
    "build_graph", "list_queries", "load_graph", "query", "query_rows", "read_text", "to_networkx",
]


def __getattr__(name: str):
    # PEP 562: the API module is imported when one of its names is first asked for.
    if name in __all__:
        from beslan_kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'beslan_kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
