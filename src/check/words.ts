/**
 * The enumerated words of the language, in one place: weekdays, months, rounding modes, business-day
 * conventions, aggregation methods and the other closed vocabularies that the parser reads as plain identifiers.
 * Each vocabulary is a {@link WordSet} mapping the words as written to typed values; `word()` validates an
 * identifier against a set and reports E2007 unknown-word with a did-you-mean hint (or E2012 not-supported for a
 * reserved word such as `physical`). Checkers call the typed helpers (`weekday`, `roundingMode`, …), which return
 * the value or undefined, and return undefined without reporting when the identifier itself is missing or empty
 * (error recovery made it, and the parser already reported why).
 *
 * Who validates which words, so each one is reported once: calendars.ts (through lower-calendar.ts) validates
 * the words of calendar declarations and of `last trading day` date rules; the index, contract and fallback
 * checkers validate the words of their own clauses. names.ts validates names, not words.
 */
import type { Ident } from "../syntax/ast.js";
import { Codes, diag, hintFor } from "../diagnostics/index.js";
import type { Report } from "./program.js";
import type { RoundingMode } from "../runtime/numbers/decimal.js";
import type { BusinessDayConvention } from "../runtime/calendar/index.js";
import { SYNONYMS } from "../syntax/first-mistakes.js";

/** A closed vocabulary: what it is called in messages, and each accepted word with its value. */
export interface WordSet<T> {
  /** A noun phrase for messages, e.g. "weekday" or "rounding mode". */
  readonly what: string;
  /** Accepted words (case-sensitive) and their values, in the order they are listed in messages. */
  readonly words: readonly (readonly [word: string, value: T])[];
  /** Words the language reserves but the compiler does not support yet, with a note on what to write instead. */
  readonly unsupported?: readonly (readonly [word: string, note: string])[];
}

/** Where a word occurs, for the diagnostic's context path (e.g. ["future FOTI", "last trading day"]). */
export type WordContext = readonly string[];

function set<T>(what: string, words: readonly (readonly [string, T])[], unsupported?: readonly (readonly [string, string])[]): WordSet<T> {
  return unsupported === undefined ? { what, words } : { what, words, unsupported };
}

const same = <T extends string>(...ws: readonly T[]): readonly (readonly [T, T])[] => ws.map((w) => [w, w] as const);

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS: WordSet<number> = set("weekday", [
  ["Monday", 1],
  ["Tuesday", 2],
  ["Wednesday", 3],
  ["Thursday", 4],
  ["Friday", 5],
  ["Saturday", 6],
  ["Sunday", 7],
]);

/** Month numbers 1–12. */
export const MONTHS: WordSet<number> = set("month", [
  ["January", 1],
  ["February", 2],
  ["March", 3],
  ["April", 4],
  ["May", 5],
  ["June", 6],
  ["July", 7],
  ["August", 8],
  ["September", 9],
  ["October", 10],
  ["November", 11],
  ["December", 12],
]);

/** Rounding modes; the language's `half-toward-prior` is the runtime's `half-toward-reference` (ties toward the prior settlement). */
export const ROUNDING_MODE_WORDS: WordSet<RoundingMode> = set("rounding mode", [
  ["half-up", "half-up"],
  ["half-even", "half-even"],
  ["half-down", "half-down"],
  ["down", "down"],
  ["up", "up"],
  ["floor", "floor"],
  ["ceiling", "ceiling"],
  ["half-toward-prior", "half-toward-reference"],
]);

/** ISDA business-day conventions, spelled as the runtime spells them. */
export const CONVENTIONS: WordSet<BusinessDayConvention> = set(
  "business-day convention",
  same("following", "modified-following", "preceding", "modified-preceding", "unadjusted"),
);

/** The aggregation methods of `aggregate … by` and `use` in degradation rules. */
export type AggregationMethod =
  "median" | "mean" | "vwap" | "vtwap" | "volume-weighted-median" | "trimmed-mean" | "capped-median" | "weighted-mean";
/** Aggregation methods. */
export const AGGREGATION_METHODS: WordSet<AggregationMethod> = set(
  "aggregation method",
  same("median", "mean", "vwap", "vtwap", "volume-weighted-median", "trimmed-mean", "capped-median", "weighted-mean"),
);

