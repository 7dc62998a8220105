/**
 * The diagnostic code registry: every code any phase may report, with its stable kebab-case key, phase,
 * default severity and a one-line explanation for the docs, plus `diag()` to build Diagnostic values from it.
 * Codes are a letter and four digits: E for errors, W for warnings (same numbering as the error they soften);
 * the first digit is the phase (1 syntax, 2 names, 3 types and units, 4 dates and calendars, 5 domain rules,
 * 6 model and backends, 9 internal), so adding a code is one line in `TABLE` and nothing else.
 */
import { escapeUnprintable } from "../base/characters.js";
import type { Span } from "../base/source.js";
import type { Diagnostic, Label, Severity } from "./diagnostic.js";

/** The compiler phase a code belongs to, derived from its first digit. */
export type Phase = "syntax" | "names" | "types" | "dates" | "domain" | "model" | "internal";

/** Everything the registry knows about one code. */
export interface CodeInfo {
  /** Letter and four digits, e.g. "E2001". */
  readonly code: string;
  /** Stable kebab-case key, e.g. "unknown-name"; an E code and its W twin share the key. */
  readonly key: string;
  readonly phase: Phase;
  /** Default severity: "error" for E codes, "warning" for W codes. */
  readonly severity: Severity;
  /** One sentence for the docs, explaining what the code means. */
  readonly explanation: string;
}

type Entry = readonly [code: string, key: string, explanation: string];

