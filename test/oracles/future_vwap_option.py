"""An option fixed on the VWAP of its underlying future's trades, where CME uses one: the options on Bitcoin Friday
futures that expire before the last business day of the week (CME Group, "Understanding options on Bitcoin Friday
futures": "Options expiring prior to the last business day of the week shall correspond to a volume-weighted average
price of transactions in BFF during the last sixty minutes of trading on the expiration date of the associated
options contract (3:00:00 p.m. – 3:59:59 p.m. ET)"). The case: specs/contracts/btc-weekday-options.terms (BFF_WED,
one BFF contract of 0.02 BTC, in the money by any amount exercised), the Wednesday option of ISO week 3 of 2026: the
trades of that week's BFF contract from 15:00:00 inclusive to 16:00:00 exclusive New York time on Wednesday 14
January 2026, sum(price x volume) / sum(volume), half-up to the cent; a put struck at 95000, a position of 2 at 400.
(The Friday options settle at BFF's final settlement price instead: BFF_OPT, hand-checked in its case's note.)"""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, new_york_offset_hours, parse_instant, round_to, rows, text

SOURCE = "CME Group, Understanding options on Bitcoin Friday futures (VWAP 3:00:00-3:59:59 p.m. ET before the last business day); specs/contracts/btc-weekday-options.terms"
CASE = "test/cases/settlement/BFF_WED/put-fixed-on-wednesday-vwap"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    expiry = dt.date(2026, 1, 14)  # the Wednesday of ISO week 3 of 2026, a CME Globex crypto trade date
    assert expiry.isocalendar()[:2] == (2026, 3) and expiry.isoweekday() == 3
    trades = []
    for r in rows(CASE + "/observations.csv"):
        t = parse_instant(r["time"])
        local = t + dt.timedelta(hours=new_york_offset_hours(t))
        if r["instrument"] == "BFF-26W03" and local.date() == expiry and dt.time(15) <= local.time() < dt.time(16):
            if Decimal(r["volume"]) > 0:
                trades.append((Decimal(r["price"]), Decimal(r["volume"])))
    vwap = sum(p * v for p, v in trades) / sum(v for _, v in trades)
    price = round_to(vwap, "0.01", "half-up")
    strike, multiplier = Decimal(95000), Decimal("0.02")
    intrinsic = max(strike - price, Decimal(0))
    return dump(
        {
            "price": text(price),
            "option.exercised": intrinsic > 0,
            "option.intrinsic": text(intrinsic),
            "position.variation": text((intrinsic - Decimal(400)) * multiplier * 2),
        }
    )
