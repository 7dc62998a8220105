/**
 * The entry of the settlement runtime bundle (`dist/settlement/termsheet-runtime.js`, which `termsheet build` copies
 * next to the generated settlement modules): the settlement functions and their steps (`functions/`), the schedule
 * and the market-data parsers, which the generated modules call and an exchange may call too. Bundled by
 * scripts/build.mjs with its declarations emitted by tsc.
 */
export * from "./functions/index.js";
export { Schedule } from "./schedule/index.js";
export { parseFixings, parseObservations, formatMarketDataError } from "./market-data/index.js";
export type { Fixing, MarketDataError, MarketDataResult, Observations, FixingOptions, ObservationOptions } from "./market-data/index.js";
