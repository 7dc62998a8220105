/**
 * Units with dimensions for the checker: resolves unit phrases as written in contracts (`USD per 1M tokens`,
 * `million tokens`, `GPU-hour`) against a registry of base units into a {@link Unit} — a map of dimensions
 * to exponents and an exact scale factor — and provides the algebra the checker needs to verify, for example,
 * that tick × contract unit is an amount of money and that a tick is in the price's unit. It sits beside the
 * source model in `base/`, takes neutral descriptions rather than AST nodes, reports failures as values
 * (never diagnostics, which the caller builds), and uses the runtime's exact {@link Decimal} for factors.
 */
import { Decimal } from "../runtime/numbers/decimal.js";

/**
 * A unit resolved to dimensions. Its meaning is `factor` × Π base^exponent, where the bases are the
 * registry's canonical units (one currency unit, one token, one GPU-hour, one BTC, …): `USD per 1M tokens`
 * is {"money:USD": 1, tokens: −1} with factor 0.000001. Build units with {@link resolveUnit} and the
 * algebra below, so that the invariants hold: `dims` has no zero exponents and sorted keys, and `factor` is
 * a positive canonical decimal string whose reciprocal is also a terminating decimal.
 */
export interface Unit {
  /** The currency when exactly one currency occurs in the unit (`USD` for `USD per 1M tokens`). */
  readonly money?: string;
  /**
   * Dimension → exponent. A currency's dimension is `money:<code>`: amounts in different currencies are not
   * commensurable without an explicit FX rate, so USD and EUR are different dimensions of the money kind.
   * Other dimensions: `tokens`, `gpu-time`, `asset:BTC`, `asset:ETH`, `contracts`, `energy`.
   */
  readonly dims: Readonly<Record<string, number>>;
  /** The exact scale relative to the base units, as a canonical decimal string ("0.000001"). */
  readonly factor: string;
}

/** One side of a unit phrase: unit words (possibly led by scale words) and an optional numeric scale. */
export interface UnitTermDescription {
  /**
   * The words as written, separated by spaces: `USD`, `tokens`, `GPU-hour`, or with leading scale words,
   * `million tokens`. Scale words (thousand, million, billion) multiply the scale.
   */
  readonly name: string;
  /** A positive decimal scale as written before the words, e.g. "1000000" for `1M`, or "1000"; "1M" is also accepted. */
  readonly scale?: string;
}

/** A unit phrase `numerator [per denominator]`, neutral of the syntax tree. */
export interface UnitDescription {
  readonly numerator: UnitTermDescription;
  readonly denominator?: UnitTermDescription;
}

/** Which side of `per` a resolution error is on. */
export type UnitSide = "numerator" | "denominator";

/** Why a unit could not be resolved or converted; the caller turns it into a diagnostic. */
export type UnitError =
  | {
      readonly kind: "unknown-unit";
      readonly word: string;
      readonly side: UnitSide;
      /** Index of the word within the term's space-separated words. */
      readonly wordIndex: number;
      /** Every known unit and scale word, for the caller's did-you-mean. */
      readonly candidates: readonly string[];
    }
  | {
      /** A second unit word or a scale word after the unit, e.g. `USD tokens` or `tokens million`. */
      readonly kind: "unexpected-word";
      readonly word: string;
      readonly side: UnitSide;
      readonly wordIndex: number;
    }
  | { readonly kind: "missing-unit-name"; readonly side: UnitSide }
  | {
      readonly kind: "invalid-scale";
      readonly scale: string;
      readonly side: UnitSide;
      /**
       * `malformed`: not a decimal; `not-positive`: zero or negative; `not-invertible`: its reciprocal is not a
       * terminating decimal (e.g. 3), so conversions through it could not be exact. Scales must be of the form
       * 2^a·5^b·10^k: 1K, 1M, 1000, 100, 5, 0.5, 25 are fine.
       */
      readonly reason: "malformed" | "not-positive" | "not-invertible";
    }
  | {
      readonly kind: "dimension-mismatch";
      /** {@link format} of each side. */
      readonly from: string;
      readonly to: string;
    };

/** Success with a value or failure with a {@link UnitError}. */
export type UnitResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UnitError };

function ok<T>(value: T): UnitResult<T> {
  return { ok: true, value };
}

