/**
 * Exact rationals for intermediate settlement values. A mean of three prices or a VWAP is in general not a
 * terminating decimal, so intermediate values are kept as a reduced fraction of bigints and only the published
 * value is rounded, once, to its declared increment and mode ({@link Ratio.roundToIncrement}, which agrees with
 * decimal.ts's roundToIncrement on decimals). A ratio prints as a decimal string when it terminates; otherwise
 * as a decimal with its repeating digits in parentheses (202300/3 is `67433.(3)`), or, when the digits before
 * the repetition ends pass {@link MAX_SHOWN_DECIMALS}, that many decimals followed by `…`: never as a fraction,
 * and never silently truncated.
 */
import { Decimal, type RoundingMode } from "./decimal.js";
import { gcd, pow10 } from "./integers.js";

/** An exact rational number num/den with den > 0, reduced. Immutable. */
export class Ratio {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** Zero. */
  static readonly ZERO = new Ratio(0n, 1n);

  /** num/den reduced; den must not be zero. */
  static of(num: bigint, den: bigint = 1n): Ratio {
    if (den === 0n) throw new RangeError("Ratio with a zero denominator");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den);
    return g === 1n || g === 0n ? new Ratio(num, den) : new Ratio(num / g, den / g);
  }

  /** A canonical decimal string (a spec's constant) as a ratio; throws a DecimalError when malformed. */
  static parse(text: string): Ratio {
    return Ratio.fromDecimal(Decimal.of(text));
  }

  /** A decimal as a ratio. */
  static fromDecimal(d: Decimal): Ratio {
    return Ratio.of(d.coefficient, pow10(d.scale));
  }

  /** coefficient × 10^−scale as a ratio. */
  static fromScaled(coefficient: bigint, scale: number): Ratio {
    return Ratio.of(coefficient, pow10(scale));
  }

  add(o: Ratio): Ratio {
    return o.den === this.den ? Ratio.of(this.num + o.num, this.den) : Ratio.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Ratio): Ratio {
    return this.add(o.neg());
  }
  mul(o: Ratio): Ratio {
    return Ratio.of(this.num * o.num, this.den * o.den);
  }
  div(o: Ratio): Ratio {
    if (o.num === 0n) throw new RangeError("division by zero");
    return Ratio.of(this.num * o.den, this.den * o.num);
  }
  neg(): Ratio {
    return new Ratio(-this.num, this.den);
  }
  abs(): Ratio {
    return this.num < 0n ? this.neg() : this;
  }
  cmp(o: Ratio): -1 | 0 | 1 {
    const l = this.num * o.den,
      r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Ratio): boolean {
    return this.num === o.num && this.den === o.den;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  min(o: Ratio): Ratio {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Ratio): Ratio {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** The exact decimal when the ratio terminates, else undefined. */
  toDecimal(): Decimal | undefined {
    let d = this.den;
    let twos = 0,
      fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return undefined;
    const scale = Math.max(twos, fives);
    return Decimal.fromParts((this.num * pow10(scale)) / this.den, scale);
  }

  /**
   * A canonical decimal string when it terminates; else the decimal expansion with the repeating digits in
   * parentheses (`1.(3)` for 4/3, `0.1(6)` for 1/6), or the first {@link MAX_SHOWN_DECIMALS} decimals and `…`
   * when the expansion repeats later than that. Never a fraction; the work is bounded by the decimals shown.
   */
  toString(): string {
    return this.toDecimal()?.toString() ?? repeatingDecimal(this.num, this.den);
  }
  toJSON(): string {
    return this.toString();
  }

  /**
   * Rounds to a multiple of `increment` with `mode`; with `half-toward-reference` a tie goes toward `reference`
   * (a tie without a reference, or with the reference exactly at the tie, throws a RangeError: the caller must
   * supply one).
   */
  roundToIncrement(increment: Decimal, mode: RoundingMode, reference?: Ratio): Decimal {
    if (!increment.isPositive()) throw new RangeError("rounding increment must be positive");
    // this / increment = num·10^s / (den·c).
    const n = this.num * pow10(increment.scale);
    const d = this.den * increment.coefficient;
    let q = n / d; // truncated toward zero
    const r = n - q * d;
    if (r !== 0n) {
      const neg = n < 0n;
      const twice = (r < 0n ? -r : r) * 2n;
      const half = twice === d ? 0 : twice > d ? 1 : -1;
      const away = neg ? q - 1n : q + 1n;
      let up: boolean; // away from zero?
      switch (mode) {
        case "down":
          up = false;
          break;
        case "up":
          up = true;
          break;
        case "floor":
          up = neg;
          break;
        case "ceiling":
          up = !neg;
          break;
        case "half-up":
          up = half >= 0;
          break;
        case "half-down":
          up = half > 0;
          break;
        case "half-even":
          up = half > 0 || (half === 0 && q % 2n !== 0n);
          break;
        case "half-toward-reference": {
          if (half !== 0) {
            up = half > 0;
            break;
          }
          if (reference === undefined) throw new RangeError(`tie at ${this.toString()} with no reference to round toward`);
          const side = reference.cmp(this);
          if (side === 0) throw new RangeError(`reference equals the tie ${this.toString()}`);
          up = neg ? side < 0 : side > 0;
          break;
        }
      }
      if (up) q = away;
    }
    return Decimal.fromParts(q * increment.coefficient, increment.scale);
  }
}

/** The most decimals a non-terminating ratio prints before `…` (its repeating part is shown whole when it fits). */
export const MAX_SHOWN_DECIMALS = 30;

/** num/den (den > 1, not terminating) as `I.F(R)` by long division, remembering each remainder's position. */
function repeatingDecimal(num: bigint, den: bigint): string {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const whole = a / den;
  let r = a % den;
  const seen = new Map<bigint, number>();
  let digits = "";
  while (r !== 0n && digits.length < MAX_SHOWN_DECIMALS) {
    const at = seen.get(r);
    if (at !== undefined) return `${neg ? "-" : ""}${whole}.${digits.slice(0, at)}(${digits.slice(at)})`;
    seen.set(r, digits.length);
    r *= 10n;
    digits += (r / den).toString();
    r %= den;
  }
  const at = seen.get(r);
  if (at !== undefined) return `${neg ? "-" : ""}${whole}.${digits.slice(0, at)}(${digits.slice(at)})`;
  return `${neg ? "-" : ""}${whole}.${digits}…`;
}
