"""Render the knowledge graph as one self-contained, interactive HTML page.

The input is :class:`beslan_kg.rdf.network.GraphData`: the entities, events,
relations, figures and articles read from the graph. The page draws them with
vis-network and places the dated events on a vis-timeline, both taken from
their own npm packages (``package.json``, installed with ``npm ci``) and
inlined when the page is written, with our own Jinja2 template
(``templates/graph.html.j2``), script and styles; pyvis builds vis-network's
options. It makes no network request
and works from ``file://``.

Every string in the graph comes from untrusted news articles. It reaches the
page only as JSON inside ``<script type="application/json">`` with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped, and the page's JS builds the DOM with
``textContent``. A Content-Security-Policy pins the inline scripts by hash and
forbids every fetch.

A graph past :data:`OVERVIEW_THRESHOLD` nodes opens on an overview (the most
connected entities and the main events, each with the number of neighbours
not yet drawn); the rest is in the same file and drawn on demand.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import json
import math
import os
import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from beslan_kg.errors import ConfigError
from beslan_kg.paths import assets_dir
from beslan_kg.rdf.network import DateValue, GraphData, NodeInfo, Span, label_of

__all__ = [
    "KIND_STYLES", "LANGUAGES", "OVERVIEW_SIZE", "OVERVIEW_THRESHOLD", "SCRIPTS", "STYLES",
    "build_page_data", "to_html", "write_html",
]

#: Languages the page can switch between.
LANGUAGES = ("en", "es")

#: Colour and vis-network shape of each node kind (names come from the ontology).
KIND_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Place": {"color": "#59a14f", "shape": "triangle"},
    "Event": {"color": "#e15759", "shape": "diamond"},
    "Thing": {"color": "#8c8c8c", "shape": "hexagon"},
}

#: The npm files inlined into the page, in load order: ``(package, path inside it)``.
#: vis-network and vis-timeline are their "peer" builds, which share one copy of
#: vis-data and take moment (with its Spanish locale) from the page.
SCRIPTS = (
    ("moment", "min/moment.min.js"),
    ("moment", "locale/es.js"),
    ("vis-data", "peer/umd/vis-data.min.js"),
    ("vis-network", "peer/umd/vis-network.min.js"),
    ("vis-timeline", "peer/umd/vis-timeline-graph2d.min.js"),
)
#: vis-network's own stylesheet is left out: 220 kB of it are the images of its
#: editing toolbar, which the view does not use; app.css styles its tooltips.
STYLES = (("vis-timeline", "styles/vis-timeline-graph2d.min.css"),)

#: Above this many nodes the page opens on an overview ...
OVERVIEW_THRESHOLD = 500
#: ... of this many nodes: the most connected entities and main events.
OVERVIEW_SIZE = 150
#: How many of the overview's nodes are events (at most).
OVERVIEW_EVENTS = 30

MIN_NODE_SIZE = 12
MAX_NODE_SIZE = 42

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)

#: The physics of the layout, in pyvis's terms (``Network.force_atlas_2based``):
#: pyvis turns them into vis-network's options. Physics runs only until
#: stabilised (the page then turns it off).
FORCE_ATLAS = {"gravity": -120, "central_gravity": 0.01, "spring_length": 170, "spring_strength": 0.05,
               "damping": 0.55, "overlap": 0.9}

#: vis-network options laid over pyvis's: the seed makes the layout repeatable.
#: Font sizes are set by the page as the zoom changes, so that labels keep a
#: readable size on screen.
VIS_OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 20040901, "improvedLayout": True},
    "physics": {
        "forceAtlas2Based": {"theta": 0.8},
        "minVelocity": 1,
        "maxVelocity": 60,
        "timestep": 0.4,
        "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 25, "fit": True},
    },
    "nodes": {
        "borderWidth": 1.5,
        "borderWidthSelected": 3,
        "font": {"face": FONT_STACK, "size": 14, "color": "#1f2328", "strokeWidth": 4, "strokeColor": "#ffffff"},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
        "color": {"color": "#a3acb6", "highlight": "#1f2328", "hover": "#57606a", "inherit": False},
        "font": {"face": FONT_STACK, "size": 12, "color": "#3d444d", "strokeWidth": 4, "strokeColor": "#ffffff",
                 "align": "horizontal"},
        "width": 1.2,
        "selectionWidth": 1.5,
    },
    "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": False, "multiselect": False},
}

_TEMPLATES = Path(__file__).parent / "templates"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")
_SOURCE_MAP = re.compile(r"\n?(//# sourceMappingURL=\S*|/\*# sourceMappingURL=[^*]*\*/)\s*$")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)")


# --------------------------------------------------------------------------
# public API


def write_html(data: GraphData, path: str | os.PathLike[str], *, title: str = "beslan-kg", language: str = "en") -> None:
    """Write the view of ``data`` to ``path`` as one self-contained HTML file (UTF-8).

    Raises:
        ConfigError: The JavaScript libraries are not installed (run ``npm ci``).
    """
    Path(path).write_bytes(to_html(data, title=title, language=language).encode("utf-8"))


def to_html(data: GraphData, *, title: str = "beslan-kg", language: str = "en") -> str:
    """Return the interactive HTML page of ``data``; deterministic.

    Args:
        data: What :func:`beslan_kg.rdf.network.to_graph_data` read from a graph.
        title: The page's title.
        language: ``"en"`` or ``"es"``, the labels shown first.

    Raises:
        ValueError: ``language`` is not one of :data:`LANGUAGES`.
        ConfigError: The JavaScript libraries are not installed (run ``npm ci``).
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    vendor_js, vendor_css = _vendor_assets()
    app_js = _read_template_file("app.js")
    app_css = _read_template_file("app.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vendor_js)} {_csp_hash(app_js)}",
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
        data_json=_script_json(build_page_data(data, title=title, language=language)),
        vendor_js=vendor_js,
        vendor_css=vendor_css,
        app_js=app_js,
        app_css=app_css,
    )


