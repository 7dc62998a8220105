/**
 * The certificate of a capped median: the steps its methodology states (the median of the values, the band of
 * ± the cap around it, each value capped into the band, and the weights the capped values are averaged with),
 * so a reviewer can check each step against the clause. Also which sources a weight of 0 keeps for monitoring
 * only (observed and reported, not used). Built by {@link computeIndex} from the items it aggregates.
 */
import type { AggregationMethod } from "../spec.js";
import { type Item, cappedMedianSteps } from "./aggregation.js";

/** The steps of a capped median over labelled values (sources, or intervals), as decimal strings. */
export interface CappedMedianCertificate {
  readonly median: string;
  readonly lower: string;
  readonly upper: string;
  readonly values: readonly {
    /** The source's name, or `interval N`. */
    readonly label: string;
    readonly value: string;
    readonly capped: string;
    /** The fixed weight the capped value is averaged with, or null when they are averaged equally. */
    readonly weight: string | null;
  }[];
}

/** The certificate of a capped median of `items`, labelled in the same order; undefined for another method. */
export function cappedMedianCertificate(
  method: AggregationMethod,
  items: readonly Item[],
  labels: readonly string[],
): CappedMedianCertificate | undefined {
  if (method.name !== "capped-median" || items.length === 0) return undefined;
  const s = cappedMedianSteps(method, items);
  return {
    median: s.median.toString(),
    lower: s.lower.toString(),
    upper: s.upper.toString(),
    values: items.map((i, k) => ({
      label: labels[k]!,
      value: i.value.toString(),
      capped: s.capped[k]!.toString(),
      weight: method.weightedBy === "fixed" ? i.weight.toString() : null,
    })),
  };
}

/** The lines of a capped median's certificate, in the indentation of the other certificate lines. */
export function cappedMedianLines(c: CappedMedianCertificate): string[] {
  const lines = [`  capped median: median ${c.median}, band ${c.lower} to ${c.upper}`];
  for (const v of c.values)
    lines.push(`    ${v.label}: ${v.value} capped to ${v.capped}${v.weight === null ? "" : `, weight ${v.weight}`}`);
  return lines;
}
