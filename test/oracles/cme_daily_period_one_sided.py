"""Tier 3 of CME's Bitcoin futures procedure after a settlement period without a two-sided market: "If a two sided
market is not available on CME Globex during the closing period, the reference rate will be used in the following
Carry calculation to derive a settlement price. Reference Rate + [(Days to expiration/ 365) x Interest rate x
Reference Rate)]". The quotes are weighed as in cme_daily_period_midpoint.py; here only bids stand in the period."""
import datetime as dt
from decimal import Decimal
from fractions import Fraction

from _exchange_rules import dump, last_weekday, rows, text
from cme_daily_period_midpoint import dec, tick_toward_prior, time_weighted_midpoint

SOURCE = (
    "CME Group Client Systems Wiki, 'Bitcoin': CME Bitcoin Futures Daily Settlement Procedure, Lead Month, Tiers 2 "
    "and 3; specs/contracts/btc-daily-carry.terms"
)
CASE = "test/cases/settlement/BTC_DC/daily-period-one-sided"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    day = dt.date(2026, 3, 27)
    updates, two_sided, whole, mid = time_weighted_midpoint(CASE + "/observations.csv", day)
    assert mid is None  # no two-sided market at any time of the period: tier 2 gives no price
    fixings = rows(CASE + "/fixings.csv")
    # BTC_REF's fixing of 27 March (16:00 London, GMT) and USD_RATE dated 27 March, a percentage a year.
    reference = Fraction(Decimal([r for r in fixings if r["index"] == "BTC_REF" and r["time"].startswith("2026-03-27")][-1]["value"]))
    rate = Fraction(Decimal([r for r in fixings if r["index"] == "USD_RATE" and r["time"].startswith("2026-03-27")][-1]["value"]))
    days = (last_weekday(2026, 6, 5) - day).days  # to the last Friday of June, a business day in London and New York
    price = tick_toward_prior(reference + Fraction(days, 365) * rate / 100 * reference, Fraction(87000))
    return dump(
        {
            "daily.attempts.1": f"step 2 (period-midpoint): {updates} quote update(s) in the period, two-sided for {two_sided} s of {whole} s: no two-sided market in the settlement period",
            "daily.step": 3,
            "daily.stepKind": "carry-formula",
            "price": text(dec(price)),
            "position.variation": text(dec((price - 87000) * 5)),
        }
    )
