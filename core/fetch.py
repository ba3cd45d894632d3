"""Fetch months from the Korea Customs Service Open API (data.go.kr) into a data directory.

The service answers at most 12 months a request, so a range is cut into 12-month windows; each
(kind, window) becomes its own tidy file once its answer is complete, so a re-run the same day skips
what is already written and retries only what failed. The service key never appears in a message.
"""

import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .periods import format_period
from .sources import KINDS, MAX_BODY_BYTES, GatewayError, HsMap, Kind, SourceError, convert, file_name, kcs_items, save

DEFAULT_BASE_URL = "https://apis.data.go.kr/1220000"
BASE_URL_VARIABLE = "TRADETOP_KCS_URL"
KEY_VARIABLE = "TRADETOP_KCS_KEY"
MAX_MONTHS_PER_REQUEST = 12
# Waits before the 2nd, 3rd and 4th attempt after a timeout, a 5xx or a dropped connection.
RETRY_DELAYS = (2.0, 4.0, 8.0)
TIMEOUT_SECONDS = 60.0
MASK = "***"


class FetchError(SourceError):
    """A request that failed for good; the message is one line, without the key."""


def windows(first: int, last: int) -> list[tuple[int, int]]:
    """Months first..last (core.periods numbers) cut into windows of at most 12 months."""
    return [(start, min(start + MAX_MONTHS_PER_REQUEST - 1, last))
            for start in range(first, last + 1, MAX_MONTHS_PER_REQUEST)]


@dataclass
class Client:
    """GET requests to the customs service with the key, retried with bounded backoff."""

    key: str
    base_url: str = DEFAULT_BASE_URL
    timeout: float = TIMEOUT_SECONDS
    delays: tuple[float, ...] = RETRY_DELAYS
    sleep: Callable[[float], None] = time.sleep

    def redact(self, text: str) -> str:
        """The text with the key masked: as given, plain, and URL-encoded as sent."""
        for form in {self.key, urllib.parse.unquote(self.key), self._sent_key()} - {""}:
            text = text.replace(form, MASK)
        return text

    def _sent_key(self) -> str:
        # data.go.kr shows each key both URL-encoded and plain; either one is sent encoded exactly once.
        return urllib.parse.quote(urllib.parse.unquote(self.key), safe="")

    def get(self, endpoint: str, params: dict[str, str]) -> bytes:
        """The response body; the gateway's and the service's own errors are raised by the parser."""
        query = f"serviceKey={self._sent_key()}&{urllib.parse.urlencode(params)}"
        bad_url = FetchError(f"the service URL {self.base_url!r} is not a valid http(s) URL (see ${BASE_URL_VARIABLE})")
        if urllib.parse.urlsplit(self.base_url).scheme not in ("http", "https"):
            raise bad_url
        request = urllib.request.Request(f"{self.base_url.rstrip('/')}/{endpoint}?{query}",
                                         headers={"User-Agent": "tradetop"})
        attempts = len(self.delays) + 1
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.delays[attempt - 1])
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _read_limited(response)
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    _raise_gateway_error(_read_limited(error))
                    raise FetchError(f"the service refused the request with HTTP {error.code} (expected 200)") from None
                failure = f"the service failed with HTTP {error.code}"
            except TimeoutError:
                failure = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                failure = (f"no answer within {self.timeout:g} s" if isinstance(error.reason, TimeoutError)
                           else f"cannot connect to {request.host} ({error.reason})")
            except http.client.InvalidURL:
                raise bad_url from None
            except (OSError, http.client.HTTPException) as error:
                failure = f"the connection to {request.host} broke ({type(error).__name__})"
        raise FetchError(self.redact(f"{failure} (tried {attempts} times)"))


def _raise_gateway_error(body: bytes) -> None:
    """The gateway answers a refused key or quota with HTTP 4xx and an XML body saying why."""
    try:
        kcs_items(body)
    except GatewayError:
        raise
    except SourceError:
        pass


def _read_limited(response) -> bytes:
    """At most one byte more than a response may have, so a huge answer is refused, not held in memory."""
    return response.read(MAX_BODY_BYTES + 1)


@dataclass(frozen=True)
class Step:
    kind: Kind
    first: int
    last: int

    @property
    def label(self) -> str:
        return f"{self.kind.name} {format_period(self.first)}..{format_period(self.last)}"


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def plan(first: int, last: int, with_items: bool) -> list[Step]:
    names = ["totals", "countries"] + (["items"] if with_items else []) + ["flash"]
    return [Step(KINDS[name], start, end) for start, end in windows(first, last) for name in names]


def fetch(client: Client, first: int, last: int, directory: Path, regions: dict[str, str], hs_map: HsMap | None,
          released: str, progress: Callable[[int, int, str], None] = lambda done, total, label: None) -> Outcome:
    """Bring months first..last into `directory`; FetchError names the step that failed.

    Items are fetched only with an HS mapping (they are summed through it).
    """
    steps = plan(first, last, hs_map is not None)
    outcome = Outcome()
    for number, step in enumerate(steps, 1):
        progress(number, len(steps), step.label)
        span = (format_period(step.first), format_period(step.last))
        path = directory / file_name(step.kind, *span, released)
        if path.exists():
            outcome.skipped.append(path)
            continue
        params = {"strtYymm": span[0].replace("-", ""), "endYymm": span[1].replace("-", "")}
        try:
            rows = convert(step.kind, client.get(step.kind.endpoint, params), regions, hs_map)
        except SourceError as error:
            resume = f" ({number - 1} of {len(steps)} steps done: the same command resumes here)" if number > 1 else ""
            raise FetchError(client.redact(f"{step.label}: {error}{resume}")) from None
        if rows:
            outcome.written.append(save(step.kind, rows, directory, released, span))
        else:
            outcome.empty.append(step.label)
    return outcome


def read_key(key_file: str | None) -> str:
    """The service key from --key-file, else $TRADETOP_KCS_KEY; FetchError if there is none."""
    if key_file:
        try:
            key = Path(key_file).expanduser().read_text(encoding="utf-8").strip()
        except OSError as error:
            raise FetchError(f"--key-file {key_file}: cannot be read ({error.strerror})") from None
        except UnicodeDecodeError:
            raise FetchError(f"--key-file {key_file}: not a text file (expected the data.go.kr service key)") from None
        if not key:
            raise FetchError(f"--key-file {key_file}: the file is empty (expected the data.go.kr service key)")
        return key
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise FetchError(f"no service key: set ${KEY_VARIABLE} or pass --key-file FILE (the data.go.kr key)")
    return key


def base_url() -> str:
    return os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
