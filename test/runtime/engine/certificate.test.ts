/** The readable and JSON renderings of an index certificate and of a final settlement with fallbacks. */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { certificateJson, renderFinalSettlementText } from "../../../src/runtime/engine/certificate.js";
import { finalSettlement, fixingLookup } from "../../../src/runtime/engine/settlement.js";
import type { CalendarEngine } from "../../../src/runtime/calendar/index.js";
import { buildCalendar } from "../../../src/runtime/calendar/index.js";

const cal = buildCalendar({ name: "MF", timeZone: "UTC", weekend: [6, 7], holidays: [] }, () => undefined, 2020, 2030);
const engines = (n: string): CalendarEngine | undefined => (n === "MF" && cal.ok ? cal.value : undefined);
const rule = {
  method: "cash",
  value: { kind: "index-at", index: "IDX", at: { time: "16:00:00", zone: "UTC" } },
  rounding: { kind: "increment", increment: "0.01", mode: "half-even" },
} as const;
const always = { effective: [], descriptions: [], clauses: [] };
const fallback = {
  disruptions: [],
  steps: [
    { action: { kind: "postpone", businessDays: 1, calendar: "MF" }, only: null, ...always },
    { action: { kind: "carry-forward", flagged: true, withinBusinessDays: null }, only: null, ...always },
  ],
} as const;

describe("renderings", () => {
  it("says which level produced the price and why the levels above failed", () => {
    const r = finalSettlement(
      rule,
      "2026-03-27",
      fixingLookup([{ index: "IDX", date: "2026-03-20", value: Decimal.of("5.125"), status: null }]),
      fallback,
      { engines },
    );
    expect(renderFinalSettlementText(r)).toBe(
      [
        "final settlement price 5.12 (flagged: carried forward)",
        "  IDX at 16:00:00 UTC on the last trading day 2026-03-27; unrounded 5.125",
        "  2026-03-27: 5.125 from IDX of 2026-03-20, level 2, flagged",
        "    level 0 IDX on 2026-03-27: failed (not-published: no fixing of IDX on 2026-03-27)",
        "    level 1 postpone up to 1 business day(s) on MF: failed (2026-03-30: not-published)",
        "",
      ].join("\n"),
    );
    const json = JSON.parse(certificateJson(r)) as { price: string; days: { level: number }[] };
    expect([json.price, json.days[0]!.level]).toEqual(["5.12", 2]);
  });
});
