/**
 * Integer helpers of the exact number types (decimal.ts, ratio.ts) and of the engine's scaled-integer hot path:
 * the one greatest common divisor and the one power of ten.
 */

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 64; i++, p *= 10n) POW10.push(p);

/** 10^n as a bigint, n ≥ 0; cached for the scales that occur in practice (the cache is bounded). */
export function pow10(n: number): bigint {
  return n < POW10.length ? POW10[n]! : 10n ** BigInt(n);
}

/** The greatest common divisor of |a| and |b| (0 when both are 0). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
