/**
 * Final settlement at the VWAP of the underlying future (`at the vwap of FUTURE trades from … to … ZONE on the last
 * trading day`): the volume-weighted average price Σ(price × volume) / Σ volume of the trades in the future's contract
 * of the same period within the window on the last trading day, rounded as declared (to the tick: the future's tick).
 * A settlement step the final settlement composes, like those of steps.ts; exact throughout.
 */
import { parseIsoDate } from "../calendar/index.js";
import { windowVwap } from "../engine/daily.js";
import { applyRounding } from "../engine/settlement.js";
import type { Observations } from "../market-data/index.js";
import type { Rounding, TimeWindow } from "../spec.js";
import type { ReportError, TickTiers } from "./reports.js";
import { roundingText, tickTable, tradesOf } from "./steps.js";

/** Parameters of {@link settleFutureVwap}: the rule's window and rounding, the future's contract and tick, the trades. */
export interface FutureVwapParams {
  readonly window: TimeWindow;
  readonly rounding: Rounding;
  /** The future's symbol of the same period (the trades' instrument). */
  readonly futureSymbol: string;
  /** The future's tick, for a rounding to the tick. */
  readonly tick: TickTiers | null;
  readonly lastTradingDay: string;
  readonly observations?: Observations | undefined;
}

/** The settled price, or why there is none (no trades given, no trade with a volume in the window, a rounding it cannot do). */
export function settleFutureVwap(
  p: FutureVwapParams,
):
  | { readonly ok: true; readonly price: string; readonly unrounded: string; readonly rounding: string; readonly method: string }
  | { readonly ok: false; readonly error: ReportError } {
  const day = parseIsoDate(p.lastTradingDay);
  if (p.observations === undefined)
    return { ok: false, error: { kind: "no-observations", message: `the trades of ${p.futureSymbol} are needed: give observations` } };
  const w = day === undefined ? undefined : windowVwap(tradesOf(p.observations, p.futureSymbol), p.window, day);
  if (w === undefined) return { ok: false, error: { kind: "time", message: `the VWAP window cannot be placed on ${p.lastTradingDay}` } };
  if (w.vwap === undefined)
    return {
      ok: false,
      error: { kind: "no-trades", message: `no trade of ${p.futureSymbol} with a volume in the window on ${p.lastTradingDay}` },
    };
  const price = applyRounding(w.vwap, p.rounding, p.tick === null ? undefined : tickTable(p.tick));
  if (typeof price === "string")
    return {
      ok: false,
      error: { kind: "rounding", message: `the VWAP ${w.vwap.toString()} cannot be rounded as the rule says: ${price}` },
    };
  const window = `${p.window.from} ${p.window.fromBound} to ${p.window.to} ${p.window.toBound} ${p.window.zone}`;
  return {
    ok: true,
    price: price.toString(),
    unrounded: w.vwap.toString(),
    rounding: roundingText(p.rounding, p.tick),
    method: `VWAP of ${w.count} trade(s) of ${p.futureSymbol} from ${window} on the last trading day ${p.lastTradingDay}`,
  };
}
