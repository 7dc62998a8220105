/**
 * The lexical diagnostics of a file (parse.ts runs them before parsing): forbidden characters, unexpected
 * characters, unclosed block comments, and the literals' own errors (strings, numbers, dates, times), each stage a
 * function below, in that order; also the comments kept for the formatter and the tokens handed to the parser,
 * with unterminated strings repaired so that parsing can go on.
 */
import type { ILexingResult, IToken } from "chevrotain";
import type { Span } from "../base/source.js";
import { characterName, forbiddenRuns, isForbiddenCodePoint } from "../base/characters.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import {
  PRECISION_WORDS,
  canonicalDecimal,
  expandScaled,
  literalPrecisionProblem,
  unescapeString,
  validDate,
  validTime,
} from "./literals.js";
import { shorten } from "./messages.js";
import * as T from "./tokens.js";

/** A comment kept for the formatter: its text and span. */
export interface Comment {
  readonly text: string;
  readonly span: Span;
  readonly block: boolean;
}

/** At most this many errors of characters and literals are reported per file; the file is read up to the next. */
export const MAX_LEXICAL_ERRORS = 100;

/**
 * Each kind of error below is met in offset order, so MAX_LEXICAL_ERRORS + 1 of each are enough to find where the
 * (MAX_LEXICAL_ERRORS + 1)-th of all lies: the rest are not even built.
 */
const ENOUGH = MAX_LEXICAL_ERRORS + 1;

/** Makes the spans of one file. */
interface Spans {
  span(start: number, end: number): Span;
  tokSpan(t: IToken): Span;
}

/** The diagnostics of characters, comments and literals, the comments, and the tokens for the parser. */
export function lexicalDiagnostics(
  text: string,
  file: string,
  lexed: ILexingResult,
): { diagnostics: Diagnostic[]; comments: Comment[]; tokens: IToken[]; unclosedCommentAt: number } {
  const spans: Spans = {
    span: (start, end) => ({ file, start, end }),
    tokSpan: (t) => ({ file, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 }),
  };
  const lexical = [...forbiddenCharacters(text, spans), ...unexpectedCharacters(text, lexed, spans)];
  const { comments, unclosedCommentAt, diagnostics: unclosed } = commentsOf(lexed, spans);
  lexical.push(...unclosed);
  const literals = literalTokens(lexed.tokens, spans);
  lexical.push(...literals.diagnostics);
  return { diagnostics: lexical, comments, tokens: literals.tokens, unclosedCommentAt };
}

/** Control and bidirectional formatting characters, anywhere (base/characters.ts): one error per run of them. */
function forbiddenCharacters(text: string, { span }: Spans): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const run of forbiddenRuns(text, ENOUGH)) {
    const cp = text.codePointAt(run.start)!;
    const more = run.length > String.fromCodePoint(cp).length ? " and the characters after it" : "";
    out.push(
      diag(Codes.ForbiddenCharacter, span(run.start, run.start + run.length), `forbidden character ${characterName(cp)}${more}`, {
        notes: ["control characters and bidirectional formatting characters can make a text display other than it reads"],
        hint: "remove it; in a string, write the text without it",
      }),
    );
  }
  return out;
}

/** Characters the lexer refused (forbidden ones aside); a whole 'single-quoted string' is one mistake. */
function unexpectedCharacters(text: string, lexed: ILexingResult, { span }: Spans): Diagnostic[] {
  const out: Diagnostic[] = [];
  let skipUntil = -1;
  for (const err of lexed.errors) {
    if (out.length >= ENOUGH) break;
    if (err.offset < skipUntil) continue;
    const ch = text.slice(err.offset, err.offset + err.length);
    const first = [...ch][0] ?? ch;
    // Reported by forbiddenCharacters.
    if (isForbiddenCodePoint(first.codePointAt(0) ?? 0)) continue;
    const close = first === "'" ? singleQuotedEnd(text, err.offset) : undefined;
    if (close !== undefined) {
      // A whole 'single-quoted string' is one mistake, reported once over all of it.
      skipUntil = close;
      const body = text.slice(err.offset + 1, close - 1);
      out.push(
        diag(Codes.UnexpectedCharacter, span(err.offset, close), "unexpected character `'`: strings use double quotes", {
          hint: `write "${shorten(body)}"`,
        }),
      );
      continue;
    }
    out.push(
      diag(Codes.UnexpectedCharacter, span(err.offset, err.offset + Math.max(1, first.length)), `unexpected character \`${first}\``, {
        hint: characterHints[first],
      }),
    );
  }
  return out;
}

/** The comments, an error for each block comment never closed, and where the first of those starts. */
function commentsOf(
  lexed: ILexingResult,
  { span, tokSpan }: Spans,
): { comments: Comment[]; unclosedCommentAt: number; diagnostics: Diagnostic[] } {
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  let unclosedCommentAt = Infinity;
  for (const c of lexed.groups["comments"] ?? []) {
    if (c.tokenType === T.UnterminatedComment) {
      unclosedCommentAt = Math.min(unclosedCommentAt, c.startOffset);
      diagnostics.push(
        diag(Codes.UnterminatedComment, span(c.startOffset, c.startOffset + 2), "block comment is never closed", {
          hint: "close it with `*/`",
        }),
      );
    }
    comments.push({ text: c.image, span: tokSpan(c), block: c.tokenType !== T.LineComment });
  }
  return { comments, unclosedCommentAt, diagnostics };
}

