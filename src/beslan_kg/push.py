"""Load a built graph into a triplestore with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph of the dataset is sent on its own with ``PUT``, which replaces the
graph in the store, so pushing the same build twice leaves the same data:

- each article's named graph goes to the same IRI in the store
  (``https://w3id.org/beslan-kg/graph/ARTICLE-ID``);
- the default graph of ``graph.trig`` (the entity descriptions: types, labels,
  Wikidata links) goes to a named graph of its own, :data:`ENTITIES_GRAPH`,
  rather than to the store's default graph, which may hold other data (a PUT
  there would replace it) or, in stores whose default graph is the union of
  the named graphs, may not be writable as such. ``entities_graph="default"``
  sends it to the store's default graph instead.

Graphs are sent as N-Triples, which every store reads. Uses only the standard
library's urllib (so proxies set in the environment apply). ``timeout`` bounds
each request as a whole: a watchdog shuts the connection when it runs out, so
a store that trickles its answer a byte at a time cannot hold a push.
"""

from __future__ import annotations

import base64
import http.client
import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.parse import quote, urlsplit

from beslan_kg.errors import ConfigError, RemoteError
from beslan_kg.rdf.io import iter_graph_payloads, load_dataset

#: The named graph the default graph of ``graph.trig`` (entity descriptions) is pushed to.
ENTITIES_GRAPH = "https://w3id.org/beslan-kg/entities"
#: ``entities_graph`` value that sends the entity descriptions to the store's default graph.
STORE_DEFAULT = "default"
DEFAULT_TIMEOUT = 60.0
_GSP_EXAMPLES = ("http://localhost:7878/store (Oxigraph), http://localhost:3030/DATASET/data (Fuseki), "
                 "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)")


@dataclass(frozen=True)
class PushedGraph:
    """One graph sent to the store.

    Attributes:
        graph: The graph's IRI in the store, or ``"default"`` for its default graph.
        triples: How many triples were sent.
        status: The store's HTTP status (201 created, 200 or 204 replaced).
    """

    graph: str
    triples: int
    status: int


@dataclass(frozen=True)
class PushReport:
    """What a push sent.

    Attributes:
        endpoint: The Graph Store Protocol URL.
        graphs: Each graph sent, in order.
    """

    endpoint: str
    graphs: tuple[PushedGraph, ...]

    @property
    def triples(self) -> int:
        """Triples sent in all (a triple in two graphs counts twice, as the store holds it twice)."""
        return sum(g.triples for g in self.graphs)


def parse_auth(auth: str) -> tuple[str, str]:
    """Split ``USER:PASSWORD`` (the password may itself hold colons).

    Raises:
        ConfigError: There is no colon or no user. The message never repeats the value.
    """
    user, sep, password = auth.partition(":")
    if not sep or not user:
        raise ConfigError("--auth", "is not USER:PASSWORD", "e.g. --auth admin:secret, or set BESLAN_KG_PUSH_AUTH")
    return user, password


def push_graph(
    graph: str | Path,
    endpoint: str,
    *,
    auth: str | None = None,
    entities_graph: str = ENTITIES_GRAPH,
    timeout: float = DEFAULT_TIMEOUT,
    store: str = "default",
    progress: Callable[[PushedGraph], None] | None = None,
) -> PushReport:
    """Replace each graph of a graph file in a triplestore, one ``PUT`` per graph.

    Graphs are sent one after another; the Graph Store Protocol has no
    transaction across graphs, so a failure part-way leaves the graphs sent
    so far replaced and the rest as they were: push again.

    Args:
        graph: The graph file (``graph.trig`` keeps one graph per article; a
            file without named graphs is pushed as one graph).
        endpoint: The store's Graph Store Protocol URL, e.g.
            ``http://localhost:7878/store``.
        auth: ``USER:PASSWORD`` for HTTP Basic authentication.
        entities_graph: The IRI to push the default graph to, or ``"default"``
            for the store's default graph.
        timeout: Seconds each graph's request may take in all, from
            connecting to the end of the answer.
        store: rdflib store plugin to load the file into.
        progress: Called after each graph is stored.

    Returns:
        What was sent.

    Raises:
        InputError: The graph file is missing or malformed.
        ConfigError: The endpoint, the credentials or the entities graph are unusable.
        RemoteError: The store cannot be reached, or answered with an error.
    """
    if not timeout > 0:
        raise ConfigError(f"timeout {timeout}", "must be more than 0 seconds", "e.g. --timeout 60")
    endpoint = _check_endpoint(endpoint)
    headers = {"Content-Type": "application/n-triples", "User-Agent": "beslan-kg"}
    if auth is not None:
        user, password = parse_auth(auth)
        token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    if entities_graph != STORE_DEFAULT and not _is_absolute_iri(entities_graph):
        raise ConfigError(f"entities graph {entities_graph!r}", "is not an absolute IRI", f"give an IRI such as {ENTITIES_GRAPH}, or {STORE_DEFAULT}")
    payloads = list(iter_graph_payloads(load_dataset(graph, store=store), "ntriples"))
    names = {p.name for p in payloads}
    if entities_graph in names:
        raise ConfigError(f"entities graph <{entities_graph}>", "is also the graph of an article", "choose another IRI")
    pushed = []
    for payload in payloads:
        target = payload.name or entities_graph
        query = "default" if target == STORE_DEFAULT else "graph=" + quote(target, safe="")
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
        status = _put(url, payload.data, headers, timeout=timeout, endpoint=endpoint, target=target)
        done = PushedGraph(target, payload.triples, status)
        pushed.append(done)
        if progress is not None:
            progress(done)
    return PushReport(endpoint, tuple(pushed))


