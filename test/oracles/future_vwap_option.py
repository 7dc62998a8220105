"""An option fixed on the VWAP of its underlying future's trades (issue 16, "Options": "Settlement to the VWAP of the
underlying future over a window ('a volume-weighted average price of transactions in the future from 3:00:00 p.m. to
3:59:59 p.m. New York time')"), on specs/contracts/btc-friday-options.terms (BFF_OPT, one BFF contract of 0.02 BTC,
in the money by any amount exercised): the trades of the same week's BFF contract from 15:00:00 inclusive to 16:00:00
exclusive New York time on its last trading day, Σ(price × volume) / Σ volume, half-up to the cent."""
import datetime as dt
from decimal import Decimal

from _exchange_rules import dump, new_york_offset_hours, parse_instant, round_to, rows, text

SOURCE = "Issue 16 (options fixed on the underlying future's VWAP, 3:00:00 p.m. to 3:59:59 p.m. New York time); specs/contracts/btc-friday-options.terms"
CASE = "test/cases/settlement/BFF_OPT/call-fixed-on-future-vwap"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    expiry = dt.date(2024, 10, 11)  # the Friday of ISO week 41 of 2024, a CME Globex crypto trade date
    assert expiry.isocalendar()[:2] == (2024, 41) and expiry.isoweekday() == 5
    trades = []
    for r in rows(CASE + "/observations.csv"):
        t = parse_instant(r["time"])
        local = t + dt.timedelta(hours=new_york_offset_hours(t))
        if r["instrument"] == "BFF-24W41" and local.date() == expiry and dt.time(15) <= local.time() < dt.time(16):
            if Decimal(r["volume"]) > 0:
                trades.append((Decimal(r["price"]), Decimal(r["volume"])))
    vwap = sum(p * v for p, v in trades) / sum(v for _, v in trades)
    price = round_to(vwap, "0.01", "half-up")
    strike, multiplier = Decimal(61000), Decimal("0.02")
    intrinsic = max(price - strike, Decimal(0))
    return dump(
        {
            "price": text(price),
            "option.exercised": intrinsic > 0,
            "option.intrinsic": text(intrinsic),
            "position.variation": text((intrinsic - Decimal(1000)) * multiplier * 1),
        }
    )
