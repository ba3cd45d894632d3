"""`tradetop import`: official responses (synthetic, in the documented formats) become tidy files that check passes."""

import csv
import json
import os
from pathlib import Path

import official_responses as official
import pytest

from core.ingest.datadir import data_files, embedded_data_dir, file_stamps
from core.ingest.loader import load_directory
from core.ingest.sources import (
    FLASH_COLUMNS,
    KINDS,
    SOURCES,
    HsMap,
    SourceError,
    kcs_items,
    normalise_hs,
    read_regions,
)

HS_MAP = "hs_code,item,note\n8542,semiconductors,ICs\n854232,displays,a longer prefix wins\n0303,agrifood,frozen fish\n"


def _write(directory: Path, name: str, content: bytes | str) -> Path:
    path = directory / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture
def imported(tmp_path, data_dir, run_cli):
    """Run `tradetop import KIND` on a response body; returns (exit code, stdout, stderr, written files)."""

    def run(kind: str, body: bytes, *options: str):
        response = _write(tmp_path, f"{kind}-response", body)
        before = set(data_files(data_dir))
        code, out, err = run_cli(
            "import", kind, str(response), "--to", str(data_dir), "--released", "2026-02-16", *options
        )
        return code, out, err, sorted(set(data_files(data_dir)) - before)

    return run


def test_totals_become_a_trade_file_that_check_passes_and_brief_reads(imported, run_cli, brief_json, data_dir):
    body = official.kcs(
        official.total_row(),
        official.totals_item("2026.01", "65,846,000,000", "57,000,000,000"),
        official.totals_item("2025.01", "49,000,000,000", "51,000,000,000"),
    )
    code, _, err, written = imported("totals", body)
    assert code == 0, err
    assert [path.name for path in written] == ["kcs-totals_2025-01_2026-01_2026-02-16.csv"]
    rows = _rows(written[0])
    assert {(row["period"], row["flow"], row["value_usd"]) for row in rows} == {
        ("2025-01", "export", "49000000000"),
        ("2025-01", "import", "51000000000"),
        ("2026-01", "export", "65846000000"),
        ("2026-01", "import", "57000000000"),
    }
    assert {(row["item"], row["partner"], row["released"], row["source"]) for row in rows} == {
        ("total", "world", "2026-02-16", "kcs-totals")
    }
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    headline = brief_json("--data", str(data_dir), "--period", "2026-01")["headline"]
    assert headline["exports"]["value_usd"] == 65_846_000_000
    assert headline["balance"]["value_usd"] == 8_846_000_000


def test_a_single_row_comes_unwrapped_and_is_read(imported):
    code, _, err, written = imported("totals", official.kcs(official.totals_item("2026.03", "100", "90")))
    assert code == 0, err
    assert len(_rows(written[0])) == 2


def test_zero_rows_write_nothing_and_say_so(imported):
    code, out, _, written = imported("totals", official.kcs())
    assert b"<items/>" in official.kcs()
    assert code == 0 and written == []
    assert "no rows (the service returned no data for this query); nothing written" in out


def test_countries_are_summed_into_the_nine_regions(imported, run_cli, brief_json, data_dir):
    body = official.kcs(
        official.total_row("statCd", expDlr="999999"),
        official.country_item("2026.01", "VN", "5,000", "1,000"),
        official.country_item("2026.01", "TL", "7", "0"),
        official.country_item("2026.01", "DE", "300", "400"),
        official.country_item("2026.01", "FR", "200", "100"),
        official.country_item("2026.01", "TW", "888", "888"),
        official.country_item("2026.01", "US", "1000", "2000"),
    )
    code, _, err, written = imported("countries", body)
    assert code == 0, err
    values = {(row["flow"], row["partner"]): row["value_usd"] for row in _rows(written[0])}
    assert values == {
        ("export", "asean"): "5007",
        ("import", "asean"): "1000",
        ("export", "eu"): "500",
        ("import", "eu"): "500",
        ("export", "us"): "1000",
        ("import", "us"): "2000",
    }
    assert {row["item"] for row in _rows(written[0])} == {"total"}
    # Regions alone are no release: check wants a month with total exports beside them.
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,9000\n")
    assert run_cli("check", "--data", str(data_dir))[0] == 0