// One line per code; the property name is what callers write after `Codes.`.
const TABLE = {
  // E1xxx: lexing and parsing.
  UnexpectedCharacter: ["E1001", "unexpected-character", "A character that cannot start any token of the language."],
  UnterminatedString: [
    "E1002",
    "unterminated-string",
    "A string literal is not closed before the end of its line, or contains an unknown escape.",
  ],
  UnterminatedComment: ["E1003", "unterminated-comment", "A block comment `/* … */` is not closed before the end of the file."],
  InvalidNumber: ["E1004", "invalid-number", "A numeric literal is malformed."],
  InvalidDateLiteral: ["E1005", "invalid-date-literal", "A date literal is not a valid YYYY-MM-DD date of the calendar."],
  InvalidTimeLiteral: ["E1006", "invalid-time-literal", "A time literal is not a valid HH:MM or HH:MM:SS time of day."],
  PrecisionOutOfRange: [
    "E1009",
    "precision-out-of-range",
    "A number literal has more significant digits or decimal places than any number the program reads may have.",
  ],
  UnexpectedToken: ["E1010", "unexpected-token", "The parser found a token where the grammar does not allow it."],
  MissingToken: ["E1011", "missing-token", "The grammar requires a token that is not there."],
  UnexpectedEndOfFile: ["E1012", "unexpected-end-of-file", "The file ends in the middle of a declaration or clause."],
  UnclosedBlock: ["E1013", "unclosed-block", "A `{` has no matching `}`."],
  NestingTooDeep: ["E1014", "nesting-too-deep", "Blocks are nested more than 16 deep; what the deepest block holds is not read."],
  ForbiddenCharacter: [
    "E1015",
    "forbidden-character",
    "The text holds a control character or a bidirectional formatting character (such as U+202E), written or as an escape.",
  ],
  TooManySyntaxErrors: [
    "E1016",
    "too-many-syntax-errors",
    "A file has so many syntax errors that the rest of it, from the line named, is not read.",
  ],

  // E2xxx: names, imports and words.
  UnknownName: ["E2001", "unknown-name", "A name is used that no declaration or import in scope provides."],
  DuplicateDeclaration: ["E2002", "duplicate-declaration", "Two declarations in the same scope have the same name."],
  WrongKind: ["E2003", "wrong-kind", "A name refers to a declaration of the wrong kind, e.g. a calendar where an index is expected."],
  ImportFileNotFound: ["E2004", "import-file-not-found", "An import names a file that does not exist."],
  ImportNameNotFound: ["E2005", "import-name-not-found", "An import names a declaration the imported file does not contain."],
  UnknownWord: ["E2007", "unknown-word", "A word in a clause is not one of the words the clause accepts."],
  DuplicateClause: ["E2008", "duplicate-clause", "A clause that may appear once appears more than once."],
  MissingClause: ["E2009", "missing-clause", "A required clause is missing from a declaration."],
  UnknownTimeZone: ["E2010", "unknown-time-zone", "A time zone is not a known IANA time zone name."],
  ClauseNotAllowed: ["E2011", "clause-not-allowed", "A clause is not allowed in this kind of declaration."],
  NotSupported: [
    "E2012",
    "not-supported",
    "A word the language reserves for a later version, such as physical settlement, is not supported yet.",
  ],
  InputNotFound: [
    "E2013",
    "input-not-found",
    "A file or folder named on the command line does not exist, cannot be read, or holds no `.terms` files.",
  ],
  ImportOutsideProject: [
    "E2020",
    "import-outside-project",
    "An import names a file outside the project folder and the standard library, or a symbolic link that leads there.",
  ],
  ImportNotTermsFile: ["E2021", "import-not-terms-file", "An import names a file that is not a `.terms` file."],
  ImportNotRegularFile: [
    "E2022",
    "import-not-regular-file",
    "An import names a folder, a device, a pipe or anything else that is not a regular file.",
  ],
  ImportTooLarge: ["E2023", "import-too-large", "An imported file is larger than a source file may be (16 MiB)."],
  NamesDifferOnlyInCase: [
    "E2024",
    "names-differ-only-in-case",
    "Two declarations have names that differ only in case, so their compiled files would be one on a file system that ignores case.",
  ],
  ReservedFileName: [
    "E2025",
    "reserved-file-name",
    "A declaration's name cannot be a file name: a Windows device name (CON, NUL, COM1, …) or the settlement runtime's.",
  ],
  InvalidName: [
    "E2026",
    "invalid-name",
    "A name a compiled spec cannot hold: `__proto__` (a JSON key that JavaScript reads as an object's prototype), a name longer than 64 characters, or an empty holiday name.",
  ],
  EmptyText: [
    "E2027",
    "empty-text",
    "A text the contract prints is empty: the licensor of an index licence, or a paragraph of an index disclaimer.",
  ],

  // E3xxx: types and units.
  UnitMismatch: ["E3001", "unit-mismatch", "Two quantities that must share a unit are in different units."],
  UnknownUnit: ["E3002", "unknown-unit", "A unit or currency is not known."],
  NonPositiveAmount: ["E3003", "non-positive-amount", "An amount that must be strictly positive is zero or negative."],
  StrikeNotOnTick: ["E3004", "strike-not-on-tick", "A strike price is not a whole multiple of the tick size."],
  LimitNotOnTick: ["E3005", "limit-not-on-tick", "A price limit is not a whole multiple of the tick size."],
  InvalidPercentage: ["E3006", "invalid-percentage", "A percentage is outside the range the clause allows."],
  ContractUnitMismatch: ["E3007", "contract-unit-mismatch", "The contract unit does not match the unit the index is quoted in."],
  TiersNotAscending: ["E3008", "tiers-not-ascending", "Tier thresholds are not in strictly ascending order."],
  StrikeListingOffGrid: [
    "E3290",
    "strike-listing-off-grid",
    "A tier of the strike listing schedule (`strikes listed every …`) has an interval that is not a whole multiple of the strike grid (`strikes every …`).",
  ],
  ReversalWindow: [
    "E3300",
    "reversal-window",
    "`exclude trades reversed within …` is clock time (seconds, minutes or hours, not business days) of at most a day: a reversal is judged against the trade's own time.",
  ],
  AmbiguousUnit: [
    "E3040",
    "ambiguous-unit",
    "A unit word names both a unit and a future in scope (`1 BTC` in an option on the future BTC): one bitcoin or one futures contract.",
  ],
  OptionUnitNotContracts: [
    "E3041",
    "option-unit-not-futures-contracts",
    "The contract unit of an option on a future is not a number of contracts of that future.",
  ],
  UnitDeclarationCollides: [
    "E3042",
    "unit-declaration-collides",
    "A declared unit takes a built-in unit or scale word, another declared unit's word, or the name of a declaration.",
  ],
  MalformedUnitDeclaration: [
    "E3043",
    "malformed-unit-declaration",
    "A unit declaration's name is not letters and digits, it has no title, or the words after `is` are not `an asset`.",
  ],
  CountTooLarge: [
    "E3010",
    "count-too-large",
    "A count of days, months, contracts, sources, trades or intervals is larger than its clause allows.",
  ],

  // E4xxx: dates, calendars and versions.
  ExpiryNotBusinessDay: ["E4001", "expiry-not-business-day", "An expiry date is not a business day of the contract's calendar."],
  ExpiryOutsideMonth: ["E4002", "expiry-outside-month", "An expiry date falls outside the contract month it belongs to."],
  InvalidDate: ["E4003", "invalid-date", "A date computed from a rule does not exist."],
  CalendarCycle: ["E4004", "calendar-cycle", "Calendars are defined in terms of each other in a cycle."],
  InvalidYearRange: ["E4005", "invalid-year-range", "A year range ends before it starts."],
  EmptyWindow: ["E4006", "empty-window", "An observation window contains no time."],
  PartitionsDoNotDivideWindow: [
    "E4007",
    "partitions-do-not-divide-window",
    "The partitions of an observation window do not divide it evenly.",
  ],
  OverlappingVersions: ["E4008", "overlapping-versions", "Two versions of the same declaration have overlapping effective ranges."],
  InvalidEffectiveRange: ["E4009", "invalid-effective-range", "An effective range ends before it starts."],
  NthWeekdayMissing: ["E4010", "nth-weekday-missing", "A rule asks for an nth weekday that some month does not have, e.g. a fifth Monday."],
  EndOfDayTime: ["E4011", "end-of-day-time", "`24:00` stands where a time of day is needed: it is the end of a day, not a time in it."],
  VersionSelectionDated: [
    "E4180",
    "version-selection-dated",
    "`rule versions selected by …` carries an effective range: what selects the versions of a contract's rules holds for all of them at all times.",
  ],
  NoSelfSelectedLastTradingDay: [
    "E4270",
    "no-self-selected-last-trading-day",
    "Under `rule versions selected by the last trading day`, a contract month has no day on which the version that gives it is in force: each version's day falls where another version is in force (or none is).",
  ],
  NotListedNeedsWeek: [
    "E4275",
    "not-listed-needs-week",
    "`not listed when not a business day` stands on a rule other than `the WEEKDAY of the contract week`: only a weekly series skips the weeks whose day is not a business day.",
  ],
  WhenNotBusinessDayConvention: [
    "E4350",
    "when-not-business-day-convention",
    "`when not a business day on CALENDAR` stands on a rule whose convention is not `preceding` or `following` (or that has none): the clause says when the day moves, the convention where to.",
  ],
  WhenNotBusinessDayAnchor: [
    "E4351",
    "when-not-business-day-anchor",
    "`when not a business day on CALENDAR` stands on a rule with a business-day anchor, a shift, a weekly anchor or `not listed`: it tests an unshifted day of the month.",
  ],
  OrFinalOtherFuture: [
    "E5350",
    "or-final-other-future",
    "`at the vwap of F trades …, or at the final settlement price of G on its last trading day` names a future G other than F: the option fixes on F's trades, or on F's final settlement price on F's last trading day.",
  ],
  FixingTickIndexNotSettled: [
    "E5270",
    "fixing-tick-index-not-settled",
    "`fixings of INDEX on the tick` (or `rounded to the tick`) names an index the contract does not settle on: its fixings are no prices of the contract.",
  ],
  FixingTickNotTheTick: [
    "E5271",
    "fixing-tick-not-the-tick",
    "`fixings of INDEX rounded to …` rounds to something other than the contract's tick: a fixing is aligned to the tick grid (`rounded to the tick MODE`).",
  ],
  WindowLongerThanADay: [
    "E4060",
    "window-longer-than-a-day",
    "A window that starts on the previous day ends after the time it started: it would be longer than a day.",
  ],

  // E5xxx: domain rules (index, fallback, settlement).
  FallbackNotDefinite: ["E5001", "fallback-not-definite", "A fallback waterfall can end without producing a value."],
  FallbackUnreachableStep: [
    "E5002",
    "fallback-unreachable-step",
    "A fallback step can never be reached because an earlier step always succeeds.",
  ],
  MinimumSourcesExceedsSources: ["E5003", "minimum-sources-exceeds-sources", "An index requires more sources than it lists."],
  DegradationRulesGapOrOverlap: [
    "E5004",
    "degradation-rules-gap-or-overlap",
    "Degradation rules leave a gap or overlap in the source counts they cover.",
  ],
  MissingExactHalfConvention: [
    "E5005",
    "missing-exact-half-convention",
    "A rounding or median needs a convention for exact halves and none is given.",
  ],
  StepNumbering: ["E5006", "step-numbering", "Steps are not numbered 1, 2, 3, … in order."],
  CircularReference: ["E5007", "circular-reference", "Declarations refer to each other in a cycle."],
  MissingRounding: ["E5008", "missing-rounding", "A computed amount has no explicit rounding."],
  InvalidAggregationOption: ["E5009", "invalid-aggregation-option", "An option is not valid for the chosen aggregation method."],
  MissingCalendar: ["E5010", "missing-calendar", "A rule counts business days but no calendar says which days those are."],
  OneSidedSpread: ["E5011", "one-sided-spread", "A spread's legs do not include both a buy and a sell."],
  AggregationWithoutData: [
    "E5012",
    "aggregation-without-data",
    "An index aggregates trades or intervals but declares no window or partition that produces them.",
  ],
  AggregationIgnored: [
    "E5013",
    "aggregation-ignored",
    "An index aggregates sources, or states degradation rules, where its trades are pooled across sources, so there is no value per source.",
  ],
  PaymentWithoutFinalSettlement: [
    "E5050",
    "payment-without-final-settlement",
    "A contract's payment is counted from its final settlement day, but the contract states no final settlement.",
  ],

  CappedMedianWeighting: [
    "E5070",
    "capped-median-weighting",
    "A capped median is weighted by volume or expenditure; its capped values are averaged by fixed weights or equally.",
  ],
  ZeroFixedWeights: ["E5071", "zero-fixed-weights", "Every source of an index aggregated by fixed weights has a weight of 0."],
  UnroundedMayNotTerminate: [
    "W5072",
    "unrounded-may-not-terminate",
    "An index published unrounded aggregates by a method that divides (a mean, VWAP, or median of an even count), so its value may not be a terminating decimal and then cannot be published.",
  ],

  SamplesDoNotDivideWindow: [
    "E4140",
    "samples-do-not-divide-window",
    "The sampling interval of an index does not divide its observation window evenly, or is not clock time.",
  ],
  TooManySamples: ["E4141", "too-many-samples", "A sampled window would hold more than 1,000,000 samples."],
  SamplingWithoutWindow: ["E5140", "sampling-without-window", "An index is sampled but declares no observation window to sample."],
  SamplingConflict: [
    "E5141",
    "sampling-conflict",
    "A sampled index also partitions its window or aggregates trades or intervals: a sample holds each source's latest price, not trades.",
  ],
  SamplesWithoutVolume: [
    "E5142",
    "samples-without-volume",
    "Samples are combined by a volume-weighted method, but a sample has no volume.",
  ],

  DescriptionContradictsTerms: [
    "W5014",
    "description-contradicts-terms",
    "A description states a figure (an amount, percentage, count, duration, time or date) that the terms it describes state with another value.",
  ],
  ExclusionWithoutAverage: [
    "E5080",
    "exclusion-without-average",
    "A fallback step leaves a day out of the average, but the contract's final settlement is not an average.",
  ],
  NotPublishedWithoutDeadline: [
    "W5081",
    "not-published-without-deadline",
    "A `not-published` disruption names no deadline, so nothing says when a value not yet published becomes a disruption.",
  ],

  LicensedIndexNotSettled: [
    "E5110",
    "licensed-index-not-settled",
    "A contract's `index licence` names an index the contract does not settle on (through its underlying, final settlement, legs or underlying contracts).",
  ],
  LicensorNotAdministrator: [
    "W5111",
    "licensor-not-administrator",
    "A contract's `index licence` names a licensor other than the administrator its index declares.",
  ],
  DisclaimerWithoutLicence: [
    "E5112",
    "disclaimer-without-licence",
    "A contract states an `index disclaimer` but no `index licence`, so the disclaimer names no index and no administrator.",
  ],

  AmbiguousListingPart: [
    "W5030",
    "ambiguous-listing-part",
    "`plus the next N in MONTHS` can be read as the N nearest such months or as N more beyond those listed; it is read as the nearest.",
  ],
  AdditionalMonthsFirst: [
    "E5031",
    "additional-months-first",
    "`N additional months in …` lists months beyond those already listed, but no part before it lists any.",
  ],
  MonthSetInWeeklyListing: [
    "E5032",
    "month-set-in-weekly-listing",
    "A listing cycle in weeks names months (`the nearest N months in …`), which lists nothing for weekly contracts.",
  ],
  FuturesSettlementMisplaced: [
    "E5090",
    "futures-settlement-misplaced",
    "A final settlement in futures (exercise into the expiring future) is stated where it means nothing: it belongs to an option at the final settlement price of its future.",
  ],
  LimitBreachWithoutDaily: [
    "W5150",
    "limit-breach-without-daily",
    "The price limits say what a daily settlement price beyond the last limit becomes, but the contract has no daily settlement procedure to apply it to.",
  ],
  DeferredStepOutsideFuture: [
    "E5151",
    "deferred-step-outside-future",
    "A daily settlement step that settles a deferred month from another month of the strip (`net change of the preceding month`, `lead month settlement plus …`) is stated in an option or a spread.",
  ],
  CarryDaysInYear: [
    "E5200",
    "carry-days-in-year",
    "A daily carry step divides the days to expiration by a number of days in the year other than 360 or 365.",
  ],
  FutureVwapMisplaced: [
    "E5202",
    "future-vwap-misplaced",
    "A final settlement at the VWAP of a future's trades is stated outside an option, or on a future other than the option's underlying.",
  ],
  CarryOutsideFuture: [
    "E5201",
    "carry-outside-future",
    "A daily carry step (`carry of INDEX with interest RATE per 365 days`) prices a future from its reference rate, but it is stated in an option or a spread.",
  ],
  FallbackNeverApplies: [
    "E5091",
    "fallback-never-applies",
    "A contract settled at another contract's final settlement price has a fallback of its own, which would never apply: that contract's fallback gives the price.",
  ],

  SessionWord: [
    "E2120",
    "session-word",
    "A word of a trading-hours phrase is not the word the phrase takes (`trading hours`, `trading closed`, `early close`, `with a break of N minutes each day beginning at`, `24 hours a day, 7 days a week`).",
  ],
  EmptyTradingHours: [
    "E4120",
    "empty-trading-hours",
    "Trading hours that never trade: a weekly window that opens and closes at the same instant of the week, or a daily break that covers the whole day; `24 hours a day, 7 days a week` takes 24 and 7 only.",
  ],
  SessionChangeWithoutHours: [
    "E5120",
    "session-change-without-hours",
    "An early close or closed trading day is stated, but the contract states no trading hours whose sessions it changes.",
  ],
  LimitRoundingWithoutPercent: [
    "E5130",
    "limit-rounding-without-percent",
    "Price limits say how they are rounded, but none is a percentage: an amount limit is a whole number of ticks already, so the rounding rounds nothing.",
  ],

  WindowPiecesZones: [
    "E4190",
    "window-pieces-zones",
    "The pieces of a window of several (`window from … and from …`) are not all in one time zone.",
  ],
  WindowPiecesOrder: [
    "E4191",
    "window-pieces-order",
    "A piece of a window of several starts before the previous piece ends: the pieces are written in time order and share no instant.",
  ],
  SampledWindowPieces: [
    "E5190",
    "sampled-window-pieces",
    "A sampled index has a window of several pieces; samples are taken across one window.",
  ],
  RestatementDeadline: [
    "E5191",
    "restatement-deadline",
    "The deadline of a restatement window is not after the fixing time (on the same day) or not before the next fixing (on the next business day), so it takes no correction or takes the next day's fixing.",
  ],
  RecordWord: [
    "E2300",
    "record-word",
    "A trade qualification rule names a flag, a trade type or a counterparty that no record can hold: one word of letters, digits, `-`, `_` and `.`, as the record's `type`, `flags` and `counterparty` columns carry them (flags are separated by `;`).",
  ],
  TradeSide: [
    "E2220",
    "trade-side",
    "`exclude trades on the … side` names a side other than `buy` or `sell`, the two a record's `side` column holds.",
  ],
  AggregatedWithItself: [
    "E2260",
    "aggregated-with-itself",
    "A position limit is `aggregated with` its own contract, or names a contract twice: the contract's own positions always count, and a position counted twice would halve the limit.",
  ],
  AggregatedUnitsDiffer: [
    "E3360",
    "aggregated-units-differ",
    "A position limit is `aggregated with` a contract whose contract unit (futures-equivalent) is not this contract's: its positions are not that many contracts of this one.",
  ],

  TimeWeightedBeyondTrades: [
    "E5280",
    "time-weighted-beyond-trades",
    "`vtwap` weighs each trade by its volume and the time its price stood, but it is stated for sources, intervals or a degradation rule, whose values have no instant of their own.",
  ],
  TimeWeightedAcrossPieces: [
    "E5281",
    "time-weighted-across-pieces",
    "`aggregate trades by vtwap` over a window of several pieces without a partition: a trade's price would stand across the gap between two pieces.",
  ],

  TradeQualificationWithoutWindow: [
    "E5282",
    "trade-qualification-without-window",
    "An index excludes trades (`exclude trades with volume below …`, `… deviating more than … from the previous trade`, or a rule on a field of the record) or counts their counterparties (`minimum counterparties N`) but has no window: without one, each source's value is its latest observation, not trades.",
  ],

  PriorityPerDayWithoutWindow: [
    "E5220",
    "priority-per-day-without-window",
    "A source's `models` or `instruments` are `chosen per day`, but the index has no window: the choice is made on each day of the window, and without one a source's value is its latest observation.",
  ],

  FlagBelowUnreachable: [
    "E5283",
    "flag-below-unreachable",
    "`flagged below N sources` can never apply (N is at or below the minimum number of sources, or one) or always applies (N is above the number of sources listed).",
  ],

  FlagText: [
    "E2210",
    "flag-text",
    'A flag an index publishes a value with (`empty intervals skip, flagged "*"`, `carry forward the last published value, flagged "C"`) is empty, longer than 40 characters, or has a space at either end: it is printed next to the value.',
  ],
  FlagOnFailingIntervals: [
    "E5210",
    "flag-on-failing-intervals",
    "`empty intervals fail, flagged …`: an empty interval makes the fixing fail, so no value is ever fixed with an interval left out and the flag is never published; write `empty intervals skip, flagged …`.",
  ],

  DealerPollQuorum: [
    "E5310",
    "dealer-poll-quorum",
    "A dealer poll asks for a minimum of quotes larger than the number of dealers it polls, so it could never reach its quorum.",
  ],
  DealerPollDropsAll: [
    "E5311",
    "dealer-poll-drops-all",
    "A dealer poll drops as many quotes (highest and lowest together) as its minimum, or more, so a poll that reaches its quorum could be left with no quote to average.",
  ],

  LegPricingShape: [
    "E5390",
    "leg-pricing-shape",
    "`leg prices from …` is stated for a spread that does not have exactly two legs of ratio 1: only then does one leg's price and the spread price determine the other leg's price.",
  ],
  LegPricingAnchor: [
    "E5391",
    "leg-pricing-anchor",
    "The anchor leg of `leg prices from …` is not one leg of the spread: `leg N` beyond its legs, or `the near leg` / `the far leg` of legs in the same contract month.",
  ],

  // E6xxx: model and backends.
  ModelValidationFailed: [
    "E6001",
    "model-validation-failed",
    "The lowered model failed schema validation; this is a compiler bug, not a problem in the contract.",
  ],
  SqlUnsupportedConstruct: [
    "E6170",
    "sql-unsupported-construct",
    "`termsheet sql` (or an SQL engine) was asked for an index whose methodology uses a construct the SQL backend cannot state with the runtime's exact meaning; it is named, and no query is written.",
  ],

  // E9xxx: internal.
  InternalError: ["E9001", "internal-error", "The compiler failed unexpectedly; this is a compiler bug, not a problem in the contract."],
} as const satisfies Record<string, Entry>;