def build_page_data(data: GraphData, *, title: str, language: str) -> dict[str, Any]:
    """The JSON object embedded in the page (plain, sorted, JSON-safe).

    Spans are ``[article, sentence, start, end]``: indexes into ``articles``
    and the article's ``sentences``, and offsets in the article's text.
    """
    articles = data.articles
    article_index = {a.id: i for i, a in enumerate(articles)}
    sentence_index = {(a.id, start): j for a in articles for j, (start, _, _) in enumerate(a.sentences)}

    def span(s: Span) -> list[int]:
        return [article_index.get(s.article, -1), sentence_index.get((s.article, s.sentence_start), -1), s.start, s.end]

    degree: dict[str, int] = defaultdict(int)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in data.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    parents = {e.source for e in data.edges if not e.relation}

    nodes = [_node_record(n, span, degree[n.iri], len(neighbours[n.iri])) for n in data.nodes]
    edges = [
        {
            "id": f"e{i}",
            "from": e.source,
            "to": e.target,
            "predicate": e.predicate,
            "labels": _bilingual(e.labels, _local_name(e.predicate)),
            "relation": e.relation,
            "evidence": [span(s) for s in e.evidence],
        }
        for i, e in enumerate(data.edges)
    ]
    counts = data.counts
    kind_labels = dict(data.kind_labels)
    kinds = [
        {"id": kind, **style, "labels": _bilingual(kind_labels.get(kind, ()), kind),
         "count": dict(counts.entities_by_kind).get(kind, 0)}
        for kind, style in KIND_STYLES.items()
    ]
    overview = None
    if len(nodes) > OVERVIEW_THRESHOLD:
        overview = _overview(data.nodes, degree, parents)
    return {
        "title": str(title),
        "language": language,
        "counts": {
            "articles": counts.articles,
            "languages": dict(counts.articles_by_language),
            "entities": counts.entities,
            "events": counts.events,
            "relations": counts.relations,
            "figures": counts.figures,
        },
        "kinds": kinds,
        "articles": [
            {"id": a.id, "title": a.title, "language": a.language, "date": a.date,
             "sentences": [[start, text] for start, _, text in a.sentences]}
            for a in articles
        ],
        "nodes": nodes,
        "edges": edges,
        "overview": overview,
        "vis": _vis_options(len(nodes) if overview is None else OVERVIEW_SIZE),
    }


# --------------------------------------------------------------------------
# records


def _node_record(node: NodeInfo, span, degree: int, neighbours: int) -> dict[str, Any]:
    name = _local_name(node.iri)
    alias = next((text for _, text in node.aliases), "")
    labels = _bilingual(node.labels, alias or name)
    shown = set(labels.values())
    figures: dict[str, dict[str, Any]] = {}
    for fig in node.figures:
        group = figures.setdefault(fig.measure, {
            "measure": fig.measure, "labels": _bilingual(fig.measure_labels, _local_name(fig.measure)),
            "disagree": False, "values": [],
        })
        group["disagree"] = group["disagree"] or fig.disputed
        group["values"].append({"qualifier": fig.qualifier, "value": fig.value, "upper": fig.upper,
                                "span": span(fig.span), "disputed": fig.disputed})
    return {
        "id": node.iri,
        "kind": node.kind if node.kind in KIND_STYLES else "Thing",
        "ontologyClass": node.ontology_class,
        "classLabels": _bilingual(node.class_labels, _local_name(node.ontology_class) or node.kind),
        "labels": labels,
        "aliases": [{"lang": lang, "text": text} for lang, text in node.aliases if text not in shown],
        "wikidata": node.wikidata if node.wikidata and re.fullmatch(r"Q[1-9][0-9]*", node.wikidata) else None,
        "dates": [{"predicate": d.predicate, "value": d.lexical} for d in node.dates],
        "period": _period(node.dates),
        "size": _node_size(len(node.mentions)),
        "degree": degree,
        "neighbours": neighbours,
        "mentions": [span(s) for s in node.mentions],
        "figures": sorted(figures.values(), key=lambda g: (g["labels"]["en"].casefold(), g["measure"])),
    }


