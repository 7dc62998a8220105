"""UK_OFFPEAK (specs/indices/uk-off-peak.terms): the mean of the hourly volume-weighted prices of the off-peak hours.

Computed from the case's observations with fractions and the IANA time-zone database of Python's zoneinfo,
independently of the engine: the off-peak hours of the EFA day ending on the fixing date D are the hours from 23:00
Europe/London on D - 1 to 07:00 on D and from 19:00 to 23:00 on D (each piece's start included, its end excluded);
each hour's value is sum(price x volume) / sum(volume) of its trades, an hour without trades is left out, and the
index is the mean of the hour values, rounded half-even to 0.01.
"""
import csv
import json
import pathlib
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

OUTPUT = "test/cases/settlement/UK_OFFPEAK/index-off-peak-pieces/report-oracle.json"
SOURCE = (
    "ICE Futures Europe, UK Peak Electricity Futures, contract specifications (theice.com/products/912): 'Contracts "
    "are for physical delivery of Electricity on a peakload basis, i.e. 07:00 - 19:00 LLT Monday - Friday'; the EFA "
    "day runs from 23:00 to 23:00 UK time, and its off-peak hours are those outside the peak hours"
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/UK_OFFPEAK/index-off-peak-pieces"
LONDON = ZoneInfo("Europe/London")
FIXING = date(2026, 1, 15)


def at(day, hour):
    return datetime.combine(day, time(hour), LONDON).astimezone(timezone.utc)


def decimal_text(f):
    """A terminating decimal without trailing zeros (every value here terminates)."""
    scale = 0
    while (f * 10**scale).denominator != 1:
        scale += 1
    n = int(f * 10**scale)
    digits = str(abs(n)).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    return ("-" if n < 0 else "") + text


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > Fraction(1, 2) or (r == Fraction(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def compute():
    pieces = [(at(FIXING - timedelta(days=1), 23), at(FIXING, 7)), (at(FIXING, 19), at(FIXING, 23))]
    hours = []
    for start, end in pieces:
        t = start
        while t < end:
            hours.append((t, t + timedelta(hours=1)))
            t += timedelta(hours=1)
    trades = []
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            trades.append((t, Fraction(row["price"]), Fraction(row["volume"])))
    values = []
    for a, b in hours:
        inside = [(p, v) for t, p, v in trades if a <= t < b]
        values.append(None if not inside else sum(p * v for p, v in inside) / sum(v for _, v in inside))
    used = [v for v in values if v is not None]
    unrounded = sum(used) / len(used)
    out = {
        "certificate": {
            "unrounded": decimal_text(unrounded),
            "window": {
                "from": pieces[0][0].isoformat(),
                "to": pieces[0][1].isoformat(),
                "also": [{"from": pieces[1][0].isoformat(), "to": pieces[1][1].isoformat()}],
            },
        },
        "certificate.partitions.length": len(hours),
        "value": decimal_text(round_half_even(unrounded, Fraction(1, 100))),
    }
    for i, v in enumerate(values):
        out[f"certificate.partitions.{i}.from"] = hours[i][0].isoformat()
        out[f"certificate.partitions.{i}.value"] = None if v is None else decimal_text(v)
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
