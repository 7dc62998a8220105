/**
 * Every sentence is a promise, continued (issue 19; promises.test.ts has the position limits, price domain, tick,
 * price limits, listing, termination, payment and automatic exercise): for every contract of specs/ (its compiled
 * golden in test/cases/compiled/contracts), the sentences of its readable contract on
 *
 * - final-settlement rounding: a fixing exactly halfway between two multiples of the stated increment settles to the
 *   neighbour the stated mode picks (computed here on integers), one on the grid settles unchanged;
 * - the fallback waterfall: with no fixing at all, each level above the Exchange's determination fails, and the
 *   determination produces the price at the level the sentence numbers it; a postponement of N Business Days waits
 *   for exactly the N Business Days after the Last Trading Day (counted here on the calendar);
 * - trading hours: the sessions the engine gives for two weeks around the US clock change of 8 March 2026 open and
 *   close at the stated local times (converted to UTC here with the platform's time-zone data, not the engine's);
 * - the Last Trading Day rule: the sentence names the anchor and the convention, and the engine's Last Trading Day of
 *   every 2026 contract period is that anchor, moved to the preceding Business Day when the sentence says so
 *   (counted here from the weekday of the first of the month).
 *
 * Business days are the engine's calendars (their holidays are their own clauses, rendered and tested as such).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocument, type LegalDocument } from "../../../src/backends/legal/index.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";
import { formatIsoDate, parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { parseFixings } from "../../../src/runtime/market-data/index.js";
import { Schedule } from "../../../src/runtime/schedule/index.js";
import { tradingSessions } from "../../../src/runtime/schedule/sessions.js";
import { versionOn } from "../../../src/runtime/versions.js";
import { ROOT } from "../../model/compile-helpers.js";

const AS_OF = "2026-01-15";
const DIR = join(ROOT, "test/cases/compiled/contracts");
const specs: Spec[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => loadSpec(readFileSync(join(DIR, f), "utf8")));

/** Every text of a chapter, paragraphs, list items and table cells, joined by new lines. */
function chapter(doc: LegalDocument): string {
  return doc.sections
    .flatMap((s) => s.clauses)
    .flatMap((c) => c.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat())))
    .join("\n");
}

/** The request period of a contract period's symbol ("FOTI-H26" → "2026-03", "FOTW-26W12" → "2026-W12"). */
function periodOf(symbol: string): string {
  const m = /-([FGHJKMNQUVXZ])(\d{2})$/.exec(symbol);
  if (m !== null) return `20${m[2]}-${String("FGHJKMNQUVXZ".indexOf(m[1]!) + 1).padStart(2, "0")}`;
  const w = /-(\d{2})W(\d{2})$/.exec(symbol)!;
  return `20${w[1]}-W${w[2]}`;
}

/** Milliseconds of a wall-clock time in an IANA zone, from the platform's time-zone data (Intl), not the engine's. */
function zonedToUtc(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, s] = time.split(":").map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s ?? 0);
  const offset = (t: number) => {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(new Date(t));
    const n = (k: string) => Number(parts.find((p) => p.type === k)!.value);
    return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - t;
  };
  const first = wall - offset(wall);
  return wall - offset(first);
}