def _check_endpoint(endpoint: str) -> str:
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as err:
        raise ConfigError("--endpoint", f"is not a URL: {err}", f"give the store's Graph Store Protocol URL, e.g. {_GSP_EXAMPLES}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("--endpoint", f"{endpoint!r} is not an http(s) URL", f"give the store's Graph Store Protocol URL, e.g. {_GSP_EXAMPLES}")
    if parts.username is not None or parts.password is not None:
        # Messages quote the endpoint: credentials there would be printed.
        raise ConfigError("--endpoint", "holds credentials", "pass them with --auth USER:PASSWORD instead")
    return endpoint


def _is_absolute_iri(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text))


class _Deadline:
    """Shut every connection of one request when its time is up, wherever it is blocked."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener whose connections (direct, or through a proxy) the deadline watches."""
        deadline = self

        class Watched(http.client.HTTPConnection):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        class WatchedTLS(http.client.HTTPSConnection):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        class HTTPHandler(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(Watched, req)

        class HTTPSHandler(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(WatchedTLS, req, context=self._context)

        return urllib.request.build_opener(HTTPHandler, HTTPSHandler)


def _put(url: str, data: bytes, headers: dict[str, str], *, timeout: float, endpoint: str, target: str) -> int:
    request = urllib.request.Request(url, data=data, headers=headers, method="PUT")
    where = f"{endpoint} (graph {'default' if target == STORE_DEFAULT else f'<{target}>'})"
    late = RemoteError(where, f"did not answer within {timeout:g} s", "check the store, or pass a longer --timeout")
    deadline = _Deadline(timeout)
    try:
        with deadline, deadline.opener().open(request, timeout=timeout) as response:
            response.read()
            if deadline.expired:
                raise late
            return response.status
    except RemoteError:
        raise
    except urllib.error.HTTPError as err:
        raise RemoteError(where, f"answered {err.code} {err.reason}{_short_message(err)}", _hint(err.code)) from None
    except urllib.error.URLError as err:
        if deadline.expired:
            raise late from None
        reason = err.reason.strerror if isinstance(err.reason, OSError) and err.reason.strerror else err.reason
        raise RemoteError(endpoint, f"cannot be reached: {reason}", "check the URL and that the store is running") from None
    except (TimeoutError, socket.timeout):
        raise late from None
    except (HTTPException, OSError) as err:
        if deadline.expired:
            raise late from None
        raise RemoteError(where, f"broke off the exchange: {err or type(err).__name__}", "check the store's log and push again") from None


def _short_message(err: urllib.error.HTTPError) -> str:
    try:
        body = err.read(4096).decode("utf-8", "replace")
    except (OSError, HTTPException):
        return ""
    text = " ".join(re.sub(r"<[^>]*>", " ", body).split())
    if not text:
        return ""
    return f": {text if len(text) <= 200 else text[:199] + '…'}"


def _hint(status: int) -> str:
    if status in (401, 403):
        return "check --auth and that the user may write"
    if status in (404, 405):
        return f"check --endpoint is the store's Graph Store Protocol URL, e.g. {_GSP_EXAMPLES}"
    if status == 413:
        return "raise the store's upload limit"
    if status >= 500:
        return "see the store's log"
    return "see the store's documentation of the Graph Store Protocol"