def test_items_are_summed_through_the_hs_map_longest_prefix_first(imported, tmp_path, run_cli, brief_json, data_dir):
    hs_map = _write(tmp_path, "hs_mti.csv", HS_MAP)
    body = official.kcs(
        official.total_row("hsCode"),
        official.hs_item("2026.01", "8542311000", "1,000", "10"),
        official.hs_item("2026.01", "8542321010", "500", "5"),
        official.hs_item("2026.01", "303240000", "70", "7"),  # 0303240000 with its leading zero lost
        official.hs_item("2026.01", "9999999999", "12345", "12345"),
    )
    code, _, err, written = imported("items", body, "--hs-map", str(hs_map))
    assert code == 0, err
    values = {(row["flow"], row["item"]): row["value_usd"] for row in _rows(written[0])}
    assert values == {
        ("export", "semiconductors"): "1000",
        ("import", "semiconductors"): "10",
        ("export", "displays"): "500",
        ("import", "displays"): "5",
        ("export", "agrifood"): "70",
        ("import", "agrifood"): "7",
    }
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,2000\n")
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    items = brief_json("--data", str(data_dir), "--period", "2026-01", "--set", "motie20")["items"]
    assert next(row for row in items if row["code"] == "semiconductors")["value_usd"] == 1000


def test_hs_codes_get_back_their_lost_leading_zero():
    assert normalise_hs("303") == "0303" and normalise_hs("303240000") == "0303240000"
    assert normalise_hs("8542") == "8542" and normalise_hs("3") == "03"
    assert normalise_hs("-") is None and normalise_hs("12345678901") is None
    assert HsMap({"0303": "agrifood"}).item_of(normalise_hs("303")) == "agrifood"


def test_flash_becomes_a_flash_file_in_dollars_with_its_window(imported, run_cli, data_dir):
    amounts = [f"{(index + 1) * 1000:,}" for index in range(len(FLASH_COLUMNS))]
    body = official.kcs(
        official.flash_item("202601", "01~10", amounts),
        official.flash_item("202601", "01~20", amounts),
        official.flash_item("202601", "01~31", amounts),
        official.flash_item("202602", "01~28", amounts),
    )
    code, _, err, written = imported("flash", body)
    assert code == 0, err
    rows = _rows(written[0])
    assert {(row["period"], row["window"]) for row in rows} == {
        ("2026-01", "1-10"),
        ("2026-01", "1-20"),
        ("2026-01", "month"),
        ("2026-02", "month"),
    }
    values = {row["item"]: row["value_usd"] for row in rows if row["window"] == "1-10"}
    assert values["total"] == "1000000" and values["semiconductors"] == "2000000"
    assert values["steel_products"] == "3000000" and values["home_appliances"] == "11000000"
    assert {row["flow"] for row in rows} == {"export"}
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,2000\n")
    code, out, err = run_cli("check", "--data", str(data_dir))
    assert code == 0 and "no errors, 0 warning(s)" in out, out + err


def test_flash_items_are_all_catalog_flash_items(shipped_snapshot):
    catalog = shipped_snapshot.catalog
    assert set(FLASH_COLUMNS) - {"total"} == set(catalog.members("kcs10", "flash_item"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda item: {**item, "priodDt": "01~30"},
            "item 1: priodDt '01~30' is not a window (expected 01~10, 01~20, 01~31)",
        ),
        (lambda item: {**item, "itemUsdAmt11": "5"}, "item 1: columns itemUsdAmt11 differ from itemUsdAmt00..10"),
        (lambda item: {**item, "itemUsdAmt03": "n/a"}, "item 1: itemUsdAmt03 'n/a' is not an amount"),
        (
            lambda item: {**item, "priodMon": "2026-01"},
            "item 1: priodMon '2026-01' is not a month (expected YYYY.MM or YYYYMM)",
        ),
    ],
)
def test_a_flash_response_out_of_its_layout_is_refused(imported, change, message):
    item = change(official.flash_item("202601", "01~10", ["1"] * len(FLASH_COLUMNS)))
    code, _, err, written = imported("flash", official.kcs(item))
    assert code == 1 and written == []
    assert message in err and "Traceback" not in err


