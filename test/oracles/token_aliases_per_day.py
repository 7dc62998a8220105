"""TOKO_24H (specs/indices/token-output-24h.terms): a 24-hour VWAP of output-token trades per marketplace, each model
listed under ordered aliases decided per day, with trade qualification on the side and the counterparty of the record.

Computed from the case's observations with fractions, independently of the engine. The window is 16:00:00 (included)
on Thursday 26 March 2026 to 16:00:00 (excluded) on Friday 27 March 2026, UK time (GMT, so UTC): it spans two days,
split at midnight UK time. Per marketplace and day, the aliases are looked at in order, and the first with a trade
that day ("present in the catalogue on a given date") is that day's model: its trades of the day are used, the trades
of the other aliases that day are left out, and a trade naming a model not in the list is left out. Then, in the order
the methodology writes them, a trade reported by its buy side, a trade flagged "affiliate" (a word of `flags`, separated
by ';') and a trade with the counterparty "TSB-MM" do not qualify (each counted once, by the first rule that leaves it
out). Each marketplace's value is the VWAP of its qualifying trades; a marketplace whose qualifying trades name fewer
than three different counterparties is not used; the index is the mean of the others, rounded half-even to 0.0001.
"""
import csv
import json
import pathlib
from datetime import datetime, timezone
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/TOKO_24H/index-aliases-per-day/report-oracle.json"
SOURCE = (
    "TOKO Index Methodology, Section 2 (specs/indices/token-output-24h.terms): 'ordered aliases; the first one present "
    "in the catalogue on a given date is used'; Section 3: each trade is counted once, by the seller's report, and trades "
    "between affiliated companies or with the administrator's market-making affiliate do not qualify, after the FERC "
    "Policy Statement on Natural Gas and Electric Price Indices (2003): data providers report 'each bilateral, "
    "arm's-length transaction between non-affiliated companies'."
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/TOKO_24H/index-aliases-per-day"
START = datetime(2026, 3, 26, 16, 0, tzinfo=timezone.utc)
MIDNIGHT = datetime(2026, 3, 27, 0, 0, tzinfo=timezone.utc)  # UK midnight in GMT
END = datetime(2026, 3, 27, 16, 0, tzinfo=timezone.utc)
ALIASES = {
    "TOKENEX": ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929"],
    "INFERX": ["gpt-5", "gpt-5-2025-08-07"],
}
MIN_COUNTERPARTIES = 3
RULES = [
    lambda r: r["side"] == "buy",
    lambda r: "affiliate" in r["flags"].split(";"),
    lambda r: r["counterparty"] == "TSB-MM",
]


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


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


def used_rows(source, rows):
    """The rows of the aliases chosen on each day, the models chosen with their days, and the number of rows of a
    listed alias passed over on each day, then of models not listed (the certificate's `model` exclusions)."""
    kept, chosen, left_out = [], [], []
    for day, label in ((0, "2026-03-26"), (1, "2026-03-27")):
        of_day = [r for r in rows if (when(r["time"]) >= MIDNIGHT) == (day == 1)]
        for alias in ALIASES[source]:
            if any(r["instrument"] == alias for r in of_day):
                chosen.append(f"{alias} on {label}")
                kept += [r for r in of_day if r["instrument"] == alias]
                others = [r for r in of_day if r["instrument"] in ALIASES[source] and r["instrument"] != alias]
                if others:
                    left_out.append(len(others))
                break
    unlisted = [r for r in rows if r["instrument"] not in ALIASES[source]]
    if unlisted:
        left_out.append(len(unlisted))
    return kept, chosen, left_out


def compute():
    rows = {s: [] for s in ALIASES}
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            if START <= when(row["time"]) < END:
                rows[row["source"]].append(row)
    values, out = [], {}
    # The certificate lists the rows each source's model choice left out, source by source, then the trades each
    # qualification rule left out, source by source in the order the rules are written.
    model_exclusions, trade_exclusions = [], []
    for i, s in enumerate(ALIASES):
        kept, chosen, left_out = used_rows(s, rows[s])
        model_exclusions += [(s, "model", None) for _ in left_out]
        for test in RULES:
            n = sum(1 for r in kept if test(r))
            if n:
                trade_exclusions.append((s, "trade-record", n))
            kept = [r for r in kept if not test(r)]
        value = sum(F(r["price"]) * F(r["volume"]) for r in kept) / sum(F(r["volume"]) for r in kept)
        # minimum counterparties 3: a marketplace whose qualifying trades name fewer is not used.
        used = len({r["counterparty"] for r in kept if r["counterparty"] != ""}) >= MIN_COUNTERPARTIES
        if used:
            values.append(value)
        out[f"certificate.sources.{i}.used"] = used
        out[f"certificate.sources.{i}.name"] = s
        out[f"certificate.sources.{i}.model"] = ", ".join(chosen)
        out[f"certificate.sources.{i}.observations"] = len(kept)
        out[f"certificate.sources.{i}.value"] = decimal_text(value)
    exclusions = model_exclusions + trade_exclusions
    for j, (s, reason, n) in enumerate(exclusions):
        out[f"certificate.exclusions.{j}.source"] = s
        out[f"certificate.exclusions.{j}.reason"] = reason
        if n is not None:
            out[f"certificate.exclusions.{j}.trades"] = n
    out["certificate.exclusions.length"] = len(exclusions)
    unrounded = sum(values) / len(values)
    out["certificate"] = {"unrounded": decimal_text(unrounded)}
    out["value"] = decimal_text(round_half_even(unrounded, F(1, 10000)))
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
