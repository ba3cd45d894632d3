"""`tradetop fetch` against a local stand-in for the customs service on 127.0.0.1 (never the internet).

The stand-in answers with SYNTHETIC bodies in the documented formats (tests/official_responses.py).
"""

import contextlib
import functools
import os
import re
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, quote_plus, urlsplit

import official_responses as official
import pytest

import core.ingest.fetch
from core.base.periods import parse_period
from core.ingest.fetch import Client, FetchError, fetch, windows

KEY = "Sk3y+SECRET/tradetop=="
SLOW = "slow"
ENDPOINTS = {
    "totals": "/1220000/Newtrade/getNewtradeList",
    "countries": "/1220000/nationtrade/getNationtradeList",
    "items": "/1220000/Itemtrade/getItemtradeList",
    "flash": "/1220000/prlstMmUtPrviExpAcrs/getPrlstMmUtPrviExpAcrs",
    "destinations": "/1220000/nitemtrade/getNitemtradeList",
}
TIMEOUT = 0.3
DEADLINE = 0.4


def _months(params: dict) -> list[str]:
    first, last = (
        parse_period(params["strtYymm"][:4] + "-" + params["strtYymm"][4:]),
        parse_period(params["endYymm"][:4] + "-" + params["endYymm"][4:]),
    )
    return [f"{month // 12}.{month % 12 + 1:02d}" for month in range(first, last + 1)]


def _data(kind: str, params: dict) -> bytes:
    """A plausible answer for every month asked for."""
    months = _months(params)
    if kind == "totals":
        items = [official.totals_item(month, "60,000,000,000", "50,000,000,000") for month in months]
    elif kind == "countries":
        items = [official.country_item(month, iso2, "1,000", "500") for month in months for iso2 in ("CN", "DE", "VN")]
    elif kind == "items":
        items = [official.hs_item(month, "8542321010", "2,000", "100") for month in months]
    elif kind == "destinations":
        code = params["hsSgn"].ljust(10, "1")
        items = [
            official.destination_item(month, iso2, code, exports, "25")
            for month in months
            for iso2, exports in (("US", "1,000"), ("CN", "3,000"), ("DE", "7"))
        ]
    else:
        items = [official.flash_item(month.replace(".", ""), "01~10", ["7"] * 11) for month in months]
    return official.kcs(*([official.total_row()] if len(months) > 1 and kind == "totals" else []), *items)


class Service:
    """What the stand-in answers: queued (status, body), SLOW or a function writing the answer itself (given
    the request handler) per endpoint, then plausible data."""

    def __init__(self):
        self.queued: dict[str, list] = {}
        self.requests: list[tuple[str, dict]] = []

    def queue(self, kind: str, *answers) -> None:
        self.queued.setdefault(ENDPOINTS[kind], []).extend(answers)

    def answer(self, path: str, params: dict):
        queued = self.queued.get(path)
        if queued:
            return queued.pop(0)
        kind = next(name for name, endpoint in ENDPOINTS.items() if endpoint == path)
        return 200, _data(kind, params)

    def kinds_asked(self) -> list[tuple[str, str, str]]:
        names = {endpoint: name for name, endpoint in ENDPOINTS.items()}
        return [(names[path], params["strtYymm"], params["endYymm"]) for path, params in self.requests]

    def params_of(self, kind: str) -> list[dict]:
        return [
            {k: v for k, v in params.items() if k != "serviceKey"}
            for path, params in self.requests
            if path == ENDPOINTS[kind]
        ]


def _serve(state: Service) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 answering as `state` says, in its own thread; state.url is its endpoint."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            params = dict(parse_qsl(url.query))
            state.requests.append((url.path, params))
            answer = state.answer(url.path, params)
            if answer == SLOW:
                time.sleep(TIMEOUT * 3)
                return
            if callable(answer):
                answer(self)
                return
            status, body = answer
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a client that timed out hung up: expected here
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/1220000"
    return server


