"""The midpoint of the best bid and offer over a settlement period (issue 16: "the midpoint of the best bid and offer
over the settlement period, not only at an instant"), on the lead-month tiers of CME's Bitcoin futures procedure:
"Tier 2: If no trades in the lead month occur between 14:59:00 and 15:00:00 CT, the contract month settles to the
midpoint of the Bid/Ask between 14:59:00 to 15:00:00 CT, the settlement period. Tier 3: If a two sided market is not
available on CME Globex during the closing period, the reference rate will be used in the following Carry
calculation". CME does not say how the quotes of the period are combined; the contract weighs each midpoint by the
time it stood, as Bitnomial Exchange Rulebook Rule 509 writes it ("The time-weighted average price (TWAP) of the
bid-ask spread midpoint during the Settlement Period"), counting only the time both a bid and an offer stood.
Quote updates are the observation rows whose part is `bid` or `offer`; a volume of 0 withdraws that side.
The case: specs/contracts/btc-daily-carry.terms (BTC_DC, tick 5 USD per BTC, 5 BTC a contract)."""
import datetime as dt
from decimal import Decimal
from fractions import Fraction

from _exchange_rules import dump, new_york_offset_hours, parse_instant, rows, text

SOURCE = (
    "CME Group Client Systems Wiki, 'Bitcoin': CME Bitcoin Futures Daily Settlement Procedure, Lead Month, Tiers 2 "
    "and 3; Bitnomial Exchange Rulebook, Rule 509 (Floating Market Price, method 2); specs/contracts/btc-daily-carry.terms"
)
CASE = "test/cases/settlement/BTC_DC/daily-period-midpoint"
OUTPUT = CASE + "/report-oracle.json"
TICK = Fraction(5)


def period(day):
    """14:59:00 to 15:00:00 Central Time on the day, as UTC instants (Central time is Eastern time less an hour)."""
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)
    offset = dt.timedelta(hours=new_york_offset_hours(noon) - 1)
    start = dt.datetime.combine(day, dt.time(14, 59), tzinfo=dt.timezone.utc) - offset
    return start, start + dt.timedelta(minutes=1)


def time_weighted_midpoint(path, day):
    """(two-sided seconds, period seconds, midpoint or None) of the quote rows of the file over the period."""
    start, end = period(day)
    quotes = [r for r in rows(path) if r.get("part") in ("bid", "offer")]
    # The stretches between the updates inside the period, each weighed by its length.
    edges = [start] + [parse_instant(r["time"]) for r in quotes if start < parse_instant(r["time"]) < end] + [end]
    total = Fraction(0)
    weight = Fraction(0)
    for a, b in zip(edges, edges[1:]):
        side = {"bid": None, "offer": None}
        for r in quotes:  # the state during [a, b): every update at or before a, in file order
            if parse_instant(r["time"]) <= a:
                side[r["part"]] = None if Decimal(r["volume"]) == 0 else Fraction(Decimal(r["price"]))
        if side["bid"] is not None and side["offer"] is not None and b > a:
            seconds = Fraction((b - a).total_seconds())
            total += (side["bid"] + side["offer"]) / 2 * seconds
            weight += seconds
    inside = len(edges) - 2
    return inside, weight, Fraction((end - start).total_seconds()), (total / weight if weight else None)


def repeating(f):
    """A positive fraction as a decimal with its repeating digits in parentheses: 4785625/55 is 87011.(36)."""
    whole, rest = divmod(f.numerator, f.denominator)
    digits, seen = [], {}
    while rest and rest not in seen:
        seen[rest] = len(digits)
        q, rest = divmod(rest * 10, f.denominator)
        digits.append(str(q))
    if not digits:
        return str(whole)
    if not rest:
        return f"{whole}." + "".join(digits)
    i = seen[rest]
    return f"{whole}." + "".join(digits[:i]) + "(" + "".join(digits[i:]) + ")"


def dec(f):
    """A fraction whose decimal expansion ends, as a Decimal."""
    return Decimal(f.numerator) / Decimal(f.denominator)


def tick_toward_prior(value, prior):
    low = (value // TICK) * TICK
    high = low if low == value else low + TICK
    if value - low != high - value:
        return low if value - low < high - value else high
    return low if prior < value else high


def compute():
    day = dt.date(2026, 3, 27)
    prior = Fraction(87000)
    trades = [r for r in rows(CASE + "/observations.csv") if r.get("part") not in ("bid", "offer")]
    start, end = period(day)
    assert not [r for r in trades if start <= parse_instant(r["time"]) < end]  # tier 1: no trade in the period
    updates, two_sided, whole, mid = time_weighted_midpoint(CASE + "/observations.csv", day)
    price = tick_toward_prior(mid, prior)
    return dump(
        {
            "daily.step": 2,
            "daily.stepKind": "period-midpoint",
            "daily.attempts.1": f"step 2 (period-midpoint): {updates} quote update(s) in the period, two-sided for {two_sided} s of {whole} s, time-weighted midpoint {repeating(mid)}",
            "price": text(dec(price)),
            "position.variation": text(dec((price - 87000) * 5)),
        }
    )
