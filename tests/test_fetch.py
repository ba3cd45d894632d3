"""`tradetop fetch` against a local stand-in for the customs service on 127.0.0.1 (never the internet).

The stand-in answers with SYNTHETIC bodies in the documented formats (tests/official_responses.py).
"""

import functools
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

import core.fetch
import official_responses as official
from core.fetch import Client, FetchError, fetch, windows
from core.periods import parse_period

KEY = "Sk3y+SECRET/tradetop=="
SLOW = "slow"
ENDPOINTS = {"totals": "/1220000/Newtrade/getNewtradeList", "countries": "/1220000/nationtrade/getNationtradeList",
             "items": "/1220000/Itemtrade/getItemtradeList", "flash": "/1220000/prlstMmUtPrviExpAcrs/getPrlstMmUtPrviExpAcrs"}
TIMEOUT = 0.3


def _months(params: dict) -> list[str]:
    first, last = parse_period(params["strtYymm"][:4] + "-" + params["strtYymm"][4:]), \
        parse_period(params["endYymm"][:4] + "-" + params["endYymm"][4:])
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
    else:
        items = [official.flash_item(month.replace(".", ""), "01~10", ["7"] * 11) for month in months]
    return official.kcs(*([official.total_row()] if len(months) > 1 and kind == "totals" else []), *items)


class Service:
    """What the stand-in answers: queued (status, body) or SLOW per endpoint, then plausible data."""

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


@pytest.fixture
def service(monkeypatch):
    """The stand-in on 127.0.0.1; `tradetop fetch` is pointed at it, with fast retries and a short timeout."""
    state = Service()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            params = dict(parse_qsl(url.query))
            state.requests.append((url.path, params))
            answer = state.answer(url.path, params)
            if answer == SLOW:
                time.sleep(TIMEOUT * 3)
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
    state.sleeps = []
    monkeypatch.setenv("TRADETOP_KCS_URL", state.url)
    monkeypatch.setenv("TRADETOP_KCS_KEY", KEY)
    monkeypatch.setattr(core.fetch, "Client", functools.partial(Client, timeout=TIMEOUT, sleep=state.sleeps.append))
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
    assert service.kinds_asked() == [("totals", "202601", "202601"), ("countries", "202601", "202601"),
                                     ("flash", "202601", "202601")]
    assert all(params["serviceKey"] == KEY for _, params in service.requests)
    assert len(list(data_dir.glob("kcs-*_2026-01_2026-01_*.csv"))) == 3 and out.count("wrote ") == 3
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    release = brief_json("--data", str(data_dir))
    assert release["headline"]["exports"]["value_usd"] == 60_000_000_000
    assert KEY not in out + err
    assert not [path for path in data_dir.iterdir() if "Sk3y" in path.read_text()]


def test_a_range_is_cut_into_12_month_windows_with_progress(service, run_fetch, data_dir):
    code, out, err = run_fetch("--from", "2024-03", "--to", "2026-01")
    assert code == 0, err
    assert sorted({(first, last) for _, first, last in service.kinds_asked()}) == [("202403", "202502"), ("202503", "202601")]
    assert err.splitlines() == [
        "[==        ] 1/6 totals 2024-03..2025-02", "[===       ] 2/6 countries 2024-03..2025-02",
        "[=====     ] 3/6 flash 2024-03..2025-02", "[=======   ] 4/6 totals 2025-03..2026-01",
        "[========  ] 5/6 countries 2025-03..2026-01", "[==========] 6/6 flash 2025-03..2026-01"]
    assert windows(0, 11) == [(0, 11)] and windows(0, 12) == [(0, 11), (12, 12)]


def test_items_are_fetched_only_with_an_hs_map(service, run_fetch, tmp_path, data_dir):
    hs_map = tmp_path / "hs_mti.csv"
    hs_map.write_text("hs_code,item\n8542,semiconductors\n")
    assert run_fetch("--from", "2026-01", "--hs-map", str(hs_map))[0] == 0
    assert [kind for kind, _, _ in service.kinds_asked()] == ["totals", "countries", "items", "flash"]
    (items,) = data_dir.glob("kcs-hsk-mti_*.csv")
    assert "2026-01,export,semiconductors,world,2000," in items.read_text()