/** What a volume-weighted median does at exactly half of the cumulative volume. */
export type ExactHalfConvention = "first-reaching-half" | "mean-of-straddling";
/** Exact-half conventions of `exact half …`. */
export const EXACT_HALF_CONVENTIONS: WordSet<ExactHalfConvention> = set(
  "exact-half convention",
  same("first-reaching-half", "mean-of-straddling"),
);

/** Bases of `weighted by …`. */
export type WeightingBasis = "volume" | "expenditure" | "fixed";
/** Weighting bases. */
export const WEIGHTING_BASES: WordSet<WeightingBasis> = set("weighting basis", same("volume", "expenditure", "fixed"));

/** Policies of `empty intervals …`. */
export type EmptyIntervalPolicy = "skip" | "fail";
/** Empty-interval policies. */
export const EMPTY_INTERVAL_POLICIES: WordSet<EmptyIntervalPolicy> = set("empty-interval policy", same("skip", "fail"));

/** Actions of `extreme moves above x% …`: publish and flag, or hold for review. */
export type ExtremeMoveAction = "flagged" | "held";
/** Extreme-move actions. */
export const EXTREME_MOVE_ACTIONS: WordSet<ExtremeMoveAction> = set("extreme-move action", same("flagged", "held"));

/** Kinds of `disruption if …` and of a fallback step's `for …` list. */
export type DisruptionKind = "not-published" | "too-few-sources" | "stale" | "ceased" | "methodology-changed" | "holiday" | "flagged";
/** Disruption kinds. */
export const DISRUPTION_KINDS: WordSet<DisruptionKind> = set(
  "disruption",
  same("not-published", "too-few-sources", "stale", "ceased", "methodology-changed", "holiday", "flagged"),
);

/** Parties of `determined by the …`. */
export type DeterminationParty = "exchange" | "calculation-agent";
/** Determination parties. */
export const DETERMINATION_PARTIES: WordSet<DeterminationParty> = set("determining party", same("exchange", "calculation-agent"));

/**
 * Settlement methods of `final settlement in …`: `cash`, or `futures` (an option on a future exercised into a position
 * in the expiring future at the strike); physical delivery is reserved for later.
 */
export type SettlementMethod = "cash" | "futures";
/** Settlement methods. */
export const SETTLEMENT_METHODS: WordSet<SettlementMethod> = set("settlement method", same("cash", "futures"), [
  ["physical", "physical delivery is not supported yet; settle in cash, or an option on a future in futures"],
]);

/** Exercise styles of `exercise …`; only European exercise is supported. */
export type ExerciseStyle = "european";
/** Exercise styles. */
export const EXERCISE_STYLES: WordSet<ExerciseStyle> = set("exercise style", same("european"), [
  ["american", "American exercise is not supported yet; only european options can be written"],
  ["bermudan", "Bermudan exercise is not supported yet; only european options can be written"],
]);

/** Option rights of `type …`. */
export type OptionRight = "call" | "put";
/** Option rights. */
export const OPTION_RIGHTS: WordSet<OptionRight> = set("option type", same("call", "put"));

/** Sides of `leg …`. */
export type LegSide = "buy" | "sell";
/** Leg sides. */
export const LEG_SIDES: WordSet<LegSide> = set("leg side", same("buy", "sell"));

/** The anchor leg of `leg prices from the prior daily settlement price of the near|far leg`. */
export type AnchorLeg = "near" | "far";
/** Anchor legs. */
export const ANCHOR_LEGS: WordSet<AnchorLeg> = set("anchor leg", same("near", "far"));

/** Units of a duration, singular or plural, with their length in seconds. */
export type DurationUnit = "second" | "minute" | "hour" | "day";
/** Duration units; `business days` are days counted on a calendar (see {@link durationUnit}). */
export const DURATION_UNITS: WordSet<DurationUnit> = set("unit of time", [
  ["seconds", "second"],
  ["second", "second"],
  ["minutes", "minute"],
  ["minute", "minute"],
  ["hours", "hour"],
  ["hour", "hour"],
  ["days", "day"],
  ["day", "day"],
]);

