/**
 * The entry point of syntax/: lexes and parses one source file into an AST plus diagnostics, for any input.
 * Chevrotain's errors are turned into curated messages here; nothing after syntax/ sees chevrotain types.
 */
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "chevrotain";
import type { SourceFile, Span } from "../base/source.js";
import { Codes, diag, type Code, type Diagnostic } from "../diagnostics/index.js";
import type { FileNode } from "./ast.js";
import { lineBreakBetween, MAX_STRAY_LINES_REPORTED, MAX_SYNTAX_ERRORS, parserInstance } from "./parser.js";
import * as T from "./tokens.js";
import { firstMistake, isClockTimeEcho } from "./first-mistakes.js";
import { lexicalDiagnostics, MAX_LEXICAL_ERRORS, type Comment } from "./lexical.js";
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

export { MAX_LEXICAL_ERRORS, type Comment } from "./lexical.js";

/** What `parse` returns: the (possibly partial) tree, every comment, and the syntax diagnostics in source order. */
export interface ParseResult {
  readonly ast: FileNode;
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What the last call of `parse` did, counted: how many times the parser ran over (a prefix of) the tokens, and how
 * many tokens the stray-line recovery skipped. Tests use it to check that recovery is linear without timing it.
 */
export const parseWork = { passes: 0, strayTokensSkipped: 0 };

/** Parses a source file. Never throws: internal failures become an E9001 diagnostic with an empty tree. */
export function parse(source: SourceFile): ParseResult {
  parseWork.passes = 0;
  parseWork.strayTokensSkipped = 0;
  // Chevrotain's recovery creates an exception for each error it meets; their stack traces, which nobody reads,
  // would cost more than the parse itself on a file full of errors.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseUnsafe(source);
  } catch (e) {
    const span = { file: source.path, start: 0, end: 0 };
    return {
      ast: { kind: "File", imports: [], declarations: [], span: { file: source.path, start: 0, end: source.text.length } },
      comments: [],
      diagnostics: [diag(Codes.InternalError, span, `internal error while parsing: ${(e as Error)?.message ?? String(e)}`)],
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    declarationIndex = undefined;
    openBraceIndex = undefined;
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
  const lexed = T.lexer.tokenize(text);
  const span = (start: number, end: number): Span => ({ file, start, end });
  const lexical = lexicalDiagnostics(text, file, lexed);

  // A file with too many lexical errors is read up to the line of the first one past the limit.
  lexical.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let cut: number | undefined;
  if (lexical.diagnostics.length > MAX_LEXICAL_ERRORS) cut = lineStartBefore(source, lexical.diagnostics[MAX_LEXICAL_ERRORS]!.span.start);

  const parser = parserInstance;
  parser.file = file;
  parser.text = text;
  currentText = text;
  let parsed = parseTokens(source, tokensBefore(lexical.tokens, cut));
  if (parser.stoppedAt !== undefined) {
    // Too many syntax errors: the parse stopped where it was and its tree is incomplete; parse again, without the
    // limit, the lines before the one it stopped on, which hold about MAX_SYNTAX_ERRORS errors.
    cut = Math.min(cut ?? Infinity, lineStartBefore(source, parser.stoppedAt));
    parser.errorLimit = Infinity;
    try {
      parsed = parseTokens(source, tokensBefore(lexical.tokens, cut));
    } finally {
      parser.errorLimit = MAX_SYNTAX_ERRORS;
    }
  }
  const { syntax, nesting } = parsed;
  const fileNode: FileNode = parsed.ast ?? { kind: "File", imports: [], declarations: [], span: span(0, text.length) };

  // One syntax error per line: what follows the first error on a line (or a bad character or literal before it) is
  // nearly always its echo. An unclosed block is reported anyway, unless a comment that never closes swallowed it.
  const before = (d: Diagnostic): boolean => cut === undefined || d.span.start < cut;
  const early = [...lexical.diagnostics, ...nesting].filter(before);
  const lineOf = (offset: number): number => source.position(offset).line;
  const firstOnLine = new Map<number, number>();
  for (const d of early) {
    const line = lineOf(d.span.start);
    firstOnLine.set(line, Math.min(firstOnLine.get(line) ?? Infinity, d.span.start));
  }
  const kept: Diagnostic[] = [];
  for (const d of [...syntax].filter(before).sort((a, b) => a.span.start - b.span.start)) {
    if (d.span.start >= lexical.unclosedCommentAt) continue;
    const line = lineOf(d.span.start);
    const first = firstOnLine.get(line);
    if (first !== undefined && first <= d.span.start && d.code !== Codes.UnclosedBlock) continue;
    if (first === undefined || d.span.start < first) firstOnLine.set(line, d.span.start);
    kept.push(d);
  }
  if (cut !== undefined) {
    const line = lineOf(cut);
    const lineText = source.lineText(line);
    const indent = lineText.length - lineText.trimStart().length;
    kept.push(
      diag(
        Codes.TooManySyntaxErrors,
        span(cut + indent, cut + Math.max(indent, lineText.trimEnd().length)),
        `too many syntax errors: the file is not read from line ${line} on`,
        {
          notes: [
            `after ${MAX_LEXICAL_ERRORS} errors in its characters or literals, or ${MAX_SYNTAX_ERRORS} in its grammar, the rest of a file is not read`,
          ],
          hint: "correct the errors above and check again",
        },
      ),
    );
  }
  const diagnostics = [...early, ...kept].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { ast: { ...fileNode, span: span(0, text.length) }, comments: lexical.comments, diagnostics };
}

/** Blocks may be nested at most this deep; the language itself nests them two deep (a source in an index). */
export const MAX_NESTING = 16;

/** The offset where the line holding `offset` starts. */
function lineStartBefore(source: SourceFile, offset: number): number {
  return source.lines[source.position(offset).line - 1]!;
}

/** The tokens that start before `cut` (all of them without a cut); tokens are in offset order. */
function tokensBefore(tokens: readonly IToken[], cut: number | undefined): readonly IToken[] {
  if (cut === undefined) return tokens;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < cut) lo = mid + 1;
    else hi = mid;
  }
  return tokens.slice(0, lo);
}

