"""An averaging contract whose days without a published value are left out of the average (GPUHX, April 2026).

The clause: "If GPUX_H100 is not published for an averaging day, that day is left out of the average; it is not
carried forward" while at least 15 averaging days remain; otherwise each missing day takes the last value published
within 3 NYSE business days before it, flagged (specs/contracts/gpu-hour-average-omit.terms, after the "Omission"
election for a disrupted averaging date of the 2002 ISDA Equity Derivatives Definitions, Section 6.7(c)(i)).
The averaging days are the NYSE business days of April 2026, computed here from the weekday and Good Friday
(Easter by the anonymous Gregorian algorithm); the fixings are read from each case's fixings.csv.
"""
import csv
import datetime
import json
import pathlib
from decimal import Decimal, ROUND_HALF_UP

OUTPUT = "test/cases/settlement/GPUHX/oracle.json"
SOURCE = (
    "GPUHX 1205.C.1-2 (specs/contracts/gpu-hour-average-omit.terms): a missing averaging day is left out of the "
    "average while at least 15 days remain, else carried forward within 3 NYSE business days; the 'Omission' "
    "election of the 2002 ISDA Equity Derivatives Definitions, Section 6.7(c)(i)"
)
HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE.parent / "cases" / "settlement" / "GPUHX"
MINIMUM_DAYS = 15
CARRY_WITHIN = 3


def easter(year):
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


def nyse_business_day(d):
    # The April 2026 averaging days only need the weekend and Good Friday (no other NYSE holiday falls in March-April).
    assert d.month in (3, 4)
    return d.weekday() < 5 and d != easter(d.year) - datetime.timedelta(days=2)


def nyse_days_between(a, b):
    """Business days in [a, b)."""
    n, d = 0, a
    while d < b:
        n += nyse_business_day(d)
        d += datetime.timedelta(days=1)
    return n


def settle(fixings):
    days = [datetime.date(2026, 4, n) for n in range(1, 31)]
    days = [d for d in days if nyse_business_day(d)]
    missing = [d for d in days if d not in fixings]
    remaining = len(days) - len(missing)
    values, carried = {}, {}
    for d in days:
        if d in fixings:
            values[d] = fixings[d]
    if remaining < MINIMUM_DAYS:
        for d in missing:
            last = max(p for p in fixings if p < d)
            assert nyse_days_between(last, d) <= CARRY_WITHIN
            values[d] = fixings[last]
            carried[d.isoformat()] = last.isoformat()
        left_out = []
    else:
        left_out = [d.isoformat() for d in missing]
    total = sum(values.values(), Decimal(0))
    mean = total / len(values)
    return {
        "averagingDays": len(days),
        "carriedForward": carried,
        "daysInMean": len(values),
        "flagged": len(carried) > 0,
        "leftOut": left_out,
        "price": str(mean.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
        "sum": str(total),
    }


def compute():
    out = {}
    for case in sorted(p for p in CASES.iterdir() if (p / "fixings.csv").exists()):
        with open(case / "fixings.csv", newline="") as f:
            fixings = {datetime.date.fromisoformat(r["time"][:10]): Decimal(r["value"]) for r in csv.DictReader(f)}
        out[case.name] = settle(fixings)
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
