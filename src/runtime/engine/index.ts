/**
 * Public entry of the settlement runtime: exact rationals, the aggregation methods, index computation with its
 * certificate, final settlement, the fallback waterfall, option payoffs, variation margin and settlement dates.
 * Imports nothing from the compiler; its input types are structural and the compiled model satisfies them.
 */
export { Ratio } from "../numbers/ratio.js";
export type { AggregationMethod, AggregationName, AggregationResult, Item } from "./aggregation.js";
export { aggregate, aggregateScaled, describeMethod } from "./aggregation.js";
export type {
  Exclusion,
  IndexCertificate,
  IndexFailureKind,
  IndexMethodology,
  IndexRequest,
  IndexResult,
  PartitionValue,
  RtClause,
  RtDuration,
  RtRounding,
  RtSource,
  RtUnit,
  RtRestatement,
  RtWindow,
  TickTable,
} from "./index-computation.js";
export { allInForce, computeIndex, durationMicros, inEffect, inForce, singleTick, tickAt } from "./index-computation.js";
export type {
  ComputedLookupOptions,
  DisruptionKind,
  FinalSettlementResult,
  FixingLookup,
  IndexLookup,
  LevelAttempt,
  OptionPayoff,
  OptionRight,
  RtFallback,
  RtFallbackAction,
  RtFallbackStep,
  RtDisruption,
  RtFinalSettlement,
  RtSettlementValue,
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
export type { DailyInput, DailyResult, RtDailyStep, RtPriceLimit, SettledLeg } from "./daily.js";
export { dailySettlement, priceLimitBands, spreadValue } from "./daily.js";
export { certificateJson, certificateLines, renderFinalSettlementText, renderIndexText } from "./certificate.js";
