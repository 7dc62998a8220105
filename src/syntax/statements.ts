/**
 * The statement registry: what the compiler knows of each kind of statement, written once. Per statement rule of
 * the grammar (grammar/*.ts, in the order of `statement`'s alternatives): its phrase, the words that start it, as
 * a syntax error's context path says it, and what a syntax error inside it expects, with an example. Per statement
 * kind of the syntax tree: the rules that read it, its label in the checker's messages, where it may stand and how
 * often (once, or many times), the declarations that require it, and the clause of the readable contract it is
 * stated in. syntax/messages.ts, check/names.ts and backends/legal/source-lines.ts read these tables; a new
 * statement adds its rule to the grammar and its entry here (test/syntax/statements.test.ts checks they agree).
 */
import type { DeclarationKind, Statement } from "./ast.js";

export type StatementKind = Statement["kind"];
/** Where a statement can stand: in a declaration, or inside an index's `source { … }` block. */
export type Scope = DeclarationKind | "source";
/** How often a statement may appear where it is allowed (per slot, without `effective` ranges). */
export type Occurrence = "once" | "many";

/** What a syntax error inside a rule says it expected (`what`) and, as a hint, an example. */
export interface RuleText {
  readonly what: string;
  readonly example?: string;
}

/** A statement rule of the grammar. */
export interface StatementRuleEntry {
  /** The words that start the statement, for the context path of a syntax error ("final settlement"). */
  readonly phrase: string;
  /** What a syntax error inside the rule expected, and an example. */
  readonly syntax?: RuleText;
}

/** Where an index-level contingency (issue 15) stands and the clause it is stated in, and an example of one. */
const CONTINGENCY = { occurs: { index: "once" }, clause: { index: "minimum sources" } } as const;
const FLAG_EXAMPLE = 'for example `carry forward the last published value, flagged "carried forward"`';