/** The names callers use, e.g. `Codes.UnknownName`. */
export type CodeName = keyof typeof TABLE;

/** Every registered code string, e.g. "E2001" | "E2002" | …. */
export type Code = (typeof TABLE)[CodeName][0];

/** Registered codes by name: `Codes.UnknownName === "E2001"`, and a misspelt name is a compile error. */
export const Codes: { readonly [K in CodeName]: (typeof TABLE)[K][0] } = Object.freeze(
  Object.fromEntries(Object.entries(TABLE).map(([name, [code]]) => [name, code])),
) as { readonly [K in CodeName]: (typeof TABLE)[K][0] };

const PHASES: Readonly<Record<string, Phase>> = {
  "1": "syntax",
  "2": "names",
  "3": "types",
  "4": "dates",
  "5": "domain",
  "6": "model",
  "9": "internal",
};

const CODE_SHAPE = /^[EW][0-9]{4}$/;
const KEY_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function buildInfo(name: string, [code, key, explanation]: Entry): CodeInfo {
  const phase = PHASES[code.charAt(1)];
  // The table is static, so these throw only while someone is editing it, and the registry test catches it.
  if (!CODE_SHAPE.test(code) || phase === undefined) throw new Error(`diagnostic code ${name}: malformed code ${code}`);
  if (!KEY_SHAPE.test(key)) throw new Error(`diagnostic code ${code}: key ${key} is not kebab-case`);
  return Object.freeze({ code, key, phase, severity: code.startsWith("W") ? "warning" : "error", explanation });
}

