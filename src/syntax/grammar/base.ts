/**
 * The base of the Termsheet grammar (parser.ts): the chevrotain parser with the stray-line recovery and the helpers
 * that make spans and literals. The rules are defined by the classes that extend it, one file per kind of
 * declaration, chained in the order of the language reference (declarations.ts, calendar.ts, indices.ts,
 * contract.ts, daily.ts, fallback.ts, option.ts, trading-hours.ts, shared.ts): chevrotain numbers the rules in the
 * order they are defined, and grammar/termsheet.ebnf lists them in that order.
 */
import {
  EOF,
  EmbeddedActionsParser,
  MismatchedTokenException,
  type IRecognitionException,
  type IToken,
} from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { errorMessageProvider } from "../messages.js";
import { canonicalDecimal, expandScaled, unescapeString, validDate, validTime } from "../literals.js";
import type { Span } from "../../base/source.js";

export const noAnnotations: A.Annotations = { descriptions: [], clauses: [], effective: [] };

/** The rules whose body is a list of statements (or steps) closed by `}`: where a stray line is skipped. */
const STATEMENT_LISTS: ReadonlySet<string> = new Set(["block", "dailySettlementStmt", "fallbackStmt"]);

/** At most this many stray lines are reported per file; the ones after are skipped all the same, and counted. */
export const MAX_STRAY_LINES_REPORTED = 100;

/**
 * After this many other syntax errors in a file the parser stops (`stoppedAt`): chevrotain's recovery costs tens of
 * microseconds per error, too much for a file that is nothing but errors, and nobody reads the thousandth.
 */
export const MAX_SYNTAX_ERRORS = 100;

/**
 * A line that cannot start a statement where one must start (a misspelt keyword, stray words): the error the
 * parser recorded at its first token, and the last token before it that was not skipped.
 */
export interface StrayLine {
  readonly error: IRecognitionException;
  readonly previous: IToken;
  /** The token before `previous` (undefined at the start of the file). */
  readonly beforePrevious: IToken | undefined;
}

/**
 * The chevrotain internals the recovery uses (chevrotain 11; test/syntax/recovery.test.ts fails if they change): the
 * hook a repetition calls when it ends, the name of the rule being parsed, the method that records an error, the
 * jump to the end of the input, and the message provider.
 */
interface RecoveryInternals {
  attemptInRepetitionRecovery(this: GrammarBase, ...args: unknown[]): void;
  getCurrRuleFullName(): string;
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
  moveToTerminatedState(): void;
  readonly errorMessageProvider: typeof errorMessageProvider;
}

export function mergeAnnotations(a: A.Annotations | undefined, b: A.Annotations | undefined): A.Annotations {
  if (!a || a === noAnnotations) return b ?? noAnnotations;
  if (!b || b === noAnnotations) return a;
  return {
    descriptions: [...a.descriptions, ...b.descriptions],
    clauses: [...a.clauses, ...b.clauses],
    effective: [...a.effective, ...b.effective],
  };
}

/** What a statement rule returns: the statement without its annotations and span, which `statement` adds. */
export type StatementBody = Omit<A.Statement, "annotations" | "span">;

/** The parser without its rules. Rules are class fields of the subclasses, in the order of the language reference. */
export abstract class GrammarBase extends EmbeddedActionsParser {
  /** The file whose spans are being produced; set by parse(). */
  file = "";
  /** The text being parsed (tokens carry offsets only; line breaks are found in the text). */
  text = "";

