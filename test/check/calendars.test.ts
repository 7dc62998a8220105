/**
 * Unit tests of calendar lowering (lower-calendar.ts) and the calendars check (calendars.ts): the lowered model,
 * defaults, date-rule lowering, the expiry check over a horizon of contract months and weeks, versions, cycles,
 * and the real calendars in specs/ against published facts, through `checkSources` with an in-memory host.
 */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import { checkCalendars } from "../../src/check/calendars.js";
import { evaluateWeeklyRule, lowerCalendar, lowerDateRule } from "../../src/check/lower-calendar.js";
import {
  CalendarEngines,
  formatIsoDate,
  fromCivil,
  nthWeekdayOfMonth,
  parseIsoDate,
  resolverFromList,
  type Calendar,
} from "../../src/runtime/calendar/index.js";
import type { CalendarDecl, FutureDecl } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { checkSources } from "../../src/driver.js";
import { check, codes, memoryHost } from "../helpers/check.js";
import { termsFiles } from "../helpers/files.js";

function declarations(text: string) {
  const r = parse(new SourceFile("t.terms", text));
  expect(r.diagnostics).toEqual([]);
  return r.ast.declarations;
}

function calendarDecl(text: string): CalendarDecl {
  return declarations(text)[0] as CalendarDecl;
}

function collect() {
  const out: Diagnostic[] = [];
  return { out, report: (d: Diagnostic) => out.push(d) };
}

const MARKET = `
calendar XNYS "New York" {
  time zone America/New_York
  weekend Saturday, Sunday
  holiday "New Year's Day" on 1 January, observed Sunday as Monday
  holiday "Juneteenth" on 19 June, observed Saturday as Friday, Sunday as Monday
  holiday "Independence Day" on 4 July, observed Saturday as Friday, Sunday as Monday
  holiday "Christmas Day" on 25 December, observed Saturday as Friday, Sunday as Monday
}
index TOKX "Token index" {
  quoted in USD per 1M tokens
  source ALPHA {
    quoted in USD per 1M tokens
  }
  source BETA {
    quoted in USD per 1M tokens
  }
  aggregate sources by median
  round to 0.0001 half-even
  publish every calendar day at 16:00 America/New_York
}
`;

/** A complete future whose body ends with `rules` (its last trading day statements). */
function future(rules: string): string {
  return `${MARKET}
future TOKF "Token futures" {
  underlying index TOKX
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.001 USD per 1M tokens
  trading terminates at 16:00 America/New_York
  final settlement in cash at TOKX at 16:00 America/New_York on the last trading day, rounded to 0.001 half-even
${rules}
}
`;
}

