/**
 * An index's sources: quote units convertible to the index's (E3001), fixed weights, and no more minimum sources
 * than listed (E5003).
 */
import type { Span } from "../../base/source.js";
import { equalDimension, format, sameUnit, type Unit } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { isSourceWeight, someWeightPositive, isPositiveAmount, minimumExceedsSources, quoteUnitChange } from "../../model/invariants.js";
import type { IndexDecl, NumberLit, QuotedStmt, SourceStmt } from "../../syntax/ast.js";
import type { Program, Report } from "../program.js";
import { invalidName } from "../symbols.js";
import { decimalOf, unitOf } from "../unit-of.js";

type Context = readonly string[];

/** Versions of an index's `quoted in` are in one unit (E3001): sources are converted to the first. */
export function checkOneQuoteUnit(program: Program, quoted: readonly QuotedStmt[], context: Context, report: Report): void {
  const units: { unit: Unit; span: Span }[] = [];
  for (const q of quoted) {
    const u = unitOf(q.unit, { program });
    if (u?.kind === "unit" && q.unit !== undefined) units.push({ unit: u.unit, span: q.unit.span });
  }
  const change = quoteUnitChange(
    units.map((u) => u.unit),
    sameUnit,
  );
  if (change === undefined) return;
  const first = units[0]!;
  const other = units[change]!;
  report(
    diag(
      Codes.UnitMismatch,
      other.span,
      `unit mismatch: this version of the index is quoted in ${format(other.unit)}, the first in ${format(first.unit)}`,
      {
        context,
        labels: [{ span: first.span, message: `the first version is quoted in ${format(first.unit)}` }],
        notes: ["sources are converted to one unit of the index, so every version of the quotation must use it"],
        hint: `quote every version in ${format(first.unit)}`,
      },
    ),
  );
}

export function checkSource(
  program: Program,
  source: SourceStmt,
  indexUnit: Unit | undefined,
  indexUnitSpan: Span | undefined,
  context: Context,
  report: Report,
): void {
  const ctx: Context = [...context, `source ${source.name?.name ?? "(unnamed)"}`];
  const invalid = source.name === undefined ? undefined : invalidName(source.name, `source ${source.name.name}`, ctx);
  if (invalid !== undefined) report(invalid);
  for (const s of source.statements) {
    if (s.kind === "Quoted") {
      const u = unitOf(s.unit, { program, report, context: ctx });
      if (u?.kind !== "unit" || indexUnit === undefined || s.unit === undefined) continue;
      if (equalDimension(u.unit, indexUnit)) continue;
      report(
        diag(
          Codes.UnitMismatch,
          s.unit.span,
          `unit mismatch: source ${source.name?.name ?? ""} is quoted in ${format(u.unit)}, the index in ${format(indexUnit)}`,
          {
            context: ctx,
            labels: indexUnitSpan === undefined ? undefined : [{ span: indexUnitSpan, message: "the index's unit" }],
            notes: ["each observation is converted to the index's unit, which needs both units to measure the same thing"],
            hint: `quote the source in a unit of the same kind as ${format(indexUnit)}`,
          },
        ),
      );
    } else if (s.kind === "Weight") {
      const w = decimalOf(s.weight);
      if (s.weight !== undefined && w !== undefined && !isSourceWeight(w)) {
        report(
          diag(Codes.NonPositiveAmount, s.weight.span, `a source's weight must not be negative, not ${s.weight.raw}`, {
            context: ctx,
            notes: ["a weight of 0 keeps the source for monitoring: it is observed and reported, but not used"],
          }),
        );
      }
    } else if (s.kind === "Blend") {
      for (const part of s.parts) {
        const w = decimalOf(part.weight);
        if (part.weight !== undefined && w !== undefined && !isPositiveAmount(w)) {
          report(
            diag(Codes.NonPositiveAmount, part.weight.span, `a blend weight must be positive, not ${part.weight.raw}`, { context: ctx }),
          );
        }
      }
    }
  }
}

/** `weight` is meaningful only with `weighted by fixed`, which in turn needs a weight for every source. */
export function checkWeights(sources: readonly SourceStmt[], fixed: readonly Span[], context: Context, report: Report): void {
  const weights = sources.flatMap((src) => src.statements.filter((s) => s.kind === "Weight").map((w) => ({ src, w })));
  if (fixed.length === 0) {
    for (const { src, w } of weights) {
      report(
        diag(Codes.InvalidAggregationOption, w.span, "a source weight is used only when sources are aggregated with fixed weights", {
          context: [...context, `source ${src.name?.name ?? "(unnamed)"}`],
          hint: "aggregate with `weighted-mean, weighted by fixed`, or remove the weight",
        }),
      );
    }
    return;
  }
  const missing = distinctSourceNames(sources.filter((src) => !src.statements.some((s) => s.kind === "Weight")));
  if (missing.length === 0) {
    const stated = sources.map((src) =>
      src.statements.flatMap((s) => (s.kind === "Weight" ? [decimalOf(s.weight)].filter((d) => d !== undefined) : [])),
    );
    if (sources.length > 0 && !someWeightPositive(stated))
      report(
        diag(Codes.ZeroFixedWeights, fixed[0]!, "every source has a weight of 0, so fixed weights leave nothing to average", {
          context,
          notes: ["a weight of 0 keeps a source for monitoring; at least one source must have a positive weight"],
          hint: "give the sources used a positive `weight`",
        }),
      );
    return;
  }
  report(
    diag(Codes.InvalidAggregationOption, fixed[0]!, "fixed weights need a weight for every source", {
      context,
      notes: [`without a weight: ${missing.join(", ")}`],
      hint: "give each source a `weight`",
    }),
  );
}

export function distinctSourceNames(sources: readonly SourceStmt[]): string[] {
  const names: string[] = [];
  for (const s of sources) {
    const n = s.name?.name;
    if (n !== undefined && !names.includes(n)) names.push(n);
  }
  return names;
}

export function checkMinimumSources(
  decl: IndexDecl,
  count: NumberLit | undefined,
  sources: readonly string[],
  context: Context,
  report: Report,
): void {
  const min = decimalOf(count);
  // An index that lists no sources leaves them to its administrator; there is nothing to count.
  if (count === undefined || min === undefined || !minimumExceedsSources(min, sources.length)) return;
  report(
    diag(
      Codes.MinimumSourcesExceedsSources,
      decl.name?.span ?? decl.keyword,
      `index ${decl.name?.name ?? ""} requires at least ${min.toString()} sources but lists ${sources.length}`,
      {
        context,
        labels: [{ span: count.span, message: `requires ${min.toString()} sources` }],
        notes: [`the sources are ${sources.join(", ")}`],
        hint: `lower the minimum to ${sources.length} or fewer, or list more sources`,
      },
    ),
  );
}
