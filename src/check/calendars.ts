/**
 * The calendars check: calendar declarations are lowered (lower-calendar.ts reports bad words, years and dates),
 * cycles through `based on` and `business day in … of` are reported (E4004), and every `last trading day` rule of a
 * future, option or spread is evaluated with the runtime engine for every contract month (or week) of a fixed
 * horizon: the first month whose expiry does not exist (E4010 for an nth weekday, E4003 otherwise), is not a
 * business day of the rule's calendar (E4001) or falls outside the month it belongs to (E4002) is reported.
 * A calendar `based on` a joint calendar is E2003 (a joint calendar has no holiday list to add).
 * A last trading day rule that counts or adjusts business days must name its calendar (`on NYSE`), or it is
 * E5010 missing-calendar; an unadjusted rule without a calendar (`the last Friday of the contract month`) is
 * accepted and cannot be checked against holidays.
 *
 * Accepted month: a rule anchored in `the contract month` must land in the contract month; a rule anchored in
 * `the month before the contract month` must land in that month before. A weekly rule must land in its contract
 * week (Monday to Sunday). Versions: when a contract has several `last trading day` rules with `effective`
 * ranges, the rule checked for a contract month is the one in force on the first day of that month (for a week:
 * on its Monday); the first rule in source order wins when ranges overlap (overlaps are reported by versions.ts).
 *
 * The horizon starts at a parameter (2026-01 by default; no clock is read, so results are deterministic) and
 * covers 50 years. Each calendar engine is built once per run and tabulates the whole horizon.
 */
import { Codes, diag, type Label } from "../diagnostics/index.js";
import {
  CalendarEngines,
  formatIsoDate,
  resolverFromList,
  shiftMonth,
  weekdayOf,
  type Calendar,
  type CalendarEngine,
  type CalendarResult,
  type EpochDay,
  type HolidayRule,
} from "../runtime/calendar/index.js";
import type * as A from "../syntax/ast.js";
import {
  EXPIRY_HORIZON,
  expiryProblems,
  governingVersions,
  periodsByVersion,
  selfSelectionGap,
  ym,
  type ExpiryProblems,
  type RangeValue,
} from "../model/invariants.js";
import type { CheckedRecord } from "./checked.js";
import { declarationKind, type Program, type Report } from "./program.js";
import { lookup } from "./symbols.js";
import { lowerCalendar, lowerDateRule, type LoweredDateRule } from "./lower-calendar.js";
import { WEEKDAYS, wordsOf } from "./words.js";

/** Options of the calendars check. */
export interface CalendarCheckOptions {
  /** First contract month checked (default 2026-01). */
  readonly startYear?: number;
  readonly startMonth?: number;
  /** Number of years of contract months checked (default 50: 2026-01 through 2075-12). */
  readonly years?: number;
}

/** The default first contract month and horizon of the expiry check (the loader checks the same horizon). */
export const DEFAULT_HORIZON = EXPIRY_HORIZON;

interface CalendarEntry {
  readonly decl: A.CalendarDecl;
  readonly file: string;
}

/** Runs the calendars check. */
export function checkCalendars(program: Program, report: Report, options: CalendarCheckOptions = {}, record?: CheckedRecord): void {
  const startYear = options.startYear ?? DEFAULT_HORIZON.startYear;
  const startMonth = options.startMonth ?? DEFAULT_HORIZON.startMonth;
  const years = options.years ?? DEFAULT_HORIZON.years;

  const entries: CalendarEntry[] = [];
  for (const f of program.files) {
    for (const d of f.ast.declarations) if (d.kind === "Calendar") entries.push({ decl: d, file: f.source.path });
  }
  const cyclic = reportCycles(program, entries, report);
  reportBasedOnJoint(program, entries, cyclic, report);
  for (const { decl } of entries) reportVersionedCalendarClauses(decl, report);

  const lowered: Calendar[] = [];
  for (const { decl, file } of entries) {
    const holidays: { rule: HolidayRule; statement: A.HolidayStmt }[] = [];
    const cal = lowerCalendar(decl, {
      report,
      context: [`calendar ${decl.name?.name ?? "(unnamed)"}`],
      resolveCalendar: (ref) => lookup(program, file, ref.name, ["calendar"])?.name,
      zoneOf: (name) => zoneOf(program, name),
      onHoliday: (rule, statement) => holidays.push({ rule, statement }),
    });
    // Only the declaration that owns the name is used; a duplicate (E2002) is lowered for its diagnostics only.
    if (cal === undefined || program.symbols.get(cal.name)?.decl !== decl || cyclic.has(cal.name)) continue;
    lowered.push(cal);
    record?.calendarLowered(decl, { calendar: cal, holidays });
  }

  const horizon = horizonFor(lowered, startYear, startMonth, years);

  for (const f of program.files) {
    for (const d of f.ast.declarations) {
      if (d.kind !== "Future" && d.kind !== "Option" && d.kind !== "Spread") continue;
      checkLastTradingDays(program, f.source.path, d, horizon, report, record);
    }
  }
}

