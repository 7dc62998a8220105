"""Helpers shared by the oracles (standard library only): exact decimals, the rounding modes of the language
reference, UK and US civil time by their published rules, business days of England and Wales and New York, CSV
rows. Written from the published rules, not from the engine."""
import csv
import datetime as dt
import io
import json
import pathlib
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent

MODES = {
    "half-up": ROUND_HALF_UP,
    "half-down": ROUND_HALF_DOWN,
    "half-even": ROUND_HALF_EVEN,
    "down": ROUND_DOWN,
    "up": ROUND_UP,
    "floor": ROUND_FLOOR,
    "ceiling": ROUND_CEILING,
}


def round_to(value, increment, mode):
    """value rounded to a multiple of increment: n * increment for the whole n the mode chooses."""
    n = (Decimal(value) / Decimal(increment)).quantize(Decimal(1), rounding=MODES[mode])
    return n * Decimal(increment)


def text(d):
    """A decimal as the engine's canonical text: no exponent, no trailing zeros, no '-0'."""
    d = Decimal(d)
    if d == 0:
        return "0"
    s = format(d.normalize(), "f")
    return s


def last_weekday(year, month, weekday):
    """The last given ISO weekday (1 Monday .. 7 Sunday) of a month."""
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    d = nxt - dt.timedelta(days=1)
    while d.isoweekday() != weekday:
        d -= dt.timedelta(days=1)
    return d


def easter(year):
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def london_offset_hours(instant_utc):
    """UK civil time: GMT, or BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October."""
    y = instant_utc.year
    start = dt.datetime.combine(last_weekday(y, 3, 7), dt.time(1), tzinfo=dt.timezone.utc)
    end = dt.datetime.combine(last_weekday(y, 10, 7), dt.time(1), tzinfo=dt.timezone.utc)
    return 1 if start <= instant_utc < end else 0


def new_york_offset_hours(instant_utc):
    """US Eastern time: EST (UTC-5), or EDT (UTC-4) from 2:00 local on the second Sunday of March to 2:00 local on the first Sunday of November."""
    y = instant_utc.year
    mar = dt.date(y, 3, 1)
    second_sunday = mar + dt.timedelta(days=(7 - mar.isoweekday()) % 7 + 7)
    nov = dt.date(y, 11, 1)
    first_sunday = nov + dt.timedelta(days=(7 - nov.isoweekday()) % 7)
    start = dt.datetime.combine(second_sunday, dt.time(7), tzinfo=dt.timezone.utc)
    end = dt.datetime.combine(first_sunday, dt.time(6), tzinfo=dt.timezone.utc)
    return -4 if start <= instant_utc < end else -5


def parse_instant(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def rows(path):
    """The rows of a CSV file of a case, as dicts."""
    with open(ROOT / path, encoding="utf-8") as f:
        return list(csv.DictReader(io.StringIO(f.read())))


def dump(checks):
    """The oracle's output: the report fields it computed, by dotted path, as canonical JSON with a final newline."""
    return json.dumps(checks, indent=2, sort_keys=True) + "\n"
