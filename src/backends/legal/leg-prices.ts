/**
 * The readable contract's "Leg prices" clause of a spread (`leg prices from the prior daily settlement price of the
 * near leg`), worded as a rulebook words its spread leg pricing (CME Group: the calendar spread model "sets the
 * nearby-expiring futures anchor leg ... to the prior day's settlement price"; the other leg is "the traded calendar
 * spread difference plus" that price): which leg is the anchor and at what price, how the other leg's price follows
 * from the spread price, and that each leg position then settles as an outright position.
 */
import type { Clause, Leg, LegPricing } from "../../runtime/spec.js";

/** A leg as the clause names it: "leg 1 (the near leg, FOTI, the spread's contract month)". */
function legName(l: Leg, i: number, which = ""): string {
  const month = l.monthsLater === 0 ? "the spread's contract month" : `${l.monthsLater} ${l.monthsLater === 1 ? "month" : "months"} later`;
  return `leg ${i + 1} (${which}${l.contract}, ${month})`;
}

/** The clause's sentences for one version of the leg prices, over the spread's legs (two, of ratio 1: an invariant). */
export function legPricesWords(v: LegPricing, legs: readonly Clause<Leg>[]): string[] {
  const ls = legs.map((l) => l.value);
  const months = ls.map((l) => l.monthsLater);
  const at =
    v.anchor.kind === "leg" ? v.anchor.leg - 1 : months.indexOf(v.anchor.kind === "near" ? Math.min(...months) : Math.max(...months));
  const anchor = ls[at];
  const otherAt = at === 0 ? 1 : 0;
  const other = ls[otherAt];
  if (anchor === undefined || other === undefined) return [];
  const which = v.anchor.kind === "leg" ? "" : `the ${v.anchor.kind} leg, `;
  const buys = ls.flatMap((l, i) => (l.side === "buy" ? [`leg ${i + 1}`] : []));
  const sells = ls.flatMap((l, i) => (l.side === "sell" ? [`leg ${i + 1}`] : []));
  const spreadIs = `the price of ${buys.join(" plus the price of ")}${sells.length === 0 ? "" : ` less the price of ${sells.join(" and of ")}`}`;
  const derived =
    anchor.side === "buy" && other.side === "sell"
      ? `the anchor's price less the traded price`
      : anchor.side === "sell" && other.side === "buy"
        ? `the anchor's price plus the traded price`
        : `the price that makes ${spreadIs} the traded price`;
  return [
    `A trade in the Contract is cleared as a position in each of its legs, at leg prices derived from the traded price.`,
    `The anchor, ${legName(anchor, at, which)}, is priced at its prior daily settlement price; ${legName(other, otherAt)} is priced at ${derived}, so that ${spreadIs} is the traded price. A leg price so derived is not rounded to the tick.`,
    `Each leg position is then an outright position in its contract month, of the traded quantity times the leg's ratio, long for a leg bought and short for a leg sold, and settles at the Final Settlement Price of that contract month on its own Last Trading Day.`,
  ];
}
