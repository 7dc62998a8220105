/**
 * The entry point of syntax/: lexes and parses one source file into an AST plus diagnostics, for any input.
 * Chevrotain's errors are turned into curated messages here; nothing after syntax/ sees chevrotain types.
 */
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "chevrotain";
import type { SourceFile, Span } from "../base/source.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileNode } from "./ast.js";
import { parserInstance } from "./parser.js";
import * as T from "./tokens.js";
import { canonicalDecimal, unescapeString, validDate, validTime } from "./literals.js";
import {
  describeExpected,
  describeRule,
  describeToken,
  expectsClosingBrace,
  isStatementBoundaryError,
  suggestKeyword,
  suggestStatementKeyword,
} from "./messages.js";

/** A comment kept for the formatter: its text and span. */
export interface Comment {
  readonly text: string;
  readonly span: Span;
  readonly block: boolean;
}

export interface ParseResult {
  readonly ast: FileNode;
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

function d(code: string, span: Span, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity: "error", message, span, ...extra };
}

/** Parses a source file. Never throws: internal failures become an E9001 diagnostic with an empty tree. */
export function parse(source: SourceFile): ParseResult {
  try {
    return parseUnsafe(source);
  } catch (e) {
    const span = { file: source.path, start: 0, end: 0 };
    return {
      ast: { kind: "File", imports: [], declarations: [], span: { file: source.path, start: 0, end: source.text.length } },
      comments: [],
      diagnostics: [d("E9001", span, `internal error while parsing: ${(e as Error)?.message ?? String(e)}`)],
    };
  }
}

function parseUnsafe(source: SourceFile): ParseResult {
  const file = source.path;
  const text = source.text;
  const diagnostics: Diagnostic[] = [];
  const lexed = T.lexer.tokenize(text);
  const span = (start: number, end: number): Span => ({ file, start, end });
  const tokSpan = (t: IToken): Span => span(t.startOffset, (t.endOffset ?? t.startOffset) + 1);

  for (const err of lexed.errors) {
    const ch = text.slice(err.offset, err.offset + err.length);
    const first = [...ch][0] ?? ch;
    diagnostics.push(
      d("E1001", span(err.offset, err.offset + Math.max(1, first.length)), `unexpected character \`${first}\``, {
        hint: first === "'" ? "strings use double quotes" : first === "#" ? "comments start with `//`" : undefined,
      }),
    );
  }

  const comments: Comment[] = [];
  for (const c of lexed.groups["comments"] ?? []) {
    if (c.tokenType === T.UnterminatedComment) {
      diagnostics.push(d("E1003", span(c.startOffset, c.startOffset + 2), "block comment is never closed", { hint: "close it with `*/`" }));
    }
    comments.push({ text: c.image, span: tokSpan(c), block: c.tokenType !== T.LineComment });
  }

  // Token-level validation; unterminated strings are repaired so parsing can go on.
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    const tt = t.tokenType;
    if (tt === T.UnterminatedString) {
      diagnostics.push(d("E1002", tokSpan(t), "string is never closed", { hint: "add a closing `\"` before the end of the line" }));
      t.tokenType = T.StringLiteral;
      t.tokenTypeIdx = T.StringLiteral.tokenTypeIdx!;
    } else if (tt === T.StringLiteral) {
      const u = unescapeString(t.image);
      if (u.badEscape !== undefined) {
        const at = t.startOffset + 1 + u.badEscape - 1;
        diagnostics.push(d("E1002", span(at, at + 2), "unknown escape sequence in string", { hint: "use \\\", \\\\, \\n, \\t or \\u{…}" }));
      }
    } else if (tt === T.NumberLiteral || tt === T.Percent || tt === T.ScaledNumber) {
      const raw = tt === T.Percent ? t.image.slice(0, -1) : tt === T.ScaledNumber ? t.image.slice(0, -1) : t.image;
      if (canonicalDecimal(raw) === undefined) {
        diagnostics.push(
          d("E1004", tokSpan(t), `malformed number \`${t.image}\``, { hint: "`_` may only separate digits, as in 1_000_000" }),
        );
      }
    } else if (tt === T.DateLiteral && validDate(t.image) === undefined) {
      diagnostics.push(d("E1005", tokSpan(t), `\`${t.image}\` is not a date of the calendar`, { hint: "write dates as YYYY-MM-DD" }));
    } else if (tt === T.TimeLiteral && validTime(t.image) === undefined) {
      diagnostics.push(d("E1006", tokSpan(t), `\`${t.image}\` is not a time of day`, { hint: "write times as HH:MM or HH:MM:SS, from 00:00 to 24:00" }));
    }
    tokens.push(t);
  }

  // Parse; when a line cannot start where it stands (a misspelled keyword, stray text), report it once, drop the
  // rest of that line and parse again, so that one bad line does not cascade into errors on the following ones.
  const parser = parserInstance;
  parser.file = file;
  let input = tokens;
  let ast: FileNode | undefined;
  const skippedLines = new Set<number>();
  for (let attempt = 0; ; attempt++) {
    parser.input = input;
    ast = parser.file_() as FileNode | undefined;
    const bad = attempt < 100 ? parser.errors.find(isLineStartError) : undefined;
    if (!bad) break;
    const at = bad.token;
    const line = at.startLine ?? 0;
    if (!skippedLines.has(line)) {
      skippedLines.add(line);
      const earlier = parser.errors.some((e) => e !== bad && e.token?.startLine === line && e.token.startOffset < at.startOffset);
      if (!earlier) {
        const hint = at.tokenType === T.Identifier ? suggestStatementKeyword(at.image) : undefined;
        diagnostics.push(
          d("E1010", tokSpan(at), `expected ${describeExpected(bad, "statement")}, found ${describeToken(at)}`, {
            hint,
            notes: [`the rest of line ${line} was skipped`],
          }),
        );
      }
    }
    input = dropRestOfLine(input, at);
  }
  const fileNode: FileNode = ast ?? { kind: "File", imports: [], declarations: [], span: span(0, text.length) };

  let lastReported = -1;
  for (const err of parser.errors) {
    const diag = syntaxDiagnostic(err, tokens, text.length, file);
    // One message per position: recovery can report the same spot several times.
    if (diag.span.start === lastReported) continue;
    lastReported = diag.span.start;
    diagnostics.push(diag);
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { ast: { ...fileNode, span: span(0, text.length) }, comments, diagnostics };
}

