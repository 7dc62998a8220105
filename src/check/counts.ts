/**
 * Counts as the checker reads them: a number literal that counts days, months, contracts, sources, trades or
 * intervals is a whole number inside its range of runtime/bounds.ts, or a diagnostic at the number (E3003 when it
 * is not whole or below the range, E3010 when it is above it). The value is remembered per program and node, as
 * unit-of.ts remembers units, so the lowering (model/from-checked.ts) reads the count the check accepted instead
 * of converting the literal again; the zod schemas take their ranges from the same bounds.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { countProblem, type CountBound } from "../runtime/bounds.js";
import type { NumberLit } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { decimalOf } from "./unit-of.js";

export { COUNT_BOUNDS, type CountBound } from "../runtime/bounds.js";

/** Where a count is read: the program (for the memo) and, for the check, how to report and the context path. */
export interface CountContext {
  readonly program: Program;
  /** Without it the read is silent (the lowering's): a count the check did not accept is undefined. */
  readonly report?: Report;
  readonly context?: readonly string[];
}

/** Accepted counts by program and node: null means the count was reported. */
const memos = new WeakMap<Program, WeakMap<NumberLit, number | null>>();

/**
 * The count a number literal states, or undefined when it is missing, malformed (the parser reported that) or out
 * of its range (reported here, once per node, when the context has a `report`).
 */
export function countOf(n: NumberLit | undefined, bound: CountBound, what: string, ctx: CountContext): number | undefined {
  if (n === undefined) return undefined;
  let memo = memos.get(ctx.program);
  if (memo === undefined) {
    memo = new WeakMap();
    memos.set(ctx.program, memo);
  }
  const known = memo.get(n);
  if (known !== undefined) return known ?? undefined;
  const v = decimalOf(n);
  if (v === undefined) return undefined;
  const problem = countProblem(v, bound);
  if (problem === undefined) {
    const value = Number(v.normalize().toString());
    memo.set(n, value);
    return value;
  }
  const report = ctx.report;
  if (report === undefined) return undefined;
  memo.set(n, null);
  const context = ctx.context;
  if (problem === "above") {
    report(
      diag(Codes.CountTooLarge, n.span, `${what} is at most ${bound.max.toLocaleString("en-US")}, not ${n.raw}`, {
        context,
        notes: [bound.why],
      }),
    );
  } else {
    const range = bound.min === 0 ? "a whole number" : `a whole number of at least ${bound.min}`;
    report(diag(Codes.NonPositiveAmount, n.span, `${what} must be ${range}, not ${n.raw}`, { context }));
  }
  return undefined;
}