def _overview(nodes: tuple[NodeInfo, ...], degree: dict[str, int], parents: set[str]) -> dict[str, Any]:
    """The nodes a large graph opens on: the most connected entities and main events.

    A main event is one that is no other event's part. Ties are broken by IRI,
    so the choice, like the rest of the page, is deterministic.
    """
    def rank(n: NodeInfo) -> tuple:
        return (-degree[n.iri], -len(n.mentions), n.iri)

    events = sorted((n for n in nodes if n.kind == "Event" and n.iri not in parents), key=rank)[:OVERVIEW_EVENTS]
    chosen = {n.iri for n in events}
    others = sorted((n for n in nodes if n.iri not in chosen), key=rank)
    chosen |= {n.iri for n in others[: OVERVIEW_SIZE - len(chosen)]}
    return {"threshold": OVERVIEW_THRESHOLD, "nodes": sorted(chosen)}


def _period(dates: tuple[DateValue, ...]) -> dict[str, Any] | None:
    """Where an event sits on the timeline: from its most precise start to the end of its end date.

    ``start`` and ``end`` are ISO dates, ``end`` exclusive: a year (``gYear``)
    is the whole year, a month (``gYearMonth``) the whole month, a day one day.
    ``range`` says whether that is a period rather than a day; ``text`` is how
    the graph gives it. Dates outside years 1-9999 are not placed.
    """
    starts = [(d, _bounds(d.lexical)) for d in dates if d.predicate == "startDate"]
    starts = [(d, b) for d, b in starts if b is not None]
    if not starts:
        return None
    # The most precise start, as the event's label gives it: "2004-09-03" where another article says "2004-09".
    first, (start, end) = min(starts, key=lambda s: (s[1][1] - s[1][0], s[0].lexical))
    text = first.lexical
    ends = sorted((b[1], d.lexical) for d in dates if d.predicate == "endDate" for b in [_bounds(d.lexical)] if b)
    if ends and ends[-1][0] > end:
        end, text = ends[-1][0], f"{text} – {ends[-1][1]}"
    return {"start": start.isoformat(), "end": end.isoformat(), "range": (end - start).days > 1, "text": text}


def _bounds(lexical: str) -> tuple[date, date] | None:
    """The days an XSD date, gYearMonth, gYear or dateTime covers: ``(first, after the last)``."""
    match = _DATE.match(lexical)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year + 1, 1, 1)
        if day is None:
            first = date(year, month, 1)
            return first, first + timedelta(days=calendar.monthrange(year, month)[1])
        first = date(year, month, day)
        return first, first + timedelta(days=1)
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------
# styling


def _node_size(mentions: int) -> float:
    """Square-root scale, clamped to [MIN_NODE_SIZE, MAX_NODE_SIZE]."""
    return round(min(MAX_NODE_SIZE, MIN_NODE_SIZE + 4 * math.sqrt(max(mentions, 0))), 2)


def _vis_options(node_count: int) -> dict[str, Any]:
    """vis-network's options: pyvis's for the physics, :data:`VIS_OPTIONS` over them.

    The stabilisation budget keeps big graphs quick (small graphs converge
    early; a 300-node graph gets 200 iterations).
    """
    # pyvis builds the options; the page draws with vis-network from npm, not pyvis's copy.
    from pyvis.network import Network

    net = Network(directed=True)
    net.force_atlas_2based(**FORCE_ATLAS)
    options = _merged(json.loads(net.options.to_json()), VIS_OPTIONS)
    options["physics"]["stabilization"]["iterations"] = min(1000, max(200, round(45_000 / max(node_count, 1))))
    return options


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` laid on it, key by key, nested mappings merged."""
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


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
def _vendor_assets() -> tuple[str, str]:
    """The npm libraries' JS (one script, in load order) and CSS, source-map comments dropped.

    Raises:
        ConfigError: A file is missing: the packages are not installed.
    """
    root = assets_dir()

    def read(package: str, name: str) -> str:
        path = root / package / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            raise ConfigError(str(path), "the view's JavaScript libraries are not installed",
                              "run `npm ci` in the beslan-kg repository (or install a beslan-kg wheel)") from None
        return _SOURCE_MAP.sub("", text)

    js = ";\n".join(read(package, name) for package, name in SCRIPTS)
    css = "\n".join(read(package, name) for package, name in STYLES)
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


def _bilingual(labels, fallback: str) -> dict[str, str]:
    """Both languages filled in: the label in that language, else another, else ``fallback``."""
    return {lang: label_of(labels, lang, fallback) for lang in LANGUAGES}


def _local_name(iri: str) -> str:
    tail = re.split(r"[#/]", iri.rstrip("#/"))[-1] if iri else ""
    return tail.replace("_", " ").replace("-", " ").strip() or iri