function syntaxDiagnostic(err: IRecognitionException, tokens: readonly IToken[], textLength: number, file: string): Diagnostic {
  const tok = err.token;
  const atEof = !tok || tok.tokenType === EOF || !Number.isFinite(tok.startOffset);
  const prev = (err as { previousToken?: IToken }).previousToken;
  const ruleStack = err.context?.ruleStack ?? [];
  const rule = ruleStack[ruleStack.length - 1] ?? "file";
  const span: Span = atEof
    ? { file, start: textLength, end: textLength }
    : { file, start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 };
  const context = ruleStack.filter((r) => r !== "file").map(describeRule);
  const expected = describeExpected(err, rule);
  const found = atEof ? "the end of the file" : describeToken(tok);
  const after = prev && Number.isFinite(prev.startOffset) && prev.image ? ` after \`${prev.image}\`` : "";

  // An unclosed `{`: point at the brace that never closes.
  if (atEof && expectsClosingBrace(err)) {
    const open = unmatchedOpenBrace(tokens);
    const labels = open ? [{ span: { file, start: open.startOffset, end: open.startOffset + 1 }, message: "this `{` is never closed" }] : [];
    return d("E1013", span, "unexpected end of file: a block is not closed", { labels, hint: "add `}` at the end of the block", context });
  }
  if (atEof) {
    return d("E1012", span, `unexpected end of file: expected ${expected}${after}`, { context });
  }
  const hint = tok.tokenType === T.Identifier ? suggestKeyword(tok.image, err) : undefined;
  const code = err.name === "MismatchedTokenException" ? "E1011" : "E1010";
  return d(code, span, `expected ${expected}${after}, found ${found}`, { context, hint });
}

/** An error that means "no statement (or declaration) can start here". */
function isLineStartError(err: IRecognitionException): boolean {
  const tok = err.token;
  if (!tok || tok.tokenType === EOF || !Number.isFinite(tok.startOffset)) return false;
  return isStatementBoundaryError(err);
}

/** Removes `at` and the tokens after it on its line, and any block opened there with its contents. */
function dropRestOfLine(tokens: readonly IToken[], at: IToken): IToken[] {
  const i = tokens.indexOf(at);
  if (i < 0) return tokens.slice(1);
  let j = i;
  let depth = 0;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (depth === 0 && j > i && (t.startLine !== at.startLine || t.tokenType === T.RCurly)) break;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly) depth--;
    j++;
    if (depth < 0) break;
  }
  return [...tokens.slice(0, i), ...tokens.slice(j)];
}

function unmatchedOpenBrace(tokens: readonly IToken[]): IToken | undefined {
  const stack: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === T.LCurly) stack.push(t);
    else if (t.tokenType === T.RCurly) stack.pop();
  }
  return stack[stack.length - 1];
}

/** Token types whose image is a keyword, for tools. */
export function isKeywordToken(t: TokenType): boolean {
  return (t.CATEGORIES ?? []).includes(T.KeywordCategory);
}
