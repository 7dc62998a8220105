/**
 * "Did you mean …?" suggestions for unknown names, words and units, used by every phase that reports one.
 * Candidates are ranked by Damerau–Levenshtein distance (insertions, deletions, substitutions and swaps of
 * neighbouring characters), compared case-insensitively, with a threshold that grows with the word's length;
 * ties go to the earlier candidate, so callers control precedence by the order they pass candidates in.
 *
 * The work is bounded, since the words come from untrusted sources: a word longer than MAX_SUGGESTION_LENGTH gets no
 * suggestion, the distance stops as soon as it exceeds the threshold, and a run of the checker can cap the total work
 * of all its suggestions (`limitSuggestionWork`), so that a file with thousands of unknown names among thousands of
 * declarations stays linear: past the cap, unknown names are reported without a hint.
 */

/** Words longer than this (in code points) get no suggestion: no name or word of the language is that long. */
export const MAX_SUGGESTION_LENGTH = 64;

/**
 * The unrestricted Damerau–Levenshtein distance between two strings, counted in code points. With `max`, the answer
 * is exact up to `max` and `max + 1` beyond, and the cost is bounded by it: time proportional to the shorter length
 * times `max`, memory to `max` squared (only a band of the table around its diagonal is computed, and only the last
 * `max + 3` rows are kept). Without, the band is the whole table.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  return distance(codePoints(a), codePoints(b), max);
}

/** The code points of a string. */
function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    out.push(cp);
    if (cp > 0xffff) i++;
  }
  return out;
}

function distance(sIn: readonly number[], tIn: readonly number[], limit: number): number {
  const n = sIn.length;
  const m = tIn.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  // Characters as small numbers, so that the per-character tables below are arrays: Latin-1 as it is (the usual
  // case, with no map to build), anything else numbered in order of appearance.
  let s = sIn;
  let t = tIn;
  let alphabet = 256;
  if (sIn.some((c) => c > 255) || tIn.some((c) => c > 255)) {
    const ids = new Map<number, number>();
    const id = (cp: number): number => {
      let k = ids.get(cp);
      if (k === undefined) ids.set(cp, (k = ids.size));
      return k;
    };
    s = sIn.map(id);
    t = tIn.map(id);
    alphabet = ids.size;
  }
  // D(i, j) is the distance between the first i characters of s and the first j of t. Cells with |i - j| > max are
  // more than max and stand as `big`: a value computed from them is more than max too, so every value up to max is
  // exact (the usual banding argument: every step adds a non-negative cost).
  const max = Math.min(limit, Math.max(n, m));
  const big = max + 1;
  const width = 2 * max + 1;
  const rows = Math.min(n + 1, max + 3);
  const ring = new Int32Array(rows * width);
  const at = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    if (Math.abs(i - j) > max) return big;
    return ring[(i % rows) * width + (j - i + max)]!;
  };
  // Last row in which each character of s was seen, and last column before the current row's band in which each
  // character of t was seen (1-based, 0 for none).
  const lastRow = new Int32Array(alphabet);
  const lastBeforeBand = new Int32Array(alphabet);
  let bandStart = 1;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    for (; bandStart < from; bandStart++) lastBeforeBand[t[bandStart - 1]!] = bandStart;
    const c = s[i - 1]!;
    let lastMatchCol = lastBeforeBand[c]!;
    // The smallest value of the row: no later row goes below it (each step adds to a value of a row at or above),
    // so once it exceeds max, so does the distance.
    let rowMin = i <= max ? i : big;
    for (let j = from; j <= to; j++) {
      const i1 = lastRow[t[j - 1]!]!;
      const j1 = lastMatchCol;
      const cost = c === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      let v = Math.min(at(i - 1, j - 1) + cost, at(i, j - 1) + 1, at(i - 1, j) + 1);
      // A transposition: the row i1 - 1 it reads is kept when it can still give a value up to max.
      if (i1 > 0 && j1 > 0) {
        const gap = i - i1 - 1 + 1 + (j - j1 - 1);
        if (gap <= max && i - (i1 - 1) < rows) v = Math.min(v, at(i1 - 1, j1 - 1) + gap);
      }
      if (v > big) v = big;
      ring[(i % rows) * width + (j - i + max)] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return limit + 1;
    lastRow[c] = i;
  }
  const result = at(n, m);
  return result > limit ? limit + 1 : result;
}

/** Options of `suggest`. */
export interface SuggestOptions {
  /** Largest distance still worth suggesting; default max(1, floor(length / 3)) of the misspelt word. */
  readonly maxDistance?: number;
}

/** What suggestions may still compute in the current run, in cells of the distance table; see limitSuggestionWork. */
let workLeft = Infinity;
/** What one comparison costs besides its cells (its tables), counted in cells. */
const CALL_WORK = 256;

/**
 * Caps the work of every suggestion made until the returned function is called (which restores the previous cap):
 * the driver gives each check a budget proportional to the size of its sources. Past it, `suggest` finds nothing.
 */
export function limitSuggestionWork(cells: number): () => void {
  const previous = workLeft;
  workLeft = cells;
  return () => {
    workLeft = previous;
  };
}

/** Adds to the work suggestions may still do under the current cap (nothing to add without a cap). */
export function allowSuggestionWork(cells: number): void {
  workLeft += cells;
}

/** The candidate closest to `word`, or undefined when none is close enough; `word` itself is never suggested. */
export function suggest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  if (word.length === 0 || word.length > 2 * MAX_SUGGESTION_LENGTH || workLeft <= 0) return undefined;
  const chars = codePoints(word.toLowerCase());
  const length = codePoints(word).length;
  if (length > MAX_SUGGESTION_LENGTH) return undefined;
  const limit = options.maxDistance ?? Math.max(1, Math.floor(length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word || candidate === "") continue;
    const bound = Math.min(limit, bestDistance - 1);
    // The difference in length is a lower bound of the distance, so most candidates are skipped cheaply: first by
    // UTF-16 length (a code point is one or two units, and lowering the case never shortens), then exactly.
    if (candidate.length > 2 * (chars.length + bound)) continue;
    const other = codePoints(candidate.toLowerCase());
    if (Math.abs(other.length - chars.length) > bound) continue;
    if (workLeft <= 0) break;
    workLeft -= (chars.length + 2) * (other.length + 2) + CALL_WORK;
    const dist = distance(chars, other, bound);
    if (dist <= bound) {
      best = candidate;
      bestDistance = dist;
    }
  }
  return best;
}

/** A hint such as "did you mean `AITOK_OUT`?", or undefined when nothing is close enough. */
export function hintFor(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const best = suggest(word, candidates, options);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
