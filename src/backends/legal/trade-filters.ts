/**
 * The readable sentences of the rules on named fields of the trade record (issue 15: `exclude trades flagged …`,
 * `of type …`, `reversed within …`, `on the … side`, `with counterparty …`) and of a source's priority list chosen per
 * day, as a methodology words them.
 */
import type { TradeFilter } from "../../model/indices.js";
import { duration } from "./words.js";

const LEFT_OUT = "does not qualify and is left out of every step of the calculation";

/** One rule on a named field of the record, as a sentence of the trade qualification step. */
export function tradeFilterSentence(f: TradeFilter): string {
  switch (f.kind) {
    case "flagged":
      return `A trade whose record carries the flag "${f.flag}" ${LEFT_OUT}.`;
    case "type":
      return `A trade whose record is of type "${f.type}" ${LEFT_OUT}.`;
    case "reversed-within":
      return `A trade reversed within ${duration(f.within)} of its execution ${LEFT_OUT}; a trade reversed later qualifies.`;
    case "side":
      return `A trade reported by its ${f.side} side ${LEFT_OUT}, so that a trade reported by both sides is counted once, by its ${f.side === "buy" ? "seller" : "buyer"}'s report; a report that states no side qualifies.`;
    case "counterparty":
      return `A trade with the counterparty "${f.counterparty}" ${LEFT_OUT}; a report that names no counterparty qualifies.`;
  }
}

/** `minimum counterparties N`. */
export function minimumCounterpartiesSentence(n: number): string {
  return `A source whose qualifying trades in the window are with fewer than ${n} different counterpart${n === 1 ? "y" : "ies"} is not used; a trade that names no counterparty adds none.`;
}

/** A source's priority list chosen per day (`models … chosen per day`). */
export function priorityPerDaySentence(list: "models" | "instruments"): string {
  const what = list === "models" ? "model" : "instrument";
  return `The list is decided on each day of the window, in the window's time zone: on each day, the first ${what} of the list present that day is used for that day's observations, and the observations of the other ${what}s of the list that day are not used.`;
}
