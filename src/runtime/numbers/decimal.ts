/**
 * Exact decimal arithmetic for the runtime: every price, quantity and amount of money in settlement is a
 * {@link Decimal}, a `bigint` coefficient times 10^−scale, never a JS `number`. Addition, subtraction and
 * multiplication are exact; division and rounding always take an explicit result scale or increment and a
 * {@link RoundingMode}, so no precision is ever chosen implicitly. Parsing returns a result value instead
 * of throwing, and values travel between stages as canonical strings ({@link Decimal.toString}). This module
 * sits at the bottom of the runtime and imports nothing; the compiler may use it, never the reverse.
 */
import { gcd, pow10 } from "./integers.js";

/**
 * How a value that is not already a multiple of the increment is rounded.
 * - `half-up`: nearest; ties away from zero (2.5 → 3, −2.5 → −3).
 * - `half-down`: nearest; ties toward zero (2.5 → 2, −2.5 → −2).
 * - `half-even`: nearest; ties to the even multiple (2.5 → 2, 3.5 → 4, −2.5 → −2).
 * - `half-toward-reference`: nearest; ties toward a reference value such as the prior settlement.
 * - `down`: toward zero; `up`: away from zero; `floor`: toward −∞; `ceiling`: toward +∞.
 */
export type RoundingMode = "half-up" | "half-even" | "half-down" | "half-toward-reference" | "down" | "up" | "floor" | "ceiling";

/** Every rounding mode, in a stable order (for validation and did-you-mean lists). */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze([
  "half-up",
  "half-even",
  "half-down",
  "half-toward-reference",
  "down",
  "up",
  "floor",
  "ceiling",
] as const);

/** Whether a string names a {@link RoundingMode}. */
export function isRoundingMode(name: string): name is RoundingMode {
  return (ROUNDING_MODES as readonly string[]).includes(name);
}

/** Why a decimal string was rejected by {@link Decimal.parse}. */
export type DecimalParseReason =
  | "empty"
  | "plus-sign"
  | "missing-digits"
  | "missing-integer-digits"
  | "missing-fraction-digits"
  | "underscore-not-allowed"
  | "misplaced-underscore"
  | "exponent"
  | "unexpected-character";

/** A rejected decimal string: the reason and the UTF-16 offset of the offending character (or the end). */
export interface DecimalParseError {
  readonly kind: "invalid-decimal";
  readonly reason: DecimalParseReason;
  readonly index: number;
  readonly input: string;
}

/** The outcome of {@link Decimal.parse}. */
export type DecimalParseResult = { readonly ok: true; readonly value: Decimal } | { readonly ok: false; readonly error: DecimalParseError };

/** Options of {@link Decimal.parse}. */
export interface DecimalParseOptions {
  /** Accept `_` between two digits, as in source literals (`1_000.50`). Off by default (data feeds). */
  readonly allowUnderscores?: boolean;
}

/** A rounding that cannot be decided: a tie in `half-toward-reference` mode without a usable reference. */
export interface UnresolvedTie {
  /**
   * `tie-without-reference`: the value is exactly halfway and no reference was given.
   * `reference-at-tie`: the reference equals the halfway value itself, so it favours neither side.
   */
  readonly kind: "tie-without-reference" | "reference-at-tie";
  /** The value being rounded (canonical string); for a division, the exact quotient is not shown. */
  readonly value: string;
  readonly increment: string;
}

/** The outcome of {@link tryRoundToIncrement}: only `half-toward-reference` ties can fail. */
export type RoundResult = { readonly ok: true; readonly value: Decimal } | { readonly ok: false; readonly error: UnresolvedTie };

/** The kinds of {@link DecimalError}. */
export type DecimalErrorKind =
  | "invalid-decimal"
  | "invalid-scale"
  | "invalid-increment"
  | "invalid-rounding-mode"
  | "division-by-zero"
  | "inexact"
  | "tie-without-reference"
  | "reference-at-tie"
  | "not-an-integer";

/**
 * Thrown only for programming errors or trusted-input violations: a malformed constant in {@link Decimal.of},
 * a zero divisor, a non-positive increment, an unknown mode, an inexact {@link Decimal.toFixed} without a
 * mode, or an unresolved tie in {@link roundToIncrement} (use {@link tryRoundToIncrement} to get a value instead).
 */
