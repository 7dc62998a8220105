"""CME Globex cryptocurrency products: the weekdays that are no trade date, 2018-2040, from CME Group's holiday rules.

Written from the published schedules, not from the engine: the ten US holidays CME Group observes (the 2023 "CME
Globex Trading Schedule" of https://www.cmegroup.com/tools-information/holiday-calendar.html lists Dr. Martin Luther
King, Jr., President's Day, Good Friday, Memorial Day, Juneteenth, Independence Day, Labor Day, Thanksgiving,
Christmas and New Year's), each with a trade date only on the next business day ("Trade Day: Tuesday, January 20"
for the holiday of Monday 19 January 2026). Fixed-date holidays on a Saturday are observed on the Friday, on a
Sunday on the Monday, except a Saturday New Year's Day, which is not moved (2021-12-31 traded; 2021-12-24,
2022-12-26 and 2023-01-02 did not). Juneteenth from 2022.
"""

import datetime
import json

OUTPUT = "test/cases/calendars/CME_GLOBEX_CRYPTO.oracle.json"
SOURCE = (
    "CME Group Holiday Calendar, https://www.cmegroup.com/tools-information/holiday-calendar.html "
    "(2023 CME Globex Trading Schedule); 2024 and 2026 schedules as republished by "
    "help.metrotrade.com/kb/holiday-trading-hours and edgeclear.com/exchange-holiday-hours"
)

FIRST, LAST = 2018, 2040


def easter(year):
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
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


def nth_weekday(year, month, weekday, n):
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def last_weekday(year, month, weekday):
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def observed(day, saturday_to_friday=True):
    if day.weekday() == 5:
        return day - datetime.timedelta(days=1) if saturday_to_friday else None
    if day.weekday() == 6:
        return day + datetime.timedelta(days=1)
    return day


MON, THU = 0, 3


def holidays(year):
    days = [
        (observed(datetime.date(year, 1, 1), saturday_to_friday=False), "New Year's Day"),
        (nth_weekday(year, 1, MON, 3), "Martin Luther King, Jr. Day"),
        (nth_weekday(year, 2, MON, 3), "Presidents' Day"),
        (easter(year) - datetime.timedelta(days=2), "Good Friday"),
        (last_weekday(year, 5, MON), "Memorial Day"),
        (observed(datetime.date(year, 6, 19)) if year >= 2022 else None, "Juneteenth"),
        (observed(datetime.date(year, 7, 4)), "Independence Day"),
        (nth_weekday(year, 9, MON, 1), "Labor Day"),
        (nth_weekday(year, 11, THU, 4), "Thanksgiving Day"),
        (observed(datetime.date(year, 12, 25)), "Christmas Day"),
    ]
    return [(d, name) for d, name in days if d is not None and FIRST <= d.year <= LAST]


def compute():
    days = sorted(d for year in range(FIRST, LAST + 2) for d in holidays(year))
    rows = [{"date": d.isoformat(), "name": name} for d, name in days if FIRST <= d.year <= LAST]
    return json.dumps({"calendar": "CME_GLOBEX_CRYPTO", "from": f"{FIRST}-01-01", "to": f"{LAST}-12-31", "holidays": rows}, indent=1) + "\n"
