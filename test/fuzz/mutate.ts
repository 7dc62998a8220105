/**
 * The fuzzer's mutator: a seeded generator of mutants of the corpus's sources. Mutant `i` of seed `s` depends on
 * nothing but `(s, i)` and the corpus, so any mutant reproduces alone and a run can be cut into slices. Each mutant
 * is one source with one to three mutations of three kinds:
 * - byte: characters deleted, inserted (controls, bidirectional formatting characters, lone surrogates, braces,
 *   quotes, comment openers), duplicated or replaced; the text truncated;
 * - token (with the lexer of src/syntax/): a token deleted, duplicated, swapped or replaced by another token of the
 *   file, a keyword, or a hostile literal of its class (huge, fractional, negative and over-precise numbers,
 *   `24:00`, impossible dates, `__proto__` and other names an object has already, names of 5,000 characters,
 *   strings with escapes of forbidden characters);
 * - structure (statements are lines, blocks run from a line ending in `{` to its `}`): a statement or block
 *   deleted, duplicated, swapped, moved into another block, or copied in from another file of the corpus; a
 *   declaration duplicated under a new name or renamed everywhere; a block nested deeply or repeated many times.
 */
import { scan, KEYWORDS, type ScannedToken } from "../../src/syntax/scan.js";
import type { CorpusFile } from "./corpus.js";
import { random } from "../helpers/random.js";

/** The seed of mutant `index` of run `seed` (a 32-bit mix of both). */
export function mutantSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** One mutant: where it came from, what was done to it, and its text (checked under the original's path). */
export interface Mutant {
  readonly seed: number;
  readonly index: number;
  readonly path: string;
  readonly mutations: readonly string[];
  readonly text: string;
}

type Rng = () => number;
const int = (rnd: Rng, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Rng, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

const LONG = "N".repeat(5_000);

/** Hostile literals by token class. */
const NUMBERS = [
  "0",
  "-1",
  "2.5",
  "0.5",
  "1.0000001",
  "2147483648",
  "9007199254740993",
  "99999999999999999999",
  "1_000_000_000_000_000_000_000",
  "1e5",
  "00",
  "-0",
  `0.${"0".repeat(300)}1`,
  `1${"0".repeat(400)}`,
];
const TIMES = ["24:00", "00:00", "23:59:59", "24:00:00", "25:61", "12:00:60", "00:00:01"];
const DATES = ["2026-02-29", "2024-02-29", "0000-01-01", "9999-12-31", "1900-01-01", "2199-12-31", "2026-13-01", "1970-01-01"];
const PERCENTS = ["0%", "100%", "1000%", "0.00001%", "-5%", "99999999999999999999%"];
const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "CON", "nul", LONG, "Ab", "aB", "É", "x_1"];
const STRINGS = ['""', `"${"s".repeat(10_000)}"`, '"\\u{202E}x"', '"\\u{0}"', '"a\\nb"', '"\\"', '"é\\t"'];
/** Characters worth inserting: controls, bidirectional formatting, BOM, line separators, a lone surrogate, structure. */
const CHARS = [
  "\u0000",
  "\u202E",
  "\u2066",
  "\uFEFF",
  "\r",
  "\t",
  "\u00A0",
  "\u2028",
  "\uD800",
  "\u{1F600}",
  "é",
  '"',
  "{",
  "}",
  "/*",
  "//",
  ",",
  ".",
  ":",
  "\n",
  "-",
  "%",
];

function hostileFor(t: ScannedToken, rnd: Rng): string {
  switch (t.class) {
    case "number":
    case "scaled-number":
    case "ordinal-number":
      return pick(rnd, NUMBERS);
    case "time":
      return pick(rnd, TIMES);
    case "date":
      return pick(rnd, DATES);
    case "percent":
      return pick(rnd, PERCENTS);
    case "string":
      return pick(rnd, STRINGS);
    case "keyword":
      return rnd() < 0.7 ? pick(rnd, KEYWORDS) : pick(rnd, NAMES);
    default:
      return rnd() < 0.6 ? pick(rnd, NAMES) : pick(rnd, KEYWORDS);
  }
}

// ----------------------------------------------------------------------------------------------- structure

/** A unit of structure: a line range [start, end) of a statement or a whole block. */
interface Unit {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
}

/** The statement and block units of a text's lines, and the blocks (line of `{`, line of `}`). */
export function structure(lines: readonly string[]): { units: Unit[]; blocks: { open: number; close: number; depth: number }[] } {
  const units: Unit[] = [];
  const blocks: { open: number; close: number; depth: number }[] = [];
  const stack: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === "" || t.startsWith("//")) continue;
    const opens = t.endsWith("{");
    const closes = t.startsWith("}");
    if (closes && stack.length > 0) {
      const open = stack.pop()!;
      blocks.push({ open, close: i, depth: stack.length });
      units.push({ start: open, end: i + 1, depth: stack.length });
      if (!opens) continue;
    }
    if (opens) stack.push(i);
    else if (!closes) units.push({ start: i, end: i + 1, depth: stack.length });
  }
  return { units, blocks };
}

