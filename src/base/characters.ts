/**
 * Characters a source text may not contain, and how messages show any character that would not print as itself.
 * A control character or a bidirectional formatting character in a title or clause would travel into the JSON
 * spec, the settlement modules and the readable contract, where it can make text display other than it reads
 * (the "Trojan Source" attack, CVE-2021-42574); the lexer rejects them (E1015) and the diagnostics renderers
 * escape them, so that no message or excerpt prints one raw.
 */

/**
 * The forbidden characters: the C0 controls other than tab, line feed and carriage return (form feed and vertical
 * tab included), DEL, the C1 controls, the bidirectional marks and formatting characters (ALM U+061C, LRM U+200E,
 * RLM U+200F, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069), and the lone surrogates
 * U+D800–U+DFFF that are no character at all.
 */
// Matching control characters is the point of this expression.
/* eslint-disable no-control-regex */
const FORBIDDEN =
  /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/**
 * True for a code point a source text may not contain (see FORBIDDEN), or a string produces with an escape: there
 * the carriage return is forbidden too (a string's line break is `\n`).
 */
export function isForbiddenCodePoint(cp: number, inEscape = false): boolean {
  return (
    (cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && (cp !== 0x0d || inEscape)) ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/** The runs of forbidden characters in a text, in order, at most `limit` of them: start offset and length (UTF-16). */
export function forbiddenRuns(text: string, limit = Infinity): { readonly start: number; readonly length: number }[] {
  const runs: { start: number; length: number }[] = [];
  for (const m of text.matchAll(FORBIDDEN)) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.start + last.length === m.index) last.length += m[0].length;
    else if (runs.length >= limit) break;
    else runs.push({ start: m.index, length: m[0].length });
  }
  return runs;
}

/** The Unicode name of a forbidden character, for messages; `U+XXXX` for the controls without a short name. */
export function characterName(cp: number): string {
  const names: Record<number, string> = {
    0x00: "NUL",
    0x1b: "ESCAPE",
    0x7f: "DELETE",
    0x061c: "ARABIC LETTER MARK",
    0x200e: "LEFT-TO-RIGHT MARK",
    0x200f: "RIGHT-TO-LEFT MARK",
    0x202a: "LEFT-TO-RIGHT EMBEDDING",
    0x202b: "RIGHT-TO-LEFT EMBEDDING",
    0x202c: "POP DIRECTIONAL FORMATTING",
    0x202d: "LEFT-TO-RIGHT OVERRIDE",
    0x202e: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
  };
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = names[cp];
  if (name !== undefined) return `${code} ${name}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `${code} (a lone surrogate)`;
  return `${code} (a control character)`;
}

/**
 * Characters escaped in messages: every forbidden character, plus the carriage return and the line and paragraph
 * separators, which would break a message's line (a line feed is left alone: notes may span lines on purpose).
 */
const UNPRINTABLE = new RegExp(`${FORBIDDEN.source}|[\\r\\u2028\\u2029]`, "g");

/**
 * True when a text may hold a character to escape: the characters UNPRINTABLE matches, and surrogates (paired ones
 * too, which UNPRINTABLE then leaves alone). A regular expression, which V8 compiles to a scan faster than a loop.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this expression.
const MAY_NEED_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;

/** A text with every character that would not print as itself written as `\u{…}`; other text is unchanged. */
export function escapeUnprintable(text: string): string {
  if (!MAY_NEED_ESCAPE.test(text)) return text;
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}
