"""The endpoint under abuse: foreign Host names, cross-site pages, greedy and slow clients, odd methods and paths."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse

import pytest
from test_serve import SLOW, Running

from beslan_kg.serve import _Busy, _FairQueue, _TooMany, printable

QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(built):
    out, _ = built
    running = Running(out / "graph.trig", workers=2, timeout=4, read_timeout=2, allow_hosts=("kg.example",))
    yield running
    running.close()


def port_of(server: Running) -> int:
    return urllib.parse.urlsplit(server.url).port


def send(server: Running, method: str, target: str, headers: dict[str, str] | None = None, *, source: str = "127.0.0.1",
         body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=30, source_address=(source, 0))
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def query_target(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def one_line(body: bytes) -> str:
    text = body.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1 and text.startswith("error: ")
    return text


@pytest.mark.parametrize("host, status", [
    (None, 200), ("localhost", 200), ("127.0.0.1", 200), ("[::1]", 200), ("kg.example", 200),
    ("attacker.example", 403), ("127.0.0.1.nip.example", 403),
])
def test_only_the_servers_own_names_are_answered(server, host, status):
    headers = {"Host": f"{host}:{port_of(server)}"} if host else {}
    got, found, body = send(server, "GET", query_target(QUICK), headers)
    assert got == status
    if status == 403:
        assert "is not a name of this server" in one_line(body) and "--allow-host" in body.decode()


#: The query page, the Service Description and a file of the page: requests that start no query.
NO_QUERY = [("/sparql", "text/html"), ("/sparql", "text/turtle"), ("/query/yasgui.min.js", "*/*")]


@pytest.mark.parametrize("target, accept", NO_QUERY)
def test_the_query_page_its_files_and_the_description_answer_only_the_servers_own_names(server, target, accept):
    port = port_of(server)
    assert send(server, "GET", target, {"Host": f"localhost:{port}", "Accept": accept})[0] == 200
    status, _, body = send(server, "GET", target, {"Host": f"attacker.example:{port}", "Accept": accept})
    assert status == 403 and "is not a name of this server" in one_line(body)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PROPFIND"])
def test_the_query_pages_files_are_read_only(server, method):
    status, headers, body = send(server, method, "/query/yasgui.min.js", body=b"x" if method != "DELETE" else None)
    assert status == 405 and headers["Allow"] == "GET" and "not allowed" in one_line(body)


@pytest.mark.parametrize("target, accept", NO_QUERY)
def test_the_query_page_and_the_description_have_the_request_deadline(server, target, accept):
    with socket.create_connection(("127.0.0.1", port_of(server))) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nAccept: {accept}\r\n".encode())
        started = time.monotonic()
        sock.settimeout(6)
        try:
            while sock.recv(1024):  # nothing comes until the request is whole; the deadline closes it
                pass
        except OSError:
            pass
        assert time.monotonic() - started < 4


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
    {"Origin": "https://attacker.example"},
    {"Origin": "null"},
])
def test_a_page_of_another_site_cannot_keep_the_workers_busy(server, headers):
    status, _, body = send(server, "GET", query_target(SLOW), headers)
    assert status == 403 and "may not query this endpoint" in one_line(body)


def test_the_servers_own_pages_may_query(server):
    origin = f"http://127.0.0.1:{port_of(server)}"
    status, _, _ = send(server, "GET", query_target(QUICK), {"Origin": origin, "Sec-Fetch-Site": "same-origin"})
    assert status == 200


def test_one_clients_slow_queries_do_not_hold_every_worker(server):
    """Two slow queries from one address; another address's quick query is answered at once."""
    slow = [threading.Thread(target=send, args=(server, "GET", query_target(SLOW))) for _ in range(2)]
    for thread in slow:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    status, _, _ = send(server, "GET", query_target(QUICK), source="127.0.0.2")
    elapsed = time.monotonic() - started
    for thread in slow:
        thread.join()
    assert status == 200 and elapsed < 3, f"the quick query waited {elapsed:.1f} s"


def test_the_fair_queue_takes_turns_and_bounds_each_client():
    queue = _FairQueue(per_client=1, backlog=1)
    first, second = object(), object()
    queue.put(first)
    queue.put(second)
    assert queue.get("a", 1) is first
    # "a" runs one query already: the next worker waits for another client, or for "a" to finish.
    with pytest.raises(_Busy):
        queue.get("a", 0.2)
    assert queue.get("b", 1) is second
    waiting = threading.Thread(target=lambda: queue.get("a", 5))
    waiting.start()
    time.sleep(0.2)
    with pytest.raises(_TooMany):
        queue.get("a", 1)
    queue.done("a")
    queue.put(first)
    waiting.join(5)
    assert not waiting.is_alive()


def test_headers_trickled_slowly_are_cut_off_at_the_deadline(server):
    with socket.create_connection(("127.0.0.1", port_of(server))) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 8:
            try:
                sock.sendall(b"X")
                sock.settimeout(0.5)
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except OSError:
                closed = True
                break
        assert closed and time.monotonic() - started < 4
    time.sleep(0.2)
    assert any("request not read within 2 s; closed" in line for line in server.log)


def test_a_client_that_hangs_up_mid_answer_costs_one_line_and_no_traceback(server, capfd):
    with socket.create_connection(("127.0.0.1", port_of(server))) as sock:
        target = query_target("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nAccept: text/turtle\r\n\r\n".encode())
        # Close at once with a reset, before the answer is read.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    time.sleep(3)
    assert "Traceback" not in capfd.readouterr().err
    assert not any("Traceback" in line or "internal error" in line for line in server.log)


def test_control_characters_of_a_path_are_escaped_in_the_log(server):
    with socket.create_connection(("127.0.0.1", port_of(server))) as sock:
        sock.sendall(b"GET /\x1b[31mred\x07 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        sock.recv(4096)
    time.sleep(0.2)
    line = next(line for line in server.log if "red" in line)
    assert "\x1b" not in line and "\x07" not in line and "\\x1b[31mred\\x07" in line
    assert printable("a\nb\tc\u2028") == "a\\x0ab\\x09c\\u2028"


@pytest.mark.parametrize("method, status", [("TRACE", 405), ("PROPFIND", 405), ("BREW", 405), ("DELETE", 405)])
def test_every_method_gets_one_line(server, method, status):
    got, headers, body = send(server, method, "/sparql")
    assert got == status and headers["Content-Type"].startswith("text/plain") and "not allowed" in one_line(body)


def test_a_malformed_request_gets_one_line(server):
    with socket.create_connection(("127.0.0.1", port_of(server))) as sock:
        sock.sendall(b"NONSENSE\r\n\r\n")
        sock.settimeout(10)
        answer = b""
        while chunk := sock.recv(4096):  # the server closes after an error
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"text/plain" in head
    one_line(body)
