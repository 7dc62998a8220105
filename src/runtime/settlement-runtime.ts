/**
 * The entry of the settlement runtime bundle (`dist/settlement-runtime.js`, copied by `termsheet build` next to the
 * generated settlement modules as `settlement/termsheet-runtime.js`): the runtime's public settlement API, which the
 * generated modules call and an exchange may call too. Bundled by scripts/build.mjs; its declarations are
 * src/backends/settlement/termsheet-runtime.d.ts, checked against this module by a type test.
 */
export { Decimal } from "./decimal.js";
export { parseFixings, parseObservations, formatMarketDataError } from "./market-data/index.js";
export type { Fixing, MarketDataError, MarketDataResult, Observations } from "./market-data/index.js";
