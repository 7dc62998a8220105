"""A CME-style daily settlement over a strip, in dependency order, with a deferred month and a limit breach (issue 16,
"Deferred months": "the lead month's settlement plus the VWAP of the lead-second calendar spread", "the net change of the
previous month applied to this month"; "the procedure settles a whole strip in dependency order"; "Price limits": "a
settlement beyond the hard limit is flagged or clamped as the spec says").

The rules, from the public procedures (independently of the engine):
- CME Bitcoin futures daily settlement procedure: settlement period 14:59:00-15:00:00 Central Time; Tier 1 the VWAP of
  the month's trades, rounded to the nearest tradable tick, ties toward the prior settlement (here: only with more
  than five trades); Second Month Tier 1: "the spread VWAP is calculated, rounded to the spread's nearest tradable tick
  and then applied to the lead month settle to derive the second month settle" (the spread priced deferred less lead).
- CME daily settlement procedures (e.g. Nasdaq Veles California Water Index futures), Tier 3: "applying the net change
  from the preceding contract month to the given contract month's prior daily settlement price".
- The daily limit of 20% of the prior settlement: a settlement beyond it settles at the limit (BTC_DS: clamped).
"""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, parse_instant, rows, text
from cme_daily_trades import in_period, tick_toward_prior

SOURCE = (
    "CME Group, CME Bitcoin Futures Daily Settlement Procedure (Lead Month Tier 1, Second Month Tier 1) and the Tier 3 "
    "net change rule of CME daily settlement procedures (Nasdaq Veles California Water Index futures); issue 16; "
    "specs/contracts/btc-daily-strip.terms"
)
CASE = "test/cases/settlement/BTC_DS/strip-deferred-limit"
OUTPUT = CASE + "/report-oracle.json"
DAY = dt.date(2026, 3, 27)


def vwap(trades):
    return sum(Decimal(r["price"]) * Decimal(r["volume"]) for r in trades) / sum(Decimal(r["volume"]) for r in trades)


def clamp(price, prior):
    lower, upper = prior * Decimal("0.8"), prior * Decimal("1.2")
    return min(max(price, lower), upper), (lower, upper)


def compute():
    obs = [r for r in rows(CASE + "/observations.csv") if in_period(parse_instant(r["time"]), DAY)]
    of = lambda instrument: [r for r in obs if r["instrument"] == instrument]
    priors = {"J26": Decimal("60000"), "K26": Decimal("60200"), "M26": Decimal("60400")}
    settled = {}
    # The lead month, J26: its own VWAP (more than five trades).
    lead = of("BTC_DS-J26")
    assert len(lead) > 5
    settled["J26"], _ = clamp(tick_toward_prior(vwap(lead), priors["J26"]), priors["J26"])
    # K26: three outright trades only; the lead month plus the J26:K26 spread VWAP, rounded to the tick.
    assert len(of("BTC_DS-K26")) <= 5
    spread = tick_toward_prior(vwap(of("BTC_DS-J26:BTC_DS-K26")), priors["K26"] - priors["J26"])
    k_computed = settled["J26"] + spread
    settled["K26"], (k_lower, k_upper) = clamp(k_computed, priors["K26"])
    # M26: nothing of its own; the net change of K26 applied to its prior.
    assert not of("BTC_DS-M26") and not of("BTC_DS-J26:BTC_DS-M26")
    settled["M26"], _ = clamp(priors["M26"] + (settled["K26"] - priors["K26"]), priors["M26"])
    return dump(
        {
            "lead": "BTC_DS-J26",
            "months.0.symbol": "BTC_DS-J26",
            "months.0.price": text(settled["J26"]),
            "months.0.daily.step": 1,
            "months.1.symbol": "BTC_DS-K26",
            "months.1.daily.step": 2,
            "months.1.daily.breach": {
                "computed": text(k_computed),
                "lower": text(k_lower),
                "upper": text(k_upper),
                "action": "clamped",
                "price": text(settled["K26"]),
            },
            "months.1.price": text(settled["K26"]),
            "months.2.symbol": "BTC_DS-M26",
            "months.2.daily.step": 4,
            "months.2.price": text(settled["M26"]),
            "ok": True,
        }
    )