@pytest.fixture
def service(monkeypatch):
    """The stand-in on 127.0.0.1; `tradetop fetch` is pointed at it, with fast retries, a short timeout and
    a short deadline."""
    state = Service()
    server = _serve(state)
    state.sleeps = []
    monkeypatch.setenv("TRADETOP_KCS_URL", state.url)
    monkeypatch.setenv("TRADETOP_KCS_KEY", KEY)
    monkeypatch.setattr(
        core.ingest.fetch,
        "Client",
        functools.partial(Client, timeout=TIMEOUT, deadline=DEADLINE, sleep=state.sleeps.append),
    )
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def run_fetch(run_cli, data_dir):
    def run(*args: str):
        return run_cli("fetch", "--data", str(data_dir), *args)

    return run


def test_fetch_brings_a_month_in(service, run_fetch, run_cli, brief_json, data_dir):
    code, out, err = run_fetch("--from", "2026-01")
    assert code == 0, err
    assert service.kinds_asked() == [
        ("totals", "202601", "202601"),
        ("countries", "202601", "202601"),
        ("flash", "202601", "202601"),
    ]
    assert all(params["serviceKey"] == KEY for _, params in service.requests)
    assert len(list(data_dir.glob("kcs-*_2026-01_2026-01_*.csv"))) == 3 and out.count("wrote ") == 3
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    release = brief_json("--data", str(data_dir))
    assert release["headline"]["exports"]["value_usd"] == 60_000_000_000
    assert KEY not in out + err
    assert not [path for path in data_dir.iterdir() if "Sk3y" in path.read_text()]


def test_a_range_is_cut_into_12_month_windows_with_progress(service, run_fetch, data_dir):
    code, _, err = run_fetch("--from", "2024-03", "--to", "2026-01")
    assert code == 0, err
    assert sorted({(first, last) for _, first, last in service.kinds_asked()}) == [
        ("202403", "202502"),
        ("202503", "202601"),
    ]
    assert err.splitlines() == [
        "[==        ] 1/6 totals 2024-03..2025-02",
        "[===       ] 2/6 countries 2024-03..2025-02",
        "[=====     ] 3/6 flash 2024-03..2025-02",
        "[=======   ] 4/6 totals 2025-03..2026-01",
        "[========  ] 5/6 countries 2025-03..2026-01",
        "[==========] 6/6 flash 2025-03..2026-01",
    ]
    assert windows(0, 11) == [(0, 11)] and windows(0, 12) == [(0, 11), (12, 12)]


def test_items_are_fetched_only_with_an_hs_map(service, run_fetch, tmp_path, data_dir):
    hs_map = tmp_path / "hs_mti.csv"
    hs_map.write_text("hs_code,item\n8542,semiconductors\n")
    assert run_fetch("--from", "2026-01", "--hs-map", str(hs_map))[0] == 0
    assert [kind for kind, _, _ in service.kinds_asked()] == ["totals", "countries", "items", "flash"]
    (items,) = data_dir.glob("kcs-hsk-mti_*.csv")
    assert "2026-01,export,semiconductors,world,2000," in items.read_text()


def test_a_failed_window_is_resumed_cleanly(service, run_fetch, data_dir):
    service.queue(
        "countries",
        (200, _data("countries", {"strtYymm": "202501", "endYymm": "202512"})),
        (200, official.service_error()),
    )
    code, out, err = run_fetch("--from", "2025-01", "--to", "2026-01")
    assert code == 1
    assert err.splitlines()[-1] == (
        "fetch: countries 2026-01..2026-01: service error 99: "
        "시작과 종료의 조회기간은 1년이내 기간만 가능합니다. "
        "(4 of 6 steps done: the same command resumes here)"
    )
    first_run = service.kinds_asked()
    assert first_run[-1] == ("countries", "202601", "202601")
    written = sorted(path.name for path in data_dir.glob("kcs-*.csv"))
    assert len(written) == 4  # the first window's three, and the second window's totals
    service.requests.clear()
    code, out, err = run_fetch("--from", "2025-01", "--to", "2026-01")
    assert code == 0, err
    assert service.kinds_asked() == [("countries", "202601", "202601"), ("flash", "202601", "202601")]
    assert "4 already fetched today, kept" in out
    assert len(list(data_dir.glob("kcs-*.csv"))) == 6


