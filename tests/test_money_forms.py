"""A table's money keeps its unit in every form it may take, also under $1mn, where an amount has one form."""

from core.base.fmt import TABLE_FORMS
from core.base.periods import parse_period

MONEY = ("value_usd", "exports_usd", "imports_usd", "balance_usd", "balance_change_usd")


def test_india_balance_change_in_2025_08_keeps_its_unit(shipped_snapshot):
    """monthly.csv, India: the balance with Korea changed by under $1mn on a year earlier in 2025-08. A narrow
    column took the next form, a bare +0.0 (in $bn) beside the other rows' $bn and $mn."""
    release = shipped_snapshot.release(parse_period("2025-08"))
    india = next(row for row in release.partner_balances if row.code == "india")
    assert abs(india.balance_change_usd) < 1e6
    forms = TABLE_FORMS["balance_change_usd"](india.balance_change_usd)
    assert forms and all(form.endswith("mn") and "$" in form for form in forms), forms


def test_every_money_form_of_a_table_has_its_unit():
    for amount in (65.84e9, 718.3e6, 936_781, 168_408, 5_000, 4_999.6, 22, 0, -936_781, -4.74e9):
        for field in MONEY:
            forms = TABLE_FORMS[field](amount)
            assert forms and all("$" in form for form in forms), (field, amount, forms)
    assert TABLE_FORMS["value_usd"](168_408) == ("$0.17mn",)
    assert TABLE_FORMS["balance_usd"](65.84e9) == ("+$65.84bn", "+$65.8bn")
    assert TABLE_FORMS["value_usd"](4_999.6) == ("$5,000",)  # never "$0.00mn"
