"""A final settlement through the disruption fallbacks of the 2005 ISDA Commodity Definitions, Section 7.5(c), as
specs/contracts/foti-isda-fallbacks.terms (FOTI_ISDA) elects them: Postponement (2 London business days), Fallback
Reference Price (AITOK_OUT_ALT), Negotiated Fallback (3 business days), Fallback Reference Dealers (5 dealers, at
least 3 quotations, "the arithmetic mean of the quotations … without regard to the quotations having the highest and
lowest values", within 5 business days), Calculation Agent Determination. Written from the clauses: the deadline is
counted on England and Wales business days (weekends, Good Friday and Easter Monday in March-April), a quotation
counts when given on or before the deadline day, the mean is rounded to 0.001 half-even as the step says, and the
final settlement rounds to 0.001 half-even (1108.A)."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, easter, last_weekday, round_to, rows, text

SOURCE = (
    "2005 ISDA Commodity Definitions, Section 7.5(c) Disruption Fallbacks: (i) Fallback Reference Dealers, "
    "(iii) Negotiated Fallback, (v) Postponement, (vi) Calculation Agent Determination; "
    "specs/contracts/foti-isda-fallbacks.terms"
)
CASE = "test/cases/settlement/FOTI_ISDA/dealer-poll"
OUTPUT = CASE + "/report-oracle.json"


def london_business_day(d):
    e = easter(d.year)
    return d.isoweekday() <= 5 and d not in {e - dt.timedelta(days=2), e + dt.timedelta(days=1)}


def add_business_days(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if london_business_day(d):
            n -= 1
    return d


def last_trading_day(year, month):
    d = last_weekday(year, month, 5)
    while not london_business_day(d):
        d -= dt.timedelta(days=1)
    return d


def compute():
    ltd = last_trading_day(2026, 3)
    deadline = add_business_days(ltd, 5)
    quotes = [r for r in rows(CASE + "/dealer-quotes.csv") if r["index"] == "AITOK_OUT" and r["date"] == ltd.isoformat()]
    given = [r for r in quotes if dt.date.fromisoformat(r["given"]) <= deadline]
    in_time = sorted(Decimal(r["quote"]) for r in given)
    # The value is known when the last quote in time is given: the final settlement day, and the payment one London
    # business day after it (1108.B).
    known = max(dt.date.fromisoformat(r["given"]) for r in given)
    assert len(in_time) >= 3, "the poll must reach its quorum of three quotations"
    kept = in_time[1:-1]  # without the highest and the lowest
    poll = round_to(sum(kept) / len(kept), "0.001", "half-even")
    price = round_to(poll, "0.001", "half-even")
    return dump(
        {
            "lastTradingDay": ltd.isoformat(),
            "settlementDate": known.isoformat(),
            "payment.date": add_business_days(known, 1).isoformat(),
            "price": text(price),
            "days.0.level": 4,
            "days.0.index": "dealer poll of AITOK_OUT",
            "position.variation": text((price - Decimal("10.000")) * 1000 * 2),
        }
    )