ERRORS = {
    **{
        kind: ([(status, official.gateway_error(code, name, message))], f"gateway error {code} {name}: ")
        for kind, (code, name, message, status) in official.GATEWAY_ERRORS.items()
    },
    "service error": ([(200, official.service_error(f"인증키 {KEY} 오류"))], "service error 99: 인증키 *** 오류"),
    "server error": ([(503, b"busy")] * 4, "the service failed with HTTP 503 (tried 4 times)"),
    "timeout": ([SLOW] * 4, f"no answer within {TIMEOUT:g} s (tried 4 times)"),
    "not found": ([(404, b"<html>no</html>")], "the service refused the request with HTTP 404 (expected 200)"),
}
MEANINGS = {
    "unregistered key": "the service key is not registered",
    "no key": "no service key was sent",
    "quota used up": "the daily request quota for this API is used up",
}


@pytest.mark.parametrize("kind", ERRORS)
def test_each_error_is_one_readable_line_without_the_key(service, run_fetch, kind):
    answers, message = ERRORS[kind]
    service.queue("totals", *answers)
    code, out, err = run_fetch("--from", "2026-01")
    assert code == 1
    last = err.splitlines()[-1]
    assert last.startswith(f"fetch: totals 2026-01..2026-01: {message}"), last
    assert MEANINGS.get(kind, "") in last
    assert "Traceback" not in err and KEY not in out + err and "Sk3y" not in out + err
    assert len(service.requests) == len(answers)  # retried only what is worth retrying, and boundedly


def test_retries_back_off_and_then_succeed(service, run_fetch):
    service.queue("totals", (502, b""), (500, b""))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 0, err
    assert service.sleeps == [2.0, 4.0]
    assert [kind for kind, _, _ in service.kinds_asked()][:3] == ["totals"] * 3


def test_an_unreachable_service_is_one_line(service, run_fetch, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TRADETOP_KCS_URL", f"http://127.0.0.1:{port}/1220000")
    code, out, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.splitlines()[-1].startswith(f"fetch: totals 2026-01..2026-01: cannot connect to 127.0.0.1:{port} (")
    assert err.splitlines()[-1].endswith("(tried 4 times)") and KEY not in out + err


BAD_URLS = (
    "apis.data.go.kr/1220000",
    "http://127.0.0.1:bad/1220000",
    "http://127.0.0.1 x/1220000",
    "http://",
    "http://[::1/1220000",
    "http://127.0.0.1:99999/1220000",
    "http://127.0.0.1:0/1220000",
    "http://" + "a" * 64 + ".example/1220000",
    "http://127.0.0.1/1220000\x1b[2J",
    "http://127.0.0.1/관세청",
    "http://127.0.0.1/1220000?x=1",
)


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_service_url_is_a_usage_error(service, run_fetch, monkeypatch, url):
    monkeypatch.setenv("TRADETOP_KCS_URL", url)
    code, out, err = run_fetch("--from", "2026-01")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"fetch: the service URL {url!r} is not a valid http(s) URL "
        "(expected http(s)://host[:port]/path; see $TRADETOP_KCS_URL)"
    ]
    assert service.requests == []


def test_the_key_is_sent_encoded_once_whichever_form_is_given(service):
    for given in (KEY, "Sk3y%2BSECRET%2Ftradetop%3D%3D"):
        service.requests.clear()
        client = Client(given, service.url, timeout=TIMEOUT)
        client.get("Newtrade/getNewtradeList", {"strtYymm": "202601", "endYymm": "202601"})
        assert service.requests[0][1]["serviceKey"] == KEY
        assert KEY not in client.redact(f"x {KEY} {given} y") and "Sk3y" not in client.redact(given)


def test_the_key_comes_from_the_environment_or_a_key_file(service, run_fetch, tmp_path, monkeypatch):
    monkeypatch.delenv("TRADETOP_KCS_KEY")
    code, _, err = run_fetch("--from", "2026-01")
    assert (
        code == 2
        and err.strip() == "fetch: no service key: set $TRADETOP_KCS_KEY or pass --key-file FILE (the data.go.kr key)"
    )
    assert service.requests == []
    key_file = tmp_path / "kcs.key"
    key_file.write_text(KEY + "\n")
    assert run_fetch("--from", "2026-01", "--key-file", str(key_file))[0] == 0
    assert service.requests[0][1]["serviceKey"] == KEY
    code, _, err = run_fetch("--from", "2026-01", "--key-file", str(tmp_path / "none.key"))
    assert code == 2 and "--key-file" in err and "cannot be read (No such file or directory)" in err