def test_ecos_monthly_exports_and_imports(imported, run_cli, brief_json, data_dir):
    body = official.ecos(
        [
            official.ecos_row("202601", "수출(FOB)", "65846000"),
            official.ecos_row("202601", "수입(CIF)", "57000000.5"),
            official.ecos_row("202601", "무역수지", "8846000"),
        ]
    )
    code, _, err, written = imported("ecos", body)
    assert code == 0, err
    values = {row["flow"]: (row["value_usd"], row["source"]) for row in _rows(written[0])}
    assert values == {"export": ("65846000000", "bok-ecos"), "import": ("57000000500", "bok-ecos")}
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    assert brief_json("--data", str(data_dir))["headline"]["exports"]["value_usd"] == 65_846_000_000


def test_ecos_single_row_unwrapped_no_data_and_errors(imported):
    single = json.dumps(
        {"StatisticSearch": {"list_total_count": 1, "row": official.ecos_row("202601", "Exports", "5", "백만달러")}}
    )
    code, _, err, written = imported("ecos", single.encode())
    assert code == 0, err
    assert [(row["flow"], row["value_usd"]) for row in _rows(written[0])] == [("export", "5000000")]
    code, out, _, written = imported(
        "ecos", '{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}'.encode()
    )
    assert code == 0 and written == [] and "no rows" in out
    code, _, err, _ = imported(
        "ecos", '{"RESULT":{"CODE":"INFO-100","MESSAGE":"인증키가 유효하지 않습니다."}}'.encode()
    )
    assert code == 1 and "ECOS error INFO-100: 인증키가 유효하지 않습니다." in err
    code, _, err, _ = imported("ecos", official.ecos([official.ecos_row("2026Q1", "수출", "5")]))
    assert code == 1 and "TIME '2026Q1' is not a month" in err
    code, _, err, _ = imported(
        "ecos",
        official.ecos([official.ecos_row("202601", "수출", "5"), official.ecos_row("202601", "수출(계절조정)", "6")]),
    )
    assert code == 1 and "a second export series for 2026-01" in err


def test_an_entity_bomb_is_refused():
    with pytest.raises(SourceError, match="declares entities"):
        kcs_items(official.ENTITY_BOMB)


def test_hostile_and_broken_files_give_one_line_not_a_traceback(imported):
    for body, message in [
        (official.ENTITY_BOMB, "the XML declares entities or a DTD (refused"),
        (b"<response><header>", "not a readable XML response"),
        (b"<html>gateway timeout</html>", "not a customs service response (root element <html>"),
        (official.service_error("시작년월 형식이 맞지 않습니다."), "service error 99: 시작년월 형식이 맞지 않습니다."),
        (
            official.gateway_error(*official.GATEWAY_ERRORS["unregistered key"][:3]),
            "gateway error 30 SERVICE_KEY_IS_NOT_REGISTERED_ERROR: the service key is not registered",
        ),
    ]:
        code, _, err, written = imported("totals", body)
        assert code == 1 and written == [] and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1 and message in err, err


def test_a_response_of_another_kind_is_named(imported):
    code, _, err, _ = imported("totals", official.kcs(official.country_item("2026.01", "US", "1", "1")))
    assert code == 1 and "item 1: has statCd: this is not a trade totals response (import it as countries)" in err


