/**
 * The building blocks of the compiled model, as zod schemas: canonical decimal strings, ISO dates, times of
 * day with their IANA zone, normalised units and quantities, roundings, durations, effective ranges, and the
 * `Clause` wrapper that gives every rule of a contract or index its versions. The model (src/model/) is the
 * single source of truth for the JSON spec and its generated JSON Schema, so every constraint here is one that
 * JSON Schema can express too (patterns, enums, integer ranges, closed objects): zod and ajv must agree on
 * every document. Each reusable schema carries an `id`, which names it in the JSON Schema's `$defs`.
 */
import { z } from "zod";
import type { CountBound } from "../runtime/bounds.js";
import { MAX_NAME_LENGTH } from "./invariants.js";

// ---------------------------------------------------------------------------------------------------------
// Patterns. They are also the JSON Schema `pattern`s (ajv compiles them with the `u` flag), so keep them
// plain ECMAScript regular expressions without lookbehind or flags.

/** A canonical decimal: no exponent, no `+`, no leading zeros, no trailing fractional zeros, no `-0`. */
export const DECIMAL_PATTERN = /^(0|-?(0\.[0-9]*[1-9]|[1-9][0-9]*(\.[0-9]*[1-9])?))$/;
/** A canonical decimal greater than zero. */
export const POSITIVE_DECIMAL_PATTERN = /^(0\.[0-9]*[1-9]|[1-9][0-9]*(\.[0-9]*[1-9])?)$/;
/** A canonical decimal greater than or equal to zero. */
export const NON_NEGATIVE_DECIMAL_PATTERN = /^(0|0\.[0-9]*[1-9]|[1-9][0-9]*(\.[0-9]*[1-9])?)$/;
/** An ISO `YYYY-MM-DD` date that exists in the Gregorian calendar (29 February only in leap years). */
export const DATE_PATTERN =
  /^([0-9]{4}-(((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01]))|((0[469]|11)-(0[1-9]|[12][0-9]|30))|(02-(0[1-9]|1[0-9]|2[0-8])))|([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)-02-29)$/;
/** A time of day `HH:MM:SS`, 00:00:00 to 23:59:59. */
export const TIME_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
/** The shape of an IANA time-zone name (`Europe/London`, `UTC`); whether it exists is a semantic check. */
export const TIME_ZONE_PATTERN = /^[A-Za-z_][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
/**
 * A declaration name as the language writes it (`FOTI`, `AITOK_OUT`, `NYSE`). `__proto__` is excluded: names are
 * keys of JSON objects, and that key would set an object's prototype in JavaScript instead of adding a member.
 */
export const NAME_PATTERN = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;
/** A unit dimension: `money:USD`, `asset:BTC`, `tokens`, `gpu-time`, `contracts`, `energy`. */
export const DIMENSION_PATTERN = /^[a-z]+(-[a-z]+)*(:[A-Za-z0-9]+)?$/;

// ---------------------------------------------------------------------------------------------------------
// Scalars.

/** An exact decimal number as a canonical string, e.g. "0.01", "-2.5", "1000". Never a JSON number. */
export const DecimalString = z.string().regex(DECIMAL_PATTERN).meta({
  id: "Decimal",
  description:
    'An exact decimal number as a canonical string: no exponent, no \'+\', no leading or trailing zeros, no \'-0\' (e.g. "0.01", "-2.5", "1000").',
});
/** A canonical decimal string greater than zero. */
export const PositiveDecimal = z
  .string()
  .regex(POSITIVE_DECIMAL_PATTERN)
  .meta({ id: "PositiveDecimal", description: "A canonical decimal string greater than zero." });
/** A canonical decimal string greater than or equal to zero. */
export const NonNegativeDecimal = z
  .string()
  .regex(NON_NEGATIVE_DECIMAL_PATTERN)
  .meta({ id: "NonNegativeDecimal", description: "A canonical decimal string greater than or equal to zero." });
/** A percentage as a canonical decimal number of percent: "5" is 5%, "0.1" is 0.10%. */
export const Percent = z
  .string()
  .regex(NON_NEGATIVE_DECIMAL_PATTERN)
  .meta({ id: "Percent", description: 'A percentage as a canonical decimal number of percent: "5" means 5%, "0.1" means 0.10%.' });
/** An ISO date. */
export const IsoDate = z
  .string()
  .regex(DATE_PATTERN)
  .meta({ id: "Date", description: "An ISO 8601 calendar date YYYY-MM-DD that exists (29 February only in leap years)." });
/** A local time of day, always with seconds. */
export const LocalTime = z.string().regex(TIME_PATTERN).meta({ id: "Time", description: "A local time of day HH:MM:SS (24-hour clock)." });
/** The end of a window: a local time of day, or 24:00:00, the end of the day. */
export const WINDOW_END_PATTERN = /^(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|24:00:00)$/;
/** The end of a window: a time of day or `24:00:00` (the end of its day). */
export const WindowEnd = z
  .string()
  .regex(WINDOW_END_PATTERN)
  .meta({ id: "WindowEnd", description: "The end of a window: a local time HH:MM:SS, or 24:00:00 for the end of the day." });
/** An IANA time-zone name. */
export const TimeZone = z
  .string()
  .regex(TIME_ZONE_PATTERN)
  .meta({ id: "TimeZone", description: "An IANA time-zone name such as Europe/London; offsets are never fixed." });
/** The name of a declaration (calendar, index or contract). */
export const Name = z
  .string()
  .max(MAX_NAME_LENGTH)
  .regex(NAME_PATTERN)
  .meta({ id: "Name", description: "The name of a calendar, index or contract, as declared in the source." });
/** Free text: a title, a description, a clause reference. */
export const Text = z.string();
/** A count of things (days, months, contracts, sources, …) as a JSON integer in its range of runtime/bounds.ts. */
export function countSchema(bound: CountBound, min: number = bound.min) {
  return z.int().min(min).max(bound.max);
}
/** A calendar year. */
export const Year = z.int().min(1).max(9999);
/** An ISO weekday, 1 = Monday … 7 = Sunday (as in the runtime calendar model). */
export const Weekday = z.int().min(1).max(7).meta({ id: "Weekday", description: "An ISO weekday: 1 = Monday … 7 = Sunday." });
/** A month of the year, 1 = January … 12 = December. */
export const Month = z.int().min(1).max(12).meta({ id: "Month", description: "A month: 1 = January … 12 = December." });

/**
 * A record whose keys must match `key`. zod skips an own `__proto__` key silently (to protect the prototype) where
 * JSON Schema checks it against `propertyNames`, so the input is checked for one first: both then reject it. The
 * JSON Schema is the record's (zod generates a pipe from its output side).
 */
export function recordOf<K extends z.ZodString, V extends z.ZodType>(key: K, value: V) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (input !== null && typeof input === "object" && Object.hasOwn(input, "__proto__")) {
        ctx.addIssue({ code: "custom", path: ["__proto__"], message: "`__proto__` is not allowed as a key" });
      }
    })
    .pipe(z.record(key, value));
}