  /**
   * `validate` runs chevrotain's grammar validations (ambiguities, left recursion). They cost tens of milliseconds
   * at every start, so the process-wide instance skips them and test/syntax/grammar-valid.test.ts runs them.
   */
  constructor(options: { validate?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 4, errorMessageProvider, skipValidations: !options.validate });
    this.installStrayLineRecovery();
  }

  // ---------------------------------------------------------------------------------------------- recovery

  /** The first MAX_STRAY_LINES_REPORTED stray lines of the current parse, in the order met. */
  strayLines: StrayLine[] = [];
  /** How many stray lines there were after those, skipped without an error; and the first token of the first. */
  strayLinesUnreported = 0;
  firstUnreportedStrayLine: IToken | undefined;
  /** Tokens skipped by the stray-line recovery in the current parse (a count the tests use to see it is linear). */
  strayTokensSkipped = 0;
  /** Set when a stray line was skipped and a statement can start after it: the statement list goes on. */
  private resumeStatements = false;
  /** Errors saved in the current parse, stray lines aside. */
  private errorCount = 0;
  /** Where the parser stopped because of too many errors (MAX_SYNTAX_ERRORS), in the current parse. */
  stoppedAt: number | undefined;
  /** How many errors the parser records before it stops; parse.ts lifts it to parse the text before a stop. */
  errorLimit = MAX_SYNTAX_ERRORS;

  override reset(): void {
    super.reset();
    this.errorCount = 0;
    this.stoppedAt = undefined;
    this.strayLines = [];
    this.strayLinesUnreported = 0;
    this.firstUnreportedStrayLine = undefined;
    this.strayTokensSkipped = 0;
    this.resumeStatements = false;
  }

  /**
   * A statement list ends at a token that cannot start a statement. Where a `}` must follow, chevrotain would
   * recover by skipping tokens one at a time up to the next word that can start a statement (often in the middle
   * of the line) and then report every later line that is wrong at once; instead, the whole line is skipped here,
   * with one error at its first token, and the list goes on after it (`statementList`). Each call skips at least
   * one token and each token is looked at once, so recovery is linear in the number of tokens. Every other
   * repetition keeps chevrotain's recovery.
   */
  private installStrayLineRecovery(): void {
    const internals = this as unknown as RecoveryInternals;
    const chevrotainRecovery = internals.attemptInRepetitionRecovery;
    internals.attemptInRepetitionRecovery = function (this: GrammarBase, ...args: unknown[]): void {
      const lookahead = args[2] as () => boolean;
      if (this.stoppedAt === undefined && !this.skipStrayLines(lookahead)) chevrotainRecovery.apply(this, args);
    };
    // Past MAX_SYNTAX_ERRORS the parser jumps to the end of the input; the tree it then returns is incomplete, so
    // parse.ts parses again the text before the place it stopped (once).
    const save = internals.SAVE_ERROR;
    internals.SAVE_ERROR = function (this: GrammarBase, error: IRecognitionException): IRecognitionException {
      if (this.stoppedAt !== undefined) return error;
      if (!this.savingStrayLine && ++this.errorCount > this.errorLimit) {
        // The error is often reported at the token after the statement it is about: stop at that statement.
        const at = error.token;
        const here = at && at.tokenType !== EOF && Number.isFinite(at.startOffset) ? at.startOffset : Infinity;
        const last = this.LA(0);
        const before = last && last.tokenType !== EOF && Number.isFinite(last.startOffset) ? last.startOffset : Infinity;
        this.stoppedAt = Math.min(here, before, this.text.length);
        internals.moveToTerminatedState();
        return error;
      }
      return save.call(this, error);
    };
  }

  /** True while a stray line's error is saved (those have their own limit). */
  private savingStrayLine = false;

  /** Skips the stray lines at the end of a statement list; false when there is none (or this is no such list). */
  private skipStrayLines(lookahead: () => boolean): boolean {
    const internals = this as unknown as RecoveryInternals;
    const rule = internals.getCurrRuleFullName();
    if (!STATEMENT_LISTS.has(rule) || !this.isStray(this.LA(1))) return false;
    const previous = this.LA(0);
    const beforePrevious: IToken | undefined = this.LA(-1);
    do {
      const token = this.LA(1);
      if (this.strayLines.length < MAX_STRAY_LINES_REPORTED) {
        const message = internals.errorMessageProvider.buildMismatchTokenMessage({
          expected: T.RCurly,
          actual: token,
          previous,
          ruleName: rule,
        });
        this.savingStrayLine = true;
        const error = internals.SAVE_ERROR(new MismatchedTokenException(message, token, previous));
        this.savingStrayLine = false;
        this.strayLines.push({ error, previous, beforePrevious });
      } else {
        this.firstUnreportedStrayLine ??= token;
        this.strayLinesUnreported++;
      }
      this.skipRestOfLine();
    } while (this.isStray(this.LA(1)) && !lookahead.call(this));
    this.resumeStatements = this.isStray(this.LA(1));
    return true;
  }

  private isStray(t: IToken): boolean {
    return t.tokenType !== T.RCurly && t.tokenType !== EOF;
  }

  /**
   * Skips the current token and the rest of its line, with any block opened there and its contents (through the
   * line its `}` is on), stopping before a `}` on the line that closes the enclosing block.
   */
  private skipRestOfLine(): void {
    let depth = 0;
    let last = this.skipOne();
    if (last.tokenType === T.LCurly) depth++;
    // Whether the line has ended since the first token, asked gap by gap so that each character is read once.
    let lineEnded = false;
    for (;;) {
      const next = this.LA(1);
      if (next.tokenType === EOF) return;
      lineEnded ||= lineBreakBetween(this.text, last.endOffset, next.startOffset);
      if (depth === 0 && (next.tokenType === T.RCurly || lineEnded)) return;
      last = this.skipOne();
      if (last.tokenType === T.LCurly) depth++;
      else if (last.tokenType === T.RCurly) depth--;
    }
  }

  /** Skips the next token and returns it (chevrotain's SKIP_TOKEN returns the token after it). */
  private skipOne(): IToken {
    const token = this.LA(1);
    this.SKIP_TOKEN();
    this.strayTokensSkipped++;
    return token;
  }

  /** Runs a statement list, and again after each stray line skipped in it, until it ends where a `}` can follow. */
  protected statementList(list: () => void): void {
    list();
    this.ACTION(() => {
      while (this.resumeStatements) {
        this.resumeStatements = false;
        list();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** End offset (exclusive) of the last real token consumed, or 0 at the start of the file. */
  protected prevEnd(): number {
    const last = this.LA(0);
    if (!last || !Number.isFinite(last.startOffset)) return 0;
    // A closing brace that parse.ts supplies for an unclosed block is zero-width at the end of the file.
    if (last.isInsertedInRecovery) return last.startOffset;
    return Number.isFinite(last.endOffset) ? (last.endOffset as number) + 1 : last.startOffset;
  }

  /** A token's span; a token inserted by error recovery gets a zero-width span after the last real token. */
  protected tokSpan(tok: IToken): Span {
    if (!tok || tok.isInsertedInRecovery || !Number.isFinite(tok.startOffset) || !Number.isFinite(tok.endOffset)) {
      const at = this.prevEnd();
      return { file: this.file, start: at, end: at };
    }
    return { file: this.file, start: tok.startOffset, end: (tok.endOffset as number) + 1 };
  }

  /**
   * Span from a start token to the last consumed token. When the rule consumed nothing real (its start token was
   * not consumed, or was inserted by recovery), the span is zero-width after the last real token.
   */
  protected from(start: IToken): Span {
    const end = this.prevEnd();
    const valid = start && !start.isInsertedInRecovery && Number.isFinite(start.startOffset);
    if (!valid || start.startOffset >= end) return { file: this.file, start: end, end };
    return { file: this.file, start: start.startOffset, end };
  }

  protected ident(tok: IToken): A.Ident {
    return { kind: "Ident", name: tok.image, span: this.tokSpan(tok) };
  }
  protected str(tok: IToken): A.StringLit {
    return { kind: "String", value: unescapeString(tok.image).value, raw: tok.image, span: this.tokSpan(tok) };
  }
  protected num(tok: IToken): A.NumberLit {
    const value = tok.tokenType === T.ScaledNumber ? expandScaled(tok.image) : canonicalDecimal(tok.image);
    return { kind: "Number", raw: tok.image, value, span: this.tokSpan(tok) };
  }
  protected pct(tok: IToken): A.PercentLit {
    return { kind: "Percent", raw: tok.image, value: canonicalDecimal(tok.image.slice(0, -1)), span: this.tokSpan(tok) };
  }
  protected date(tok: IToken): A.DateLit {
    return { kind: "Date", raw: tok.image, value: validDate(tok.image), span: this.tokSpan(tok) };
  }
  protected time(tok: IToken): A.TimeLit {
    return { kind: "Time", raw: tok.image, value: validTime(tok.image), span: this.tokSpan(tok) };
  }
  protected compact<X>(xs: (X | undefined)[]): X[] {
    return xs.filter((x): x is X => x !== undefined);
  }
}

/**
 * True when the text between two offsets (a token's inclusive end offset and the next token's start) has a line
 * break (`\n` or `\r`, the lexer's line terminators). The lexer tracks offsets only, which is cheaper than
 * lines and columns for every token; the few places that ask about lines ask here.
 */
export function lineBreakBetween(text: string, endOffset: number | undefined, startOffset: number): boolean {
  if (endOffset === undefined || !Number.isFinite(endOffset) || !Number.isFinite(startOffset)) return false;
  for (let i = endOffset + 1; i < startOffset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