def test_an_existing_file_is_never_overwritten(imported, data_dir):
    body = official.kcs(official.totals_item("2026.01", "100", "90"))
    _, _, _, written = imported("totals", body)
    before = written[0].read_bytes()
    code, _, err, again = imported("totals", official.kcs(official.totals_item("2026.01", "555", "90")))
    assert code == 1 and again == []
    assert f"{written[0]} already exists; not overwritten" in err
    assert written[0].read_bytes() == before
    assert not [path for path in data_dir.iterdir() if path.name.startswith(".")]


def test_the_release_date_defaults_to_the_files_date(tmp_path, data_dir, run_cli):
    response = _write(tmp_path, "response.xml", official.kcs(official.totals_item("2026.01", "100", "90")))
    os.utime(response, (1_767_225_600, 1_767_225_600))  # 2026-01-01 00:00 UTC
    assert run_cli("import", "totals", str(response), "--to", str(data_dir))[0] == 0
    (written,) = data_dir.glob("kcs-totals_*.csv")
    assert _rows(written)[0]["released"] in ("2025-12-31", "2026-01-01")  # the local date of that instant


def test_an_import_is_seen_by_a_running_dashboard(imported, data_dir):
    """The live refresh compares file stamps: a new file appears in them whole, never half-written."""
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2025-12,export,total,world,2000\n")
    before = file_stamps(data_dir)
    imported("totals", official.kcs(official.totals_item("2026.01", "100", "90")))
    assert file_stamps(data_dir) != before
    assert load_directory(data_dir).trade["month"].max() == 2026 * 12


def test_usage_errors(tmp_path, run_cli, monkeypatch):
    monkeypatch.delenv("TRADETOP_DATA", raising=False)
    response = _write(tmp_path, "r.xml", official.kcs())
    assert (
        run_cli("import", "totals", str(response))[2].strip()
        == "import: no data directory: pass --to DIR or set $TRADETOP_DATA"
    )
    code, _, err = run_cli("import", "items", str(response), "--to", str(tmp_path))
    assert code == 2 and "import items: --hs-map FILE is needed" in err
    code, _, err = run_cli("import", "tariffs", str(response), "--to", str(tmp_path))
    assert (
        code == 2
        and "unknown kind 'tariffs' (expected one of totals, countries, items, flash, destinations, ecos)" in err
    )
    code, _, err = run_cli("import", "totals", str(tmp_path / "missing.xml"), "--to", str(tmp_path))
    assert code == 1 and "missing.xml: No such file or directory" in err


def test_a_bad_hs_map_is_reported_by_file_and_line(imported, tmp_path):
    hs_map = _write(tmp_path, "hs_mti.csv", "hs_code,item\n8542,semiconductors\n85x2,displays\n8542,ships\n8703,\n")
    code, _, err, written = imported("items", official.kcs(), "--hs-map", str(hs_map))
    assert code == 1 and written == []
    assert f"{hs_map}:3: hs_code '85x2' is not valid (expected an HS code or prefix, up to 10 digits)" in err
    assert f"{hs_map}:4: hs_code 8542 is ships here but semiconductors at line 2" in err
    assert f"{hs_map}:5: incomplete row: item is missing" in err
    hs_map.write_text("code,item\n1,x\n")
    assert f"{hs_map}:1: missing column hs_code" in imported("items", official.kcs(), "--hs-map", str(hs_map))[2]


def test_the_shipped_regions_are_the_nine_catalog_regions(shipped_snapshot):
    regions = read_regions()
    catalog = shipped_snapshot.catalog
    assert set(regions.values()) == set(catalog.members("motie9", "partner"))
    members = {region: {code for code, name in regions.items() if name == region} for region in set(regions.values())}
    assert len(members["eu"]) == 27 and len(members["asean"]) == 11 and "TL" in members["asean"]
    assert (
        members["china"] == {"CN"}
        and members["us"] == {"US"}
        and members["japan"] == {"JP"}
        and members["india"] == {"IN"}
    )
    assert (
        {"RU", "KZ", "UZ"} <= members["cis"]
        and {"SA", "AE"} <= members["middle_east"]
        and {"MX", "BR"} <= members["latin_america"]
    )


