"""BTC_EXP (specs/indices/btc-expiry.terms): a 30-minute time-weighted average of a capped-median index, per interval.

Computed from the case's observations with fractions, independently of the engine: each 4-second interval of the
window 07:30:00 (inclusive) to 08:00:00 (exclusive) UTC takes each exchange's mean price in it, caps each price to
+/-0.5% of the median of the exchanges' prices, averages the capped prices with equal weights, and the expiry price
is the mean of the interval values of the intervals that have one, rounded half-up to 0.01.
"""
import csv
import json
import pathlib
from datetime import datetime, timezone
from fractions import Fraction

OUTPUT = "test/cases/settlement/BTC_EXP/index-per-interval/oracle.json"
SOURCE = (
    "Deribit, Prices of Virtual Assets (support.deribit.com/hc/en-us/articles/25954416110877): 'The sample exchanges "
    "are then benchmarked against the median price of the included exchanges. The values that fall outside the "
    "+/-0.5% range of the median price are adjusted to the closest bandwidth price limit. Consequently, the index is "
    "calculated as the equally-weighted average of these values.' and 'The price used for the settlement and delivery "
    "of contracts will be calculated as the time-weighted average of the Deribit index over the last 30 min before "
    "the expiry. The Deribit index gets calculated every 4 seconds.'"
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/BTC_EXP/index-per-interval"
START = datetime(2026, 3, 27, 7, 30, tzinfo=timezone.utc)
STEP = 4  # seconds
COUNT = 450
CAP = Fraction(5, 1000)


def canonical(f):
    """The engine's text of an exact value: a terminating decimal without trailing zeros, else num/den."""
    den = f.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return f"{f.numerator}/{f.denominator}"
    scale = max(twos, fives)
    n = f.numerator * 10**scale // f.denominator
    sign = "-" if n < 0 else ""
    digits = str(abs(n)).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return sign + text


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 == 1 else (s[n // 2 - 1] + s[n // 2]) / 2


def round_half_up(f, inc):
    q = f / inc
    whole = q.numerator // q.denominator
    if q - whole >= Fraction(1, 2):
        whole += 1
    return whole * inc


def compute():
    by_interval = {}
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            seconds = (t - START).total_seconds()
            if seconds < 0 or seconds >= STEP * COUNT:
                continue
            i = int(seconds // STEP)
            by_interval.setdefault(i, {}).setdefault(row["source"], []).append(Fraction(row["price"]))
    values = {}
    for i in sorted(by_interval):
        prices = [sum(p) / len(p) for p in by_interval[i].values()]
        m = median(prices)
        low, high = m * (1 - CAP), m * (1 + CAP)
        capped = [min(max(p, low), high) for p in prices]
        values[i + 1] = sum(capped) / len(capped)
    unrounded = sum(values.values()) / len(values)
    out = {
        "intervals": {str(i): canonical(v) for i, v in values.items()},
        "unrounded": canonical(unrounded),
        "value": canonical(round_half_up(unrounded, Fraction(1, 100))),
    }
    return json.dumps(out, indent=2) + "\n"
