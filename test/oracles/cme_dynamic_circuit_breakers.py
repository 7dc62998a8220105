"""CME Globex dynamic circuit breakers (CME Group Client Systems Wiki, "Dynamic Circuit Breakers" and its FAQ):
"Previous Days settle * DCB percentage Value = DCB variant (rounded down to nearest tradable tick)"; "Upon market
open, a rolling 60-minute look-back window calculates the upper and lower limits used by DCBs. The high and low
prices within the window plus or minus the variant determine the DCB high bid and low ask limits"; when triggered the
market goes into "a two minute pre-open state"; "When trading resumes, the 60-minute look-back window restarts".
The case: specs/contracts/index-points-future.terms (TKX_Q, tick 0.25 points, `price limits dynamic 3.5% of the
prior settlement within 60 minutes, halting 2 minutes, rounded to the tick down`), prior settlement 5123.4, the
price path test/cases/halts/TKX_Q-path.csv. Reading of the window: the prices at or after both (the point's time
less 60 minutes) and the last resumption, before the point; the upper limit the window's low plus the variant, the
lower limit its high less the variant; a point while halted is left out."""
import datetime as dt
import json
from decimal import ROUND_FLOOR, Decimal

from _exchange_rules import parse_instant, rows

SOURCE = "CME Group Client Systems Wiki, Dynamic Circuit Breakers (and FAQ); specs/contracts/index-points-future.terms"
OUTPUT = "test/cases/halts/TKX_Q-2026-03-02.json"
TICK = Decimal("0.25")
WINDOW = dt.timedelta(minutes=60)
HALT = dt.timedelta(minutes=2)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def compute():
    prior = Decimal("5123.4")
    variant = (prior * Decimal("3.5") / 100 / TICK).to_integral_value(rounding=ROUND_FLOOR) * TICK
    path = [(parse_instant(r["time"]), Decimal(r["price"])) for r in rows("test/cases/halts/TKX_Q-path.csv")]
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
                halts.append({"at": iso(t), "price": str(price), "lower": str(lower), "upper": str(upper), "resumes": iso(until)})
                seen = []
                continue
        seen.append((t, price))
    return json.dumps({"variant": str(variant), "halts": halts, "haltedPoints": halted}, indent=2, sort_keys=True) + "\n"