/** The statement rules, in the order of `statement`'s alternatives (the order matters: it is the grammar's). */
export const STATEMENT_RULES = {
  // Calendars.
  timeZoneStmt: { phrase: "time zone" },
  weekendStmt: { phrase: "weekend" },
  holidayStmt: { phrase: "holiday" },
  jointStmt: {
    phrase: "business day",
    syntax: { what: "`all of` or `any of`", example: "for example `business day in all of NYSE, ENGLAND_WALES`" },
  },
  basedOnStmt: { phrase: "based on" },
  // Indices.
  administratorStmt: { phrase: "administrator" },
  quotedStmt: { phrase: "quoted", syntax: { what: "a unit", example: "for example `quoted in USD per 1M tokens`" } },
  methodologyStmt: { phrase: "methodology" },
  sourceStmt: { phrase: "source", syntax: { what: "a source", example: 'for example `source OPENAI "OpenAI list price" { … }`' } },
  priorityListStmt: {
    phrase: "priority list",
    syntax: { what: "a quoted name", example: 'for example `models "gpt-5", "gpt-4.1"`, in priority order' },
  },
  weightStmt: { phrase: "weight" },
  blendStmt: { phrase: "blend", syntax: { what: "a blend", example: "for example `blend input 1, output 3`" } },
  windowStmt: { phrase: "window" },
  partitionStmt: {
    phrase: "partition",
    syntax: { what: "a partition", example: "for example `partition into 12 intervals of 5 minutes`" },
  },
  emptyIntervalsStmt: {
    phrase: "empty intervals",
    syntax: { what: "a policy", example: "for example `empty intervals skip` or `empty intervals fail`" },
  },
  aggregateStmt: {
    phrase: "aggregate",
    syntax: { what: "what to aggregate", example: "for example `aggregate trades by vwap` or `aggregate sources by median`" },
  },
  excludeStmt: {
    phrase: "exclude",
    syntax: {
      what: "an exclusion rule",
      example:
        "for example `exclude sources deviating more than 5% from the median of the others`, `exclude sources stale for more than 30 minutes` or `exclude trades with volume below 0.01`",
    },
  },
  minimumStmt: {
    phrase: "minimum",
    syntax: { what: "`sources` or `trades`", example: "for example `minimum sources 3` or `minimum trades 1 per interval`" },
  },
  flagBelowStmt: {
    phrase: "flagged below",
    syntax: { what: "a number of sources", example: "for example `flagged below 3 sources`" },
  },
  indexCarryForwardStmt: { phrase: "carry forward", syntax: { what: "the words and a flag", example: FLAG_EXAMPLE } },
  degradationStmt: {
    phrase: "degradation rule",
    syntax: { what: "a degradation rule", example: "for example `with 3 to 4 sources use mean` or `with 5 or more sources use median`" },
  },
  extremeMovesStmt: {
    phrase: "extreme moves",
    syntax: { what: "an extreme-move rule", example: "for example `extreme moves above 20% held`" },
  },
  roundStmt: { phrase: "round", syntax: { what: "a rounding", example: "for example `round to 0.01 half-even`, or `unrounded`" } },
  publishStmt: {
    phrase: "publish",
    syntax: {
      what: "a publication schedule",
      example:
        "for example `publish every calendar day at 16:00 Europe/London` or `publish on business days of NYSE at 16:00 America/New_York`",
    },
  },
  restateStmt: {
    phrase: "restate",
    syntax: { what: "a restatement policy", example: "for example `restate never` or `restate same day if change exceeds 0.10%`" },
  },
  sampleStmt: {
    phrase: "sample",
    syntax: {
      what: "a sampling rule",
      example: "for example `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`",
    },
  },
  // Contracts.
  underlyingStmt: {
    phrase: "underlying",
    syntax: { what: "the underlying", example: "for example `underlying AITOK_OUT` or `underlying future FOTI`" },
  },
  contractUnitStmt: {
    phrase: "contract unit",
    syntax: { what: "a contract unit", example: "for example `contract unit 1000 million tokens`" },
  },
  tickStmt: { phrase: "tick", syntax: { what: "a tick size", example: "for example `tick 0.01 USD per 1M tokens`" } },
  listingStmt: {
    phrase: "listing",
    syntax: { what: "a listing cycle", example: "for example `listing 6 consecutive months plus the nearest 2 months in December`" },
  },
  lastTradingDayStmt: {
    phrase: "last trading day",
    syntax: {
      what: "a date rule",
      example: "for example `last trading day is the last Friday of the contract month, adjusted preceding on NYSE`",
    },
  },
  expiryStmt: {
    phrase: "expiry",
    syntax: {
      what: "an expiry",
      example: "for example `expiry with the underlying` or `expiry 1 business day before the underlying on NYSE`",
    },
  },
  terminationStmt: {
    phrase: "trading terminates",
    syntax: { what: "a time and zone", example: "for example `trading terminates at 16:00 Europe/London`" },
  },
  finalSettlementStmt: {
    phrase: "final settlement",
    syntax: {
      what: "a final settlement",
      example: "for example `final settlement in cash at INDEX at 16:00 Europe/London on the last trading day, rounded to 0.01 half-even`",
    },
  },
  dailySettlementStmt: {
    phrase: "daily settlement",
    syntax: {
      what: "a numbered step, or `}`",
      example: "for example `1. vwap of trades from 14:59 inclusive to 15:00 exclusive America/Chicago`",
    },
  },
  priceLimitsStmt: {
    phrase: "price limits",
    syntax: { what: "a price limit", example: "for example `price limits 7%, 13%, 20% of the prior settlement`" },
  },
  positionLimitStmt: {
    phrase: "position limit",
    syntax: { what: "a position limit", example: "for example `position limit 1000 contracts in the spot month`" },
  },
  fallbackStmt: {
    phrase: "fallback",
    syntax: {
      what: "`disruption if …`, a numbered step, or `}`",
      example: "for example `disruption if not-published by 17:00 Europe/London` or `1. postpone up to 2 business days on NYSE`",
    },
  },
  optionTypeStmt: { phrase: "type", syntax: { what: "an option type", example: "for example `type call, put`" } },
  exerciseStmt: { phrase: "exercise", syntax: { what: "an exercise style", example: "for example `exercise european`" } },
  autoExerciseStmt: {
    phrase: "automatic exercise",
    syntax: { what: "a threshold", example: "for example `automatic exercise when in the money by at least 0.01 USD per 1M tokens`" },
  },
  strikesStmt: { phrase: "strikes", syntax: { what: "a strike grid", example: "for example `strikes every 0.05 USD per 1M tokens`" } },
  legStmt: {
    phrase: "leg",
    syntax: {
      what: "a leg or the leg prices",
      example:
        "for example `leg buy 1 FOTI`, `leg sell 1 FOTI 1 month later` or `leg prices from the prior daily settlement price of the near leg`",
    },
  },
  negativePricesStmt: { phrase: "negative prices", syntax: { what: "`negative prices allowed`" } },
  paymentStmt: {
    phrase: "payment",
    syntax: { what: "a payment day", example: "for example `payment 1 business day after the final settlement day on EUREX`" },
  },
  paymentAmountsStmt: {
    phrase: "payment amounts",
    syntax: { what: "a rounding of payment amounts", example: "for example `payment amounts rounded to 0.01 half-up`" },
  },
  tradingHoursStmt: {
    phrase: "trading hours",
    syntax: { what: "trading hours", example: "for example `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago`" },
  },
  earlyCloseStmt: {
    phrase: "early close",
    syntax: { what: "an early close", example: 'for example `early close "Christmas Eve" at 12:15 on 24 December`' },
  },
  indexLicenceStmt: {
    phrase: "index licence",
    syntax: { what: "an index licence", example: 'for example `index licence BTC_REF from "Termsheet Benchmarks Ltd."`' },
  },
  indexDisclaimerStmt: {
    phrase: "index disclaimer",
    syntax: {
      what: "an index disclaimer",
      example: 'for example `index disclaimer "Neither the Exchange nor the administrator guarantees …"`',
    },
  },
  fixingTickStmt: {
    phrase: "fixings of",
    syntax: {
      what: "how fixings meet the tick",
      example: "`fixings of BTC_REF on the tick` or `fixings of BTC_REF rounded to the tick half-up`",
    },
  },
  versionsSelectedStmt: {
    phrase: "rule versions selected by",
    syntax: {
      what: "what selects the rule versions",
      example:
        "`rule versions selected by the contract month`, `rule versions selected by the last trading day` or `rule versions selected by the listing date`",
    },
  },
} as const satisfies Record<string, StatementRuleEntry>;

