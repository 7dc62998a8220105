/**
 * What a daily settlement price beyond the last price limit becomes (`price limits …, beyond the last limit
 * clamped|flagged`): clamped, it settles at the limit it crossed; flagged, it settles as computed and the certificate
 * says which limit it crossed. The limits are the exact bands of {@link priceLimitBands} around the prior settlement.
 * Seam: a percentage limit is not rounded to the tick here (limits rounded to the tick by a declared mode are another
 * construct); a clamp to a limit off the tick grid is refused as an error of the settlement, never a price off the grid.
 */
import { Decimal } from "../numbers/decimal.js";
import { onGrid } from "./tick-grid.js";
import type { TickTable } from "./index-computation.js";

/** The breach of the last limit, as the certificate reports it. */
export interface LimitBreach {
  /** The number of the limit crossed (the last one), 1-based. */
  readonly limit: number;
  readonly lower: string;
  readonly upper: string;
  /** The price the procedure produced, beyond the limit. */
  readonly computed: string;
  readonly action: "clamped" | "flagged";
  /** The settlement price after the rule: the limit crossed (clamped) or the computed price (flagged). */
  readonly price: string;
}

/** The outcome: the price unchanged (no breach, or no rule), the price with its breach, or why it cannot be clamped. */
export type HardLimitOutcome =
  { readonly ok: true; readonly price: Decimal; readonly breach: LimitBreach | null } | { readonly ok: false; readonly message: string };

/** Applies the breach rule to a daily settlement price against the last of the bands (none: nothing to apply). */
export function applyHardLimit(
  price: Decimal,
  bands: readonly { readonly lower: string; readonly upper: string }[],
  rule: "clamp" | "flag" | undefined,
  tick: TickTable | undefined,
): HardLimitOutcome {
  const last = bands[bands.length - 1];
  if (rule === undefined || last === undefined) return { ok: true, price, breach: null };
  const lower = Decimal.of(last.lower);
  const upper = Decimal.of(last.upper);
  const crossed = price.cmp(upper) > 0 ? upper : price.cmp(lower) < 0 ? lower : undefined;
  if (crossed === undefined) return { ok: true, price, breach: null };
  const base = { limit: bands.length, lower: last.lower, upper: last.upper, computed: price.toString() };
  if (rule === "flag") return { ok: true, price, breach: { ...base, action: "flagged", price: price.toString() } };
  if (tick !== undefined && !onGrid(tick, crossed))
    return {
      ok: false,
      message: `the daily settlement price ${price.toString()} is beyond price limit ${bands.length} (${last.lower} to ${last.upper}), and the limit ${crossed.toString()} it would be clamped to is not on the tick grid; the contract does not say how its limits are rounded to the tick`,
    };
  return { ok: true, price: crossed, breach: { ...base, action: "clamped", price: crossed.toString() } };
}
