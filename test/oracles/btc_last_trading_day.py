"""BTC (specs/contracts/btc-reference-future.terms): the last trading day of each contract month under CME's two
wordings of Termination of Trading, computed from the England and Wales bank holidays and the NYSE holidays as
published (gov.uk/bank-holidays, NYSE Rule 7.2), independently of the engine's calendars.

- "launch": the last Friday of the contract month; if that day is not a business day in both the UK and the US, the
  preceding day that is a business day in both.
- "current": the last Friday; if that day is not a business day in both London and the US, the prior day that is a
  business day in London or in the US ("prior": strictly before the last Friday).
- "either-trigger": the wording the repository modelled before (`adjusted preceding on LONDON_OR_NEW_YORK`): the last
  Friday kept when it is a business day in London or in the US, else the preceding such day. Kept to show where it
  differs from the current wording.

The output lists each month 2017-12 to 2030-12 with the three days, and the months of 2017-12 to 2100-12 where any two
of them differ.
"""
import datetime as dt
import json

from _exchange_rules import easter, last_weekday

OUTPUT = "test/runtime/schedule/btc-last-trading-days.oracle.json"
SOURCE = (
    "CME Group, Bitcoin futures contract specifications (cmegroup.com/markets/cryptocurrencies/bitcoin/"
    "bitcoin.contractSpecs.html), Termination of Trading: 'Trading terminates at 4:00 p.m. London time on the last "
    "Friday of the contract month. If this is not both a London and U.S. business day, trading terminates on the prior "
    "London or U.S. business day.' At launch (CME, quoted by MarketsMedia, 'CME Announces Specifics of Bitcoin "
    "Futures', 21 November 2017): 'If that day is not a business day in both the UK and the US, trading terminates on "
    "the preceding day that is a business day for both the UK and the US.'"
)

D = dt.date
DAY = dt.timedelta(days=1)


def weekend(d):
    return d.isoweekday() >= 6


def nth_weekday(year, month, weekday, n):
    d = D(year, month, 1)
    d += dt.timedelta(days=(weekday - d.isoweekday()) % 7)
    return d + dt.timedelta(days=7 * (n - 1))


def england_wales(year):
    """Bank holidays in England and Wales (gov.uk/bank-holidays; Banking and Financial Dealings Act 1971)."""
    out = set()
    e = easter(year)
    out |= {e - 2 * DAY, e + DAY}
    early_may = {1995: D(1995, 5, 8), 2020: D(2020, 5, 8)}.get(year, nth_weekday(year, 5, 1, 1))
    spring = {2002: D(2002, 6, 4), 2012: D(2012, 6, 4), 2022: D(2022, 6, 2)}.get(year, last_weekday(year, 5, 1))
    out |= {early_may, spring, last_weekday(year, 8, 1)}
    out |= {
        d
        for d in (D(1999, 12, 31), D(2002, 6, 3), D(2011, 4, 29), D(2012, 6, 5), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8))
        if d.year == year
    }
    # New Year's Day, Christmas Day and Boxing Day: a weekend day is replaced by the next weekday not already a holiday.
    for fixed in (D(year, 1, 1), D(year, 12, 25), D(year, 12, 26)):
        d = fixed
        while weekend(d) or d in out:
            d += DAY
        out.add(d)
    return out


def observed(d, saturday_to_friday=True):
    if d.isoweekday() == 6:
        return d - DAY if saturday_to_friday else None
    if d.isoweekday() == 7:
        return d + DAY
    return d


def nyse(year):
    """NYSE holidays (NYSE Rule 7.2): Saturday holidays on Friday, Sunday on Monday; a Saturday New Year's Day is not moved."""
    out = {
        nth_weekday(year, 1, 1, 3),
        nth_weekday(year, 2, 1, 3),
        easter(year) - 2 * DAY,
        last_weekday(year, 5, 1),
        nth_weekday(year, 9, 1, 1),
        nth_weekday(year, 11, 4, 4),
        observed(D(year, 7, 4)),
        observed(D(year, 12, 25)),
    }
    ny = observed(D(year, 1, 1), saturday_to_friday=False)
    if ny is not None:
        out.add(ny)
    if year >= 2022:
        out.add(observed(D(year, 6, 19)))
    out |= {d for d in (D(2018, 12, 5), D(2025, 1, 9)) if d.year == year}
    return out


HOLIDAYS = {}


def closed(d, calendar):
    key = (calendar, d.year)
    if key not in HOLIDAYS:
        HOLIDAYS[key] = england_wales(d.year) if calendar == "london" else nyse(d.year)
    return weekend(d) or d in HOLIDAYS[key]


def both(d):
    return not closed(d, "london") and not closed(d, "ny")


def either(d):
    return not closed(d, "london") or not closed(d, "ny")


def preceding(d, business, strictly=False):
    if strictly:
        d -= DAY
    while not business(d):
        d -= DAY
    return d


def days(year, month):
    friday = last_weekday(year, month, 5)
    launch = friday if both(friday) else preceding(friday, both, strictly=True)
    current = friday if both(friday) else preceding(friday, either, strictly=True)
    either_trigger = preceding(friday, either)
    return {"launch": launch.isoformat(), "current": current.isoformat(), "eitherTrigger": either_trigger.isoformat()}


def months(first, last):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def compute():
    table = {f"{y}-{m:02d}": days(y, m) for y, m in months((2017, 12), (2030, 12))}
    differ = {}
    for y, m in months((2017, 12), (2100, 12)):
        r = days(y, m)
        if len(set(r.values())) > 1:
            differ[f"{y}-{m:02d}"] = r
    return json.dumps({"months": table, "differ": differ}, indent=2) + "\n"