/** Seconds in one duration unit (a calendar day is 86 400 s of elapsed time only for non-business durations). */
export { SECONDS_PER_UNIT } from "../model/invariants.js";

/** Periods of a listing cycle: `6 consecutive months`, `4 consecutive weeks`. */
export type ListingPeriod = "months" | "weeks";
/** Listing periods. */
export const LISTING_PERIODS: WordSet<ListingPeriod> = set("listing period", same("months", "weeks"));

/** The word of `the nearest N months in …` (an identifier to the parser). */
export const NEAREST_WORD: WordSet<"nearest"> = set("listing word", same("nearest"));
/** The word of `N additional months in …` (an identifier to the parser). */
export const ADDITIONAL_WORD: WordSet<"additional"> = set("listing word", same("additional"));
/** The three words of `new contracts listed every …` (identifiers to the parser), in order. */
export const LISTING_TIME_WORDS: readonly WordSet<string>[] = [
  set("listing word", same("new")),
  set("listing word", same("contracts")),
  set("listing word", same("listed")),
];

/** The words `not listed when not a business day` takes as identifiers: `not`, `listed`, then `not`, `a`. */
export const NOT_LISTED_WORDS: readonly WordSet<string>[] = [
  set("word", same("not")),
  set("word", same("listed")),
  set("word", same("not")),
  set("word", same("a")),
];

/** Ordinals of nth-weekday and nth-business-day rules; `last` is -1. The parser only accepts these words. */
export const ORDINALS: WordSet<number> = set("ordinal", [
  ["first", 1],
  ["second", 2],
  ["third", 3],
  ["fourth", 4],
  ["fifth", 5],
  ["last", -1],
]);

/** What a daily settlement price beyond the last price limit becomes (`beyond the last limit clamped|flagged`). */
export type PriceLimitBreach = "clamp" | "flag";

/** `clamped`: settled at the limit it crossed; `flagged`: settled as computed, flagged in the certificate. */
export const PRICE_LIMIT_BREACHES: WordSet<PriceLimitBreach> = set("price-limit breach", [
  ["clamped", "clamp"],
  ["flagged", "flag"],
]);

/** The words of dynamic price limits (`price limits dynamic …, halting 2 minutes`) and their units of time. */
export const DYNAMIC_WORDS: WordSet<"dynamic"> = set("word after `price limits`", [["dynamic", "dynamic"]]);
export const HALTING_WORDS: WordSet<"halting"> = set("word before the length of the halt", [["halting", "halting"]]);
export const CLOCK_DURATION_UNITS: WordSet<"second" | "minute" | "hour"> = set("unit of time on the clock", [
  ["seconds", "second"],
  ["second", "second"],
  ["minutes", "minute"],
  ["minute", "minute"],
  ["hours", "hour"],
  ["hour", "hour"],
]);

/** The words of a strike listing tier: `strikes listed every …`, `in the nearest N months`. */
export const STRIKES_LISTED: WordSet<"listed"> = set("word after `strikes`", [["listed", "listed"]]);
export const NEAREST_MONTHS: WordSet<"nearest"> = set("word before the number of months", [["nearest", "nearest"]]);

/** The month a deferred month's net change comes from (`net change of the preceding month`). */
export const NET_CHANGE_MONTHS: WordSet<"preceding"> = set("month of the strip", [["preceding", "preceding"]]);

/** A price-limit breach word (`clamped`, `flagged`). */
export function priceLimitBreach(ident: Ident | undefined, report: Report, context: WordContext = []): PriceLimitBreach | undefined {
  return word(PRICE_LIMIT_BREACHES, ident, report, context);
}

