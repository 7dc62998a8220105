/**
 * Aggregation methods: each carries exactly the options it needs (E5009, E5005 for a volume-weighted median's exact
 * half); a trim leaves values.
 */
import type { Span } from "../../base/source.js";
import { Codes, diag } from "../../diagnostics/index.js";
import {
  METHOD_OPTIONS,
  PERCENT_RANGES,
  cappedMedianWeightingAllowed,
  isWholeTrim,
  trimDropsNothing,
  trimLeavesValues,
} from "../../model/invariants.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Method, MethodOption } from "../../syntax/ast.js";
import type { Program, Report } from "../program.js";
import { COUNT_BOUNDS, countOf } from "../counts.js";
import { decimalOf } from "../unit-of.js";
import { aggregationMethod, exactHalf, weightingBasis, type AggregationMethod } from "../words.js";
import { checkPercent } from "./amounts.js";

type Context = readonly string[];

/** What checking a method found out that other checks need. */
export interface MethodInfo {
  readonly method: AggregationMethod | undefined;
  /** Number of values a trimmed mean drops (highest + lowest). */
  readonly trimmed: Decimal | undefined;
  readonly trimSpan: Span | undefined;
  /** Span of a `weighted by fixed` option. */
  readonly weightedByFixed: Span | undefined;
}

export type OptionKind = MethodOption["kind"];

export const OPTION_TEXT: Readonly<Record<OptionKind, string>> = {
  ExactHalf: "exact half …",
  Trim: "dropping N highest and N lowest",
  Cap: "capped at N%",
  WeightedBy: "weighted by …",
};

export const OPTION_EXAMPLE: Readonly<Record<OptionKind, string>> = {
  ExactHalf: "exact half mean-of-straddling",
  Trim: "dropping 1 highest and 1 lowest",
  Cap: "capped at 10%",
  WeightedBy: "weighted by volume",
};

export function checkMethod(program: Program, m: Method | undefined, context: Context, report: Report): MethodInfo | undefined {
  if (m === undefined) return undefined;
  const method = aggregationMethod(m.name, report, context);
  let trimmed: Decimal | undefined;
  let trimSpan: Span | undefined;
  let weightedByFixed: Span | undefined;
  const seen = new Set<OptionKind>();
  for (const opt of m.options) {
    if (method !== undefined) {
      const rule = METHOD_OPTIONS[method];
      if (!rule.allowed.includes(opt.kind)) {
        report(
          diag(Codes.InvalidAggregationOption, opt.span, `\`${OPTION_TEXT[opt.kind]}\` does not apply to ${method}`, {
            context,
            notes: [rule.allowed.length === 0 ? `${method} takes no options` : `${method} takes \`${OPTION_TEXT[rule.allowed[0]!]}\``],
            hint: optionHint(opt.kind),
          }),
        );
        continue;
      }
    }
    if (seen.has(opt.kind)) {
      report(diag(Codes.InvalidAggregationOption, opt.span, `\`${OPTION_TEXT[opt.kind]}\` is given twice`, { context, hint: "keep one" }));
      continue;
    }
    seen.add(opt.kind);
    switch (opt.kind) {
      case "ExactHalf":
        exactHalf(opt.convention, report, context);
        break;
      case "Trim": {
        const hi = decimalOf(opt.highest);
        const lo = decimalOf(opt.lowest);
        let ok = true;
        for (const [n, v] of [
          [opt.highest, hi],
          [opt.lowest, lo],
        ] as const) {
          if (n !== undefined && v !== undefined && !isWholeTrim(v)) {
            ok = false;
            report(
              diag(Codes.InvalidAggregationOption, n.span, `a trimmed mean drops a whole number of values, not ${n.raw}`, { context }),
            );
          } else if (n !== undefined && v !== undefined) {
            ok = countOf(n, COUNT_BOUNDS.trimmed, "the number of values dropped", { program, report, context }) !== undefined && ok;
          }
        }
        if (ok && hi !== undefined && lo !== undefined) {
          if (trimDropsNothing(hi, lo)) {
            report(
              diag(Codes.InvalidAggregationOption, opt.span, "a trimmed mean that drops nothing is a mean", {
                context,
                hint: "drop at least one value, or use `mean`",
              }),
            );
          } else {
            trimmed = hi.add(lo);
            trimSpan = opt.span;
          }
        }
        break;
      }
      case "Cap":
        checkPercent(opt.percent, "a cap", PERCENT_RANGES.cap, context, report);
        break;
      case "WeightedBy": {
        const basis = weightingBasis(opt.basis, report, context);
        if (basis === "fixed") weightedByFixed = opt.span;
        else if (basis !== undefined && method === "capped-median" && !cappedMedianWeightingAllowed(basis))
          report(
            diag(Codes.CappedMedianWeighting, opt.span, `a capped median is not weighted by ${basis}`, {
              context,
              notes: ["the capped values are averaged equally, or by each source's fixed `weight`"],
              hint: "write `weighted by fixed` and give each source a `weight`, or leave the weights out",
            }),
          );
        break;
      }
    }
  }
  if (method !== undefined) {
    const required = METHOD_OPTIONS[method].required;
    if (required !== undefined && !seen.has(required) && !m.options.some((o) => o.kind === required)) {
      const code = required === "ExactHalf" ? Codes.MissingExactHalfConvention : Codes.InvalidAggregationOption;
      const message =
        required === "ExactHalf"
          ? "volume-weighted-median needs a convention for an exact half of the volume"
          : `${method} needs \`${OPTION_TEXT[required]}\``;
      report(
        diag(code, m.span, message, {
          context,
          notes:
            required === "ExactHalf"
              ? [
                  "when the cumulative volume reaches exactly half at a price, the median is either that price or the mean of it and the next one",
                ]
              : undefined,
          hint:
            required === "ExactHalf"
              ? `write \`${m.name?.name ?? method}, exact half first-reaching-half\` or \`…, exact half mean-of-straddling\``
              : `write \`${method}, ${OPTION_EXAMPLE[required]}\``,
        }),
      );
    }
  }
  return { method, trimmed, trimSpan, weightedByFixed };
}

export function optionHint(kind: OptionKind): string {
  switch (kind) {
    case "ExactHalf":
      return "an exact-half convention belongs to `volume-weighted-median`";
    case "Trim":
      return "dropping values belongs to `trimmed-mean`";
    case "Cap":
      return "a cap belongs to `capped-median`";
    case "WeightedBy":
      return "weights belong to `weighted-mean` (and fixed weights to `capped-median`)";
  }
}

/** A trimmed mean must leave at least one value of the smallest number of sources it applies to. */
export function checkTrimLeavesSources(
  trimmed: Decimal,
  sources: Decimal,
  span: Span,
  what: string,
  context: Context,
  report: Report,
): void {
  if (trimLeavesValues(trimmed, sources)) return;
  report(
    diag(Codes.InvalidAggregationOption, span, `dropping ${trimmed.toString()} values of ${what} leaves none to average`, {
      context,
      hint: "drop fewer values, or apply the trimmed mean only from a larger number of sources",
    }),
  );
}
