/**
 * A seeded mutator of source texts, for the language service's robustness tests and benchmark: small edits of
 * the kinds a person makes mid-edit (characters deleted or inserted, a word or a line cut, duplicated or swapped,
 * the text truncated), applied one after another so that a sequence reads like a session of typing. Deterministic
 * for a seed, so a failure reproduces.
 */
import { random } from "./random.js";

export { random };

/** Pieces of text worth inserting: punctuation that breaks structure, literals, keywords and words of the language. */
const PIECES = [
  "{",
  "}",
  "}\n",
  "{\n",
  '"',
  ",",
  ".",
  ":",
  "/*",
  "*/",
  "//",
  "\n",
  "\r\n",
  " ",
  "\t",
  "0",
  "1.5",
  "25%",
  "1M",
  "16:00",
  "2026-02-30",
  "Europe/London",
  "USD/GPU-hour",
  "future X {\n",
  "calendar C {\n  time zone Europe/London\n}\n",
  "import ",
  'import "x.terms"\n',
  "tick ",
  "per ",
  "on ",
  "the ",
  "last ",
  "index ",
  "underlying ",
  "fallback {\n",
  "1. ",
  "half-even",
  "Friday",
  "NYSE",
  "é",
  "\u{1F600}",
  "\\",
  "'",
  "#",
];

/** One edit: where it starts in the text, how many characters it removes, what it inserts. */
export interface Edit {
  readonly start: number;
  readonly deleted: number;
  readonly inserted: string;
}

/** Applies an edit. */
export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.inserted + text.slice(e.start + e.deleted);
}

function lineBounds(text: string, at: number): [number, number] {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const nl = text.indexOf("\n", at);
  return [start, nl < 0 ? text.length : nl + 1];
}

/** A random edit of `text`, of the kinds a person makes while typing. */
export function randomEdit(text: string, rnd: () => number): Edit {
  const n = text.length;
  const at = Math.floor(rnd() * (n + 1));
  const pick = rnd();
  if (n === 0 || pick < 0.3) {
    const piece = PIECES[Math.floor(rnd() * PIECES.length)]!;
    return { start: at, deleted: 0, inserted: piece };
  }
  if (pick < 0.55) return { start: Math.min(at, n - 1), deleted: 1 + Math.floor(rnd() * Math.min(3, n - at)), inserted: "" };
  if (pick < 0.65) {
    const [s, e] = lineBounds(text, Math.min(at, n - 1));
    return { start: s, deleted: e - s, inserted: "" };
  }
  if (pick < 0.72) {
    const [s, e] = lineBounds(text, Math.min(at, n - 1));
    return { start: e, deleted: 0, inserted: text.slice(s, e) };
  }
  if (pick < 0.8) {
    // A whole word replaced by a piece (a keyword or literal where another was).
    let s = Math.min(at, n - 1);
    while (s > 0 && /\w/.test(text[s - 1]!)) s--;
    let e = s;
    while (e < n && /\w/.test(text[e]!)) e++;
    return { start: s, deleted: e - s, inserted: PIECES[Math.floor(rnd() * PIECES.length)]! };
  }
  if (pick < 0.85) return { start: at, deleted: n - at, inserted: "" };
  // A character typed at the cursor.
  const chars = "abcdefghijklmnopqrstuvwxyz_-0123456789 ";
  return { start: at, deleted: 0, inserted: chars[Math.floor(rnd() * chars.length)]! };
}

/**
 * A session of `count` edits starting from `text`: each edit applies to the text the previous ones made, and
 * every `resetEvery` edits the session starts again from the original (so it never drifts into noise).
 */
export function editSession(text: string, seed: number, count: number, resetEvery = 25): { edit: Edit; text: string }[] {
  const rnd = random(seed);
  const out: { edit: Edit; text: string }[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % resetEvery === 0) {
      out.push({ edit: { start: 0, deleted: current.length, inserted: text }, text });
      current = text;
      continue;
    }
    const edit = randomEdit(current, rnd);
    current = applyEdit(current, edit);
    out.push({ edit, text: current });
  }
  return out;
}
