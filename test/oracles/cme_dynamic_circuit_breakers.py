"""CME Globex dynamic circuit breakers (CME Group, "Frequently Asked Questions: Dynamic Circuit Breakers",
cmegroup.com/globex/trade-on-cme-globex): "Formula: Previous Days settle * DCB percentage Value = DCB variant (rounded
down to nearest tradable tick)"; "Upon market open, a rolling look-back window calculates the upper and lower limits
used by DCBs. The high and low prices within the window plus or minus the variant determine the DCB high bid and low
ask limits during the open market state"; when triggered, the market goes into "a two minute pre-open state"; "When
trading resumes, the 60-minute look-back window restarts". The width and lengths of the case are CME's for its equity
index futures (CME Group, "Understanding Price Limits and Circuit Breakers"): "Dynamic Circuit Breakers will be in
effect with a width of 3.5%. If a contract market moves beyond +/- 3.5% within an hour during the overnight session,
trading will be paused for two minutes."

The case: specs/contracts/index-points-future.terms (TKX_Q, tick 0.25 points, `price limits dynamic 3.5% of the prior
settlement within 60 minutes, halting 2 minutes, rounded to the tick down`), prior settlement 5123.4, the March 2026
month (TKX_Q-H26) on 2 March 2026, its trades in test/cases/settlement/TKX_Q/dynamic-circuit-breakers/trades.csv (a
quote row and another month's trade are not the path). Reading of the window: the prices at or after both (the
point's time less 60 minutes) and the last resumption, before the point; the upper limit the window's low plus the
variant, the lower limit its high less the variant; a price beyond one (not at it) halts; a point while halted is
left out."""
import datetime as dt
from decimal import ROUND_FLOOR, Decimal

from _exchange_rules import dump, parse_instant, rows, text

SOURCE = "CME Group, Frequently Asked Questions: Dynamic Circuit Breakers; Understanding Price Limits and Circuit Breakers"
CASE = "test/cases/settlement/TKX_Q/dynamic-circuit-breakers"
OUTPUT = CASE + "/report-oracle.json"
SYMBOL = "TKX_Q-H26"
TICK = Decimal("0.25")
WINDOW = dt.timedelta(minutes=60)
HALT = dt.timedelta(minutes=2)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def compute():
    prior = Decimal("5123.4")
    variant = (prior * Decimal("3.5") / 100 / TICK).to_integral_value(rounding=ROUND_FLOOR) * TICK
    path = [
        (parse_instant(r["time"]), Decimal(r["price"]))
        for r in rows(CASE + "/trades.csv")
        if r["instrument"] in ("", SYMBOL) and r["part"] not in ("bid", "offer")
    ]
    seen = []  # points that traded since the last resumption
    halts, halted, until = [], 0, None
    for t, price in path:
        if until is not None and t < until:
            halted += 1
            continue
        window = [p for (s, p) in seen if s >= t - WINDOW and s < t]
        if window:
            upper, lower = min(window) + variant, max(window) - variant
            if price > upper or price < lower:
                until = t + HALT
                halts.append({"at": iso(t), "price": text(price), "lower": text(lower), "upper": text(upper), "resumes": iso(until)})
                seen = []
                continue
        seen.append((t, price))
    return dump({"ok": True, "variant": text(variant), "halts": halts, "haltedPoints": halted, "points": len(path)})
