/**
 * The checks of a compiled spec that JSON Schema cannot express, run by the loader after the schema and the hash
 * (and by the JSON backend on every spec it writes): the subject exists, map keys equal the names inside, every
 * reference resolves to a declaration of the right kind inside the document, calendars pass the runtime's own
 * validation and have no cycle, time zones are known, units resolve to exactly their dimensions, and then every
 * semantic invariant the checker guarantees (src/model/invariants.ts, the functions the checker itself calls):
 * versions that never overlap, amounts that are positive and in the price unit, tick tables, price limits, strike
 * grids, windows and partitions, aggregation options, degradation rules, definite fallback waterfalls, spreads and
 * last trading days that exist for every contract month of the checker's horizon. A spec that passes is one the
 * compiler could have written, so the runtime may rely on it. Problems carry JSON pointers (RFC 6901).
 */
import {
  declaredUnitWords,
  isBuiltInUnitWord,
  resolveUnitText,
  sameUnit,
  equalDimension,
  type DeclaredUnit,
  type Unit as BaseUnit,
  type UnitVocabulary,
} from "../base/units.js";
import {
  CalendarEngines,
  MAX_SUPPORTED_YEAR,
  MIN_SUPPORTED_YEAR,
  formatIsoDate,
  nthWeekdayOfMonth,
  resolveDependencies,
  resolverFromList,
  shiftMonth,
  validateCalendar,
} from "../runtime/calendar/index.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import type { Calendar } from "./calendar.js";
import { pointerToken } from "./canonical.js";
import type { Clause, Quantity, Rounding, Unit } from "./common.js";
import type { Contract, Fallback } from "./contracts.js";
import type { Index, IndexWindow, Method } from "./indices.js";
import {
  EXPIRY_HORIZON,
  METHOD_OPTIONS,
  cappedMedianWeightingAllowed,
  isSourceWeight,
  someWeightPositive,
  PERCENT_RANGES,
  SECONDS_PER_UNIT,
  aggregationWithoutData,
  compareVersionStarts,
  contractUnitGivesMoney,
  countRangeProblem,
  degradationCoverage,
  expiryProblems,
  TRIGGER_PROBLEMS,
  triggerProblem,
  governingVersions,
  fixingTickIndexNotSettled,
  selfSelectionGap,
  FUTURES_SETTLEMENT_MESSAGES,
  FUTURE_VWAP_MESSAGES,
  fallbackNeverApplies,
  futureVwapProblem,
  aggregationProblems,
  aggregationUnitProblem,
  futuresEquivalents,
  type UnitOfContract,
  AGGREGATION_UNIT_MESSAGE,
  type BaseQuantity,
  AGGREGATION_MESSAGES,
  futuresSettlementProblem,
  isOneSided,
  paymentWithoutFinalSettlement,
  licensedIndexNotSettled,
  disclaimerWithoutLicence,
  versionSelectionAlways,
  listingProblems,
  isPositiveAmount,
  minimumExceedsSources,
  overlappingVersions,
  partitionDividesPieces,
  partitionDividesWindow,
  windowPiecesProblem,
  percentInRange,
  percentRangeText,
  priceLimitProblems,
  quoteUnitChange,
  rangeEndsBeforeStart,
  roundingProblems,
  secondsOfDay,
  settlingIndices,
  strikeOffTick,
  strikeListingOffGrid,
  tickTierProblem,
  timeZoneProblem,
  trimDropsNothing,
  trimLeavesValues,
  walkWaterfall,
  dealerPollProblem,
  windowLength,
  type MethodOptionKind,
  type PercentRange,
  type SettlingRef,
  methodNeedsVolume,
  samplesInWindow,
  samplingConflict,
  timeWeightedAcrossPieces,
  flagBelowProblem,
  isRecordWord,
  isTradeSide,
  priorityPerDayWithoutWindow,
  reversalWindowProblem,
  tradeQualificationWithoutWindow,
  timeWeightedBeyondTrades,
} from "./invariants.js";
import { calendarReferences, contractReferences, indexReferences, type Reference } from "./references.js";
import type { Spec } from "./spec.js";

/** One problem of a spec document: a JSON pointer into the document and what is wrong there. */
export interface SpecProblem {
  /** A JSON pointer (RFC 6901), "" for the whole document. */
  readonly path: string;
  readonly message: string;
}

type Problem = (path: string, message: string) => void;
type ExpiryMemo = NonNullable<Parameters<typeof expiryProblems>[4]>;

/** Converts a runtime path such as `holidays[2].date.month` to a JSON pointer suffix `/holidays/2/date/month`. */
function runtimePathToPointer(path: string): string {
  if (path === "") return "";
  return (
    "/" +
    path
      .replace(/\[(\d+)\]/g, ".$1")
      .split(".")
      .map(pointerToken)
      .join("/")
  );
}

/** The semantic problems of a schema-valid spec, in document order; empty when there are none. */
export function semanticProblems(spec: Spec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const problem: Problem = (path, message) => {
    problems.push({ path, message });
  };
  documentProblems(spec, problem);
  const vocabulary = declaredUnitProblems(spec, problem);
  walk(spec, "", "", problem, vocabulary);
  // The invariants read references and units, so they run only on a document whose names and units are sound.
  if (problems.length > 0) return problems;
  const doc = new Doc(spec, problem);
  for (const [key, cal] of Object.entries(spec.calendars)) doc.calendar(`/calendars/${pointerToken(key)}`, cal);
  for (const [key, index] of Object.entries(spec.indices)) doc.index(`/indices/${pointerToken(key)}`, index);
  for (const [key, contract] of Object.entries(spec.contracts)) doc.contract(`/contracts/${pointerToken(key)}`, contract);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The document: subject, names, references, calendars, zones, units

function documentProblems(spec: Spec, problem: Problem): void {
  const maps = { calendar: spec.calendars, index: spec.indices, contract: spec.contracts } as const;
  const subjectMap = spec.subject.kind === "calendar" ? maps.calendar : spec.subject.kind === "index" ? maps.index : maps.contract;
  const subject = Object.hasOwn(subjectMap, spec.subject.name) ? subjectMap[spec.subject.name] : undefined;
  if (subject === undefined) problem("/subject/name", `the subject ${spec.subject.name} is not in the document`);
  else if (subject.kind !== spec.subject.kind)
    problem("/subject/kind", `the subject ${spec.subject.name} is a ${subject.kind}, not a ${spec.subject.kind}`);

  const checkRefs = (base: string, refs: readonly Reference[]): void => {
    for (const r of refs) {
      const map = r.kind === "future" ? maps.contract : maps[r.kind];
      const target = Object.hasOwn(map, r.name) ? map[r.name] : undefined;
      if (target === undefined)
        problem(base + r.path, `refers to the ${r.kind === "future" ? "contract" : r.kind} ${r.name}, which is not in the document`);
      else if (r.kind === "future" && target.kind !== "future")
        problem(base + r.path, `refers to ${r.name}, which is a ${target.kind}, not a future`);
    }
  };

  for (const [key, cal] of Object.entries(spec.calendars)) {
    const base = `/calendars/${pointerToken(key)}`;
    if (cal.name !== key) problem(`${base}/name`, `the calendar's name ${cal.name} differs from its key ${key}`);
    for (const e of validateCalendar(cal)) {
      if (e.kind === "invalid-calendar") problem(base + runtimePathToPointer(e.path), e.message);
    }
    checkRefs(base, calendarReferences(cal));
  }
  const resolve = resolverFromList(Object.values(spec.calendars));
  for (const [key, cal] of Object.entries(spec.calendars)) {
    const deps = resolveDependencies(cal, resolve);
    if (!deps.ok && deps.error.kind === "calendar-cycle") {
      problem(`/calendars/${pointerToken(key)}`, `calendars refer to each other in a cycle: ${deps.error.cycle.join(" → ")}`);
    }
  }
  for (const [key, index] of Object.entries(spec.indices)) {
    const base = `/indices/${pointerToken(key)}`;
    if (index.name !== key) problem(`${base}/name`, `the index's name ${index.name} differs from its key ${key}`);
    checkRefs(base, indexReferences(index));
  }
  for (const [key, contract] of Object.entries(spec.contracts)) {
    const base = `/contracts/${pointerToken(key)}`;
    if (contract.name !== key) problem(`${base}/name`, `the contract's name ${contract.name} differs from its key ${key}`);
    checkRefs(base, contractReferences(contract));
  }
}

/** Generic checks by member name: zones, effective ranges and units wherever they occur. */
function walk(value: unknown, path: string, key: string, problem: Problem, vocabulary: UnitVocabulary): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}/${i}`, key, problem, vocabulary));
    return;
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "string" && (key === "zone" || key === "timeZone")) {
      const z = timeZoneProblem(value);
      if (z?.kind === "unknown") problem(path, `${value} is not a known IANA time zone`);
      else if (z?.kind === "case") problem(path, `${value} is spelled ${z.canonical}: time zone names are case-sensitive`);
    }
    return;
  }
  const obj = value as Record<string, unknown>;
  if (key === "effective" && typeof obj.from === "string" && typeof obj.until === "string" && rangeEndsBeforeStart(obj as never)) {
    problem(path, `the range ends (${obj.until}) before it starts (${obj.from})`);
  }
  if (typeof obj.text === "string" && typeof obj.scale === "string" && obj.dimensions !== undefined && "currency" in obj) {
    checkUnit(obj, path, problem, vocabulary);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    // A clause's value inherits the clause's member name, so `timeZone: [{value: "…"}]` is checked as a zone.
    walk(v, `${path}/${pointerToken(k)}`, k === "value" ? key : k, problem, vocabulary);
  }
}

/**
 * The declared units (`/units`) as the unit resolver takes them: each keyed by its name, none taking a built-in
 * unit or scale word, and no two sharing a word.
 */
function declaredUnitProblems(spec: Spec, problem: Problem): UnitVocabulary {
  const vocabulary: DeclaredUnit[] = [];
  const taken = new Set<string>();
  for (const [key, u] of Object.entries(spec.units ?? {})) {
    const path = `/units/${pointerToken(key)}`;
    if (u.name !== key) problem(`${path}/name`, `the unit's name ${u.name} differs from its key ${key}`);
    const words = declaredUnitWords(u);
    const clash = words.find((w) => isBuiltInUnitWord(w) || taken.has(w));
    if (clash !== undefined) {
      problem(`${path}/name`, `the unit word ${clash} is a built-in unit or scale word or another declared unit's`);
      continue;
    }
    for (const w of words) taken.add(w);
    vocabulary.push({ name: u.name, kind: u.kind });
  }
  return vocabulary;
}

