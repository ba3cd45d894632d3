"""Fetch months from the Korea Customs Service Open API (data.go.kr) into a data directory.

The service answers at most 12 months a request, so a range is cut into 12-month windows; each
(kind, window) becomes its own tidy file once its answer is complete, so a re-run the same day skips
what is already written and retries only what failed. The service key never appears in a message and
is sent only to the service's address: redirects are not followed.
"""

import contextlib
import http.client
import os
import re
import socket
import stat
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.base.periods import format_period, parse_period
from core.ingest.sources import (
    KINDS,
    MAX_BODY_BYTES,
    Context,
    Destinations,
    GatewayError,
    HsMap,
    Kind,
    Row,
    SourceError,
    convert,
    file_name,
    kcs_items,
    save,
)

DEFAULT_BASE_URL = "https://apis.data.go.kr/1220000"
BASE_URL_VARIABLE = "TRADETOP_KCS_URL"
KEY_VARIABLE = "TRADETOP_KCS_KEY"
MAX_MONTHS_PER_REQUEST = 12
# The earliest month fetch asks for (a bound meant to include all the service publishes); the latest is
# the current month: nothing later exists.
FIRST_MONTH = parse_period("1988-01")
# Waits before the 2nd, 3rd and 4th attempt after a timeout, a 5xx, a cut answer or a dropped connection.
RETRY_DELAYS = (2.0, 4.0, 8.0)
TIMEOUT_SECONDS = 60.0  # for each read
DEADLINE_SECONDS = 120.0  # for a whole request: a server sending a byte at a time is cut off
CHUNK_BYTES = 1 << 20
MAX_KEY_FILE_BYTES = 4096
MASK = "***"


class FetchError(SourceError):
    """A request that failed for good; the message is one line, without the key."""


def windows(first: int, last: int) -> list[tuple[int, int]]:
    """Months first..last (core.base.periods numbers) cut into windows of at most 12 months."""
    return [
        (start, min(start + MAX_MONTHS_PER_REQUEST - 1, last))
        for start in range(first, last + 1, MAX_MONTHS_PER_REQUEST)
    ]


def served_months(today: date) -> tuple[int, int]:
    """The first and last month the service can be asked for."""
    return FIRST_MONTH, parse_period(today.isoformat()[:7])


def key_pattern(key: str) -> re.Pattern[str]:
    """Every spelling of the key a server may echo: as given or plain, each character as itself or
    percent-encoded any number of times in either case (`+`, `%2B`, `%2b`, `%252B`), `+` and space alike."""

    def spellings(character: str) -> str:
        alike = {character, {"+": " ", " ": "+"}.get(character, character)}
        encoded = ["".join(f"%(?:25)*(?i:{byte:02x})" for byte in text.encode()) for text in alike]
        return "(?:" + "|".join([re.escape(text) for text in alike] + encoded) + ")"

    forms = sorted({key, urllib.parse.unquote(key)} - {""}, key=len, reverse=True)
    return re.compile("|".join("".join(spellings(character) for character in form) for form in forms))


def service_address(url: str) -> urllib.parse.SplitResult:
    """The parts of an http(s) service URL; FetchError if it is not one a request can be sent to."""
    problem = FetchError(
        f"the service URL {url!r} is not a valid http(s) URL "
        f"(expected http(s)://host[:port]/path; see ${BASE_URL_VARIABLE})"
    )
    try:
        parts = urllib.parse.urlsplit(url)
        hostname = parts.hostname or ""
        usable = (
            parts.scheme in ("http", "https")
            and bool(hostname)
            and parts.port != 0
            and not parts.query
            and not parts.fragment
            and url.isascii()
            and url.isprintable()
            and " " not in url
        )
        if usable:
            hostname.encode("idna")  # an empty or too long label fails here, not in the middle of a request
    except ValueError:  # a bad port or IPv6 address, a bad label
        usable = False
    if not usable:
        raise problem
    return parts


