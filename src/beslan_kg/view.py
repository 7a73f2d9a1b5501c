"""Render the knowledge graph as one self-contained, interactive HTML page.

Input is a :class:`networkx.MultiDiGraph` with plain Python attributes (see
``to_html`` for the contract). pyvis builds the vis-network node, edge and
option objects; our own Jinja2 template (``templates/graph.html.j2``) renders
them with vis-network's JS and CSS inlined from the copy shipped inside the
pyvis package, so the page makes no network request and works from
``file://``.

Every string in the graph comes from untrusted news articles. It reaches the
page only as JSON inside ``<script type="application/json">`` with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped, and the page's JS builds the DOM with
``textContent``. A Content-Security-Policy pins the two inline scripts by
hash and forbids every fetch.

pyvis is imported here and nowhere else in the project.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import math
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

__all__ = ["KIND_STYLES", "LANGUAGES", "build_page_data", "to_html", "write_html"]

#: Languages the page can switch between.
LANGUAGES = ("en", "es")

#: Colour, vis-network shape and legend labels of each node kind.
KIND_STYLES: dict[str, dict[str, Any]] = {
    "Person": {"color": "#4e79a7", "shape": "dot", "labels": {"en": "Person", "es": "Persona"}},
    "Organization": {
        "color": "#f28e2b",
        "shape": "square",
        "labels": {"en": "Organization", "es": "Organización"},
    },
    "Place": {"color": "#59a14f", "shape": "triangle", "labels": {"en": "Place", "es": "Lugar"}},
    "Event": {"color": "#e15759", "shape": "diamond", "labels": {"en": "Event", "es": "Evento"}},
    "Thing": {"color": "#8c8c8c", "shape": "hexagon", "labels": {"en": "Other", "es": "Otro"}},
}

QUALIFIERS = ("exact", "more_than", "at_least", "approximately", "fewer_than", "at_most", "range")

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)

MIN_NODE_SIZE = 12
MAX_NODE_SIZE = 42

#: vis-network options. Physics runs only until stabilised (the page then
#: calls ``setOptions({physics: false})``); the seed makes the layout repeatable.
VIS_OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 20040901, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -110,
            "centralGravity": 0.008,
            "springLength": 190,
            "springConstant": 0.05,
            "damping": 0.55,
            "avoidOverlap": 0.9,
            "theta": 0.8,
        },
        "minVelocity": 1,
        "maxVelocity": 60,
        "timestep": 0.4,
        # "iterations" is set per graph by _vis_options (a cost of ~n log n each).
        "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 25, "fit": True},
    },
    "nodes": {
        "borderWidth": 1.5,
        "borderWidthSelected": 3,
        "font": {
            "face": FONT_STACK,
            "size": 14,
            "color": "#1f2328",
            "strokeWidth": 4,
            "strokeColor": "#ffffff",
        },
        "widthConstraint": {"maximum": 170},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
        "color": {"color": "#a3acb6", "highlight": "#1f2328", "hover": "#57606a"},
        "font": {
            "face": FONT_STACK,
            "size": 11,
            "color": "#57606a",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
            "align": "middle",
        },
        "width": 1.2,
        "selectionWidth": 1.5,
        "widthConstraint": {"maximum": 140},
    },
    "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": False, "multiselect": False},
}

_TEMPLATES = Path(__file__).parent / "templates"
_WIKIDATA_ID = re.compile(r"(?:https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


# --------------------------------------------------------------------------
# public API


def write_html(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "beslan-kg",
    language: str = "en",
) -> None:
    """Write ``graph`` to ``path`` as one self-contained HTML file (UTF-8)."""
    Path(path).write_bytes(to_html(graph, title=title, language=language).encode("utf-8"))


def to_html(graph: nx.MultiDiGraph, *, title: str = "beslan-kg", language: str = "en") -> str:
    """Return the interactive HTML page for ``graph``; deterministic.

    ``graph.graph["articles"]`` lists the articles (``id``, ``title``,
    ``language``, ``date_published``). Nodes are keyed by IRI and carry
    ``kind``, ``ontology_class``, ``class_labels``, ``labels``, ``aliases``,
    ``wikidata``, ``mentions``, ``articles``, ``date``, ``evidence`` and
    ``figures``; edges are keyed by predicate IRI and carry ``predicate``,
    ``labels`` and ``evidence``. Missing attributes get defaults; a label
    missing in one language falls back to the other, then to the IRI's local
    name. ``language`` ("en" or "es") picks the labels shown first.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    data = build_page_data(graph, title=title, language=language)
    vis_js, vis_css = _vis_assets()
    app_js = _read_template_file("app.js")
    app_css = _read_template_file("app.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    template = _environment().get_template("graph.html.j2")
    return template.render(
        title=title,
        language=language,
        languages=LANGUAGES,
        csp=csp,
        data_json=_script_json(data),
        vis_js=vis_js,
        vis_css=vis_css,
        app_js=app_js,
        app_css=app_css,
    )


def build_page_data(graph: nx.MultiDiGraph, *, title: str, language: str) -> dict[str, Any]:
    """The JSON object embedded in the page (plain, sorted, JSON-safe)."""
    articles = _collect_articles(graph)
    order = {a["id"]: i for i, a in enumerate(articles)}

    nodes = [_node_record(str(n), attrs, order) for n, attrs in graph.nodes(data=True)]
    nodes.sort(key=lambda n: n["id"])

    raw_edges = sorted(
        ((str(u), str(v), str(k), attrs) for u, v, k, attrs in graph.edges(keys=True, data=True)),
        key=lambda e: e[:3],
    )
    edges = [_edge_record(f"e{i}", u, v, k, attrs, order) for i, (u, v, k, attrs) in enumerate(raw_edges)]

    net = Network(directed=True, cdn_resources="in_line")
    for node in nodes:
        style = KIND_STYLES[node["kind"]]
        net.add_node(
            node["id"],
            label=node["labels"][language],
            shape=style["shape"],
            color=_node_color(style["color"]),
            size=_node_size(node["mentions"]),
        )
    for edge, smooth in zip(edges, _edge_smoothness(edges)):
        net.add_edge(edge["from"], edge["to"], id=edge["id"], label=edge["labels"][language], smooth=smooth)
    net.options = _vis_options(len(nodes))
    vis_nodes, vis_edges, _heading, _height, _width, options_json = net.get_network_data()

    kinds = [
        {"id": kind, "color": style["color"], "shape": style["shape"], "labels": dict(style["labels"])}
        for kind, style in KIND_STYLES.items()
    ]
    return {
        "title": str(title),
        "language": language,
        "articles": articles,
        "kinds": kinds,
        "nodes": nodes,
        "edges": edges,
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json)},
        "large": _large_graph(nodes, edges),
    }


