"""BTC_VTWAP (specs/indices/btc-vtwap.terms): a volume-time-weighted average price per minute, then their mean.

Computed from the case's observations with fractions, independently of the engine. The window is 15:55:00 (included)
to 16:00:00 (excluded) UTC, in five one-minute intervals. In each minute the trades of every exchange are pooled; the
trades at one instant form a group whose price stands from that instant until the next later trade of the minute, or
until the end of the minute for the last group; each trade weighs its volume times that time. The minute's value is
sum(price x volume x time) / sum(volume x time); a minute without trades is left out; the reference price is the mean
of the other minutes' values, rounded half-even to 0.01.
"""
import csv
import json
import pathlib
from datetime import datetime, timedelta, timezone
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/BTC_VTWAP/index-volume-time-weighted/report-oracle.json"
SOURCE = (
    "A volume-time-weighted average price (VTWAP), as FTSE Russell's digital asset reference prices name theirs "
    "beside the VWAP (FTSE Single Digital Asset Index Series, Ground Rules; Guide to the Calculation of the FTSE DAR "
    "Digital Asset Prices): each trade weighted by its volume and by the time its price stood, here until the next "
    "trade or the end of its minute, as grammar/README.md (Aggregation methods) defines `vtwap`."
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/BTC_VTWAP/index-volume-time-weighted"
START = datetime(2026, 3, 27, 15, 55, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


def decimal_text(x):
    """A fraction as the engine prints it: terminating decimals whole, else I.F(R) or 30 decimals and an ellipsis."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    whole, rest = divmod(x.numerator, x.denominator)
    if rest == 0:
        return f"{sign}{whole}"
    den = x.denominator
    seen, digits, r = {}, "", rest
    while r and len(digits) < 30:
        if r in seen:
            return f"{sign}{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
        seen[r] = len(digits)
        r *= 10
        digits += str(r // den)
        r %= den
    if r == 0:
        return f"{sign}{whole}.{digits}"
    if r in seen:
        return f"{sign}{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
    return f"{sign}{whole}.{digits}…"


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > F(1, 2) or (r == F(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def vtwap(trades, end):
    """trades: (instant, price, volume) in one minute; each instant's price stands until the next instant or `end`."""
    instants = sorted({t for t, _, _ in trades})
    num = den = F(0)
    for i, t in enumerate(instants):
        until = instants[i + 1] if i + 1 < len(instants) else end
        seconds = F((until - t) // timedelta(microseconds=1), 1_000_000)
        for u, p, v in trades:
            if u == t:
                num += p * v * seconds
                den += v * seconds
    return num / den


def compute():
    trades = []
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            trades.append((t, F(row["price"]), F(row["volume"])))
    values = []
    for i in range(5):
        a, b = START + i * MINUTE, START + (i + 1) * MINUTE
        inside = [x for x in trades if a <= x[0] < b]
        values.append(vtwap(inside, b) if inside else None)
    used = [v for v in values if v is not None]
    unrounded = sum(used) / len(used)
    out = {
        "certificate": {"unrounded": decimal_text(unrounded)},
        "certificate.partitions.length": 5,
        "value": decimal_text(round_half_even(unrounded, F(1, 100))),
    }
    for i, v in enumerate(values):
        out[f"certificate.partitions.{i}.value"] = None if v is None else decimal_text(v)
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