describe("lowering calendars", () => {
  it("lowers every kind of holiday rule to the runtime model", () => {
    const { out, report } = collect();
    const cal = lowerCalendar(
      calendarDecl(`calendar C "C" {
  time zone Europe/London
  weekend Sunday, Saturday
  holiday "New Year" on 1 January from 1974 observed on the next weekday
  holiday "MLK" on the third Monday of January from 1998 until 2100 except in 2001, 1999
  holiday "Memorial" on the last Monday of May
  holiday "Good Friday" on 2 days before Easter
  holiday "Easter Monday" on 1 day after Easter
  holiday "Easter" on Easter
  holiday "New Year (NYSE)" on 1 January, observed Sunday as Monday
  holiday "July 4" on 4 July, observed Saturday as Friday, Sunday as Monday
  holiday "Closures" on 2012-10-30, 2012-10-29
  based on A, B
}`),
      { report },
    );
    expect(out).toEqual([]);
    expect(cal).toEqual({
      name: "C",
      timeZone: "Europe/London",
      weekend: [6, 7],
      basedOn: ["A", "B"],
      holidays: [
        { name: "New Year", date: { kind: "fixed", month: 1, day: 1 }, observance: { kind: "substitute" }, fromYear: 1974 },
        {
          name: "MLK",
          date: { kind: "nthWeekday", n: 3, weekday: 1, month: 1 },
          fromYear: 1998,
          untilYear: 2100,
          exceptYears: [1999, 2001],
        },
        { name: "Memorial", date: { kind: "lastWeekday", weekday: 1, month: 5 } },
        { name: "Good Friday", date: { kind: "easter", offsetDays: -2 } },
        { name: "Easter Monday", date: { kind: "easter", offsetDays: 1 } },
        { name: "Easter", date: { kind: "easter", offsetDays: 0 } },
        // Only Sunday is moved: a Saturday New Year's Day stays where it is (NYSE).
        {
          name: "New Year (NYSE)",
          date: { kind: "fixed", month: 1, day: 1 },
          observance: { kind: "shift", saturday: "none", sunday: "monday" },
        },
        { name: "July 4", date: { kind: "fixed", month: 7, day: 4 }, observance: { kind: "shift", saturday: "friday", sunday: "monday" } },
        { name: "Closures", date: { kind: "oneOff", dates: ["2012-10-29", "2012-10-30"] } },
      ],
    });
  });

  it("defaults the weekend to Saturday and Sunday, and a joint calendar's zone and weekend to its members'", () => {
    const { report } = collect();
    const plain = lowerCalendar(calendarDecl(`calendar P { time zone Asia/Tokyo }`), { report });
    expect(plain?.weekend).toEqual([6, 7]);
    const joint = lowerCalendar(calendarDecl(`calendar J { business day in any of X, Y }`), {
      report,
      zoneOf: (n) => (n === "Y" ? "Europe/Paris" : undefined),
    });
    expect(joint).toEqual({
      name: "J",
      timeZone: "Europe/Paris",
      weekend: [],
      holidays: [],
      joint: { mode: "any", calendars: ["X", "Y"] },
    });
  });

  it("leaves out unresolved references and invalid holidays, keeping the rest", () => {
    const { out, report } = collect();
    const cal = lowerCalendar(
      calendarDecl(`calendar C {
  time zone UTC
  holiday "Bad" on 31 April
  holiday "Good" on 30 April
  based on KNOWN, UNKNOWN
}`),
      { report, resolveCalendar: (id) => (id.name === "KNOWN" ? "KNOWN" : undefined) },
    );
    expect(codes({ diagnostics: out })).toEqual(["E4003"]);
    expect(cal?.holidays.map((h) => h.name)).toEqual(["Good"]);
    expect(cal?.basedOn).toEqual(["KNOWN"]);
  });
});

describe("lowering date rules", () => {
  const rule = (text: string) => {
    const decls = declarations(`future F {\n  last trading day is ${text}\n}`);
    const stmt = (decls[0] as FutureDecl).statements[0];
    if (stmt?.kind !== "LastTradingDay") throw new Error("not a last trading day");
    const { out, report } = collect();
    return { lowered: lowerDateRule(stmt.rule, { report }), out };
  };

  it("lowers anchors, month offsets, shifts and conventions", () => {
    expect(rule("the last Friday of the contract month, adjusted preceding on NYSE").lowered).toEqual({
      kind: "monthly",
      rule: { anchor: { kind: "lastWeekday", weekday: 5 }, convention: "preceding", calendar: "NYSE" },
    });
    expect(rule("2 business days before the 25th day of the month before the contract month on NYSE").lowered).toEqual({
      kind: "monthly",
      rule: {
        anchor: { kind: "dayOfMonth", day: 25 },
        monthOffset: -1,
        shift: { businessDays: 2, direction: "before" },
        convention: "unadjusted",
        calendar: "NYSE",
      },
    });
    expect(rule("the first business day of the contract month on X").lowered?.rule).toMatchObject({ anchor: { kind: "firstBusinessDay" } });
    expect(rule("the last business day of the contract month on X").lowered?.rule).toMatchObject({ anchor: { kind: "lastBusinessDay" } });
    expect(rule("the third business day of the contract month on X").lowered?.rule).toMatchObject({
      anchor: { kind: "nthBusinessDay", n: 3 },
    });
    expect(rule("the third Friday of the contract month on X").lowered?.rule).toMatchObject({
      anchor: { kind: "nthWeekday", n: 3, weekday: 5 },
    });
    expect(rule("the Friday of the contract week, adjusted preceding on X").lowered).toEqual({
      kind: "weekly",
      rule: { weekday: 5, convention: "preceding", calendar: "X" },
    });
  });

  it("lowers nothing without a calendar, and reports bad words", () => {
    expect(rule("the last Friday of the contract month").lowered).toBeUndefined();
    const bad = rule("the last Fryday of the contract month, adjusted folowing on X");
    expect(bad.lowered).toBeUndefined();
    expect(codes({ diagnostics: bad.out })).toEqual(["E2007", "E2007"]);
  });

  it("evaluates weekly rules within the week", () => {
    const { report } = collect();
    const cal = lowerCalendar(calendarDecl(`calendar W {\n  time zone UTC\n  holiday "Xmas" on 25 December\n}`), { report })!;
    const engine = new CalendarEngines(resolverFromList([cal]), 2026, 2027).get("W");
    if (!engine.ok) throw new Error("no engine");
    const monday = fromCivil(2026, 12, 21);
    const on = (convention: "unadjusted" | "preceding") =>
      evaluateWeeklyRule({ weekday: 5, convention, calendar: "W" }, monday, engine.value);
    expect(on("unadjusted")).toEqual({ ok: true, value: fromCivil(2026, 12, 25) });
    expect(on("preceding")).toEqual({ ok: true, value: fromCivil(2026, 12, 24) });
    const shifted = evaluateWeeklyRule(
      { weekday: 5, convention: "unadjusted", calendar: "W", shift: { businessDays: 1, direction: "before" } },
      monday,
      engine.value,
    );
    expect(shifted).toEqual({ ok: true, value: fromCivil(2026, 12, 24) });
  });
});

