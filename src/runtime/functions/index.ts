/**
 * Public entry of the settlement functions of a compiled spec: `settlementFunctions(spec)` → `{ index, final,
 * daily }` returning plain-data reports, their renderings `reportJson` and `reportText`, and the step functions and
 * environment the generated settlement backend composes (scratch documentation: the steps API). Runtime only:
 * imports nothing from the compiler.
 */
export type * from "./reports.js";
export type { ContractTerms, ContractsOf, Multiplier, TickValue } from "./terms.js";
export { contractMultiplier, contractTerms, effectiveText, fixingSeries, tickTiers, tickValues } from "./terms.js";
export type {
  DailyParams,
  FinalIndexParams,
  FinalSection,
  IndexParams,
  MarketLookup,
  OptionParams,
  ReportParts,
  ResolvedPeriod,
  StripInput,
  StripMonth,
} from "./steps.js";
export {
  fixingDate,
  fixingDayOf,
  indexReport,
  isError,
  marketLookup,
  parsePeriod,
  positionReport,
  priceDomain,
  requestDecimal,
  resolvePeriod,
  roundingText,
  settleDaily,
  settleFinalIndex,
  settleOption,
  settleSpread,
  settlementReport,
  tradesOf,
} from "./steps.js";
export type { SettleEnv } from "./functions.js";
export { dailyOf, finalOf, functionsOf, indexOf, settlementFunctions, specEnv } from "./functions.js";
export { stripOf } from "./strip.js";
export { circuitBreakerHalts, haltsOf, type HaltsAlong, type TermsOn } from "./halts.js";
export type { PositionLimitTerm, StatedPosition } from "./position-limits.js";
export { checkPositionLimits, isSpotMonth, positionLimitError, positionLimitsOf, scopeWords } from "./position-limits.js";
export { reportJson, reportText } from "./render.js";
