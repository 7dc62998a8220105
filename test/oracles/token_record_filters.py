"""TOKT_QUAL (specs/indices/token-traded-qualified.terms): marketplace VWAPs of the trades that qualify on named
fields of their records, then their mean.

Computed from the case's observations with fractions, independently of the engine. The window is 15:00:00 (included)
to 16:00:00 (excluded) UK time on Friday 27 March 2026 (GMT, so UTC). A trade does not qualify when its `flags` (words
separated by ';') hold "affiliate" or "cancelled-before-confirmation", when its `type` is "spread-leg" or "option", or
when its `reversed_at` is at most 5 minutes after its time. The rules are applied in the order the methodology writes
them, each counting per marketplace the trades it leaves out (a trade left out by an earlier rule is not counted
again). Each marketplace's value is the VWAP of its qualifying trades; the index is the mean, rounded half-even to
0.0001.
"""
import csv
import json
import pathlib
from datetime import datetime, timedelta, timezone
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/TOKT_QUAL/index-qualified-record/report-oracle.json"
SOURCE = (
    "TOKT Index Methodology, Section 2 (specs/indices/token-traded-qualified.terms): 'Only arm's-length outright trades "
    "qualify: a trade between affiliated companies, a leg of a spread, an option, a trade cancelled before confirmation "
    "and a trade reversed within five minutes of its execution do not.'; its affiliate rule after the FERC Policy "
    "Statement on Natural Gas and Electric Price Indices (2003): data providers report 'each bilateral, arm's-length "
    "transaction between non-affiliated companies'."
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/TOKT_QUAL/index-qualified-record"
START = datetime(2026, 3, 27, 15, 0, tzinfo=timezone.utc)
END = datetime(2026, 3, 27, 16, 0, tzinfo=timezone.utc)
SOURCES = ["TOKENEX", "INFERX"]


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


RULES = [
    ("flagged", lambda r: "affiliate" in r["flags"].split(";")),
    ("spread", lambda r: r["type"] == "spread-leg"),
    ("option", lambda r: r["type"] == "option"),
    ("cancelled", lambda r: "cancelled-before-confirmation" in r["flags"].split(";")),
    ("reversed", lambda r: r["reversed_at"] != "" and when(r["reversed_at"]) - when(r["time"]) <= timedelta(minutes=5)),
]


def decimal_text(x):
    """A fraction as the engine prints it: terminating decimals whole, else I.F(R)."""
    whole, rest = divmod(x.numerator, x.denominator)
    if rest == 0:
        return f"{whole}"
    seen, digits, r = {}, "", rest
    while r:
        if r in seen:
            return f"{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
        seen[r] = len(digits)
        r *= 10
        digits += str(r // x.denominator)
        r %= x.denominator
    return f"{whole}.{digits}"


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > F(1, 2) or (r == F(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def compute():
    rows = {s: [] for s in SOURCES}
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            if START <= when(row["time"]) < END:
                rows[row["source"]].append(row)
    values, left_out, counts = [], [], {}
    for s in SOURCES:
        kept = rows[s]
        for _, test in RULES:
            out = [r for r in kept if test(r)]
            if out:
                left_out.append((s, len(out)))
            kept = [r for r in kept if not test(r)]
        counts[s] = len(kept)
        values.append(sum(F(r["price"]) * F(r["volume"]) for r in kept) / sum(F(r["volume"]) for r in kept))
    unrounded = sum(values) / len(values)
    out = {
        "certificate": {"unrounded": decimal_text(unrounded)},
        "certificate.exclusions.length": len(left_out),
        "value": decimal_text(round_half_even(unrounded, F(1, 10000))),
    }
    for i, (s, n) in enumerate(left_out):
        out[f"certificate.exclusions.{i}.source"] = s
        out[f"certificate.exclusions.{i}.reason"] = "trade-record"
        out[f"certificate.exclusions.{i}.trades"] = n
    for i, s in enumerate(SOURCES):
        out[f"certificate.sources.{i}.name"] = s
        out[f"certificate.sources.{i}.observations"] = counts[s]
        out[f"certificate.sources.{i}.value"] = decimal_text(values[i])
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