@dataclass
class Client:
    """GET requests to the customs service with the key, retried with bounded backoff.

    FetchError at once if the service URL is not usable.
    """

    key: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    timeout: float = TIMEOUT_SECONDS
    deadline: float = DEADLINE_SECONDS
    delays: tuple[float, ...] = RETRY_DELAYS
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self.mask = key_pattern(self.key)
        try:
            self.address = service_address(self.base_url)
        except FetchError as error:
            raise FetchError(self.redact(str(error))) from None

    def redact(self, text: str) -> str:
        """The text with the key masked in every spelling of it."""
        return self.mask.sub(MASK, text)

    def get(self, endpoint: str, params: dict[str, str]) -> bytes:
        """The response body; the gateway's and the service's own errors are raised by the parser."""
        # data.go.kr shows each key both URL-encoded and plain; either one is sent encoded exactly once.
        key = urllib.parse.quote(urllib.parse.unquote(self.key), safe="")
        target = f"{self.address.path.rstrip('/')}/{endpoint}?serviceKey={key}&{urllib.parse.urlencode(params)}"
        attempts = len(self.delays) + 1
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.delays[attempt - 1])
            try:
                return self._attempt(target)
            except _Retry as error:
                failure = str(error)
        raise FetchError(self.redact(f"{failure} (tried {attempts} times)"))

    def _attempt(self, target: str) -> bytes:
        """One request, cut off at the deadline however slowly the server answers; _Retry if worth another."""
        host = self.address.netloc.rpartition("@")[2]
        connection_class = http.client.HTTPSConnection if self.address.scheme == "https" else http.client.HTTPConnection
        assert self.address.hostname is not None  # service_address refuses a URL without one
        connection = connection_class(
            self.address.hostname, self.address.port, timeout=min(self.timeout, self.deadline)
        )
        # Kept: http.client lets go of the socket when the answer is to end the connection.
        connected: list[socket.socket] = []
        expired = threading.Event()

        # The deadline passed: end whatever the request waits for (connecting, TLS, headers, body).
        def cut_off() -> None:
            expired.set()
            for sock in {connection.sock, *connected} - {None}:
                with contextlib.suppress(OSError):  # already closed
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS

        watchdog = threading.Timer(self.deadline, cut_off)
        watchdog.start()
        try:
            try:
                connection.connect()
            except OSError as error:
                if not (expired.is_set() or isinstance(error, TimeoutError)):
                    raise _Retry(f"cannot connect to {host} ({error.strerror or type(error).__name__})") from None
                raise
            connected.append(connection.sock)
            if expired.is_set():  # it passed while there was no socket to end yet
                raise TimeoutError
            connection.request("GET", target, headers={"User-Agent": "tradetop"})
            with connection.getresponse() as response:
                body = _read_body(response)
        except (OSError, http.client.HTTPException) as error:
            if expired.is_set():
                raise _Retry(f"no complete answer within {self.deadline:g} s") from None
            if isinstance(error, TimeoutError):
                raise _Retry(f"no answer within {self.timeout:g} s") from None
            if isinstance(error, http.client.IncompleteRead):
                missing = f" ({error.expected:,} bytes missing)" if error.expected else ""
                raise _Retry(f"the answer was cut short{missing}") from None
            raise _Retry(f"the connection to {host} broke ({type(error).__name__})") from None
        finally:
            watchdog.cancel()
            connection.close()
        status = response.status
        if 300 <= status < 400:
            raise FetchError(
                f"the service redirected the request to {_redirect_host(response)} (HTTP {status}); "
                "redirects are not followed, so the key goes nowhere else"
            )
        if status >= 500:
            raise _Retry(f"the service failed with HTTP {status}")
        if not 200 <= status < 300:
            _raise_gateway_error(body)
            raise FetchError(f"the service refused the request with HTTP {status} (expected 200)")
        return body


class _Retry(Exception):
    """A failure that another attempt may not have: a timeout, a 5xx, a cut answer or a dropped connection."""


