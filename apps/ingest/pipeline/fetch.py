"""Fetch article pages safely (size/time caps, no private addresses) and parse RSS/Atom feeds."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

MAX_REDIRECTS = 5
USER_AGENT = "peacekeeping-dashboard/1.0 (+news ingestion)"


class FetchError(Exception):
    """A page could not be fetched; `reason` says why in words fit for an article's error field."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class FetchResult:
    """What a fetch returned: status, final URL, content type, text and cache validators."""

    status: int
    url: str
    content_type: str | None
    text: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass
class FeedEntry:
    """One item of an RSS/Atom feed."""

    link: str | None
    title: str | None
    published: str | None
    summary: str | None
    content: str | None = None  # the whole story when the feed carries it (RSS content:encoded, Atom content)


def is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable unicast address; an IPv6 address that embeds an IPv4 one (mapped, 6to4, Teredo) must
    embed a public one. Carrier-grade NAT (100.64.0.0/10, where some clouds put their metadata service),
    private, loopback, link-local, multicast, reserved and unspecified addresses are not public."""
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return addr.is_global and not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
    )


def check_host(host: str, *, allow_private: bool = False) -> str | None:
    """Refuse hosts that resolve to private, loopback, link-local or otherwise non-public addresses.

    Returns the checked address to connect to (None when private addresses are allowed and nothing is checked).
    """
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    if not infos:
        raise FetchError(f"cannot resolve host {host!r}: no address")
    # Every address must be public: a name with one public and one private address could be steered inward.
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for addr in addresses:
        if not is_public(addr):
            raise FetchError(f"refusing non-public address {addr} for host {host!r}")
    return str(addresses[0])


@dataclass
class _Target:
    """Where one hop goes: the URL to request and, when the host was checked, the headers that keep its name."""

    url: str
    headers: dict[str, str]
    extensions: dict[str, str]


def _check_url(url: str, allow_private: bool) -> _Target:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"unsupported URL {url!r}")
    address = check_host(parts.hostname, allow_private=allow_private)
    if address is None:
        return _Target(url, {}, {})
    # Connect to the address just checked, not to the name: resolving the name again when connecting would let a
    # DNS answer that changes between the two lookups (DNS rebinding) steer the request to a private address.
    # The name still goes in the Host header and, for TLS, in SNI and certificate verification.
    literal = f"[{address}]" if ":" in address else address
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if ":" in parts.hostname:  # an IPv6 literal in the URL
        host_header = f"[{parts.hostname}]" if parts.port is None else f"[{parts.hostname}]:{parts.port}"
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return _Target(parts._replace(netloc=netloc).geturl(), {"Host": host_header}, extensions)


def fetch_url(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    allow_private: bool = False,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET a page with capped size and time, a bounded number of checked redirects and conditional headers."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False)
    deadline = time.monotonic() + timeout
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            # Redirects are followed by hand so each hop's host is checked before it is contacted.
            target = _check_url(current, allow_private)
            try:
                with client.stream(
                    "GET",
                    target.url,
                    headers={**headers, **target.headers},
                    timeout=timeout,
                    extensions=target.extensions,
                ) as resp:
                    # 304 first: httpx counts every 3xx as a redirect, and a 304 carries no Location.
                    if resp.status_code == 304:
                        return FetchResult(
                            304, current, resp.headers.get("content-type"), "", etag, last_modified, True
                        )
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect without location from {current}")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"page too large ({declared} bytes > {max_bytes})")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"page too large (> {max_bytes} bytes)")
                        if time.monotonic() > deadline:
                            raise FetchError(f"timed out after {timeout}s reading {current}")
                        chunks.append(chunk)
                    body = b"".join(chunks)
                    encoding = resp.charset_encoding or "utf-8"
                    try:
                        text = body.decode(encoding, errors="replace")
                    except LookupError:
                        text = body.decode("utf-8", errors="replace")
                    return FetchResult(
                        status=resp.status_code,
                        url=current,  # the URL by name (the request itself may have gone to its address)
                        content_type=resp.headers.get("content-type"),
                        text=text,
                        etag=resp.headers.get("etag"),
                        last_modified=resp.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout}s fetching {current}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__} fetching {current}: {exc}") from exc
        raise FetchError(f"too many redirects (> {MAX_REDIRECTS}) from {url}")
    finally:
        if own:
            client.close()


def parse_feed(content: str | bytes) -> list[FeedEntry]:
    """Entries of an RSS or Atom document (link, title, published, summary, and the full content when given)."""
    import feedparser  # imported lazily: only feed polling needs it

    parsed = feedparser.parse(content)
    return [
        FeedEntry(
            link=entry.get("link"),
            title=entry.get("title"),
            published=entry.get("published") or entry.get("updated"),
            summary=entry.get("summary"),
            content=max((c.get("value") or "" for c in entry.get("content") or []), key=len, default="") or None,
        )
        for entry in parsed.entries
    ]