describe("calendar declarations", () => {
  it("reports each cycle once, at the reference that closes it", () => {
    const r = check(`
calendar A { time zone UTC
  based on B }
calendar B { time zone UTC
  business day in all of A, C }
calendar C { time zone UTC }
calendar D { time zone UTC
  based on C }
`);
    expect(codes(r)).toEqual(["E4004"]);
    expect(r.diagnostics[0]!.labels).toHaveLength(1);
  });

  it("reports impossible fixed dates, bad year ranges and nth weekdays that never occur", () => {
    const r = check(`calendar C {
  time zone UTC
  holiday "a" on 30 February
  holiday "b" on 29 February
  holiday "c" on 1 May from 2030 until 2029
  holiday "d" on 1 May from 99999
  holiday "e" on the fifth Friday of February from 2027 until 2030
  holiday "f" on the fifth Friday of February from 2027 until 2036
}`);
    // February 2036 starts on a Friday in a leap year, so "f" occurs once.
    expect(codes(r)).toEqual(["E4003", "E4005", "E4005", "E4010"]);
  });
});

describe("last trading days", () => {
  it("accepts rules that always land on a business day in the contract month", () => {
    for (const rule of [
      "the last Friday of the contract month, adjusted preceding on XNYS",
      "the third Friday of the contract month, adjusted modified-following on XNYS",
      "2 business days before the last business day of the contract month on XNYS",
      "2 business days before the 25th day of the month before the contract month on XNYS",
    ]) {
      expect(check(future(`  last trading day is ${rule}`)).diagnostics, rule).toEqual([]);
    }
  });

  it("names the first contract month whose expiry is a holiday (E4001) or leaves the month (E4002)", () => {
    const holiday = check(future("  last trading day is the third Friday of the contract month on XNYS"));
    expect(codes(holiday)).toEqual(["E4001"]);
    expect(holiday.diagnostics[0]!.message).toContain("2026-06");
    expect(holiday.diagnostics[0]!.context).toEqual(["future TOKF", "last trading day"]);

    // 31 January 2026 is a Saturday: the following business day is Monday 2 February.
    const outside = check(future("  last trading day is the last Saturday of the contract month, adjusted following on XNYS"));
    expect(codes(outside)).toEqual(["E4002"]);
    expect(outside.diagnostics[0]!.message).toMatch(/2026-01.*2026-02-02/);
  });

  it("reports a day that does not exist in some month: E4010 for an nth weekday, E4003 for a day of the month", () => {
    expect(codes(check(future("  last trading day is the fifth Wednesday of the contract month, adjusted preceding on XNYS")))).toEqual([
      "E4010",
    ]);
    expect(codes(check(future("  last trading day is the 30th day of the contract month, adjusted preceding on XNYS")))).toEqual(["E4003"]);
  });

  it("checks a horizon given as a parameter, not the clock", () => {
    // A one-off closure on the first Friday of January 2080, after the default horizon (2026-01 to 2075-12).
    const friday = formatIsoDate(nthWeekdayOfMonth(2080, 1, 1, 5)!);
    const text =
      future("  last trading day is the first Friday of the contract month on XONE") +
      `calendar XONE {\n  time zone UTC\n  holiday "Closure" on ${friday}\n}\n`;
    const r = check(text);
    expect(r.diagnostics.filter((d) => d.code.startsWith("E4"))).toEqual([]);
    const { out, report } = collect();
    checkCalendars(r.program, report, { startYear: 2076, startMonth: 1, years: 10 });
    expect(codes({ diagnostics: out })).toEqual(["E4001"]);
    expect(out[0]!.message).toContain("2080-01");
  });

  it("checks each version in the months where it is in force on the first day of the month", () => {
    // 4 July 2031 is the first Friday of July after 2026 that falls on a 4 July: the unadjusted rule fails in
    // 2031-07 only if it governs that month.
    const versions = (until: string, from: string) =>
      future(`  last trading day is the first Friday of the contract month on XJUL
    effective until ${until}
  last trading day is the first Friday of the contract month, adjusted following on XJUL
    effective from ${from}`) + `calendar XJUL {\n  time zone UTC\n  holiday "Independence Day" on 4 July\n}\n`;
    expect(codes(check(versions("2031-06-30", "2031-07-01")))).toEqual([]);
    const r = check(versions("2031-07-01", "2031-07-02"));
    expect(codes(r)).toEqual(["E4001"]);
    expect(r.diagnostics[0]!.message).toContain("2031-07");
  });

  it("checks weekly rules for every week", () => {
    const r = check(future("  listing 4 consecutive weeks\n  last trading day is the Friday of the contract week on XNYS"));
    expect(codes(r)).toEqual(["E4001"]);
    expect(r.diagnostics[0]!.message).toContain("2026-06-19");
    expect(
      codes(
        check(future("  listing 4 consecutive weeks\n  last trading day is the Friday of the contract week, adjusted preceding on XNYS")),
      ),
    ).toEqual([]);
  });
});

