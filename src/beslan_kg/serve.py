"""A read-only SPARQL 1.1 Protocol endpoint over a graph file, with a query page, the view and the docs.

The HTTP side is the standard library's :class:`~http.server.ThreadingHTTPServer`:
one thread a connection reads the request, checks its limits, negotiates the
format and hands the query to a pool of worker processes. Each worker has
loaded the graph once and answers one query at a time with
:func:`beslan_kg.rdf.query.run_query`, so answers are exactly those of
``beslan-kg query``.

Queries run in processes, not threads, because rdflib's engine is pure Python
and cannot be interrupted: a query that runs past the time limit has its worker
killed (SIGKILL), reaped, and replaced by a fresh one that loads the graph
again, while the other workers go on answering. The graph file is copied once
at start, so a replacement serves the same data even if the file is rebuilt
meanwhile.

Workers make no network requests: ``SERVICE`` and ``FROM <url>`` would have
rdflib fetch URLs on a client's behalf, so loading is switched off and an audit
hook refuses any URL opened from a worker.
"""

from __future__ import annotations

import io
import multiprocessing
import multiprocessing.connection
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from beslan_kg.errors import BeslanKGError, ConfigError, FetchRefused, InputError, QueryError, ReadOnlyError
from beslan_kg.query_page import CONTENT_SECURITY_POLICY, FILES_PATH, make_query_page

if TYPE_CHECKING:
    from beslan_kg.rdf.service import DatasetSizes

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Seconds a query may run before its worker is stopped.
DEFAULT_TIMEOUT = 10.0
#: Rows of a SELECT (or triples of a CONSTRUCT or DESCRIBE) sent at most.
DEFAULT_MAX_ROWS = 10_000
#: Bytes of a POST body accepted at most.
DEFAULT_MAX_BODY = 1_000_000
#: Bytes of a GET request's target (path and query string) accepted at most.
DEFAULT_MAX_URL = 8192
#: Worker processes, each holding the graph and answering one query at a time.
DEFAULT_WORKERS = 2
#: Seconds a request waits for a free worker before it gets 503.
DEFAULT_WAIT = 30.0
#: Seconds a client has to send a whole request (line, headers and body).
DEFAULT_READ_TIMEOUT = 30.0
#: Queries one client may have waiting for a worker at once (past it: 429).
DEFAULT_BACKLOG = 8
#: Host names a server answers to besides its --host and --allow-host values.
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: Response header set when an answer was cut at the row cap; its value is the cap.
TRUNCATED_HEADER = "Beslan-KG-Truncated"

ENDPOINT_PATH = "/sparql"
VIEW_PATH = "/view"
DOCS_PATH = "/ontology"

#: Media types of SELECT and ASK answers -> format of :func:`beslan_kg.rdf.query.to_text`,
#: in the order the server prefers them.
RESULT_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
#: Media types of CONSTRUCT and DESCRIBE answers -> format, in the order the server prefers them.
#: Turtle is also valid N3; N-Triples was once text/plain.
GRAPH_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/turtle": "turtle",
    "text/n3": "turtle",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/plain": "ntriples",
}
_CANONICAL = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
# Names a ``format`` parameter may give (besides the media types above). SPARQLWrapper
# sends its own names (json, xml, csv, tsv, turtle, n3, json-ld, rdf+xml) with the
# Accept header; "xml" and "json" mean the XML or JSON form of whichever kind of answer.
_RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
_GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "jsonld": "jsonld", "json-ld": "jsonld",
                "json": "jsonld", "ntriples": "ntriples", "nt": "ntriples", "rdfxml": "rdfxml", "rdf+xml": "rdfxml",
                "xml": "rdfxml", "rdf": "rdfxml"}
#: Media types of a GET of the endpoint without a query -> what it gets: the query page (a
#: browser), or the endpoint's SPARQL 1.1 Service Description (anything else, Turtle first).
DESCRIPTION_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/turtle": "turtle",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
_TEMPLATES = Path(__file__).resolve().parent / "templates"
# A Host header that can stand in the Service Description's endpoint IRI as it is.
_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


# --------------------------------------------------------------------------
# content negotiation


def negotiate(accept: str | None, offers: Mapping[str, str]) -> tuple[str, str] | None:
    """Pick the format to answer in from an HTTP ``Accept`` header.

    The offer with the highest quality wins; among equals, the one matched by
    the more specific media range (``text/csv`` over ``text/*`` over ``*/*``),
    then the one the client listed first, then the server's order of
    ``offers``. ``q=0`` rules a type out.

    Args:
        accept: The header's value; None or empty accepts anything.
        offers: Media type -> format, in the server's order of preference.

    Returns:
        ``(format, media type)``, or None when nothing offered is acceptable.
    """
    ranges = _parse_accept(accept or "*/*")
    best, best_key = None, None
    for rank, (media_type, fmt) in enumerate(offers.items()):
        match = _quality(media_type, ranges)
        if match is None or match[0] <= 0:
            continue
        quality, specificity, position = match
        key = (-quality, -specificity, position, rank)
        if best_key is None or key < best_key:
            best, best_key = (fmt, media_type), key
    return best