const BY_CODE: ReadonlyMap<string, CodeInfo> = (() => {
  const map = new Map<string, CodeInfo>();
  for (const [name, entry] of Object.entries(TABLE) as [string, Entry][]) {
    const info = buildInfo(name, entry);
    if (map.has(info.code)) throw new Error(`diagnostic code ${info.code} is registered twice`);
    map.set(info.code, info);
  }
  return map;
})();

/** The registry entry of a code, or undefined for a code nobody registered. */
export function codeInfo(code: string): CodeInfo | undefined {
  return BY_CODE.get(code);
}

/** The stable kebab-case key of a code, or undefined for an unregistered code. */
export function codeKey(code: string): string | undefined {
  return BY_CODE.get(code)?.key;
}

/** The registry entries with this key: the error first, then its warning twin if any. */
export function codesByKey(key: string): readonly CodeInfo[] {
  return allCodes().filter((info) => info.key === key);
}

/** Every registry entry, ordered by number and then E before W (for docs and `termsheet explain`). */
export function allCodes(): readonly CodeInfo[] {
  return [...BY_CODE.values()].sort((a, b) => compareStrings(a.code.slice(1), b.code.slice(1)) || compareStrings(a.code, b.code));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The optional parts of a diagnostic that `diag()` accepts; undefined members are left out. */
export interface DiagExtras {
  readonly context?: readonly string[] | undefined;
  readonly labels?: readonly Label[] | undefined;
  readonly notes?: readonly string[] | undefined;
  readonly hint?: string | undefined;
}

/** Builds a Diagnostic with the registry's severity for `code`; absent or empty extras are omitted. */
export function diag(code: Code, span: Span, message: string, extras: DiagExtras = {}): Diagnostic {
  const info = BY_CODE.get(code);
  const result: {
    code: string;
    severity: Severity;
    message: string;
    span: Span;
    context?: readonly string[];
    labels?: readonly Label[];
    notes?: readonly string[];
    hint?: string;
  } = { code, severity: info?.severity ?? "error", message: escapeUnprintable(message), span };
  // Messages quote source text (a title, a character); what would not print as itself is written as an escape.
  if (extras.context !== undefined && extras.context.length > 0) result.context = extras.context.map(escapeUnprintable);
  if (extras.labels !== undefined && extras.labels.length > 0) {
    result.labels = extras.labels.map((l) => ({ ...l, message: escapeUnprintable(l.message) }));
  }
  if (extras.notes !== undefined && extras.notes.length > 0) result.notes = extras.notes.map(escapeUnprintable);
  if (extras.hint !== undefined && extras.hint !== "") result.hint = escapeUnprintable(extras.hint);
  return result;
}