def test_a_failed_window_is_resumed_cleanly(service, run_fetch, data_dir):
    service.queue("countries", (200, _data("countries", {"strtYymm": "202501", "endYymm": "202512"})),
                  (200, official.service_error()))
    code, out, err = run_fetch("--from", "2025-01", "--to", "2026-01")
    assert code == 1
    assert err.splitlines()[-1] == ("fetch: countries 2026-01..2026-01: service error 99: "
                                    "시작과 종료의 조회기간은 1년이내 기간만 가능합니다. "
                                    "(4 of 6 steps done: the same command resumes here)")
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
    **{kind: ([(status, official.gateway_error(code, name, message))], f"gateway error {code} {name}: ")
       for kind, (code, name, message, status) in official.GATEWAY_ERRORS.items()},
    "service error": ([(200, official.service_error(f"인증키 {KEY} 오류"))], "service error 99: 인증키 *** 오류"),
    "server error": ([(503, b"busy")] * 4, "the service failed with HTTP 503 (tried 4 times)"),
    "timeout": ([SLOW] * 4, f"no answer within {TIMEOUT:g} s (tried 4 times)"),
    "not found": ([(404, b"<html>no</html>")], "the service refused the request with HTTP 404 (expected 200)"),
}
MEANINGS = {"unregistered key": "the service key is not registered", "no key": "no service key was sent",
            "quota used up": "the daily request quota for this API is used up"}


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
    for url in ("apis.data.go.kr/1220000", "http://127.0.0.1:bad/1220000", "http://127.0.0.1 x/1220000"):
        monkeypatch.setenv("TRADETOP_KCS_URL", url)
        code, out, err = run_fetch("--from", "2026-01")
        assert code == 1 and "Traceback" not in err, err
        assert err.splitlines()[-1] == f"fetch: totals 2026-01..2026-01: the service URL {url!r} is not a valid http(s) URL (see $TRADETOP_KCS_URL)"
        assert KEY not in out + err and "Sk3y" not in out + err


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
    assert code == 1 and err.strip() == "fetch: no service key: set $TRADETOP_KCS_KEY or pass --key-file FILE (the data.go.kr key)"
    assert service.requests == []
    key_file = tmp_path / "kcs.key"
    key_file.write_text(KEY + "\n")
    assert run_fetch("--from", "2026-01", "--key-file", str(key_file))[0] == 0
    assert service.requests[0][1]["serviceKey"] == KEY
    code, out, err = run_fetch("--from", "2026-01", "--key-file", str(tmp_path / "none.key"))
    assert code == 1 and "--key-file" in err and "cannot be read (No such file or directory)" in err


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
    assert core.fetch.base_url() == "https://apis.data.go.kr/1220000"
    monkeypatch.setenv("TRADETOP_KCS_URL", "http://127.0.0.1:9/1220000")
    assert core.fetch.base_url() == "http://127.0.0.1:9/1220000"


def test_an_empty_window_writes_nothing(service, data_dir):
    service.queue("totals", (200, official.kcs()))
    outcome = fetch(Client(KEY, service.url, timeout=TIMEOUT), parse_period("2026-01"), parse_period("2026-01"),
                    data_dir, {"CN": "china"}, None, "2026-02-01")
    assert outcome.empty == ["totals 2026-01..2026-01"]
    assert not list(data_dir.glob("kcs-totals_*"))
    with pytest.raises(FetchError, match="^countries 2026-01..2026-01: gateway error 22"):
        service.queue("countries", (403, official.gateway_error(*official.GATEWAY_ERRORS["quota used up"][:3])))
        fetch(Client(KEY, service.url, timeout=TIMEOUT), parse_period("2026-01"), parse_period("2026-01"),
              data_dir, {"CN": "china"}, None, "2026-02-02")


def test_a_huge_answer_is_refused(service, run_fetch, monkeypatch):
    monkeypatch.setattr("core.sources.MAX_BODY_BYTES", 1000)
    monkeypatch.setattr("core.fetch.MAX_BODY_BYTES", 1000)
    service.queue("totals", (200, b"<response>" + b" " * 5000))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1 and err.splitlines()[-1] == "fetch: totals 2026-01..2026-01: the response is 1,001 bytes (expected at most 1,000; refused)"


def test_on_a_terminal_progress_is_redrawn_and_an_error_starts_its_own_line(service, run_fetch, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    service.queue("countries", (200, official.service_error()))
    code, _, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert err.startswith("\r\x1b[K[===       ] 1/3 totals 2026-01..2026-01\r\x1b[K[=======   ] 2/3 countries")
    assert "\nfetch: countries 2026-01..2026-01: service error 99" in err