// ---------------------------------------------------------------------------------------------------------
// Times, units, quantities.

/** A local time in a zone: `16:00 Europe/London`. */
export const ZonedTime = z
  .strictObject({ time: LocalTime, zone: TimeZone })
  .meta({ id: "ZonedTime", description: "A wall-clock time in an IANA zone; the instant depends on the date (clock changes)." });

/**
 * A normalised unit: its canonical text (`USD per 1M tokens`), its dimensions with exponents
 * ({"money:USD": 1, "tokens": -1}) and its exact scale relative to the base units ("0.000001").
 */
export const UnitSchema = z
  .strictObject({
    text: z
      .string()
      .min(1)
      .describe('The canonical readable name, e.g. "USD per 1M tokens"; resolving it gives exactly `dimensions` and `scale`.'),
    dimensions: recordOf(z.string().regex(DIMENSION_PATTERN), z.int().min(-9).max(9)).describe(
      "Dimension → non-zero exponent: money:<ISO 4217 code>, asset:<code>, tokens, gpu-time, energy, contracts.",
    ),
    scale: PositiveDecimal.describe("The exact factor relative to the base units: USD per 1M tokens is 0.000001 USD per token."),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable()
      .describe("The currency when exactly one currency occurs in the unit, else null."),
  })
  .meta({ id: "Unit", description: "A unit with dimensions, normalised: the text is canonical and the scale exact." });

/**
 * A unit the source declares (`unit point "index point"`, `unit SOL "Solana" is an asset`): the unit texts of
 * the spec may use its name (and, for a unit other than an asset, its plural, the name with an s).
 */
export const DeclaredUnitSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/)
      .describe("The unit word: letters and digits; an asset's dimension is asset:<name>, any other unit's unit:<name>."),
    title: z.string().min(1).describe('The unit\'s name in words, as declared ("index point").'),
    kind: z.enum(["asset", "unit"]).describe("`asset` for `is an asset`; `unit` for a unit of its own dimension."),
  })
  .meta({ id: "DeclaredUnit", description: "A unit declared in the source, beside the built-in units." });

/** An amount in a unit: `0.01 USD per 1M tokens`. */
export const QuantitySchema = z
  .strictObject({ amount: DecimalString, unit: UnitSchema })
  .meta({ id: "Quantity", description: "An exact amount in a normalised unit." });