def test_bad_ranges_and_a_missing_directory_are_usage_errors(service, run_cli, monkeypatch):
    monkeypatch.delenv("TRADETOP_DATA", raising=False)
    code, _, err = run_cli("fetch", "--from", "2026-01")
    assert code == 2 and "fetch: no data directory: pass --data DIR or set $TRADETOP_DATA" in err
    code, _, err = run_cli("fetch", "--from", "2026-03", "--to", "2026-01", "--data", "/tmp")
    assert code == 2 and "--to 2026-01 is before --from 2026-03" in err
    with pytest.raises(SystemExit):
        run_cli("fetch", "--from", "2026-13")
    assert service.requests == []


def test_the_real_endpoint_is_the_default_and_the_environment_overrides_it(monkeypatch):
    monkeypatch.delenv("TRADETOP_KCS_URL", raising=False)
    assert core.ingest.fetch.base_url() == "https://apis.data.go.kr/1220000"
    monkeypatch.setenv("TRADETOP_KCS_URL", "http://127.0.0.1:9/1220000")
    assert core.ingest.fetch.base_url() == "http://127.0.0.1:9/1220000"


def test_an_empty_window_writes_nothing(service, data_dir):
    service.queue("totals", (200, official.kcs()))
    outcome = fetch(
        Client(KEY, service.url, timeout=TIMEOUT),
        parse_period("2026-01"),
        parse_period("2026-01"),
        data_dir,
        {"CN": "china"},
        None,
        "2026-02-01",
    )
    assert outcome.empty == ["totals 2026-01..2026-01"]
    assert not list(data_dir.glob("kcs-totals_*"))
    with pytest.raises(FetchError, match=r"^countries 2026-01\.\.2026-01: gateway error 22"):
        service.queue("countries", (403, official.gateway_error(*official.GATEWAY_ERRORS["quota used up"][:3])))
        fetch(
            Client(KEY, service.url, timeout=TIMEOUT),
            parse_period("2026-01"),
            parse_period("2026-01"),
            data_dir,
            {"CN": "china"},
            None,
            "2026-02-02",
        )


def test_a_huge_answer_is_refused(service, run_fetch, monkeypatch):
    monkeypatch.setattr("core.ingest.sources.protocol.MAX_BODY_BYTES", 1000)
    monkeypatch.setattr("core.ingest.fetch.MAX_BODY_BYTES", 1000)
    service.queue("totals", (200, b"<response>" + b" " * 5000))
    code, _, err = run_fetch("--from", "2026-01")
    assert (
        code == 1
        and err.splitlines()[-1]
        == "fetch: totals 2026-01..2026-01: the response is 1,001 bytes (expected at most 1,000; refused)"
    )


