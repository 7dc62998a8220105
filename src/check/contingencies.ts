/**
 * Index-level contingencies (issue 15): `flagged below N sources`, a value fixed from fewer eligible sources than N is
 * published with the status flagged. Checks the count (its range, counts.ts) and that the rule can flag some value
 * but not every one (E5283). The flags of `empty intervals skip, flagged "*"` and `carry forward the last published
 * value, flagged "C"`: printable next to the value (E2210), and not on intervals that fail the fixing (E5210).
 * Called by the index check (indices.ts); each rule is a function of model/invariants.ts that the loader calls too.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { MAX_FLAG_LENGTH, flagBelowProblem, flagOnFailingIntervals, flagTextProblem } from "../model/invariants.js";
import type { IndexDecl, Statement, StringLit } from "../syntax/ast.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import type { Program, Report } from "./program.js";

type Context = readonly string[];

/** Checks `flagged below N sources` against the minimum number of sources and the sources listed. */
export function checkFlagBelow(program: Program, decl: IndexDecl, context: Context, report: Report): void {
  const of = <K extends Statement["kind"]>(kind: K): Extract<Statement, { kind: K }>[] =>
    decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
  const flag = of("FlagBelow")[0];
  if (flag === undefined) return;
  const below = countOf(flag.count, COUNT_BOUNDS.sources, "the number of sources", { program, report, context });
  if (below === undefined) return;
  const min = of("Minimum").find((m) => m.what === "sources");
  const minimum = min?.count?.value === undefined ? undefined : Number(min.count.value);
  const listed = new Set(of("Source").flatMap((s) => (s.name === undefined ? [] : [s.name.name]))).size;
  const problem = flagBelowProblem(below, Number.isInteger(minimum) ? minimum : undefined, listed);
  if (problem === undefined) return;
  report(
    diag(
      Codes.FlagBelowUnreachable,
      flag.count!.span,
      problem === "never"
        ? `no value is fixed from fewer than ${Math.max(minimum ?? 1, 1)} source(s), so \`flagged below ${below} sources\` never flags one`
        : `the index lists ${listed} source(s), so \`flagged below ${below} sources\` flags every value`,
      {
        context,
        labels: min?.count === undefined ? undefined : [{ span: min.count.span, message: "the minimum number of sources" }],
        hint:
          problem === "never"
            ? "flag below a number above the minimum of sources (which makes a fixing fail), e.g. `minimum sources 2` and `flagged below 3 sources`"
            : `flag below ${listed} sources or fewer`,
      },
    ),
  );
}

const FLAG_PROBLEMS = {
  empty: "the flag is empty",
  "too-long": `the flag is longer than ${MAX_FLAG_LENGTH} characters`,
  spaces: "the flag has a space at its start or end",
} as const;

/** A flag's text (E2210). */
function checkFlagText(flag: StringLit | undefined, context: Context, report: Report): void {
  if (flag === undefined) return;
  const problem = flagTextProblem(flag.value);
  if (problem === undefined) return;
  report(
    diag(Codes.FlagText, flag.span, `${FLAG_PROBLEMS[problem]}: it is published next to the value`, {
      context,
      hint: 'write a short mark or words, e.g. `flagged "*"` or `flagged "carried forward"`',
    }),
  );
}

/** The flags of `empty intervals …, flagged "F"` and `carry forward the last published value, flagged "F"`. */
export function checkContingencyFlags(decl: IndexDecl, context: Context, report: Report): void {
  for (const s of decl.statements) {
    if (s.kind === "IndexCarryForward") checkFlagText(s.flag, context, report);
    if (s.kind !== "EmptyIntervals" || s.flag === undefined) continue;
    checkFlagText(s.flag, context, report);
    const policy = s.policy?.name === "skip" || s.policy?.name === "fail" ? s.policy.name : undefined;
    if (flagOnFailingIntervals(policy, true))
      report(
        diag(Codes.FlagOnFailingIntervals, s.flag.span, "an empty interval makes the fixing fail, so this flag is never published", {
          context,
          labels: s.policy === undefined ? undefined : [{ span: s.policy.span, message: "the fixing fails on an empty interval" }],
          hint: `write \`empty intervals skip, flagged ${JSON.stringify(s.flag.value)}\` to publish the value of the other intervals with the flag`,
        }),
      );
  }
}
