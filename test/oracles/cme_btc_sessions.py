"""CME Bitcoin futures (BTC): the CME Globex trading sessions around the 2025 Thanksgiving and Christmas holidays,
the 2026 change to summer time, and the product's first session, from the published trading hours.

Written from the rulebook text, not from the engine: "CME Globex: Sunday - Friday 5:00 p.m. - 4:00 p.m. Central Time
(CT) with a 60-minute break each day beginning at 4:00 p.m. CT" (CME Group, Bitcoin futures contract specifications,
Trading Hours). So each weekday Monday to Friday has one session, opening at 17:00 CT on the day before and closing
at 16:00 CT on the day. Holiday hours (CME Group Holiday Calendar): Christmas Day and New Year's Day have no session;
trading halts at 12:00 CT on Thanksgiving Day (CME Group holiday trading hours for Thanksgiving 2024, cryptocurrency:
"Thursday, November 28, 2024 (Thanksgiving Day): Trading halted at 12:00 PM CT", as summarised by forexlive.com);
the day after Thanksgiving closes at 12:45 CT and Christmas Eve at 12:15 CT (the CME Globex crypto special closes
of pandas_market_calendars' cme_globex_crypto.py, which cites the CME Globex holiday calendars). The first trade date
is 18 December 2017: "Listing Date: Effective December 17, 2017 for trade date of December 18, 2017".
Local times are turned into UTC with the IANA database (zoneinfo).
"""

import datetime
import json
from zoneinfo import ZoneInfo

OUTPUT = "test/cases/sessions/BTC.oracle.json"
SOURCE = (
    "CME Group, Bitcoin futures contract specifications (Trading Hours; Listing Date), cmegroup.com; "
    "CME Group Holiday Calendar, cmegroup.com/tools-information/holiday-calendar.html"
)

CT = ZoneInfo("America/Chicago")
RANGES = [("2017-12-15", "2017-12-20"), ("2025-11-23", "2025-11-30"), ("2025-12-21", "2026-01-04"), ("2026-03-05", "2026-03-10")]


def thanksgiving(year):
    d = datetime.date(year, 11, 1)
    while d.weekday() != 3:  # Thursday
        d += datetime.timedelta(days=1)
    return d + datetime.timedelta(days=21)


def observed(d):
    # Saturday -> Friday, Sunday -> Monday (a Saturday New Year's Day is not moved; none falls in these ranges).
    if d.weekday() == 5:
        return d - datetime.timedelta(days=1)
    if d.weekday() == 6:
        return d + datetime.timedelta(days=1)
    return d


def utc(day, hour, minute):
    local = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CT)
    return local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sessions(start, end):
    out, closed = [], []
    d = datetime.date.fromisoformat(start)
    last = datetime.date.fromisoformat(end)
    while d <= last:
        if d.weekday() < 5 and d >= datetime.date(2017, 12, 18):
            tg = thanksgiving(d.year)
            if d in (observed(datetime.date(d.year, 12, 25)), observed(datetime.date(d.year, 1, 1))):
                closed.append({"day": d.isoformat(), "name": "Christmas Day" if d.month == 12 else "New Year's Day"})
            else:
                close = (16, 0)
                if d == tg:
                    close = (12, 0)
                elif d == tg + datetime.timedelta(days=1):
                    close = (12, 45)
                elif d == datetime.date(d.year, 12, 24):
                    close = (12, 15)
                out.append({"day": d.isoformat(), "opens": utc(d - datetime.timedelta(days=1), 17, 0), "closes": utc(d, *close)})
        d += datetime.timedelta(days=1)
    return {"from": start, "to": end, "sessions": out, "closed": closed}


def compute():
    first = {"tradeDate": "2017-12-18", "opens": utc(datetime.date(2017, 12, 17), 17, 0)}
    return json.dumps({"first": first, "ranges": [sessions(a, b) for a, b in RANGES]}, indent=2) + "\n"
