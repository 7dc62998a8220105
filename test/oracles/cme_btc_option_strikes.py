"""The strikes CME lists for options on Bitcoin futures, by its Strike Price Listing Procedures (CME Group, Options
on Bitcoin Futures contract specifications): "All contract months: ... 10000 point strike increments from
10000-600% above the ATM strike price 1000 point strike increments from 1000-400% above the ATM strike price ...
Nearest four contract months: 500 point strike increments from 50% below to 50% above the ATM strike price. Nearest
three contract months: 100 point strike increments from 30% below to 30% above the ATM strike price."
The ATM strike of a tier is the reference (the underlying's prior settlement) rounded to the nearest multiple of the
tier's interval, half up. The case: specs/contracts/btc-options-strikes.terms (BTC_OPT_S), June 2026 around 87012
on Friday 27 March 2026. BTC lists 6 consecutive months and the nearest Decembers; on 27 March 2026 (March's last
Friday, its last trading day, still listed that day) the months are March, April, May, June, July, August 2026 and
December 2026 and 2027: June is the 4th nearest, so the 100-point tier (nearest 3) does not apply to it."""
import json
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

SOURCE = "CME Group, Options on Bitcoin Futures contract specifications, Strike Price Listing Procedures; specs/contracts/btc-options-strikes.terms"
OUTPUT = "test/cases/strikes/BTC_OPT_S-M26.json"

# (interval, % below, % above, nearest months or None for all), as the procedures list them.
TIERS = [(10000, 100, 600, None), (1000, 100, 400, None), (500, 50, 50, 4), (100, 30, 30, 3)]


def listed(reference, rank):
    tiers, union = [], set()
    for interval, below, above, nearest in TIERS:
        if nearest is not None and rank > nearest:
            tiers.append({"applies": False})
            continue
        step = Decimal(interval)
        atm = (Decimal(reference) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
        low = atm - atm * below / 100
        high = atm + atm * above / 100
        first = max(1, int((low / step).to_integral_value(rounding=ROUND_CEILING)))
        last = int((high / step).to_integral_value(rounding=ROUND_FLOOR))
        strikes = [k * interval for k in range(first, last + 1)]
        union.update(strikes)
        tiers.append({"applies": True, "atTheMoney": str(atm), "low": str(low), "high": str(high), "count": len(strikes)})
    return tiers, sorted(union)


def compute():
    months = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-12", "2027-12"]
    rank = months.index("2026-06") + 1
    tiers, strikes = listed("87012", rank)
    return json.dumps({"rank": rank, "listed": len(months), "tiers": tiers, "strikes": [str(s) for s in strikes]}, indent=2, sort_keys=True) + "\n"