function structural(text: string, rnd: Rng, corpus: readonly CorpusFile[]): [string, string] {
  const lines = text.split("\n");
  const { units, blocks } = structure(lines);
  if (units.length === 0) return [text + "\n}\n", "structure: a stray `}` appended"];
  const u = pick(rnd, units);
  const chunk = lines.slice(u.start, u.end);
  const where = `lines ${u.start + 1}-${u.end}`;
  // Not `splice(at, del, ...ins)`: a unit repeated thousands of times is more arguments than the call stack holds.
  const splice = (at: number, del: number, ins: readonly string[]): string =>
    lines
      .slice(0, at)
      .concat(ins, lines.slice(at + del))
      .join("\n");
  const op = int(rnd, 11);
  switch (op) {
    case 0:
      return [splice(u.start, u.end - u.start, []), `structure: deleted ${where}`];
    case 1:
      return [splice(u.end, 0, chunk), `structure: duplicated ${where}`];
    case 2: {
      const v = pick(rnd, units);
      if (v.start < u.end && u.start < v.end) return [splice(u.end, 0, chunk), `structure: duplicated ${where}`];
      const [a, b] = u.start < v.start ? [u, v] : [v, u];
      const out = [
        ...lines.slice(0, a.start),
        ...lines.slice(b.start, b.end),
        ...lines.slice(a.end, b.start),
        ...lines.slice(a.start, a.end),
        ...lines.slice(b.end),
      ];
      return [out.join("\n"), `structure: swapped lines ${a.start + 1}-${a.end} and ${b.start + 1}-${b.end}`];
    }
    case 3: {
      if (blocks.length === 0) return [splice(u.start, u.end - u.start, []), `structure: deleted ${where}`];
      const b = pick(rnd, blocks);
      const removed = [...lines];
      removed.splice(u.start, u.end - u.start);
      const at = b.close >= u.end ? b.close - (u.end - u.start) : b.close;
      if (at < 0 || (b.close >= u.start && b.close < u.end)) return [splice(u.start, u.end - u.start, []), `structure: deleted ${where}`];
      removed.splice(at, 0, ...chunk);
      return [removed.join("\n"), `structure: moved ${where} into the block at line ${b.open + 1}`];
    }
    case 4:
    case 5: {
      // A statement or block of another file, into a block of this one (or at the top level).
      const other = pick(rnd, corpus);
      const olines = other.text.split("\n");
      const ounits = structure(olines).units;
      if (ounits.length === 0) return [splice(u.end, 0, chunk), `structure: duplicated ${where}`];
      const ou = pick(rnd, ounits);
      const piece = olines.slice(ou.start, ou.end);
      const target = blocks.length > 0 && ou.depth > 0 ? pick(rnd, blocks).close : lines.length;
      return [splice(target, 0, piece), `structure: lines ${ou.start + 1}-${ou.end} of ${other.path} inserted at line ${target + 1}`];
    }
    case 6: {
      // A declaration duplicated under a new name, or renamed everywhere.
      const decls = lines.flatMap((l, i) => {
        const m = /^(calendar|index|future|option|spread)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(l);
        return m ? [{ line: i, name: m[2]! }] : [];
      });
      if (decls.length === 0) return [splice(u.end, 0, chunk), `structure: duplicated ${where}`];
      const d = pick(rnd, decls);
      const name = pick(rnd, NAMES);
      if (rnd() < 0.5) {
        const re = new RegExp(`\\b${d.name}\\b`, "g");
        return [
          text.replace(re, name),
          `structure: ${d.name} renamed to ${name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name}`,
        ];
      }
      const block = units.find((x) => x.start === d.line && x.depth === 0);
      if (block === undefined) return [text, "structure: nothing"];
      const copy = lines.slice(block.start, block.end);
      copy[0] = copy[0]!.replace(d.name, name);
      return [splice(block.end, 0, copy), `structure: declaration ${d.name} duplicated as ${name.slice(0, 20)}`];
    }
    case 7: {
      // Deep nesting around a unit.
      const k = 4 + int(rnd, rnd() < 0.2 ? 200 : 20);
      const open = rnd() < 0.5 ? "source S {" : "{";
      return [
        splice(u.start, u.end - u.start, [...Array<string>(k).fill(open), ...chunk, ...Array<string>(k).fill("}")]),
        `structure: ${where} nested ${k} deep in \`${open}\``,
      ];
    }
    case 8: {
      // A unit repeated many times: the time per mutant must stay linear in its size.
      const k = 10 + int(rnd, rnd() < 0.2 ? 2_000 : 100);
      return [splice(u.end, 0, Array.from({ length: k }, () => chunk).flat()), `structure: ${where} repeated ${k} times`];
    }
    case 9:
      return [splice(u.start, u.end - u.start, [chunk.join(" ")]), `structure: ${where} joined on one line`];
    default: {
      // A long line of stray words inside a block.
      const words = Array.from({ length: 50 + int(rnd, 2_000) }, () => pick(rnd, ["foo", ",", ".", ":", "1", "on", "{", "the"])).join(" ");
      return [splice(u.start, 0, [words]), `structure: a line of ${words.length} stray characters at line ${u.start + 1}`];
    }
  }
}

