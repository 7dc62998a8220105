/**
 * The document the loader's invariants run on (Doc): its calendars' engines, the declarations by name, and the
 * checks every declaration kind shares (versions, required rules, percentages, positive amounts, price units).
 * The checks of each kind live beside it: calendars.ts, indices.ts, contracts.ts.
 */
import { sameUnit, type Unit as BaseUnit } from "../../base/units.js";
import { CalendarEngines, shiftMonth } from "../../runtime/calendar/index.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Clause, Quantity, Unit } from "../common.js";
import type { Contract } from "../contracts.js";
import type { Index } from "../indices.js";
import {
  EXPIRY_HORIZON,
  compareVersionStarts,
  expiryProblems,
  futuresEquivalents,
  type UnitOfContract,
  type BaseQuantity,
  isPositiveAmount,
  overlappingVersions,
  percentInRange,
  percentRangeText,
  type PercentRange,
} from "../invariants.js";
import type { Spec } from "../spec.js";

export type Problem = (path: string, message: string) => void;
export type ExpiryMemo = NonNullable<Parameters<typeof expiryProblems>[4]>;

/**
 * The unit of a model unit: its text resolves to exactly these dimensions, scale and currency (checked before
 * the invariants run, with the document's declared units), so they are read as they stand.
 */
export function baseUnit(u: Unit): BaseUnit {
  const base = { dims: u.dimensions, factor: u.scale };
  return u.currency === null ? base : { money: u.currency, ...base };
}

export const dec = (s: string): Decimal => Decimal.of(s);

/** The value of the only version of a rule, or undefined when it has none or several (versioned rules are compared one at a time). */
export function sole<T>(versions: readonly Clause<T>[]): T | undefined {
  return versions.length === 1 ? versions[0]!.value : undefined;
}

export const versionName = (i: number): string => `version ${i + 1}`;

/** Fields of each declaration that hold versions of one rule (at most one in force on any date), as docs/spec-format.md says. */
export const CONTRACT_VERSIONS = [
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
export const INDEX_VERSIONS = [
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
export const SOURCE_VERSIONS = ["quoted", "models", "instruments", "weight", "blend"] as const;

export class Doc {
  readonly engines: CalendarEngines;
  readonly memo: ExpiryMemo = new Map();

  constructor(
    readonly spec: Spec,
    readonly problem: Problem,
  ) {
    const end = shiftMonth(EXPIRY_HORIZON.startYear, EXPIRY_HORIZON.startMonth, EXPIRY_HORIZON.years * 12 - 1);
    this.engines = new CalendarEngines(
      (name) => (Object.hasOwn(spec.calendars, name) ? spec.calendars[name] : undefined),
      EXPIRY_HORIZON.startYear - 1,
      end.year + 1,
    );
  }

  /** A contract's units, every version, as the aggregation rule reads them (model/invariants.ts futuresEquivalents). */
  unitsOfContract(c: Contract | undefined): (UnitOfContract | undefined)[] | undefined {
    return c?.contractUnit.map(({ value: u }) => {
      const amount = Decimal.parse(u.kind === "quantity" ? u.quantity.amount : u.amount);
      if (!amount.ok) return undefined;
      return u.kind === "quantity"
        ? { kind: "quantity", quantity: { amount: amount.value, factor: u.quantity.unit.scale, dims: u.quantity.unit.dimensions } }
        : { kind: "contracts", amount: amount.value, future: u.contract };
    });
  }

  baseQuantities(c: Contract, asAggregated: boolean): BaseQuantity[] {
    return futuresEquivalents(this.unitsOfContract(c) ?? [], (f) => this.unitsOfContract(this.contractNamed(f)), asAggregated);
  }

  contractNamed(name: string): Contract | undefined {
    return Object.hasOwn(this.spec.contracts, name) ? this.spec.contracts[name] : undefined;
  }

  indexNamed(name: string): Index | undefined {
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
}