function fail<T = never>(error: UnitError): UnitResult<T> {
  return { ok: false, error };
}

// -------------------------------------------------------------------------------------------------------
// Registry

/** The kinds of base unit. */
export type UnitKind = "money" | "tokens" | "gpu-time" | "asset" | "contracts" | "energy" | "declared";

/** A registered base unit: its canonical singular and plural names and its dimension. */
export interface BaseUnit {
  readonly name: string;
  readonly plural: string;
  readonly kind: UnitKind;
  readonly dimension: string;
}

/** ISO 4217 codes accepted as currencies. */
export const CURRENCIES: readonly string[] = Object.freeze([
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "CHF",
  "CAD",
  "AUD",
  "CNY",
  "HKD",
  "SGD",
  "KRW",
  "INR",
]);

const BASE_UNITS: readonly BaseUnit[] = Object.freeze([
  ...CURRENCIES.map((code): BaseUnit => ({ name: code, plural: code, kind: "money", dimension: `money:${code}` })),
  { name: "token", plural: "tokens", kind: "tokens", dimension: "tokens" },
  { name: "GPU-hour", plural: "GPU-hours", kind: "gpu-time", dimension: "gpu-time" },
  { name: "BTC", plural: "BTC", kind: "asset", dimension: "asset:BTC" },
  { name: "ETH", plural: "ETH", kind: "asset", dimension: "asset:ETH" },
  { name: "contract", plural: "contracts", kind: "contracts", dimension: "contracts" },
  { name: "MWh", plural: "MWh", kind: "energy", dimension: "energy" },
]);

const UNIT_BY_WORD = new Map<string, BaseUnit>();
const UNIT_BY_DIMENSION = new Map<string, BaseUnit>();
for (const u of BASE_UNITS) {
  UNIT_BY_WORD.set(u.name, u);
  UNIT_BY_WORD.set(u.plural, u);
  UNIT_BY_DIMENSION.set(u.dimension, u);
}

/** Scale words and their factors. */
export const SCALE_WORDS: Readonly<Record<string, string>> = Object.freeze({
  thousand: "1000",
  million: "1000000",
  billion: "1000000000",
});

/** Every unit word (singular and plural) and scale word, sorted: the candidates for did-you-mean. */
export const KNOWN_UNIT_WORDS: readonly string[] = Object.freeze(
  [...new Set([...UNIT_BY_WORD.keys(), ...Object.keys(SCALE_WORDS)])].sort(),
);

/** The registered base unit a word names (singular or plural), if any. */
export function lookupUnitWord(word: string): BaseUnit | undefined {
  return UNIT_BY_WORD.get(word);
}

/** Whether a currency code is registered. */
export function isCurrency(code: string): boolean {
  return UNIT_BY_DIMENSION.get(`money:${code}`)?.kind === "money";
}

// -------------------------------------------------------------------------------------------------------
// Construction

const KIND_RANK: Record<UnitKind, number> = { money: 0, asset: 1, tokens: 2, "gpu-time": 3, energy: 4, contracts: 5, declared: 6 };

function dimensionRank(dimension: string): number {
  const u = UNIT_BY_DIMENSION.get(dimension);
  if (u === undefined) return dimension.startsWith("asset:") ? KIND_RANK.asset : dimension.startsWith("unit:") ? KIND_RANK.declared : 99;
  return KIND_RANK[u.kind];
}

/** The names of a dimension: a registered unit's, or a declared unit's read back from its dimension. */
function unitOfDimension(dimension: string): BaseUnit | undefined {
  const u = UNIT_BY_DIMENSION.get(dimension);
  if (u !== undefined) return u;
  const m = /^(asset|unit):([A-Za-z][A-Za-z0-9]*)$/.exec(dimension);
  return m === null ? undefined : declaredBaseUnit({ name: m[2]!, kind: m[1] === "asset" ? "asset" : "unit" });
}

