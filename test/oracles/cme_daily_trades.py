"""A daily settlement step that applies only when the settlement period holds more than N trades (issue 16, "Daily
settlement procedures": "the VWAP of the settlement period, provided that more than five trades occurred; otherwise
..."), on the tiers of CME's Bitcoin futures procedure: tier 1 the VWAP of the trades between 14:59:00 and 15:00:00
Central Time rounded to the nearest tick (a tie toward the prior settlement), tier 2 the midpoint of the bid and ask.
The case: specs/contracts/btc-daily-strip.terms (BTC_DS, tick 5 USD per BTC, 5 BTC a contract)."""
import json
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, new_york_offset_hours, parse_instant, round_to, rows, text

SOURCE = (
    "CME Group, CME Bitcoin Futures Daily Settlement Procedure (Normal Daily Settlement Procedure, Tiers 1 and 2), "
    "with the trade-count condition of issue 16; specs/contracts/btc-daily-strip.terms"
)
CASE = "test/cases/settlement/BTC_DS/daily-five-trades-midpoint"
OUTPUT = CASE + "/report-oracle.json"
TICK = Decimal(5)
MORE_THAN = 5


def chicago(instant):
    return instant + dt.timedelta(hours=new_york_offset_hours(instant) - 1)  # Central time is Eastern time less an hour


def in_period(instant, day):
    local = chicago(instant)
    return local.date() == day and dt.time(14, 59) <= local.time() < dt.time(15, 0)


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
    prior = Decimal("60000")
    trades = [r for r in rows(CASE + "/observations.csv") if in_period(parse_instant(r["time"]), day) and Decimal(r["volume"]) > 0]
    if len(trades) > MORE_THAN:
        vwap = sum(Decimal(r["price"]) * Decimal(r["volume"]) for r in trades) / sum(Decimal(r["volume"]) for r in trades)
        price, step = tick_toward_prior(vwap, prior), 1
    else:
        # Step 2 (lead month plus spread) is for deferred months of a strip; step 3 is the midpoint.
        # Both quotes are on the 5-dollar tick grid (an off-tick bid or offer is refused).
        quotes = json.load(open(CASE + "/request.json"))["bidAsk"]
        price, step = tick_toward_prior((Decimal(quotes["bid"]) + Decimal(quotes["ask"])) / 2, prior), 3
    variation = (price - Decimal("60000")) * 5 * 1
    return dump(
        {
            "daily.step": step,
            "daily.attempts.0": f"step 1 (vwap): {len(trades)} trade(s) in the window, not more than {MORE_THAN}",
            "price": text(price),
            "position.variation": text(variation),
        }
    )