export type StatementRule = keyof typeof STATEMENT_RULES;

type Of<K extends StatementKind> = Extract<Statement, { kind: K }>;
/** A word of the readable contract that may depend on the statement (a tick's variant, an aggregation's level). */
type Worded<K extends StatementKind> = string | ((s: Of<K>) => string);

/** A kind of statement of the syntax tree. */
export interface StatementEntry<K extends StatementKind> {
  /** The grammar rules that produce it. */
  readonly rules: readonly StatementRule[];
  /** Its phrase in the checker's messages ("trading terminates"); it may depend on where it stands. */
  readonly phrase: string | ((scope: Scope | undefined) => string);
  /** Its label when the statement says more than its phrase (`holiday "Good Friday"`, `aggregate trades`). */
  readonly label?: (s: Of<K>) => string;
  /** Where it may stand, and how often; anywhere else it is E2011. */
  readonly occurs: Partial<Record<Scope, Occurrence>>;
  /** The clause of the readable contract that states it, by what it stands in (backends/legal keys clauses so). */
  readonly clause?: { readonly contract?: Worded<K>; readonly index?: Worded<K> };
}

const contracts = (o: Occurrence): Partial<Record<Scope, Occurrence>> => ({ future: o, option: o, spread: o });

/** The statement kinds, each with what the compiler knows of it. */
export const STATEMENTS: { readonly [K in StatementKind]: StatementEntry<K> } = {
  // Calendars.
  TimeZone: {
    rules: ["timeZoneStmt"],
    phrase: "time zone",
    occurs: { calendar: "once", index: "once", ...contracts("once") },
    clause: { index: "time zone" },
  },
  Weekend: { rules: ["weekendStmt"], phrase: "weekend", occurs: { calendar: "once" } },
  Holiday: {
    rules: ["holidayStmt"],
    phrase: "holiday",
    label: (s) => (s.name ? `holiday "${s.name.value}"` : "holiday"),
    occurs: { calendar: "many" },
  },
  Joint: { rules: ["jointStmt"], phrase: "business day", label: (s) => `business day in ${s.mode} of`, occurs: { calendar: "once" } },
  BasedOn: { rules: ["basedOnStmt"], phrase: "based on", occurs: { calendar: "once" } },
  // Indices.
  Administrator: { rules: ["administratorStmt"], phrase: "administrator", occurs: { index: "once" }, clause: { index: "administrator" } },
  Quoted: {
    rules: ["quotedStmt"],
    phrase: (scope) => (scope === "future" || scope === "option" || scope === "spread" ? "price quoted in" : "quoted in"),
    occurs: { index: "once", source: "once", ...contracts("once") },
    clause: { contract: "price", index: "quoted" },
  },
  Methodology: { rules: ["methodologyStmt"], phrase: "methodology version", occurs: { index: "once" }, clause: { index: "methodology" } },
  Source: {
    rules: ["sourceStmt"],
    phrase: "source",
    label: (s) => (s.name ? `source ${s.name.name}` : "source"),
    occurs: { index: "many" },
    clause: { index: "sources" },
  },
  PriorityList: { rules: ["priorityListStmt"], phrase: "models", label: (s) => s.list, occurs: { source: "once" } },
  Weight: { rules: ["weightStmt"], phrase: "weight", occurs: { source: "once" } },
  Blend: { rules: ["blendStmt"], phrase: "blend", occurs: { source: "once" } },
  Window: { rules: ["windowStmt"], phrase: "window", occurs: { index: "once" }, clause: { index: "observation window" } },
  Partition: { rules: ["partitionStmt"], phrase: "partition", occurs: { index: "once" }, clause: { index: "partitions" } },
  EmptyIntervals: { rules: ["emptyIntervalsStmt"], phrase: "empty intervals", occurs: { index: "once" }, clause: { index: "partitions" } },
  Aggregate: {
    rules: ["aggregateStmt"],
    phrase: "aggregate",
    label: (s) => `aggregate ${s.level}`,
    occurs: { index: "once" },
    clause: {
      index: (s) =>
        s.level === "trades"
          ? "trades"
          : s.level === "intervals"
            ? "intervals"
            : s.level === "samples"
              ? "combination of samples"
              : "combination of sources",
    },
  },
  ExcludeDeviation: {
    rules: ["excludeStmt"],
    phrase: "exclude sources deviating",
    occurs: { index: "once" },
    clause: { index: "exclusions" },
  },
  ExcludeStale: { rules: ["excludeStmt"], phrase: "exclude sources stale", occurs: { index: "once" }, clause: { index: "exclusions" } },
  ExcludeTradesBelow: {
    rules: ["excludeStmt"],
    phrase: "exclude trades with volume below",
    occurs: { index: "once" },
    clause: { index: "trade qualification" },
  },
  ExcludeTradeJumps: {
    rules: ["excludeStmt"],
    phrase: "exclude trades deviating",
    occurs: { index: "once" },
    clause: { index: "trade qualification" },
  },
  ExcludeTradesWhere: {
    rules: ["excludeStmt"],
    phrase: "exclude trades flagged, of type, reversed, on a side or with a counterparty",
    label: (s) =>
      `exclude trades ${{ flagged: "flagged", type: "of type", reversed: "reversed", side: "on the side", counterparty: "with counterparty" }[s.test]}`,
    occurs: { index: "many" },
    clause: { index: "trade qualification" },
  },
  Minimum: {
    rules: ["minimumStmt"],
    phrase: "minimum",
    label: (s) => `minimum ${s.what}`,
    occurs: { index: "once" },
    clause: {
      index: (s) => (s.what === "sources" ? "minimum sources" : s.what === "counterparties" ? "trade qualification" : "partitions"),
    },
  },
  FlagBelow: { rules: ["flagBelowStmt"], phrase: "flagged below", ...CONTINGENCY },
  IndexCarryForward: { rules: ["indexCarryForwardStmt"], phrase: "carry forward", ...CONTINGENCY },
  Degradation: {
    rules: ["degradationStmt"],
    phrase: "degradation rule",
    occurs: { index: "many" },
    clause: { index: "combination of sources" },
  },
  ExtremeMoves: { rules: ["extremeMovesStmt"], phrase: "extreme moves", occurs: { index: "once" }, clause: { index: "extreme moves" } },
  Round: {
    rules: ["roundStmt"],
    phrase: "round",
    label: (s) => (s.rounding?.unrounded ? "unrounded" : "round"),
    occurs: { index: "once" },
    clause: { index: "rounding" },
  },
  Publish: { rules: ["publishStmt"], phrase: "publish", occurs: { index: "once" }, clause: { index: "publication" } },
  Restate: { rules: ["restateStmt"], phrase: "restate", occurs: { index: "once" }, clause: { index: "restatement" } },
  Sample: { rules: ["sampleStmt"], phrase: "sample", occurs: { index: "once" }, clause: { index: "samples" } },
  // Contracts.
  Underlying: {
    rules: ["underlyingStmt"],
    phrase: "underlying",
    occurs: { future: "once", option: "once" },
    clause: { contract: "underlying" },
  },
  ContractUnit: { rules: ["contractUnitStmt"], phrase: "contract unit", occurs: contracts("once"), clause: { contract: "contract unit" } },
  Tick: {
    rules: ["tickStmt"],
    phrase: "tick",
    label: (s) => (s.variant === "outright" ? "tick" : `${s.variant} tick`),
    occurs: contracts("once"),
    clause: { contract: (s) => tickClause(s.variant) },
  },
  Listing: { rules: ["listingStmt"], phrase: "listing", occurs: contracts("once"), clause: { contract: "listing" } },
  LastTradingDay: {
    rules: ["lastTradingDayStmt"],
    phrase: "last trading day",
    occurs: contracts("once"),
    clause: { contract: "last trading day" },
  },
  Expiry: { rules: ["expiryStmt"], phrase: "expiry", occurs: { option: "once" }, clause: { contract: "expiry" } },
  Termination: {
    rules: ["terminationStmt"],
    phrase: "trading terminates",
    occurs: contracts("once"),
    clause: { contract: "termination" },
  },
  FinalSettlement: {
    rules: ["finalSettlementStmt"],
    phrase: "final settlement",
    occurs: contracts("once"),
    clause: { contract: "final settlement" },
  },
  DailySettlement: {
    rules: ["dailySettlementStmt"],
    phrase: "daily settlement",
    occurs: contracts("once"),
    clause: { contract: "daily settlement" },
  },
  PriceLimits: { rules: ["priceLimitsStmt"], phrase: "price limits", occurs: contracts("once"), clause: { contract: "price limits" } },
  DynamicPriceLimits: {
    rules: ["priceLimitsStmt"],
    phrase: "dynamic price limits",
    occurs: { future: "once" },
    clause: { contract: "dynamic price limits" },
  },
  PositionLimit: {
    rules: ["positionLimitStmt"],
    phrase: "position limit",
    occurs: contracts("once"),
    clause: { contract: "position limits" },
  },
  Fallback: { rules: ["fallbackStmt"], phrase: "fallback", occurs: contracts("once"), clause: { contract: "fallback" } },
  OptionType: { rules: ["optionTypeStmt"], phrase: "type", occurs: { option: "once" }, clause: { contract: "rights" } },
  Exercise: { rules: ["exerciseStmt"], phrase: "exercise", occurs: { option: "once" }, clause: { contract: "exercise" } },
  AutoExercise: {
    rules: ["autoExerciseStmt"],
    phrase: "automatic exercise",
    occurs: { option: "once" },
    clause: { contract: "automatic exercise" },
  },
  Strikes: { rules: ["strikesStmt"], phrase: "strikes", occurs: { option: "once" }, clause: { contract: "strikes" } },
  StrikeListing: {
    rules: ["strikesStmt"],
    phrase: "strikes listed",
    occurs: { option: "many" },
    clause: { contract: "strike listing" },
  },
  Leg: { rules: ["legStmt"], phrase: "leg", occurs: { spread: "many" }, clause: { contract: "legs" } },
  LegPricing: { rules: ["legStmt"], phrase: "leg prices", occurs: { spread: "once" }, clause: { contract: "leg prices" } },
  NegativePrices: {
    rules: ["negativePricesStmt"],
    phrase: "negative prices allowed",
    occurs: { future: "once", spread: "once" },
    clause: { contract: "negative prices" },
  },
  Payment: { rules: ["paymentStmt"], phrase: "payment", occurs: contracts("once"), clause: { contract: "payment" } },
  PaymentAmounts: {
    rules: ["paymentAmountsStmt"],
    phrase: "payment amounts",
    occurs: contracts("once"),
    clause: { contract: "payment amounts" },
  },
  TradingHours: { rules: ["tradingHoursStmt"], phrase: "trading hours", occurs: contracts("once"), clause: { contract: "trading hours" } },
  SessionChange: {
    rules: ["earlyCloseStmt", "tradingHoursStmt"],
    phrase: "early close",
    label: (s) => {
      const what = s.closes === undefined ? "trading closed" : "early close";
      return s.name ? `${what} "${s.name.value}"` : what;
    },
    occurs: contracts("many"),
    clause: { contract: "trading hours" },
  },
  IndexLicence: { rules: ["indexLicenceStmt"], phrase: "index licence", occurs: contracts("once"), clause: { contract: "index licence" } },
  IndexDisclaimer: {
    rules: ["indexDisclaimerStmt"],
    phrase: "index disclaimer",
    occurs: contracts("once"),
    clause: { contract: "index disclaimer" },
  },
  VersionsSelected: {
    rules: ["versionsSelectedStmt"],
    phrase: "rule versions selected by",
    occurs: contracts("once"),
    clause: { contract: "rule versions" },
  },
  FixingTick: {
    rules: ["fixingTickStmt"],
    phrase: "fixings of",
    occurs: { future: "once" },
    clause: { contract: "fixings on the tick" },
  },
};

