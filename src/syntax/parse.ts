/**
 * The entry point of syntax/: lexes and parses one source file into an AST plus diagnostics, for any input.
 * Chevrotain's errors are turned into curated messages here; nothing after syntax/ sees chevrotain types.
 */
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "chevrotain";
import type { SourceFile, Span } from "../base/source.js";
import { Codes, diag, type Code, type Diagnostic } from "../diagnostics/index.js";
import type { FileNode } from "./ast.js";
import { lineBreakBetween, parserInstance } from "./parser.js";
import * as T from "./tokens.js";
import {
  PRECISION_WORDS,
  canonicalDecimal,
  expandScaled,
  literalPrecisionProblem,
  unescapeString,
  validDate,
  validTime,
} from "./literals.js";
import { firstMistake, isClockTimeEcho } from "./first-mistakes.js";
import {
  afterCommaWords,
  contextOf,
  describeExpected,
  describeToken,
  expectedKeywords,
  expectsClosingBrace,
  isStatementBoundaryError,
  isTopLevelError,
  shorten,
  statementExamples,
  stepWords,
  suggestKeyword,
} from "./messages.js";

/** A comment kept for the formatter: its text and span. */
export interface Comment {
  readonly text: string;
  readonly span: Span;
  readonly block: boolean;
}

/** What `parse` returns: the (possibly partial) tree, every comment, and the syntax diagnostics in source order. */
export interface ParseResult {
  readonly ast: FileNode;
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
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
      diagnostics: [diag(Codes.InternalError, span, `internal error while parsing: ${(e as Error)?.message ?? String(e)}`)],
    };
  }
}

/** The text of the file being parsed, for the line questions of the diagnostics below (parse is synchronous). */
let currentText = "";

/** The keywords that start a declaration. */
const declarationKeywords: ReadonlySet<TokenType> = new Set([T.Calendar, T.Index, T.Future, T.Option, T.Spread]);
/** The words that may start a statement, and a top-level item, as the grammar says; computed on first use. */
let statementStarts: readonly string[] | undefined;
let fileStarts: readonly string[] | undefined;

/** The keywords that can come first in a rule, from the grammar's content assist. */
function firstWords(rule: string): string[] {
  const words = parserInstance.computeContentAssist(rule, []).map((p) => p.nextTokenType.LABEL?.replace(/^`|`$/g, ""));
  return [...new Set(words.filter((w): w is string => w !== undefined))];
}