/**
 * Parses the tokens: nesting bounded (MAX_NESTING), open blocks closed at the end, stray lines reported once. A line
 * that cannot start where it stands (a misspelt keyword, stray text) is reported once and the rest of it skipped,
 * so that one bad line does not cascade into errors on the following ones: inside blocks the parser does this as it
 * goes (grammar/base.ts, skipStrayLines); at the top level of the file, where only the last line can be left over, by
 * dropping it and parsing again.
 */
function parseTokens(
  source: SourceFile,
  all: readonly IToken[],
): { ast: FileNode | undefined; syntax: Diagnostic[]; nesting: Diagnostic[] } {
  const file = source.path;
  const text = source.text;
  const span = (start: number, end: number): Span => ({ file, start, end });
  const tokSpan = (t: IToken): Span => span(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  const { tokens, nesting } = limitNesting(all, file);
  const syntax: Diagnostic[] = [];
  const parser = parserInstance;
  // Blocks still open at the end of the file are closed by invented braces at the very end, so that recovery keeps
  // every declaration instead of abandoning the whole file; the missing braces are reported below as E1013.
  const closers = missingClosers(tokens, source);
  let input = closers.length > 0 ? [...tokens, ...closers] : tokens;
  let ast: FileNode | undefined;
  const skippedLines = new Set<number>();
  const lineStart = (
    bad: IRecognitionException,
    previous: IToken | undefined,
    beforePrevious: IToken | undefined,
    errors: readonly IRecognitionException[],
  ): void => {
    const at = bad.token;
    const line = source.position(at.startOffset).line;
    if (skippedLines.has(line)) return;
    skippedLines.add(line);
    const lineStartsAt = source.lines[line - 1]!;
    const earlier = errors.some(
      (e) =>
        e !== bad &&
        e.token !== undefined &&
        Number.isFinite(e.token.startOffset) &&
        e.token.startOffset < at.startOffset &&
        e.token.startOffset >= lineStartsAt,
    );
    if (!earlier && !isClockTimeEcho(previous, beforePrevious)) syntax.push(lineStartDiagnostic(bad, previous, tokens, file, line));
  };
  let errors: IRecognitionException[] = [];
  const stray = new Set<IRecognitionException>();
  for (let attempt = 0; ; attempt++) {
    parseWork.passes++;
    parser.input = input as IToken[];
    ast = parser.file_() as FileNode | undefined;
    parseWork.strayTokensSkipped += parser.strayTokensSkipped;
    errors = parser.errors;
    stray.clear();
    for (const s of parser.strayLines) {
      stray.add(s.error);
      lineStart(s.error, s.previous, s.beforePrevious, errors);
    }
    const bad = attempt < 10 && parser.stoppedAt === undefined ? errors.find((e) => !stray.has(e) && isLineStartError(e)) : undefined;
    if (!bad) break;
    const i = input.indexOf(bad.token);
    lineStart(bad, i > 0 ? input[i - 1] : undefined, i > 1 ? input[i - 2] : undefined, errors);
    input = dropRestOfLine(input, bad.token);
  }
  const unreported = parser.strayLinesUnreported;
  if (unreported > 0) {
    // Past the limit, stray lines are still skipped one by one, but no longer reported: say how many there were.
    syntax.push(
      diag(
        Codes.UnexpectedToken,
        tokSpan(parser.firstUnreportedStrayLine!),
        `${unreported} more line${unreported === 1 ? "" : "s"} start no statement`,
        {
          notes: [`only the first ${MAX_STRAY_LINES_REPORTED} such lines of a file are reported; the others were skipped as well`],
        },
      ),
    );
  }

  let lastReported = -1;
  for (const err of errors) {
    if (stray.has(err)) continue;
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
  return { ast, syntax, nesting };
}

/**
 * Bounds the nesting of blocks: the contents of a block opened deeper than MAX_NESTING are left out (up to its
 * `}`, or the end), with one error at the first such `{`, so that the parser's recursion stays shallow.
 */
function limitNesting(tokens: readonly IToken[], file: string): { tokens: readonly IToken[]; nesting: Diagnostic[] } {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LCurly) deepest = Math.max(deepest, ++depth);
    else if (t.tokenType === T.RCurly && depth > 0) depth--;
  }
  if (deepest <= MAX_NESTING) return { tokens, nesting: [] };
  const kept: IToken[] = [];
  const nesting: Diagnostic[] = [];
  depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const inside = depth > MAX_NESTING;
    if (t.tokenType === T.LCurly) {
      depth++;
      if (depth === MAX_NESTING + 1) {
        if (nesting.length === 0) {
          nesting.push(
            diag(
              Codes.NestingTooDeep,
              { file, start: t.startOffset, end: t.startOffset + 1 },
              `blocks are nested more than ${MAX_NESTING} deep`,
              {
                notes: ["what this block holds was not read"],
                hint: "the language nests blocks two deep at most (a source in an index, a fallback in a future)",
              },
            ),
          );
        }
        kept.push(t);
        continue;
      }
    } else if (t.tokenType === T.RCurly && depth > 0) {
      depth--;
      if (depth === MAX_NESTING) {
        kept.push(t);
        continue;
      }
    }
    if (!inside) kept.push(t);
  }
  return { tokens: kept, nesting };
}