/** Orders dimensions: money first, then assets, tokens, GPU time, energy, contracts, then any other; ties by name. */
function compareDimensions(a: string, b: string): number {
  return dimensionRank(a) - dimensionRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function makeUnit(exponents: ReadonlyMap<string, number>, factor: Decimal): Unit {
  const keys = [...exponents.keys()].filter((k) => exponents.get(k) !== 0).sort(compareDimensions);
  const dims: Record<string, number> = {};
  for (const k of keys) dims[k] = exponents.get(k)!;
  const currencies = keys.filter((k) => k.startsWith("money:"));
  const base = { dims: Object.freeze(dims), factor: factor.toString() };
  return Object.freeze(currencies.length === 1 ? { money: currencies[0]!.slice("money:".length), ...base } : base);
}

/** The dimensionless unit with factor 1 (a plain number). */
export const DIMENSIONLESS: Unit = makeUnit(new Map(), Decimal.ONE);

/** The base unit itself (factor 1); throws on an unregistered word (use {@link resolveUnit} for user text). */
export function baseUnit(word: string): Unit {
  const u = UNIT_BY_WORD.get(word);
  if (u === undefined) throw new Error(`unknown unit word ${JSON.stringify(word)}`);
  return makeUnit(new Map([[u.dimension, 1]]), Decimal.ONE);
}

/** Whether the reciprocal of a positive decimal terminates, i.e. its coefficient is 2^a·5^b. */
function isInvertible(d: Decimal): boolean {
  return d.isPositive() && Decimal.ONE.divExact(d) !== undefined;
}

function parseScale(text: string): Decimal | undefined {
  const suffix = text[text.length - 1];
  const zeros = suffix === "K" ? 3 : suffix === "M" ? 6 : suffix === "B" ? 9 : 0;
  const r = Decimal.parse(zeros > 0 ? text.slice(0, -1) : text, { allowUnderscores: true });
  return r.ok ? r.value.scaleByPowerOfTen(zeros) : undefined;
}

// -------------------------------------------------------------------------------------------------------
// Declared units

/**
 * A unit a spec declares beside the registry's (`unit point "index point"`, `unit SOL "Solana" is an asset`):
 * an asset is of dimension `asset:<name>` and its plural is its name (500 SOL); any other declared unit is a
 * dimension of its own, `unit:<name>`, whose plural adds an s (5 points). Names are letters and digits.
 */
export interface DeclaredUnit {
  readonly name: string;
  readonly kind: "asset" | "unit";
}

/** The unit words a spec declares, for {@link resolveUnit}; empty when it declares none. */
export type UnitVocabulary = readonly DeclaredUnit[];

/** The registry entry of a declared unit: its singular and plural names and its dimension. */
export function declaredBaseUnit(d: DeclaredUnit): BaseUnit {
  return d.kind === "asset"
    ? { name: d.name, plural: d.name, kind: "asset", dimension: `asset:${d.name}` }
    : { name: d.name, plural: `${d.name}s`, kind: "declared", dimension: `unit:${d.name}` };
}

/** The words a declared unit is written with: its name and, for a unit other than an asset, its plural. */
export function declaredUnitWords(d: DeclaredUnit): readonly string[] {
  const b = declaredBaseUnit(d);
  return b.plural === b.name ? [b.name] : [b.name, b.plural];
}

/** Whether a word is a built-in unit word or a scale word (a declared unit may not take it). */
export function isBuiltInUnitWord(word: string): boolean {
  return UNIT_BY_WORD.has(word) || Object.hasOwn(SCALE_WORDS, word);
}

/** A declaration's name must be letters and digits, starting with a letter, so that it can name a dimension. */
export const DECLARED_UNIT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function lookupIn(word: string, vocabulary: UnitVocabulary): BaseUnit | undefined {
  const builtIn = UNIT_BY_WORD.get(word);
  if (builtIn !== undefined) return builtIn;
  for (const d of vocabulary) {
    const b = declaredBaseUnit(d);
    if (b.name === word || b.plural === word) return b;
  }
  return undefined;
}

function candidatesOf(vocabulary: UnitVocabulary): readonly string[] {
  if (vocabulary.length === 0) return KNOWN_UNIT_WORDS;
  return [...new Set([...KNOWN_UNIT_WORDS, ...vocabulary.flatMap(declaredUnitWords)])].sort();
}

function resolveTerm(term: UnitTermDescription, side: UnitSide, vocabulary: UnitVocabulary = []): UnitResult<Unit> {
  let factor = Decimal.ONE;
  if (term.scale !== undefined) {
    const s = parseScale(term.scale);
    if (s === undefined) return fail({ kind: "invalid-scale", scale: term.scale, side, reason: "malformed" });
    if (!s.isPositive()) return fail({ kind: "invalid-scale", scale: term.scale, side, reason: "not-positive" });
    if (!isInvertible(s)) return fail({ kind: "invalid-scale", scale: term.scale, side, reason: "not-invertible" });
    factor = s;
  }
  const words = term.name.split(" ").filter((w) => w !== "");
  let unit: BaseUnit | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const scaleWord = Object.hasOwn(SCALE_WORDS, word) ? SCALE_WORDS[word] : undefined;
    const base = lookupIn(word, vocabulary);
    if (scaleWord === undefined && base === undefined) {
      return fail({ kind: "unknown-unit", word, side, wordIndex: i, candidates: candidatesOf(vocabulary) });
    }
    if (unit !== undefined) return fail({ kind: "unexpected-word", word, side, wordIndex: i });
    if (scaleWord !== undefined) factor = factor.mul(Decimal.of(scaleWord));
    else unit = base;
  }
  if (unit === undefined) return fail({ kind: "missing-unit-name", side });
  return ok(makeUnit(new Map([[unit.dimension, 1]]), factor.normalize()));
}