def _parse_accept(accept: str) -> list[tuple[str, str, float, int]]:
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        kind, _, sub = media.lower().partition("/")
        if not kind or not sub:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((kind, sub, quality, position))
    return ranges


def _quality(media_type: str, ranges) -> tuple[float, int, int] | None:
    """The quality the client gives ``media_type``: that of its most specific matching range."""
    kind, _, sub = media_type.partition("/")
    best = None
    for r_kind, r_sub, quality, position in ranges:
        if (r_kind, r_sub) == (kind, sub):
            specificity = 2
        elif r_kind == kind and r_sub == "*":
            specificity = 1
        elif (r_kind, r_sub) == ("*", "*"):
            specificity = 0
        else:
            continue
        if best is None or specificity > best[1]:
            best = (quality, specificity, position)
    return best


def _from_format_parameter(values: Sequence[str], names: Mapping[str, str], offers: Mapping[str, str]) -> tuple[str, str] | None:
    for value in values:
        token = value.strip().lower()
        fmt = names.get(token) or offers.get(token)
        if fmt:
            return fmt, _CANONICAL[fmt]
    return None


# --------------------------------------------------------------------------
# the worker processes


@dataclass(frozen=True)
class _Job:
    """A query for a worker, with the format to answer each kind of query in (None: not acceptable)."""

    sparql: str
    results: tuple[str, str] | None
    graph: tuple[str, str] | None
    max_rows: int


@dataclass(frozen=True)
class _Reply:
    """A worker's answer: an HTTP status and body."""

    status: int
    body: bytes
    media_type: str
    truncated: bool = False


class _NetworkRefused(Exception):
    """A query tried to open a URL (SERVICE, FROM): workers make no network requests."""


def _refuse_urls(event: str, args: tuple) -> None:
    if event == "urllib.Request":
        raise _NetworkRefused(str(args[0]))


def _worker_main(conn, graph: str, store: str) -> None:
    """Load the graph, say so, then answer jobs until the pipe closes or the server dies."""
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    import rdflib.plugins.sparql

    from beslan_kg.rdf.io import load_dataset

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    sys.addaudithook(_refuse_urls)
    try:
        ds = load_dataset(graph, store=store)
    except BeslanKGError as err:
        conn.send(("error", type(err).__name__, err.where, err.problem, err.hint))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(_answer(ds, job))


