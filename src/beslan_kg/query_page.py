"""The query page of ``beslan-kg serve``: YASGUI at the endpoint's address, for browsers.

YASGUI (``@zazuko/yasgui``, pinned in ``package-lock.json``) is served by the
server itself, from ``node_modules/`` in a checkout or from the copy a wheel
carries (:func:`beslan_kg.paths.assets_dir`); nothing is fetched from
elsewhere. The page opens with one tab a query of the pack (``queries/``),
and a new tab starts with the project's prefixes. YASGUI's look-ups of
remote services (prefix.cc, Linked Open Vocabularies, a CORS proxy, other
endpoints) are switched off in ``templates/query.js``, and the page's
Content-Security-Policy lets it connect to this server only.

Without YASGUI installed the page says so in one line, and the endpoint
answers queries all the same.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from beslan_kg.paths import assets_dir
from beslan_kg.queries import iter_named_queries
from beslan_kg.rdf.terms import PREFIXES

#: Where the page's own files are served.
FILES_PATH = "/query/"
#: YASGUI's files, in ``node_modules/`` (the wheel's ``vendor/``): ``(package, path inside it)``.
YASGUI_FILES = (("@zazuko/yasgui", "build/yasgui.min.js"), ("@zazuko/yasgui", "build/yasgui.min.css"))
#: The Content-Security-Policy of the page: its scripts, styles and requests are this server's.
#: YASGUI sets inline styles and draws a few icons as data: URLs.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                           "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: The one line the page (and the server, at start) gives when YASGUI is not installed.
MISSING = ("the query editor (YASGUI) is not installed: run `npm ci` in the beslan-kg repository "
           "(or install a beslan-kg wheel); the SPARQL endpoint works without it")

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+(?: \*/)?\s*$")
_MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json"}


@dataclass(frozen=True)
class QueryPage:
    """What ``templates/query.html.j2`` shows, and the files the page loads.

    Attributes:
        config: YASGUI's settings for ``templates/query.js``: the endpoint, the
            tabs (name, question, query), the prefixes and a digest of them.
        files: Path on the server -> (body, media type) of each file the page loads.
        missing: :data:`MISSING` when YASGUI is not installed, else None.
    """

    config: dict
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    missing: str | None = None


def make_query_page(*, endpoint: str, queries: str | Path | None = None) -> QueryPage:
    """Make the query page's settings and files: YASGUI, the query pack as tabs, the project's prefixes.

    Args:
        endpoint: The endpoint's path on the server (the page queries it with POST).
        queries: The folder of the query pack; ``queries/`` by default.

    Returns:
        The page's settings and files; without YASGUI, no files and :data:`MISSING`.

    Raises:
        QueryError: A file of the query pack has no valid header.
    """
    pack = [{"name": q.name, "question": q.question, "query": q.text} for q in iter_named_queries(queries)]
    prefixes = dict(sorted(PREFIXES.items()))
    config = {
        "endpoint": endpoint,
        "tabs": pack,
        "prefixes": f"{FILES_PATH}prefixes.json",
        "prefixBlock": "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in prefixes.items()),
    }
    # A changed pack (or set of prefixes) opens afresh; YASGUI keeps the tabs a user edited otherwise.
    config["pack"] = hashlib.sha256(json.dumps(config, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    yasgui = _yasgui_files()
    files = {f"{FILES_PATH}{name}": (body, _MEDIA_TYPES[Path(name).suffix]) for name, body in yasgui.items()}
    missing = None if yasgui else MISSING
    if yasgui:
        files[f"{FILES_PATH}query.js"] = ((_TEMPLATES / "query.js").read_bytes(), _MEDIA_TYPES[".js"])
        files[f"{FILES_PATH}prefixes.json"] = (json.dumps(prefixes, indent=1).encode("utf-8"), _MEDIA_TYPES[".json"])
    return QueryPage(config, files, missing)


def _yasgui_files() -> dict[str, bytes]:
    """YASGUI's script and stylesheet by file name, source-map comments dropped; empty when not installed."""
    root = assets_dir()
    files = {}
    for package, name in YASGUI_FILES:
        try:
            text = (root / package / name).read_text(encoding="utf-8")
        except OSError:
            return {}
        # A source-map comment would have the browser's developer tools ask for a file that is not served.
        files[Path(name).name] = _SOURCE_MAP.sub("", text).encode("utf-8")
    return files