/**
 * Resolves a unit phrase: `{numerator: {name: "USD"}, denominator: {name: "tokens", scale: "1000000"}}` is
 * USD per 1M tokens. Singular and plural are interchangeable (`token`/`tokens`); names are case-sensitive.
 * Fails with the unknown word and the list of known words, or with an invalid scale.
 */
export function resolveUnit(description: UnitDescription, vocabulary: UnitVocabulary = []): UnitResult<Unit> {
  const num = resolveTerm(description.numerator, "numerator", vocabulary);
  if (!num.ok || description.denominator === undefined) return num;
  const den = resolveTerm(description.denominator, "denominator", vocabulary);
  if (!den.ok) return den;
  return ok(divide(num.value, den.value));
}

/**
 * Resolves unit text in the form {@link format} produces, `[scale] words [per [scale] words]`, where a scale
 * is a decimal optionally suffixed K, M or B (`USD per 1M tokens`, `1000 million tokens`). For tests,
 * tooling and round-tripping the compiled model; the compiler's parser builds {@link UnitDescription}s itself.
 */
export function resolveUnitText(text: string, vocabulary: UnitVocabulary = []): UnitResult<Unit> {
  const [numText = "", denText, ...rest] = text.trim().split(/\s+per\s+/);
  if (rest.length > 0) return fail({ kind: "unexpected-word", word: "per", side: "denominator", wordIndex: 0 });
  const term = (t: string): UnitTermDescription => {
    const m = /^([0-9][0-9_.]*[KMB]?)\s+(.*)$/.exec(t.trim());
    return m ? { scale: m[1]!, name: m[2]! } : { name: t.trim() };
  };
  return resolveUnit(
    denText === undefined ? { numerator: term(numText) } : { numerator: term(numText), denominator: term(denText) },
    vocabulary,
  );
}

// -------------------------------------------------------------------------------------------------------
// Algebra

function factorOf(u: Unit): Decimal {
  return Decimal.of(u.factor);
}

function exponentsOf(u: Unit): Map<string, number> {
  return new Map(Object.entries(u.dims));
}

/** The product of two units: exponents add, factors multiply (USD per 1M tokens × million tokens = USD). */
export function multiply(a: Unit, b: Unit): Unit {
  const e = exponentsOf(a);
  for (const [k, v] of Object.entries(b.dims)) e.set(k, (e.get(k) ?? 0) + v);
  return makeUnit(e, factorOf(a).mul(factorOf(b)).normalize());
}

/** The quotient of two units: exponents subtract, factors divide exactly (by the {@link Unit} invariant). */
export function divide(a: Unit, b: Unit): Unit {
  const e = exponentsOf(a);
  for (const [k, v] of Object.entries(b.dims)) e.set(k, (e.get(k) ?? 0) - v);
  const q = factorOf(a).divExact(factorOf(b));
  if (q === undefined) throw new Error(`invalid Unit: factor ${b.factor} has no terminating reciprocal`);
  return makeUnit(e, q.normalize());
}