/** The clause of the readable contract that states a tick of a variant: "tick", "spread tick", "premium tick". */
export function tickClause(variant: "outright" | "spread" | "premium"): string {
  return variant === "outright" ? "tick" : `${variant} tick`;
}

/** A statement kind's entry, typed for any statement (the one place the kind and its entry are tied). */
function entryOf(kind: StatementKind): StatementEntry<StatementKind> {
  return STATEMENTS[kind] as unknown as StatementEntry<StatementKind>;
}

/** A statement kind's phrase where it stands ("price quoted in" in a contract, "quoted in" in an index). */
export function statementPhrase(kind: StatementKind, scope?: Scope): string {
  const phrase = entryOf(kind).phrase;
  return typeof phrase === "string" ? phrase : phrase(scope);
}

/** The label of a statement in messages and context paths, e.g. "last trading day", `holiday "Good Friday"`. */
export function statementLabel(s: Statement, scope?: Scope): string {
  const label = entryOf(s.kind).label;
  return label === undefined ? statementPhrase(s.kind, scope) : label(s);
}

/** How often a statement kind may appear in a scope; undefined where it is not allowed. */
export function occurrence(kind: StatementKind, scope: Scope): Occurrence | undefined {
  return entryOf(kind).occurs[scope];
}

/** The scopes that allow a statement kind, in the order of SCOPES. */
export function scopesAllowing(kind: StatementKind): Scope[] {
  return SCOPES.filter((scope) => occurrence(kind, scope) !== undefined);
}