function parseUnsafe(source: SourceFile): ParseResult {
  const file = source.path;
  const text = source.text;
  const lexical: Diagnostic[] = [];
  const lexed = T.lexer.tokenize(text);
  const span = (start: number, end: number): Span => ({ file, start, end });
  const tokSpan = (t: IToken): Span => span(t.startOffset, (t.endOffset ?? t.startOffset) + 1);

  let skipUntil = -1;
  for (const err of lexed.errors) {
    if (err.offset < skipUntil) continue;
    const ch = text.slice(err.offset, err.offset + err.length);
    const first = [...ch][0] ?? ch;
    const close = first === "'" ? singleQuotedEnd(text, err.offset) : undefined;
    if (close !== undefined) {
      // A whole 'single-quoted string' is one mistake, reported once over all of it.
      skipUntil = close;
      const body = text.slice(err.offset + 1, close - 1);
      lexical.push(
        diag(Codes.UnexpectedCharacter, span(err.offset, close), "unexpected character `'`: strings use double quotes", {
          hint: `write "${shorten(body)}"`,
        }),
      );
      continue;
    }
    lexical.push(
      diag(Codes.UnexpectedCharacter, span(err.offset, err.offset + Math.max(1, first.length)), `unexpected character \`${first}\``, {
        hint: characterHints[first],
      }),
    );
  }

  const comments: Comment[] = [];
  let unclosedCommentAt = Infinity;
  for (const c of lexed.groups["comments"] ?? []) {
    if (c.tokenType === T.UnterminatedComment) {
      unclosedCommentAt = Math.min(unclosedCommentAt, c.startOffset);
      lexical.push(
        diag(Codes.UnterminatedComment, span(c.startOffset, c.startOffset + 2), "block comment is never closed", {
          hint: "close it with `*/`",
        }),
      );
    }
    comments.push({ text: c.image, span: tokSpan(c), block: c.tokenType !== T.LineComment });
  }

  // Token-level validation; unterminated strings are repaired so parsing can go on.
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    const tt = t.tokenType;
    if (tt === T.UnterminatedString) {
      lexical.push(
        diag(Codes.UnterminatedString, tokSpan(t), "string is never closed", { hint: 'add a closing `"` before the end of the line' }),
      );
      t.tokenType = T.StringLiteral;
      t.tokenTypeIdx = T.StringLiteral.tokenTypeIdx!;
    } else if (tt === T.StringLiteral) {
      const u = unescapeString(t.image);
      if (u.badEscape !== undefined) {
        const at = t.startOffset + u.badEscape;
        lexical.push(
          diag(Codes.UnterminatedString, span(at, Math.min(at + 2, t.startOffset + t.image.length)), "unknown escape sequence in string", {
            hint: 'use \\", \\\\, \\n, \\t or \\u{…}',
          }),
        );
      }
    } else if (tt === T.NumberLiteral || tt === T.Percent || tt === T.ScaledNumber) {
      const raw = tt === T.NumberLiteral ? t.image : t.image.slice(0, -1);
      const canonical = canonicalDecimal(raw);
      if (canonical === undefined) {
        lexical.push(
          diag(Codes.InvalidNumber, tokSpan(t), `malformed number \`${t.image}\``, {
            hint: "`_` may only separate digits, as in 1_000_000",
          }),
        );
      } else {
        const problem = literalPrecisionProblem(tt === T.ScaledNumber ? (expandScaled(t.image) ?? canonical) : canonical);
        if (problem !== undefined)
          lexical.push(
            diag(Codes.PrecisionOutOfRange, tokSpan(t), `number out of range: ${problem}`, {
              hint: `numbers have ${PRECISION_WORDS}`,
            }),
          );
      }
    } else if (tt === T.DateLiteral && validDate(t.image) === undefined) {
      lexical.push(diag(Codes.InvalidDateLiteral, tokSpan(t), `\`${t.image}\` is not a date of the calendar`, { hint: dateHint(t.image) }));
    } else if (tt === T.TimeLiteral && validTime(t.image) === undefined) {
      lexical.push(
        diag(Codes.InvalidTimeLiteral, tokSpan(t), `\`${t.image}\` is not a time of day`, {
          hint: "write times as HH:MM or HH:MM:SS, from 00:00 to 24:00",
        }),
      );
    }
    tokens.push(t);
  }

  // Parse; when a line cannot start where it stands (a misspelled keyword, stray text), report it once, drop the
  // rest of that line and parse again, so that one bad line does not cascade into errors on the following ones.
  const syntax: Diagnostic[] = [];
  const parser = parserInstance;
  parser.file = file;
  parser.text = text;
  currentText = text;
  // Blocks still open at the end of the file are closed by invented braces at the very end, so that recovery keeps
  // every declaration instead of abandoning the whole file; the missing braces are reported below as E1013.
  const closers = missingClosers(tokens, source);
  let input = closers.length > 0 ? [...tokens, ...closers] : tokens;
  let ast: FileNode | undefined;
  const skippedLines = new Set<number>();
  for (let attempt = 0; ; attempt++) {
    parser.input = input;
    ast = parser.file_() as FileNode | undefined;
    const bad = attempt < 100 ? parser.errors.find(isLineStartError) : undefined;
    if (!bad) break;
    const at = bad.token;
    const line = source.position(at.startOffset).line;
    if (!skippedLines.has(line)) {
      skippedLines.add(line);
      const earlier = parser.errors.some(
        (e) =>
          e !== bad &&
          e.token !== undefined &&
          e.token.startOffset < at.startOffset &&
          Number.isFinite(e.token.startOffset) &&
          !lineBreakBetween(text, e.token.startOffset, at.startOffset),
      );
      const i = input.indexOf(at);
      if (!earlier && !isClockTimeEcho(input[i - 1], input[i - 2])) syntax.push(lineStartDiagnostic(bad, input, tokens, file, line));
    }
    input = dropRestOfLine(input, at);
  }
  const fileNode: FileNode = ast ?? { kind: "File", imports: [], declarations: [], span: span(0, text.length) };

  let lastReported = -1;
  for (const err of parser.errors) {
    const d = syntaxDiagnostic(err, tokens, text.length, file);
    // One message per position: recovery can report the same spot several times.
    if (d === undefined || d.span.start === lastReported) continue;
    lastReported = d.span.start;
    syntax.push(d);
  }
  if (closers.length > 0 && !syntax.some((d) => d.span.start === text.length)) {
    // A truncated statement at the end already explains the missing brace; otherwise say which block is open.
    const open = unmatchedOpenBrace(tokens);
    const decl = declarationAt(tokens, text.length);
    syntax.push(
      diag(Codes.UnclosedBlock, span(text.length, text.length), "unexpected end of file: a block is not closed", {
        labels: open ? [{ span: span(open.startOffset, open.startOffset + 1), message: "this `{` is never closed" }] : [],
        hint: "add `}` at the end of the block",
        context: decl ? [decl] : [],
      }),
    );
  }

  // One syntax error per line: what follows the first error on a line (or a bad character or literal before it) is
  // nearly always its echo. An unclosed block is reported anyway, unless a comment that never closes swallowed it.
  const lineOf = (offset: number): number => source.position(offset).line;
  const firstOnLine = new Map<number, number>();
  for (const d of lexical) {
    const line = lineOf(d.span.start);
    firstOnLine.set(line, Math.min(firstOnLine.get(line) ?? Infinity, d.span.start));
  }
  const kept: Diagnostic[] = [];
  for (const d of [...syntax].sort((a, b) => a.span.start - b.span.start)) {
    if (d.span.start >= unclosedCommentAt) continue;
    const line = lineOf(d.span.start);
    const first = firstOnLine.get(line);
    if (first !== undefined && first <= d.span.start && d.code !== Codes.UnclosedBlock) continue;
    if (first === undefined || d.span.start < first) firstOnLine.set(line, d.span.start);
    kept.push(d);
  }
  const diagnostics = [...lexical, ...kept].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { ast: { ...fileNode, span: span(0, text.length) }, comments, diagnostics };
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

