/**
 * Quotes in a contract's observations: a row whose part is `bid` or `offer` is a quote update of that side of the
 * contract month's best market (its price from the row's time on; a volume of 0 withdraws the side), not a trade.
 * The daily step `midpoint of bid and offer from … to …` weighs them over its settlement period (engine/quotes.ts).
 */
import { Decimal } from "../numbers/decimal.js";
import type { Observations } from "../market-data/index.js";
import { nameAt } from "../market-data/names.js";
import type { QuoteUpdate } from "../engine/quotes.js";
import type { ReportError } from "./reports.js";

/** Whether row r of the observations is a quote update (part `bid` or `offer`) rather than a trade. */
export function isQuoteRow(obs: Observations, r: number): boolean {
  const part = nameAt(obs.part, r);
  return part === "bid" || part === "offer";
}

/**
 * The quote updates of one contract month (rows naming its symbol, or no instrument), in the observations' time
 * order; each quoted price (volume above 0) passes `check` (the price domain and the tick grid), else its error.
 */
export function quoteTape(
  obs: Observations,
  symbol: string,
  check: (what: string, price: Decimal) => ReportError | undefined,
): QuoteUpdate[] | ReportError {
  const tape: QuoteUpdate[] = [];
  for (let r = 0; r < obs.length; r++) {
    if (!isQuoteRow(obs, r)) continue;
    const instrument = nameAt(obs.instrument, r);
    if (instrument !== null && instrument !== "" && instrument !== symbol) continue;
    const side = nameAt(obs.part, r) === "bid" ? "bid" : "offer";
    if (obs.volume[r] === 0) {
      tape.push({ time: obs.time[r]!, side, price: null });
      continue;
    }
    const price = Decimal.fromParts(BigInt(obs.price[r]!), obs.priceScale);
    const bad = check(`the ${side} of observations line ${obs.line[r]}`, price);
    if (bad !== undefined) return bad;
    tape.push({ time: obs.time[r]!, side, price });
  }
  return tape;
}
