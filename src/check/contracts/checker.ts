/**
 * What every contract check stands on: the contract's underlying, its price unit (its own or its underlying's), its
 * ticks, and the checks of a price-like amount, a count and a rounding that each clause group uses.
 */
import type { Span } from "../../base/source.js";
import { convertAmount, format, sameUnit, type Unit } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { isPositiveAmount, roundingProblems } from "../../model/invariants.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Declaration, Ident, NumberLit, Quantity, Rounding, Statement, TickStmt } from "../../syntax/ast.js";
import type { CheckedRecord } from "../checked.js";
import type { Program, Report, Symbol } from "../program.js";
import { declarationKind } from "../program.js";
import { lookup } from "../symbols.js";
import { countOf, type CountBound } from "../counts.js";
import { decimalOf, quantityOf, unitOf, unitText, type QuantityValue, type UnitContext } from "../unit-of.js";
import { roundingMode } from "../words.js";

export type Context = readonly string[];

/** A price unit and where it comes from, for messages and labels. */
export interface PriceUnit {
  readonly unit: Unit;
  /** The unit as written, for labels. */
  readonly span: Span;
  /** "price is quoted in", "the underlying index AITOK_OUT is quoted in", … */
  readonly origin: string;
}

export function contextOf(decl: Declaration): string {
  return `${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`;
}

export function statementsOf<K extends Statement["kind"]>(decl: Declaration, kind: K): Extract<Statement, { kind: K }>[] {
  return decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
}

/** Resolves what a contract stands on, and checks the amounts, counts and roundings its clauses state. */
export class ContractChecker {
  /** Resolves units of other declarations silently: their own checks report their errors. */
  readonly silent: UnitContext;

  constructor(
    readonly program: Program,
    readonly report: Report,
    readonly record?: CheckedRecord,
  ) {
    this.silent = { program };
  }

  // -------------------------------------------------------------------------------------------------------
  // What a contract stands on

  /** The underlying of a contract: `underlying X`, else the index or future its final settlement names. */
  underlyingOf(decl: Declaration, file: string): { symbol: Symbol; ref: Ident } | undefined {
    for (const s of statementsOf(decl, "Underlying")) {
      const sym = lookup(this.program, file, s.target?.name, ["index", "future"]);
      if (sym !== undefined && s.target !== undefined) return { symbol: sym, ref: s.target };
    }
    for (const s of statementsOf(decl, "FinalSettlement")) {
      const v = s.value;
      const ref = v?.kind === "IndexAt" || v?.kind === "IndexAverage" ? v.index : v?.kind === "UnderlyingFinal" ? v.target : undefined;
      const sym = lookup(this.program, file, ref?.name, ["index", "future"]);
      if (sym !== undefined && ref !== undefined) return { symbol: sym, ref };
    }
    return undefined;
  }

  /** The unit a declaration's own `quoted in` states, resolved silently (its own check reports errors). */
  ownUnit(decl: Declaration): PriceUnit | undefined {
    const q = statementsOf(decl, "Quoted")[0];
    const u = unitOf(q?.unit, this.silent);
    if (u?.kind !== "unit" || q?.unit === undefined) return undefined;
    const what = decl.kind === "Index" ? `the index ${decl.name?.name ?? ""} is quoted in` : `${contextOf(decl)} is quoted in`;
    return { unit: u.unit, span: q.unit.span, origin: what };
  }

  /** The price unit of an index or contract: its own, else its underlying's (or, for a spread, its first leg's). */
  priceUnitOf(decl: Declaration, file: string, visiting: Set<Declaration> = new Set()): PriceUnit | undefined {
    const own = this.ownUnit(decl);
    if (own !== undefined || decl.kind === "Index" || decl.kind === "Calendar" || visiting.has(decl)) return own;
    visiting.add(decl);
    if (decl.kind === "Spread") {
      for (const leg of statementsOf(decl, "Leg")) {
        const sym = lookup(this.program, file, leg.contract?.name, ["future"]);
        if (sym !== undefined) return this.priceUnitOf(sym.decl, sym.file, visiting);
      }
      return undefined;
    }
    const u = this.underlyingOf(decl, file);
    return u === undefined ? undefined : this.priceUnitOf(u.symbol.decl, u.symbol.file, visiting);
  }

  /** The tick tiers of a variant (every version: a strike or a limit must fit each), resolved silently. */
  ticksOf(decl: Declaration, variant: TickStmt["variant"]): { tiers: QuantityValue[] } | undefined {
    const tiers: QuantityValue[] = [];
    for (const stmt of statementsOf(decl, "Tick").filter((t) => t.variant === variant)) {
      for (const t of stmt.tiers) {
        const q = quantityOf(t.tick, this.silent);
        if (q === undefined || q.unit.kind !== "unit" || !isPositiveAmount(q.amount)) return undefined;
        tiers.push(q);
      }
    }
    return tiers.length === 0 ? undefined : { tiers };
  }

  /** Reports a count outside its range (E3003, E3010); returns it when in range (see counts.ts). */
  count(n: NumberLit | undefined, bound: CountBound, what: string, context: Context): number | undefined {
    return countOf(n, bound, what, { program: this.program, report: this.report, context });
  }