describe("the calendars in specs/", () => {
  const roots = ["calendars", "indices", "contracts"].flatMap((dir) => termsFiles(`specs/${dir}`));
  const files = Object.fromEntries(roots.map((f) => [f.path, f.text]));
  const result = checkSources(roots, memoryHost(files));

  // Its time is measured in bench/ (cold-phases: the check of specs/, the expiry check about half of it), not here.
  it("check clean, and the calendars check run again on its own reports nothing", () => {
    expect(result.diagnostics).toEqual([]);
    const reported: unknown[] = [];
    checkCalendars(result.program, (d) => reported.push(d));
    expect(reported).toEqual([]);
  });

  it("give the published business days", () => {
    const calendars: Calendar[] = [];
    for (const f of result.program.files) {
      for (const d of f.ast.declarations) {
        if (d.kind !== "Calendar") continue;
        const cal = lowerCalendar(d, { report: () => undefined, zoneOf: () => undefined });
        if (cal) calendars.push(cal);
      }
    }
    const engines = new CalendarEngines(resolverFromList(calendars), 2000, 2030);
    const business = (cal: string, iso: string): boolean => {
      const e = engines.get(cal);
      if (!e.ok) throw new Error(`no engine for ${cal}`);
      return e.value.isBusinessDay(parseIsoDate(iso)!);
    };
    if (!calendars.some((c) => c.name === "NYSE")) return;
    // NYSE: a Saturday New Year's Day is not moved to Friday; Juneteenth from 2022; Good Friday; one-offs.
    expect(business("NYSE", "2021-12-31")).toBe(true);
    expect(business("NYSE", "2027-12-31")).toBe(true);
    expect(business("NYSE", "2021-06-18")).toBe(true);
    expect(business("NYSE", "2022-06-20")).toBe(false);
    expect(business("NYSE", "2026-04-03")).toBe(false);
    expect(business("NYSE", "2012-10-29")).toBe(false);
    expect(business("NYSE", "2025-01-09")).toBe(false);
    expect(business("NYSE", "2026-11-26")).toBe(false);
    if (calendars.some((c) => c.name === "ENGLAND_WALES")) {
      // England and Wales: substitute days, the 2020 early May move, jubilees and the 2022 state funeral.
      expect(business("ENGLAND_WALES", "2022-12-27")).toBe(false);
      expect(business("ENGLAND_WALES", "2022-12-26")).toBe(false);
      expect(business("ENGLAND_WALES", "2020-05-08")).toBe(false);
      expect(business("ENGLAND_WALES", "2020-05-04")).toBe(true);
      expect(business("ENGLAND_WALES", "2022-09-19")).toBe(false);
      expect(business("ENGLAND_WALES", "2022-05-30")).toBe(true);
      expect(business("ENGLAND_WALES", "2022-06-02")).toBe(false);
    }
  });
});