function validToken(t: IToken | undefined): t is IToken {
  return t !== undefined && t.tokenType !== EOF && Number.isFinite(t.startOffset) && !t.isInsertedInRecovery;
}

/** The declaration the offset lies in, as `future FOTI`, found from the tokens (the tree may be partial). */
function declarationAt(tokens: readonly IToken[], offset: number): string | undefined {
  let depth = 0;
  let current: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startOffset >= offset) break;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) current = undefined;
    } else if (depth === 0 && declarationKeywords.has(t.tokenType)) {
      const name = tokens[i + 1];
      current = name?.tokenType === T.Identifier ? `${t.image} ${name.image}` : t.image;
    }
  }
  return current;
}

function contextFor(err: IRecognitionException, tokens: readonly IToken[], offset: number): string[] {
  const decl = declarationAt(tokens, offset);
  return [...(decl ? [decl] : []), ...contextOf(err.context?.ruleStack ?? [])];
}

/** A word that cannot start a statement where one must start: a misspelt keyword, or a statement broken wrongly. */
function lineStartDiagnostic(
  err: IRecognitionException,
  input: readonly IToken[],
  tokens: readonly IToken[],
  file: string,
  line: number,
): Diagnostic {
  const at = err.token;
  const span: Span = { file, start: at.startOffset, end: (at.endOffset ?? at.startOffset) + 1 };
  const i = input.indexOf(at);
  const prev = i > 0 ? input[i - 1] : undefined;
  const notes = [`the rest of line ${line} was skipped`];
  const context = contextFor(err, tokens, at.startOffset);
  const ruleStack = err.context?.ruleStack ?? [];
  const found = describeToken(at);
  if (isTopLevelError(err)) return topLevelDiagnostic(at, span, notes);

  // The statement before it is complete, yet the line goes on.
  if (validToken(prev) && !lineBreakBetween(currentText, prev.endOffset, at.startOffset) && prev.tokenType !== T.LCurly) {
    const hint = afterCommaWords.has(at.image) ? `put a \`,\` before \`${at.image}\`` : "start each statement on a line of its own";
    return diag(Codes.UnexpectedToken, span, `expected the end of the statement after \`${shorten(prev.image)}\`, found ${found}`, {
      context,
      notes,
      hint,
    });
  }
  const expected = describeExpected(err, ruleStack);
  const inBlock = ruleStack[ruleStack.length - 1] === "block";
  statementStarts ??= firstWords("statement");
  const pool = inBlock ? statementStarts : expectedKeywords(err).filter((w) => w !== "}");
  const suggestion =
    at.tokenType === T.Identifier || at.tokenType === T.OrdinalWord
      ? suggestKeyword(at.image, pool.length > 0 ? pool : T.keywords)
      : undefined;
  const declKind = context[0]?.split(" ")[0];
  const example = inBlock ? (declKind ? statementExamples[declKind] : undefined) : expected.example;
  const inSteps = ruleStack[ruleStack.length - 1] === "dailySettlementStmt" || ruleStack[ruleStack.length - 1] === "fallbackStmt";
  const stepHint =
    inSteps && stepWords.has(at.image) ? `every step starts with its number and a dot, as in \`2. ${at.image} …\`` : undefined;
  const hint = stepHint ?? suggestion ?? example;
  if (!stepHint && suggestion && example) notes.push(example);
  if (!suggestion && at.tokenType === T.Identifier && validToken(prev) && inBlock) {
    notes.push(`\`${shorten(at.image)}\` cannot start a statement; if it belongs to the line above, join the two lines`);
  }
  return diag(Codes.UnexpectedToken, span, `expected ${expected.what}, found ${found}`, { context, notes, hint });
}