/** Whether two units have the same dimensions (same currencies too), whatever their scales. */
export function equalDimension(a: Unit, b: Unit): boolean {
  const ka = Object.keys(a.dims);
  const kb = Object.keys(b.dims);
  return ka.length === kb.length && ka.every((k) => a.dims[k] === b.dims[k]);
}

/** Whether two units are the same: same dimensions and same factor. */
export function sameUnit(a: Unit, b: Unit): boolean {
  return equalDimension(a, b) && factorOf(a).eq(factorOf(b));
}

/** Whether a unit is an amount of one currency (dimension money:X to the first power only). */
export function isMoney(u: Unit): boolean {
  const keys = Object.keys(u.dims);
  return keys.length === 1 && u.money !== undefined && u.dims[`money:${u.money}`] === 1;
}

/** Whether a unit has no dimension (a plain number, possibly scaled). */
export function isDimensionless(u: Unit): boolean {
  return Object.keys(u.dims).length === 0;
}

/**
 * The exact number by which an amount in `from` is multiplied to express it in `to`, as a canonical decimal
 * string: USD per token → USD per 1M tokens is "1000000". Fails when the dimensions differ.
 */
export function conversionFactor(from: Unit, to: Unit): UnitResult<string> {
  const f = conversionDecimal(from, to);
  return f.ok ? ok(f.value.toString()) : f;
}

function conversionDecimal(from: Unit, to: Unit): UnitResult<Decimal> {
  if (!equalDimension(from, to)) return fail({ kind: "dimension-mismatch", from: format(from), to: format(to) });
  const q = factorOf(from).divExact(factorOf(to));
  if (q === undefined) throw new Error(`invalid Unit: factor ${to.factor} has no terminating reciprocal`);
  return ok(q.normalize());
}

/** An amount in `from` expressed exactly in `to` (0.01 in USD per 1M tokens × 1000 in million tokens → 10 USD). */
export function convertAmount(amount: Decimal, from: Unit, to: Unit): UnitResult<Decimal> {
  const f = conversionDecimal(from, to);
  return f.ok ? ok(amount.mul(f.value).normalize()) : f;
}

// -------------------------------------------------------------------------------------------------------
// Rendering

/** A scale in compact form when it is a whole number of thousands, millions or billions ("1M", "250K"). */
function formatScale(d: Decimal): string {
  for (const [suffix, zeros] of [
    ["B", 9],
    ["M", 6],
    ["K", 3],
  ] as const) {
    const m = d.scaleByPowerOfTen(-zeros);
    if (m.isInteger()) return m.toString() + suffix;
  }
  return d.toString();
}

function formatSide(parts: readonly [string, number][], scale: Decimal): string {
  const plural = !scale.eq(Decimal.ONE);
  const names = parts.map(([dim, exp]) => {
    const base = unitOfDimension(dim);
    const name = base === undefined ? dim : plural ? base.plural : base.name;
    const e = Math.abs(exp);
    return e === 1 ? name : `${name}^${e}`;
  });
  if (names.length === 0) return formatScale(scale);
  const words = names.join(" × ");
  return plural ? `${formatScale(scale)} ${words}` : words;
}

/**
 * A canonical readable name: `USD per 1M tokens`, `1M tokens`, `USD per GPU-hour`, `USD` or `1` (dimensionless).
 * Dimensions with positive exponents go before `per`, negative after; a factor below 1 is written as the
 * denominator's scale when there is a denominator, otherwise as the numerator's. A name with a scale is plural.
 */
export function format(u: Unit): string {
  const entries = Object.entries(u.dims);
  const num = entries.filter(([, e]) => e > 0);
  const den = entries.filter(([, e]) => e < 0);
  const factor = factorOf(u);
  if (den.length === 0) return formatSide(num, factor);
  if (factor.lt(Decimal.ONE)) {
    const inverse = Decimal.ONE.divExact(factor);
    if (inverse === undefined) throw new Error(`invalid Unit: factor ${u.factor} has no terminating reciprocal`);
    return `${formatSide(num, Decimal.ONE)} per ${formatSide(den, inverse.normalize())}`;
  }
  return `${formatSide(num, factor)} per ${formatSide(den, Decimal.ONE)}`;
}