  /** Reports a number that is not strictly positive (E3003); returns it when positive. */
  positive(n: NumberLit | undefined, what: string, context: Context, span?: Span): Decimal | undefined {
    const v = decimalOf(n);
    if (n === undefined || v === undefined) return undefined;
    if (v.isPositive()) return v;
    this.report(diag(Codes.NonPositiveAmount, span ?? n.span, `${what} must be positive, not ${n.raw}`, { context }));
    return undefined;
  }

  /** Checks a price-like quantity: in the quote unit (E3001) and positive (E3003). Returns it when both hold. */
  priceAmount(
    q: Quantity | undefined,
    what: string,
    price: PriceUnit | undefined,
    units: UnitContext,
    context: Context,
    mustBePositive: boolean | "or-zero" = true,
  ): QuantityValue | undefined {
    const v = quantityOf(q, { program: this.program, report: units.report, context });
    if (v === undefined) return undefined;
    if (v.unit.kind !== "unit") {
      this.report(
        diag(Codes.UnitMismatch, v.unitSpan, `unit mismatch: ${what} is in ${unitText(v.unit)}, which is not a price`, { context }),
      );
      return undefined;
    }
    let ok = true;
    if (price !== undefined && !sameUnit(v.unit.unit, price.unit)) {
      ok = false;
      const converted = convertAmount(v.amount, v.unit.unit, price.unit);
      this.report(
        diag(Codes.UnitMismatch, v.span, `unit mismatch: ${what} is in ${format(v.unit.unit)}, ${price.origin} ${format(price.unit)}`, {
          context,
          labels: [{ span: price.span, message: "the quote unit" }],
          hint: converted.ok
            ? `write the ${what} in the quote unit: ${converted.value.toString()} ${format(price.unit)}`
            : `write the ${what} in the quote unit, ${format(price.unit)}`,
        }),
      );
    }
    if (mustBePositive === true && !isPositiveAmount(v.amount)) {
      ok = false;
      this.report(diag(Codes.NonPositiveAmount, v.amountSpan, `${what} must be positive, not ${v.amount.toString()}`, { context }));
    } else if (mustBePositive === "or-zero" && v.amount.isNegative()) {
      ok = false;
      this.report(
        diag(Codes.NonPositiveAmount, v.amountSpan, `${what} must be zero or more, not ${v.amount.toString()}`, {
          context,
          hint: "a threshold of 0 exercises every option in the money by any amount",
        }),
      );
    }
    return ok ? v : undefined;
  }

  /**
   * A rounding: its mode word (ties toward the prior settlement only where one exists, i.e. daily settlement),
   * a positive increment, and a tick to round to for `rounded to the tick`.
   */
  checkRounding(r: Rounding | undefined, decl: Declaration, file: string, daily: boolean, context: Context): void {
    if (r === undefined || r.unrounded) return;
    const mode = roundingMode(r.mode, this.report, context);
    const problems = roundingProblems(
      { mode, toTick: r.increment === "tick" },
      { daily, hasTick: () => this.tickFor(decl, file) !== undefined || !this.declaresNoTick(decl) },
    );
    if (problems.includes("ties-without-prior") && r.mode !== undefined) {
      this.report(
        diag(Codes.UnknownWord, r.mode.span, "`half-toward-prior` needs a prior settlement, which only daily settlement has", {
          context,
          hint: "use a mode that decides ties by itself, such as `half-even` or `half-up`",
        }),
      );
    }
    if (r.increment === "tick") {
      if (problems.includes("no-tick")) {
        this.report(
          diag(Codes.MissingRounding, r.span, `\`rounded to the tick\`, but ${contextOf(decl)} has no tick`, {
            context,
            hint: "round to an explicit increment, e.g. `rounded to 0.01 half-even`, or declare a tick",
          }),
        );
      }
    } else if (r.increment !== undefined) {
      this.positive(r.increment, "a rounding increment", context);
    }
  }

  /** Whether neither the declaration nor what it stands on declares any tick (a missing future tick is names.ts's E2009). */
  declaresNoTick(decl: Declaration): boolean {
    return decl.kind !== "Future" && statementsOf(decl, "Tick").length === 0;
  }

  /** The tick `rounded to the tick` means: the contract's own, else a spread's legs' spread or outright tick. */
  tickFor(decl: Declaration, file: string): TickStmt | undefined {
    const own = statementsOf(decl, "Tick");
    const pick = own.find((t) => t.variant === "premium") ?? own.find((t) => t.variant === "outright") ?? own[0];
    if (pick !== undefined) return pick;
    if (decl.kind === "Spread") {
      for (const leg of statementsOf(decl, "Leg")) {
        const sym = lookup(this.program, file, leg.contract?.name, ["future"]);
        const t = sym === undefined ? undefined : statementsOf(sym.decl, "Tick");
        const found = t?.find((x) => x.variant === "spread") ?? t?.find((x) => x.variant === "outright");
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

/** The multiple of `step` nearest to `x` (half up), for hints; at least one step. */
export function nearestMultiple(x: Decimal, step: Decimal): Decimal {
  const r = x.roundToIncrement(step, "half-up");
  return r.isPositive() ? r : step;
}