#: Above this many nodes the page opens on the most-connected ones only.
LARGE_GRAPH = 500
#: How many nodes a large graph opens with.
LARGE_GRAPH_INITIAL = 150


def _large_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any] | None:
    """For a graph too big to read at once, the most-connected nodes to open with.

    Ties are broken by IRI so the choice, like the rest of the page, is
    deterministic.
    """
    if len(nodes) <= LARGE_GRAPH:
        return None
    degree: dict[str, int] = {n["id"]: 0 for n in nodes}
    for edge in edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    initial = sorted(degree, key=lambda n: (-degree[n], n))[:LARGE_GRAPH_INITIAL]
    return {"threshold": LARGE_GRAPH, "initial": sorted(initial)}


# --------------------------------------------------------------------------
# records


def _collect_articles(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Articles of ``graph.graph`` plus any only named by evidence, sorted."""
    found: dict[str, dict[str, Any]] = {}
    for art in graph.graph.get("articles") or ():
        aid = _text(art.get("id"))
        if aid and aid not in found:
            found[aid] = {
                "id": aid,
                "title": _text(art.get("title")) or aid,
                "language": _text(art.get("language")),
                "date": _text(art.get("date_published")) or None,
            }

    # Articles only named by evidence: pick the same title whatever the graph's order.
    named: dict[str, set[tuple[bool, str, str]]] = defaultdict(set)

    def note(item: Any) -> None:
        if isinstance(item, dict) and _text(item.get("article_id")):
            title = _text(item.get("article_title"))
            named[_text(item.get("article_id"))].add((not title, title, _text(item.get("language"))))

    for _, attrs in graph.nodes(data=True):
        for item in list(attrs.get("evidence") or ()) + list(attrs.get("figures") or ()):
            note(item)
        for aid in attrs.get("articles") or ():
            note({"article_id": aid})
    for _, _, attrs in graph.edges(data=True):
        for item in attrs.get("evidence") or ():
            note(item)
    for aid, candidates in named.items():
        if aid not in found:
            _, title, lang = min(candidates)
            found[aid] = {"id": aid, "title": title or aid, "language": lang, "date": None}
    return sorted(
        found.values(),
        key=lambda a: (a["date"] is None, a["date"] or "", a["language"], a["title"].casefold(), a["id"]),
    )


def _node_record(iri: str, attrs: dict[str, Any], order: dict[str, int]) -> dict[str, Any]:
    kind = attrs.get("kind")
    kind = kind if kind in KIND_STYLES else "Thing"
    labels = _bilingual(attrs.get("labels"), _local_name(iri))
    cls = _text(attrs.get("ontology_class"))
    class_labels = _bilingual(attrs.get("class_labels"), cls or KIND_STYLES[kind]["labels"]["en"])
    label_texts = set(labels.values())
    aliases = {
        (_text(a.get("lang")), _text(a.get("text")))
        for a in attrs.get("aliases") or ()
        if isinstance(a, dict) and _text(a.get("text")) and _text(a.get("text")) not in label_texts
    }
    evidence = _evidence(attrs.get("evidence"), order)
    node_articles = {_text(a) for a in attrs.get("articles") or ()} | {e["article"] for e in evidence}
    node_articles.discard("")
    return {
        "id": iri,
        "kind": kind,
        "ontologyClass": cls,
        "classLabels": class_labels,
        "labels": labels,
        "aliases": [
            {"lang": lang, "text": text} for lang, text in sorted(aliases, key=lambda a: (a[0], a[1].casefold(), a[1]))
        ],
        "wikidata": _wikidata_id(attrs.get("wikidata")),
        "mentions": _count(attrs.get("mentions")),
        "articles": sorted(node_articles, key=lambda a: (order.get(a, len(order)), a)),
        "date": _text(attrs.get("date")) or None,
        "evidence": evidence,
        "figures": _figures(attrs.get("figures"), order),
    }


def _edge_record(
    eid: str, u: str, v: str, key: str, attrs: dict[str, Any], order: dict[str, int]
) -> dict[str, Any]:
    predicate = _text(attrs.get("predicate")) or key
    evidence = _evidence(attrs.get("evidence"), order)
    return {
        "id": eid,
        "from": u,
        "to": v,
        "predicate": predicate,
        "labels": _bilingual(attrs.get("labels"), _local_name(predicate)),
        "articles": sorted({e["article"] for e in evidence if e["article"]}, key=lambda a: (order.get(a, len(order)), a)),
        "evidence": evidence,
    }


def _evidence(items: Any, order: dict[str, int]) -> list[dict[str, str]]:
    """Evidence cut into before / mention / after (Python code-point offsets)."""
    out: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for ev in items or ():
        if not isinstance(ev, dict):
            continue
        sentence = _text(ev.get("sentence"), strip=False)
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(sentence):
            parts = (sentence[:start], sentence[start:end], sentence[end:])
        else:
            parts = (sentence, "", "")
        aid = _text(ev.get("article_id"))
        out.setdefault((aid, *parts), {"article": aid, "before": parts[0], "mention": parts[1], "after": parts[2]})
    return [
        out[k]
        for k in sorted(out, key=lambda k: (order.get(k[0], len(order)), k[0], "".join(k[1:]), len(k[1]), k[2]))
    ]


def _figures(items: Any, order: dict[str, int]) -> list[dict[str, Any]]:
    """Figures grouped by measure; each group says whether its sources disagree."""
    groups: dict[str, dict[str, Any]] = {}
    values: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for fig in items or ():
        if not isinstance(fig, dict):
            continue
        value = _number(fig.get("value"))
        if value is None:
            continue
        measure = _text(fig.get("measure"))
        qualifier = _text(fig.get("qualifier")) or "exact"
        group = groups.setdefault(
            measure,
            {"measure": measure, "labels": _bilingual(fig.get("measure_labels"), _local_name(measure) or "?")},
        )
        values[measure].add(
            (
                _text(fig.get("article_id")),
                value,
                _number(fig.get("upper")) if qualifier == "range" else None,
                qualifier,
                _text(fig.get("sentence"), strip=False),
            )
        )
    result = []
    for measure in sorted(groups, key=lambda m: (groups[m]["labels"]["en"].casefold(), m)):
        group = groups[measure]
        rows = sorted(values[measure], key=lambda r: (order.get(r[0], len(order)), r[0], r[1], r[2] or 0, r[3], r[4]))
        group["values"] = [
            {"article": a, "value": val, "upper": up, "qualifier": q, "sentence": s} for a, val, up, q, s in rows
        ]
        group["disagree"] = len({(val, up, q) for _, val, up, q, _ in rows}) > 1
        result.append(group)
    return result


# --------------------------------------------------------------------------
# vis-network styling


def _node_size(mentions: int) -> float:
    """Square-root scale, clamped to [MIN_NODE_SIZE, MAX_NODE_SIZE]."""
    return round(min(MAX_NODE_SIZE, MIN_NODE_SIZE + 4 * math.sqrt(max(mentions, 0))), 2)


def _node_color(hex_color: str) -> dict[str, Any]:
    border = _shade(hex_color, 0.7)
    light = _shade(hex_color, 1.25)
    return {
        "background": hex_color,
        "border": border,
        "highlight": {"background": light, "border": "#1f2328"},
        "hover": {"background": light, "border": border},
    }


def _shade(hex_color: str, factor: float) -> str:
    rgb = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    if factor <= 1:
        rgb = [round(c * factor) for c in rgb]
    else:
        rgb = [round(c + (255 - c) * (factor - 1)) for c in rgb]
    return "#" + "".join(f"{min(255, max(0, c)):02x}" for c in rgb)


def _vis_options(node_count: int) -> dict[str, Any]:
    """VIS_OPTIONS with a stabilisation budget that keeps big graphs quick
    (small graphs converge early; a 300-node graph gets 200 iterations,
    a few seconds in a browser)."""
    options = copy.deepcopy(VIS_OPTIONS)
    iterations = min(1000, max(200, round(45_000 / max(node_count, 1))))
    options["physics"]["stabilization"]["iterations"] = iterations
    return options


def _edge_smoothness(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Static curves that fan out parallel edges (either direction) of a pair."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        groups[(min(e["from"], e["to"]), max(e["from"], e["to"]))].append(i)
    smooth: list[dict[str, Any]] = [{"enabled": False}] * len(edges)
    for (a, _b), members in groups.items():
        if len(members) == 1:
            continue
        for rank, i in enumerate(members):
            offset = rank - (len(members) - 1) / 2
            if offset == 0:
                continue
            # Curve sides are relative to the edge's own direction: flip for b -> a.
            clockwise = (offset > 0) == (edges[i]["from"] == a)
            roundness = min(0.9, 0.22 * abs(offset))
            smooth[i] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": roundness}
    return smooth


# --------------------------------------------------------------------------
# assets and escaping


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _read_template_file(name: str) -> str:
    return _guard_raw_text((_TEMPLATES / name).read_text(encoding="utf-8"), "script" if name.endswith(".js") else "style")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS, read from the copy inside the pyvis package."""
    root = Path(pyvis.__file__).parent
    candidates = [p for p in root.glob("**/vis-*/vis-network.min.js") if (p.parent / "vis-network.css").is_file()]
    if not candidates:
        raise FileNotFoundError(f"no vis-network.min.js found inside the pyvis package at {root}")

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", p.parent.name.removeprefix("vis-")))

    best = max(candidates, key=lambda p: (version(p), -len(p.parts), str(p)))
    js = best.read_text(encoding="utf-8")
    css = (best.parent / "vis-network.css").read_text(encoding="utf-8")
    return _guard_raw_text(js, "script"), _guard_raw_text(css, "style")


def _guard_raw_text(text: str, tag: str) -> str:
    """Normalise newlines (as the HTML parser will, so CSP hashes match) and make
    sure the text cannot close its own ``<script>``/``<style>`` element."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _script_json(obj: Any) -> str:
    """JSON safe to embed in a ``<script>`` element: ``</script>``, ``<!--`` and
    the JS line terminators U+2028/U+2029 cannot appear raw."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


# --------------------------------------------------------------------------
# small coercions


def _text(value: Any, *, strip: bool = True) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.strip() if strip else text


def _count(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def _bilingual(labels: Any, fallback: str) -> dict[str, str]:
    """Both languages filled in: the other language, then ``fallback``."""
    given = {}
    if isinstance(labels, dict):
        given = {lang: _text(labels.get(lang)) for lang in LANGUAGES if _text(labels.get(lang))}
    out = {}
    for lang in LANGUAGES:
        out[lang] = given.get(lang) or next((given[o] for o in LANGUAGES if o in given), "") or fallback
    return out


def _local_name(iri: str) -> str:
    tail = re.split(r"[#/]", iri.rstrip("#/"))[-1] if iri else ""
    return unquote(tail).replace("_", " ").strip() or iri


def _wikidata_id(value: Any) -> str | None:
    match = _WIKIDATA_ID.fullmatch(_text(value))
    return match.group(1) if match else None