/** Every vocabulary by a short name, for tooling (editor completion, docs). */
export const WORD_SETS = {
  weekday: WEEKDAYS,
  month: MONTHS,
  roundingMode: ROUNDING_MODE_WORDS,
  convention: CONVENTIONS,
  aggregationMethod: AGGREGATION_METHODS,
  exactHalf: EXACT_HALF_CONVENTIONS,
  weightingBasis: WEIGHTING_BASES,
  emptyIntervalPolicy: EMPTY_INTERVAL_POLICIES,
  extremeMoveAction: EXTREME_MOVE_ACTIONS,
  disruptionKind: DISRUPTION_KINDS,
  determinationParty: DETERMINATION_PARTIES,
  settlementMethod: SETTLEMENT_METHODS,
  exerciseStyle: EXERCISE_STYLES,
  optionRight: OPTION_RIGHTS,
  legSide: LEG_SIDES,
  anchorLeg: ANCHOR_LEGS,
  durationUnit: DURATION_UNITS,
  listingPeriod: LISTING_PERIODS,
  ordinal: ORDINALS,
  priceLimitBreach: PRICE_LIMIT_BREACHES,
  netChangeMonth: NET_CHANGE_MONTHS,
} as const;

/** The value of a word in a set, or undefined; never reports (for lookups after the checker has validated). */
export function lookupWord<T>(words: WordSet<T>, text: string): T | undefined {
  for (const [w, v] of words.words) if (w === text) return v;
  return undefined;
}

/** The accepted words of a set, in order. */
export function wordsOf(words: WordSet<unknown>): readonly string[] {
  return words.words.map(([w]) => w);
}

function listWords(ws: readonly string[]): string {
  const quoted = ws.map((w) => `\`${w}\``);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]!}`;
}

/** "a" or "an" before a noun phrase: "an exercise style", "a unit of time". */
export function article(phrase: string): "a" | "an" {
  return /^(?:[aeio]|u(?!ni|s[eu]))/i.test(phrase) ? "an" : "a";
}

/** "did you mean `mean`?" for a word people write instead of one of the language's (`avg`, `average`). */
function synonymHint(word: string, accepted: readonly string[]): string | undefined {
  const meant = Object.hasOwn(SYNONYMS, word.toLowerCase()) ? SYNONYMS[word.toLowerCase()] : undefined;
  return meant !== undefined && accepted.includes(meant) ? `did you mean \`${meant}\`?` : undefined;
}

/**
 * Validates an identifier against a vocabulary and returns its value. An unknown word is E2007 with a
 * did-you-mean hint (case differences included: `monday` suggests `Monday`) and a note listing the accepted
 * words; a reserved word is E2012 with its note. A missing identifier returns undefined silently.
 */
export function word<T>(words: WordSet<T>, ident: Ident | undefined, report: Report, context: WordContext = []): T | undefined {
  // A missing or empty identifier comes from error recovery; the parser has reported it.
  if (ident === undefined || ident.name === "") return undefined;
  const value = lookupWord(words, ident.name);
  if (value !== undefined) return value;
  const reserved = words.unsupported?.find(([w]) => w === ident.name);
  if (reserved !== undefined) {
    report(diag(Codes.NotSupported, ident.span, `${words.what} \`${ident.name}\` is not supported yet`, { context, notes: [reserved[1]] }));
    return undefined;
  }
  const accepted = wordsOf(words);
  const unique = [...new Set(accepted)];
  report(
    diag(Codes.UnknownWord, ident.span, `unknown ${words.what} \`${ident.name}\``, {
      context,
      hint: hintFor(ident.name, unique, { maxDistance: Math.max(2, Math.floor(ident.name.length / 3)) }) ?? synonymHint(ident.name, unique),
      notes: unique.length <= 12 ? [`${article(words.what)} ${words.what} is one of ${listWords(unique)}`] : undefined,
    }),
  );
  return undefined;
}

/** A weekday word as an ISO weekday number (1 = Monday … 7 = Sunday). */
export function weekday(ident: Ident | undefined, report: Report, context: WordContext = []): number | undefined {
  return word(WEEKDAYS, ident, report, context);
}

/** A month word as a month number (1 = January … 12 = December). */
export function month(ident: Ident | undefined, report: Report, context: WordContext = []): number | undefined {
  return word(MONTHS, ident, report, context);
}

/** A rounding-mode word as the runtime's RoundingMode (`half-toward-prior` → `half-toward-reference`). */
export function roundingMode(ident: Ident | undefined, report: Report, context: WordContext = []): RoundingMode | undefined {
  return word(ROUNDING_MODE_WORDS, ident, report, context);
}

