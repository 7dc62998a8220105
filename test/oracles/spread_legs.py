"""A calendar spread position converted into outright positions in its legs (issue 16, "Spreads": "the near leg is
priced at its reference price, the far leg at near - spread"; "an exchange calendar spread becomes outright positions
in each leg, each settling on its own expiry"), with the spread's own fallback deciding a leg's price.

The rule: CME Group, AIR TRF Calendar Spreads FAQ, Q2: "The Equity calendar spread model sets the nearby-expiring
futures anchor leg ... to the prior day's settlement price. The determination of the deferred expiring futures price
... is the traded calendar spread difference plus the nearby-expiring futures prior-day settlement price" (there the
spread is priced deferred minus nearby; FOTI_CAL_FB's is near minus far, so the far leg is near - spread). The case:
specs/contracts/foti-calendar-spread-fallback.terms (Rule 1105.B, leg prices; 1105.D, the spread's fallback) on FOTI
(Rule 1103.A: AITOK_OUT at 16:00 London on the last trading day, rounded to 0.001 half-even; contract unit 1,000
million tokens quoted per 1M tokens, so USD 1,000 per point)."""
from decimal import Decimal

from _exchange_rules import dump, text
from spread_fallback import last_trading_day, leg_price, rows

SOURCE = (
    "CME Group, AIR TRF Calendar Spreads FAQ (Q2, the anchor leg at the prior day's settlement price); issue 16 "
    "(Spreads); FOTI Rulebook 1103.A and 1105 in specs/contracts/"
)
CASE = "test/cases/settlement/FOTI_CAL_FB/spread-converted-into-legs"
OUTPUT = CASE + "/report-oracle.json"

QUANTITY = Decimal("2")
SPREAD_PRICE = Decimal("-0.0775")
REFERENCE = Decimal("10.1")  # FOTI-H26's prior daily settlement price
MULTIPLIER = Decimal("1000")


def legs(case, valued_on=None):
    """The two leg positions (symbol, quantity, price, last trading day, settlement or None, variation or None)."""
    fixings = rows(case + "/fixings.csv")
    near_price = REFERENCE
    far_price = near_price - SPREAD_PRICE  # spread = near - far
    out = []
    for symbol, (y, m), qty, price in (
        ("FOTI-H26", (2026, 3), QUANTITY, near_price),
        ("FOTI-J26", (2026, 4), -QUANTITY, far_price),
    ):
        ltd = last_trading_day(y, m)
        if valued_on is not None and ltd > valued_on:
            out.append((symbol, qty, price, ltd, None, None))
            continue
        settle = leg_price(fixings, ltd)
        out.append((symbol, qty, price, ltd, settle, (settle - price) * MULTIPLIER * qty))
    return out


def checks(case, valued_on=None):
    ls = legs(case, valued_on)
    c = {"anchor": "FOTI-H26", "reference": text(REFERENCE), "spreadPrice": text(SPREAD_PRICE)}
    for i, (symbol, qty, price, ltd, settle, variation) in enumerate(ls):
        c[f"legs.{i}.symbol"] = symbol
        c[f"legs.{i}.quantity"] = text(qty)
        c[f"legs.{i}.price"] = text(price)
        c[f"legs.{i}.lastTradingDay"] = ltd.isoformat()
        if settle is not None:
            c[f"legs.{i}.settlement.price"] = text(settle)
            c[f"legs.{i}.position.variation"] = text(variation)
        else:
            c[f"legs.{i}.settlement"] = None
    settled = [v for (*_, v) in ls if v is not None]
    c["variation"] = text(sum(settled, Decimal(0)))
    return c


def compute():
    return dump(checks(CASE))