function checkUnit(unit: Record<string, unknown>, path: string, problem: Problem, vocabulary: UnitVocabulary): void {
  const r = resolveUnitText(unit.text as string, vocabulary);
  if (!r.ok) {
    problem(`${path}/text`, `${JSON.stringify(unit.text)} is not a unit`);
    return;
  }
  const dims = unit.dimensions as Record<string, number>;
  const want = r.value.dims;
  const same = Object.keys(dims).length === Object.keys(want).length && Object.keys(want).every((k) => dims[k] === want[k]);
  if (!same) problem(`${path}/dimensions`, `do not match the unit ${JSON.stringify(unit.text)}: expected ${JSON.stringify(want)}`);
  if (unit.scale !== r.value.factor)
    problem(`${path}/scale`, `does not match the unit ${JSON.stringify(unit.text)}: expected ${r.value.factor}`);
  if (unit.currency !== (r.value.money ?? null)) {
    problem(`${path}/currency`, `does not match the unit ${JSON.stringify(unit.text)}: expected ${JSON.stringify(r.value.money ?? null)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The invariants, declaration by declaration

/**
 * The unit of a model unit: its text resolves to exactly these dimensions, scale and currency (checked before
 * the invariants run, with the document's declared units), so they are read as they stand.
 */
function baseUnit(u: Unit): BaseUnit {
  const base = { dims: u.dimensions, factor: u.scale };
  return u.currency === null ? base : { money: u.currency, ...base };
}

const dec = (s: string): Decimal => Decimal.of(s);

/** The value of the only version of a rule, or undefined when it has none or several (versioned rules are compared one at a time). */
function sole<T>(versions: readonly Clause<T>[]): T | undefined {
  return versions.length === 1 ? versions[0]!.value : undefined;
}

const versionName = (i: number): string => `version ${i + 1}`;

/** Fields of each declaration that hold versions of one rule (at most one in force on any date), as docs/spec-format.md says. */
const CONTRACT_VERSIONS = [
  "timeZone",
  "contractUnit",
  "priceQuotation",
  "tick",
  "listing",
  "lastTradingDay",
  "termination",
  "finalSettlement",
  "dailySettlement",
  "priceLimits",
  "fallback",
  "underlying",
  "spreadTick",
  "negativePrices",
  "rights",
  "exercise",
  "automaticExercise",
  "strikes",
  "premiumTick",
  "expiry",
  "payment",
  "cashRounding",
  "priceLimitBreach",
  "indexLicence",
  "indexDisclaimer",
  "fixingTick",
  "versionsSelectedBy",
] as const;
const INDEX_VERSIONS = [
  "timeZone",
  "administrator",
  "quoted",
  "methodology",
  "window",
  "partition",
  "emptyIntervals",
  "aggregateTrades",
  "aggregateIntervals",
  "aggregateSources",
  "excludeDeviation",
  "excludeStale",
  "minimumSources",
  "minimumTrades",
  "extremeMoves",
  "rounding",
  "publication",
  "restatement",
] as const;
const SOURCE_VERSIONS = ["quoted", "models", "instruments", "weight", "blend"] as const;

/** Applies the invariants to the declarations of one document. */
class Doc {
  private readonly engines: CalendarEngines;
  private readonly memo: ExpiryMemo = new Map();

  constructor(
    private readonly spec: Spec,
    private readonly problem: Problem,
  ) {
    const end = shiftMonth(EXPIRY_HORIZON.startYear, EXPIRY_HORIZON.startMonth, EXPIRY_HORIZON.years * 12 - 1);
    this.engines = new CalendarEngines(
      (name) => (Object.hasOwn(spec.calendars, name) ? spec.calendars[name] : undefined),
      EXPIRY_HORIZON.startYear - 1,
      end.year + 1,
    );
  }

  /** A contract's units, every version, as the aggregation rule reads them (model/invariants.ts futuresEquivalents). */
  private unitsOfContract(c: Contract | undefined): (UnitOfContract | undefined)[] | undefined {
    return c?.contractUnit.map(({ value: u }) => {
      const amount = Decimal.parse(u.kind === "quantity" ? u.quantity.amount : u.amount);
      if (!amount.ok) return undefined;
      return u.kind === "quantity"
        ? { kind: "quantity", quantity: { amount: amount.value, factor: u.quantity.unit.scale, dims: u.quantity.unit.dimensions } }
        : { kind: "contracts", amount: amount.value, future: u.contract };
    });
  }

  private baseQuantities(c: Contract, asAggregated: boolean): BaseQuantity[] {
    return futuresEquivalents(this.unitsOfContract(c) ?? [], (f) => this.unitsOfContract(this.contractNamed(f)), asAggregated);
  }

  private contractNamed(name: string): Contract | undefined {
    return Object.hasOwn(this.spec.contracts, name) ? this.spec.contracts[name] : undefined;
  }

  private indexNamed(name: string): Index | undefined {
    return Object.hasOwn(this.spec.indices, name) ? this.spec.indices[name] : undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Versions

  /** Versions of one rule: ordered by start, never two in force on one date (E4008). */
  versions(base: string, field: string, versions: readonly Clause<unknown>[]): void {
    for (let i = 1; i < versions.length; i++) {
      if (compareVersionStarts(versions[i - 1]!.effective[0]!, versions[i]!.effective[0]!) > 0)
        this.problem(`${base}/${field}/${i}/effective/0`, `versions must be ordered by the start of their first range`);
    }
    for (const o of overlappingVersions(versions)) {
      this.problem(
        `${base}/${field}/${o.later}/effective/${o.laterRange}`,
        `overlaps ${versionName(o.earlier)} of the same rule: two versions would be in force on the same date`,
      );
    }
  }

  /** A rule the declaration must state (E2009). */
  required(base: string, field: string, versions: readonly unknown[] | undefined, what: string): void {
    if (versions !== undefined && versions.length === 0) this.problem(`${base}/${field}`, `is empty: every ${what} states it`);
  }

  percent(path: string, value: string, range: PercentRange, what: string): void {
    if (!percentInRange(dec(value), range)) this.problem(path, `${what} must be ${percentRangeText(range)}, not ${value}%`);
  }

  positive(path: string, value: string, what: string): void {
    if (!isPositiveAmount(dec(value))) this.problem(path, `${what} must be positive, not ${value}`);
  }

  // -------------------------------------------------------------------------------------------------------
  // Calendars

  calendar(base: string, cal: Calendar): void {
    const strictlyAscending = (xs: readonly (number | string)[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
    if (!strictlyAscending(cal.weekend)) this.problem(`${base}/weekend`, "must list distinct weekdays in ascending order");
    if (cal.weekend.length === 0 && cal.joint === undefined)
      this.problem(`${base}/weekend`, "is empty: a calendar that is not joint has a weekend (Saturday and Sunday unless stated)");
    if (new Set(cal.basedOn).size !== cal.basedOn.length) this.problem(`${base}/basedOn`, "names a calendar twice");
    if (cal.joint !== undefined && new Set(cal.joint.calendars).size !== cal.joint.calendars.length)
      this.problem(`${base}/joint/calendars`, "names a calendar twice");
    cal.basedOn.forEach((name, i) => {
      if (Object.hasOwn(this.spec.calendars, name) && this.spec.calendars[name]!.joint !== undefined)
        this.problem(`${base}/basedOn/${i}`, `${name} is a joint calendar, which has no holidays of its own to base a calendar on`);
    });
    cal.holidays.forEach((h, i) => {
      const at = `${base}/holidays/${i}`;
      for (const k of ["fromYear", "untilYear"] as const) {
        const y = h[k];
        if (y !== undefined && (y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR))
          this.problem(`${at}/${k}`, `must be a year between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}`);
      }
      if (h.fromYear !== undefined && h.untilYear !== undefined && h.untilYear < h.fromYear)
        this.problem(`${at}/untilYear`, `the years run from ${h.fromYear} until ${h.untilYear}, which ends before it starts`);
      if (!strictlyAscending(h.exceptYears)) this.problem(`${at}/exceptYears`, "must list distinct years in ascending order");
      h.exceptYears.forEach((y, j) => {
        if (y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR)
          this.problem(`${at}/exceptYears/${j}`, `must be a year between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}`);
      });
      const d = h.date;
      if (d.kind === "oneOff" && !strictlyAscending(d.dates))
        this.problem(`${at}/date/dates`, "must list distinct dates in ascending order");
      if (d.kind === "nthWeekday" && d.n === 5 && h.fromYear !== undefined && h.untilYear !== undefined && h.untilYear - h.fromYear < 400) {
        let occurs = false;
        for (let y = h.fromYear; y <= h.untilYear && !occurs; y++)
          if (!h.exceptYears.includes(y) && nthWeekdayOfMonth(y, d.month, 5, d.weekday) !== undefined) occurs = true;
        if (!occurs) this.problem(`${at}/date/n`, `no month of those years has a fifth such weekday, so the holiday never occurs`);
      }
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Indices

  index(base: string, index: Index): void {
    for (const f of INDEX_VERSIONS) this.versions(base, f, index[f]);
    this.required(base, "quoted", index.quoted, "index");
    this.required(base, "rounding", index.rounding, "index");
    this.required(base, "publication", index.publication, "index");
    if (index.aggregateTrades.length + index.aggregateIntervals.length + index.aggregateSources.length === 0)
      this.problem(`${base}/aggregateSources`, "is empty: an index must say how it aggregates (sources, intervals or trades)");

    // One quote unit; every source in a unit of the same dimension.
    const quoted = index.quoted.map((c) => baseUnit(c.value));
    const change = quoteUnitChange(quoted, sameUnit);
    if (change !== undefined)
      this.problem(`${base}/quoted/${change}/value`, "differs from the index's first quote unit: an index has one quote unit");
    const unit = quoted[0];

    // Sources: versions of one source share its name; their own rules are versions too.
    const byName = new Map<string, Clause<unknown>[]>();
    index.sources.forEach((s, i) => {
      const at = `${base}/sources/${i}`;
      const list = byName.get(s.value.name) ?? [];
      list.push(s);
      byName.set(s.value.name, list);
      for (const f of SOURCE_VERSIONS) this.versions(`${at}/value`, f, s.value[f]);
      s.value.quoted.forEach((q, j) => {
        if (unit !== undefined && !equalDimension(baseUnit(q.value), unit))
          this.problem(
            `${at}/value/quoted/${j}/value`,
            `${q.value.text} cannot be converted to the index's unit ${unit === undefined ? "" : index.quoted[0]!.value.text}`,
          );
      });
      this.required(`${at}/value`, "weight", s.value.weight, "source (1 when its source states none)");
      s.value.weight.forEach((w, j) => {
        if (!isSourceWeight(dec(w.value)))
          this.problem(`${at}/value/weight/${j}/value`, `a source's weight must not be negative, not ${w.value}`);
      });
      s.value.blend.forEach((b, j) =>
        b.value.forEach((p, k) => this.positive(`${at}/value/blend/${j}/value/${k}/weight`, p.weight, "a blend weight")),
      );
      if (s.value.priorityPerDay !== undefined) {
        this.versions(`${at}/value`, "priorityPerDay", s.value.priorityPerDay);
        if (priorityPerDayWithoutWindow(s.value.priorityPerDay.length > 0, index.window.length > 0))
          this.problem(`${at}/value/priorityPerDay`, "a priority list is chosen per day, but the index has no window");
      }
    });
    for (const [name, list] of byName) {
      if (list.length < 2) continue;
      for (const o of overlappingVersions(list)) {
        const i = index.sources.indexOf(list[o.later] as never);
        this.problem(
          `${base}/sources/${i}/effective/${o.laterRange}`,
          `overlaps another version of source ${name}: two versions would be in force on the same date`,
        );
      }
    }

    // Windows, partitions and what is aggregated.
    const windows = index.window.map((c, i) => this.windowPieces(`${base}/window/${i}/value`, c.value));
    const solePieces = windows.length === 1 ? windows[0] : undefined;
    const soleWindow = solePieces?.every((l) => l !== undefined) ? solePieces.reduce((a, b) => a! + b!, 0) : undefined;
    index.partition.forEach((c, i) => {
      const at = `${base}/partition/${i}/value`;
      this.positive(`${at}/length/amount`, c.value.length.amount, "the length of an interval");
      if (index.window.length === 0) this.problem(at, "a partition divides the observation window, but the index has no window");
      const seconds = c.value.length.unit === "business-days" ? undefined : SECONDS_PER_UNIT[c.value.length.unit.slice(0, -1) as "second"];
      if (seconds !== undefined && soleWindow !== undefined && isPositiveAmount(dec(c.value.length.amount))) {
        const length = dec(c.value.length.amount).mul(Decimal.fromInteger(seconds));
        const count = Decimal.fromInteger(c.value.count);
        if (
          solePieces!.length > 1
            ? !partitionDividesPieces(
                count,
                length,
                solePieces!.map((l) => Decimal.fromInteger(l!)),
              )
            : !partitionDividesWindow(count, length, Decimal.fromInteger(soleWindow))
        )
          this.problem(
            at,
            `${c.value.count} intervals of ${c.value.length.amount} ${c.value.length.unit} do not cover the ${soleWindow}-second window exactly${solePieces!.length > 1 ? ", a whole number in each piece" : ""}`,
          );
      }
    });
    if (index.partition.length > 0 && index.emptyIntervals.length === 0)
      this.problem(`${base}/emptyIntervals`, "is empty: a partitioned window needs a policy for intervals without trades");
    for (const [field, level] of [
      ["aggregateTrades", "trades"],
      ["aggregateIntervals", "intervals"],
    ] as const) {
      const missing = aggregationWithoutData(level, index.window.length > 0, index.partition.length > 0);
      if (missing !== undefined && index[field].length > 0)
        this.problem(`${base}/${field}`, `${level} are aggregated, but the index has no ${missing} to collect them in`);
    }
    if ((index.sampling ?? []).length > 0 && index.window.some((c) => c.value.also !== undefined))
      this.problem(`${base}/sampling`, "a sampled index samples one window, not a window of several pieces");
    this.sampling(base, index, solePieces?.length === 1 ? soleWindow : undefined);

    // Methods and their options.
    const minimum = sole(index.minimumSources);
    let fixed = false;
    for (const field of ["aggregateTrades", "aggregateIntervals", "aggregateSources"] as const) {
      index[field].forEach((c, i) => {
        const m = this.method(`${base}/${field}/${i}/value`, c.value);
        fixed ||= m.fixed;
        if (
          field === "aggregateSources" &&
          m.trimmed !== undefined &&
          minimum !== undefined &&
          !trimLeavesValues(m.trimmed, Decimal.fromInteger(minimum))
        )
          this.problem(
            `${base}/${field}/${i}/value/trim`,
            `dropping ${m.trimmed.toString()} values of the minimum of ${minimum} sources leaves none to average`,
          );
      });
    }
    index.degradation.forEach((c, i) => {
      const m = this.method(`${base}/degradation/${i}/value/method`, c.value.method);
      fixed ||= m.fixed;
      if (m.trimmed !== undefined && !trimLeavesValues(m.trimmed, Decimal.fromInteger(c.value.minSources)))
        this.problem(
          `${base}/degradation/${i}/value/method/trim`,
          `dropping ${m.trimmed.toString()} values of ${c.value.minSources} sources leaves none to average`,
        );
    });
    this.timeWeighted(base, index);
    this.tradeQualification(base, index);
    if (index.flagBelowSources !== undefined) this.versions(base, "flagBelowSources", index.flagBelowSources);
    const listedNames = new Set(index.sources.map((s) => s.value.name)).size;
    (index.flagBelowSources ?? []).forEach((c, i) => {
      if (flagBelowProblem(c.value, sole(index.minimumSources), listedNames) !== undefined)
        this.problem(`${base}/flagBelowSources/${i}/value`, "never flags a value, or flags every value");
    });
    if (!fixed) {
      index.sources.forEach((s, i) => {
        const w = s.value.weight;
        const isDefault =
          w.length === 1 &&
          w[0]!.value === "1" &&
          w[0]!.descriptions.length === 0 &&
          w[0]!.clauses.length === 0 &&
          w[0]!.effective.length === 1 &&
          w[0]!.effective[0]!.from === null &&
          w[0]!.effective[0]!.until === null;
        if (!isDefault && w.length > 0)
          this.problem(`${base}/sources/${i}/value/weight`, "a source weight is used only when sources are aggregated with fixed weights");
      });
    } else if (index.sources.length > 0 && !someWeightPositive(index.sources.map((s) => s.value.weight.map((w) => dec(w.value)))))
      this.problem(`${base}/sources`, "every source has a weight of 0, so fixed weights leave nothing to average");

    // Percentages, durations, counts.
    index.excludeDeviation.forEach((c, i) =>
      this.percent(`${base}/excludeDeviation/${i}/value/percent`, c.value.percent, PERCENT_RANGES.deviation, "a deviation threshold"),
    );
    index.extremeMoves.forEach((c, i) =>
      this.percent(`${base}/extremeMoves/${i}/value/percent`, c.value.percent, PERCENT_RANGES.extremeMove, "an extreme-move threshold"),
    );
    index.restatement.forEach((c, i) => {
      if (c.value.kind === "same-day" || (c.value.kind === "until" && c.value.thresholdPercent !== null))
        this.percent(
          `${base}/restatement/${i}/value/thresholdPercent`,
          c.value.thresholdPercent!,
          PERCENT_RANGES.restatement,
          "a restatement threshold",
        );
    });
    index.excludeStale.forEach((c, i) => this.positive(`${base}/excludeStale/${i}/value/amount`, c.value.amount, "a staleness limit"));
    index.rounding.forEach((c, i) => this.indexRounding(`${base}/rounding/${i}/value`, c.value));

    // Sources counted: the minimum, and degradation rules covering every count once.
    const listed = new Set(index.sources.map((s) => s.value.name)).size;
    index.minimumSources.forEach((c, i) => {
      if (minimumExceedsSources(Decimal.fromInteger(c.value), listed))
        this.problem(`${base}/minimumSources/${i}/value`, `requires ${c.value} sources, but the index lists ${listed}`);
    });
    if (index.degradation.length > 0) {
      const ranges = index.degradation.map((c) => ({
        lo: BigInt(c.value.minSources),
        hi: c.value.maxSources === null ? undefined : BigInt(c.value.maxSources),
      }));
      const bad = ranges.findIndex((r) => countRangeProblem(r) !== undefined);
      if (bad >= 0)
        this.problem(
          `${base}/degradation/${bad}/value/maxSources`,
          "the rule covers no number of sources: its maximum is below its minimum",
        );
      else {
        const cov = degradationCoverage(ranges, minimum === undefined ? undefined : BigInt(minimum), listed);
        const p = cov.problem;
        if (p?.kind === "overlap")
          this.problem(`${base}/degradation/${p.second}`, `degradation rules overlap: ${p.count} sources are covered by two rules`);
        else if (p?.kind === "gap") this.problem(`${base}/degradation/${p.next}`, `no degradation rule covers ${p.count} sources`);
      }
    }
  }

  /**
   * The nominal length in seconds of each piece of an index window (undefined for a piece without time), each piece
   * checked as a window (E4006, E4060) and the pieces in time order without a shared instant (E4191).
   */
  windowPieces(at: string, w: IndexWindow): (number | undefined)[] {
    const pieces = [w, ...(w.also ?? [])];
    const lengths = pieces.map((p, j) => {
      const from = secondsOfDay(p.from)!;
      const to = secondsOfDay(p.to)!;
      const len = windowLength(from, to, p.fromDay === "previous");
      if (len === undefined)
        this.problem(
          j === 0 ? `${at}/to` : `${at}/also/${j - 1}/to`,
          p.fromDay === "previous"
            ? `the window from ${p.from} on the previous day to ${p.to} is longer than a day`
            : `the window from ${p.from} to ${p.to} contains no time`,
        );
      return len;
    });
    const problem = windowPiecesProblem(
      pieces.map((p) => ({
        from: secondsOfDay(p.from)! - (p.fromDay === "previous" ? 86_400 : 0),
        to: secondsOfDay(p.to)!,
        fromInclusive: p.fromBound === "inclusive",
        toInclusive: p.toBound === "inclusive",
        zone: w.zone,
      })),
    );
    if (problem !== undefined) this.problem(`${at}/also/${problem.piece - 1}/from`, "starts before the previous piece of the window ends");
    return lengths;
  }

  /** Trade qualification: a positive volume, a deviation in (0%, 100%], and a window of trades (E3003, E3006, E5282). */
  tradeQualification(base: string, index: Index): void {
    const below = index.excludeTradesBelow;
    const jumps = index.excludeTradeJumps;
    if (below !== undefined) {
      this.versions(base, "excludeTradesBelow", below);
      below.forEach((c, i) => this.positive(`${base}/excludeTradesBelow/${i}/value/volume`, c.value.volume, "a minimum trade volume"));
    }
    if (jumps !== undefined) {
      this.versions(base, "excludeTradeJumps", jumps);
      jumps.forEach((c, i) =>
        this.percent(`${base}/excludeTradeJumps/${i}/value/percent`, c.value.percent, PERCENT_RANGES.deviation, "a deviation threshold"),
      );
    }
    const where = index.excludeTradesWhere ?? [];
    where.forEach((c, i) => {
      const f = c.value;
      const at = `${base}/excludeTradesWhere/${i}/value`;
      if (f.kind === "flagged" && !isRecordWord(f.flag)) this.problem(`${at}/flag`, "is not a flag a record can hold");
      if (f.kind === "type" && !isRecordWord(f.type)) this.problem(`${at}/type`, "is not a trade type a record can hold");
      if (f.kind === "counterparty" && !isRecordWord(f.counterparty))
        this.problem(`${at}/counterparty`, "is not a counterparty a record can hold");
      if (f.kind === "side" && !isTradeSide(f.side)) this.problem(`${at}/side`, "is not a side a record can hold");
      if (f.kind === "reversed-within") {
        this.positive(`${at}/within/amount`, f.within.amount, "a reversal window");
        if (reversalWindowProblem(f.within) !== undefined) this.problem(`${at}/within`, "a reversal window is clock time of at most a day");
      }
    });
    const counterparties = index.minimumCounterparties ?? [];
    if (
      tradeQualificationWithoutWindow(
        (below ?? []).length + (jumps ?? []).length + where.length + counterparties.length > 0,
        index.window.length > 0,
      )
    )
      this.problem(
        `${base}/${below !== undefined && below.length > 0 ? "excludeTradesBelow" : jumps !== undefined && jumps.length > 0 ? "excludeTradeJumps" : where.length > 0 ? "excludeTradesWhere" : "minimumCounterparties"}`,
        "trades are excluded, but the index has no window of trades",
      );
  }

  /** `vtwap` combines trades only (E5280), and over a window of several pieces only with a partition (E5281). */
  timeWeighted(base: string, index: Index): void {
    for (const [field, level] of [
      ["aggregateIntervals", "intervals"],
      ["aggregateSources", "sources"],
    ] as const)
      index[field].forEach((c, i) => {
        if (timeWeightedBeyondTrades(level, c.value.name))
          this.problem(`${base}/${field}/${i}/value/name`, `${level} cannot be combined by vtwap: they have no instant of their own`);
      });
    index.degradation.forEach((c, i) => {
      if (timeWeightedBeyondTrades("sources", c.value.method.name))
        this.problem(
          `${base}/degradation/${i}/value/method/name`,
          "sources cannot be combined by vtwap: they have no instant of their own",
        );
    });
    index.aggregateTrades.forEach((c, i) => {
      for (const w of index.window)
        if (timeWeightedAcrossPieces(c.value.name, 1 + (w.value.also?.length ?? 0), index.partition.length > 0))
          this.problem(`${base}/aggregateTrades/${i}/value/name`, "vtwap over a window of several pieces needs a partition");
    });
  }

  /** A method carries exactly the options it needs (E5009, E5005). */
  /** A sampled index (issue 15): the rules of check/sampling.ts, through the same invariants. */
  sampling(base: string, index: Index, soleWindow: number | undefined): void {
    const sampling = index.sampling ?? [];
    const samples = index.aggregateSamples ?? [];
    if (index.sampling !== undefined) this.versions(base, "sampling", index.sampling);
    if (index.aggregateSamples !== undefined) this.versions(base, "aggregateSamples", index.aggregateSamples);
    if (sampling.length === 0) {
      if (samples.length > 0) this.problem(`${base}/aggregateSamples`, "samples are aggregated, but the index is not sampled");
      return;
    }
    if (index.window.length === 0) this.problem(`${base}/sampling`, "the index is sampled, but has no window to sample");
    const conflict = samplingConflict({
      partition: index.partition.length > 0,
      aggregateTrades: index.aggregateTrades.length > 0,
      aggregateIntervals: index.aggregateIntervals.length > 0,
    });
    if (conflict !== undefined) this.problem(`${base}/sampling`, `a sampled index cannot also have \`${conflict}\``);
    if (index.aggregateSources.length === 0)
      this.problem(`${base}/aggregateSources`, "is empty: a sampled index needs a method that combines the sources at each sample");
    if (samples.length === 0)
      this.problem(`${base}/aggregateSamples`, "is missing: a sampled index needs a method that combines the samples");
    samples.forEach((c, i) => {
      this.method(`${base}/aggregateSamples/${i}/value`, c.value);
      if (methodNeedsVolume(c.value.name, c.value.weightedBy))
        this.problem(`${base}/aggregateSamples/${i}/value/name`, `samples cannot be combined by ${c.value.name}: a sample has no volume`);
    });
    sampling.forEach((c, i) => {
      const at = `${base}/sampling/${i}/value`;
      for (const f of ["every", "hold"] as const) {
        const d = c.value[f];
        this.positive(`${at}/${f}/amount`, d.amount, f === "every" ? "a sampling interval" : "a holding time");
        if (d.unit === "business-days") this.problem(`${at}/${f}/unit`, "is business days: sampling is in clock time");
      }
      const d = c.value.every;
      if (d.unit !== "business-days" && soleWindow !== undefined && isPositiveAmount(dec(d.amount))) {
        const every = dec(d.amount).mul(Decimal.fromInteger(SECONDS_PER_UNIT[d.unit.slice(0, -1) as "second"]));
        const n = samplesInWindow(every, Decimal.fromInteger(soleWindow));
        if (!n.ok)
          this.problem(
            `${at}/every`,
            n.problem === "not-dividing"
              ? `samples every ${d.amount} ${d.unit} do not divide the ${soleWindow}-second window evenly`
              : "the window would hold more than 1,000,000 samples",
          );
      }
    });
  }

  method(at: string, m: Method): { fixed: boolean; trimmed: Decimal | undefined } {
    const given: [MethodOptionKind, string, unknown][] = [
      ["ExactHalf", "exactHalf", m.exactHalf],
      ["Trim", "trim", m.trim],
      ["Cap", "capPercent", m.capPercent],
      ["WeightedBy", "weightedBy", m.weightedBy],
    ];
    const rule = METHOD_OPTIONS[m.name];
    for (const [kind, field, value] of given) {
      if (value !== null && !rule.allowed.includes(kind)) this.problem(`${at}/${field}`, `does not apply to ${m.name}: it must be null`);
      if (value === null && rule.required === kind) this.problem(`${at}/${field}`, `is required by ${m.name}`);
    }
    let trimmed: Decimal | undefined;
    if (m.trim !== null && m.name === "trimmed-mean") {
      const hi = Decimal.fromInteger(m.trim.highest);
      const lo = Decimal.fromInteger(m.trim.lowest);
      if (trimDropsNothing(hi, lo)) this.problem(`${at}/trim`, "a trimmed mean that drops nothing is a mean");
      else trimmed = hi.add(lo);
    }
    if (m.name === "capped-median" && m.weightedBy !== null && !cappedMedianWeightingAllowed(m.weightedBy))
      this.problem(`${at}/weightedBy`, `a capped median is not weighted by ${m.weightedBy}`);
    if (m.capPercent !== null) this.percent(`${at}/capPercent`, m.capPercent, PERCENT_RANGES.cap, "a cap");
    return { fixed: m.weightedBy === "fixed", trimmed };
  }

  indexRounding(at: string, r: Rounding): void {
    if (r.kind === "unrounded") return;
    const problems = roundingProblems({ mode: r.mode, toTick: r.kind === "tick" }, { daily: false, hasTick: () => false });
    if (problems.includes("no-tick")) this.problem(`${at}/kind`, "an index has no tick to round to");
    else if (problems.includes("ties-without-prior"))
      this.problem(`${at}/mode`, "half-toward-reference needs a prior settlement, and an index has none");
  }

  // -------------------------------------------------------------------------------------------------------
  // Contracts

  /** The price unit of a contract: its own quote, else its underlying's (a spread: its first leg's); undefined when ambiguous. */
  priceUnit(c: Contract, depth = 0): BaseUnit | undefined {
    if (c.priceQuotation.length > 0) return baseUnit(c.priceQuotation[0]!.value);
    if (depth > 8) return undefined;
    if (c.kind === "spread") {
      const leg = c.legs.map((l) => this.contractNamed(l.value.contract)).find((x) => x !== undefined);
      return leg === undefined ? undefined : this.priceUnit(leg, depth + 1);
    }
    const u = sole(c.underlying);
    if (u === undefined) return undefined;
    if (u.kind === "index") {
      const i = this.indexNamed(u.name);
      return i === undefined || i.quoted.length === 0 ? undefined : baseUnit(i.quoted[0]!.value);
    }
    const f = this.contractNamed(u.name);
    return f === undefined ? undefined : this.priceUnit(f, depth + 1);
  }

  /** Every tier amount of a contract's outright ticks, all versions (undefined when there is none). */
  outrightTicks(c: Contract): Decimal[] | undefined {
    const ticks = c.tick.flatMap((v) => v.value.map((t) => dec(t.tick.amount)));
    return ticks.length === 0 || ticks.some((t) => !t.isPositive()) ? undefined : ticks;
  }

  /** A price-like amount: in the price unit (E3001) and positive (E3003). */
  priceAmount(at: string, q: Quantity, price: BaseUnit | undefined, what: string, zeroAllowed = false): boolean {
    let ok = true;
    if (price !== undefined && !sameUnit(baseUnit(q.unit), price)) {
      this.problem(`${at}/unit`, `${what} is in ${q.unit.text}, not in the price unit`);
      ok = false;
    }
    if (zeroAllowed ? dec(q.amount).isNegative() : !isPositiveAmount(dec(q.amount))) {
      this.problem(`${at}/amount`, `${what} must be ${zeroAllowed ? "zero or more" : "positive"}, not ${q.amount}`);
      ok = false;
    }
    return ok;
  }

  contract(base: string, c: Contract): void {
    for (const f of CONTRACT_VERSIONS) if (f in c) this.versions(base, f, (c as unknown as Record<string, Clause<unknown>[]>)[f]!);
    const positions = new Map<string, Clause<unknown>[]>();
    c.positionLimits.forEach((p) => positions.set(p.value.scope, [...(positions.get(p.value.scope) ?? []), p]));
    for (const list of positions.values())
      for (const o of overlappingVersions(list))
        this.problem(
          `${base}/positionLimits/${c.positionLimits.indexOf(list[o.later] as never)}/effective/${o.laterRange}`,
          "overlaps another position limit of the same scope",
        );

    c.positionLimits.forEach((l, i) => {
      const names = l.value.aggregatedWith ?? [];
      for (const [j, problem] of aggregationProblems(c.name, names, (n) => this.contractNamed(n)?.kind))
        this.problem(`${base}/positionLimits/${i}/value/aggregatedWith/${j}`, AGGREGATION_MESSAGES[problem]);
      names.forEach((n, j) => {
        const other = this.contractNamed(n);
        if (other === undefined || n === c.name) return;
        if (aggregationUnitProblem(this.baseQuantities(c, false), this.baseQuantities(other, true)) !== undefined)
          this.problem(`${base}/positionLimits/${i}/value/aggregatedWith/${j}`, AGGREGATION_UNIT_MESSAGE);
      });
    });

    c.cashRounding?.forEach((r, i) => {
      if (roundingProblems({ mode: r.value.mode, toTick: false }, { daily: false, hasTick: () => true }).includes("ties-without-prior"))
        this.problem(`${base}/cashRounding/${i}/value/mode`, "ties toward the prior settlement exist only in daily settlement steps");
    });
    c.payment?.forEach((p, i) => {
      if (paymentWithoutFinalSettlement(p.value.after, c.finalSettlement.length))
        this.problem(
          `${base}/payment/${i}/value/after`,
          "counts from the final settlement day, but the contract states no final settlement",
        );
    });

    // Required rules and the defaults the compiler writes out.
    const kindName = c.kind;
    if (c.kind === "future") {
      for (const f of [
        "underlying",
        "contractUnit",
        "priceQuotation",
        "tick",
        "lastTradingDay",
        "termination",
        "finalSettlement",
        "negativePrices",
      ] as const)
        this.required(base, f, c[f], kindName);
    } else if (c.kind === "option") {
      for (const f of ["underlying", "rights", "exercise", "strikes", "finalSettlement"] as const) this.required(base, f, c[f], kindName);
      if (c.premiumTick.length === 0 && c.tick.length === 0)
        this.problem(`${base}/premiumTick`, "is empty: an option must state a premium tick (or a tick)");
      if (c.expiry.length === 0 && c.lastTradingDay.length === 0)
        this.problem(`${base}/expiry`, "is empty: an option must state its expiry (or a last trading day)");
    } else {
      if (c.legs.length < 2) this.problem(`${base}/legs`, "a spread needs at least two legs");
      this.required(base, "negativePrices", c.negativePrices, kindName);
      if (isOneSided(c.legs.map((l) => l.value.side)))
        this.problem(`${base}/legs`, "every leg is on the same side: a spread is long one leg and short another");
    }
    c.listing.forEach((v, i) => {
      for (const p of listingProblems(v.value))
        this.problem(
          `${base}/listing/${i}/value/${p.part}`,
          p.problem === "additional-first"
            ? "additional months follow those listed before them, and no part before lists any"
            : p.problem === "listing-time-misplaced"
              ? "a listing time is the one last part of a cycle, after the parts that list"
              : "a listing cycle in weeks names months",
        );
    });

    // Underlyings: a future stands on an index; an option on a future or an index; spreads' legs are futures.
    if (c.kind === "future")
      c.underlying.forEach(
        (u, i) => u.value.kind !== "index" && this.problem(`${base}/underlying/${i}/value/kind`, "a future's underlying is an index"),
      );
    if (c.kind === "spread")
      c.legs.forEach((l, i) => {
        const t = this.contractNamed(l.value.contract);
        if (t !== undefined && t.kind !== "future")
          this.problem(`${base}/legs/${i}/value/contract`, `${l.value.contract} is a ${t.kind}, not a future`);
      });
    c.finalSettlement.forEach((f, i) => {
      const v = f.value.value;
      if (v.kind !== "underlying-final") return;
      const t = this.contractNamed(v.contract);
      if (t !== undefined && t.kind !== "future")
        this.problem(`${base}/finalSettlement/${i}/value/value/contract`, `${v.contract} is a ${t.kind}, not a future`);
    });

    // The price unit: one quote across versions, the underlying's (or the legs').
    const quotes = c.priceQuotation.map((q) => baseUnit(q.value));
    const change = quoteUnitChange(quotes, sameUnit);
    if (change !== undefined)
      this.problem(`${base}/priceQuotation/${change}/value`, "differs from the first version: a contract has one price unit");
    const own = quotes[0];
    const underlyingUnit = c.kind === "spread" ? undefined : this.priceUnit({ ...c, priceQuotation: [] } as Contract);
    if (own !== undefined && underlyingUnit !== undefined && !sameUnit(own, underlyingUnit))
      this.problem(`${base}/priceQuotation/0/value`, "differs from the unit the underlying is quoted in");
    if (c.kind === "spread") {
      let first: BaseUnit | undefined;
      c.legs.forEach((l, i) => {
        const t = this.contractNamed(l.value.contract);
        const u = t === undefined ? undefined : this.priceUnit(t, 1);
        if (u === undefined) return;
        if (first === undefined) {
          first = u;
          if (own !== undefined && !sameUnit(own, u))
            this.problem(`${base}/priceQuotation/0/value`, "differs from the unit the legs are quoted in");
        } else if (!sameUnit(u, first))
          this.problem(`${base}/legs/${i}/value/contract`, `${l.value.contract} is quoted in another unit than the first leg`);
      });
    }
    const price = own ?? underlyingUnit ?? (c.kind === "spread" ? this.priceUnit(c) : undefined);

    // Price-like amounts.
    const tickFields = c.kind === "option" ? (["tick", "premiumTick"] as const) : (["tick", "spreadTick"] as const);
    for (const f of tickFields) {
      const versions = (
        c as unknown as Record<string, Clause<{ tick: Quantity; bound: { relation: "at-or-below" | "above"; price: string } | null }[]>[]>
      )[f]!;
      versions.forEach((v, i) => {
        const at = `${base}/${f}/${i}/value`;
        const valid = v.value.map((t, j) => this.priceAmount(`${at}/${j}/tick`, t.tick, price, "a tick"));
        const p = tickTierProblem(
          v.value.map((t, j) => ({
            tick: valid[j] ? dec(t.tick.amount) : undefined,
            bound: t.bound === null ? undefined : { relation: t.bound.relation, price: dec(t.bound.price) },
          })),
        );
        if (p !== undefined) this.problem(`${at}/${p.tier}/bound`, TIER_MESSAGES[p.kind]);
      });
    }
    const ticks = this.outrightTicks(c);
    c.priceLimits.forEach((v, i) => {
      const at = `${base}/priceLimits/${i}/value`;
      const limits = v.value.map((l, j) =>
        l.kind === "percent"
          ? { kind: "percent" as const, value: dec(l.percent) }
          : this.priceAmount(`${at}/${j}/amount`, l.amount, price, "a price limit")
            ? { kind: "amount" as const, value: dec(l.amount.amount) }
            : undefined,
      );
      for (const p of priceLimitProblems(limits, () => ticks)) {
        const where = `${at}/${p.limit}`;
        if (p.kind === "percent-out-of-range")
          this.problem(`${where}/percent`, `a price limit must be ${percentRangeText(PERCENT_RANGES.priceLimit)}`);
        else if (p.kind === "amount-off-tick") this.problem(`${where}/amount/amount`, "is not a whole number of ticks");
        else this.problem(where, "price limits must ascend");
      }
    });

    // Contract units.
    c.contractUnit.forEach((v, i) => {
      const at = `${base}/contractUnit/${i}/value`;
      const cu = v.value;
      if (cu.kind === "contracts") {
        this.positive(`${at}/amount`, cu.amount, "a contract unit");
        if (c.kind !== "option") {
          this.problem(`${at}/kind`, "only an option's contract unit is a number of contracts of a future");
          return;
        }
        const u = sole(c.underlying);
        if (u !== undefined && u.name !== cu.contract)
          this.problem(`${at}/contract`, `the contract unit is in ${cu.contract} contracts, but the underlying is ${u.name}`);
        const f = this.contractNamed(cu.contract);
        if (f !== undefined && f.kind !== "future") this.problem(`${at}/contract`, `${cu.contract} is a ${f.kind}, not a future`);
        const fcu = f === undefined ? undefined : sole(f.contractUnit);
        if (fcu?.kind === "quantity" && price !== undefined && !contractUnitGivesMoney(price, baseUnit(fcu.quantity.unit)))
          this.problem(at, "a contract of the future priced in the price unit is not an amount of money");
        return;
      }
      if (!isPositiveAmount(dec(cu.quantity.amount))) {
        this.problem(`${at}/quantity/amount`, `a contract unit must be positive, not ${cu.quantity.amount}`);
        return;
      }
      if (price !== undefined && !contractUnitGivesMoney(price, baseUnit(cu.quantity.unit)))
        this.problem(`${at}/quantity/unit`, "the price unit times the contract unit is not an amount of money");
    });

    // Exercise into futures: only an option at the final settlement price of a future.
    c.finalSettlement.forEach((v, i) => {
      if (v.value.method !== "futures") return;
      const value = v.value.value;
      const problem = futuresSettlementProblem(c.kind, {
        kind: value.kind,
        targetKind: value.kind === "underlying-final" ? this.contractNamed(value.contract)?.kind : undefined,
      });
      if (problem !== undefined) this.problem(`${base}/finalSettlement/${i}/value/method`, FUTURES_SETTLEMENT_MESSAGES[problem]);
    });

    // The VWAP of a future's trades: an option's, of its underlying future.
    c.finalSettlement.forEach((v, i) => {
      const value = v.value.value;
      if (value.kind !== "future-vwap") return;
      const u = c.kind === "spread" ? undefined : sole(c.underlying);
      const problem = futureVwapProblem(c.kind, value.contract, u);
      if (problem !== undefined) this.problem(`${base}/finalSettlement/${i}/value/value/contract`, FUTURE_VWAP_MESSAGES[problem]);
    });

    // Dynamic price limits: the variant a percentage in range, the window and the halt longer than zero.
    if (c.kind === "future")
      (c.dynamicPriceLimits ?? []).forEach((v, i) => {
        const at = `${base}/dynamicPriceLimits/${i}/value`;
        this.percent(`${at}/percent`, v.value.percent, PERCENT_RANGES.priceLimit, "a dynamic price limit");
        for (const f of ["window", "halt"] as const)
          if (!dec(v.value[f].amount).isPositive()) this.problem(`${at}/${f}/amount`, `the ${f} must be longer than zero`);
      });

    // Options: the strike grid on the tick, the automatic-exercise threshold.
    if (c.kind === "option") {
      const u = sole(c.underlying);
      const source = u?.kind === "future" ? this.contractNamed(u.name) : c;
      const strikeTicks = source === undefined ? undefined : this.outrightTicks(source);
      c.strikes.forEach((v, i) => {
        const at = `${base}/strikes/${i}/value`;
        if (!this.priceAmount(at, v.value, price, "the strike grid") || strikeTicks === undefined) return;
        if (strikeOffTick(dec(v.value.amount), strikeTicks) !== undefined)
          this.problem(`${at}/amount`, "the strike grid is not a whole number of ticks");
      });
      c.automaticExercise.forEach((v, i) =>
        this.priceAmount(`${base}/automaticExercise/${i}/value`, v.value, price, "the automatic-exercise threshold", true),
      );
      // The strike listing schedule: each tier on every strike grid, its percentages in range (E3290, E3006).
      (c.strikeListing ?? []).forEach((t, i) => {
        const at = `${base}/strikeListing/${i}/value`;
        if (!dec(t.value.interval).isPositive()) this.problem(`${at}/interval`, "the strike listing interval must be positive");
        else if (c.strikes.some((g) => strikeListingOffGrid(dec(t.value.interval), dec(g.value.amount))))
          this.problem(`${at}/interval`, "the strike listing interval is not a whole multiple of the strike grid");
        this.percent(`${at}/below`, t.value.below, PERCENT_RANGES.strikeBelow, "the percentage below");
        this.percent(`${at}/above`, t.value.above, PERCENT_RANGES.strikeAbove, "the percentage above");
      });
    }

    // Roundings.
    const hasTick =
      c.kind === "future" ||
      c.tick.length > 0 ||
      (c.kind === "option" && c.premiumTick.length > 0) ||
      (c.kind === "spread" &&
        (c.spreadTick.length > 0 || c.legs.some((l) => (this.contractNamed(l.value.contract)?.tick.length ?? 0) > 0)));
    const rounding = (at: string, r: Rounding, daily: boolean, tick: boolean): void => {
      if (r.kind === "unrounded") return;
      const problems = roundingProblems({ mode: r.mode, toTick: r.kind === "tick" }, { daily, hasTick: () => tick });
      if (problems.includes("ties-without-prior"))
        this.problem(`${at}/mode`, "half-toward-reference needs a prior settlement, which only daily settlement has");
      if (problems.includes("no-tick")) this.problem(`${at}/kind`, "rounds to the tick, but the contract has no tick");
    };
    c.finalSettlement.forEach((v, i) => rounding(`${base}/finalSettlement/${i}/value/rounding`, v.value.rounding, false, hasTick));
    c.priceLimits.forEach((v, i) =>
      v.value.forEach((l, j) => {
        if (l.kind === "percent" && l.rounding !== undefined)
          rounding(`${base}/priceLimits/${i}/value/${j}/rounding`, l.rounding, false, hasTick);
      }),
    );
    if (c.kind === "spread")
      c.legs.forEach((l, i) => l.value.rounding !== null && rounding(`${base}/legs/${i}/value/rounding`, l.value.rounding, false, true));
    c.dailySettlement.forEach((v, i) =>
      v.value.forEach((s, j) => {
        const at = `${base}/dailySettlement/${i}/value/${j}`;
        if (s.kind !== "carry-forward" && s.kind !== "net-change") rounding(`${at}/rounding`, s.rounding, true, hasTick);
        if (
          (s.kind === "vwap" || s.kind === "lead-spread" || s.kind === "period-midpoint") &&
          windowLength(secondsOfDay(s.window.from)!, secondsOfDay(s.window.to)!, s.window.fromDay === "previous") === undefined
        )
          this.problem(
            `${at}/window/to`,
            `the ${s.kind === "period-midpoint" ? "settlement period" : "VWAP window"} from ${s.window.from} to ${s.window.to} contains no time`,
          );
      }),
    );

    // Fallbacks and last trading days.
    const settling = new Set(settlingIndices(c, (x) => this.settlingRefs(x)).map((x) => x.index));
    c.fallback.forEach((v, i) => this.fallback(`${base}/fallback/${i}/value`, v.value, settling));
    if (
      fallbackNeverApplies(
        c.finalSettlement.map((v) => v.value.value.kind),
        c.fallback.length,
      )
    )
      this.problem(
        `${base}/fallback`,
        "a fallback that never applies: the contract settles only at another contract's final settlement price",
      );
    c.indexLicence?.forEach((v, i) => {
      if (licensedIndexNotSettled(v.value.index, settling))
        this.problem(`${base}/indexLicence/${i}/value/index`, `${v.value.index} is not an index the contract settles on`);
    });
    c.fixingTick?.forEach((v, i) => {
      if (fixingTickIndexNotSettled(v.value.index, settling))
        this.problem(`${base}/fixingTick/${i}/value/index`, `${v.value.index} is not an index the contract settles on`);
      const mode = v.value.mode;
      if (mode !== null && roundingProblems({ mode, toTick: true }, { daily: false, hasTick: () => true }).includes("ties-without-prior"))
        this.problem(`${base}/fixingTick/${i}/value/mode`, "ties toward the prior settlement exist only in daily settlement steps");
    });
    if (disclaimerWithoutLicence(c.indexDisclaimer?.length ?? 0, c.indexLicence?.length ?? 0))
      this.problem(`${base}/indexDisclaimer`, "an index disclaimer without an index licence names no index");
    if (c.versionsSelectedBy !== undefined && !versionSelectionAlways(c.versionsSelectedBy))
      this.problem(`${base}/versionsSelectedBy`, "what selects the rule versions holds at all times, in one clause");
    this.lastTradingDays(base, c);
    if (c.versionsSelectedBy?.[0]?.value === "last-trading-day") this.selfSelection(base, c);
  }

  /** Under `rule versions selected by the last trading day`, every period of the horizon has its last trading day. */
  selfSelection(base: string, c: Contract): void {
    const versions = c.lastTradingDay.map((v) => ({ effective: v.effective, rule: v.value }));
    const engineOf = (name: string) => {
      const e = this.engines.get(name);
      return e.ok ? e.value : undefined;
    };
    const gap = selfSelectionGap(
      versions,
      engineOf,
      versions.some((v) => v.rule.kind === "weekly"),
    );
    if (gap !== undefined)
      this.problem(
        `${base}/versionsSelectedBy`,
        `in ${gap.label} no version of the last trading day gives a day on which it is itself in force`,
      );
  }

  /** Every disruption ends in a definite outcome, no step is unreachable, an alternate index is not the underlying. */
  fallback(at: string, fb: Fallback, settling: ReadonlySet<string>): void {
    fb.disruptions.forEach((d, i) => {
      if (d.duration !== null) this.positive(`${at}/disruptions/${i}/duration/amount`, d.duration.amount, "the duration of a disruption");
    });
    const w = walkWaterfall(
      fb.disruptions.map((d) => d.condition),
      fb.steps.map((s) => ({ only: s.only ?? [], terminal: s.action.kind === "determination" })),
    );
    w.steps.forEach((s, j) => {
      if (s.live.length === 0)
        this.problem(
          `${at}/steps/${j}`,
          "this step can never be reached: every disruption it handles already has an outcome, or is not declared",
        );
    });
    if (w.open.length > 0)
      this.problem(
        `${at}/steps`,
        `the waterfall can end without a settlement value for ${w.open.map((k) => (k === "*" ? "any disruption" : k)).join(", ")}: it must end in a determination`,
      );
    fb.steps.forEach((s, j) => {
      if (s.action.kind === "alternate-index" && settling.has(s.action.index))
        this.problem(`${at}/steps/${j}/action/index`, `circular fallback: ${s.action.index} is the index this contract already settles on`);
      if (s.action.kind === "dealer-poll") {
        const a = s.action;
        const problem = dealerPollProblem(a.dealers, a.minimumQuotes, a.dropHighest + a.dropLowest);
        if (problem === "quorum")
          this.problem(
            `${at}/steps/${j}/action/minimumQuotes`,
            `the poll asks ${a.dealers} dealers, so it can never have ${a.minimumQuotes} quotes`,
          );
        else if (problem === "drops-all")
          this.problem(
            `${at}/steps/${j}/action`,
            `dropping ${a.dropHighest} highest and ${a.dropLowest} lowest of ${a.minimumQuotes} quotes leaves none to average`,
          );
      }
    });
  }

  /** The references a contract settles through: underlyings, legs and final settlement values. */
  settlingRefs(c: Contract): SettlingRef<Contract>[] {
    const out: SettlingRef<Contract>[] = [];
    const contract = (name: string): void => {
      const t = this.contractNamed(name);
      if (t !== undefined) out.push({ kind: "contract", node: t });
    };
    if (c.kind !== "spread")
      c.underlying.forEach((u) => (u.value.kind === "index" ? out.push({ kind: "index", name: u.value.name }) : contract(u.value.name)));
    else c.legs.forEach((l) => contract(l.value.contract));
    c.finalSettlement.forEach((f) => {
      const v = f.value.value;
      if (v.kind === "index-at" || v.kind === "index-average") out.push({ kind: "index", name: v.index });
      else if (v.kind === "underlying-final") contract(v.contract);
    });
    return out;
  }

  /** Each version of the last trading day rule, as the language can write it, for every contract period of the checker's horizon it governs. */
  lastTradingDays(base: string, c: Contract): void {
    const versions = c.lastTradingDay;
    // Which version governs each period, once for all versions (per version it would be quadratic in their number).
    const governing = new Map<boolean, Int32Array>();
    versions.forEach((v, i) => {
      const at = `${base}/lastTradingDay/${i}/value/rule`;
      const r = v.value;
      if (r.kind === "monthly") {
        if (r.rule.monthOffset !== 0 && r.rule.monthOffset !== -1)
          this.problem(`${at}/monthOffset`, "must be 0 (the contract month) or -1 (the month before)");
        const a = r.rule.anchor;
        if (a.kind === "nthBusinessDay" && (a.n < 2 || a.n > 5))
          this.problem(`${at}/anchor/n`, "must be 2 to 5 (the second to the fifth business day)");
        const trigger = triggerProblem(r.rule);
        if (trigger !== undefined) this.problem(`${at}/whenNotBusinessDayOn`, TRIGGER_PROBLEMS[trigger]);
      }
      if (r.rule.shift.businessDays === 0 && r.rule.shift.direction !== "before")
        this.problem(`${at}/shift/direction`, "a shift of zero days is written `before`");
      const engine = this.engines.get(r.rule.calendar);
      if (!engine.ok) return;
      const weekly = r.kind === "weekly";
      let g = governing.get(weekly);
      if (g === undefined) governing.set(weekly, (g = governingVersions(versions, weekly)));
      const periods = g;
      const found = expiryProblems(
        r,
        (period) => periods[period] === i,
        engine.value,
        EXPIRY_HORIZON,
        this.memo,
        (n) => this.engines.get(n),
      );
      if (found.missing !== undefined) this.problem(at, `in ${found.missing.label} the last trading day does not exist`);
      if (found.closed !== undefined)
        this.problem(
          at,
          `in ${found.closed.label} the last trading day ${formatIsoDate(found.closed.day)} is not a business day of ${r.rule.calendar}`,
        );
      if (found.stopped !== undefined)
        this.problem(at, `in ${found.stopped.label} the last trading day cannot be computed (${found.stopped.error.kind})`);
      if (found.outside !== undefined)
        this.problem(
          at,
          `in ${found.outside.label} the last trading day ${formatIsoDate(found.outside.day)} falls outside its ${r.kind === "weekly" ? "contract week" : "month"}`,
        );
    });
  }
}

const TIER_MESSAGES: Readonly<Record<NonNullable<ReturnType<typeof tickTierProblem>>["kind"], string>> = {
  "unbounded-before-last": "has no upper bound, but more tiers follow",
  "open-before-last": "only the last tier can be open-ended",
  "not-ascending": "tier bounds must ascend",
  "bound-off-coarser-tick": "the bound is not on the coarser of the two ticks it separates",
  "last-not-open": "the last tier must be open-ended",
  "single-above": "a single tier cannot start above a price: nothing covers the prices below",
  gap: "leaves a gap after the previous tier's bound",
  overlap: "overlaps the previous tier",
};
