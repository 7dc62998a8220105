/**
 * "Did you mean …?" suggestions for unknown names, words and units, used by every phase that reports one.
 * Candidates are ranked by Damerau–Levenshtein distance (insertions, deletions, substitutions and swaps of
 * neighbouring characters), compared case-insensitively, with a threshold that grows with the word's length;
 * ties go to the earlier candidate, so callers control precedence by the order they pass candidates in.
 */

/** The unrestricted Damerau–Levenshtein distance between two strings, counted in code points. */
export function damerauLevenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const n = s.length;
  const m = t.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Lowrance–Wagner: a (n+2)×(m+2) table whose extra first row and column hold a sentinel "infinity".
  const inf = n + m;
  const w = m + 2;
  const d = new Array<number>((n + 2) * w).fill(0);
  const at = (i: number, j: number): number => d[i * w + j]!;
  const set = (i: number, j: number, v: number): void => {
    d[i * w + j] = v;
  };
  set(0, 0, inf);
  for (let i = 0; i <= n; i++) {
    set(i + 1, 0, inf);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= m; j++) {
    set(0, j + 1, inf);
    set(1, j + 1, j);
  }
  // Last row in which each character of `a` was seen.
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    let lastMatchCol = 0;
    for (let j = 1; j <= m; j++) {
      const i1 = lastRow.get(t[j - 1]!) ?? 0;
      const j1 = lastMatchCol;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      set(i + 1, j + 1, Math.min(at(i, j) + cost, at(i + 1, j) + 1, at(i, j + 1) + 1, at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1)));
    }
    lastRow.set(s[i - 1]!, i);
  }
  return at(n + 1, m + 1);
}

/** Options of `suggest`. */
export interface SuggestOptions {
  /** Largest distance still worth suggesting; default max(1, floor(length / 3)) of the misspelt word. */
  readonly maxDistance?: number;
}

/** The candidate closest to `word`, or undefined when none is close enough; `word` itself is never suggested. */
export function suggest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const length = [...word].length;
  if (length === 0) return undefined;
  const limit = options.maxDistance ?? Math.max(1, Math.floor(length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word || candidate === "") continue;
    // The length difference is a lower bound of the distance, so most candidates are skipped cheaply.
    if (Math.abs([...candidate].length - length) > Math.min(limit, bestDistance)) continue;
    const distance = damerauLevenshtein(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A hint such as "did you mean `AITOK_OUT`?", or undefined when nothing is close enough. */
export function hintFor(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const best = suggest(word, candidates, options);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