/**
 * A compiled calendar has one set of rules for all dates, so its clauses cannot carry effective ranges; year
 * bounds on holidays (`from 2022`) or a second calendar do that job. Reported here so `check` and `build` agree.
 */
function reportVersionedCalendarClauses(decl: A.CalendarDecl, report: Report): void {
  for (const s of decl.statements) {
    const range = s.annotations.effective[0];
    if (range === undefined) continue;
    report(
      diag(Codes.NotSupported, range.span, "an effective range on a calendar clause is not supported", {
        context: [`calendar ${decl.name?.name ?? "(unnamed)"}`],
        notes: ["a calendar has one set of rules for all dates"],
        hint:
          s.kind === "Holiday"
            ? "limit the holiday to years instead: `from 2020` or `until 2021`"
            : "declare a second calendar and use it from the date it applies",
      }),
    );
  }
}

/**
 * The time zone of a calendar, for a joint calendar that states none: the one it states, else its first member's
 * that has one (a member may be joint itself).
 */
function zoneOf(program: Program, name: string, seen: Set<string> = new Set()): string | undefined {
  const sym = program.symbols.get(name);
  if (sym === undefined || sym.decl.kind !== "Calendar" || seen.has(name)) return undefined;
  seen.add(name);
  for (const s of sym.decl.statements) if (s.kind === "TimeZone" && s.zone !== undefined) return s.zone.name;
  for (const s of sym.decl.statements) {
    if (s.kind !== "Joint") continue;
    for (const m of s.calendars) {
      const target = lookup(program, sym.file, m.name, ["calendar"]);
      const z = target === undefined ? undefined : zoneOf(program, target.name, seen);
      if (z !== undefined) return z;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------------------
// Cycles.

interface Edge {
  readonly to: string;
  readonly ref: A.Ident;
  readonly clause: string;
}

/** Reports each cycle of calendar references once, at the reference that closes it; returns the names on cycles. */
function reportCycles(program: Program, entries: readonly CalendarEntry[], report: Report): Set<string> {
  const edges = new Map<string, Edge[]>();
  const order: string[] = [];
  for (const { decl, file } of entries) {
    const name = decl.name?.name;
    if (name === undefined || program.symbols.get(name)?.decl !== decl) continue;
    order.push(name);
    const out: Edge[] = [];
    for (const s of decl.statements) {
      if (s.kind !== "BasedOn" && s.kind !== "Joint") continue;
      const clause = s.kind === "BasedOn" ? "based on" : `business day in ${s.mode} of`;
      for (const ref of s.calendars) {
        const target = lookup(program, file, ref.name, ["calendar"]);
        if (target !== undefined) out.push({ to: target.name, ref, clause });
      }
    }
    edges.set(name, out);
  }

  const cyclic = new Set<string>();
  const state = new Map<string, "active" | "done">();
  const stack: { name: string; edge: Edge | undefined }[] = [];
  const visit = (name: string, via: Edge | undefined): void => {
    state.set(name, "active");
    stack.push({ name, edge: via });
    for (const e of edges.get(name) ?? []) {
      const st = state.get(e.to);
      if (st === "active") {
        const i = stack.findIndex((x) => x.name === e.to);
        const loop = stack.slice(i);
        const names = [...loop.map((x) => x.name), e.to];
        for (const n of loop) cyclic.add(n.name);
        const labels: Label[] = loop
          .slice(1)
          .filter((x) => x.edge !== undefined)
          .map((x) => ({ span: x.edge!.ref.span, message: `${x.edge!.to} is referred to here` }));
        report(
          diag(Codes.CalendarCycle, e.ref.span, `calendar \`${e.to}\` is defined in terms of itself: ${names.join(" → ")}`, {
            context: [`calendar ${name}`, e.clause],
            labels,
            hint: "a calendar can be based on or combine only calendars that do not refer back to it",
          }),
        );
      } else if (st === undefined) {
        visit(e.to, e);
      }
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const n of order) if (!state.has(n)) visit(n, undefined);
  return cyclic;
}

/**
 * `based on J` adds J's holidays, but a joint calendar has no holiday list of its own (its members have), so the
 * runtime rejects it; reported at the reference (E2003) with the joint statement as the reason.
 */
function reportBasedOnJoint(program: Program, entries: readonly CalendarEntry[], cyclic: ReadonlySet<string>, report: Report): void {
  for (const { decl, file } of entries) {
    // A calendar on a cycle has its cycle reported; one error about its references is enough.
    if (decl.name !== undefined && cyclic.has(decl.name.name)) continue;
    for (const s of decl.statements) {
      if (s.kind !== "BasedOn") continue;
      for (const ref of s.calendars) {
        const target = lookup(program, file, ref.name, ["calendar"]);
        const joint = target?.decl.statements.find((t) => t.kind === "Joint");
        if (joint === undefined) continue;
        report(
          diag(Codes.WrongKind, ref.span, `\`${ref.name}\` is a joint calendar, which has no holidays of its own to base a calendar on`, {
            context: [`calendar ${decl.name?.name ?? "(unnamed)"}`, "based on"],
            labels: [{ span: joint.span, message: "joint here" }],
            hint: `name its members instead, or combine with \`business day in all of ${ref.name}, …\``,
          }),
        );
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// Last trading days.

interface Horizon {
  readonly startYear: number;
  readonly startMonth: number;
  readonly months: number;
  readonly engines: CalendarEngines;
  /** Evaluated rules by their lowered form, per month index: contracts often share a rule (e.g. an option and its future). */
  readonly memo: Map<string, (CalendarResult<EpochDay> | undefined)[]>;
  /** What the horizon's check of a version found, by the effective ranges of its statement's versions, then its index and lowered rule. */
  readonly found: Map<string, Map<string, ExpiryProblems>>;
}

/**
 * The horizon of the last check, kept for the next one when its calendars and bounds are the same: the engines'
 * tables and the evaluated rules are pure functions of them, so an editor that checks after every keystroke does
 * not build the tables and evaluate the unchanged rules again. One entry; its memo is emptied when it grows large.
 */
let lastHorizon: { readonly key: string; readonly horizon: Horizon } | undefined;
const MAX_MEMO = 2000;

function horizonFor(lowered: readonly Calendar[], startYear: number, startMonth: number, years: number): Horizon {
  const key = JSON.stringify([lowered, startYear, startMonth, years]);
  if (lastHorizon?.key === key) {
    if (lastHorizon.horizon.memo.size > MAX_MEMO) lastHorizon.horizon.memo.clear();
    if (lastHorizon.horizon.found.size > MAX_MEMO) lastHorizon.horizon.found.clear();
    return lastHorizon.horizon;
  }
  const end = shiftMonth(startYear, startMonth, years * 12 - 1);
  const engines = new CalendarEngines(resolverFromList(lowered), startYear - 1, end.year + 1);
  const horizon: Horizon = { startYear, startMonth, months: years * 12, engines, memo: new Map(), found: new Map() };
  lastHorizon = { key, horizon };
  return horizon;
}

/** The effective ranges of a declaration's last trading day versions, their key, and which version governs each period. */
interface VersionRanges {
  readonly all: readonly { readonly effective: readonly RangeValue[] }[];
  key: string;
  /** The periods each version governs (model/invariants.ts periodsByVersion), monthly and weekly. */
  readonly governing: Map<boolean, number[][]>;
}

interface Version {
  readonly stmt: A.LastTradingDayStmt;
  readonly rule: LoweredDateRule | undefined;
}

function checkLastTradingDays(
  program: Program,
  file: string,
  decl: A.Declaration,
  horizon: Horizon,
  report: Report,
  record: CheckedRecord | undefined,
): void {
  const declLabel = `${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`;
  const ctx = [declLabel, "last trading day"];
  const versions: Version[] = [];
  for (const s of decl.statements) {
    if (s.kind !== "LastTradingDay") continue;
    const rule = lowerDateRule(s.rule, {
      report,
      context: ctx,
      resolveCalendar: (ref) => lookup(program, file, ref.name, ["calendar"])?.name,
    });
    if (rule !== undefined) record?.lastTradingDayLowered(s, rule);
    versions.push({ stmt: s, rule });
  }
  if (versions.length === 0) return;
  for (const v of versions) {
    const r = v.stmt.rule;
    // Every last trading day needs its calendar, even unadjusted: it must be a business day of it (E4001).
    if (r !== undefined && r.anchor !== undefined && r.calendar === undefined) {
      report(
        diag(
          Codes.MissingCalendar,
          r.span,
          countsBusinessDays(r)
            ? "the last trading day counts or adjusts business days, but names no calendar that says which days those are"
            : "a last trading day is a business day, but this rule names no calendar that says which days those are",
          {
            context: ctx,
            hint: countsBusinessDays(r)
              ? "add the calendar at the end, e.g. `… of the contract month, adjusted preceding on NYSE`"
              : "add the calendar at the end, e.g. `… of the contract month on NYSE`",
          },
        ),
      );
    }
  }
  // The versions' ranges and which version governs each period, once for all versions (per version, both would be
  // quadratic in the number of versions).
  const ranges = { all: versions.map((v) => ({ effective: rangesOf(v.stmt) })), key: "", governing: new Map<boolean, number[][]>() };
  ranges.key = JSON.stringify(ranges.all);
  versions.forEach((v, index) => {
    if (v.rule === undefined || v.stmt.rule === undefined) return;
    const engine = horizon.engines.get(v.rule.rule.calendar);
    // An engine that cannot be built comes from a calendar with errors already reported.
    if (!engine.ok) return;
    checkVersion(index, v.rule, v.stmt.rule, ranges, engine.value, horizon, ctx, report);
  });
  const selection = decl.statements.find((s): s is A.VersionsSelectedStmt => s.kind === "VersionsSelected");
  if (selection?.key === "last-trading-day") checkSelfSelection(selection, versions, ranges, horizon, ctx, report);
}

/**
 * `rule versions selected by the last trading day` needs, in every period, a day on which the version that gives it
 * is in force (E4270): the runtime's own search over the horizon (model/invariants.ts's `selfSelectionGap`).
 */
function checkSelfSelection(
  selection: A.VersionsSelectedStmt,
  versions: readonly Version[],
  ranges: VersionRanges,
  horizon: Horizon,
  ctx: readonly string[],
  report: Report,
): void {
  const weekly = versions.some((v) => v.rule?.kind === "weekly");
  const span = { startYear: horizon.startYear, startMonth: horizon.startMonth, years: horizon.months / 12 };
  const engineOf = (name: string) => {
    const e = horizon.engines.get(name);
    return e.ok ? e.value : undefined;
  };
  const gap = selfSelectionGap(
    versions.map((v, i) => ({ effective: ranges.all[i]!.effective, rule: v.rule })),
    engineOf,
    weekly,
    span,
  );
  if (gap === undefined) return;
  const when = weekly ? `the week of ${gap.label}` : gap.label;
  const steps = gap.trail.map((s) =>
    s.version < 0
      ? `no version is in force on ${s.asked}`
      : `the version in force on ${s.asked} (${rangeText(ranges.all[s.version]!.effective)}) gives ${s.day}`,
  );
  const labels = [...new Set(gap.trail.map((s) => s.version).filter((i) => i >= 0))].map((i) => {
    const step = gap.trail.find((s) => s.version === i)!;
    return { span: versions[i]!.stmt.rule?.span ?? versions[i]!.stmt.span, message: `gives ${step.day}` };
  });
  report(
    diag(
      Codes.NoSelfSelectedLastTradingDay,
      selection.span,
      `in ${when} there is no last trading day: no version reached from the ${weekly ? "week's" : "month's"} first day gives a day on which it is itself in force`,
      {
        context: [ctx[0]!, "rule versions selected by"],
        labels,
        notes: steps,
        hint: "let the new version take effect from the first day of a contract month (`effective from YYYY-MM-01`), or select the versions by `the contract month`",
      },
    ),
  );
}

/** An effective range as the notes word it. */
function rangeText(ranges: readonly RangeValue[]): string {
  if (ranges.length === 0) return "always";
  return ranges
    .map((r) =>
      r.from === null
        ? r.until === null
          ? "always"
          : `until ${r.until}`
        : r.until === null
          ? `from ${r.from}`
          : `${r.from} to ${r.until}`,
    )
    .join(", ");
}

/** Whether a date rule needs a calendar: it shifts by business days, is anchored on one, or adjusts by a convention. */
function countsBusinessDays(r: A.DateRule): boolean {
  if (r.shift !== undefined) return true;
  if (r.anchor?.kind === "BusinessDayOfMonth") return true;
  return r.convention !== undefined && r.convention.name !== "unadjusted";
}

function describeDay(day: EpochDay, engine: CalendarEngine): string {
  const names = engine.holidayNames(day);
  if (names.length > 0) return `${names.join(", ")} on ${engine.name}`;
  if (engine.isWeekend(day)) return `a ${wordsOf(WEEKDAYS)[weekdayOf(day) - 1]!}, a weekend day on ${engine.name}`;
  return `not a business day on ${engine.name}`;
}

/** A hint for a rule that leaves its month: the modified convention of the same direction stays inside it. */
function modifiedHint(convention: string): string | undefined {
  if (convention === "following") return "`adjusted modified-following` moves back into the month instead of leaving it";
  if (convention === "preceding") return "`adjusted modified-preceding` moves forward into the month instead of leaving it";
  return undefined;
}

/** A version's effective ranges as the shared invariants read them (an invalid date is an open bound). */
function rangesOf(stmt: A.Statement): RangeValue[] {
  return stmt.annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
}

/** Reports the first month (or week) of the horizon where a version's last trading day breaks, per kind of break. */
function checkVersion(
  index: number,
  lowered: LoweredDateRule,
  ast: A.DateRule,
  ranges: VersionRanges,
  engine: CalendarEngine,
  horizon: Horizon,
  ctx: readonly string[],
  report: Report,
): void {
  const weekly = lowered.kind === "weekly";
  // A pure function of the rule, the versions' ranges and the horizon's calendars: kept for the next check, by the
  // ranges (one string per declaration, hashed once), then by the rule and the version's index.
  let byRanges = horizon.found.get(ranges.key);
  if (byRanges === undefined) horizon.found.set(ranges.key, (byRanges = new Map()));
  const key = `${index} ${JSON.stringify(lowered)}`;
  let found = byRanges.get(key);
  if (found === undefined) {
    const span = { startYear: horizon.startYear, startMonth: horizon.startMonth, years: horizon.months / 12 };
    let governing = ranges.governing.get(weekly);
    if (governing === undefined) {
      governing = periodsByVersion(governingVersions(ranges.all, weekly, span), ranges.all.length);
      ranges.governing.set(weekly, governing);
    }
    found = expiryProblems(lowered, governing[index]!, engine, span, horizon.memo, (n) => horizon.engines.get(n));
    byRanges.set(key, found);
  }
  const rule = lowered.rule;
  const unadjusted = rule.convention === "unadjusted" ? "add `, adjusted preceding` to move it to the business day before" : undefined;
  if (lowered.kind === "monthly" && found.missing !== undefined) {
    const nth = lowered.rule.anchor.kind === "nthWeekday";
    const { error, label } = found.missing;
    report(
      diag(
        nth ? Codes.NthWeekdayMissing : Codes.InvalidDate,
        ast.span,
        `in ${label} the last trading day does not exist: ${noSuchDay(lowered.rule.anchor, error.year, error.month)}`,
        {
          context: ctx,
          hint: nth ? "use `the last …` or a lower ordinal, which every month has" : undefined,
        },
      ),
    );
  }
  if (found.closed !== undefined) {
    const { day, label } = found.closed;
    const when = weekly ? `in the week of ${label}` : `in ${label}`;
    report(
      diag(
        Codes.ExpiryNotBusinessDay,
        ast.span,
        `${when} the last trading day ${formatIsoDate(day)} is not a business day: it is ${describeDay(day, engine)}`,
        { context: ctx, hint: unadjusted },
      ),
    );
  }
  if (found.outside !== undefined) {
    const { day, label, expected } = found.outside;
    if (lowered.kind === "weekly") {
      report(
        diag(
          Codes.ExpiryOutsideMonth,
          ast.span,
          `in the week of ${label} the last trading day ${formatIsoDate(day)} falls outside the contract week`,
          {
            context: ctx,
            notes: ["a weekly rule must land in its contract week, Monday to Sunday"],
          },
        ),
      );
      return;
    }
    const offset = lowered.rule.monthOffset ?? 0;
    const where = offset === 0 ? "the contract month" : `the month before the contract month (${ym(expected.year, expected.month)})`;
    report(
      diag(Codes.ExpiryOutsideMonth, ast.span, `in ${label} the last trading day ${formatIsoDate(day)} falls outside ${where}`, {
        context: ctx,
        hint: modifiedHint(lowered.rule.convention),
        notes: [
          offset === 0
            ? "a rule anchored in the contract month must land in the contract month"
            : "a rule anchored in the month before the contract month must land in that month",
        ],
      }),
    );
  }
}

function noSuchDay(anchor: Extract<LoweredDateRule, { kind: "monthly" }>["rule"]["anchor"], year: number, month: number): string {
  const monthName = `${ym(year, month)}`;
  switch (anchor.kind) {
    case "nthWeekday":
      return `${monthName} has no ${["", "first", "second", "third", "fourth", "fifth"][anchor.n] ?? anchor.n} ${wordsOf(WEEKDAYS)[anchor.weekday - 1]!}`;
    case "dayOfMonth":
      return `${monthName} has no day ${anchor.day}`;
    case "nthBusinessDay":
      return `${monthName} has fewer than ${Math.abs(anchor.n)} business days`;
    default:
      return `${monthName} has no such day`;
  }
}
