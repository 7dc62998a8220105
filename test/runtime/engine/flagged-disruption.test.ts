/**
 * A contract settling on a value its index publishes flagged (issue 15). APX Power UK, UKPX Auction Index
 * Methodology, General Provisions: "should there be an hourly price missing in the calculation. The index should be
 * calculated using the non-weighted arithmetic average of available prices; the asterisk "*" will be displayed next
 * to the index". Without `disruption if flagged` the contract settles on the flagged value and the waterfall's value
 * carries the flag; with it, the flagged value is a disruption and the waterfall takes the next step.
 */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { fixingLookup, runWaterfall, type FixingLookup } from "../../../src/runtime/engine/settlement.js";
import type { Fallback } from "../../../src/runtime/spec.js";

const always = { effective: [{ from: null, until: null }], descriptions: [], clauses: [] } as const;

/** UKPX_BASE published 59.78 flagged "*" on 15 January 2026, 57.18 unflagged on the 14th. */
const lookup: FixingLookup = {
  value: (_index, date) =>
    date === "2026-01-15"
      ? { ok: true, value: Decimal.of("59.78"), date, flags: ["*"] }
      : { ok: false, disruption: "not-published", message: `no fixing on ${date}` },
  lastBefore: () => ({ value: Decimal.of("57.18"), date: "2026-01-14" }),
};

const carry = (disruptions: Fallback["disruptions"]): Fallback => ({
  disruptions,
  steps: [{ ...always, action: { kind: "carry-forward", flagged: true, withinBusinessDays: null }, only: null }],
});

const options = { engines: () => undefined };

describe("disruption if flagged", () => {
  it("without it, the flagged value settles and carries its flag", () => {
    const w = runWaterfall("UKPX_BASE", "2026-01-15", lookup, carry([]), options);
    expect(w).toMatchObject({ kind: "value", level: 0, flagged: true, flags: ["*"] });
    expect(w.kind === "value" && w.value.toString()).toBe("59.78");
    expect(w.attempts[0]!.reason).toBe('published, flagged "*"');
  });

  it("with it, the flagged value is a disruption and the next step settles", () => {
    const fallback = carry([{ ...always, condition: "flagged", deadline: null, duration: null }]);
    const w = runWaterfall("UKPX_BASE", "2026-01-15", lookup, fallback, options);
    expect(w).toMatchObject({ kind: "value", level: 1, flagged: true });
    expect(w.kind === "value" && w.value.toString()).toBe("57.18");
    expect(w.attempts[0]).toMatchObject({
      level: 0,
      outcome: "failed",
      reason: 'flagged: UKPX_BASE on 2026-01-15 is published flagged "*"',
    });
  });

  it("a fixing of status flagged is seen as flagged", () => {
    const published = fixingLookup([{ index: "UKPX_BASE", value: Decimal.of("59.78"), status: "flagged", date: "2026-01-15" }]);
    expect(published.value("UKPX_BASE", "2026-01-15")).toMatchObject({ ok: true, flags: [] });
    const w = runWaterfall("UKPX_BASE", "2026-01-15", published, carry([]), options);
    expect(w).toMatchObject({ kind: "value", level: 0, flagged: true, flags: [] });
  });
});