/** n × increment as a decimal string, on integers (increment "0.001", n 12345 → "12.345"). */
function times(n: bigint, increment: string): string {
  const scale = increment.includes(".") ? increment.split(".")[1]!.length : 0;
  const units = BigInt(increment.replace(".", "")) * n;
  const digits = units.toString().padStart(scale + 1, "0");
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The multiple a value exactly halfway between n × inc and (n + 1) × inc rounds to, by mode (n ≥ 0). */
function tieTo(n: bigint, mode: string): bigint {
  const up: Record<string, boolean> = { "half-up": true, "half-down": false, up: true, down: false, ceiling: true, floor: false };
  return mode === "half-even" ? (n % 2n === 0n ? n : n + 1n) : up[mode] ? n + 1n : n;
}

/** The words the chapter uses for a rounding mode's treatment of exact halves. */
const HALVES: Record<string, string> = {
  "half-even": "with exact halves rounded to the even neighbour",
  "half-up": "with exact halves rounded away from zero",
};

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

const covered = new Map<string, string[]>();
const cover = (promise: string, name: string) => covered.set(promise, [...(covered.get(promise) ?? []), name]);

for (const spec of specs) {
  const name = spec.subject.name;
  const c = spec.contracts[name]!;
  // An option expires with its underlying and settles on its price: those sentences are its underlying's, checked
  // in that contract's chapter; its own promise (automatic exercise) is promises.test.ts's.
  if (c.kind === "option") continue;
  const text = chapter(buildDocument(spec, { asOf: AS_OF, layout: "sections" }));
  const f = settlementFunctions(spec as unknown as SettlementSpec);
  const schedule = new Schedule(spec);
  const expiries2026 = () => {
    const e = schedule.expiries(name, { year: 2026, month: 1 }, { year: 2026, month: 12 });
    if (!e.ok) throw new Error(`${name}: no expiries`);
    return e.value;
  };
  const final = c.finalSettlement.length === 1 ? c.finalSettlement[0]!.value : undefined;
  const fixingAt = final?.value.kind === "index-at" ? final.value : undefined;
  const fixings = (rows: readonly string[]) => {
    const r = parseFixings(["time,index,value", ...rows].join("\n"), { file: "f.csv" });
    if (!r.ok) throw new Error(r.errors[0]!.message);
    return r.value;
  };

  describe(`${name}: the chapter's settlement promises hold on the engine`, () => {
    const rounding = final?.rounding.kind === "increment" ? final.rounding : undefined;
    const index = fixingAt === undefined ? undefined : spec.indices[fixingAt.index];
    const indexInc = index === undefined ? undefined : versionOn(index.rounding, AS_OF)?.value;
    // A tie of the final increment is a value the index can publish only when the index rounds more finely.
    const tieable = rounding !== undefined && indexInc?.kind === "increment" && Number(indexInc.increment) < Number(rounding.increment);
    if (fixingAt !== undefined && rounding !== undefined && tieable && HALVES[rounding.mode] !== undefined)
      it("final-settlement rounding: a fixing exactly halfway rounds as the sentence's mode says", () => {
        const inc = rounding.increment;
        expect(text).toContain(`rounded to the nearest `);
        expect(text).toContain(HALVES[rounding.mode]!);
        const x = expiries2026().find((e) => e.lastTradingDay >= parseIsoDate("2026-03-01")!)!;
        const day = formatIsoDate(x.lastTradingDay);
        const at = new Date(zonedToUtc(day, fixingAt.at.time, fixingAt.at.zone)).toISOString().replace(".000Z", "Z");
        // An odd and an even multiple, each with half an increment more: n × inc + inc / 2 = (2n + 1) × inc / 2.
        for (const n of [12345n, 12344n]) {
          const r = f.final({ period: periodOf(x.symbol), fixings: fixings([`${at},${fixingAt.index},${halfOf(inc, n)},final`]) });
          expect(r.ok, `${name} ${x.symbol}: ${JSON.stringify(r.error)}`).toBe(true);
          expect(r.price, `${halfOf(inc, n)} ${rounding.mode}`).toBe(times(tieTo(n, rounding.mode), inc));
          const on = f.final({ period: periodOf(x.symbol), fixings: fixings([`${at},${fixingAt.index},${times(n, inc)},final`]) });
          expect(on.price).toBe(times(n, inc));
        }
        cover("final rounding", name);
      });

    const waterfall = c.fallback.length === 1 ? c.fallback[0]!.value : undefined;
    if (fixingAt !== undefined && waterfall !== undefined && c.kind === "future")
      it("the fallback waterfall: every level above the Exchange's determination fails without data, in the order stated", () => {
        const levels = [...text.matchAll(/Level (\d+): ([^.,(]+)/g)].map((m) => ({ n: Number(m[1]), words: m[2]! }));
        expect(levels.map((l) => l.n)).toEqual(waterfall.steps.map((_, i) => i + 1));
        // "determination by the Exchange" or, with the ISDA fallbacks, "determination by the Calculation Agent within …".
        const determination = levels.find((l) => /^determination by the (Exchange|Calculation Agent)/.test(l.words))!.n;
        const x = expiries2026().find((e) => e.lastTradingDay >= parseIsoDate("2026-03-01")!)!;
        // A price on the final settlement's grid: its increment, or the tick when it is rounded to the tick (BTCT_STRICT).
        const tick = final?.rounding.kind === "tick" ? versionOn(c.tick, AS_OF)?.value[0]?.tick.amount : undefined;
        const d = times(12345n, rounding?.increment ?? tick ?? "0.01");
        // Determined on the last trading day, within any deadline the step states.
        const r = f.final({ period: periodOf(x.symbol), determined: d, determinedOn: formatIsoDate(x.lastTradingDay) });
        expect(r.ok, JSON.stringify(r.error)).toBe(true);
        expect(r.price).toBe(d);
        const attempts = r.days![0]!.attempts;
        expect(r.days![0]!.level).toBe(determination);
        for (const a of attempts.filter((a) => a.level < determination)) expect(a.outcome, a.action).toBe("failed");
        // "postponement by up to N Business Days of CALENDAR": the N Business Days after the Last Trading Day.
        const post = /Level (\d+): postponement by up to (\d+) Business Days? of [^\n]*?\(([A-Z_]+)\)/.exec(text);
        if (post !== null) {
          const cal = schedule.engine(post[3]!);
          if (!cal.ok) throw new Error(post[3]);
          const waited: string[] = [];
          for (let day = x.lastTradingDay; waited.length < Number(post[2]);)
            if (cal.value.isBusinessDay(++day)) waited.push(formatIsoDate(day));
          const a = attempts.find((y) => y.level === Number(post[1]))!;
          expect(a.outcome).toBe("failed");
          expect(a.reason.match(/\d{4}-\d{2}-\d{2}/g)).toEqual(waited);
        }
        expect(f.final({ period: periodOf(x.symbol) }).ok).toBe(false);
        cover("fallbacks", name);
      });

    const hours = c.tradingHours === undefined ? undefined : versionOn(c.tradingHours, "2026-03-02")?.value;
    if (hours !== undefined)
      it("trading hours: the sessions of 2 to 13 March 2026 open and close at the stated local times", () => {
        expect(text).toContain("Trading hours: ");
        expect(text).toContain("Each trading session belongs to the day on which it closes.");
        const s = tradingSessions(c, "2026-03-02", "2026-03-13");
        if (!s.ok) throw new Error(s.error);
        const expected: [number, number][] = [];
        for (let day = parseIsoDate("2026-03-02")!; day <= parseIsoDate("2026-03-13")!; day++) {
          const iso = formatIsoDate(day);
          const before = formatIsoDate(day - 1);
          const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay() || 7;
          if (hours.week === undefined) {
            // "24 hours a day, 7 days a week": each day of the zone is one session, midnight to midnight.
            expected.push([zonedToUtc(iso, "00:00:00", hours.zone), zonedToUtc(formatIsoDate(day + 1), "00:00:00", hours.zone)]);
            continue;
          }
          // "Sunday to Friday, OPENS to CLOSES, with a break … beginning at CLOSES": a session closes on each day from
          // the day after the opening day to the closing day, and opens the evening before, when the break ends.
          const w = hours.week;
          expect(hours.dailyBreak?.begins).toBe(w.closes);
          const inWeek = w.opensOn === 7 ? weekday >= 1 && weekday <= w.closesOn : weekday > w.opensOn && weekday <= w.closesOn;
          if (inWeek) expected.push([zonedToUtc(before, w.opens, hours.zone), zonedToUtc(iso, w.closes, hours.zone)]);
        }
        expect(expected.length).toBeGreaterThanOrEqual(10);
        expect(s.value.sessions.map((x) => [Date.parse(x.opens), Date.parse(x.closes)])).toEqual(expected);
        cover("trading hours", name);
      });

    const ltd = versionOn(c.lastTradingDay, "2026-06-01")?.value;
    if (ltd !== undefined)
      it("the Last Trading Day: the sentence's anchor, moved as its convention says, for every 2026 contract period", () => {
        const rule = ltd.rule;
        const anchor =
          ltd.kind === "weekly"
            ? `the ${WEEKDAYS[ltd.rule.weekday - 1]} of the Contract Week`
            : ltd.rule.anchor.kind === "lastWeekday"
              ? `the last ${WEEKDAYS[ltd.rule.anchor.weekday - 1]} of the Contract Month`
              : ltd.rule.anchor.kind === "nthWeekday"
                ? `the ${ORDINALS[ltd.rule.anchor.n - 1]} ${WEEKDAYS[ltd.rule.anchor.weekday - 1]} of the Contract Month`
                : ltd.rule.anchor.kind === "lastBusinessDay"
                  ? "the last Business Day of the Contract Month"
                  : undefined;
        if (anchor === undefined || rule.shift.businessDays !== 0 || (ltd.kind === "monthly" && ltd.rule.monthOffset !== 0)) return;
        const preceding = rule.convention === "preceding" && !anchor.includes("Business Day");
        expect(text).toContain(
          `The Last Trading Day is ${anchor}${preceding ? " or, if that day is not a Business Day, the preceding Business Day" : ""}`,
        );
        const cal = schedule.engine(rule.calendar);
        if (!cal.ok) throw new Error(rule.calendar);
        const business = (d: number) => cal.value.isBusinessDay(d);
        expect(expiries2026().length).toBeGreaterThanOrEqual(4); // quarterly contracts expire four times a year
        for (const x of expiries2026()) {
          let d: number;
          if (x.period.kind === "week") {
            // The weekday of the ISO week: its Monday is 4 January's week's Monday plus 7 × (week − 1).
            const jan4 = parseIsoDate(`${x.period.isoYear}-01-04`)!;
            const monday = jan4 - ((new Date(`${x.period.isoYear}-01-04T12:00:00Z`).getUTCDay() + 6) % 7);
            d = monday + 7 * (x.period.isoWeek - 1) + (ltd.kind === "weekly" ? ltd.rule.weekday - 1 : 0);
          } else {
            const first = parseIsoDate(`${x.period.year}-${String(x.period.month).padStart(2, "0")}-01`)!;
            const next = parseIsoDate(
              x.period.month === 12 ? `${x.period.year + 1}-01-01` : `${x.period.year}-${String(x.period.month + 1).padStart(2, "0")}-01`,
            )!;
            const wd = (day: number) => new Date(`${formatIsoDate(day)}T12:00:00Z`).getUTCDay() || 7;
            const a = ltd.kind === "monthly" ? ltd.rule.anchor : undefined;
            if (a?.kind === "lastWeekday") for (d = next - 1; wd(d) !== a.weekday; d--);
            else if (a?.kind === "nthWeekday") {
              for (d = first; wd(d) !== a.weekday; d++);
              d += 7 * (a.n - 1);
            } else for (d = next - 1; !business(d); d--);
          }
          if (preceding) while (!business(d)) d--;
          expect(formatIsoDate(x.lastTradingDay), x.symbol).toBe(formatIsoDate(d));
        }
        cover("last trading day", name);
      });
  });
}

/** Half an increment more than n × inc, (2n + 1) × inc / 2, written exactly at one decimal more than inc. */
function halfOf(inc: string, n: bigint): string {
  const scale = (inc.includes(".") ? inc.split(".")[1]!.length : 0) + 1;
  const units = BigInt(inc.replace(".", "")) * (10n * n + 5n);
  const digits = units.toString().padStart(scale + 1, "0");
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

describe("the settlement promises are checked on the contracts that make them", () => {
  it("covers the main contracts of specs/ for each promise", () => {
    expect(covered.get("final rounding")).toEqual(expect.arrayContaining(["FOTI", "FOTQ", "FOTW"]));
    expect(covered.get("fallbacks")).toEqual(expect.arrayContaining(["FOTI", "BTC", "FOTQ", "BFF", "TKX_Q"]));
    expect(covered.get("trading hours")).toEqual(expect.arrayContaining(["BTC", "NBTW"]));
    expect(covered.get("last trading day")).toEqual(expect.arrayContaining(["FOTI", "FOTQ", "FOTW", "BTC", "GPUH", "BFF", "TKX_Q"]));
  });
});
