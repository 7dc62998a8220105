"""UKPX_BASE (specs/indices/uk-power-da.terms) on a power day without any hourly price: the index-level contingency
`carry forward the last published value, flagged "carried forward"` publishes the last fixing published before the
day again, flagged. Computed by ukpx_base.py's reading of the case's observations (every hour empty) and fixings.
"""
import json

from ukpx_base import carried_forward

OUTPUT = "test/cases/settlement/UKPX_BASE/index-carried-forward/report-oracle.json"
SOURCE = (
    "Termsheet issue 15, index-level contingencies: 'the day's value is the previous fixing, flagged as carried "
    "forward'; the hours as in APX Power UK, UKPX Auction Index Methodology, UKPX Auction Base (23:00 to 23:00 "
    "prevailing UK local time)"
)


def compute():
    return json.dumps(carried_forward(), indent=2, sort_keys=True) + "\n"
