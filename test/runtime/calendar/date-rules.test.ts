/**
 * Tests of date rules (last trading days): anchors, month offsets, business-day shifts, conventions,
 * typed errors for days that do not exist, engine lookup, and speed over 50 years of months.
 */
import { describe, expect, it } from "vitest";
import {
  CalendarEngines,
  buildCalendar,
  evaluateDateRule,
  formatIsoDate,
  triggerProblem,
  type CalendarEngine,
  type DateRule,
} from "../../../src/runtime/calendar/index.js";
import { NYSE, UK, US_FEDERAL, resolve } from "./fixtures.js";

function built(cal = NYSE): CalendarEngine {
  const r = buildCalendar(cal, resolve, 2020, 2030);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const nyse = built();

function evalIso(rule: DateRule, year: number, month: number, engines: Parameters<typeof evaluateDateRule>[3] = nyse): string {
  const r = evaluateDateRule(rule, year, month, engines);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return formatIsoDate(r.value);
}

const lastFriday = (convention: DateRule["convention"]): DateRule => ({
  anchor: { kind: "lastWeekday", weekday: 5 },
  convention,
  calendar: "NYSE",
});

describe("evaluateDateRule", () => {
  it("last Friday of March 2024 is Good Friday on NYSE, so preceding gives 2024-03-28", () => {
    expect(evalIso(lastFriday("unadjusted"), 2024, 3)).toBe("2024-03-29");
    expect(evalIso(lastFriday("preceding"), 2024, 3)).toBe("2024-03-28");
    expect(evalIso(lastFriday("following"), 2024, 3)).toBe("2024-04-01");
    expect(evalIso(lastFriday("modified-following"), 2024, 3)).toBe("2024-03-28");
    expect(evalIso(lastFriday("preceding"), 2024, 4)).toBe("2024-04-26");
  });

  it("third Friday, and a missing fifth Friday is a typed error", () => {
    const third: DateRule = { anchor: { kind: "nthWeekday", n: 3, weekday: 5 }, convention: "preceding", calendar: "NYSE" };
    expect(evalIso(third, 2026, 3)).toBe("2026-03-20");
    const fifth: DateRule = { anchor: { kind: "nthWeekday", n: 5, weekday: 5 }, convention: "preceding", calendar: "NYSE" };
    expect(evalIso(fifth, 2026, 1)).toBe("2026-01-30");
    expect(evaluateDateRule(fifth, 2026, 2, nyse)).toMatchObject({ ok: false, error: { kind: "no-such-day", year: 2026, month: 2 } });
  });

  it("first, last and n-th business days depend on the calendar", () => {
    const last: DateRule = { anchor: { kind: "lastBusinessDay" }, convention: "unadjusted", calendar: "NYSE" };
    expect(evalIso(last, 2021, 12)).toBe("2021-12-31");
    expect(evalIso({ ...last, calendar: "USFederal" }, 2021, 12, built(US_FEDERAL))).toBe("2021-12-30");
    const first: DateRule = { anchor: { kind: "firstBusinessDay" }, convention: "unadjusted", calendar: "London" };
    expect(evalIso(first, 2022, 1, built(UK))).toBe("2022-01-04");
    const secondLast: DateRule = { anchor: { kind: "nthBusinessDay", n: -2 }, convention: "unadjusted", calendar: "NYSE" };
    expect(evalIso(secondLast, 2024, 12)).toBe("2024-12-30");
    const third: DateRule = { anchor: { kind: "nthBusinessDay", n: 3 }, convention: "unadjusted", calendar: "NYSE" };
    expect(evalIso(third, 2024, 1)).toBe("2024-01-04");
    const too: DateRule = { anchor: { kind: "nthBusinessDay", n: 25 }, convention: "unadjusted", calendar: "NYSE" };
    expect(evaluateDateRule(too, 2024, 2, nyse)).toMatchObject({ ok: false, error: { kind: "no-such-day" } });
  });

  it("applies month offsets and business-day shifts before the convention", () => {
    // 2 business days before the 3rd Wednesday of the month before the contract month.
    const rule: DateRule = {
      anchor: { kind: "nthWeekday", n: 3, weekday: 3 },
      monthOffset: -1,
      shift: { businessDays: 2, direction: "before" },
      convention: "preceding",
      calendar: "NYSE",
    };
    expect(evalIso(rule, 2026, 4)).toBe("2026-03-16");
    expect(evalIso(rule, 2026, 1)).toBe("2025-12-15");
    // 1 business day after the last Friday of March 2024 (Good Friday): Monday 1 April.
    expect(evalIso({ ...lastFriday("unadjusted"), shift: { businessDays: 1, direction: "after" } }, 2024, 3)).toBe("2024-04-01");
    // Counting 1 business day before Good Friday skips nothing: Thursday 28 March.
    expect(evalIso({ ...lastFriday("unadjusted"), shift: { businessDays: 1, direction: "before" } }, 2024, 3)).toBe("2024-03-28");
  });

  it("day of month, and a month without that day", () => {
    const d15: DateRule = { anchor: { kind: "dayOfMonth", day: 15 }, convention: "following", calendar: "NYSE" };
    expect(evalIso(d15, 2026, 2)).toBe("2026-02-17"); // Sunday 15th, Monday 16th is Washington's Birthday
    const d31: DateRule = { anchor: { kind: "dayOfMonth", day: 31 }, convention: "following", calendar: "NYSE" };
    expect(evaluateDateRule(d31, 2026, 4, nyse)).toMatchObject({ ok: false, error: { kind: "no-such-day" } });
  });

  it("finds engines by name, and reports mismatches and unknown calendars", () => {
    const engines = new CalendarEngines(resolve, 2020, 2030);
    const lookup = (n: string) => engines.get(n);
    expect(evalIso({ ...lastFriday("preceding"), calendar: "London" }, 2024, 3, lookup)).toBe("2024-03-28");
    expect(evaluateDateRule({ ...lastFriday("preceding"), calendar: "London" }, 2024, 3, nyse)).toEqual({
      ok: false,
      error: { kind: "calendar-mismatch", expected: "London", actual: "NYSE" },
    });
    expect(evaluateDateRule({ ...lastFriday("preceding"), calendar: "Nowhere" }, 2024, 3, lookup)).toMatchObject({
      ok: false,
      error: { kind: "unknown-calendar", name: "Nowhere" },
    });
  });

  it("rejects malformed rules and unsupported years with error values", () => {
    const bad: DateRule = { anchor: { kind: "nthWeekday", n: 6, weekday: 5 }, convention: "preceding", calendar: "NYSE" };
    expect(evaluateDateRule(bad, 2026, 3, nyse)).toMatchObject({ ok: false, error: { kind: "invalid-date-rule", path: "anchor.n" } });
    expect(evaluateDateRule(lastFriday("preceding"), 2026, 13, nyse)).toMatchObject({ ok: false, error: { kind: "invalid-date-rule" } });
    expect(evaluateDateRule(lastFriday("preceding"), 5000, 1, nyse)).toMatchObject({
      ok: false,
      error: { kind: "out-of-range", year: 5000 },
    });
    // A shift that runs past the supported years is an error value too, not an exception.
    const far: DateRule = { ...lastFriday("preceding"), shift: { businessDays: 10_000, direction: "after" } };
    expect(evaluateDateRule(far, 3999, 12, nyse)).toMatchObject({ ok: false, error: { kind: "out-of-range" } });
  });

  it("evaluates an expiry rule for every month of 50 years quickly", () => {
    const engines = new CalendarEngines(resolve, 2026, 2075);
    const rule: DateRule = {
      anchor: { kind: "lastWeekday", weekday: 5 },
      shift: { businessDays: 1, direction: "before" },
      convention: "modified-preceding",
      calendar: "London",
    };
    const t0 = performance.now();
    let count = 0;
    for (let round = 0; round < 10; round++) {
      for (let y = 2026; y < 2076; y++) {
        for (let m = 1; m <= 12; m++) if (evaluateDateRule(rule, y, m, (n) => engines.get(n)).ok) count++;
      }
    }
    expect(count).toBe(6000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("`when not a business day on TRIGGER` (whenNotBusinessDayOn)", () => {
  // CME Group, Bitcoin futures contract specifications, Termination of Trading: "If this is not both a London and U.S.
  // business day, trading terminates on the prior London or U.S. business day". Here the trigger is the UK fixture
  // and the calendar moved on is NYSE, so the test reads the two roles apart: the anchor moves when the UK is closed,
  // to the NYSE business day strictly before (or after) it, even when NYSE is open on the anchor.
  const uk = built(UK);
  const engines = (n: string) => (n === "NYSE" ? nyse : n === "UK" ? uk : undefined);
  const rule = (convention: DateRule["convention"]): DateRule => ({ ...lastFriday(convention), whenNotBusinessDayOn: "UK" });
  it("moves Friday 26 December 2025 (Boxing Day in the UK, open in New York) strictly before it: Wednesday 24 December", () => {
    expect(evalIso(lastFriday("preceding"), 2025, 12)).toBe("2025-12-26");
    // Thursday 25 December is Christmas on NYSE too.
    expect(evalIso(rule("preceding"), 2025, 12, engines)).toBe("2025-12-24");
    // `following`: the NYSE business day strictly after, Monday 29 December 2025.
    expect(evalIso(rule("following"), 2025, 12, engines)).toBe("2025-12-29");
  });
  it("keeps a Friday open in the trigger calendar, and moves Good Friday 2024 to Thursday 28 March", () => {
    expect(evalIso(rule("preceding"), 2025, 11, engines)).toBe("2025-11-28");
    expect(evalIso(rule("preceding"), 2024, 3, engines)).toBe("2024-03-28");
  });
  it("needs the trigger calendar's engine, and refuses a rule it cannot stand on", () => {
    const r = evaluateDateRule(rule("preceding"), 2025, 12, nyse);
    expect(!r.ok && r.error.kind).toBe("calendar-mismatch");
    expect(triggerProblem(rule("modified-preceding"))).toBe("convention");
    expect(triggerProblem({ ...rule("preceding"), anchor: { kind: "lastBusinessDay" } })).toBe("anchor");
    expect(triggerProblem({ ...rule("preceding"), shift: { businessDays: 2, direction: "before" } })).toBe("shift");
    expect(triggerProblem(rule("following"))).toBeUndefined();
    const bad = evaluateDateRule(rule("unadjusted"), 2025, 12, engines);
    expect(!bad.ok && bad.error.kind).toBe("invalid-date-rule");
  });
});