/** Text at the top level of a file that starts no import or declaration, such as a stray `}`. */
function topLevelDiagnostic(tok: IToken, span: Span, notes: readonly string[] = []): Diagnostic {
  if (tok.tokenType === T.RCurly) {
    return diag(Codes.UnexpectedToken, span, "unexpected `}`: no block is open here", {
      hint: "remove it, or look above for a block that was closed too early",
    });
  }
  fileStarts ??= firstWords("file");
  const suggestion = tok.tokenType === T.Identifier ? suggestKeyword(tok.image, fileStarts) : undefined;
  return diag(Codes.UnexpectedToken, span, `expected an \`import\` or a declaration, found ${describeToken(tok)}`, {
    notes,
    hint: suggestion ?? "a file holds imports and declarations that start with `calendar`, `index`, `future`, `option` or `spread`",
  });
}

/** The curated diagnostic of one parser error, or undefined when the error only echoes one reported elsewhere. */
function syntaxDiagnostic(err: IRecognitionException, tokens: readonly IToken[], textLength: number, file: string): Diagnostic | undefined {
  const tok = err.token;
  const atEof = !validToken(tok);
  const rawPrev = (err as { previousToken?: IToken }).previousToken;
  // Recovery can leave a "previous" token that is not before the error; such a token explains nothing.
  const prev = validToken(rawPrev) && (atEof || (rawPrev.endOffset ?? 0) < tok.startOffset) ? rawPrev : undefined;
  const ruleStack = err.context?.ruleStack ?? [];
  const span: Span = atEof
    ? { file, start: textLength, end: textLength }
    : { file, start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 };
  const context = contextFor(err, tokens, atEof ? textLength : tok.startOffset);
  const after = prev ? ` after \`${shorten(prev.image)}\`` : "";

  // An unclosed `{`: point at the brace that never closes.
  if (atEof && expectsClosingBrace(err)) {
    const open = unmatchedOpenBrace(tokens);
    // With no `{` left open, the block's `{` itself was missing, and that was reported where it belonged.
    if (!open) return undefined;
    const labels = [{ span: { file, start: open.startOffset, end: open.startOffset + 1 }, message: "this `{` is never closed" }];
    return diag(Codes.UnclosedBlock, span, "unexpected end of file: a block is not closed", {
      labels,
      hint: "add `}` at the end of the block",
      context,
    });
  }
  const expected = describeExpected(err, ruleStack);
  if (atEof) {
    return diag(Codes.UnexpectedEndOfFile, span, `unexpected end of file: expected ${expected.what}${after}`, {
      context,
      hint: expected.example,
    });
  }
  if (isTopLevelError(err)) return topLevelDiagnostic(tok, span);

  const code: Code = err.name === "MismatchedTokenException" ? Codes.MissingToken : Codes.UnexpectedToken;
  // The mistakes newcomers make first, said in their own terms (first-mistakes.ts).
  const lineEnd = prev !== undefined && lineBreakBetween(currentText, prev.endOffset, tok.startOffset) && prev.tokenType !== T.LCurly;
  const mistake = firstMistake(tok, prev, ruleStack, lineEnd);
  if (mistake) {
    const end = (prev?.endOffset ?? tok.startOffset) + 1;
    return diag(code, lineEnd ? { file, start: end, end } : span, mistake.message, { context, hint: mistake.hint });
  }
  // A missing comma before a word that only follows one: say so where the comma belongs.
  if (expectedKeywords(err).includes(",") && afterCommaWords.has(tok.image)) {
    return diag(code, span, `expected \`,\` before \`${tok.image}\``, { context, hint: `write \`, ${tok.image} …\`` });
  }
  // When the statement stopped at the end of its line, point there, not at the next line's first word.
  if (
    prev &&
    lineBreakBetween(currentText, prev.endOffset, tok.startOffset) &&
    prev.tokenType !== T.LCurly &&
    prev.tokenType !== T.RCurly
  ) {
    const end = (prev.endOffset ?? prev.startOffset) + 1;
    return diag(code, { file, start: end, end }, `expected ${expected.what}${after}, found the end of the line`, {
      context,
      hint: expected.example,
    });
  }
  const pool = expectedKeywords(err).filter((w) => w !== "}");
  const suggestion = tok.tokenType === T.Identifier ? suggestKeyword(tok.image, pool.length > 0 ? pool : T.keywords) : undefined;
  return diag(code, span, `expected ${expected.what}${after}, found ${describeToken(tok)}`, {
    context,
    hint: suggestion ?? expected.example,
    notes: suggestion && expected.example ? [expected.example] : undefined,
  });
}