/** A business-day convention word as the runtime's BusinessDayConvention. */
export function convention(ident: Ident | undefined, report: Report, context: WordContext = []): BusinessDayConvention | undefined {
  return word(CONVENTIONS, ident, report, context);
}

/** An aggregation method word. */
export function aggregationMethod(ident: Ident | undefined, report: Report, context: WordContext = []): AggregationMethod | undefined {
  return word(AGGREGATION_METHODS, ident, report, context);
}

/** An exact-half convention word (`first-reaching-half`, `mean-of-straddling`). */
export function exactHalf(ident: Ident | undefined, report: Report, context: WordContext = []): ExactHalfConvention | undefined {
  return word(EXACT_HALF_CONVENTIONS, ident, report, context);
}

/** A weighting basis word (`volume`, `expenditure`, `fixed`). */
export function weightingBasis(ident: Ident | undefined, report: Report, context: WordContext = []): WeightingBasis | undefined {
  return word(WEIGHTING_BASES, ident, report, context);
}

/** An empty-interval policy word (`skip`, `fail`). */
export function emptyIntervalPolicy(ident: Ident | undefined, report: Report, context: WordContext = []): EmptyIntervalPolicy | undefined {
  return word(EMPTY_INTERVAL_POLICIES, ident, report, context);
}

/** An extreme-move action word (`flagged`, `held`). */
export function extremeMoveAction(ident: Ident | undefined, report: Report, context: WordContext = []): ExtremeMoveAction | undefined {
  return word(EXTREME_MOVE_ACTIONS, ident, report, context);
}

/** A disruption kind word (`not-published`, `stale`, …). */
export function disruptionKind(ident: Ident | undefined, report: Report, context: WordContext = []): DisruptionKind | undefined {
  return word(DISRUPTION_KINDS, ident, report, context);
}

/** A determination party word (`exchange`, `calculation-agent`). */
export function determinationParty(ident: Ident | undefined, report: Report, context: WordContext = []): DeterminationParty | undefined {
  return word(DETERMINATION_PARTIES, ident, report, context);
}

/** A settlement method word; `physical` is reported as not supported yet (E2012). */
export function settlementMethod(ident: Ident | undefined, report: Report, context: WordContext = []): SettlementMethod | undefined {
  return word(SETTLEMENT_METHODS, ident, report, context);
}

/** An exercise style word; `american` and `bermudan` are reported as not supported yet (E2012). */
export function exerciseStyle(ident: Ident | undefined, report: Report, context: WordContext = []): ExerciseStyle | undefined {
  return word(EXERCISE_STYLES, ident, report, context);
}

/** An option right word (`call`, `put`). */
export function optionRight(ident: Ident | undefined, report: Report, context: WordContext = []): OptionRight | undefined {
  return word(OPTION_RIGHTS, ident, report, context);
}

/** A leg side word (`buy`, `sell`). */
export function legSide(ident: Ident | undefined, report: Report, context: WordContext = []): LegSide | undefined {
  return word(LEG_SIDES, ident, report, context);
}

/**
 * A duration unit word, singular or plural, as its singular form. With `business` (as in `2 business days`)
 * only `day`/`days` is accepted: business days are counted on a calendar, not as elapsed time.
 */
export function durationUnit(
  ident: Ident | undefined,
  report: Report,
  context: WordContext = [],
  business = false,
): DurationUnit | undefined {
  if (!business) return word(DURATION_UNITS, ident, report, context);
  const days: WordSet<DurationUnit> = set("unit of business time", [
    ["days", "day"],
    ["day", "day"],
  ]);
  return word(days, ident, report, context);
}

/** A listing period word (`months`, `weeks`). */
export function listingPeriod(ident: Ident | undefined, report: Report, context: WordContext = []): ListingPeriod | undefined {
  return word(LISTING_PERIODS, ident, report, context);
}

/** An ordinal word as a number: first..fifth → 1..5, last → -1 (the parser admits no other word, so this never reports). */
export function ordinal(ident: Ident | undefined, report: Report, context: WordContext = []): number | undefined {
  return word(ORDINALS, ident, report, context);
}
