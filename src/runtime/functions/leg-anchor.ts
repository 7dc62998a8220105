/**
 * The anchor leg of a spread's leg prices (`leg prices from the prior daily settlement price of the near leg`): the
 * one statement of which leg `near`, `far` and `leg N` name, read by the settlement of a spread position into its
 * legs and by the invariant the checker and the loader enforce (model/invariants.ts's `legPricingProblem`).
 */
import type { LegPricing } from "../spec.js";

/**
 * The anchor leg's place (0 for the first) among legs given by how many contract months after the spread's each is:
 * `leg N` is the Nth; the near leg is the one of fewer months later, the far leg the one of more; undefined when the
 * anchor names no single leg (`leg N` beyond the legs, or near or far among legs of the same month).
 */
export function legAnchorIndex(monthsLater: readonly number[], anchor: LegPricing["anchor"]): number | undefined {
  if (anchor.kind === "leg") return anchor.leg >= 1 && anchor.leg <= monthsLater.length ? anchor.leg - 1 : undefined;
  if (monthsLater.length === 0) return undefined;
  const target = anchor.kind === "near" ? Math.min(...monthsLater) : Math.max(...monthsLater);
  const at = monthsLater.flatMap((m, i) => (m === target ? [i] : []));
  return at.length === 1 ? at[0] : undefined;
}
