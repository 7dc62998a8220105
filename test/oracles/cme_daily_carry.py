"""The carry calculation of CME's Bitcoin futures daily settlement procedure (lead month, tier 3): "If a two sided
market is not available on CME Globex during the closing period, the reference rate will be used in the following
Carry calculation to derive a settlement price. Reference Rate + [(Days to expiration/ 365) x Interest rate x
Reference Rate)]". The case: specs/contracts/btc-daily-carry.terms (BTC_DC, tick 5 USD per BTC, 5 BTC a contract),
the reference rate BTC_REF's fixing of the settlement date (16:00 London), the interest rate USD_RATE (a percentage a
year) from the fixings, the days to expiration the calendar days to the last trading day, the carried price rounded to
the tick with a tie toward the prior settlement."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, last_weekday, london_offset_hours, new_york_offset_hours, parse_instant, rows, text

SOURCE = (
    "CME Group Client Systems Wiki, 'Bitcoin': CME Bitcoin Futures Daily Settlement Procedure, Normal Daily "
    "Settlement Procedure, Lead Month, Tiers 1 to 3; specs/contracts/btc-daily-carry.terms"
)
CASE = "test/cases/settlement/BTC_DC/daily-carry-formula"
OUTPUT = CASE + "/report-oracle.json"
TICK = Decimal(5)


def chicago(instant):
    return instant + dt.timedelta(hours=new_york_offset_hours(instant) - 1)


def london(instant):
    return instant + dt.timedelta(hours=london_offset_hours(instant))


def tick_toward_prior(value, prior):
    low = (value / TICK).to_integral_value(rounding="ROUND_FLOOR") * TICK
    high = low + TICK if low != value else low
    if value - low < high - value:
        return low
    if value - low > high - value:
        return high
    return low if prior < value else high


def compute():
    day = dt.date(2026, 3, 27)
    prior = Decimal("87000")
    trades = [
        r
        for r in rows(CASE + "/observations.csv")
        if chicago(parse_instant(r["time"])).date() == day
        and dt.time(14, 59) <= chicago(parse_instant(r["time"])).time() < dt.time(15, 0)
    ]
    assert not trades  # tier 1: no trade in the settlement period; tier 2: the request quotes no bid and offer
    fixings = rows(CASE + "/fixings.csv")
    # BTC_REF is published at 16:00 London: the settlement date's fixing is the row stamped at or after 16:00 that day.
    reference = [
        Decimal(r["value"])
        for r in fixings
        if r["index"] == "BTC_REF" and london(parse_instant(r["time"])).date() == day and london(parse_instant(r["time"])).time() >= dt.time(16)
    ][-1]
    rate = [Decimal(r["value"]) for r in fixings if r["index"] == "USD_RATE" and parse_instant(r["time"]).date() == day][-1]
    # The June 2026 contract's last trading day: the last Friday of June (26 June: a business day in London and New York).
    expiry = last_weekday(2026, 6, 5)
    days = (expiry - day).days
    value = reference + Decimal(days) / Decimal(365) * (rate / Decimal(100)) * reference
    exact = reference + reference * rate * days / (Decimal(365) * 100)
    price = tick_toward_prior(exact, prior)
    assert price == tick_toward_prior(value, prior)
    return dump(
        {
            "daily.step": 3,
            "daily.stepKind": "carry-formula",
            "price": text(price),
            "position.variation": text((price - Decimal("87000")) * 5 * 1),
        }
    )