/** A length of time: clock time or a number of (business) days. */
export const DurationSchema = z
  .strictObject({
    amount: NonNegativeDecimal,
    unit: z.enum(["seconds", "minutes", "hours", "days", "business-days"]),
  })
  .meta({ id: "Duration", description: "A length of time; `business-days` count business days of the calendar in context." });

// ---------------------------------------------------------------------------------------------------------
// Rounding.

/** Rounding modes, spelled as the runtime spells them (src/runtime/numbers/decimal.ts); the language's `half-toward-prior` is `half-toward-reference`. */
export const ROUNDING_MODES = ["half-up", "half-even", "half-down", "half-toward-reference", "down", "up", "floor", "ceiling"] as const;
/** A rounding mode. */
export const RoundingModeSchema = z.enum(ROUNDING_MODES).meta({
  id: "RoundingMode",
  description:
    "half-up: ties away from zero; half-even: ties to the even multiple; half-down: ties toward zero; half-toward-reference: ties toward the reference value, which is the prior settlement price (the language's half-toward-prior); down: toward zero; up: away from zero; floor: toward -infinity; ceiling: toward +infinity.",
});

/** How a value is rounded: to an explicit increment, to the contract's tick, or explicitly not at all. */
export const RoundingSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("increment"), increment: PositiveDecimal, mode: RoundingModeSchema }),
    z
      .strictObject({ kind: z.literal("tick"), mode: RoundingModeSchema })
      .describe("To the contract's outright tick in force (for a tiered tick, the tier of the unrounded price)."),
    z.strictObject({ kind: z.literal("unrounded") }),
  ])
  .meta({ id: "Rounding", description: "An explicit rounding: every computed price says how it is rounded, or that it is not." });

// ---------------------------------------------------------------------------------------------------------
// Versions.

/** Inclusive effective bounds; null is unbounded. */
export const EffectiveRangeSchema = z
  .strictObject({ from: IsoDate.nullable(), until: IsoDate.nullable() })
  .meta({ id: "EffectiveRange", description: "Dates on which a rule is in force: both bounds inclusive, null meaning unbounded." });

/** The always-in-force range. */
export const ALWAYS: EffectiveRange = Object.freeze({ from: null, until: null });

/**
 * A rule with its effective ranges and its annotations. A field holding a list of clauses is either a list of
 * versions of one rule (at most one in force on any date) or a list of rules that all apply (holidays,
 * degradation rules, legs); each field's description says which.
 */
export function clauseOf<T extends z.ZodType>(value: T) {
  return z.strictObject({
    effective: z
      .array(EffectiveRangeSchema)
      .min(1)
      .describe("The clause is in force on a date inside any of these ranges; [{from: null, until: null}] means always."),
    descriptions: z.array(Text).describe("Explanatory text attached to the clause in the source."),
    clauses: z.array(Text).describe('References to rulebook clauses, e.g. "NYSE Rule 7.2".'),
    value: value,
  });
}

/** A list of versions of one rule: at most one is in force on any date. */
export function versionsOf<T extends z.ZodType>(value: T) {
  return z
    .array(clauseOf(value))
    .describe(
      "Versions of one rule, ordered by start date; at most one is in force on any date; empty when the source does not state the rule.",
    );
}

/** A list of rules that all apply on the dates each is in force. */
export function rulesOf<T extends z.ZodType>(value: T) {
  return z.array(clauseOf(value)).describe("Rules that all apply, each on the dates it is in force, in source order.");
}

/** Annotations of a declaration: its title, descriptions, clause references and effective ranges. */
export const declarationAnnotations = {
  title: Text.nullable().describe("The title in the declaration's header, or null."),
  descriptions: z.array(Text),
  clauses: z.array(Text),
  effective: z.array(EffectiveRangeSchema).min(1).describe("When the declaration is in force; [{from: null, until: null}] means always."),
};

/** An exact decimal as a canonical string. */
export type DecimalString = z.infer<typeof DecimalString>;
/** A normalised unit. */
export type Unit = z.infer<typeof UnitSchema>;
/** An amount in a unit. */
export type Quantity = z.infer<typeof QuantitySchema>;
export type DeclaredUnit = z.infer<typeof DeclaredUnitSchema>;
/** A length of time. */
export type Duration = z.infer<typeof DurationSchema>;
/** A rounding mode. */
export type RoundingMode = z.infer<typeof RoundingModeSchema>;
/** An explicit rounding. */
export type Rounding = z.infer<typeof RoundingSchema>;
/** A local time in a zone. */
export type ZonedTime = z.infer<typeof ZonedTime>;
/** Inclusive effective bounds. */
export type EffectiveRange = z.infer<typeof EffectiveRangeSchema>;
/** A rule with its effective ranges and annotations. */
export interface Clause<T> {
  effective: EffectiveRange[];
  descriptions: string[];
  clauses: string[];
  value: T;
}
