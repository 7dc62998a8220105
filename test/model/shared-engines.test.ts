// The calendar engines the JSON backend shares between the specs of one build (src/model/shared-engines.ts): an
// engine is reused only where every calendar its building read is the same object, else built again.
import { describe, expect, it } from "vitest";
import type { Calendar } from "../../src/model/calendar.js";
import { SharedEngines } from "../../src/model/shared-engines.js";
import { fromCivil } from "../../src/runtime/calendar/index.js";

function calendar(name: string, basedOn: string[], holidayDay?: number): Calendar {
  return {
    kind: "calendar",
    name,
    title: null,
    descriptions: [],
    clauses: [],
    effective: [{ from: null, until: null }],
    timeZone: "Europe/London",
    weekend: [6, 7],
    holidays:
      holidayDay === undefined
        ? []
        : [
            {
              name: "Closure",
              date: { kind: "fixed", month: 3, day: holidayDay },
              observance: { kind: "none" },
              exceptYears: [],
              descriptions: [],
              clauses: [],
            },
          ],
    basedOn,
  };
}

const resolver = (cals: Calendar[]) => (name: string) => cals.find((c) => c.name === name);

describe("SharedEngines", () => {
  const base = calendar("BASE", [], 10);
  const top = calendar("TOP", ["BASE"]);

  it("gives the same engine to a document with the same calendar objects", () => {
    const shared = new SharedEngines();
    const a = shared.engines(resolver([base, top]), 2020, 2030).get("TOP");
    const b = shared.engines(resolver([top, base]), 2020, 2030).get("TOP");
    expect(a.ok && b.ok).toBe(true);
    expect(b).toBe(a);
  });

  it("builds again when a calendar it was based on is another object, and answers for that one", () => {
    const shared = new SharedEngines();
    const a = shared.engines(resolver([base, top]), 2020, 2030).get("TOP");
    const b = shared.engines(resolver([calendar("BASE", [], 11), top]), 2020, 2030).get("TOP");
    expect(b).not.toBe(a);
    // 10 March 2026 is a Tuesday: a holiday of the first BASE only; 11 March, of the second only.
    if (!a.ok || !b.ok) throw new Error("no engine");
    expect(a.value.isBusinessDay(fromCivil(2026, 3, 10))).toBe(false);
    expect(b.value.isBusinessDay(fromCivil(2026, 3, 10))).toBe(true);
    expect(b.value.isBusinessDay(fromCivil(2026, 3, 11))).toBe(false);
  });

  it("builds again for other years, and reports an unknown calendar", () => {
    const shared = new SharedEngines();
    const a = shared.engines(resolver([base, top]), 2020, 2030).get("TOP");
    expect(shared.engines(resolver([base, top]), 2020, 2031).get("TOP")).not.toBe(a);
    expect(shared.engines(resolver([base]), 2020, 2030).get("TOP")).toEqual({
      ok: false,
      error: { kind: "unknown-calendar", name: "TOP" },
    });
  });
});
