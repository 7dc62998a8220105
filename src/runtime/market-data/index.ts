/**
 * Public entry of market-data parsing: observations (`time,source,price,volume[,instrument[,part]]`) and fixings
 * (`time,index,value[,status]`) from CSV or NDJSON text into exact typed values, with typed errors naming
 * file, line and field. Pure; the CLI reads the files and reports a missing one itself.
 */
export type { MarketDataError, MarketDataErrorKind, MarketDataResult, ParseOptions } from "./common.js";
export { formatMarketDataError, parseInstantMicros } from "./common.js";
export type { ObservationOptions, ObservationParser, Observations } from "./observations.js";
export { createObservationParser, parseObservations } from "./observations.js";
export type { NameColumn } from "./names.js";
export { nameAt, nameColumn, pickNames } from "./names.js";
export type { Fixing, FixingOptions, FixingStatus } from "./fixings.js";
export { FIXING_STATUSES, isPublished, parseFixings } from "./fixings.js";
export { MAX_LINE_LENGTH, YEARS } from "./common.js";
export type { DealerQuote } from "./dealer-quotes.js";
export { parseDealerQuotes } from "./dealer-quotes.js";
