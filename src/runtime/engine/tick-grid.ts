/**
 * The tick grid of an instrument: which prices a contract accepts, and the nearest accepted prices around one that it
 * does not. A price is on the grid when it is a whole multiple of the tick of the tier it falls in ({@link tickAt}:
 * with "1 at or below 25, 5 above 25", 24 and 30 are on it, 26 is not). Used by the settlement functions for a
 * position's traded price and by `termsheet price`; prices may be negative (a calendar spread's), so the grid runs
 * through zero. Pure, exact, and bounded by the number of tiers.
 */
import { Decimal } from "../numbers/decimal.js";
import { Ratio } from "../numbers/ratio.js";
import { tickAt, type TickTable } from "./index-computation.js";

/** Where a price lies on a tick grid. */
export interface GridPosition {
  /** Whether the price is a whole multiple of the tick of its tier. */
  readonly valid: boolean;
  /** The tick of the tier the price falls in. */
  readonly tick: Decimal;
  /** The largest price on the grid below the price (strictly), when there is one. */
  readonly below: Decimal | undefined;
  /** The smallest price on the grid above the price (strictly), when there is one. */
  readonly above: Decimal | undefined;
}

function tickOf(table: TickTable, price: Decimal): Decimal | undefined {
  const t = tickAt(table, Ratio.fromDecimal(price));
  return typeof t === "string" ? undefined : t;
}

/** Whether a price is on the grid: a whole multiple of the tick of the tier it falls in. */
export function onGrid(table: TickTable, price: Decimal): boolean {
  const t = tickOf(table, price);
  return t !== undefined && price.isMultipleOf(t);
}

/**
 * The nearest price on the grid strictly beyond `price` in one direction. A multiple of one tier's tick may fall in
 * a neighbouring tier where it is not on the grid (with tiers "1 at or below 10.5, 0.1 above 10.5", 10.5 from 10.55);
 * the search then continues from there on that tier's tick, at most once per tier.
 */
function nearest(table: TickTable, price: Decimal, direction: "down" | "up"): Decimal | undefined {
  const mode = direction === "down" ? "floor" : "ceiling";
  let x = price;
  for (let step = 0; step <= table.length + 1; step++) {
    const t = tickOf(table, x);
    if (t === undefined) return undefined;
    let m = x.roundToIncrement(t, mode);
    if (m.eq(price)) m = direction === "down" ? m.sub(t) : m.add(t);
    if (onGrid(table, m)) return m.normalize();
    x = m;
  }
  return undefined;
}

/** Where a price lies on a tick grid, with the nearest prices on it below and above. */
export function gridPosition(table: TickTable, price: Decimal): GridPosition | string {
  const t = tickAt(table, Ratio.fromDecimal(price));
  if (typeof t === "string") return t;
  return { valid: price.isMultipleOf(t), tick: t, below: nearest(table, price, "down"), above: nearest(table, price, "up") };
}