def test_on_a_terminal_progress_is_redrawn_and_an_error_starts_its_own_line(service, run_fetch, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    service.queue("countries", (200, official.service_error()))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.startswith("\r\x1b[K[===       ] 1/3 totals 2026-01..2026-01\r\x1b[K[=======   ] 2/3 countries")
    assert "\nfetch: countries 2026-01..2026-01: service error 99" in err


def _headers(handler, length: int | None, status: int = 200, **extra: str) -> None:
    """The status line and headers: Content-Length if given, and `extra` (Transfer_Encoding as Transfer-Encoding)."""
    handler.send_response(status)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    for name, value in extra.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()


def _drip_body(handler) -> None:
    """A byte every 50 ms (each read gets one well within the timeout) of a 400-byte body: 20 s in all."""
    _headers(handler, 400)
    for _ in range(400):
        handler.wfile.write(b" ")
        time.sleep(0.05)


def _drip_headers(handler) -> None:
    for byte in b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n" + b"X: " + b"y" * 400:
        handler.wfile.write(bytes([byte]))
        time.sleep(0.05)


def test_a_server_dripping_its_answer_is_cut_off_at_the_deadline(service, run_fetch, data_dir):
    service.queue("totals", *[_drip_body] * 4)
    started = time.monotonic()
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert (
        err.splitlines()[-1]
        == f"fetch: totals 2026-01..2026-01: no complete answer within {DEADLINE:g} s (tried 4 times)"
    )
    assert time.monotonic() - started < 10  # 4 x 0.4 s; the drip would take 20 s for each attempt
    assert len(service.requests) == 4 and service.sleeps == [2.0, 4.0, 8.0]
    assert [path.name for path in data_dir.iterdir()] == ["catalog.csv"]


def test_the_deadline_also_covers_the_headers(service):
    service.queue("totals", _drip_headers)
    client = Client(KEY, service.url, timeout=TIMEOUT, deadline=DEADLINE, delays=())
    with pytest.raises(FetchError, match=rf"^no complete answer within {DEADLINE:g} s \(tried 1 times\)$"):
        client.get("Newtrade/getNewtradeList", {"strtYymm": "202601", "endYymm": "202601"})


def _short(body: bytes):
    """A whole, valid body, announced 50 bytes longer than it is: the connection ends 50 bytes early."""

    def answer(handler):
        _headers(handler, len(body) + 50)
        handler.wfile.write(body)

    return answer


def _chunked_cut(mid_chunk: bool):
    """A chunked body that stops after its first chunk, or in the middle of its second."""

    def answer(handler):
        handler.protocol_version = "HTTP/1.1"
        _headers(handler, None, Transfer_Encoding="chunked", Connection="close")
        handler.wfile.write(b"10\r\n<response>      \r\n" + (b"20\r\n<header>" if mid_chunk else b""))

    return answer


TOTALS_2026_01 = _data("totals", {"strtYymm": "202601", "endYymm": "202601"})
CUTS = {
    "content-length": (_short(TOTALS_2026_01), " (50 bytes missing)"),
    "chunked, between chunks": (_chunked_cut(False), ""),
    "chunked, within a chunk": (_chunked_cut(True), ""),
}


@pytest.mark.parametrize("cut", CUTS)
def test_an_answer_cut_short_is_retried_and_then_fails_in_one_line(service, run_fetch, data_dir, cut):
    answer, missing = CUTS[cut]
    service.queue("totals", *[answer] * 4)
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.splitlines()[-1] == f"fetch: totals 2026-01..2026-01: the answer was cut short{missing} (tried 4 times)"
    assert len(service.requests) == 4 and "Traceback" not in err
    assert [path.name for path in data_dir.iterdir()] == ["catalog.csv"]


def test_an_answer_cut_short_once_is_fetched_again(service, run_fetch, data_dir):
    service.queue("totals", _short(TOTALS_2026_01))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 0, err
    assert service.sleeps == [2.0] and [kind for kind, _, _ in service.kinds_asked()][:2] == ["totals"] * 2
    assert len(list(data_dir.glob("kcs-totals_2026-01_2026-01_*.csv"))) == 1


def _lower_escapes(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda escape: escape[0].lower(), text)


SPACED_KEY = "Sk3y SECRET/tradetop=="  # the key after a server read its `+` as a space
ECHOES = {
    "raw": KEY,
    "encoded": quote(KEY, safe=""),
    "lower-case escapes": _lower_escapes(quote(KEY, safe="")),
    "slash kept": quote(KEY),
    "plus for space": quote_plus(SPACED_KEY),
    "space": SPACED_KEY,
    "double-encoded": quote(quote(KEY, safe=""), safe=""),
    "double-encoded, lower-case": quote(_lower_escapes(quote(KEY, safe="")), safe=""),
    "plus for space, encoded again": quote(quote_plus(SPACED_KEY), safe=""),
}


@pytest.mark.parametrize("echo", ECHOES)
def test_the_key_echoed_in_any_encoding_is_masked(service, run_fetch, echo):
    spelled = ECHOES[echo]
    service.queue("totals", (200, official.service_error(f"인증키 {spelled} 오류")))
    code, out, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.splitlines()[-1] == "fetch: totals 2026-01..2026-01: service error 99: 인증키 *** 오류"
    assert "SECRET" not in out + err and spelled not in out + err


def test_a_redirect_is_not_followed_so_the_key_goes_to_no_other_host(service, run_fetch):
    elsewhere = Service()
    other = _serve(elsewhere)
    try:
        target = (
            f"{elsewhere.url}/Newtrade/getNewtradeList?serviceKey={quote(KEY, safe='')}&strtYymm=202601&endYymm=202601"
        )

        def redirect(handler):
            _headers(handler, 0, 302, Location=target)

        service.queue("totals", redirect)
        code, out, err = run_fetch("--from", "2026-01")
    finally:
        other.shutdown()
        other.server_close()
    assert code == 1
    assert elsewhere.requests == [] and len(service.requests) == 1  # not followed, not retried
    assert err.splitlines()[-1] == (
        f"fetch: totals 2026-01..2026-01: the service redirected the request to "
        f"{urlsplit(elsewhere.url).netloc} (HTTP 302); redirects are not followed, "
        "so the key goes nowhere else"
    )
    assert "SECRET" not in out + err


def test_months_outside_the_service_s_range_are_refused_before_any_request(service, run_fetch, capsys):
    current = date.today().strftime("%Y-%m")
    for arguments, option, month in (
        (("--from", "1987-12"), "--from", "1987-12"),
        (("--from", "2026-01", "--to", "2099-12"), "--to", "2099-12"),
    ):
        code, out, err = run_fetch(*arguments)
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"fetch: {option} {month} is outside the months the service has (1988-01 to {current}, the current month)"
        ]
    with pytest.raises(SystemExit) as refused:  # no month at all: the argument itself is refused
        run_fetch("--from", "0000-01", "--to", "9999-12")
    assert refused.value.code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith("argument --from: '0000-01' is out of range (expected a month from 1950-01 to 2100-12)")
    )
    assert service.requests == []