def _read_body(response: http.client.HTTPResponse) -> bytes:
    """The body, read in chunks up to one byte more than a response may have (so a huge answer is refused,
    not held in memory); IncompleteRead if it is shorter than its Content-Length."""
    chunks, size = [], 0
    while size <= MAX_BODY_BYTES:
        chunk = response.read(min(CHUNK_BYTES, MAX_BODY_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    body = b"".join(chunks)
    if size <= MAX_BODY_BYTES and response.length:  # what is left of its Content-Length (None when chunked)
        raise http.client.IncompleteRead(body, response.length)
    return body


def _redirect_host(response: http.client.HTTPResponse) -> str:
    """Where a redirect points, named by its host only (the rest may hold the key or anything at all)."""
    host = urllib.parse.urlsplit(response.getheader("Location", "")).netloc.rpartition("@")[2]
    return host if re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", host) else "another address"


def _raise_gateway_error(body: bytes) -> None:
    """The gateway answers a refused key or quota with HTTP 4xx and an XML body saying why."""
    try:
        kcs_items(body)
    except GatewayError:
        raise
    except SourceError:
        pass


@dataclass(frozen=True)
class Step:
    kind: Kind
    first: int
    last: int
    destinations: Destinations | None = None  # for the item-by-destination kind: the HS code and countries

    @property
    def subject(self) -> str:
        return self.destinations.item if self.destinations else ""

    @property
    def label(self) -> str:
        asked = f" {self.subject}" if self.subject else ""
        return f"{self.kind.name}{asked} {format_period(self.first)}..{format_period(self.last)}"

    def params(self) -> dict[str, str]:
        """The query: the months, and the HS code for item-by-destination results. No country is asked for: the
        answer has them all, so that the countries not named are summed as the rest of the world."""
        span = {
            "strtYymm": format_period(self.first).replace("-", ""),
            "endYymm": format_period(self.last).replace("-", ""),
        }
        return span | ({"hsSgn": self.destinations.hs_code} if self.destinations else {})


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def plan(first: int, last: int, with_items: bool, destinations: tuple[Destinations, ...] = ()) -> list[Step]:
    names = ["totals", "countries"] + (["items"] if with_items else []) + ["flash"]
    return [
        step
        for start, end in windows(first, last)
        for step in (
            *(Step(KINDS[name], start, end) for name in names),
            *(Step(KINDS["destinations"], start, end, asked) for asked in destinations),
        )
    ]


def _check_months(rows: list[Row], step: Step) -> None:
    """A window's file is named by its months: rows of any other month mean the answer is not the one asked for."""
    other = sorted({row.period for row in rows} - {format_period(month) for month in range(step.first, step.last + 1)})
    if other:
        shown = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3 else "")
        raise SourceError(f"the service answered with months not asked for ({shown}); not written")


def fetch(
    client: Client,
    first: int,
    last: int,
    directory: Path,
    regions: dict[str, str],
    hs_map: HsMap | None,
    released: str,
    progress: Callable[[int, int, str], None] = lambda done, total, label: None,
    destinations: tuple[Destinations, ...] = (),
) -> Outcome:
    """Bring months first..last into `directory`; FetchError names the step that failed.

    Items are fetched only with an HS mapping (they are summed through it); exports of an HS code by destination
    for each of `destinations`.
    """
    steps = plan(first, last, hs_map is not None, destinations)
    outcome = Outcome()
    for number, step in enumerate(steps, 1):
        progress(number, len(steps), step.label)
        span = (format_period(step.first), format_period(step.last))
        path = directory / file_name(step.kind, *span, released, step.subject)
        if path.exists():
            outcome.skipped.append(path)
            continue
        context = Context(regions, hs_map, step.destinations)
        try:
            rows = convert(step.kind, client.get(step.kind.endpoint, step.params()), context)
            _check_months(rows, step)
        except SourceError as error:
            resume = f" ({number - 1} of {len(steps)} steps done: the same command resumes here)" if number > 1 else ""
            raise FetchError(client.redact(f"{step.label}: {error}{resume}")) from None
        if rows:
            outcome.written.append(save(step.kind, rows, directory, released, span, step.subject))
        else:
            outcome.empty.append(step.label)
    return outcome


def read_key(key_file: str | None) -> str:
    """The service key from --key-file, else $TRADETOP_KCS_KEY; FetchError if there is none.

    The key file is read only if it is a regular file of at most MAX_KEY_FILE_BYTES: a device, a FIFO or a
    huge file is refused, never waited on or held in memory.
    """
    if key_file:
        what = f"--key-file {key_file}"
        try:
            # O_NONBLOCK: opening a FIFO does not wait for a writer; fstat then refuses it.
            descriptor = os.open(os.path.expanduser(key_file), os.O_RDONLY | os.O_NONBLOCK)
            try:
                regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
                content = os.read(descriptor, MAX_KEY_FILE_BYTES + 1) if regular else b""
            finally:
                os.close(descriptor)
        except OSError as error:
            raise FetchError(f"{what}: cannot be read ({error.strerror})") from None
        if not regular:
            raise FetchError(f"{what}: not a regular file (expected a file holding the data.go.kr service key)")
        if len(content) > MAX_KEY_FILE_BYTES:
            raise FetchError(f"{what}: larger than {MAX_KEY_FILE_BYTES:,} bytes (expected the data.go.kr service key)")
        try:
            key = content.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise FetchError(f"{what}: not a text file (expected the data.go.kr service key)") from None
        if not key:
            raise FetchError(f"{what}: the file is empty (expected the data.go.kr service key)")
        return key
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise FetchError(f"no service key: set ${KEY_VARIABLE} or pass --key-file FILE (the data.go.kr key)")
    return key


def base_url() -> str:
    return os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