/** Token-level validation of literals; unterminated strings are repaired so parsing can go on. */
function literalTokens(lexedTokens: readonly IToken[], spans: Spans): { tokens: IToken[]; diagnostics: Diagnostic[] } {
  const tokens: IToken[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < lexedTokens.length; i++) {
    const t = lexedTokens[i]!;
    // Past enough errors to stop before here, the tokens are still kept (the cut is decided by the caller).
    if (diagnostics.length < ENOUGH) {
      const d = literalDiagnostic(t, spans);
      if (d !== undefined) diagnostics.push(d);
    }
    if (t.tokenType === T.UnterminatedString) {
      t.tokenType = T.StringLiteral;
      t.tokenTypeIdx = T.StringLiteral.tokenTypeIdx!;
    }
    tokens.push(t);
  }
  return { tokens, diagnostics };
}

/** The error of one literal token, if it has one. */
function literalDiagnostic(t: IToken, spans: Spans): Diagnostic | undefined {
  const tt = t.tokenType;
  const { tokSpan } = spans;
  if (tt === T.UnterminatedString)
    return diag(Codes.UnterminatedString, tokSpan(t), "string is never closed", { hint: 'add a closing `"` before the end of the line' });
  if (tt === T.StringLiteral) return stringDiagnostic(t, spans);
  if (tt === T.NumberLiteral || tt === T.Percent || tt === T.ScaledNumber) return numberDiagnostic(t, spans);
  if (tt === T.DateLiteral && validDate(t.image) === undefined)
    return diag(Codes.InvalidDateLiteral, tokSpan(t), `\`${t.image}\` is not a date of the calendar`, { hint: dateHint(t.image) });
  if (tt === T.TimeLiteral && validTime(t.image) === undefined)
    return diag(Codes.InvalidTimeLiteral, tokSpan(t), `\`${t.image}\` is not a time of day`, {
      hint: "write times as HH:MM or HH:MM:SS, from 00:00 to 24:00",
    });
  return undefined;
}

/** An unknown escape sequence, or an escape of a forbidden character, in a string. */
function stringDiagnostic(t: IToken, { span }: Spans): Diagnostic | undefined {
  const u = unescapeString(t.image);
  if (u.badEscape !== undefined) {
    const at = t.startOffset + u.badEscape;
    return diag(Codes.UnterminatedString, span(at, Math.min(at + 2, t.startOffset + t.image.length)), "unknown escape sequence in string", {
      hint: 'use \\", \\\\, \\n, \\t or \\u{…}',
    });
  }
  if (u.forbiddenEscape !== undefined) {
    const at = t.startOffset + u.forbiddenEscape.offset;
    return diag(
      Codes.ForbiddenCharacter,
      span(at, at + u.forbiddenEscape.length),
      `forbidden character ${characterName(u.forbiddenEscape.cp)}`,
      {
        notes: ["control characters and bidirectional formatting characters can make a text display other than it reads"],
        hint: "a string may hold line breaks (`\\n`) and tabs (`\\t`), but no other control or formatting characters",
      },
    );
  }
  return undefined;
}

/** A malformed number, or one beyond the precision numbers have. */
function numberDiagnostic(t: IToken, { tokSpan }: Spans): Diagnostic | undefined {
  const tt = t.tokenType;
  const raw = tt === T.NumberLiteral ? t.image : t.image.slice(0, -1);
  const canonical = canonicalDecimal(raw);
  if (canonical === undefined)
    return diag(Codes.InvalidNumber, tokSpan(t), `malformed number \`${t.image}\``, {
      hint: "`_` may only separate digits, as in 1_000_000",
    });
  const problem = literalPrecisionProblem(tt === T.ScaledNumber ? (expandScaled(t.image) ?? canonical) : canonical);
  if (problem === undefined) return undefined;
  return diag(Codes.PrecisionOutOfRange, tokSpan(t), `number out of range: ${problem}`, { hint: `numbers have ${PRECISION_WORDS}` });
}

const characterHints: Readonly<Record<string, string>> = {
  "'": "strings use double quotes",
  "#": "comments start with `//`",
  ";": "a statement ends with its line; no `;` is needed",
  "(": "the language has no parentheses; write the clause in words",
  ")": "the language has no parentheses; write the clause in words",
};

/** The offset just after the `'` that closes a single-quoted string opened at `start`, on the same line. */
function singleQuotedEnd(text: string, start: number): number | undefined {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || c === "\r" || c === '"') return undefined;
    if (c === "'") return i + 1;
  }
  return undefined;
}

/** A hint for a date that does not exist; when day and month look swapped, the date they probably meant. */
function dateHint(image: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(image);
  if (m && Number(m[2]) > 12 && Number(m[3]) <= 12) return `dates are written YYYY-MM-DD, so this one would be ${m[1]}-${m[3]}-${m[2]}`;
  return "dates are written YYYY-MM-DD and must exist in the calendar";
}