def test_an_answer_with_other_months_than_asked_is_refused(service, run_fetch, data_dir):
    service.queue("totals", (200, _data("totals", {"strtYymm": "202411", "endYymm": "202601"})))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.splitlines()[-1] == (
        "fetch: totals 2026-01..2026-01: the service answered with months not asked for "
        "(2024-11, 2024-12, 2025-01 and 11 more); not written"
    )
    assert len(service.requests) == 1
    assert [path.name for path in data_dir.iterdir()] == ["catalog.csv"]


def test_a_key_file_that_is_not_a_small_regular_file_is_refused_at_once(service, run_fetch, tmp_path):
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    large = tmp_path / "large.key"
    large.write_text("k" * 5000)

    def unblock():  # a reader blocked on the FIFO (the old behaviour) gets an empty key instead of hanging the suite
        with contextlib.suppress(OSError):  # nobody is reading it: as expected
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Timer(3, unblock)
    watchdog.start()
    try:
        not_regular = "not a regular file (expected a file holding the data.go.kr service key)"
        # /dev/zero last: read to the end (the old behaviour), it takes all memory before it fails
        for path, problem in (
            (str(fifo), not_regular),
            (str(tmp_path), not_regular),
            (str(large), "larger than 4,096 bytes (expected the data.go.kr service key)"),
            ("/dev/zero", not_regular),
        ):
            code, out, err = run_fetch("--from", "2026-01", "--key-file", path)
            assert (code, out, err.splitlines()) == (2, "", [f"fetch: --key-file {path}: {problem}"])
    finally:
        watchdog.cancel()
    assert service.requests == []


# --- exports of an HS code by destination (item-by-country results) ---


def test_fetch_brings_exports_of_an_hs_code_by_destination(service, run_fetch, run_cli, data_dir):
    code, out, err = run_fetch("--from", "2026-01", "--to", "2026-02", "--hs", "8542", "--countries", "US,JP")
    assert code == 0, err
    assert [kind for kind, _, _ in service.kinds_asked()] == ["totals", "countries", "flash", "destinations"]
    # No country is asked for: the answer has them all, so the ones not named can be summed as OTHER.
    assert service.params_of("destinations") == [{"strtYymm": "202601", "endYymm": "202602", "hsSgn": "8542"}]
    assert "[==========] 4/4 destinations hs8542 2026-01..2026-02" in err
    (written,) = data_dir.glob("kcs-nitemtrade-hs8542_2026-01_2026-02_*.csv")
    lines = written.read_text().splitlines()
    assert lines[0] == "period,flow,item,partner,value_usd,weight_kg,released,source"
    rows = {tuple(line.split(",")[:6]) for line in lines[1:]}
    assert rows == {
        (period, "export", "hs8542", partner, value, weight)
        for period in ("2026-01", "2026-02")
        for partner, value, weight in (("US", "1000", "25"), ("JP", "0", "0"), ("OTHER", "3007", "50"))
    }
    code, out, err = run_cli("check", "--data", str(data_dir))
    assert code == 0 and "no errors" in out, out + err
    assert KEY not in out + err and "SECRET" not in written.read_text()