export class DecimalError extends Error {
  constructor(
    readonly kind: DecimalErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DecimalError";
  }
}

function checkScale(scale: number, what: string): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new DecimalError("invalid-scale", `${what} must be a non-negative integer, got ${String(scale)}`);
  }
}

const TIE_WITHOUT_REFERENCE = 1;
const REFERENCE_AT_TIE = 2;

/**
 * Divides num by den (den > 0) to an integer with the given mode. `refSide` is the sign of
 * (reference − exact quotient), or undefined without a reference; it is consulted only on a tie in
 * `half-toward-reference` mode. Returns a small number code instead of a bigint for an unresolved tie.
 */
function divRound(num: bigint, den: bigint, mode: RoundingMode, refSide: number | undefined): bigint | number {
  const q = num / den; // truncates toward zero
  const r = num - q * den;
  if (r === 0n) return q;
  const away = num < 0n ? q - 1n : q + 1n;
  switch (mode) {
    case "down":
      return q;
    case "up":
      return away;
    case "floor":
      return num < 0n ? away : q;
    case "ceiling":
      return num < 0n ? q : away;
    case "half-up":
    case "half-down":
    case "half-even":
    case "half-toward-reference": {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > den) return away;
      if (twice < den) return q;
      if (mode === "half-up") return away;
      if (mode === "half-down") return q;
      // bigint `&` uses two's complement, so this tests parity of negative quotients too.
      if (mode === "half-even") return (q & 1n) === 0n ? q : away;
      if (refSide === undefined) return TIE_WITHOUT_REFERENCE;
      if (refSide === 0) return REFERENCE_AT_TIE;
      const lower = q < away ? q : away;
      const upper = q < away ? away : q;
      return refSide > 0 ? upper : lower;
    }
    default:
      throw new DecimalError("invalid-rounding-mode", `unknown rounding mode ${JSON.stringify(mode as unknown)}`);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function parseFailure(reason: DecimalParseReason, index: number, input: string): DecimalParseResult {
  return { ok: false, error: { kind: "invalid-decimal", reason, index, input } };
}

const PARSE_REASON_TEXT: Record<DecimalParseReason, string> = {
  empty: "empty string",
  "plus-sign": "a leading '+' is not allowed",
  "missing-digits": "no digits",
  "missing-integer-digits": "digits are required before '.'",
  "missing-fraction-digits": "digits are required after '.'",
  "underscore-not-allowed": "'_' is not allowed here",
  "misplaced-underscore": "'_' must sit between two digits",
  exponent: "exponents are not allowed",
  "unexpected-character": "unexpected character",
};

/** A one-line English description of a parse error, for debugging and thrown errors (diagnostics use `reason`). */
export function describeParseError(error: DecimalParseError): string {
  return `invalid decimal ${JSON.stringify(error.input)}: ${PARSE_REASON_TEXT[error.reason]} at offset ${error.index}`;
}

/**
 * An exact decimal number: {@link coefficient} × 10^−{@link scale}. Immutable. The scale is not normalised
 * by arithmetic (1.50 × 2 has scale 2), but equality, comparison and the canonical string are by value.
 * Conversion to a JS number is refused: `a < b` or `a + b` throw a TypeError; use {@link cmp} and {@link add}.
 */
export class Decimal {
  /** The integer coefficient. */
  readonly coefficient: bigint;
  /** The number of decimal places the coefficient carries; a non-negative integer. */
  readonly scale: number;

  private constructor(coefficient: bigint, scale: number) {
    this.coefficient = coefficient;
    this.scale = scale;
  }

  /** Zero. */
  static readonly ZERO: Decimal = new Decimal(0n, 0);
  /** One. */
  static readonly ONE: Decimal = new Decimal(1n, 0);

  /** The value coefficient × 10^−scale; throws a {@link DecimalError} when scale is not a non-negative integer. */
  static fromParts(coefficient: bigint, scale: number): Decimal {
    checkScale(scale, "scale");
    return new Decimal(coefficient, scale);
  }

  /** An integer value. */
  static fromBigInt(value: bigint): Decimal {
    return new Decimal(value, 0);
  }

  /** A small integer such as a count of sources; throws unless `value` is a safe integer (never use for money). */
  static fromInteger(value: number): Decimal {
    if (!Number.isSafeInteger(value)) {
      throw new DecimalError("not-an-integer", `expected a safe integer, got ${String(value)}`);
    }
    return new Decimal(BigInt(value), 0);
  }

  /** Whether a value is a Decimal. */
  static isDecimal(value: unknown): value is Decimal {
    return value instanceof Decimal;
  }

  /**
   * Parses `-?digits(.digits)?`: no exponent, no leading '+', no whitespace, leading zeros allowed, and
   * `_` between digits only with `allowUnderscores`. Never throws. Trailing fractional zeros are dropped,
   * so the result has the smallest scale that represents the value.
   */
  static parse(text: string, options?: DecimalParseOptions): DecimalParseResult {
    const n = text.length;
    if (n === 0) return parseFailure("empty", 0, text);
    const allowUnderscores = options?.allowUnderscores === true;
    let i = 0;
    const first = text.charCodeAt(0);
    if (first === 45 /* - */) i = 1;
    else if (first === 43 /* + */) return parseFailure("plus-sign", 0, text);
    const start = i;
    let dot = -1;
    let underscores = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) continue;
      if (c === 46 /* . */) {
        if (dot >= 0) return parseFailure("unexpected-character", i, text);
        if (i === start) return parseFailure("missing-integer-digits", i, text);
        dot = i;
      } else if (c === 95 /* _ */) {
        if (!allowUnderscores) return parseFailure("underscore-not-allowed", i, text);
        if (!isDigit(text.charCodeAt(i - 1)) || !isDigit(text.charCodeAt(i + 1))) {
          return parseFailure("misplaced-underscore", i, text);
        }
        underscores = true;
      } else if ((c === 101 || c === 69) /* e E */ && i > start) {
        return parseFailure("exponent", i, text);
      } else {
        return parseFailure("unexpected-character", i, text);
      }
    }
    if (n === start) return parseFailure("missing-digits", n, text);
    if (dot === n - 1) return parseFailure("missing-fraction-digits", n, text);
    let intDigits = dot < 0 ? text.slice(start) : text.slice(start, dot);
    let fracDigits = dot < 0 ? "" : text.slice(dot + 1);
    if (underscores) {
      intDigits = intDigits.replaceAll("_", "");
      fracDigits = fracDigits.replaceAll("_", "");
    }
    let end = fracDigits.length;
    while (end > 0 && fracDigits.charCodeAt(end - 1) === 48) end--;
    if (end < fracDigits.length) fracDigits = fracDigits.slice(0, end);
    const magnitude = BigInt(intDigits + fracDigits);
    return { ok: true, value: new Decimal(start === 1 ? -magnitude : magnitude, fracDigits.length) };
  }

  /** Parses a trusted constant (e.g. `Decimal.of("0.01")`); throws a {@link DecimalError} when malformed. */
  static of(text: string, options?: DecimalParseOptions): Decimal {
    const result = Decimal.parse(text, options);
    if (!result.ok) throw new DecimalError("invalid-decimal", describeParseError(result.error));
    return result.value;
  }

  /** Orders two decimals by value (for `Array.prototype.sort`). */
  static compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
    return a.cmp(b);
  }

  /** The exact sum of the values (zero for none). */
  static sum(values: Iterable<Decimal>): Decimal {
    let acc = Decimal.ZERO;
    for (const v of values) acc = acc.add(v);
    return acc;
  }

  // ---------------------------------------------------------------------------------------------------
  // Arithmetic

  /** The exact sum; its scale is the larger of the two. */
  add(other: Decimal): Decimal {
    const s = this.scale;
    const t = other.scale;
    if (s === t) return new Decimal(this.coefficient + other.coefficient, s);
    if (s > t) return new Decimal(this.coefficient + other.coefficient * pow10(s - t), s);
    return new Decimal(this.coefficient * pow10(t - s) + other.coefficient, t);
  }

  /** The exact difference; its scale is the larger of the two. */
  sub(other: Decimal): Decimal {
    const s = this.scale;
    const t = other.scale;
    if (s === t) return new Decimal(this.coefficient - other.coefficient, s);
    if (s > t) return new Decimal(this.coefficient - other.coefficient * pow10(s - t), s);
    return new Decimal(this.coefficient * pow10(t - s) - other.coefficient, t);
  }

  /** The exact product; its scale is the sum of the scales (round it when it must stay bounded). */
  mul(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.scale + other.scale);
  }

  /** The negation. */
  neg(): Decimal {
    return this.coefficient === 0n ? this : new Decimal(-this.coefficient, this.scale);
  }

  /** The absolute value. */
  abs(): Decimal {
    return this.coefficient < 0n ? new Decimal(-this.coefficient, this.scale) : this;
  }

  /**
   * The quotient rounded to `scale` decimal places with `mode`; there is no implicit precision.
   * With `half-toward-reference`, a tie goes toward `reference`. Throws a {@link DecimalError} on a zero
   * divisor or an unresolved tie.
   */
  div(divisor: Decimal, scale: number, mode: RoundingMode, reference?: Decimal): Decimal {
    checkScale(scale, "result scale");
    if (divisor.coefficient === 0n) throw new DecimalError("division-by-zero", `division of ${this.toString()} by zero`);
    // this / divisor at `scale` places = ca·10^(scale − sa + sb) / cb.
    const e = scale - this.scale + divisor.scale;
    let num = e >= 0 ? this.coefficient * pow10(e) : this.coefficient;
    let den = e >= 0 ? divisor.coefficient : divisor.coefficient * pow10(-e);
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    let refSide: number | undefined;
    if (mode === "half-toward-reference" && reference !== undefined) {
      // Sign of reference − num / (den·10^scale), cross-multiplied (den > 0).
      const lhs = reference.coefficient * den * pow10(scale);
      const rhs = num * pow10(reference.scale);
      refSide = lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
    }
    const q = divRound(num, den, mode, refSide);
    if (typeof q !== "bigint") {
      throw tieError(q, `${this.toString()} / ${divisor.toString()}`, Decimal.fromParts(1n, scale).toString());
    }
    return new Decimal(q, scale);
  }

  /**
   * The exact quotient when it is a terminating decimal (e.g. 1 / 8 = 0.125), otherwise undefined
   * (1 / 3). Throws a {@link DecimalError} on a zero divisor.
   */
  divExact(divisor: Decimal): Decimal | undefined {
    if (divisor.coefficient === 0n) throw new DecimalError("division-by-zero", `division of ${this.toString()} by zero`);
    // this / divisor = (ca·10^sb) / (cb·10^sa); reduce, then the denominator must be 2^x·5^y.
    let num = this.coefficient * pow10(divisor.scale);
    let den = divisor.coefficient * pow10(this.scale);
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    num /= g;
    den /= g;
    let twos = 0;
    let fives = 0;
    while ((den & 1n) === 0n) {
      den >>= 1n;
      twos++;
    }
    while (den % 5n === 0n) {
      den /= 5n;
      fives++;
    }
    if (den !== 1n) return undefined;
    const k = Math.max(twos, fives);
    // num / (2^twos·5^fives) = num·2^(k−twos)·5^(k−fives) / 10^k.
    return new Decimal(num * 2n ** BigInt(k - twos) * 5n ** BigInt(k - fives), k);
  }

  /** This value times 10^n (n may be negative); exact. */
  scaleByPowerOfTen(n: number): Decimal {
    if (!Number.isSafeInteger(n)) throw new DecimalError("invalid-scale", `power of ten must be an integer, got ${String(n)}`);
    if (n <= 0) return new Decimal(this.coefficient, this.scale - n);
    if (n <= this.scale) return new Decimal(this.coefficient, this.scale - n);
    return new Decimal(this.coefficient * pow10(n - this.scale), 0);
  }

  // ---------------------------------------------------------------------------------------------------
  // Comparison

  /** −1, 0 or 1 as this value is less than, equal to or greater than `other`. */
  cmp(other: Decimal): -1 | 0 | 1 {
    const s = this.scale;
    const t = other.scale;
    let a = this.coefficient;
    let b = other.coefficient;
    if (s > t) b *= pow10(s - t);
    else if (t > s) a *= pow10(t - s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Equality by value: 1.50 equals 1.5. */
  eq(other: Decimal): boolean {
    return this.scale === other.scale ? this.coefficient === other.coefficient : this.cmp(other) === 0;
  }

  /** Whether this value is less than `other`. */
  lt(other: Decimal): boolean {
    return this.cmp(other) < 0;
  }

  /** Whether this value is at most `other`. */
  lte(other: Decimal): boolean {
    return this.cmp(other) <= 0;
  }

  /** Whether this value is greater than `other`. */
  gt(other: Decimal): boolean {
    return this.cmp(other) > 0;
  }

  /** Whether this value is at least `other`. */
  gte(other: Decimal): boolean {
    return this.cmp(other) >= 0;
  }

  /** Whether the value is zero. */
  isZero(): boolean {
    return this.coefficient === 0n;
  }

  /** Whether the value is strictly negative. */
  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  /** Whether the value is strictly positive. */
  isPositive(): boolean {
    return this.coefficient > 0n;
  }

  /** −1, 0 or 1 by the sign of the value. */
  sign(): -1 | 0 | 1 {
    return this.coefficient < 0n ? -1 : this.coefficient > 0n ? 1 : 0;
  }

  /** The smaller of the two values (this one on equality). */
  min(other: Decimal): Decimal {
    return other.cmp(this) < 0 ? other : this;
  }

  /** The larger of the two values (this one on equality). */
  max(other: Decimal): Decimal {
    return other.cmp(this) > 0 ? other : this;
  }

  /** Whether the value is an integer. */
  isInteger(): boolean {
    return this.scale === 0 || this.coefficient % pow10(this.scale) === 0n;
  }

  // ---------------------------------------------------------------------------------------------------
  // Rounding and scaling

  /** This value rounded to a multiple of `increment`; see {@link roundToIncrement}. */
  roundToIncrement(increment: Decimal, mode: RoundingMode, reference?: Decimal): Decimal {
    return roundToIncrement(this, increment, mode, reference);
  }

  /** This value rounded to `scale` decimal places (an increment of 10^−scale). */
  roundToScale(scale: number, mode: RoundingMode, reference?: Decimal): Decimal {
    checkScale(scale, "scale");
    if (this.scale <= scale) return this;
    return roundToIncrement(this, new Decimal(1n, scale), mode, reference);
  }

  /** Whether this value is an exact multiple of `increment`; see {@link isMultipleOf}. */
  isMultipleOf(increment: Decimal): boolean {
    return isMultipleOf(this, increment);
  }

  /** The coefficient at `scale` decimal places (1.25 at scale 4 → 12500n), or undefined when that would round. */
  toScaled(scale: number): bigint | undefined {
    checkScale(scale, "scale");
    if (scale >= this.scale) return this.coefficient * pow10(scale - this.scale);
    const d = pow10(this.scale - scale);
    return this.coefficient % d === 0n ? this.coefficient / d : undefined;
  }

  /** The same value carried at exactly `scale` places, or undefined when that would round. */
  rescale(scale: number): Decimal | undefined {
    const c = this.toScaled(scale);
    return c === undefined ? undefined : new Decimal(c, scale);
  }

  /** The same value at the smallest scale that represents it (trailing zeros removed). */
  normalize(): Decimal {
    let c = this.coefficient;
    let s = this.scale;
    if (c === 0n) return s === 0 ? this : Decimal.ZERO;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === this.scale ? this : new Decimal(c, s);
  }

  // ---------------------------------------------------------------------------------------------------
  // Rendering

  /** The canonical string: no exponent, no trailing fractional zeros, no "-0" ("7.3125", "-0.5", "1000", "0"). */
  toString(): string {
    const c = this.coefficient;
    if (c === 0n) return "0";
    const negative = c < 0n;
    const digits = (negative ? -c : c).toString();
    const s = this.scale;
    if (s === 0) return negative ? "-" + digits : digits;
    let intPart: string;
    let fracPart: string;
    if (digits.length > s) {
      intPart = digits.slice(0, digits.length - s);
      fracPart = digits.slice(digits.length - s);
    } else {
      intPart = "0";
      fracPart = "0".repeat(s - digits.length) + digits;
    }
    let end = fracPart.length;
    while (end > 0 && fracPart.charCodeAt(end - 1) === 48) end--;
    const body = end === 0 ? intPart : intPart + "." + fracPart.slice(0, end);
    return negative ? "-" + body : body;
  }

  /**
   * Exactly `scale` decimal places for display ("7.310", "-0.50", "3"). When the value has more places,
   * `mode` says how to round; without a mode an inexact rendering throws a {@link DecimalError}.
   * A value that rounds to zero prints without a minus sign.
   */
  toFixed(scale: number, mode?: RoundingMode): string {
    checkScale(scale, "scale");
    let c = this.toScaled(scale);
    if (c === undefined) {
      if (mode === undefined) {
        throw new DecimalError("inexact", `${this.toString()} has more than ${scale} decimal places; give a rounding mode`);
      }
      const q = divRound(this.coefficient, pow10(this.scale - scale), mode, undefined);
      if (typeof q !== "bigint") throw tieError(q, this.toString(), new Decimal(1n, scale).toString());
      c = q;
    }
    const negative = c < 0n;
    let digits = (negative ? -c : c).toString();
    if (scale > 0) {
      if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
      digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
    }
    return negative ? "-" + digits : digits;
  }

  /** The canonical string, so JSON output carries decimals as strings. */
  toJSON(): string {
    return this.toString();
  }

  /** Allows string conversion (template literals, `String(d)`); refuses numeric and default conversion. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TypeError(`a Decimal (${this.toString()}) cannot be converted to a number or compared with operators; use cmp, add, …`);
  }

  /** Node's inspector shows `Decimal(7.3125)`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Decimal(${this.toString()})`;
  }
}

function tieError(code: number, value: string, increment: string): DecimalError {
  return code === TIE_WITHOUT_REFERENCE
    ? new DecimalError("tie-without-reference", `${value} is halfway between two multiples of ${increment} and no reference was given`)
    : new DecimalError("reference-at-tie", `${value} is halfway between two multiples of ${increment} and the reference equals it`);
}

function checkIncrement(increment: Decimal): void {
  if (increment.coefficient <= 0n) {
    throw new DecimalError("invalid-increment", `a rounding increment must be positive, got ${increment.toString()}`);
  }
}

/** x / increment as num / den with den > 0 (increment > 0), choosing the smaller power of ten. */
function ratio(x: Decimal, increment: Decimal): [bigint, bigint] {
  const sx = x.scale;
  const si = increment.scale;
  return sx >= si ? [x.coefficient, increment.coefficient * pow10(sx - si)] : [x.coefficient * pow10(si - sx), increment.coefficient];
}

function roundCore(x: Decimal, increment: Decimal, mode: RoundingMode, reference: Decimal | undefined): Decimal | number {
  checkIncrement(increment);
  const [num, den] = ratio(x, increment);
  const refSide = mode === "half-toward-reference" && reference !== undefined ? reference.cmp(x) : undefined;
  const n = divRound(num, den, mode, refSide);
  if (typeof n !== "bigint") return n;
  return Decimal.fromParts(n * increment.coefficient, increment.scale);
}

/**
 * Rounds `x` to a multiple of `increment` (a positive decimal such as 0.01, 0.005, 0.25 or 5) with `mode`.
 * The result is exactly n × increment and carries the increment's scale. For negative values the modes
 * are symmetric about zero where their names say so: `half-up` sends −7.3125 to −7.313 (away from zero),
 * `down` truncates toward zero, `floor` and `ceiling` go toward −∞ and +∞.
 * With `half-toward-reference`, a value exactly halfway goes to the neighbouring multiple on the side of
 * `reference` (e.g. the prior settlement); non-ties round to nearest and ignore the reference.
 * Throws a {@link DecimalError} for a non-positive increment or an unresolved tie (no reference, or a
 * reference equal to the halfway value); {@link tryRoundToIncrement} returns the tie as a value instead.
 */
export function roundToIncrement(x: Decimal, increment: Decimal, mode: RoundingMode, reference?: Decimal): Decimal {
  const r = roundCore(x, increment, mode, reference);
  if (typeof r === "number") throw tieError(r, x.toString(), increment.toString());
  return r;
}

/** Like {@link roundToIncrement}, but an unresolved `half-toward-reference` tie is returned as an error value. */
export function tryRoundToIncrement(x: Decimal, increment: Decimal, mode: RoundingMode, reference?: Decimal): RoundResult {
  const r = roundCore(x, increment, mode, reference);
  if (typeof r !== "number") return { ok: true, value: r };
  return {
    ok: false,
    error: {
      kind: r === TIE_WITHOUT_REFERENCE ? "tie-without-reference" : "reference-at-tie",
      value: x.toString(),
      increment: increment.toString(),
    },
  };
}

/** Whether `x` is an exact integer multiple of the positive `increment` (0 is a multiple of everything). */
export function isMultipleOf(x: Decimal, increment: Decimal): boolean {
  checkIncrement(increment);
  const [num, den] = ratio(x, increment);
  return num % den === 0n;
}

/**
 * The precision of every decimal read from outside the program — market data (observation prices and volumes,
 * fixing values), settlement requests and command-line arguments (positions, prior settlement, bid and offer,
 * strike, determined value) and number literals in `.terms` sources: at most `digits` significant digits, of which
 * at most `scale` decimal places (leading zeros and trailing zeros after the decimal point are not counted, so
 * `0.000001` has 1 digit and 6 places, `1000` has 4 digits). The one place this bound is stated; a value beyond it
 * is refused as `precision-out-of-range`, never rounded or wrapped.
 */
export const INPUT_PRECISION = Object.freeze({ digits: 38, scale: 18 });

/** Why a value read from outside exceeds {@link INPUT_PRECISION}, or undefined when it does not. */
export function inputPrecisionProblem(value: Decimal): string | undefined {
  const d = value.normalize();
  if (d.scale > INPUT_PRECISION.scale) return `has ${d.scale} decimal places; at most ${INPUT_PRECISION.scale} are accepted`;
  const c = d.coefficient < 0n ? -d.coefficient : d.coefficient;
  const digits = c === 0n ? 1 : c.toString().length;
  if (digits > INPUT_PRECISION.digits) return `has ${digits} significant digits; at most ${INPUT_PRECISION.digits} are accepted`;
  return undefined;
}

/** A decimal read from outside: the value, or why not (malformed, or beyond {@link INPUT_PRECISION}). */
export type InputDecimal =
  | { readonly ok: true; readonly value: Decimal }
  | { readonly ok: false; readonly kind: "invalid-number" | "precision-out-of-range"; readonly message: string };

const INPUT_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A short excerpt of text read from outside, for messages: at most 40 characters, quoted, never the whole of a huge field. */
export function excerpt(text: string): string {
  return JSON.stringify(text.length <= 40 ? text : `${text.slice(0, 37)}...`);
}

/**
 * Parses a decimal read from outside (`-?digits(.digits)?`, no exponent, no `_`) within {@link INPUT_PRECISION};
 * never throws. Messages quote at most an excerpt of the text.
 */
export function parseInputDecimal(text: string): InputDecimal {
  if (!INPUT_DECIMAL.test(text)) return { ok: false, kind: "invalid-number", message: `${excerpt(text)} is not a decimal number` };
  // The bound is checked on the text first, so a huge field never becomes a huge bigint.
  const sign = text.charCodeAt(0) === 45 ? 1 : 0;
  const dot = text.indexOf(".");
  let first = sign;
  const intEnd = dot < 0 ? text.length : dot;
  while (first < intEnd && text.charCodeAt(first) === 48) first++;
  let last = text.length;
  if (dot >= 0) while (last > dot + 1 && text.charCodeAt(last - 1) === 48) last--;
  const places = dot < 0 ? 0 : last - dot - 1;
  const intDigits = intEnd - first;
  let lead = 0; // leading zeros after the point of a value below 1
  if (intDigits === 0 && dot >= 0) while (lead < places && text.charCodeAt(dot + 1 + lead) === 48) lead++;
  const digits = intDigits + places - lead;
  if (places > INPUT_PRECISION.scale || digits > INPUT_PRECISION.digits) {
    const problem =
      places > INPUT_PRECISION.scale
        ? `has ${places} decimal places; at most ${INPUT_PRECISION.scale} are accepted`
        : `has ${digits} significant digits; at most ${INPUT_PRECISION.digits} are accepted`;
    return { ok: false, kind: "precision-out-of-range", message: `${excerpt(text)} ${problem}` };
  }
  const r = Decimal.parse(text);
  if (!r.ok) return { ok: false, kind: "invalid-number", message: `${excerpt(text)} is not a decimal number` };
  const problem = inputPrecisionProblem(r.value);
  if (problem !== undefined) return { ok: false, kind: "precision-out-of-range", message: `${excerpt(text)} ${problem}` };
  return r;
}
