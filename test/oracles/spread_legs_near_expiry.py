"""The calendar spread position of spread_legs.py valued on the near leg's last trading day: the near leg's variation
is known at its own expiry, while the far leg stays an open position (issue 16, "Spreads": "the near leg's variation
at near expiry must be computable"). Same rule and contract as spread_legs.py."""
from _exchange_rules import dump
from spread_fallback import last_trading_day
from spread_legs import checks

SOURCE = "CME Group, AIR TRF Calendar Spreads FAQ (Q2); issue 16 (Spreads); FOTI Rulebook 1103.A and 1105 in specs/contracts/"
CASE = "test/cases/settlement/FOTI_CAL_FB/legs-at-near-expiry"
OUTPUT = CASE + "/report-oracle.json"


def compute():
    return dump(checks(CASE, valued_on=last_trading_day(2026, 3)))
