"""GAS_DAY (specs/indices/uk-gas-day.terms): the volume-weighted average price of the trades of one UK gas day.

Computed from the case's observations with fractions and the IANA time-zone database of Python's zoneinfo,
independently of the engine: the gas day ending on the fixing date D runs from 05:00 Europe/London on D - 1
(inclusive) to 05:00 Europe/London on D (exclusive), whatever the clock change between them; the value is
sum(price x volume) / sum(volume) over its trades, rounded half-up to 0.001.
"""
import csv
import json
import pathlib
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

OUTPUT = "test/cases/settlement/GAS_DAY/index-gas-day-clock-change/oracle.json"
SOURCE = (
    "Uniform Network Code (UNC), General Terms, Section A (Joint Office of Gas Transporters, gasgovernance.co.uk): "
    "'Gas Day means the period from 05:00 hours on one Day until 05:00 hours on the following Day'"
)

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "test/cases/settlement/GAS_DAY/index-gas-day-clock-change"
LONDON = ZoneInfo("Europe/London")
FIXING = date(2026, 3, 29)


def canonical(f):
    """A terminating decimal without trailing zeros (every value here terminates)."""
    scale = 0
    while (f * 10**scale).denominator != 1:
        scale += 1
    n = int(f * 10**scale)
    digits = str(abs(n)).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if n < 0 else "") + text


def compute():
    start = datetime.combine(FIXING - timedelta(days=1), time(5), LONDON).astimezone(timezone.utc)
    end = datetime.combine(FIXING, time(5), LONDON).astimezone(timezone.utc)
    pv = Fraction(0)
    volume = Fraction(0)
    used = []
    with open(CASE / "observations.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            t = datetime.fromisoformat(row["time"].replace("Z", "+00:00"))
            if start <= t < end:
                pv += Fraction(row["price"]) * Fraction(row["volume"])
                volume += Fraction(row["volume"])
                used.append(row["time"])
    unrounded = pv / volume
    q = unrounded * 1000
    whole = q.numerator // q.denominator
    if q - whole >= Fraction(1, 2):
        whole += 1
    out = {
        "hours": canonical(Fraction(int((end - start).total_seconds()), 3600)),
        "trades": used,
        "unrounded": canonical(unrounded),
        "value": canonical(Fraction(whole, 1000)),
        "window": [start.isoformat(), end.isoformat()],
    }
    return json.dumps(out, indent=2) + "\n"
