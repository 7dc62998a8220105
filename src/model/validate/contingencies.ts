/**
 * The loader's side of the index-level contingency flags (issue 15): the same invariants of model/invariants.ts the
 * checker words as E2210 and E5210, as problems at JSON pointers of the spec (validate/indices.ts reports them).
 */
import { flagOnFailingIntervals, flagTextProblem } from "../invariants.js";
import type { Index } from "../indices.js";

/** A problem at a JSON pointer below the index. */
export interface FlagProblem {
  readonly path: string;
  readonly message: string;
}

/** The problems of an index's `emptyIntervalsFlag` and `carryForward`, with paths relative to the index. */
export function contingencyFlagProblems(index: Index): FlagProblem[] {
  const problems: FlagProblem[] = [];
  const policies = new Set(index.emptyIntervals.map((c) => c.value));
  const policy = policies.size === 1 ? [...policies][0] : undefined;
  (index.emptyIntervalsFlag ?? []).forEach((c, i) => {
    if (flagTextProblem(c.value) !== undefined)
      problems.push({ path: `/emptyIntervalsFlag/${i}/value`, message: "is not a flag that can be printed next to a value" });
    if (flagOnFailingIntervals(policy, true))
      problems.push({ path: `/emptyIntervalsFlag/${i}/value`, message: "flags nothing: an empty interval makes the fixing fail" });
  });
  (index.carryForward ?? []).forEach((c, i) => {
    if (flagTextProblem(c.value.flag) !== undefined)
      problems.push({ path: `/carryForward/${i}/value/flag`, message: "is not a flag that can be printed next to a value" });
  });
  return problems;
}
