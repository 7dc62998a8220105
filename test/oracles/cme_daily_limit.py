"""A daily settlement price beyond the last price limit, clamped to it (issue 16, "Price limits and circuit breakers":
"a settlement beyond the hard limit is flagged or clamped as the spec says"). BTC_DS's limits are CME's special price
fluctuation limits for Bitcoin futures, 7%, 13% and 20% of the prior settlement, the last being the daily limit beyond
which there is no trading; its tier 1 is the VWAP of the settlement period 14:59:00-15:00:00 Central Time rounded to
the nearest 5-dollar tick (ties toward the prior settlement), with more than five trades."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, parse_instant, rows, text
from cme_daily_trades import in_period, tick_toward_prior

SOURCE = (
    "CME Group, CME Bitcoin Futures Daily Settlement Procedure (Tier 1) and the special price fluctuation limits of "
    "CME Bitcoin futures (7%, 13%, 20%); issue 16; specs/contracts/btc-daily-strip.terms"
)
CASE = "test/cases/settlement/BTC_DS/daily-limit-clamped"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    day = dt.date(2026, 3, 27)
    prior = Decimal("60000")
    trades = [r for r in rows(CASE + "/observations.csv") if in_period(parse_instant(r["time"]), day)]
    assert len(trades) > 5
    vwap = sum(Decimal(r["price"]) * Decimal(r["volume"]) for r in trades) / sum(Decimal(r["volume"]) for r in trades)
    computed = tick_toward_prior(vwap, prior)
    lower, upper = prior * Decimal("0.8"), prior * Decimal("1.2")
    price = min(max(computed, lower), upper)
    return dump(
        {
            "daily.step": 1,
            "unrounded": text(vwap),
            "daily.breach": {
                "limit": 3,
                "lower": text(lower),
                "upper": text(upper),
                "computed": text(computed),
                "action": "clamped",
                "price": text(price),
            },
            "price": text(price),
            "position.variation": text((price - Decimal("70000")) * 5),
        }
    )
