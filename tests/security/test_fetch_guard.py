"""URL ingestion reaches public addresses only: names resolving inward, redirects inward, DNS answers that change
between check and connect; and it caps the time a trickling server may take. No network: a fake resolver and
httpx's MockTransport (or a local TLS server for the name-pinning check)."""

from __future__ import annotations

import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import types
from collections.abc import Iterator

import httpx
import pytest

from apps.ingest.pipeline import fetch
from apps.ingest.pipeline.fetch import FetchError, fetch_url

PUBLIC = "93.184.216.34"
PAGE = b"<html><body><p>Forty-five engineers left today.</p></body></html>"

NON_PUBLIC = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.100.100.200",  # carrier-grade NAT range, another cloud's metadata address
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:10.0.0.1",
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]


class FakeDNS:
    """getaddrinfo over a table of names; counts lookups; a list of answers is served one per lookup."""

    def __init__(self, table: dict[str, str | list[str]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    def getaddrinfo(self, host, port, *args, **kwargs):
        self.lookups.append(host)
        answer = self.table.get(host)
        if answer is None:
            try:  # an address literal resolves to itself
                import ipaddress

                answer = str(ipaddress.ip_address(host))
            except ValueError:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        if isinstance(answer, list):
            answer = answer[min(len(self.lookups) - 1, len(answer) - 1)] if len(answer) > 1 else answer[0]
        answers = answer.split(",") if isinstance(answer, str) else answer
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in answers]


@pytest.fixture
def dns(monkeypatch) -> FakeDNS:
    fake = FakeDNS({"news.example.org": PUBLIC})
    monkeypatch.setattr(
        fetch,
        "socket",
        types.SimpleNamespace(getaddrinfo=fake.getaddrinfo, gaierror=socket.gaierror, IPPROTO_TCP=socket.IPPROTO_TCP),
    )
    return fake


class Recorder:
    """A MockTransport handler that records every request it is sent."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        key = f"{request.headers.get('host')}{request.url.raw_path.decode()}"
        return self.routes.get(key, httpx.Response(404))


def _client(recorder: Recorder) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(recorder), follow_redirects=False)


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_a_name_resolving_to_a_non_public_address_is_refused_before_any_request(dns, address):
    dns.table["inside.example.org"] = address
    recorder = Recorder({})
    with pytest.raises(FetchError) as err:
        fetch_url("http://inside.example.org/x", client=_client(recorder))
    assert "refusing non-public address" in err.value.reason
    assert recorder.seen == []


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_address_literals_are_refused_too(dns, address):
    literal = f"[{address}]" if ":" in address else address
    recorder = Recorder({})
    with pytest.raises(FetchError):
        fetch_url(f"http://{literal}/latest/meta-data/", client=_client(recorder))
    assert recorder.seen == []


def test_a_name_with_one_public_and_one_private_address_is_refused(dns):
    dns.table["mixed.example.org"] = f"{PUBLIC},10.0.0.7"
    with pytest.raises(FetchError, match="10.0.0.7"):
        fetch_url("http://mixed.example.org/", client=_client(Recorder({})))


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8000/admin/",
        "http://[::1]/",
        "http://inside.example.org/secret",
        "//inside.example.org/secret",  # scheme-relative
    ],
)
def test_a_redirect_to_a_non_public_address_is_checked_and_refused(dns, location):
    dns.table["inside.example.org"] = "10.0.0.5"
    recorder = Recorder({"news.example.org/story": httpx.Response(302, headers={"Location": location})})
    with pytest.raises(FetchError) as err:
        fetch_url("http://news.example.org/story", client=_client(recorder))
    assert "refusing non-public address" in err.value.reason
    assert [r.headers["host"] for r in recorder.seen] == ["news.example.org"]  # the inner target never contacted


def test_a_public_page_is_fetched_from_the_checked_address_under_its_name(dns):
    recorder = Recorder(
        {"news.example.org/story": httpx.Response(200, content=PAGE, headers={"Content-Type": "text/html"})}
    )
    result = fetch_url("http://news.example.org/story", client=_client(recorder))
    assert result.text == PAGE.decode() and result.url == "http://news.example.org/story"
    [request] = recorder.seen
    assert request.url.host == PUBLIC and request.headers["host"] == "news.example.org"


def test_dns_rebinding_between_check_and_connect_cannot_steer_the_request_inward(dns):
    """The name answers public for the check, then private: the request goes to the address that was checked."""
    dns.table["rebind.example.org"] = [PUBLIC, "127.0.0.1"]
    recorder = Recorder(
        {"rebind.example.org/": httpx.Response(200, content=b"ok", headers={"Content-Type": "text/plain"})}
    )
    assert fetch_url("http://rebind.example.org/", client=_client(recorder)).text == "ok"
    assert [r.url.host for r in recorder.seen] == [PUBLIC]
    assert dns.lookups == ["rebind.example.org"]  # one lookup: ours; the connection did not resolve again


def test_a_response_over_the_size_cap_is_refused_while_streaming(dns):
    def endless() -> Iterator[bytes]:
        for _ in range(10_000):
            yield b"x" * 4096

    recorder = Recorder({"news.example.org/big": httpx.Response(200, content=endless())})
    with pytest.raises(FetchError, match="too large"):
        fetch_url("http://news.example.org/big", client=_client(recorder), max_bytes=100_000)
    declared = Recorder({"news.example.org/big": httpx.Response(200, headers={"Content-Length": "999999999"})})
    with pytest.raises(FetchError, match="too large"):
        fetch_url("http://news.example.org/big", client=_client(declared), max_bytes=100_000)


def test_a_server_trickling_bytes_is_cut_off_at_the_time_cap(dns, monkeypatch):
    """Each chunk arrives within the read timeout, but the whole response may not take longer than `timeout`.
    A fake clock moves 4 s per chunk: no sleeping, no timing assertion."""
    clock = {"t": 0.0}
    monkeypatch.setattr(fetch, "time", types.SimpleNamespace(monotonic=lambda: clock["t"]))
    sent: list[int] = []

    def trickle() -> Iterator[bytes]:
        for i in range(1_000):
            clock["t"] += 4.0
            sent.append(i)
            yield b"."

    recorder = Recorder({"news.example.org/slow": httpx.Response(200, content=trickle())})
    with pytest.raises(FetchError, match="timed out after 10"):
        fetch_url("http://news.example.org/slow", client=_client(recorder), timeout=10)
    assert len(sent) < 5  # gave up after the deadline, not after the thousand chunks


# --- the name is kept for TLS: SNI and certificate verification use it, the connection uses the address --------


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[int, str]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", "/CN=news.example.org", "-addext", "subjectAltName=DNS:news.example.org"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = f"host={self.headers.get('Host')}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], str(cert)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_https_is_verified_against_the_name_while_connecting_to_the_checked_address(dns, monkeypatch, tls_server):
    port, cert = tls_server
    # The local server stands in for a public one: its name resolves to 127.0.0.1, which is let through here.
    dns.table["news.example.org"] = "127.0.0.1"
    monkeypatch.setattr(fetch, "is_public", lambda addr: True)
    client = httpx.Client(verify=ssl.create_default_context(cafile=cert), follow_redirects=False)
    result = fetch_url(f"https://news.example.org:{port}/", client=client, timeout=10)
    assert result.text == f"host=news.example.org:{port}"
    assert result.url == f"https://news.example.org:{port}/"
    # A certificate for another name is still refused: verification did not switch to the address.
    dns.table["other.example.org"] = "127.0.0.1"
    with pytest.raises(FetchError):
        fetch_url(f"https://other.example.org:{port}/", client=client, timeout=10)