def _exit_with_parent() -> None:
    """End this worker when the server process ends, even mid-query or if it was killed."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _answer(ds, job: _Job) -> _Reply:
    from beslan_kg.rdf.query import run_query, to_text

    try:
        answer = run_query(ds, job.sparql, max_rows=job.max_rows)
        choice = job.results if answer.kind in ("SELECT", "ASK") else job.graph
        if choice is None:
            offers = RESULT_MEDIA_TYPES if answer.kind in ("SELECT", "ASK") else GRAPH_MEDIA_TYPES
            return _error(HTTPStatus.NOT_ACCEPTABLE, QueryError(
                "Accept", f"no acceptable format for a {answer.kind} answer", f"accept one of {', '.join(offers)}"))
        fmt, media_type = choice
        body = to_text(answer, fmt).encode("utf-8")
    except ReadOnlyError as err:
        return _error(HTTPStatus.FORBIDDEN, err)
    except FetchRefused as err:
        return _error(HTTPStatus.FORBIDDEN, QueryError(err.where, err.problem, "this endpoint makes no network requests "
                                                       "and reads no files; query the graph it serves"))
    except QueryError as err:
        return _error(HTTPStatus.BAD_REQUEST, err)
    except _NetworkRefused as err:
        return _error(HTTPStatus.FORBIDDEN, QueryError(
            "query", f"would fetch {err} (SERVICE or FROM a URL)", "this endpoint makes no network requests; query the graph it serves"))
    except Exception as err:  # rdflib's evaluation raises many unrelated types
        return _error(HTTPStatus.INTERNAL_SERVER_ERROR, QueryError(
            "query", f"failed while running: {type(err).__name__}: {str(err).splitlines()[0][:200] if str(err) else ''}", "simplify the query"))
    return _Reply(HTTPStatus.OK, body, _with_charset(media_type), answer.truncated)


def _error(status: int, err: BeslanKGError) -> _Reply:
    return _Reply(status, f"error: {err.message}\n".encode("utf-8"), "text/plain; charset=utf-8")


def _with_charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


class _Busy(Exception):
    """No worker became free in time."""


class _Retry(Exception):
    """The worker had died while idle: try another."""


class _TimedOut(Exception):
    """The query ran past the time limit; its worker was stopped."""


class _WorkerLost(Exception):
    """The worker died while answering (or the server is stopping)."""


class _TooMany(Exception):
    """The client already has as many queries waiting as it may."""


class _FairQueue:
    """Hand free workers to waiting queries fairly between clients.

    Each client (an address) may run ``per_client`` queries at once and have
    ``backlog`` more waiting. When a worker is free, it goes to the client
    that has waited longest since it was last served, among those below
    their limit, and to that client's oldest query: one client's burst of
    slow queries never holds every worker, nor delays another client's query
    by more than one turn.
    """

    def __init__(self, *, per_client: int, backlog: int) -> None:
        self.per_client = per_client
        self.backlog = backlog
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._waiting: dict[str, list[object]] = {}
        self._running: dict[str, int] = {}
        self._served: dict[str, int] = {}
        self._turn = 0
        self._closed = False

    def put(self, worker: _Worker) -> None:
        """Make ``worker`` free for the next query."""
        with self._cond:
            self._idle.append(worker)
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def get(self, client: str, wait: float) -> _Worker:
        """Wait for this client's turn and a free worker.

        Raises:
            _TooMany: The client has ``backlog`` queries waiting already.
            _Busy: No worker came within ``wait`` seconds.
            _WorkerLost: The pool was closed.
        """
        ticket = object()
        deadline = time.monotonic() + wait
        with self._cond:
            queue_ = self._waiting.setdefault(client, [])
            if len(queue_) >= self.backlog:
                if not queue_:
                    del self._waiting[client]
                raise _TooMany
            queue_.append(ticket)
            try:
                while True:
                    if self._closed:
                        raise _WorkerLost("the server is stopping")
                    if self._idle and self._next() == (client, ticket):
                        self._turn += 1
                        self._served[client] = self._turn
                        self._running[client] = self._running.get(client, 0) + 1
                        return self._idle.pop(0)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise _Busy
                    self._cond.wait(remaining)
            finally:
                queue_.remove(ticket)
                if not queue_:
                    self._waiting.pop(client, None)
                self._cond.notify_all()

    def done(self, client: str) -> None:
        """The client's query has ended (its worker is put back, or replaced, separately)."""
        with self._cond:
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
            self._cond.notify_all()

    def _next(self) -> tuple[str, object] | None:
        ready = [c for c, q in self._waiting.items() if q and self._running.get(c, 0) < self.per_client]
        if not ready:
            return None
        client = min(ready, key=lambda c: self._served.get(c, 0))
        return client, self._waiting[client][0]


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context, graph: Path, store: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, str(graph), store), name="beslan-kg-query", daemon=True)
        self.process.start()
        child.close()
        self._lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self) -> None:
        """Wait until the worker has loaded the graph.

        Raises:
            BeslanKGError: The worker could not load it (the error it reported).
            _WorkerLost: It died first.
        """
        multiprocessing.connection.wait([self.conn, self.process.sentinel])
        try:
            message = self.conn.recv() if self.conn.poll() else None
        except (EOFError, OSError):
            message = None
        if message is None:
            raise _WorkerLost(f"worker {self.pid} ended before it was ready (exit code {self.process.exitcode})")
        if message[0] == "error":
            _, kind, where, problem, hint = message
            raise {"InputError": InputError, "ConfigError": ConfigError}.get(kind, BeslanKGError)(where, problem, hint)

    def stop(self) -> None:
        """Kill the process and reap it (no zombie); safe to call twice, from any thread."""
        with self._lock:
            if self.process.exitcode is None:
                self.process.kill()
            self.process.join()
            self.conn.close()


