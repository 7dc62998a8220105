/**
 * Public entry of the settlement runtime: exact rationals, the aggregation methods, index computation with its
 * certificate, final settlement, the fallback waterfall, option payoffs, variation margin and settlement dates.
 * Imports nothing from the compiler; it reads the compiled spec as runtime/spec.ts describes it.
 */
export { Ratio } from "../numbers/ratio.js";
export type { AggregationResult, Item } from "./aggregation.js";
export { aggregate, aggregateScaled, describeMethod } from "./aggregation.js";
export type {
  Exclusion,
  IndexCertificate,
  IndexFailureKind,
  IndexRequest,
  IndexResult,
  PartitionValue,
  TickTable,
} from "./index-computation.js";
export { computeIndex, durationMicros, singleTick, tickAt } from "./index-computation.js";
export type {
  ComputedLookupOptions,
  FinalSettlementResult,
  FixingLookup,
  IndexLookup,
  LevelAttempt,
  OptionPayoff,
  OptionRight,
  WaterfallOptions,
  WaterfallResult,
} from "./settlement.js";
export {
  applyRounding,
  averagingDays,
  computedLookup,
  finalSettlement,
  fixingLookup,
  futureSettlementAmount,
  intrinsicValue,
  optionPayoff,
  runWaterfall,
  settlementDate,
  variationMargin,
} from "./settlement.js";
export type { DailyInput, DailyResult, SettledLeg, StripContext, StripNeighbour } from "./daily.js";
export { dailySettlement, priceLimitBands, spreadValue } from "./daily.js";
export { certificateJson, certificateLines, renderFinalSettlementText, renderIndexText } from "./certificate.js";
