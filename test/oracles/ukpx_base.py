"""UKPX_BASE (specs/indices/uk-power-da.terms): the mean of the hourly matching prices of the power day, an hour
without a price left out and the value flagged "*"; a day without any hourly price carries the last published value
forward, flagged "carried forward".

Computed from the cases' observations and fixings with fractions and Python's zoneinfo, independently of the engine:
the power day ending on the fixing date D runs from 23:00 Europe/London on D - 1 (included) to 23:00 on D (excluded),
24 hours in winter; each hour's value is the mean of its prices (one matching price per hour here), an hour without a
price is left out, and the index is the mean of the hour values, rounded half-even to 0.01, flagged "*" when an hour
was left out. With no hour value at all, the value is the last fixing published before D, flagged "carried forward".
"""
import csv
import json
import pathlib
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

OUTPUT = "test/cases/settlement/UKPX_BASE/index-missing-hour/report-oracle.json"
SOURCE = (
    "APX Power UK, UKPX Auction Index Methodology (apxgroup.com): 'UKPX Auction Base: Non-weighted arithmetic average "
    "of the matching prices of each Hour instrument between 23:00 and 23:00 prevailing UK local time'; General "
    "Provisions: 'should there be an hourly price missing in the calculation. The index should be calculated using the "
    "non-weighted arithmetic average of available prices; the asterisk \"*\" will be displayed next to the index'"
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASES = ROOT / "test/cases/settlement/UKPX_BASE"
LONDON = ZoneInfo("Europe/London")


def at(day, hour):
    return datetime.combine(day, time(hour), LONDON).astimezone(timezone.utc)


def decimal_text(f):
    """A decimal without trailing zeros; a non-terminating one as I.P(R), the repeating part R in parentheses."""
    if not terminates(f):
        return repeating_text(f)
    scale = 0
    while (f * 10**scale).denominator != 1:
        scale += 1
    n = int(f * 10**scale)
    digits = str(abs(n)).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    return ("-" if n < 0 else "") + text


def terminates(f):
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def repeating_text(f):
    """By number theory, not long division: the non-repeating part has as many digits as the larger power of 2 or 5
    in the denominator, and the repeating part as many as the order of 10 modulo the rest (30 decimals at most)."""
    d = f.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    pre = max(twos, fives)
    period = 1
    while pow(10, period, d) != 1:
        period += 1
    assert pre + period <= 30
    a = abs(f)
    digits = str(int(a * 10 ** (pre + period)) % 10 ** (pre + period)).rjust(pre + period, "0")
    return ("-" if f < 0 else "") + f"{int(a)}.{digits[:pre]}({digits[pre:]})"


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > Fraction(1, 2) or (r == Fraction(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def trades(case):
    with open(CASES / case / "observations.csv", newline="") as fh:
        return [
            (datetime.fromisoformat(row["time"].replace("Z", "+00:00")), Fraction(row["price"]))
            for row in csv.DictReader(fh)
        ]


def hours_of(fixing):
    start, end = at(fixing - timedelta(days=1), 23), at(fixing, 23)
    hours = []
    t = start
    while t < end:
        hours.append((t, t + timedelta(hours=1)))
        t += timedelta(hours=1)
    return hours


def hour_values(case, fixing):
    rows = trades(case)
    values = []
    for a, b in hours_of(fixing):
        inside = [p for t, p in rows if a <= t < b]
        values.append(None if not inside else sum(inside) / len(inside))
    return values


def missing_hour():
    fixing = date(2026, 1, 15)
    values = hour_values("index-missing-hour", fixing)
    used = [v for v in values if v is not None]
    unrounded = sum(used) / len(used)
    hours = hours_of(fixing)
    out = {
        "certificate": {"flags": ["*"], "unrounded": decimal_text(unrounded)},
        "certificate.partitions.length": len(hours),
        "status": "flagged",
        "value": decimal_text(round_half_even(unrounded, Fraction(1, 100))),
    }
    for i, v in enumerate(values):
        out[f"certificate.partitions.{i}.from"] = hours[i][0].isoformat()
        out[f"certificate.partitions.{i}.value"] = None if v is None else decimal_text(v)
    return out


def carried_forward():
    fixing = date(2026, 1, 16)
    values = hour_values("index-carried-forward", fixing)
    assert all(v is None for v in values)
    with open(CASES / "index-carried-forward" / "fixings.csv", newline="") as fh:
        published = [
            (datetime.fromisoformat(r["time"].replace("Z", "+00:00")).astimezone(LONDON).date(), r["value"])
            for r in csv.DictReader(fh)
        ]
    last = max((d, v) for d, v in published if d < fixing)
    return {"certificate": {"flags": ["carried forward"], "unrounded": None}, "status": "flagged", "value": last[1]}


def compute():
    return json.dumps(missing_hour(), indent=2, sort_keys=True) + "\n"
