"""BTC_SPOT_CAPPED, 27 March 2026: a weighted capped median, computed from the Deribit clause with fractions."""
import json
from fractions import Fraction as F

OUTPUT = "test/cases/settlement/BTC_SPOT_CAPPED/index-weighted-capped-median/report-oracle.json"
SOURCE = (
    "Deribit, Index Prices, Calculation Methodology (support.deribit.com/hc/en-us/articles/25944739377309): "
    "'Each index constituent is assigned a weight between 0 and 100%. Step 1: Median Calculation … Step 2: "
    "Capped Median Calculation … applying upper and lower caps to each constituent price, using the median' "
    "(+/-0.5%); the index is the weighted average of the capped prices. Constituents more than 3 minutes old are "
    "left out ('delayed order book data (3 minutes)', insights.deribit.com, New Deribit Index, 2019)."
)

FIXING = "2026-03-27T08:00:00Z"
STALE_SECONDS = 3 * 60
CAP = F(5, 1000)  # 0.5%
WEIGHTS = {"BITSTAMP": F("0.2"), "COINBASE": F("0.3"), "KRAKEN": F("0.3"), "LMAX_DIGITAL": F("0.2"), "GEMINI": F(0)}
# (time as seconds after 07:00:00, source, price): the case's observations.csv.
ROWS = [
    (56 * 60, "KRAKEN", "86980"),
    (58 * 60, "BITSTAMP", "86000"),
    (59 * 60, "LMAX_DIGITAL", "86400"),
    (59 * 60 + 57, "GEMINI", "90000"),
    (59 * 60 + 58, "BITSTAMP", "87012.5"),
    (59 * 60 + 59, "COINBASE", "87450"),
    (60 * 60 + 1, "COINBASE", "95000"),
]
AT = 60 * 60


def decimal_text(x):
    """A fraction as the engine's certificates print it: terminating decimals whole, else I.F(R) or 30 decimals and an ellipsis."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    whole, rest = divmod(x.numerator, x.denominator)
    if rest == 0:
        return f"{sign}{whole}"
    den = x.denominator
    seen, digits, r = {}, "", rest
    while r and len(digits) < 30:
        if r in seen:
            return f"{sign}{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
        seen[r] = len(digits)
        r *= 10
        digits += str(r // den)
        r %= den
    if r == 0:
        return f"{sign}{whole}.{digits}"
    if r in seen:
        return f"{sign}{whole}.{digits[:seen[r]]}({digits[seen[r]:]})"
    return f"{sign}{whole}.{digits}…"


def round_half_even(x, step):
    q, r = divmod(x / step, 1)
    q = int(q)
    if r > F(1, 2) or (r == F(1, 2) and q % 2 == 1):
        q += 1
    return q * step


def compute():
    latest = {}
    for t, source, price in ROWS:
        if t <= AT:
            latest[source] = (t, F(price))  # rows are in time order
    used = [s for s in WEIGHTS if s in latest and AT - latest[s][0] <= STALE_SECONDS and WEIGHTS[s] > 0]
    prices = sorted(latest[s][1] for s in used)
    n = len(prices)
    median = prices[n // 2] if n % 2 else (prices[n // 2 - 1] + prices[n // 2]) / 2
    lower, upper = median - median * CAP, median + median * CAP
    capped = {s: min(max(latest[s][1], lower), upper) for s in used}
    unrounded = sum(capped[s] * WEIGHTS[s] for s in used) / sum(WEIGHTS[s] for s in used)
    value = round_half_even(unrounded, F(1, 100))
    out = {
        "certificate": {
            "cappedMedian": {
                "median": decimal_text(median),
                "lower": decimal_text(lower),
                "upper": decimal_text(upper),
                "values": [
                    {"label": s, "value": decimal_text(latest[s][1]), "capped": decimal_text(capped[s]), "weight": decimal_text(WEIGHTS[s])}
                    for s in used
                ],
            },
            "unrounded": decimal_text(unrounded),
        },
        "value": decimal_text(value),
    }
    return json.dumps(out, indent=2, sort_keys=True) + "\n"