// ----------------------------------------------------------------------------------------------- tokens, bytes

function tokenLevel(text: string, rnd: Rng): [string, string] {
  const tokens = scan(text).tokens;
  if (tokens.length === 0) return byteLevel(text, rnd);
  const t = pick(rnd, tokens);
  const at = (s: string): string => `token \`${t.image.length > 20 ? t.image.slice(0, 20) + "…" : t.image}\` at ${t.start}: ${s}`;
  const replace = (s: string): string => text.slice(0, t.start) + s + text.slice(t.end);
  const op = int(rnd, 6);
  if (op === 0) return [replace(""), at("deleted")];
  if (op === 1) return [replace(`${t.image} ${t.image}`), at("duplicated")];
  if (op === 2) {
    const v = pick(rnd, tokens);
    if (v === t) return [replace(""), at("deleted")];
    const [a, b] = t.start < v.start ? [t, v] : [v, t];
    return [
      text.slice(0, a.start) + b.image + text.slice(a.end, b.start) + a.image + text.slice(b.end),
      `tokens at ${a.start} and ${b.start} swapped`,
    ];
  }
  if (op === 3) {
    const v = pick(rnd, tokens);
    return [replace(v.image), at(`replaced by \`${v.image.slice(0, 20)}\``)];
  }
  const h = hostileFor(t, rnd);
  return [replace(h), at(`replaced by \`${h.length > 20 ? `${h.slice(0, 12)}… (${h.length})` : h}\``)];
}

function byteLevel(text: string, rnd: Rng): [string, string] {
  const n = text.length;
  const at = int(rnd, n + 1);
  const op = int(rnd, 6);
  if (op === 0 || n === 0) {
    const c = rnd() < 0.8 ? pick(rnd, CHARS) : String.fromCharCode(int(rnd, 0x10000));
    return [text.slice(0, at) + c + text.slice(at), `byte: U+${c.codePointAt(0)!.toString(16).toUpperCase()} inserted at ${at}`];
  }
  if (op === 1) {
    const k = 1 + int(rnd, 8);
    return [text.slice(0, at) + text.slice(at + k), `byte: ${k} characters deleted at ${at}`];
  }
  if (op === 2) {
    const k = 1 + int(rnd, 64);
    return [text.slice(0, at) + text.slice(at, at + k) + text.slice(at), `byte: ${k} characters duplicated at ${at}`];
  }
  if (op === 3) {
    const c = String.fromCharCode(32 + int(rnd, 95));
    return [text.slice(0, at) + c + text.slice(at + 1), `byte: character at ${at} replaced by \`${c}\``];
  }
  if (op === 4) return [text.slice(0, at), `byte: truncated at ${at}`];
  const k = 1 + int(rnd, 6);
  const junk = Array.from({ length: k }, () => String.fromCharCode(int(rnd, 0x10000))).join("");
  return [text.slice(0, at) + junk + text.slice(at), `byte: ${k} random code units inserted at ${at}`];
}

/** Mutant `index` of run `seed`. */
export function mutantAt(corpus: readonly CorpusFile[], seed: number, index: number): Mutant {
  const rnd = random(mutantSeed(seed, index));
  // Most mutants start from the realistic files of specs/, which check clean, so that they reach build and settle.
  const realistic = corpus.filter((f) => f.path.startsWith("specs/"));
  const base = realistic.length > 0 && rnd() < 0.6 ? pick(rnd, realistic) : pick(rnd, corpus);
  let text = base.text;
  const mutations: string[] = [];
  const count = 1 + (rnd() < 0.5 ? 0 : int(rnd, 3));
  for (let k = 0; k < count; k++) {
    const kind = rnd();
    const [next, what] = kind < 0.25 ? byteLevel(text, rnd) : kind < 0.6 ? tokenLevel(text, rnd) : structural(text, rnd, corpus);
    text = next;
    mutations.push(what);
  }
  return { seed, index, path: base.path, mutations, text };
}