function validToken(t: IToken | undefined): t is IToken {
  return t !== undefined && t.tokenType !== EOF && Number.isFinite(t.startOffset) && !t.isInsertedInRecovery;
}

/** Where each declaration starts and ends in a token list, for declarationAt; built once per parse. */
let declarationIndex: { tokens: readonly IToken[]; offsets: number[]; names: (string | undefined)[] } | undefined;

/**
 * The declaration the offset lies in, as `future FOTI`, found from the tokens (the tree may be partial): after one
 * pass over the tokens, a binary search, since a file with many errors asks once per error.
 */
function declarationAt(tokens: readonly IToken[], offset: number): string | undefined {
  if (declarationIndex?.tokens !== tokens) declarationIndex = indexDeclarations(tokens);
  const { offsets, names } = declarationIndex;
  // The last change at a token that starts before the offset.
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : names[lo - 1];
}

/** The declaration each token leaves the reader in, recorded where it changes. */
function indexDeclarations(tokens: readonly IToken[]): { tokens: readonly IToken[]; offsets: number[]; names: (string | undefined)[] } {
  const offsets: number[] = [];
  const names: (string | undefined)[] = [];
  let depth = 0;
  let current: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const before = current;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) current = undefined;
    } else if (depth === 0 && declarationKeywords.has(t.tokenType)) {
      const name = tokens[i + 1];
      current = name?.tokenType === T.Identifier ? `${t.image} ${name.image}` : t.image;
    }
    if (current !== before) {
      offsets.push(t.startOffset);
      names.push(current);
    }
  }
  return { tokens, offsets, names };
}

function contextFor(err: IRecognitionException, tokens: readonly IToken[], offset: number): string[] {
  const decl = declarationAt(tokens, offset);
  return [...(decl ? [decl] : []), ...contextOf(err.context?.ruleStack ?? [])];
}

/** A word that cannot start a statement where one must start: a misspelt keyword, or a statement broken wrongly. */
function lineStartDiagnostic(
  err: IRecognitionException,
  prev: IToken | undefined,
  tokens: readonly IToken[],
  file: string,
  line: number,
): Diagnostic {
  const at = err.token;
  const span: Span = { file, start: at.startOffset, end: (at.endOffset ?? at.startOffset) + 1 };
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
  // Whether a line break lies between `at` and the token at j, found token gap by token gap so that each character
  // of the line is looked at once (asking from `at` every time made a long line quadratic).
  let broken = false;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (j > i && !broken) broken = lineBreakBetween(currentText, tokens[j - 1]!.endOffset, t.startOffset);
    if (depth === 0 && j > i && (broken || t.tokenType === T.RCurly)) break;
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
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
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

/** The innermost `{` never closed, cached per parse (each error at the end of the file asks). */
let openBraceIndex: { tokens: readonly IToken[]; open: IToken | undefined } | undefined;

function unmatchedOpenBrace(tokens: readonly IToken[]): IToken | undefined {
  if (openBraceIndex?.tokens === tokens) return openBraceIndex.open;
  const stack: IToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LCurly) stack.push(t);
    else if (t.tokenType === T.RCurly) stack.pop();
  }
  openBraceIndex = { tokens, open: stack[stack.length - 1] };
  return openBraceIndex.open;
}

/** Token types whose image is a keyword, for tools. */
export function isKeywordToken(t: TokenType): boolean {
  return (t.CATEGORIES ?? []).includes(T.KeywordCategory);
}