/** Every scope, in the order messages list them. */
export const SCOPES: readonly Scope[] = ["calendar", "index", "source", "future", "option", "spread"];

/** The clause of the readable contract that states every statement of a kind, when it does not depend on the statement. */
export function clauseOf(kind: StatementKind, family: "contract" | "index"): string | undefined {
  const clause = entryOf(kind).clause?.[family];
  return typeof clause === "string" ? clause : undefined;
}

/** The clause of the readable contract that states a statement of a contract or an index, if any. */
export function statementClause(s: Statement, family: "contract" | "index"): string | undefined {
  const clause = entryOf(s.kind).clause?.[family];
  return clause === undefined || typeof clause === "string" ? clause : clause(s);
}

/** Tick variants each contract kind allows: a premium tick belongs to options, a spread tick to futures and spreads. */
export const TICK_VARIANTS: Readonly<Partial<Record<Scope, readonly string[]>>> = {
  future: ["outright", "spread"],
  option: ["outright", "premium"],
  spread: ["outright", "spread"],
};

/**
 * A statement a declaration requires (E2009): its kind, an example for the note, the clause's name in the message
 * when it is not the kind's phrase, and when it counts as present when that is not "a statement of the kind is".
 */
export interface Requirement {
  readonly kind: StatementKind;
  readonly example: string;
  readonly clause?: string;
  readonly present?: (stmts: readonly Statement[]) => boolean;
}