class _WorkerPool:
    """Worker processes that hold the graph; a query that overruns its time kills its worker."""

    def __init__(self, graph: Path, *, store: str, size: int, log: Callable[[str], None], per_client: int = 1,
                 backlog: int = 8) -> None:
        # spawn, not fork: the server has threads, and a forked child could inherit a lock one of them held.
        self._context = multiprocessing.get_context("spawn")
        self._graph, self._store, self._log = graph, store, log
        self._idle = _FairQueue(per_client=per_client, backlog=backlog)
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._starting: list[threading.Thread] = []
        # Started now, waited for in wait_ready(): they load the graph while the server does other work.
        self._first = [self._new_worker() for _ in range(size)]

    def wait_ready(self) -> None:
        """Wait until the first workers have loaded the graph; on failure, stop them all.

        Raises:
            BeslanKGError: A worker could not load the graph, or ended first.
        """
        try:
            for worker in self._first:
                worker.wait_ready()
        except _WorkerLost as err:
            self.close()
            raise BeslanKGError("query worker", str(err), "see the messages above; a script that starts the server "
                                "must do so under `if __name__ == '__main__':`") from None
        except BaseException:
            self.close()
            raise
        for worker in self._first:
            self._idle.put(worker)

    def _new_worker(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise _WorkerLost("the server is stopping")
            worker = _Worker(self._context, self._graph, self._store)
            self._workers.add(worker)
        return worker

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(w.pid for w in self._workers)

    def run(self, job: _Job, *, timeout: float, wait: float, client: str = "") -> _Reply:
        """Answer ``job`` on a free worker, in ``client``'s turn.

        Raises:
            _TooMany: The client has too many queries waiting.
            _Busy: No worker was free within ``wait`` seconds.
            _TimedOut: The query ran past ``timeout`` seconds; its worker was replaced.
            _WorkerLost: The worker died, or the pool was closed.
        """
        for attempt in range(2):
            worker = self._idle.get(client, wait)
            try:
                return self._run_on(worker, job, timeout=timeout, retry=not attempt)
            except _Retry:
                continue
            finally:
                self._idle.done(client)
        raise _WorkerLost("no worker answered")

    def _run_on(self, worker: _Worker, job: _Job, *, timeout: float, retry: bool) -> _Reply:
        if self._closed:
            raise _WorkerLost("the server is stopping")
        try:
            worker.conn.send(job)
        except (OSError, ValueError):
            # It died while idle (killed from outside): replace it and try another.
            self._replace(worker, "died while idle")
            if not retry:
                raise _WorkerLost("the worker died") from None
            raise _Retry from None
        if not worker.conn.poll(timeout):
            self._replace(worker, f"stopped after the {timeout:g} s time limit")
            raise _TimedOut
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, "died while answering")
            raise _WorkerLost("the worker died while answering (out of memory?)") from None
        self._idle.put(worker)
        return reply

    def _replace(self, worker: _Worker, why: str) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
            self._log(f"worker {worker.pid} {why}; starting a new one")
            thread = threading.Thread(target=self._start_replacement, name="start-worker", daemon=True)
            self._starting = [t for t in self._starting if t.is_alive()] + [thread]
        thread.start()

    def _start_replacement(self) -> None:
        try:
            worker = self._new_worker()
        except _WorkerLost:
            return
        try:
            worker.wait_ready()
        except (BeslanKGError, _WorkerLost) as err:
            worker.stop()
            with self._lock:
                self._workers.discard(worker)
            if not self._closed:
                self._log(f"a new worker could not start: {getattr(err, 'message', err)}")
            return
        self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker, busy or idle, and wait for them to end."""
        with self._lock:
            self._closed = True
            workers, starting = list(self._workers), list(self._starting)
        self._idle.close()
        for worker in workers:
            worker.stop()
        for thread in starting:
            thread.join()
        with self._lock:
            late = list(self._workers)
            self._workers.clear()
        for worker in late:
            worker.stop()


# --------------------------------------------------------------------------
# HTTP


@dataclass(frozen=True)
class _Settings:
    timeout: float
    max_rows: int
    max_body: int
    max_url: int
    wait: float
    cors: str | None
    hosts: frozenset[str] = frozenset(LOCAL_NAMES)
    read_timeout: float = DEFAULT_READ_TIMEOUT


class _DeadlineReader(io.RawIOBase):
    """A socket's reading side with an overall deadline: trickling bytes does not extend it.

    Each read waits at most until the deadline (or ``idle`` seconds when there
    is none), then raises ``TimeoutError``, which http.server treats as a
    request that timed out: the connection is closed.
    """

    def __init__(self, sock: socket.socket, idle: float) -> None:
        self._sock = sock
        self._idle = idle
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        wait = self._idle
        if self.deadline is not None:
            wait = min(wait, self.deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError("the request was not read in time")
        self._sock.settimeout(wait)
        return self._sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    """Routes: ``/`` (landing page), ``/sparql`` (the endpoint; for a browser the query page, without a query the
    Service Description), ``/view`` and ``/ontology`` (pages made at start), ``/query/…`` (the query page's files)."""

    protocol_version = "HTTP/1.1"
    server_version = "beslan-kg"
    # Seconds a connection may stay idle; a request as a whole has _Settings.read_timeout.
    timeout = 30
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self._reader = _DeadlineReader(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        # The clock starts when the request's first line is awaited: headers and
        # body must all arrive within read_timeout, however slowly they trickle.
        self._reader.deadline = time.monotonic() + self.server.settings.read_timeout
        self.command, self.path, self._started = None, "", time.monotonic()
        try:
            super().handle_one_request()
        finally:
            self._reader.deadline = None

    def _admitted(self) -> bool:
        """Answer only requests for this server's names (DNS rebinding sends another site's name)."""
        self._started = time.monotonic()
        host = self.headers.get("Host")
        if host is None and self.request_version == "HTTP/1.0":
            return True
        name = _host_name(host or "")
        allowed = self.server.settings.hosts
        if "*" in allowed or name in allowed:
            return True
        self._fail(HTTPStatus.FORBIDDEN, "Host", f"{_cut(host or 'none', 80)!r} is not a name of this server",
                   "open it as http://127.0.0.1 or http://localhost, or start the server with --allow-host NAME")
        return False

    def _cross_site(self) -> bool:
        """Refuse queries a page of another site sends from a browser, unless --cors lets it read them.

        Such a page cannot read the answer, but could keep the workers busy.
        """
        origin = self.headers.get("Origin")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        if origin and origin != "null" and urlsplit(origin).netloc.lower() == (self.headers.get("Host") or "").lower():
            return False  # this server's own pages
        if origin is None and site not in ("cross-site", "same-site"):
            return False
        if self._cors_origin():
            return False
        self._fail(HTTPStatus.FORBIDDEN, "Origin", f"a page of another site ({_cut(origin or site, 80)}) may not query this endpoint",
                   "start the server with --cors ORIGIN to let it")
        return True

    # ---- routes

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._admitted():
            return
        url = urlsplit(self.path)
        if url.path == ENDPOINT_PATH:
            if len(self.path) > self.server.settings.max_url:
                return self._fail(HTTPStatus.REQUEST_URI_TOO_LONG, "request", f"the URL is longer than {self.server.settings.max_url} bytes",
                                  "send the query with POST")
            params = parse_qs(url.query, keep_blank_values=True)
            if not params.get("query") and not params.get("update") and self._describe():
                return None
            if self._cross_site():
                return None
            return self._sparql(params)
        if url.path in self.server.files:
            return self._send(HTTPStatus.OK, *self.server.files[url.path])
        page = self.server.pages.get(url.path)
        if page is None:
            return self._fail(HTTPStatus.NOT_FOUND, url.path, "no such page", f"see / ; the endpoint is {ENDPOINT_PATH}")
        return self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        if not self._admitted():
            return
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            if url.path in self.server.pages or url.path in self.server.files:
                return self._not_allowed(url.path)
            return self._fail(HTTPStatus.NOT_FOUND, url.path, "no such page", f"the endpoint is {ENDPOINT_PATH}")
        if self.headers.get("Transfer-Encoding"):
            return self._fail(HTTPStatus.LENGTH_REQUIRED, "request", "chunked bodies are not accepted", "send a Content-Length")
        length = self.headers.get("Content-Length")
        if length is None:
            return self._fail(HTTPStatus.LENGTH_REQUIRED, "request", "no Content-Length", "send a Content-Length")
        try:
            size = int(length)
        except ValueError:
            size = -1
        if size < 0:
            return self._fail(HTTPStatus.BAD_REQUEST, "Content-Length", f"{length!r} is not a size", "send a number of bytes")
        if size > self.server.settings.max_body:
            self._fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request", f"the body is {size} bytes, more than {self.server.settings.max_body}",
                       "send a shorter query")
            return self._drain(size)
        if self._cross_site():
            return self._drain(size)
        body = self.rfile.read(size)
        if len(body) < size:
            return self._fail(HTTPStatus.BAD_REQUEST, "request", "the body ended before its Content-Length", "send the whole body")
        self._reader.deadline = None
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-update":
            return self._refuse_update()
        if content_type == "application/sparql-query":
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                return self._fail(HTTPStatus.BAD_REQUEST, "request", "the query is not UTF-8", "send UTF-8")
        elif content_type == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return self._fail(HTTPStatus.BAD_REQUEST, "request", "the form is not UTF-8", "send UTF-8")
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        else:
            return self._fail(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", f"{content_type or 'none'} is not a query",
                              "send application/sparql-query or application/x-www-form-urlencoded with query=")
        return self._sparql(params)

    do_HEAD = do_GET

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
        if not self._admitted():
            return
        extra = {"Allow": "GET, POST, OPTIONS"}
        if self._cors_origin():
            extra |= {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                      "Access-Control-Allow-Headers": "Accept, Content-Type",
                      "Access-Control-Max-Age": "600"}
            if self.headers.get("Access-Control-Request-Private-Network") == "true":
                extra["Access-Control-Allow-Private-Network"] = "true"
        self._send(HTTPStatus.NO_CONTENT, b"", None, extra)

    def do_PUT(self) -> None:  # noqa: N802
        if not self._admitted():
            return
        self._not_allowed(urlsplit(self.path).path)

    do_DELETE = do_PATCH = do_PUT

    # ---- the endpoint

    def _sparql(self, params: dict[str, list[str]]) -> None:
        settings = self.server.settings
        if params.get("update"):
            return self._refuse_update()
        queries = [q for q in params.get("query", []) if q.strip()]
        if len(queries) != 1:
            problem = "no query" if not queries else "more than one query"
            return self._fail(HTTPStatus.BAD_REQUEST, "request", problem, "send one query= parameter, or POST application/sparql-query")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._fail(HTTPStatus.BAD_REQUEST, "request", "default-graph-uri and named-graph-uri are not supported",
                              "the default graph is the union of all graphs; use GRAPH or FROM in the query")
        formats = params.get("format", [])
        results = _from_format_parameter(formats, _RESULT_NAMES, RESULT_MEDIA_TYPES) or negotiate(self.headers.get("Accept"), RESULT_MEDIA_TYPES)
        graph = _from_format_parameter(formats, _GRAPH_NAMES, GRAPH_MEDIA_TYPES) or negotiate(self.headers.get("Accept"), GRAPH_MEDIA_TYPES)
        if results is None and graph is None:
            return self._fail(HTTPStatus.NOT_ACCEPTABLE, "Accept", f"no format offered is acceptable ({self.headers.get('Accept')})",
                              f"accept one of {', '.join(dict.fromkeys([*RESULT_MEDIA_TYPES, *GRAPH_MEDIA_TYPES]))}")
        job = _Job(queries[0], results, graph, settings.max_rows)
        try:
            reply = self.server.pool.run(job, timeout=settings.timeout, wait=settings.wait, client=self.client_address[0])
        except _TooMany:
            return self._fail(HTTPStatus.TOO_MANY_REQUESTS, "server", "this client has too many queries waiting",
                              "wait for your queries' answers before sending more", {"Retry-After": "5"})
        except _TimedOut:
            return self._fail(HTTPStatus.SERVICE_UNAVAILABLE, "query", f"ran past the time limit of {settings.timeout:g} s and was stopped",
                              "narrow it down, or start the server with a longer --timeout")
        except _Busy:
            return self._fail(HTTPStatus.SERVICE_UNAVAILABLE, "server", f"every worker stayed busy for {settings.wait:g} s",
                              "try again later", {"Retry-After": "5"})
        except _WorkerLost as err:
            return self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, "server", str(err), "try again")
        extra = {TRUNCATED_HEADER: str(settings.max_rows)} if reply.truncated else {}
        self._send(reply.status, reply.body, reply.media_type, extra, note=f"truncated at {settings.max_rows}" if reply.truncated else "")

    def _describe(self) -> bool:
        """Answer a GET of the endpoint without a query: the query page for a browser, else its Service Description.

        Returns:
            False when the client accepts neither (it then gets the endpoint's "no query").
        """
        choice = negotiate(self.headers.get("Accept"), DESCRIPTION_MEDIA_TYPES)
        if choice is None:
            return False
        fmt, media_type = choice
        extra = {"Vary": "Accept"}
        if fmt == "html":
            extra["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            self._send(HTTPStatus.OK, self.server.query_page, "text/html; charset=utf-8", extra)
            return True
        host = self.headers.get("Host") or ""
        endpoint = f"http://{host}{ENDPOINT_PATH}" if _HOST.fullmatch(host) else self.server.endpoint
        body = _service_description(self.server.dataset_sizes, endpoint, fmt).encode("utf-8")
        self._send(HTTPStatus.OK, body, _with_charset(media_type), extra)
        return True

    def _refuse_update(self) -> None:
        self._fail(HTTPStatus.FORBIDDEN, "update", "this endpoint is read-only; SPARQL Update is refused",
                   "use SELECT, ASK, CONSTRUCT or DESCRIBE")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (bad request line, unknown method, headers too long) as one line, like ours."""
        if code == HTTPStatus.NOT_IMPLEMENTED and self.command:
            # An unknown method (TRACE, PROPFIND...): not allowed here.
            return self._not_allowed(urlsplit(self.path or "/").path)
        self.close_connection = True
        # A request line http.server could not read leaves it at HTTP/0.9, whose answers have no status line.
        self.request_version = "HTTP/1.1"
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "error"
        self._fail(code, "request", _cut(message or phrase, 120), "send a well-formed HTTP/1.1 request")

    def _not_allowed(self, path: str) -> None:
        allow = "GET, POST, OPTIONS" if path == ENDPOINT_PATH else "GET"
        self._fail(HTTPStatus.METHOD_NOT_ALLOWED, path, f"{self.command} is not allowed; the server is read-only", f"use {allow}", {"Allow": allow})

    # ---- responses

    def _fail(self, status: int, where: str, problem: str, hint: str, extra: Mapping[str, str] | None = None) -> None:
        message = BeslanKGError(where, problem, hint).message
        self._send(status, f"error: {message}\n".encode("utf-8"), "text/plain; charset=utf-8", extra, note=message)

    def _send(self, status: int, body: bytes, media_type: str | None, extra: Mapping[str, str] | None = None, *, note: str = "") -> None:
        self.send_response(status)
        if media_type:
            self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", TRUNCATED_HEADER)
            if origin != "*":
                self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if status >= 400 and status != HTTPStatus.NOT_ACCEPTABLE:
            # After an error part of the request may be unread: do not reuse the connection.
            self.send_header("Connection", "close")
            self.close_connection = True
        # Logged before the body goes out, so the line exists once a client has its answer.
        self._log_request(status, len(body), note)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cors_origin(self) -> str | None:
        allowed = self.server.settings.cors
        if not allowed:
            return None
        if allowed == "*":
            return "*"
        origin = self.headers.get("Origin")
        return origin if origin and origin in allowed.split() else None

    def _drain(self, size: int) -> None:
        """Read what the client still sends, so it sees the error rather than a reset connection."""
        self.wfile.flush()
        self.connection.settimeout(2)
        remaining = min(size, 64 * self.server.settings.max_body)
        try:
            while remaining > 0:
                chunk = self.rfile.read(min(65536, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass

    # ---- logging: one line a request, through the server's log function

    def _log_request(self, status: int, size: int, note: str) -> None:
        elapsed = (time.monotonic() - (getattr(self, "_started", None) or time.monotonic())) * 1000
        target = _cut(self.path or "", 200)
        line = f'{self.client_address[0]} "{self.command or "-"} {target}" {int(status)} {size} {elapsed:.0f} ms'
        self.server.log(f"{line} {note}" if note else line)

    def log_request(self, code="-", size="-") -> None:  # noqa: D102 - replaced by _log_request
        pass

    def log_message(self, format, *args) -> None:  # noqa: A002, D102 - http.server's own errors (bad request lines)
        if format.startswith("Request timed out"):
            # An idle keep-alive connection closing is no news; a request not read in time is.
            if self.raw_requestline:
                self.server.log(f"{self.client_address[0]} request not read within {self.server.settings.read_timeout:g} s; closed")
            return
        self.server.log(f"{self.client_address[0]} {format % args}")


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Connections one address may hold open at once, and all addresses together;
    # past either, a connection gets a one-line 503 and is closed.
    max_client_connections = 32
    max_connections = 256

    settings: _Settings
    pool: _WorkerPool
    pages: dict[str, bytes]
    # The query page (GET /sparql from a browser), the files it loads, and what the Service Description says.
    query_page: bytes
    files: dict[str, tuple[bytes, str]]
    dataset_sizes: DatasetSizes
    endpoint: str
    log: Callable[[str], None]

    def __init__(self, *args, **kwargs) -> None:
        self._open: dict[str, int] = {}
        self._open_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address) -> None:
        address = client_address[0]
        with self._open_lock:
            crowded = self._open.get(address, 0) >= self.max_client_connections or sum(self._open.values()) >= self.max_connections
            if not crowded:
                self._open[address] = self._open.get(address, 0) + 1
        if crowded:
            self._refuse(request, address)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._closed(address)
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._closed(client_address[0])

    def _closed(self, address: str) -> None:
        with self._open_lock:
            self._open[address] -= 1
            if not self._open[address]:
                del self._open[address]

    def _refuse(self, request, address: str) -> None:
        body = b"error: server: too many connections from this address (close some, or try again later)\n"
        head = (f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
                "Retry-After: 5\r\nConnection: close\r\n\r\n").encode("ascii")
        try:
            request.settimeout(1)
            request.sendall(head + body)
        except OSError:
            pass
        self.log(f"{address} refused: too many connections")
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """One line for a request that failed, never a traceback (a client that hung up is no bug)."""
        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionError, TimeoutError)):
            self.log(f"{client_address[0]} disconnected ({type(err).__name__})")
        else:
            self.log(f"{client_address[0]} internal error: {type(err).__name__}: {_cut(str(err), 200)}")


class SparqlServer:
    """A running endpoint: call :meth:`serve_forever`, then :meth:`close`.

    Attributes:
        url: The base URL, e.g. ``http://127.0.0.1:7878/``.
        endpoint: The SPARQL endpoint's URL (``url`` + ``sparql``).
    """

    def __init__(self, httpd: _HTTPServer, snapshot_dir: str) -> None:
        self._httpd = httpd
        self._snapshot_dir = snapshot_dir
        self._serving = False
        self._closed = False
        host, port = httpd.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        self.url = f"http://{host}:{port}/"
        self.endpoint = f"{self.url}{ENDPOINT_PATH.lstrip('/')}"

    def serve_forever(self) -> None:
        """Answer requests until :meth:`close` is called from another thread (or Ctrl-C)."""
        self._serving = True
        self._httpd.serve_forever(poll_interval=0.2)

    def worker_pids(self) -> list[int]:
        """The process ids of the live query workers."""
        return self._httpd.pool.pids()

    def close(self) -> None:
        """Stop answering, stop every worker and remove the snapshot of the graph."""
        if self._closed:
            return
        self._closed = True
        if self._serving:
            self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.pool.close()
        shutil.rmtree(self._snapshot_dir, ignore_errors=True)

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_server(
    graph: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_body: int = DEFAULT_MAX_BODY,
    max_url: int = DEFAULT_MAX_URL,
    workers: int = DEFAULT_WORKERS,
    wait: float = DEFAULT_WAIT,
    per_client: int | None = None,
    backlog: int = DEFAULT_BACKLOG,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    cors: str | None = None,
    allow_hosts: Sequence[str] = (),
    store: str = "default",
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """Load a graph file, bind the HTTP server, start the query workers and make the pages (view, ontology docs).

    Args:
        graph: The graph file (any format :func:`beslan_kg.rdf.io.load_dataset` reads).
        host: The address to listen on; loopback by default.
        port: The port; 0 picks a free one (see :attr:`SparqlServer.url`).
        timeout: Seconds a query may run before its worker is stopped (503).
        max_rows: Rows (or triples) an answer carries at most; a cut answer has
            the :data:`TRUNCATED_HEADER` header.
        max_body: Bytes of a POST body accepted at most (413 past it).
        max_url: Bytes of a GET request target accepted at most (414 past it).
        workers: Worker processes, i.e. queries answered at once.
        wait: Seconds a request waits for a free worker (503 past it).
        per_client: Queries one client address may have running at once;
            ``workers - 1`` (at least 1) when None, so that no client holds
            every worker.
        backlog: Queries one client may have waiting at once (429 past it).
        read_timeout: Seconds a client has to send a whole request.
        cors: ``*`` or space-separated origins allowed to query from a browser
            page elsewhere (e.g. YASGUI); None allows none.
        allow_hosts: Host names to answer besides localhost, 127.0.0.1, ::1
            and ``host`` (``*`` answers any).
        store: rdflib store plugin the workers load the graph into.
        log: Called with one line per request and per worker replaced.

    Returns:
        The server, bound but not yet serving.

    Raises:
        InputError: The graph file is missing or malformed.
        ConfigError: A limit is out of range, or the address cannot be bound.
    """
    from beslan_kg.rdf.docs import to_ontology_html
    from beslan_kg.rdf.io import load_dataset
    from beslan_kg.rdf.network import to_graph_data
    from beslan_kg.rdf.service import describe_dataset
    from beslan_kg.view import to_html

    per_client = per_client if per_client is not None else max(1, workers - 1)
    for name, value in (("timeout", timeout), ("max_rows", max_rows), ("max_body", max_body), ("max_url", max_url),
                        ("workers", workers), ("wait", wait), ("per_client", per_client), ("backlog", backlog),
                        ("read_timeout", read_timeout)):
        if value <= 0:
            raise ConfigError(f"--{name.replace('_', '-')} {value}", "must be more than 0", "give a positive number")
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}", "is not a port", "give 0 to 65535 (0 picks a free one)")
    given = log or (lambda line: None)

    def log(line: str) -> None:
        given(printable(line))

    graph = Path(graph)
    ds = load_dataset(graph, store=store)  # fails early, with the file's name, before any worker starts
    httpd = _bind(host, port)
    snapshot_dir = tempfile.mkdtemp(prefix="beslan-kg-serve-")
    pool = None
    try:
        snapshot = Path(snapshot_dir) / f"graph{graph.suffix.lower()}"
        shutil.copyfile(graph, snapshot)
        pool = _WorkerPool(snapshot, store=store, size=workers, log=log, per_client=per_client, backlog=backlog)
        server = SparqlServer(httpd, snapshot_dir)
        landing = _landing_page(graph, len(ds), server.endpoint, timeout=timeout, max_rows=max_rows, max_body=max_body,
                                max_url=max_url, workers=workers)
        httpd.pages = {"/": landing.encode("utf-8"),
                       VIEW_PATH: to_html(to_graph_data(ds), title="beslan-kg").encode("utf-8"),
                       DOCS_PATH: to_ontology_html().encode("utf-8")}
        _add_query_page(httpd, graph, len(ds), log)
        httpd.dataset_sizes, httpd.endpoint = describe_dataset(ds), server.endpoint
        del ds
        hosts = frozenset({*LOCAL_NAMES, _host_name(host), *(_host_name(h) for h in allow_hosts)})
        httpd.settings = _Settings(timeout, max_rows, max_body, max_url, wait, cors, hosts, read_timeout)
        httpd.log = log
        pool.wait_ready()
        httpd.pool = pool
    except BaseException:
        if pool is not None:
            pool.close()
        httpd.server_close()
        shutil.rmtree(snapshot_dir, ignore_errors=True)
        raise
    return server


def _bind(host: str, port: int) -> _HTTPServer:
    server_class = _HTTPServer
    if ":" in host:
        server_class = type("_HTTPServer6", (_HTTPServer,), {"address_family": socket.AF_INET6})
    try:
        return server_class((host, port), _Handler)
    except OSError as err:
        raise ConfigError(f"{host}:{port}", f"cannot listen there: {err.strerror or err}",
                          "choose another --port, or stop what uses it") from None


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def _landing_page(graph: Path, triples: int, endpoint: str, **limits) -> str:
    return _environment().get_template("serve.html.j2").render(
        graph=graph.name, triples=triples, endpoint=endpoint, view=VIEW_PATH, docs=DOCS_PATH, truncated_header=TRUNCATED_HEADER,
        **limits)


def _add_query_page(httpd: _HTTPServer, graph: Path, triples: int, log: Callable[[str], None]) -> None:
    """Make the query page and its files; say so in the log when YASGUI is not installed."""
    page = make_query_page(endpoint=ENDPOINT_PATH)
    httpd.query_page = _environment().get_template("query.html.j2").render(
        graph=graph.name, triples=triples, config=page.config, missing=page.missing, files=FILES_PATH,
        links={"home": "/", "view": VIEW_PATH, "ontology": DOCS_PATH}).encode("utf-8")
    httpd.files = page.files
    if page.missing:
        log(f"note: {page.missing}")


@lru_cache(maxsize=16)
def _service_description(sizes: DatasetSizes, endpoint: str, fmt: str) -> str:
    """The Service Description for one way of naming the server (the Host a client used) and one format."""
    from beslan_kg.rdf.service import to_service_description

    formats = dict.fromkeys([*RESULT_MEDIA_TYPES.values(), *GRAPH_MEDIA_TYPES.values()])
    # The default graph is the union of all graphs; SERVICE, FROM <url> and updates are refused.
    return to_service_description(sizes, endpoint=endpoint, result_formats=formats, features=("UnionDefaultGraph",), fmt=fmt)


def _host_name(host: str) -> str:
    """The name part of a Host header (or an origin's netloc), lower-case: no port, no brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def printable(line: str) -> str:
    """Escape control characters (a request's path may hold any): one log line stays one line, and inert."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in line)