def test_a_data_directory_may_hold_its_own_regions_and_hs_map(data_dir, run_cli):
    """Reference tables are recognised by their header and not read as trade files."""
    (data_dir / "regions.csv").write_text("region,iso2,name_en\nus,US,United States\nus,CA,Canada\n")
    (data_dir / "hs_mti.csv").write_text(HS_MAP)
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,2000\n")
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    assert read_regions(data_dir) == {"US": "us", "CA": "us"}
    assert (embedded_data_dir() / "regions.csv").is_file()


def test_a_bad_regions_table_is_reported_by_file_and_line(imported, data_dir):
    (data_dir / "regions.csv").write_text("region,iso2\nus,US\neu,usa\nchina,US\n")
    code, _, err, _ = imported("countries", official.kcs())
    assert code == 1
    assert (
        f"{data_dir / 'regions.csv'}:3: iso2 'usa' is not valid (expected an ISO 3166 code of two capital letters)"
        in err
    )
    assert f"{data_dir / 'regions.csv'}:4: iso2 US is china here but us at line 2" in err


def test_a_file_too_large_to_be_a_response_is_refused_unread(imported, monkeypatch):
    monkeypatch.setattr("core.ingest.sources.protocol.MAX_BODY_BYTES", 1000)
    code, _, err, written = imported("totals", official.kcs(*[official.totals_item("2026.01", "1", "1")] * 20))
    assert code == 1 and written == []
    assert "bytes (expected at most 1,000; refused)" in err


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([{"year": "2026.01", "impDlr": "1"}], "item 1: no expDlr (expected a Newtrade/getNewtradeList response)"),
        (
            [official.totals_item("2026-01", "1", "1")],
            "item 1: year '2026-01' is not a month (expected YYYY.MM or YYYYMM)",
        ),
        ([official.totals_item("2026.13", "1", "1")], "item 1: '2026.13' is not a month (expected a month 01-12)"),
        ([official.totals_item("2026.01", "1", "1")] * 2, "item 2: 2026-01 appears twice (expected one row per month)"),
        ([official.totals_item("2026.01", "1.2.3", "1")], "item 1: expDlr '1.2.3' is not an amount"),
    ],
)
def test_a_bad_row_is_named_by_its_place(imported, items, message):
    code, _, err, written = imported("totals", official.kcs(*items))
    assert code == 1 and written == [] and message in err, err


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not a readable JSON response"),
        (b'{"StatisticSearch": {"row": ["x"]}}', "expected row to be a list of objects"),
        (b'{"rows": []}', "not an ECOS StatisticSearch response"),
        (official.ecos([official.ecos_row("202601", "수출", "5", "원")]), "row 1: unit '원' is not a dollar unit"),
    ],
)
def test_a_bad_ecos_response_is_one_line(imported, body, message):
    code, _, err, written = imported("ecos", body)
    assert code == 1 and written == [] and message in err and len(err.strip().splitlines()) == 1, err


def test_the_target_must_be_an_existing_directory(tmp_path, run_cli):
    response = _write(tmp_path, "r.xml", official.kcs())
    code, _, err = run_cli("import", "totals", str(response), "--to", str(tmp_path / "nowhere"))
    assert (
        code == 2
        and err.strip() == f"import: {tmp_path / 'nowhere'} is not a directory (expected an existing data directory)"
    )


def test_a_running_dashboard_sees_the_imported_month_arrive(imported, data_dir):
    refresh = pytest.importorskip(
        "core.runtime.refresh", reason="the live refresh (core.runtime.refresh) is not on this branch yet"
    )
    from core.engine.snapshot import load_snapshot

    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2025-12,export,total,world,2000\n")
    before = load_snapshot(data_dir)
    imported("totals", official.kcs(official.totals_item("2026.01", "100", "90")))
    _, arrival = refresh.what_arrived(before, refresh.load_settled(data_dir, settle=0.05))
    assert arrival.new_months == (2026 * 12,)


