"""A calendar spread settled leg by leg, its own fallback in place of the legs' (issue 16, "Spreads": "the spread's own
fallback is honoured (today a fallback { ... } on a spread passes check and is ignored in leg-by-leg settlement)").
The case: specs/contracts/foti-calendar-spread-fallback.terms (Rule 1105) on FOTI (Rule 1103.A: AITOK_OUT at 16:00
London on the last trading day, the last Friday of the month adjusted preceding on London business days, rounded to
0.001 half-even)."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, easter, last_weekday, london_offset_hours, parse_instant, round_to, rows, text

SOURCE = (
    "issue 16 (Spreads: a calendar spread becomes outright positions in each leg, each settling on its own expiry; "
    "the spread's own fallback is honoured); FOTI Rulebook 1103.A and 1105 in specs/contracts/"
)
CASE = "test/cases/settlement/FOTI_CAL_FB/spread-fallback-replaces-leg"
OUTPUT = CASE + "/report-oracle.json"


def london_holidays(year):
    e = easter(year)
    return {e - dt.timedelta(days=2), e + dt.timedelta(days=1)}  # Good Friday, Easter Monday (the ones in March-April)


def last_trading_day(year, month):
    d = last_weekday(year, month, 5)
    while d.isoweekday() > 5 or d in london_holidays(year):
        d -= dt.timedelta(days=1)
    return d


def fixing(fixings, index, day):
    """The value of index whose London date is day, published by 18:00 London (the spread's not-published deadline)."""
    for r in fixings:
        t = parse_instant(r["time"])
        local = t + dt.timedelta(hours=london_offset_hours(t))
        if r["index"] == index and local.date() == day and local.time() <= dt.time(18):
            return Decimal(r["value"])
    return None


def leg_price(fixings, day):
    # level 0: AITOK_OUT; the spread's level 1: AITOK_OUT_ALT for the same day (no postponement); level 2 determination.
    v = fixing(fixings, "AITOK_OUT", day)
    if v is None:
        v = fixing(fixings, "AITOK_OUT_ALT", day)
    return round_to(v, "0.001", "half-even")


def compute():
    fixings = rows(CASE + "/fixings.csv")
    near = leg_price(fixings, last_trading_day(2026, 3))
    far = leg_price(fixings, last_trading_day(2026, 4))
    spread = near - far
    variation = (spread - Decimal("-0.1")) * 1000 * 2
    return dump(
        {
            "lastTradingDay": last_trading_day(2026, 3).isoformat(),
            "spread.legs.0.price": text(near),
            "spread.legs.1.price": text(far),
            "spread.legs.1.settlement.lastTradingDay": last_trading_day(2026, 4).isoformat(),
            "price": text(spread),
            "position.variation": text(variation),
        }
    )