/** The statements each declaration requires, in the order the message lists the missing ones. */
export const REQUIRED: Readonly<Record<DeclarationKind, readonly Requirement[]>> = {
  calendar: [
    // A joint calendar can take its members' zone; any other calendar must say where its days are.
    {
      kind: "TimeZone",
      example: "time zone America/New_York",
      present: (ss) => ss.some((s) => s.kind === "TimeZone" || s.kind === "Joint"),
    },
  ],
  index: [
    { kind: "Quoted", example: "quoted in USD per 1M tokens" },
    { kind: "Aggregate", example: "aggregate sources by median" },
    { kind: "Round", example: "round to 0.01 half-even (or: unrounded)" },
    { kind: "Publish", example: "publish every calendar day at 16:00 Europe/London" },
  ],
  future: [
    { kind: "Underlying", example: "underlying AITOK_OUT" },
    { kind: "ContractUnit", example: "contract unit 1000 million tokens" },
    { kind: "Quoted", example: "price quoted in USD per 1M tokens" },
    {
      kind: "Tick",
      example: "tick 0.01 USD per 1M tokens",
      present: (ss) => ss.some((s) => s.kind === "Tick" && s.variant === "outright"),
    },
    { kind: "LastTradingDay", example: "last trading day is the last Friday of the contract month, adjusted preceding on NYSE" },
    { kind: "Termination", example: "trading terminates at 16:00 Europe/London" },
    {
      kind: "FinalSettlement",
      example: "final settlement in cash at AITOK_OUT at 16:00 Europe/London on the last trading day, rounded to 0.01 half-even",
    },
  ],
  option: [
    { kind: "Underlying", example: "underlying future FOTI" },
    { kind: "OptionType", example: "type call, put" },
    { kind: "Exercise", example: "exercise european" },
    { kind: "Strikes", example: "strikes every 0.05 USD per 1M tokens" },
    {
      kind: "Tick",
      clause: "premium tick",
      example: "premium tick 0.001 USD per 1M tokens",
      present: (ss) => ss.some((s) => s.kind === "Tick" && (s.variant === "premium" || s.variant === "outright")),
    },
    {
      kind: "Expiry",
      example: "expiry with the underlying",
      present: (ss) => ss.some((s) => s.kind === "Expiry" || s.kind === "LastTradingDay"),
    },
    { kind: "FinalSettlement", example: "final settlement in cash at the final settlement price of FOTI, unrounded" },
  ],
  spread: [],
};

/** Whether a declaration's statements satisfy a requirement. */
export function requirementMet(r: Requirement, stmts: readonly Statement[]): boolean {
  return r.present === undefined ? stmts.some((s) => s.kind === r.kind) : r.present(stmts);
}