def test_a_destinations_window_already_fetched_is_kept_and_a_code_that_lost_its_zero_is_asked_whole(
    service, run_fetch, data_dir
):
    assert run_fetch("--from", "2026-01", "--hs", "303")[0] == 0
    assert service.params_of("destinations")[0]["hsSgn"] == "0303"
    (written,) = data_dir.glob("kcs-nitemtrade-hs0303_*.csv")
    assert "2026-01,export,hs0303,US,1000,25," in written.read_text()
    service.requests.clear()
    code, out, err = run_fetch("--from", "2026-01", "--hs", "0303")
    assert code == 0 and service.requests == [] and "4 already fetched today, kept" in out, out + err


def test_an_answer_whose_codes_lost_their_leading_zero_is_read(service, run_fetch, data_dir):
    answer = official.kcs(official.destination_item("2026.01", "CN", "303240000", "70", "700"))  # 0303240000
    service.queue("destinations", (200, answer))
    code, _, err = run_fetch("--from", "2026-01", "--hs", "0303", "--countries", "CN")
    assert code == 0, err
    (written,) = data_dir.glob("kcs-nitemtrade-hs0303_*.csv")
    assert [line.split(",")[3:6] for line in written.read_text().splitlines()[1:]] == [
        ["CN", "70", "700"],
        ["OTHER", "0", "0"],
    ]


def test_a_single_row_and_no_rows_for_destinations(service, run_fetch, data_dir):
    service.queue(
        "destinations", (200, official.kcs(official.destination_item("2026.01", "US", "8542311000", "5", "1")))
    )
    code, out, err = run_fetch("--from", "2026-01", "--hs", "8542")
    assert code == 0, err
    (written,) = data_dir.glob("kcs-nitemtrade-hs8542_*.csv")
    assert written.read_text().splitlines()[1].startswith("2026-01,export,hs8542,US,5,1,")
    written.unlink()
    service.queue("destinations", (200, official.kcs()))
    code, out, err = run_fetch("--from", "2026-01", "--hs", "8542")
    assert code == 0 and "no data yet for destinations hs8542 2026-01..2026-01" in out, out + err
    assert not list(data_dir.glob("kcs-nitemtrade-*"))


@pytest.mark.parametrize("kind", ERRORS)
def test_each_destinations_error_is_one_readable_line_without_the_key(service, run_fetch, kind):
    answers, message = ERRORS[kind]
    service.queue("destinations", *answers)
    code, out, err = run_fetch("--from", "2026-01", "--hs", "8542")
    assert code == 1
    last = err.splitlines()[-1]
    assert last.startswith(f"fetch: destinations hs8542 2026-01..2026-01: {message}"), last
    assert last.endswith("(3 of 4 steps done: the same command resumes here)")
    assert "Traceback" not in err and KEY not in out + err and "Sk3y" not in out + err


def test_bad_destination_options_are_usage_errors_before_any_request(service, run_fetch):
    for options, message in [
        (("--hs", "85x2"), "fetch: --hs '85x2' is not an HS code (expected 2 to 10 digits, such as 8542)"),
        (("--countries", "US"), "fetch: --countries goes with --hs"),
        (("--hs", "8542", "--countries", "United States"), "fetch: --countries: 'United States' is not a country code"),
    ]:
        code, out, err = run_fetch("--from", "2026-01", *options)
        assert (code, out) == (2, "") and err.splitlines() == [err.splitlines()[0]] and message in err, err
    assert service.requests == []
