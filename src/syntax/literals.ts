/**
 * Literal decoding for the parser: strings with escapes, decimals with `_` separators (within the program's input
 * precision, the one bound of runtime/numbers/decimal.ts that market data and requests obey too), dates and times.
 * Pure functions returning undefined for malformed input; the parser turns that into diagnostics.
 */
import { INPUT_PRECISION, parseInputDecimal } from "../runtime/numbers/decimal.js";
import { isForbiddenCodePoint } from "../base/characters.js";

/**
 * Unescapes the body of a double-quoted string literal (`\"`, `\\`, `\n`, `\t`, `\u{…}`). `badEscape` is the
 * offset (in `raw`) of an unknown escape; `forbiddenEscape` the first `\u{…}` that names a forbidden character
 * (base/characters.ts), with its length and code point.
 */
export function unescapeString(raw: string): {
  value: string;
  badEscape?: number;
  forbiddenEscape?: { offset: number; length: number; cp: number };
} {
  const body = raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined) : raw;
  // Most strings have no escape: their value is their body.
  if (!body.includes("\\")) return { value: body };
  const skew = raw.startsWith('"') ? 1 : 0;
  let forbiddenEscape: { offset: number; length: number; cp: number } | undefined;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === "n") out += "\n";
    else if (n === "t") out += "\t";
    else if (n === '"' || n === "\\") out += n;
    else if (n === "u" && body[i + 1] === "{") {
      const close = body.indexOf("}", i);
      const hex = close > 0 ? body.slice(i + 2, close) : "";
      const cp = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? Number.parseInt(hex, 16) : NaN;
      if (!(cp <= 0x10ffff)) return { value: out, badEscape: i };
      if (forbiddenEscape === undefined && isForbiddenCodePoint(cp, true)) {
        forbiddenEscape = { offset: skew + i - 1, length: close - i + 2, cp };
      }
      out += String.fromCodePoint(cp);
      i = close;
    } else return { value: out, badEscape: i };
  }
  return forbiddenEscape === undefined ? { value: out } : { value: out, forbiddenEscape };
}

/** A decimal literal in canonical form: no `_`, no leading zero, no trailing fractional zero, not `-0`. */
const CANONICAL = /^-?(?:[1-9]\d*(?:\.\d*[1-9])?|0\.\d*[1-9])$|^0$/;

/**
 * Canonical form of a decimal literal: underscores only between digits, no leading zeros, no trailing
 * fractional zeros, no "-0". Returns undefined when the literal is malformed (e.g. `1__0`, `1_`, `_1`).
 */
export function canonicalDecimal(raw: string): string | undefined {
  // Most literals are canonical already (`5`, `0.001`, `16`): no separators, no leading or trailing zeros.
  if (CANONICAL.test(raw)) return raw;
  const m = /^(-?)(\d(?:_?\d)*)(?:\.(\d(?:_?\d)*))?$/.exec(raw);
  if (!m) return undefined;
  const sign = m[1]!;
  let int = m[2]!.replaceAll("_", "").replace(/^0+(?=\d)/, "");
  const frac = (m[3] ?? "").replaceAll("_", "").replace(/0+$/, "");
  if (int === "") int = "0";
  const body = frac ? `${int}.${frac}` : int;
  return body === "0" ? "0" : sign + body;
}

/**
 * Why a well-formed number literal, in its canonical form, is more precise than any number the program reads
 * (`INPUT_PRECISION`: significant digits and decimal places), or undefined when it is within the bound.
 */
export function literalPrecisionProblem(canonical: string): string | undefined {
  // A literal this short has at most its length in digits and its length less two (`0.`) in decimal places.
  if (canonical.length <= SHORT_ENOUGH) return undefined;
  const r = parseInputDecimal(canonical);
  return r.ok ? undefined : r.message;
}

/** Literals of at most this many characters are within INPUT_PRECISION whatever their digits. */
const SHORT_ENOUGH = Math.min(INPUT_PRECISION.digits, INPUT_PRECISION.scale + 2);

/** The input precision as words, for hints. */
export const PRECISION_WORDS = `at most ${INPUT_PRECISION.digits} significant digits, of which at most ${INPUT_PRECISION.scale} decimal places`;

/** Expands a compact scaled number (`1M`, `10K`, `1B`) into a canonical decimal. */
export function expandScaled(raw: string): string | undefined {
  const suffix = raw[raw.length - 1];
  const zeros = suffix === "K" ? 3 : suffix === "M" ? 6 : suffix === "B" ? 9 : -1;
  const base = canonicalDecimal(raw.slice(0, -1));
  if (zeros < 0 || base === undefined) return undefined;
  return base === "0" ? "0" : base + "0".repeat(zeros);
}

/** Validates an ISO calendar date; returns it unchanged when it exists. */
export function validDate(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= dim ? raw : undefined;
}

/** Normalises a time of day to HH:MM:SS; undefined when out of range. */
export function validTime(raw: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? "0");
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(h)}:${pad(mi)}:${pad(s)}`;
}
