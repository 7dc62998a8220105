"""GPUQ_H100 (specs/indices/gpu-h100-qualified.terms): marketplace VWAPs of qualifying trades, then their mean.

Computed from the case's observations with fractions, independently of the engine. The window is 15:00:00 (included)
to 16:00:00 (excluded) UK time on Friday 27 March 2026 (GMT, so UTC). Per marketplace, in time order: a trade with a
volume below 1 does not qualify; then a trade whose price differs from the marketplace's previous qualifying trade by
more than 20% of that price does not qualify (the first trade always does). Each marketplace's value is the VWAP of
its qualifying trades; the index is the mean of the three values, rounded half-even to 0.0001. The certificate lists,
per marketplace and rule, the number of trades left out.
"""
import csv
import json
import pathlib
from datetime import datetime, timezone
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/GPUQ_H100/index-qualified-trades/report-oracle.json"
SOURCE = (
    "GPUQ Index Methodology, Sections 2 and 3 (specs/indices/gpu-h100-qualified.terms): 'Only rentals of at least one "
    "GPU-hour qualify; a rental priced more than 20% from its marketplace's previous qualifying rental in the window "
    "does not.' and 'Each marketplace's price is the volume-weighted average of its qualifying rentals from 15:00 to "
    "16:00 UK time; the index is the mean of the marketplaces' prices.'"
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/GPUQ_H100/index-qualified-trades"
START = datetime(2026, 3, 27, 15, 0, tzinfo=timezone.utc)
END = datetime(2026, 3, 27, 16, 0, tzinfo=timezone.utc)
SOURCES = ["VAST_AI", "RUNPOD", "LAMBDA"]
MIN_VOLUME = F(1)
JUMP = F(20, 100)


def decimal_text(x):
    """A fraction as the engine prints it: terminating decimals whole, else I.F(R)."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    whole, rest = divmod(x.numerator, x.denominator)
    if rest == 0:
        return f"{sign}{whole}"
    seen, digits, r = {}, "", rest
    while r:
        if r in seen:
            return f"{sign}{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
        seen[r] = len(digits)
        r *= 10
        digits += str(r // x.denominator)
        r %= x.denominator
    return f"{sign}{whole}.{digits}"


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > F(1, 2) or (r == F(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def compute():
    trades = {s: [] for s in SOURCES}
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            if START <= t < END:
                trades[row["source"]].append((t, F(row["price"]), F(row["volume"])))
    values, left_out, counts = [], [], {}
    for s in SOURCES:
        rows = sorted(trades[s])
        sized = [x for x in rows if x[2] >= MIN_VOLUME]
        if len(sized) < len(rows):
            left_out.append((s, "trade-volume", len(rows) - len(sized)))
        kept = []
        for x in sized:
            if kept and abs(x[1] - kept[-1][1]) > JUMP * abs(kept[-1][1]):
                continue
            kept.append(x)
        if len(kept) < len(sized):
            left_out.append((s, "trade-jump", len(sized) - len(kept)))
        counts[s] = len(kept)
        values.append(sum(p * v for _, p, v in kept) / sum(v for _, _, v in kept))
    unrounded = sum(values) / len(values)
    out = {
        "certificate": {"unrounded": decimal_text(unrounded)},
        "certificate.exclusions.length": len(left_out),
        "value": decimal_text(round_half_even(unrounded, F(1, 10000))),
    }
    for i, (s, reason, n) in enumerate(left_out):
        out[f"certificate.exclusions.{i}.source"] = s
        out[f"certificate.exclusions.{i}.reason"] = reason
        out[f"certificate.exclusions.{i}.trades"] = n
    for i, s in enumerate(SOURCES):
        out[f"certificate.sources.{i}.name"] = s
        out[f"certificate.sources.{i}.observations"] = counts[s]
        out[f"certificate.sources.{i}.value"] = decimal_text(values[i])
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
