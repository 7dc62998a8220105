"""An option on a future exercised into the expiring future (issue 16, Options: "in-the-money options are automatically
exercised into expiring cash-settled futures" -- CME Rulebook Chapter 350A, Options on Bitcoin Futures, Rule 350A02.E;
the result is a futures position at the strike, then the future's settlement). The case: specs/contracts/btc-options.terms
on BTC (final settlement: BTC_REF at 16:00 London on the last Friday of the month, rounded to 0.01 half-up; 5 bitcoin)."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, last_weekday, london_offset_hours, parse_instant, round_to, rows, text

SOURCE = "CME Rulebook Chapter 350A (Options on Bitcoin Futures), Rule 350A02.E, as quoted in issue 16"
CASE = "test/cases/settlement/BTC_OPT/call-exercised-into-future"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    ltd = last_weekday(2026, 3, 5)  # Fri 27 March 2026: a business day in London and New York
    fixing = None
    for r in rows(CASE + "/fixings.csv"):
        t = parse_instant(r["time"])
        local = t + dt.timedelta(hours=london_offset_hours(t))
        if r["index"] == "BTC_REF" and local.date() == ltd and local.time() == dt.time(16):
            fixing = Decimal(r["value"])
    future = round_to(fixing, "0.01", "half-up")
    strike = Decimal(87000)
    future_multiplier = Decimal(5)  # 5 BTC x USD per BTC
    option_multiplier = Decimal(5)  # contract unit 5 BTC
    per_option = option_multiplier / future_multiplier
    intrinsic = max(future - strike, Decimal(0))
    exercised = intrinsic > 0  # threshold 0: any amount in the money
    # A long futures position opened at the strike and closed at the final settlement price.
    futures_variation = (future - strike) * future_multiplier * per_option
    premium, quantity = Decimal(700), Decimal(2)
    return dump(
        {
            "lastTradingDay": ltd.isoformat(),
            "price": text(future),
            "option.intrinsic": text(intrinsic),
            "option.exercised": exercised,
            "option.payoff": text(intrinsic * option_multiplier),
            "option.futures.side": "long",
            "option.futures.quantity": text(per_option),
            "option.futures.price": text(strike),
            "option.futures.settlementPrice": text(future),
            "option.futures.variation": text(futures_variation),
            "position.variation": text((intrinsic - premium) * option_multiplier * quantity),
        }
    )
