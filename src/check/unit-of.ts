/**
 * Units and amounts as the checker sees them: converts the syntax tree's UnitExpr, Quantity, NumberLit and
 * PercentLit nodes into resolved {@link Unit}s (from base/units.ts) and exact {@link Decimal}s, reporting unknown
 * unit words (E3002, with did-you-mean) once per node. Besides the registry's units it knows one more: in an
 * option's `contract unit 1 FOTI`, a unit word naming a future means one contract of that future. Used by
 * the index and contract checks; pure apart from a memo keyed by program and syntax node, so each unit is
 * reported once however many checks look at it.
 */
import type { Span } from "../base/source.js";
import { format, lookupUnitWord, resolveUnit, SCALE_WORDS, type Unit, type UnitError, type UnitTermDescription } from "../base/units.js";
import { Codes, diag, hintFor } from "../diagnostics/index.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import type { NumberLit, PercentLit, Quantity, UnitExpr, UnitTerm } from "../syntax/ast.js";
import type { Program, Report, Symbol } from "./program.js";
import { unitVocabulary } from "./declared-units.js";

/** A resolved unit: one of the registry's units, or a number of contracts of a future (`contract unit 1 FOTI`). */
export type UnitValue = { readonly kind: "unit"; readonly unit: Unit } | { readonly kind: "contract"; readonly future: Symbol };

/** A resolved quantity: its exact amount and its unit. */
export interface QuantityValue {
  readonly amount: Decimal;
  readonly unit: UnitValue;
  readonly span: Span;
  /** Span of the amount alone. */
  readonly amountSpan: Span;
  /** Span of the unit alone. */
  readonly unitSpan: Span;
}

/** Futures a unit word may name, where contract units are allowed. */
export interface ContractUnits {
  lookup(name: string): Symbol | undefined;
  /** Every future name in scope, for did-you-mean. */
  names(): Iterable<string>;
}

/** Where units are resolved: how to report, the context path of diagnostics, and whether futures are units here. */
export interface UnitContext {
  /** The program being checked: resolutions are remembered per program, never across runs. */
  readonly program: Program;
  /**
   * Where unknown units are reported. Without it the lookup is silent: for reading another declaration's
   * units, whose own check reports them (a silent failure is not remembered, so that check still reports it).
   */
  readonly report?: Report;
  readonly context?: readonly string[];
  readonly contracts?: ContractUnits;
}

/** Resolved units by program and node: null means the unit did not resolve (and was reported). */
const memos = new WeakMap<Program, WeakMap<UnitExpr, UnitValue | null>>();

function memoOf(program: Program): WeakMap<UnitExpr, UnitValue | null> {
  let memo = memos.get(program);
  if (memo === undefined) {
    memo = new WeakMap();
    memos.set(program, memo);
  }
  return memo;
}

/** The readable name of a resolved unit: `USD per 1M tokens`, or `FOTI contracts`. */
export function unitText(u: UnitValue): string {
  return u.kind === "unit" ? format(u.unit) : `${u.future.name} contracts`;
}

/** The exact value of a number literal, or undefined when it is missing or malformed (the parser reported that). */
export function decimalOf(n: NumberLit | undefined): Decimal | undefined {
  if (n?.value === undefined) return undefined;
  const r = Decimal.parse(n.value);
  return r.ok ? r.value : undefined;
}

/** The number of percent of a percentage literal (`5%` is 5), or undefined when missing or malformed. */
export function percentOf(p: PercentLit | undefined): Decimal | undefined {
  if (p?.value === undefined) return undefined;
  const r = Decimal.parse(p.value);
  return r.ok ? r.value : undefined;
}

/** Resolves a unit expression, reporting unknown words the first time the node is seen; undefined when it fails. */
export function unitOf(expr: UnitExpr | undefined, ctx: UnitContext): UnitValue | undefined {
  if (expr === undefined) return undefined;
  const memo = memoOf(ctx.program);
  const known = memo.get(expr);
  if (known !== undefined) return known ?? undefined;
  const value = resolveExpr(expr, ctx);
  if (value !== undefined || ctx.report !== undefined) memo.set(expr, value ?? null);
  return value;
}

/**
 * The unit a check resolved for a node of a program, without resolving anything: undefined when no check resolved
 * it, or it did not resolve (and was reported). The checked record (checked.ts) reads units through it.
 */
export function checkedUnit(program: Program, expr: UnitExpr | undefined): UnitValue | undefined {
  return expr === undefined ? undefined : (memos.get(program)?.get(expr) ?? undefined);
}

/** Resolves a quantity; undefined when its amount or its unit is missing or does not resolve. */
export function quantityOf(q: Quantity | undefined, ctx: UnitContext): QuantityValue | undefined {
  if (q === undefined || q.unit === undefined || q.amount === undefined) return undefined;
  const unit = unitOf(q.unit, ctx);
  const amount = decimalOf(q.amount);
  if (unit === undefined || amount === undefined) return undefined;
  return { amount, unit, span: q.span, amountSpan: q.amount.span, unitSpan: q.unit.span };
}

function resolveExpr(expr: UnitExpr, ctx: UnitContext): UnitValue | undefined {
  const num = expr.numerator;
  if (num === undefined || num.words.length === 0) return undefined;
  if (expr.denominator === undefined && ctx.contracts !== undefined && num.scale === undefined) {
    const contract = contractUnitOf(num, expr, ctx, ctx.contracts);
    if (contract !== "not-a-contract") return contract;
  }
  const den = expr.denominator;
  if (den !== undefined && den.words.length === 0) return undefined;
  const numDesc = describeTerm(num);
  const denDesc = den === undefined ? undefined : describeTerm(den);
  if (numDesc === undefined || (den !== undefined && denDesc === undefined)) return undefined;
  const r = resolveUnit(
    denDesc === undefined ? { numerator: numDesc } : { numerator: numDesc, denominator: denDesc },
    unitVocabulary(ctx.program),
  );
  if (r.ok) return { kind: "unit", unit: r.value };
  reportUnitError(r.error, expr, ctx);
  return undefined;
}