/** An error that means "no statement (or declaration) can start here". */
function isLineStartError(err: IRecognitionException): boolean {
  return validToken(err.token) && isStatementBoundaryError(err);
}

/** Removes `at` and the tokens after it on its line, and any block opened there with its contents. */
function dropRestOfLine(tokens: readonly IToken[], at: IToken): IToken[] {
  const i = tokens.indexOf(at);
  if (i < 0) return tokens.slice(1);
  let j = i;
  let depth = 0;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (depth === 0 && j > i && (lineBreakBetween(currentText, at.startOffset, t.startOffset) || t.tokenType === T.RCurly)) break;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly) depth--;
    j++;
    if (depth < 0) break;
  }
  return [...tokens.slice(0, i), ...tokens.slice(j)];
}

/** One invented `}` at the end of the text for each `{` that is never closed; marked as inserted by recovery. */
function missingClosers(tokens: readonly IToken[], source: SourceFile): IToken[] {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly && depth > 0) depth--;
  }
  if (depth === 0) return [];
  const end = source.text.length;
  // Only now: the position builds the file's line index, which a well-formed file does not need here.
  const at = source.position(end);
  return Array.from({ length: depth }, () => ({
    image: "}",
    startOffset: end,
    endOffset: end - 1,
    startLine: at.line,
    endLine: at.line,
    startColumn: at.column,
    endColumn: at.column,
    tokenType: T.RCurly,
    tokenTypeIdx: T.RCurly.tokenTypeIdx!,
    isInsertedInRecovery: true,
  }));
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
