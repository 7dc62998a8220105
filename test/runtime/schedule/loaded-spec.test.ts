/**
 * The runtime schedule works from what an exchange loads: a compiled JSON spec read back with `loadSpec` gives the
 * same expiries and listings as the lowered program the CLI uses. Also the error values of schedule questions that
 * have no answer (unknown contract, no rule in force, a contract that refers to itself, years out of range).
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/index.js";
import { loadSpec } from "../../../src/model/load.js";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import {
  Schedule,
  expiryToJson,
  listedToJson,
  monthPeriod,
  type ScheduleContract,
  type ScheduleInput,
} from "../../../src/runtime/schedule/index.js";
import { compileFiles, filesUnder } from "../../model/compile-helpers.js";
import { specsModel } from "./specs.js";

describe("from loaded JSON specs", () => {
  const compiled = compileFiles(filesUnder("specs"));
  const fromModel = new Schedule(specsModel());

  for (const name of ["BTC", "FOTI_OPT", "FOTI_CAL", "GPUH", "FOTW"]) {
    it(`${name}: the same expiries and listings as the lowered program`, () => {
      const file = compiled.files.find((f) => f.path === `contracts/${name}.json`);
      expect(file, name).toBeDefined();
      const fromSpec = new Schedule(loadSpec(file!.text));
      const a = fromSpec.expiries(name, { year: 2026, month: 1 }, { year: 2027, month: 12 });
      const b = fromModel.expiries(name, { year: 2026, month: 1 }, { year: 2027, month: 12 });
      expect(a.ok && a.value.map(expiryToJson)).toEqual(b.ok && b.value.map(expiryToJson));
      const day = parseIsoDate("2026-06-15")!;
      const la = fromSpec.listedOn(name, day);
      const lb = fromModel.listedOn(name, day);
      expect(la.ok && la.value.map(listedToJson)).toEqual(lb.ok && lb.value.map(listedToJson));
    });
  }
});

describe("the package API", () => {
  it("exports Schedule for loaded specs", () => {
    const file = compileFiles(["specs/contracts/foti.terms"]).files.find((f) => f.path === "contracts/FOTI.json")!;
    const r = new api.Schedule(api.loadSpec(file.text)).expiry("FOTI", api.monthPeriod(2026, 12));
    expect(r.ok && api.expiryToJson(r.value).lastTradingDay).toBe("2026-12-24");
  });
});

describe("error values", () => {
  const always = [{ from: null, until: null }];
  const notes = { descriptions: [], clauses: [] };
  const noShift = { monthOffset: 0, shift: { businessDays: 0, direction: "before" as const } };
  const contract = (c: Partial<ScheduleContract> & { name: string }): ScheduleContract => ({
    kind: "future",
    listing: [],
    lastTradingDay: [],
    termination: [],
    finalSettlement: [],
    ...c,
  });
  const cal = { name: "C", timeZone: "UTC", weekend: [6, 7], holidays: [] };
  const input: ScheduleInput = {
    calendars: { C: cal },
    contracts: {
      NONE: contract({ name: "NONE" }),
      LATER: contract({
        name: "LATER",
        lastTradingDay: [
          {
            effective: [{ from: "2030-01-01", until: null }],
            ...notes,
            value: { kind: "monthly", rule: { anchor: { kind: "lastBusinessDay" }, ...noShift, convention: "unadjusted", calendar: "C" } },
          },
        ],
      }),
      SELF: contract({
        name: "SELF",
        kind: "option",
        underlying: [{ effective: always, ...notes, value: { kind: "future", name: "SELF" } }],
        expiry: [{ effective: always, ...notes, value: { kind: "with-underlying" } }],
      }),
      MISSING_CAL: contract({
        name: "MISSING_CAL",
        lastTradingDay: [
          {
            effective: always,
            ...notes,
            value: {
              kind: "monthly",
              rule: { anchor: { kind: "lastBusinessDay" }, ...noShift, convention: "unadjusted", calendar: "NOPE" },
            },
          },
        ],
      }),
    },
  };
  const s = new Schedule(input);

  it("unknown contract, no rule in force, self reference, unknown calendar, out of range", () => {
    const err = (r: { ok: boolean; error?: { kind: string } }) => (r.ok ? "ok" : r.error!.kind);
    expect(err(s.expiry("X", monthPeriod(2026, 1)))).toBe("unknown-contract");
    expect(err(s.expiry("NONE", monthPeriod(2026, 1)))).toBe("no-rule");
    expect(err(s.expiry("LATER", monthPeriod(2029, 12)))).toBe("no-rule");
    expect(err(s.expiry("LATER", monthPeriod(2030, 1)))).toBe("ok");
    expect(err(s.expiry("SELF", monthPeriod(2026, 1)))).toBe("recursion");
    expect(err(s.expiry("MISSING_CAL", monthPeriod(2026, 1)))).toBe("unknown-calendar");
    expect(err(s.expiry("LATER", monthPeriod(4001, 1)))).toBe("out-of-range");
    expect(err(s.listedOn("NONE", parseIsoDate("2026-01-01")!))).toBe("no-rule");
  });

  it("a contract without termination or final settlement has null members", () => {
    const r = s.expiry("LATER", monthPeriod(2030, 3));
    expect(r.ok && expiryToJson(r.value)).toEqual({
      period: "2030-03",
      symbol: "LATER-H30",
      lastTradingDay: "2030-03-29",
      termination: null,
      finalSettlementDate: null,
      averagingDays: null,
      legs: null,
    });
  });
});
