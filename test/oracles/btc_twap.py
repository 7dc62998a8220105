"""BTC_TWAP (specs/indices/btc-twap.terms): a 30-minute time-weighted average of a sampled capped-median index.

Computed from the case's observations with fractions, independently of the engine: samples at 07:30:00 and every 4
seconds after it, before 08:00:00 (the window's end is excluded); at each sample each exchange's price is its latest
observation at or before the sample (the mean of several at that same instant) if it is at most 3 minutes old;
Gemini has weight 0 and is not used; the median of the held prices, each capped to +/-0.5% of it, averaged with the
fixed weights; a sample without any price is left out; the expiry price is the mean of the sample values, rounded
half-up to 0.01.
"""
import csv
import json
import pathlib
from datetime import datetime, timezone
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/BTC_TWAP/index-sampled-hold/report-oracle.json"
SOURCE = (
    "Deribit, Prices of Virtual Assets (support.deribit.com/hc/en-us/articles/25954416110877): 'The price used for "
    "the settlement and delivery of contracts will be calculated as the time-weighted average of the Deribit index "
    "over the last 30 min before the expiry. The Deribit index gets calculated every 4 seconds.' and 'The values that "
    "fall outside the +/-0.5% range of the median price are adjusted to the closest bandwidth price limit'; 'If the "
    "system doesn't receive any signal from an exchange for more than 3 minutes, this exchange will be taken out of "
    "the index calculation' (Deribit BTC index description)."
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/BTC_TWAP/index-sampled-hold"
START = datetime(2026, 3, 27, 7, 30, tzinfo=timezone.utc)
STEP = 4  # seconds
COUNT = 450  # 07:30:00 … 07:59:56
HOLD = 180  # seconds
CAP = F(5, 1000)
WEIGHTS = {"BITSTAMP": F("0.2"), "COINBASE": F("0.3"), "KRAKEN": F("0.3"), "LMAX_DIGITAL": F("0.2"), "GEMINI": F(0)}


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


def round_half_up(x, step):
    q, r = divmod(x / step, 1)
    return (int(q) + (1 if r >= F(1, 2) else 0)) * step


def compute():
    rows = []  # (seconds after START, source, price)
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            rows.append(((t - START).total_seconds(), row["source"], F(row["price"])))
    samples, counts = [], []
    for i in range(COUNT):
        at = i * STEP
        prices = {}
        for s, w in WEIGHTS.items():
            if w == 0:
                continue
            seen = [(t, p) for t, src, p in rows if src == s and t <= at]
            if not seen:
                continue
            last = max(t for t, _ in seen)
            if at - last > HOLD:
                continue
            same = [p for t, p in seen if t == last]
            prices[s] = sum(same) / len(same)
        counts.append(len(prices))
        if not prices:
            samples.append(None)
            continue
        ordered = sorted(prices.values())
        n = len(ordered)
        median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
        low, high = median * (1 - CAP), median * (1 + CAP)
        capped = {s: min(max(p, low), high) for s, p in prices.items()}
        samples.append(sum(capped[s] * WEIGHTS[s] for s in capped) / sum(WEIGHTS[s] for s in capped))
    values = [v for v in samples if v is not None]
    unrounded = sum(values) / len(values)
    out = {
        "certificate": {"unrounded": decimal_text(unrounded)},
        "value": decimal_text(round_half_up(unrounded, F(1, 100))),
    }
    # A few samples a reader can check by hand: the first, the last held by BITSTAMP's 07:27:32 price, the first
    # after it, the first empty one, the one at 07:45:00 exactly, the last non-empty and the last.
    for i in (0, 2, 8, 9, 52, 225, 270, 271, 449):
        out[f"certificate.samples.{i}.value"] = None if samples[i] is None else decimal_text(samples[i])
        out[f"certificate.samples.{i}.sources"] = counts[i]
    out["certificate.samples.length"] = COUNT
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