def test_without_hard_links_a_file_is_still_written_whole_and_never_over_another(tmp_path, monkeypatch):
    from core.ingest.datadir import write_new_file

    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("os.link", no_links)
    write_new_file(tmp_path / "a.csv", "first\n")
    with pytest.raises(FileExistsError) as refused:
        write_new_file(tmp_path / "a.csv", "second\n")
    assert refused.value.filename2 == str(tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text() == "first\n" and [path.name for path in tmp_path.iterdir()] == ["a.csv"]


# --- item-by-country results (nitemtrade): exports of an HS code by destination ---

DESTINATION_COLUMNS = "period,flow,item,partner,value_usd,weight_kg,released,source"


def test_destinations_become_the_shipped_files_columns_with_the_rest_as_other(imported, run_cli, data_dir):
    body = official.kcs(
        official.destination_total_row("4,512", "66"),
        official.destination_item("2026.01", "US", "8542311000", "1,000", "10"),
        official.destination_item("2026.01", "US", "8542321010", "500", "5"),
        official.destination_item("2026.01", "CN", "8542311000", "3,000", "40"),
        official.destination_item("2026.01", "DE", "8542390000", "7", "1"),
        official.destination_item("2026.01", "VN", "8542311000", "5", "10"),
    )
    code, out, err, written = imported("destinations", body, "--hs", "8542", "--countries", "US,CN,JP")
    assert code == 0, err
    assert [path.name for path in written] == ["kcs-nitemtrade-hs8542_2026-01_2026-01_2026-02-16.csv"]
    assert written[0].read_text().splitlines()[0] == DESTINATION_COLUMNS
    rows = _rows(written[0])
    values = {row["partner"]: (row["value_usd"], row["weight_kg"]) for row in rows}
    # US 1,000 + 500 over two lines; JP named but absent: 0; DE 7 and VN 5 are the rest of the world.
    assert values == {"US": ("1500", "15"), "CN": ("3000", "40"), "JP": ("0", "0"), "OTHER": ("12", "11")}
    assert sum(int(value) for value, _ in values.values()) == 4512  # the response's own total row
    assert {(row["period"], row["flow"], row["item"], row["source"]) for row in rows} == {
        ("2026-01", "export", "hs8542", "kcs-nitemtrade")
    }
    (data_dir / "totals.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,9000\n")
    code, out, err = run_cli("check", "--data", str(data_dir))
    assert code == 0 and "no errors" in out, out + err


def test_destinations_without_countries_keep_every_country_apart(imported):
    body = official.kcs(
        official.destination_item("2026.01", "US", "8542311000", "1,000", "10"),
        official.destination_item("2026.02", "DE", "8542390000", "7", "1"),
    )
    code, _, err, written = imported("destinations", body, "--hs", "8542")
    assert code == 0, err
    assert {(row["period"], row["partner"], row["value_usd"]) for row in _rows(written[0])} == {
        ("2026-01", "US", "1000"),
        ("2026-02", "DE", "7"),
    }


def test_destinations_single_row_and_no_rows(imported):
    code, _, err, written = imported(
        "destinations", official.kcs(official.destination_item("2026.03", "CN", "8542311000", "9", "2")), "--hs", "8542"
    )
    assert code == 0, err
    assert [(row["partner"], row["value_usd"], row["weight_kg"]) for row in _rows(written[0])] == [("CN", "9", "2")]
    code, out, _, written = imported("destinations", official.kcs(), "--hs", "8542", "--countries", "CN")
    assert code == 0 and written == [] and "no rows" in out
    code, out, _, written = imported(
        "destinations", official.kcs(official.destination_total_row("0", "0")), "--hs", "8542"
    )
    assert code == 0 and written == [] and "no rows" in out


def test_destination_codes_that_lost_their_leading_zero(imported):
    body = official.kcs(official.destination_item("2026.01", "JP", "303240000", "70", "700"))  # 0303240000
    for asked in ("0303", "303"):
        code, _, err, written = imported("destinations", body, "--hs", asked, "--released", "2026-02-17")
        assert code == 0, err
        assert [(row["item"], row["partner"], row["value_usd"]) for row in _rows(written[0])] == [
            ("hs0303", "JP", "70")
        ]
        written[0].unlink()


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            [official.destination_item("2026.01", "US", "8541100000", "1", "1")],
            "item 1: hsCd 8541100000 is not part of HS 8542 (expected the answer to the HS code asked for)",
        ),
        (
            [
                official.destination_item("2026.01", "US", "854231", "5", "1"),
                official.destination_item("2026.01", "US", "8542311000", "4", "1"),
            ],
            "item 2: 2026-01 US HS 8542311000 is part of HS 854231, also listed",
        ),
        (
            [official.destination_item("2026.01", "US", "8542311000", "4", "1")] * 2,
            "item 2: 2026-01 US HS 8542311000 appears twice (also item 1)",
        ),
        (
            [official.destination_item("2026.01", "USA", "8542311000", "4", "1")],
            "item 1: statCd 'USA' is not a country code (expected two capital letters)",
        ),
        (
            [{**official.destination_item("2026.01", "US", "8542311000", "4", "1"), "expWgt": "n/a"}],
            "item 1: expWgt 'n/a' is not an amount",
        ),
        (
            [{**official.destination_item("2026.01", "US", "8542311000", "4", "1"), "hsCd": "85x2"}],
            "item 1: hsCd '85x2' is not an HS code",
        ),
    ],
)
def test_a_bad_destination_row_is_named_by_its_place(imported, items, message):
    code, _, err, written = imported("destinations", official.kcs(*items), "--hs", "8542")
    assert code == 1 and written == [] and message in err and len(err.strip().splitlines()) == 1, err