/** The words that make a number of futures contracts explicit: `1 BTC futures contract`, `2 BTC futures contracts`. */
const FUTURES_CONTRACT_WORDS = [
  ["futures", "contract"],
  ["futures", "contracts"],
] as const;

/**
 * A term read as futures contracts where futures are units (an option's contract unit): `1 FOTI`, or the explicit
 * `1 BTC futures contract`. A single word that names both a unit and a future (`1 BTC` in an option on the future
 * BTC: one bitcoin, or one futures contract of five bitcoin?) is reported as ambiguous (E3040) rather than read
 * either way. "not-a-contract" sends the term on to the unit registry; undefined means it was reported.
 */
function contractUnitOf(
  term: UnitTerm,
  expr: UnitExpr,
  ctx: UnitContext,
  contracts: ContractUnits,
): UnitValue | undefined | "not-a-contract" {
  const words = term.words.map((w) => w.name);
  const first = words[0]!;
  const explicit = words.length === 3 && FUTURES_CONTRACT_WORDS.some(([a, b]) => words[1] === a && words[2] === b);
  if (explicit) {
    const future = contracts.lookup(first);
    if (future !== undefined) return { kind: "contract", future };
    ctx.report?.(
      diag(Codes.UnknownUnit, term.words[0]!.span, `\`${first}\` is not a future in scope`, {
        context: ctx.context,
        hint: hintFor(first, [...contracts.names()]) ?? "name a future declared in this file or imported",
      }),
    );
    return undefined;
  }
  if (words.length !== 1) return "not-a-contract";
  const future = contracts.lookup(first);
  if (future === undefined) return "not-a-contract";
  if (lookupUnitWord(first) === undefined && !Object.hasOwn(SCALE_WORDS, first)) return { kind: "contract", future };
  ctx.report?.(
    diag(Codes.AmbiguousUnit, expr.span, `ambiguous unit \`${first}\`: the unit ${first} or a contract of the future ${first}`, {
      context: ctx.context,
      labels: [{ span: future.decl.name?.span ?? expr.span, message: `the future ${first}` }],
      notes: [`\`${first}\` is a unit word and also the name of a future in scope`],
      hint: `write \`${first} futures contract\` for contracts of the future ${first}`,
    }),
  );
  return undefined;
}

/** A term as base/units.ts takes it; undefined when its scale is malformed (the parser reported that). */
function describeTerm(term: UnitTerm): UnitTermDescription | undefined {
  const name = term.words.map((w) => w.name).join(" ");
  if (term.scale === undefined) return { name };
  if (term.scale.value === undefined) return undefined;
  return { name, scale: term.scale.value };
}

function reportUnitError(error: UnitError, expr: UnitExpr, ctx: UnitContext): void {
  const report = ctx.report;
  if (report === undefined) return;
  const term =
    (error.kind !== "dimension-mismatch" ? (error.side === "numerator" ? expr.numerator : expr.denominator) : undefined) ?? expr.numerator;
  const extras = { context: ctx.context };
  switch (error.kind) {
    case "unknown-unit": {
      const word = term?.words[error.wordIndex];
      const span = word?.span ?? expr.span;
      const futures = ctx.contracts === undefined ? [] : [...ctx.contracts.names()];
      const candidates = [...error.candidates, ...futures];
      const notes =
        ctx.contracts !== undefined && expr.denominator === undefined && futures.length > 0
          ? ["a contract unit may also be a number of contracts of a future in scope, e.g. `1 " + futures[0] + "`"]
          : undefined;
      report(
        diag(Codes.UnknownUnit, span, `unknown unit \`${error.word}\``, {
          ...extras,
          notes,
          hint: hintFor(error.word, candidates) ?? "units are currencies (USD, EUR, …), tokens, GPU-hours, BTC, ETH, MWh or contracts",
        }),
      );
      return;
    }
    case "unexpected-word": {
      const word = term?.words[error.wordIndex];
      report(
        diag(Codes.UnknownUnit, word?.span ?? expr.span, `unexpected word \`${error.word}\` in a unit`, {
          ...extras,
          hint: "a unit is scale words followed by one unit, e.g. `million tokens` or `USD per 1M tokens`",
        }),
      );
      return;
    }
    case "missing-unit-name":
      // Only empty words: error recovery made them where the unit is missing, and the parser said so.
      if (term !== undefined && term.words.length > 0 && term.words.every((w) => w.name === "")) return;
      report(
        diag(Codes.UnknownUnit, term?.span ?? expr.span, "this unit has a scale but no unit", {
          ...extras,
          hint: "name the unit after the scale, e.g. `million tokens`",
        }),
      );
      return;
    case "invalid-scale": {
      const why =
        error.reason === "not-positive"
          ? "a unit's scale must be positive"
          : error.reason === "not-invertible"
            ? "a unit's scale must be a power of ten times powers of 2 and 5 (1K, 1M, 1000, 5, 0.5), so conversions stay exact"
            : "the scale is not a number";
      report(
        diag(Codes.UnknownUnit, term?.scale?.span ?? term?.span ?? expr.span, `invalid unit scale \`${error.scale}\``, {
          ...extras,
          notes: [why],
        }),
      );
      return;
    }
    case "dimension-mismatch":
      return;
  }
}