def test_destination_errors_are_one_line(imported):
    for body, message in [
        (official.service_error("HS부호 형식이 맞지 않습니다."), "service error 99: HS부호 형식이 맞지 않습니다."),
        (
            official.gateway_error(*official.GATEWAY_ERRORS["quota used up"][:3]),
            "gateway error 22 LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR: the daily request quota",
        ),
    ]:
        code, _, err, written = imported("destinations", body, "--hs", "8542")
        assert code == 1 and written == [] and message in err and "Traceback" not in err, err


def test_destination_usage_errors(tmp_path, run_cli, data_dir):
    response = _write(tmp_path, "r.xml", official.kcs())
    for options, message in [
        ((), "import: --hs CODE goes with the kind destinations, and that kind needs it"),
        (("--hs", "85x2"), "import: --hs '85x2' is not an HS code (expected 2 to 10 digits, such as 8542)"),
        (("--hs", "8542", "--countries", "US,usa"), "import: --countries: 'usa' is not a country code"),
        (("--hs", "8542", "--countries", "US,US"), "import: --countries: a country is named twice"),
    ]:
        code, out, err = run_cli("import", "destinations", str(response), "--to", str(data_dir), *options)
        assert (code, out) == (2, "") and message in err, err
    code, _, err = run_cli("import", "totals", str(response), "--to", str(data_dir), "--hs", "8542")
    assert code == 2 and "--hs CODE goes with the kind destinations" in err


def test_every_kind_belongs_to_one_official_format():
    kinds = [kind for source in SOURCES for kind in source.kinds]
    assert [source.name for source in SOURCES] == ["kcs", "ecos"]
    assert len({kind.name for kind in kinds}) == len({kind.source for kind in kinds}) == len(kinds) == len(KINDS)
    assert [kind.name for kind in kinds if kind.has_weight] == ["destinations"]
