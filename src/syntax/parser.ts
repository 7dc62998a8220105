/**
 * The Termsheet parser: an LL(k) chevrotain grammar with embedded actions that builds the AST of ast.ts
 * directly, with error recovery and full locations. Rule names equal the EBNF production names in
 * grammar/termsheet.ebnf. One instance per process (`parserInstance`); use `parse()` from parse.ts.
 */
import {
  EOF,
  EmbeddedActionsParser,
  MismatchedTokenException,
  type IOrAlt,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "chevrotain";
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { errorMessageProvider } from "./messages.js";
import { canonicalDecimal, expandScaled, unescapeString, validDate, validTime } from "./literals.js";
import type { Span } from "../base/source.js";

const noAnnotations: A.Annotations = { descriptions: [], clauses: [], effective: [] };

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
  attemptInRepetitionRecovery(this: TermsheetParser, ...args: unknown[]): void;
  getCurrRuleFullName(): string;
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
  moveToTerminatedState(): void;
  readonly errorMessageProvider: typeof errorMessageProvider;
}

function mergeAnnotations(a: A.Annotations | undefined, b: A.Annotations | undefined): A.Annotations {
  if (!a || a === noAnnotations) return b ?? noAnnotations;
  if (!b || b === noAnnotations) return a;
  return {
    descriptions: [...a.descriptions, ...b.descriptions],
    clauses: [...a.clauses, ...b.clauses],
    effective: [...a.effective, ...b.effective],
  };
}

/** The grammar. Rules are class fields, in the order of the language reference. */
export class TermsheetParser extends EmbeddedActionsParser {
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
    this.performSelfAnalysis();
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
    internals.attemptInRepetitionRecovery = function (this: TermsheetParser, ...args: unknown[]): void {
      const lookahead = args[2] as () => boolean;
      if (this.stoppedAt === undefined && !this.skipStrayLines(lookahead)) chevrotainRecovery.apply(this, args);
    };
    // Past MAX_SYNTAX_ERRORS the parser jumps to the end of the input; the tree it then returns is incomplete, so
    // parse.ts parses again the text before the place it stopped (once).
    const save = internals.SAVE_ERROR;
    internals.SAVE_ERROR = function (this: TermsheetParser, error: IRecognitionException): IRecognitionException {
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
  private statementList(list: () => void): void {
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
  private prevEnd(): number {
    const last = this.LA(0);
    if (!last || !Number.isFinite(last.startOffset)) return 0;
    // A closing brace that parse.ts supplies for an unclosed block is zero-width at the end of the file.
    if (last.isInsertedInRecovery) return last.startOffset;
    return Number.isFinite(last.endOffset) ? (last.endOffset as number) + 1 : last.startOffset;
  }

  /** A token's span; a token inserted by error recovery gets a zero-width span after the last real token. */
  private tokSpan(tok: IToken): Span {
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
  private from(start: IToken): Span {
    const end = this.prevEnd();
    const valid = start && !start.isInsertedInRecovery && Number.isFinite(start.startOffset);
    if (!valid || start.startOffset >= end) return { file: this.file, start: end, end };
    return { file: this.file, start: start.startOffset, end };
  }

  private ident(tok: IToken): A.Ident {
    return { kind: "Ident", name: tok.image, span: this.tokSpan(tok) };
  }
  private str(tok: IToken): A.StringLit {
    return { kind: "String", value: unescapeString(tok.image).value, raw: tok.image, span: this.tokSpan(tok) };
  }
  private num(tok: IToken): A.NumberLit {
    const value = tok.tokenType === T.ScaledNumber ? expandScaled(tok.image) : canonicalDecimal(tok.image);
    return { kind: "Number", raw: tok.image, value, span: this.tokSpan(tok) };
  }
  private pct(tok: IToken): A.PercentLit {
    return { kind: "Percent", raw: tok.image, value: canonicalDecimal(tok.image.slice(0, -1)), span: this.tokSpan(tok) };
  }
  private date(tok: IToken): A.DateLit {
    return { kind: "Date", raw: tok.image, value: validDate(tok.image), span: this.tokSpan(tok) };
  }
  private time(tok: IToken): A.TimeLit {
    return { kind: "Time", raw: tok.image, value: validTime(tok.image), span: this.tokSpan(tok) };
  }
  private compact<X>(xs: (X | undefined)[]): X[] {
    return xs.filter((x): x is X => x !== undefined);
  }

  // ---------------------------------------------------------------------------------------------- file

  public file_ = this.RULE("file", (): A.FileNode => {
    const start = this.LA(1);
    const imports: (A.ImportDecl | undefined)[] = [];
    const declarations: (A.Declaration | undefined)[] = [];
    const units: (A.UnitDecl | undefined)[] = [];
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF,
      DEF: () =>
        this.OR([
          { ALT: () => imports.push(this.SUBRULE(this.importDecl)) },
          { ALT: () => declarations.push(this.SUBRULE(this.declaration)) },
          { ALT: () => units.push(this.SUBRULE(this.unitDecl)) },
        ]),
    });
    return this.ACTION(() => {
      const declared = this.compact(units);
      return {
        kind: "File" as const,
        imports: this.compact(imports),
        declarations: this.compact(declarations),
        ...(declared.length > 0 ? { units: declared } : {}),
        span: { file: this.file, start: 0, end: Math.max(0, this.from(start).end) },
      };
    });
  });

  /** `unit point "index point"` or `unit SOL "Solana" is an asset`. */
  public unitDecl = this.RULE("unitDecl", (): A.UnitDecl => {
    const keyword = this.CONSUME(T.Unit);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    let is: A.Ident[] | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Is);
      is = [];
      this.AT_LEAST_ONE(() => is!.push(this.ident(this.CONSUME2(T.Identifier))));
    });
    return { kind: "UnitDecl" as const, keyword: this.tokSpan(keyword), name, title, is, span: this.from(keyword) };
  });

  public importDecl = this.RULE("importDecl", (): A.ImportDecl => {
    const start = this.CONSUME(T.Import);
    const names: A.Ident[] = [];
    this.OPTION(() => {
      names.push(this.ident(this.CONSUME(T.Identifier)));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        names.push(this.ident(this.CONSUME2(T.Identifier)));
      });
      this.CONSUME(T.From);
    });
    const path = this.str(this.CONSUME(T.StringLiteral));
    return { kind: "Import", names, path, span: this.from(start) };
  });

  public declaration = this.RULE("declaration", (): A.Declaration => {
    let kind: A.Declaration["kind"] = "Calendar";
    const keyword = this.OR([
      { ALT: () => ((kind = "Calendar"), this.CONSUME(T.Calendar)) },
      { ALT: () => ((kind = "Index"), this.CONSUME(T.Index)) },
      { ALT: () => ((kind = "Future"), this.CONSUME(T.Future)) },
      { ALT: () => ((kind = "Option"), this.CONSUME(T.Option)) },
      { ALT: () => ((kind = "Spread"), this.CONSUME(T.Spread)) },
    ]);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({
      kind,
      keyword: this.tokSpan(keyword),
      name,
      title,
      annotations: body?.annotations ?? noAnnotations,
      statements: body?.statements ?? [],
      close: body?.close,
      span: this.from(keyword),
    })) as A.Declaration;
  });

  /** `{ annotations statements }`: the body of declarations and sources. */
  public block = this.RULE(
    "block",
    (): { annotations: A.Annotations; statements: A.Statement[]; close: Span | undefined } => {
      this.CONSUME(T.LCurly);
      const annotations = this.SUBRULE(this.annotations);
      const statements: (A.Statement | undefined)[] = [];
      this.statementList(() =>
        this.MANY({
          GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
          DEF: () => {
            statements.push(this.SUBRULE(this.statement));
          },
        }),
      );
      const close = this.CONSUME(T.RCurly);
      return this.ACTION(() => ({
        annotations: annotations ?? noAnnotations,
        statements: this.compact(statements),
        close: close.isInsertedInRecovery ? undefined : this.tokSpan(close),
      }));
    },
    { recoveryValueFunc: () => ({ annotations: noAnnotations, statements: [], close: undefined }) },
  );

  public annotations = this.RULE(
    "annotations",
    (): A.Annotations => {
      const descriptions: A.StringLit[] = [];
      const clauses: A.StringLit[] = [];
      const effective: A.EffectiveRange[] = [];
      this.MANY(() => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Description);
              descriptions.push(this.str(this.CONSUME(T.StringLiteral)));
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Clause);
              clauses.push(this.str(this.CONSUME2(T.StringLiteral)));
            },
          },
          { ALT: () => effective.push(this.SUBRULE(this.effectiveRange)) },
        ]);
      });
      if (descriptions.length === 0 && clauses.length === 0 && effective.length === 0) return noAnnotations;
      return { descriptions, clauses, effective: this.compact(effective) };
    },
    { recoveryValueFunc: () => noAnnotations },
  );

  public effectiveRange = this.RULE("effectiveRange", (): A.EffectiveRange => {
    const start = this.CONSUME(T.Effective);
    let from: A.DateLit | undefined;
    let until: A.DateLit | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.From);
          from = this.date(this.CONSUME(T.DateLiteral));
          this.OPTION(() => {
            this.CONSUME(T.Until);
            until = this.date(this.CONSUME2(T.DateLiteral));
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Until);
          until = this.date(this.CONSUME3(T.DateLiteral));
        },
      },
    ]);
    return { kind: "Effective", from, until, span: this.from(start) };
  });

  // ---------------------------------------------------------------------------------------------- statements

  /** The alternatives of `statement`, made once: they close over nothing but the parser (chevrotain's advice). */
  private statementAlternatives: IOrAlt<Omit<A.Statement, "annotations" | "span">>[] | undefined;

  public statement = this.RULE("statement", (): A.Statement => {
    const start = this.LA(1);
    const body = this.OR<Omit<A.Statement, "annotations" | "span">>(
      (this.statementAlternatives ??= [
        // Calendars.
        { ALT: () => this.SUBRULE(this.timeZoneStmt) },
        { ALT: () => this.SUBRULE(this.weekendStmt) },
        { ALT: () => this.SUBRULE(this.holidayStmt) },
        { ALT: () => this.SUBRULE(this.jointStmt) },
        { ALT: () => this.SUBRULE(this.basedOnStmt) },
        // Indices.
        { ALT: () => this.SUBRULE(this.administratorStmt) },
        { ALT: () => this.SUBRULE(this.quotedStmt) },
        { ALT: () => this.SUBRULE(this.methodologyStmt) },
        { ALT: () => this.SUBRULE(this.sourceStmt) },
        { ALT: () => this.SUBRULE(this.priorityListStmt) },
        { ALT: () => this.SUBRULE(this.weightStmt) },
        { ALT: () => this.SUBRULE(this.blendStmt) },
        { ALT: () => this.SUBRULE(this.windowStmt) },
        { ALT: () => this.SUBRULE(this.partitionStmt) },
        { ALT: () => this.SUBRULE(this.emptyIntervalsStmt) },
        { ALT: () => this.SUBRULE(this.aggregateStmt) },
        { ALT: () => this.SUBRULE(this.excludeStmt) },
        { ALT: () => this.SUBRULE(this.minimumStmt) },
        { ALT: () => this.SUBRULE(this.degradationStmt) },
        { ALT: () => this.SUBRULE(this.extremeMovesStmt) },
        { ALT: () => this.SUBRULE(this.roundStmt) },
        { ALT: () => this.SUBRULE(this.publishStmt) },
        { ALT: () => this.SUBRULE(this.restateStmt) },
        { ALT: () => this.SUBRULE(this.sampleStmt) },
        // Contracts.
        { ALT: () => this.SUBRULE(this.underlyingStmt) },
        { ALT: () => this.SUBRULE(this.contractUnitStmt) },
        { ALT: () => this.SUBRULE(this.tickStmt) },
        { ALT: () => this.SUBRULE(this.listingStmt) },
        { ALT: () => this.SUBRULE(this.lastTradingDayStmt) },
        { ALT: () => this.SUBRULE(this.expiryStmt) },
        { ALT: () => this.SUBRULE(this.terminationStmt) },
        { ALT: () => this.SUBRULE(this.finalSettlementStmt) },
        { ALT: () => this.SUBRULE(this.dailySettlementStmt) },
        { ALT: () => this.SUBRULE(this.priceLimitsStmt) },
        { ALT: () => this.SUBRULE(this.positionLimitStmt) },
        { ALT: () => this.SUBRULE(this.fallbackStmt) },
        { ALT: () => this.SUBRULE(this.optionTypeStmt) },
        { ALT: () => this.SUBRULE(this.exerciseStmt) },
        { ALT: () => this.SUBRULE(this.autoExerciseStmt) },
        { ALT: () => this.SUBRULE(this.strikesStmt) },
        { ALT: () => this.SUBRULE(this.legStmt) },
        { ALT: () => this.SUBRULE(this.negativePricesStmt) },
        { ALT: () => this.SUBRULE(this.paymentStmt) },
        { ALT: () => this.SUBRULE(this.paymentAmountsStmt) },
        { ALT: () => this.SUBRULE(this.tradingHoursStmt) },
        { ALT: () => this.SUBRULE(this.earlyCloseStmt) },
        { ALT: () => this.SUBRULE(this.indexLicenceStmt) },
        { ALT: () => this.SUBRULE(this.indexDisclaimerStmt) },
      ]),
    );
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return this.ACTION(() => {
      if (!body) return undefined;
      // The object is the statement rule's own, made for this statement: it is completed in place (the key order is
      // the same as a spread's), since copying objects of forty shapes is a slow path of V8's.
      const statement = body as Record<string, unknown>;
      const inner = statement["annotations"] as A.Annotations | undefined;
      statement["span"] = span;
      statement["annotations"] = mergeAnnotations(inner, annotations);
      return statement as unknown as A.Statement;
    }) as A.Statement;
  });

  // ---------------------------------------------------------------------------------------------- calendars

  public timeZoneStmt = this.RULE("timeZoneStmt", () => {
    this.CONSUME(T.Time);
    this.CONSUME(T.Zone);
    return { kind: "TimeZone" as const, zone: this.SUBRULE(this.zone) };
  });

  public weekendStmt = this.RULE("weekendStmt", () => {
    this.CONSUME(T.Weekend);
    return { kind: "Weekend" as const, days: this.SUBRULE(this.identList) };
  });

  public holidayStmt = this.RULE("holidayStmt", () => {
    this.CONSUME(T.Holiday);
    const name = this.str(this.CONSUME(T.StringLiteral));
    this.CONSUME(T.On);
    const date = this.SUBRULE(this.holidayDate);
    let fromYear: A.NumberLit | undefined;
    let untilYear: A.NumberLit | undefined;
    const exceptYears: A.NumberLit[] = [];
    let observance: A.Observance | undefined;
    this.OPTION(() => {
      this.CONSUME(T.From);
      fromYear = this.num(this.CONSUME(T.NumberLiteral));
    });
    this.OPTION2(() => {
      this.CONSUME(T.Until);
      untilYear = this.num(this.CONSUME2(T.NumberLiteral));
    });
    this.OPTION3(() => {
      this.CONSUME(T.Except);
      this.CONSUME(T.In);
      exceptYears.push(this.num(this.CONSUME3(T.NumberLiteral)));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        exceptYears.push(this.num(this.CONSUME4(T.NumberLiteral)));
      });
    });
    this.OPTION4(() => {
      this.OPTION5(() => this.CONSUME2(T.Comma));
      observance = this.SUBRULE(this.observance);
    });
    return { kind: "Holiday" as const, name, date, fromYear, untilYear, exceptYears, observance };
  });

  public holidayDate = this.RULE("holidayDate", (): A.HolidayDate => {
    const start = this.LA(1);
    return this.OR<A.HolidayDate>([
      {
        ALT: () => {
          const dates = [this.date(this.CONSUME(T.DateLiteral))];
          this.MANY({
            // A comma followed by a date continues the list; `, observed` ends it.
            GATE: () => this.LA(2).tokenType === T.DateLiteral,
            DEF: () => {
              this.CONSUME(T.Comma);
              dates.push(this.date(this.CONSUME2(T.DateLiteral)));
            },
          });
          return { kind: "OneOff", dates, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const day = this.num(this.CONSUME(T.NumberLiteral));
          const month = this.ident(this.CONSUME(T.Identifier));
          return { kind: "FixedDate", day, month, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const offset = this.num(this.CONSUME2(T.NumberLiteral));
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          const direction = this.OR3([
            { ALT: () => (this.CONSUME(T.Before), "before" as const) },
            { ALT: () => (this.CONSUME(T.After), "after" as const) },
          ]);
          this.CONSUME(T.Easter);
          return { kind: "EasterRelative", offset, direction, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Easter);
          return { kind: "EasterRelative", offset: undefined, direction: "on", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.The);
          const ordinal = this.SUBRULE(this.ordinal);
          const weekday = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME(T.Of);
          const month = this.ident(this.CONSUME3(T.Identifier));
          return { kind: "NthWeekday", ordinal, weekday, month, span: this.from(start) };
        },
      },
    ]);
  });

  /** `first` … `fifth` or `last`, as an identifier node. */
  public ordinal = this.RULE("ordinal", (): A.Ident => {
    const tok = this.OR([{ ALT: () => this.CONSUME(T.OrdinalWord) }, { ALT: () => this.CONSUME(T.Last) }]);
    return this.ident(tok);
  });

  public observance = this.RULE("observance", (): A.Observance => {
    const start = this.CONSUME(T.Observed);
    return this.OR<A.Observance>([
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.The);
          this.CONSUME(T.Next);
          this.CONSUME(T.Weekday);
          return { kind: "SubstituteObservance", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const shifts: { from: A.Ident | undefined; to: A.Ident | undefined; span: Span }[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const f = this.CONSUME(T.Identifier);
              this.CONSUME(T.As);
              const t = this.CONSUME2(T.Identifier);
              shifts.push({ from: this.ident(f), to: this.ident(t), span: this.from(f) });
            },
          });
          return { kind: "ShiftObservance", shifts, span: this.from(start) };
        },
      },
    ]);
  });

  public jointStmt = this.RULE("jointStmt", () => {
    this.CONSUME(T.Business);
    this.CONSUME(T.Day);
    this.CONSUME(T.In);
    const mode = this.OR([{ ALT: () => (this.CONSUME(T.All), "all" as const) }, { ALT: () => (this.CONSUME(T.Any), "any" as const) }]);
    this.CONSUME(T.Of);
    return { kind: "Joint" as const, mode, calendars: this.SUBRULE(this.identList) };
  });

  public basedOnStmt = this.RULE("basedOnStmt", () => {
    this.CONSUME(T.Based);
    this.CONSUME(T.On);
    return { kind: "BasedOn" as const, calendars: this.SUBRULE(this.identList) };
  });

  // ---------------------------------------------------------------------------------------------- indices

  public administratorStmt = this.RULE("administratorStmt", () => {
    this.CONSUME(T.Administrator);
    return { kind: "Administrator" as const, name: this.str(this.CONSUME(T.StringLiteral)) };
  });

  public quotedStmt = this.RULE("quotedStmt", () => {
    this.OPTION(() => this.CONSUME(T.Price));
    this.CONSUME(T.Quoted);
    this.CONSUME(T.In);
    return { kind: "Quoted" as const, unit: this.SUBRULE(this.unitExpr) };
  });

  public methodologyStmt = this.RULE("methodologyStmt", () => {
    this.CONSUME(T.Methodology);
    this.CONSUME(T.Version);
    return { kind: "Methodology" as const, version: this.str(this.CONSUME(T.StringLiteral)) };
  });

  public sourceStmt = this.RULE("sourceStmt", () => {
    this.CONSUME(T.Source);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    let statements: A.Statement[] = [];
    let annotations: A.Annotations = noAnnotations;
    this.OPTION2(() => {
      const body = this.SUBRULE(this.block);
      this.ACTION(() => {
        statements = body?.statements ?? [];
        annotations = body?.annotations ?? noAnnotations;
      });
    });
    // Annotations written inside the braces belong to the source; the statement rule merges trailing ones.
    return this.ACTION(() => ({ kind: "Source" as const, name, title, statements, annotations }));
  });

  public priorityListStmt = this.RULE("priorityListStmt", () => {
    const list = this.OR([
      { ALT: () => (this.CONSUME(T.Models), "models" as const) },
      { ALT: () => (this.CONSUME(T.Instruments), "instruments" as const) },
    ]);
    const items: A.StringLit[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => items.push(this.str(this.CONSUME(T.StringLiteral))) });
    return { kind: "PriorityList" as const, list, items };
  });

  public weightStmt = this.RULE("weightStmt", () => {
    this.CONSUME(T.Weight);
    return { kind: "Weight" as const, weight: this.num(this.CONSUME(T.NumberLiteral)) };
  });

  public blendStmt = this.RULE("blendStmt", () => {
    this.CONSUME(T.Blend);
    const parts: { name: A.Ident | undefined; weight: A.NumberLit | undefined; span: Span }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const n = this.CONSUME(T.Identifier);
        const w = this.CONSUME(T.NumberLiteral);
        parts.push({ name: this.ident(n), weight: this.num(w), span: this.from(n) });
      },
    });
    return { kind: "Blend" as const, parts };
  });

  public windowStmt = this.RULE("windowStmt", () => {
    this.CONSUME(T.Window);
    const window = this.SUBRULE(this.timeWindow);
    // `… and from 23:00 inclusive to 24:00 exclusive America/New_York`: further disjoint pieces (off-peak hours).
    const also: A.TimeWindow[] = [];
    this.MANY(() => {
      this.CONSUME(T.And);
      also.push(this.SUBRULE2(this.timeWindow));
    });
    return { kind: "Window" as const, window, ...(also.length === 0 ? {} : { also }) };
  });

  public partitionStmt = this.RULE("partitionStmt", () => {
    this.CONSUME(T.Partition);
    this.CONSUME(T.Into);
    const count = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Intervals);
    this.CONSUME(T.Of);
    return { kind: "Partition" as const, count, length: this.SUBRULE(this.duration) };
  });

  public emptyIntervalsStmt = this.RULE("emptyIntervalsStmt", () => {
    this.CONSUME(T.Empty);
    this.CONSUME(T.Intervals);
    return { kind: "EmptyIntervals" as const, policy: this.ident(this.CONSUME(T.Identifier)) };
  });

  /** `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`: a time average of sampled values. */
  public sampleStmt = this.RULE("sampleStmt", () => {
    this.CONSUME(T.Sample);
    this.CONSUME(T.Every);
    const every = this.SUBRULE(this.duration);
    this.CONSUME(T.Comma);
    this.CONSUME(T.Prices);
    // `held` is a word, not a keyword (`extreme moves above 20% held` uses it as a value); the checker reads it.
    const held = this.ident(this.CONSUME(T.Identifier));
    this.CONSUME(T.For);
    this.CONSUME(T.Up);
    this.CONSUME(T.To);
    const hold = this.SUBRULE2(this.duration);
    this.CONSUME2(T.Comma);
    this.CONSUME(T.Empty);
    this.CONSUME(T.Samples);
    return { kind: "Sample" as const, every, held, hold, policy: this.ident(this.CONSUME2(T.Identifier)) };
  });

  public aggregateStmt = this.RULE("aggregateStmt", () => {
    this.CONSUME(T.Aggregate);
    const level = this.OR([
      { ALT: () => (this.CONSUME(T.Trades), "trades" as const) },
      { ALT: () => (this.CONSUME(T.Intervals), "intervals" as const) },
      { ALT: () => (this.CONSUME(T.Sources), "sources" as const) },
      { ALT: () => (this.CONSUME(T.Samples), "samples" as const) },
    ]);
    this.CONSUME(T.By);
    return { kind: "Aggregate" as const, level, method: this.SUBRULE(this.method) };
  });

  public method = this.RULE("method", (): A.Method => {
    const start = this.LA(1);
    const name = this.ident(
      this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Median) }, { ALT: () => this.CONSUME(T.Vwap) }]),
    );
    const options: A.MethodOption[] = [];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      options.push(this.SUBRULE(this.methodOption));
    });
    return { kind: "Method", name, options: this.compact(options), span: this.from(start) };
  });

  public methodOption = this.RULE("methodOption", (): A.MethodOption => {
    const start = this.LA(1);
    return this.OR<A.MethodOption>([
      {
        ALT: () => {
          this.CONSUME(T.Exact);
          this.CONSUME(T.Half);
          const convention = this.ident(this.CONSUME(T.Identifier));
          return { kind: "ExactHalf", convention, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dropping);
          const highest = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Highest);
          this.CONSUME(T.And);
          const lowest = this.num(this.CONSUME2(T.NumberLiteral));
          this.CONSUME(T.Lowest);
          return { kind: "Trim", highest, lowest, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Capped);
          this.CONSUME(T.At);
          return { kind: "Cap", percent: this.pct(this.CONSUME(T.Percent)), span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Weighted);
          this.CONSUME(T.By);
          return { kind: "WeightedBy", basis: this.ident(this.CONSUME2(T.Identifier)), span: this.from(start) };
        },
      },
    ]);
  });

  public excludeStmt = this.RULE("excludeStmt", () => {
    this.CONSUME(T.Exclude);
    this.CONSUME(T.Sources);
    return this.OR<Omit<A.ExcludeDeviationStmt | A.ExcludeStaleStmt, "span" | "annotations">>([
      {
        ALT: () => {
          this.CONSUME(T.Deviating);
          this.CONSUME(T.More);
          this.CONSUME(T.Than);
          const percent = this.pct(this.CONSUME(T.Percent));
          this.CONSUME(T.From);
          this.CONSUME(T.The);
          this.CONSUME(T.Median);
          this.CONSUME(T.Of);
          this.CONSUME2(T.The);
          this.CONSUME(T.Others);
          return { kind: "ExcludeDeviation", percent };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Stale);
          this.CONSUME(T.For);
          this.CONSUME2(T.More);
          this.CONSUME2(T.Than);
          return { kind: "ExcludeStale", duration: this.SUBRULE(this.duration) };
        },
      },
    ]);
  });

  public minimumStmt = this.RULE("minimumStmt", () => {
    this.CONSUME(T.Minimum);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Sources);
          return { kind: "Minimum" as const, what: "sources" as const, count: this.num(this.CONSUME(T.NumberLiteral)), perInterval: false };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Trades);
          const count = this.num(this.CONSUME2(T.NumberLiteral));
          let perInterval = false;
          this.OPTION(() => {
            this.CONSUME(T.Per);
            this.CONSUME(T.Interval);
            perInterval = true;
          });
          return { kind: "Minimum" as const, what: "trades" as const, count, perInterval };
        },
      },
    ]);
  });

  public degradationStmt = this.RULE("degradationStmt", () => {
    this.CONSUME(T.With);
    const min = this.num(this.CONSUME(T.NumberLiteral));
    let max: A.NumberLit | undefined = min;
    let orMore = false;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Or);
            this.CONSUME(T.More);
            orMore = true;
            max = undefined;
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.To);
            max = this.num(this.CONSUME2(T.NumberLiteral));
          },
        },
      ]);
    });
    this.OR2([{ ALT: () => this.CONSUME(T.Sources) }, { ALT: () => this.CONSUME(T.Source) }]);
    this.CONSUME(T.Use);
    return { kind: "Degradation" as const, min, max, orMore, method: this.SUBRULE(this.method) };
  });

  public extremeMovesStmt = this.RULE("extremeMovesStmt", () => {
    this.CONSUME(T.Extreme);
    this.CONSUME(T.Moves);
    this.CONSUME(T.Above);
    const percent = this.pct(this.CONSUME(T.Percent));
    const action = this.ident(this.OR([{ ALT: () => this.CONSUME(T.Flagged) }, { ALT: () => this.CONSUME(T.Identifier) }]));
    return { kind: "ExtremeMoves" as const, percent, action };
  });

  public roundStmt = this.RULE("roundStmt", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Round);
          this.CONSUME(T.To);
          const increment = this.num(this.CONSUME(T.NumberLiteral));
          const mode = this.ident(this.CONSUME(T.Identifier));
          const rounding: A.Rounding = { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
          return { kind: "Round" as const, rounding };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Unrounded);
          const rounding: A.Rounding = { kind: "Rounding", increment: undefined, mode: undefined, unrounded: true, span: this.from(start) };
          return { kind: "Round" as const, rounding };
        },
      },
    ]);
  });

  public publishStmt = this.RULE("publishStmt", () => {
    this.CONSUME(T.Publish);
    let calendar: A.Ident | undefined;
    let everyDay = false;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.CONSUME(T.Calendar);
          this.CONSUME(T.Day);
          everyDay = true;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.Business);
          this.CONSUME(T.Days);
          this.CONSUME(T.Of);
          calendar = this.ident(this.CONSUME(T.Identifier));
        },
      },
    ]);
    this.CONSUME(T.At);
    return { kind: "Publish" as const, calendar, everyDay, at: this.SUBRULE(this.zonedTime) };
  });

  public restateStmt = this.RULE("restateStmt", () => {
    this.CONSUME(T.Restate);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Never);
          return { kind: "Restate" as const, never: true, threshold: undefined };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Same);
          this.CONSUME(T.Day);
          this.CONSUME(T.If);
          this.CONSUME(T.Change);
          this.CONSUME(T.Exceeds);
          return { kind: "Restate" as const, never: false, threshold: this.pct(this.CONSUME(T.Percent)) };
        },
      },
      {
        // `restate until 10:00 Europe/London on the next business day [if change exceeds 0.10%]`: a restatement window.
        ALT: () => {
          const start = this.CONSUME(T.Until);
          const at = this.SUBRULE(this.zonedTime);
          this.CONSUME(T.On);
          this.CONSUME2(T.The);
          const day = this.OR2([
            { ALT: () => (this.CONSUME2(T.Same), this.CONSUME2(T.Day), "same" as const) },
            { ALT: () => (this.CONSUME(T.Next), this.CONSUME(T.Business), this.CONSUME3(T.Day), "next-business" as const) },
          ]);
          let threshold: A.PercentLit | undefined;
          this.OPTION(() => {
            this.CONSUME2(T.If);
            this.CONSUME2(T.Change);
            this.CONSUME2(T.Exceeds);
            threshold = this.pct(this.CONSUME2(T.Percent));
          });
          return { kind: "Restate" as const, never: false, threshold, until: { at, day, span: this.from(start) } };
        },
      },
    ]);
  });

  // ---------------------------------------------------------------------------------------------- contracts

  public underlyingStmt = this.RULE("underlyingStmt", () => {
    this.CONSUME(T.Underlying);
    let declared: "future" | "index" | undefined;
    this.OPTION(() => {
      this.OR([
        { ALT: () => (this.CONSUME(T.Future), (declared = "future")) },
        { ALT: () => (this.CONSUME(T.Index), (declared = "index")) },
      ]);
    });
    return { kind: "Underlying" as const, declared, target: this.ident(this.CONSUME(T.Identifier)) };
  });

  public contractUnitStmt = this.RULE("contractUnitStmt", () => {
    this.CONSUME(T.Contract);
    this.CONSUME(T.Unit);
    return { kind: "ContractUnit" as const, quantity: this.SUBRULE(this.quantity) };
  });

  public tickStmt = this.RULE("tickStmt", () => {
    let variant: "outright" | "spread" | "premium" = "outright";
    this.OPTION(() => {
      this.OR([
        { ALT: () => (this.CONSUME(T.Spread), (variant = "spread")) },
        { ALT: () => (this.CONSUME(T.Premium), (variant = "premium")) },
      ]);
    });
    this.CONSUME(T.Tick);
    const tiers: A.TickTier[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => tiers.push(this.SUBRULE(this.tickTier)) });
    return { kind: "Tick" as const, variant, tiers: this.compact(tiers) };
  });

  public tickTier = this.RULE("tickTier", (): A.TickTier => {
    const start = this.LA(1);
    const tick = this.SUBRULE(this.quantity);
    let bound: A.TickTier["bound"];
    this.OPTION(() => {
      const b = this.LA(1);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.At);
            this.CONSUME(T.Or);
            this.CONSUME(T.Below);
            bound = { relation: "at-or-below", price: this.num(this.CONSUME(T.NumberLiteral)), span: this.from(b) };
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Above);
            bound = { relation: "above", price: this.num(this.CONSUME2(T.NumberLiteral)), span: this.from(b) };
          },
        },
      ]);
    });
    return { kind: "TickTier", tick, bound, span: this.from(start) };
  });

  public listingStmt = this.RULE("listingStmt", () => {
    this.CONSUME(T.Listing);
    // A part that error recovery gave up on is left out (the recovered tree has no undefined entries).
    const parts: A.ListingPart[] = [];
    const first = this.SUBRULE(this.listingPart) as A.ListingPart | undefined;
    if (first !== undefined) parts.push(first);
    this.MANY(() => {
      this.CONSUME(T.Plus);
      const next = this.SUBRULE2(this.listingPart) as A.ListingPart | undefined;
      if (next !== undefined) parts.push(next);
    });
    let time: A.ListingTime | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      time = this.SUBRULE(this.listingTime);
    });
    return { kind: "Listing" as const, parts, ...(time === undefined ? {} : { time }) };
  });

  /** `new contracts listed every Thursday at 18:00 America/New_York`; the three words are identifiers, checked later. */
  public listingTime = this.RULE("listingTime", (): A.ListingTime => {
    const s = this.LA(1);
    const words = [
      this.ident(this.CONSUME(T.Identifier)),
      // `contract` is a keyword; taken here so that the checker can say `contracts`.
      this.ident(this.OR([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.Contract) }])),
      this.ident(this.CONSUME3(T.Identifier)),
    ];
    this.CONSUME(T.Every);
    const weekday = this.ident(this.CONSUME4(T.Identifier));
    this.CONSUME(T.At);
    const at = this.SUBRULE(this.zonedTime);
    return { kind: "ListingTime", words, weekday, at, span: this.from(s) };
  });

  /**
   * `N consecutive months|weeks`, `the nearest N months in MONTH, …`, `N additional months in MONTH, …`, or the
   * older `the next N in MONTH, …`. The words `nearest` and `additional` are identifiers here; the checker
   * validates them (as it does `weeks`).
   */
  public listingPart = this.RULE("listingPart", (): A.ListingPart => {
    const s = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          const count = this.num(this.CONSUME(T.NumberLiteral));
          return this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Consecutive);
                const period = this.OR3([
                  { ALT: () => (this.CONSUME(T.Months), "months" as const) },
                  { ALT: () => (this.CONSUME(T.Identifier), "weeks" as const) },
                ]);
                return { kind: "Consecutive" as const, count, period, span: this.from(s) };
              },
            },
            {
              ALT: () => {
                const word = this.ident(this.CONSUME2(T.Identifier));
                this.CONSUME2(T.Months);
                this.CONSUME(T.In);
                const months = this.SUBRULE(this.identList);
                return { kind: "Additional" as const, word, count, months, span: this.from(s) };
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.The);
          return this.OR4([
            {
              ALT: () => {
                this.CONSUME(T.Next);
                const count = this.num(this.CONSUME2(T.NumberLiteral));
                this.CONSUME2(T.In);
                const months = this.SUBRULE2(this.identList);
                return { kind: "NextIn" as const, count, months, span: this.from(s) };
              },
            },
            {
              ALT: () => {
                const word = this.ident(this.CONSUME3(T.Identifier));
                const count = this.num(this.CONSUME3(T.NumberLiteral));
                this.CONSUME3(T.Months);
                this.CONSUME3(T.In);
                const months = this.SUBRULE3(this.identList);
                return { kind: "Nearest" as const, word, count, months, span: this.from(s) };
              },
            },
          ]);
        },
      },
    ]);
  });

  public lastTradingDayStmt = this.RULE("lastTradingDayStmt", () => {
    this.CONSUME(T.Last);
    this.CONSUME(T.Trading);
    this.CONSUME(T.Day);
    this.OPTION(() => this.CONSUME(T.Is));
    return { kind: "LastTradingDay" as const, rule: this.SUBRULE(this.dateRule) };
  });

  public dateRule = this.RULE("dateRule", (): A.DateRule => {
    const start = this.LA(1);
    let shift: A.DateRule["shift"];
    this.OPTION(() => {
      const days = this.num(this.CONSUME(T.NumberLiteral));
      this.CONSUME(T.Business);
      this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
      const direction = this.OR2([
        { ALT: () => (this.CONSUME(T.Before), "before" as const) },
        { ALT: () => (this.CONSUME(T.After), "after" as const) },
      ]);
      shift = { days, direction, span: this.from(start) };
    });
    const anchor = this.SUBRULE(this.dateAnchor);
    let convention: A.Ident | undefined;
    let calendar: A.Ident | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.Adjusted);
      convention = this.ident(this.CONSUME(T.Identifier));
    });
    this.OPTION3(() => {
      this.CONSUME(T.On);
      calendar = this.ident(this.CONSUME2(T.Identifier));
    });
    return { kind: "DateRule", shift, anchor, convention, calendar, span: this.from(start) };
  });

  public dateAnchor = this.RULE("dateAnchor", (): A.DateAnchor => {
    const start = this.CONSUME(T.The);
    return this.OR<A.DateAnchor>([
      {
        ALT: () => {
          const ordinal = this.SUBRULE(this.ordinal);
          return this.OR2<A.DateAnchor>([
            {
              ALT: () => {
                this.CONSUME(T.Business);
                this.CONSUME(T.Day);
                this.CONSUME(T.Of);
                const month = this.SUBRULE(this.monthRef);
                return { kind: "BusinessDayOfMonth", ordinal, month, span: this.from(start) };
              },
            },
            {
              ALT: () => {
                const weekday = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME2(T.Of);
                const month = this.SUBRULE2(this.monthRef);
                return { kind: "WeekdayOfMonth", ordinal, weekday, month, span: this.from(start) };
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          const day = this.num(this.CONSUME(T.OrdinalNumber));
          this.CONSUME2(T.Day);
          this.CONSUME3(T.Of);
          const month = this.SUBRULE3(this.monthRef);
          return {
            kind: "DayOfMonth",
            day: { ...day, value: canonicalDecimal(day.raw.replace(/\D+$/, "")) },
            month,
            span: this.from(start),
          };
        },
      },
      {
        ALT: () => {
          const weekday = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME4(T.Of);
          this.CONSUME2(T.The);
          this.CONSUME(T.Contract);
          this.CONSUME(T.Week);
          return { kind: "WeekdayOfWeek", weekday, span: this.from(start) };
        },
      },
    ]);
  });

  public monthRef = this.RULE("monthRef", (): A.MonthRef => {
    const start = this.CONSUME(T.The);
    return this.OR<A.MonthRef>([
      {
        ALT: () => {
          this.CONSUME(T.Contract);
          return this.OR2<A.MonthRef>([
            { ALT: () => (this.CONSUME(T.Month), { kind: "ContractMonth", span: this.from(start) }) },
            { ALT: () => (this.CONSUME(T.Week), { kind: "ContractWeek", span: this.from(start) }) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Month);
          this.CONSUME(T.Before);
          this.CONSUME2(T.The);
          this.CONSUME2(T.Contract);
          this.CONSUME3(T.Month);
          return { kind: "MonthBefore", span: this.from(start) };
        },
      },
    ]);
  });

  public expiryStmt = this.RULE("expiryStmt", () => {
    this.CONSUME(T.Expiry);
    let businessDaysBefore: A.NumberLit | undefined;
    let calendar: A.Ident | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.With);
          this.CONSUME(T.The);
          this.CONSUME(T.Underlying);
        },
      },
      {
        ALT: () => {
          businessDaysBefore = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Business);
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          this.CONSUME(T.Before);
          this.CONSUME2(T.The);
          this.CONSUME2(T.Underlying);
          this.OPTION(() => {
            this.CONSUME(T.On);
            calendar = this.ident(this.CONSUME(T.Identifier));
          });
        },
      },
    ]);
    return { kind: "Expiry" as const, businessDaysBefore, calendar };
  });

  public terminationStmt = this.RULE("terminationStmt", () => {
    this.CONSUME(T.Trading);
    this.CONSUME(T.Terminates);
    this.CONSUME(T.At);
    return { kind: "Termination" as const, at: this.SUBRULE(this.zonedTime) };
  });

  public finalSettlementStmt = this.RULE("finalSettlementStmt", () => {
    this.CONSUME(T.Final);
    this.CONSUME(T.Settlement);
    this.CONSUME(T.In);
    const method = this.ident(this.CONSUME(T.Identifier));
    const value = this.SUBRULE(this.settlementValue);
    this.CONSUME(T.Comma);
    const rounding = this.SUBRULE(this.rounding);
    return { kind: "FinalSettlement" as const, method, value, rounding };
  });

  public settlementValue = this.RULE("settlementValue", (): A.SettlementValue => {
    const start = this.LA(1);
    return this.OR<A.SettlementValue>([
      {
        ALT: () => {
          this.CONSUME(T.Leg);
          this.CONSUME(T.By);
          this.CONSUME2(T.Leg);
          return { kind: "LegByLeg", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.At);
          return this.OR2<A.SettlementValue>([
            {
              ALT: () => {
                const index = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME2(T.At);
                const at = this.SUBRULE(this.zonedTime);
                this.CONSUME(T.On);
                this.CONSUME(T.The);
                this.CONSUME(T.Last);
                this.CONSUME(T.Trading);
                this.CONSUME(T.Day);
                return { kind: "IndexAt", index, at, span: this.from(start) };
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.The);
                return this.OR3<A.SettlementValue>([
                  {
                    ALT: () => {
                      this.CONSUME(T.Average);
                      this.CONSUME(T.Of);
                      const index = this.ident(this.CONSUME2(T.Identifier));
                      this.CONSUME3(T.At);
                      const at = this.SUBRULE2(this.zonedTime);
                      this.CONSUME(T.Over);
                      const days = this.SUBRULE(this.averagingDays);
                      return { kind: "IndexAverage", index, at, days, span: this.from(start) };
                    },
                  },
                  {
                    ALT: () => {
                      this.CONSUME(T.Final);
                      this.CONSUME(T.Settlement);
                      this.CONSUME(T.Price);
                      this.CONSUME2(T.Of);
                      const target = this.ident(this.CONSUME3(T.Identifier));
                      return { kind: "UnderlyingFinal", target, span: this.from(start) };
                    },
                  },
                ]);
              },
            },
          ]);
        },
      },
    ]);
  });

  public averagingDays = this.RULE("averagingDays", (): A.AveragingDays => {
    const start = this.LA(1);
    let calendar: A.Ident | undefined;
    const result = this.OR<A.AveragingDays>([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.CONSUME(T.Business);
          this.CONSUME(T.Day);
          this.CONSUME(T.Of);
          this.CONSUME(T.The);
          this.CONSUME(T.Contract);
          this.CONSUME(T.Month);
          return { kind: "EveryBusinessDay", calendar: undefined, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.The);
          this.CONSUME(T.Last);
          const count = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME2(T.Business);
          this.CONSUME(T.Days);
          this.CONSUME(T.Up);
          this.CONSUME(T.To);
          this.CONSUME3(T.The);
          this.CONSUME2(T.Last);
          this.CONSUME(T.Trading);
          this.CONSUME2(T.Day);
          return { kind: "LastBusinessDays", count, calendar: undefined, span: this.from(start) };
        },
      },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.On);
      calendar = this.ident(this.CONSUME(T.Identifier));
    });
    return this.ACTION(() => ({ ...result, calendar, span: this.from(start) }));
  });

  public rounding = this.RULE("rounding", (): A.Rounding => {
    const start = this.LA(1);
    return this.OR<A.Rounding>([
      {
        ALT: () => {
          this.CONSUME(T.Rounded);
          this.CONSUME(T.To);
          const increment = this.OR2<A.NumberLit | "tick">([
            { ALT: () => this.num(this.CONSUME(T.NumberLiteral)) },
            {
              ALT: () => {
                this.CONSUME(T.The);
                this.CONSUME(T.Tick);
                return "tick" as const;
              },
            },
          ]);
          const mode = this.ident(this.CONSUME(T.Identifier));
          return { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Unrounded);
          return { kind: "Rounding", increment: undefined, mode: undefined, unrounded: true, span: this.from(start) };
        },
      },
    ]);
  });

  public dailySettlementStmt = this.RULE("dailySettlementStmt", () => {
    this.CONSUME(T.Daily);
    this.CONSUME(T.Settlement);
    this.CONSUME(T.LCurly);
    const steps: A.DailyStep[] = [];
    this.statementList(() =>
      this.MANY({
        GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
        DEF: () => {
          steps.push(this.SUBRULE(this.dailyStep));
        },
      }),
    );
    this.CONSUME(T.RCurly);
    return { kind: "DailySettlement" as const, steps: this.compact(steps) };
  });

  public dailyStep = this.RULE("dailyStep", (): A.DailyStep => {
    const start = this.LA(1);
    const number = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Dot);
    const step = this.OR<A.DailyStep>([
      {
        ALT: () => {
          this.CONSUME(T.Vwap);
          this.CONSUME(T.Of);
          this.CONSUME(T.Trades);
          const window = this.SUBRULE(this.timeWindow);
          let moreThan: A.NumberLit | undefined;
          this.OPTION3(() => {
            this.CONSUME3(T.Comma);
            this.CONSUME(T.If);
            this.CONSUME(T.More);
            this.CONSUME(T.Than);
            moreThan = this.num(this.CONSUME2(T.NumberLiteral));
            this.CONSUME2(T.Trades);
          });
          let rounding: A.Rounding | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Comma);
            rounding = this.SUBRULE(this.rounding);
          });
          return {
            kind: "DailyVwap",
            number,
            window,
            rounding,
            annotations: noAnnotations,
            span: this.from(start),
            ...(moreThan !== undefined ? { moreThan } : {}),
          };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Midpoint);
          this.CONSUME2(T.Of);
          this.CONSUME(T.Bid);
          this.CONSUME(T.And);
          this.CONSUME(T.Offer);
          this.CONSUME(T.At);
          const at = this.SUBRULE(this.zonedTime);
          let rounding: A.Rounding | undefined;
          this.OPTION2(() => {
            this.CONSUME2(T.Comma);
            rounding = this.SUBRULE2(this.rounding);
          });
          return { kind: "DailyMidpoint", number, at, rounding, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Carry);
          this.CONSUME(T.Forward);
          this.CONSUME(T.The);
          this.CONSUME(T.Prior);
          this.CONSUME(T.Settlement);
          return { kind: "DailyCarry", number, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Net);
          this.CONSUME(T.Change);
          this.CONSUME3(T.Of);
          this.CONSUME2(T.The);
          const which = this.ident(this.CONSUME(T.Identifier));
          this.CONSUME(T.Month);
          return { kind: "DailyNetChange", number, which, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Lead);
          this.CONSUME2(T.Month);
          this.CONSUME2(T.Settlement);
          this.CONSUME(T.Plus);
          this.CONSUME2(T.Vwap);
          this.CONSUME4(T.Of);
          this.CONSUME(T.Spread);
          this.CONSUME3(T.Trades);
          const window = this.SUBRULE2(this.timeWindow);
          let rounding: A.Rounding | undefined;
          this.OPTION4(() => {
            this.CONSUME4(T.Comma);
            rounding = this.SUBRULE3(this.rounding);
          });
          return { kind: "DailyLeadSpread", number, window, rounding, annotations: noAnnotations, span: this.from(start) };
        },
      },
    ]);
    const annotations = this.SUBRULE(this.annotations);
    return this.ACTION(() => (step ? { ...step, annotations: annotations ?? noAnnotations } : step));
  });

  public priceLimitsStmt = this.RULE("priceLimitsStmt", () => {
    this.CONSUME(T.Price);
    this.CONSUME(T.Limits);
    const limits: (A.PercentLit | A.Quantity)[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.OR([{ ALT: () => limits.push(this.pct(this.CONSUME(T.Percent))) }, { ALT: () => limits.push(this.SUBRULE(this.quantity)) }]);
      },
    });
    this.CONSUME(T.Of);
    this.CONSUME(T.The);
    this.CONSUME(T.Prior);
    this.CONSUME(T.Settlement);
    // `, rounded to the tick down`: the width of each percentage limit rounded (ICE US stock index limits).
    let rounding: A.Rounding | undefined;
    this.OPTION(() => {
      this.CONSUME2(T.Comma);
      rounding = this.SUBRULE(this.rounding);
    });
    // `, beyond the last limit clamped|flagged`: what a daily settlement price beyond the last limit becomes.
    let breach: A.Ident | undefined;
    this.OPTION2(() => {
      this.CONSUME3(T.Comma);
      this.CONSUME(T.Beyond);
      this.CONSUME2(T.The);
      this.CONSUME(T.Last);
      this.CONSUME(T.Limit);
      this.OR2([
        { ALT: () => (breach = this.ident(this.CONSUME(T.Identifier))) },
        { ALT: () => (breach = this.ident(this.CONSUME(T.Flagged))) },
      ]);
    });
    return {
      kind: "PriceLimits" as const,
      limits: this.compact(limits),
      ...(rounding === undefined ? {} : { rounding }),
      ...(breach !== undefined ? { breach } : {}),
    };
  });

  public positionLimitStmt = this.RULE("positionLimitStmt", () => {
    this.CONSUME(T.Position);
    this.CONSUME(T.Limit);
    const count = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Identifier);
    this.CONSUME(T.In);
    const scope = this.OR([
      {
        ALT: () => {
          this.CONSUME(T.The);
          this.CONSUME(T.Spot);
          this.CONSUME(T.Month);
          return "spot-month" as const;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.All);
          this.CONSUME(T.Months);
          return "all-months" as const;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Any);
          this.CONSUME2(T.Month);
          return "single-month" as const;
        },
      },
    ]);
    return { kind: "PositionLimit" as const, count, scope };
  });

  public fallbackStmt = this.RULE("fallbackStmt", () => {
    this.CONSUME(T.Fallback);
    this.CONSUME(T.LCurly);
    const disruptions: A.DisruptionDecl[] = [];
    const steps: A.FallbackStep[] = [];
    this.statementList(() =>
      this.MANY({
        GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
        DEF: () => {
          this.OR([
            { ALT: () => disruptions.push(this.SUBRULE(this.disruption)) },
            { ALT: () => steps.push(this.SUBRULE(this.fallbackStep)) },
          ]);
        },
      }),
    );
    this.CONSUME(T.RCurly);
    return { kind: "Fallback" as const, disruptions: this.compact(disruptions), steps: this.compact(steps) };
  });

  public disruption = this.RULE("disruption", (): A.DisruptionDecl => {
    const start = this.CONSUME(T.Disruption);
    this.CONSUME(T.If);
    const condition = this.SUBRULE(this.disruptionName);
    let deadline: A.ZonedTime | undefined;
    let duration: A.Duration | undefined;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.By);
            deadline = this.SUBRULE(this.zonedTime);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.For);
            this.CONSUME(T.More);
            this.CONSUME(T.Than);
            duration = this.SUBRULE(this.duration);
          },
        },
      ]);
    });
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return { kind: "Disruption", condition, deadline, duration, annotations: annotations ?? noAnnotations, span };
  });

  /** A disruption kind such as `not-published`; `stale` and `holiday` are keywords elsewhere. */
  public disruptionName = this.RULE("disruptionName", (): A.Ident => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.Stale) },
      { ALT: () => this.CONSUME(T.Holiday) },
    ]);
    return this.ident(tok);
  });

  public fallbackStep = this.RULE("fallbackStep", (): A.FallbackStep => {
    const start = this.LA(1);
    const number = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Dot);
    const action = this.SUBRULE(this.fallbackAction);
    const only: A.Ident[] = [];
    this.OPTION(() => {
      this.CONSUME(T.For);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => only.push(this.SUBRULE(this.disruptionName)) });
    });
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return { kind: "FallbackStep", number, action, only: this.compact(only), annotations: annotations ?? noAnnotations, span };
  });

  public fallbackAction = this.RULE("fallbackAction", (): A.FallbackAction => {
    const start = this.LA(1);
    return this.OR<A.FallbackAction>([
      {
        ALT: () => {
          this.CONSUME(T.Postpone);
          this.CONSUME(T.Up);
          this.CONSUME(T.To);
          const days = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Business);
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          let calendar: A.Ident | undefined;
          this.OPTION(() => {
            this.CONSUME(T.On);
            calendar = this.ident(this.CONSUME(T.Identifier));
          });
          return { kind: "Postpone", days, calendar, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Use);
          this.CONSUME(T.Index);
          return { kind: "AlternateIndex", index: this.ident(this.CONSUME2(T.Identifier)), span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Carry);
          this.CONSUME(T.Forward);
          this.CONSUME(T.The);
          this.CONSUME(T.Last);
          this.CONSUME(T.Published);
          this.CONSUME(T.Value);
          let flagged = false;
          let withinDays: A.NumberLit | undefined;
          let calendar: A.Ident | undefined;
          this.OPTION2(() => {
            this.CONSUME(T.Comma);
            this.CONSUME(T.Flagged);
            flagged = true;
          });
          this.OPTION3(() => {
            this.CONSUME(T.If);
            this.CONSUME2(T.Published);
            this.CONSUME(T.Within);
            withinDays = this.num(this.CONSUME2(T.NumberLiteral));
            this.CONSUME2(T.Business);
            this.OR3([{ ALT: () => this.CONSUME2(T.Day) }, { ALT: () => this.CONSUME2(T.Days) }]);
            this.OPTION4(() => {
              this.CONSUME2(T.On);
              calendar = this.ident(this.CONSUME4(T.Identifier));
            });
          });
          return { kind: "CarryForward", flagged, withinDays, calendar, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Determined);
          this.CONSUME(T.By);
          this.CONSUME2(T.The);
          return { kind: "Determination", party: this.ident(this.CONSUME3(T.Identifier)), span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Exclude);
          this.CONSUME3(T.The);
          this.CONSUME3(T.Day);
          this.CONSUME(T.From);
          this.CONSUME4(T.The);
          this.CONSUME(T.Average);
          this.CONSUME2(T.Comma);
          this.CONSUME(T.Minimum);
          const minimumDays = this.num(this.CONSUME3(T.NumberLiteral));
          this.OR4([{ ALT: () => this.CONSUME4(T.Day) }, { ALT: () => this.CONSUME3(T.Days) }]);
          return { kind: "ExcludeDay", minimumDays, span: this.from(start) };
        },
      },
    ]);
  });

  public optionTypeStmt = this.RULE("optionTypeStmt", () => {
    this.CONSUME(T.Type);
    return { kind: "OptionType" as const, rights: this.SUBRULE(this.identList) };
  });

  public exerciseStmt = this.RULE("exerciseStmt", () => {
    this.CONSUME(T.Exercise);
    return { kind: "Exercise" as const, style: this.ident(this.CONSUME(T.Identifier)) };
  });

  public autoExerciseStmt = this.RULE("autoExerciseStmt", () => {
    this.CONSUME(T.Automatic);
    this.CONSUME(T.Exercise);
    this.CONSUME(T.When);
    this.CONSUME(T.In);
    this.CONSUME(T.The);
    this.CONSUME(T.Money);
    this.CONSUME(T.By);
    this.CONSUME(T.At);
    this.CONSUME(T.Least);
    return { kind: "AutoExercise" as const, threshold: this.SUBRULE(this.quantity) };
  });

  public strikesStmt = this.RULE("strikesStmt", () => {
    this.CONSUME(T.Strikes);
    this.CONSUME(T.Every);
    return { kind: "Strikes" as const, step: this.SUBRULE(this.quantity) };
  });

  public legStmt = this.RULE("legStmt", () => {
    this.CONSUME(T.Leg);
    const side = this.ident(this.CONSUME(T.Identifier));
    const ratio = this.num(this.CONSUME(T.NumberLiteral));
    const contract = this.ident(this.CONSUME2(T.Identifier));
    let monthsLater: A.NumberLit | undefined;
    let rounding: A.Rounding | undefined;
    this.OPTION(() => {
      monthsLater = this.num(this.CONSUME2(T.NumberLiteral));
      this.OR([{ ALT: () => this.CONSUME(T.Month) }, { ALT: () => this.CONSUME(T.Months) }]);
      this.CONSUME(T.Later);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      rounding = this.SUBRULE(this.rounding);
    });
    return { kind: "Leg" as const, side, ratio, contract, monthsLater, rounding };
  });

  public negativePricesStmt = this.RULE("negativePricesStmt", () => {
    this.CONSUME(T.Negative);
    this.CONSUME(T.Prices);
    this.CONSUME(T.Allowed);
    return { kind: "NegativePrices" as const };
  });

  public paymentStmt = this.RULE("paymentStmt", () => {
    this.CONSUME(T.Payment);
    const businessDays = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Business);
    this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
    this.CONSUME(T.After);
    this.CONSUME(T.The);
    const anchor = this.OR2<A.PaymentAnchor>([
      {
        ALT: () => {
          this.CONSUME(T.Final);
          this.CONSUME(T.Settlement);
          this.CONSUME2(T.Day);
          return "final-settlement-day";
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Last);
          this.CONSUME(T.Trading);
          this.CONSUME3(T.Day);
          return "last-trading-day";
        },
      },
    ]);
    this.CONSUME(T.On);
    const calendar = this.ident(this.CONSUME(T.Identifier));
    return { kind: "Payment" as const, businessDays, anchor, calendar };
  });

  public paymentAmountsStmt = this.RULE("paymentAmountsStmt", () => {
    this.CONSUME(T.Payment);
    this.CONSUME(T.Amounts);
    const start = this.CONSUME(T.Rounded);
    this.CONSUME(T.To);
    const increment = this.num(this.CONSUME(T.NumberLiteral));
    const mode = this.ident(this.CONSUME(T.Identifier));
    const rounding: A.Rounding = { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
    return { kind: "PaymentAmounts" as const, rounding };
  });

  // ---------------------------------------------------------------------------------------------- trading hours

  /** A word of a fixed phrase, read as an identifier (so it stays usable as a name elsewhere) and checked later. */
  private fixed(tok: IToken, expected: string, words: A.FixedWord[]): void {
    words.push({ word: this.ident(tok), expected });
  }

  /**
   * `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago, with a break of 60 minutes each day beginning
   * at 16:00`, `trading hours 24 hours a day, 7 days a week in America/Chicago`, or a closed day `trading closed
   * "Christmas Day" on 25 December`; one rule, since all three start with `trading` and a word.
   */
  public tradingHoursStmt = this.RULE("tradingHoursStmt", (): Omit<A.TradingHoursStmt | A.SessionChangeStmt, "annotations" | "span"> => {
    this.CONSUME(T.Trading);
    const words: A.FixedWord[] = [];
    const first = this.CONSUME(T.Identifier);
    return this.OR<Omit<A.TradingHoursStmt | A.SessionChangeStmt, "annotations" | "span">>([
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "hours", words));
          const from = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME(T.To);
          const to = this.ident(this.CONSUME3(T.Identifier));
          const opens = this.time(this.CONSUME(T.TimeLiteral));
          this.CONSUME2(T.To);
          const closes = this.time(this.CONSUME2(T.TimeLiteral));
          const zone = this.SUBRULE(this.zone);
          const brk = this.SUBRULE(this.dailyBreak);
          return {
            kind: "TradingHours" as const,
            words: [...words, ...(brk?.words ?? [])],
            days: { from, to },
            opens,
            closes,
            always: undefined,
            zone,
            breakMinutes: brk?.breakMinutes,
            breakBegins: brk?.breakBegins,
          };
        },
      },
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "hours", words));
          const hours = this.num(this.CONSUME(T.NumberLiteral));
          this.fixed(this.CONSUME4(T.Identifier), "hours", words);
          this.fixed(this.CONSUME5(T.Identifier), "a", words);
          this.CONSUME(T.Day);
          this.CONSUME(T.Comma);
          const days = this.num(this.CONSUME2(T.NumberLiteral));
          this.CONSUME(T.Days);
          this.fixed(this.CONSUME6(T.Identifier), "a", words);
          this.CONSUME(T.Week);
          this.CONSUME(T.In);
          const zone = this.SUBRULE2(this.zone);
          const brk = this.SUBRULE2(this.dailyBreak);
          return {
            kind: "TradingHours" as const,
            words: [...words, ...(brk?.words ?? [])],
            days: undefined,
            opens: undefined,
            closes: undefined,
            always: { hours, days },
            zone,
            breakMinutes: brk?.breakMinutes,
            breakBegins: brk?.breakBegins,
          };
        },
      },
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "closed", words));
          const day = this.SUBRULE(this.sessionDay);
          return this.ACTION(() => ({ ...day, words: [...words, ...day.words] }));
        },
      },
    ]);
  });

  /** `, with a break of 60 minutes each day beginning at 16:00` (optional). */
  public dailyBreak = this.RULE("dailyBreak", () => {
    const words: A.FixedWord[] = [];
    let breakMinutes: A.NumberLit | undefined;
    let breakBegins: A.TimeLit | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.With);
      this.fixed(this.CONSUME(T.Identifier), "a", words);
      this.fixed(this.CONSUME2(T.Identifier), "break", words);
      this.CONSUME(T.Of);
      breakMinutes = this.num(this.CONSUME(T.NumberLiteral));
      this.fixed(this.CONSUME3(T.Identifier), "minutes", words);
      this.fixed(this.CONSUME4(T.Identifier), "each", words);
      this.CONSUME(T.Day);
      this.fixed(this.CONSUME5(T.Identifier), "beginning", words);
      this.CONSUME(T.At);
      breakBegins = this.time(this.CONSUME(T.TimeLiteral));
    });
    return { breakMinutes, breakBegins, words };
  });

  /** `early close "Christmas Eve" at 12:15 on 24 December`. */
  public earlyCloseStmt = this.RULE("earlyCloseStmt", () => {
    this.CONSUME(T.Early);
    const words: A.FixedWord[] = [];
    this.fixed(this.CONSUME(T.Identifier), "close", words);
    let name: A.StringLit | undefined;
    this.OPTION(() => (name = this.str(this.CONSUME(T.StringLiteral))));
    this.CONSUME(T.At);
    const closes = this.time(this.CONSUME(T.TimeLiteral));
    const day = this.SUBRULE(this.sessionDay);
    return this.ACTION(() => ({ ...day, words: [...words, ...day.words], closes, name: name ?? day.name }));
  });

  /** `["NAME"] on [the day before|after] HOLIDAY-DATE [from YEAR] [until YEAR] [, observed …]`. */
  public sessionDay = this.RULE("sessionDay", (): Omit<A.SessionChangeStmt, "annotations" | "span"> => {
    let name: A.StringLit | undefined;
    this.OPTION(() => (name = this.str(this.CONSUME(T.StringLiteral))));
    this.CONSUME(T.On);
    let shift: "before" | "after" | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.The);
      this.CONSUME(T.Day);
      shift = this.OR([
        { ALT: () => (this.CONSUME(T.Before), "before" as const) },
        { ALT: () => (this.CONSUME(T.After), "after" as const) },
      ]);
    });
    const date = this.SUBRULE(this.holidayDate);
    let fromYear: A.NumberLit | undefined;
    let untilYear: A.NumberLit | undefined;
    let observance: A.Observance | undefined;
    this.OPTION3(() => {
      this.CONSUME(T.From);
      fromYear = this.num(this.CONSUME(T.NumberLiteral));
    });
    this.OPTION4(() => {
      this.CONSUME(T.Until);
      untilYear = this.num(this.CONSUME2(T.NumberLiteral));
    });
    this.OPTION5(() => {
      this.OPTION6(() => this.CONSUME(T.Comma));
      observance = this.SUBRULE(this.observance);
    });
    return {
      kind: "SessionChange" as const,
      words: [],
      name,
      closes: undefined,
      shift,
      date,
      fromYear,
      untilYear,
      exceptYears: [],
      observance,
    };
  });

  public indexLicenceStmt = this.RULE("indexLicenceStmt", () => {
    this.CONSUME(T.Index);
    this.CONSUME(T.Licence);
    const index = this.ident(this.CONSUME(T.Identifier));
    this.CONSUME(T.From);
    const licensor = this.str(this.CONSUME(T.StringLiteral));
    return { kind: "IndexLicence" as const, index, licensor };
  });

  public indexDisclaimerStmt = this.RULE("indexDisclaimerStmt", () => {
    this.CONSUME(T.Index);
    this.CONSUME(T.Disclaimer);
    const paragraphs: A.StringLit[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => paragraphs.push(this.str(this.CONSUME(T.StringLiteral))) });
    return { kind: "IndexDisclaimer" as const, paragraphs };
  });

  // ---------------------------------------------------------------------------------------------- shared pieces

  public identList = this.RULE(
    "identList",
    (): A.Ident[] => {
      const out: A.Ident[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => out.push(this.ident(this.CONSUME(T.Identifier))) });
      return out;
    },
    { recoveryValueFunc: () => [] },
  );

  public zone = this.RULE("zone", (): A.ZoneRef => {
    const tok = this.OR([{ ALT: () => this.CONSUME(T.ZoneName) }, { ALT: () => this.CONSUME(T.Identifier) }]);
    return { kind: "Zone", name: tok.image, span: this.tokSpan(tok) };
  });

  public zonedTime = this.RULE("zonedTime", (): A.ZonedTime => {
    const t = this.CONSUME(T.TimeLiteral);
    const zone = this.SUBRULE(this.zone);
    return { kind: "ZonedTime", time: this.time(t), zone, span: this.from(t) };
  });

  public timeWindow = this.RULE("timeWindow", (): A.TimeWindow => {
    const start = this.CONSUME(T.From);
    const from = this.time(this.CONSUME(T.TimeLiteral));
    // `from 23:00 on the previous day inclusive …`: a window that starts on the day before the fixing date.
    let fromDay: A.Ident | undefined;
    this.OPTION(() => {
      this.CONSUME(T.On);
      this.CONSUME(T.The);
      fromDay = this.ident(this.CONSUME(T.Identifier));
      this.CONSUME(T.Day);
    });
    const fromBound = this.SUBRULE(this.bound);
    this.CONSUME(T.To);
    const to = this.time(this.CONSUME2(T.TimeLiteral));
    const toBound = this.SUBRULE2(this.bound);
    const zone = this.SUBRULE(this.zone);
    return {
      kind: "TimeWindow",
      from,
      fromBound,
      to,
      toBound,
      zone,
      ...(fromDay === undefined ? {} : { fromDay }),
      span: this.from(start),
    };
  });

  public bound = this.RULE("bound", () =>
    this.OR([
      { ALT: () => (this.CONSUME(T.Inclusive), "inclusive" as const) },
      { ALT: () => (this.CONSUME(T.Exclusive), "exclusive" as const) },
    ]),
  );

  public duration = this.RULE("duration", (): A.Duration => {
    const start = this.LA(1);
    const amount = this.num(this.CONSUME(T.NumberLiteral));
    let business = false;
    this.OPTION(() => {
      this.CONSUME(T.Business);
      business = true;
    });
    const unit = this.ident(
      this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Days) }, { ALT: () => this.CONSUME(T.Day) }]),
    );
    return { kind: "Duration", amount, business, unit, span: this.from(start) };
  });

  public quantity = this.RULE("quantity", (): A.Quantity => {
    const start = this.LA(1);
    const amount = this.num(this.CONSUME(T.NumberLiteral));
    const unit = this.SUBRULE(this.unitExpr);
    return { kind: "Quantity", amount, unit, span: this.from(start) };
  });

  public unitExpr = this.RULE("unitExpr", (): A.UnitExpr => {
    const start = this.LA(1);
    const numerator = this.SUBRULE(this.unitTerm);
    let denominator: A.UnitTerm | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Per);
      denominator = this.SUBRULE2(this.unitTerm);
    });
    return { kind: "UnitExpr", numerator, denominator, span: this.from(start) };
  });

  public unitTerm = this.RULE("unitTerm", (): A.UnitTerm => {
    const start = this.LA(1);
    let scale: A.NumberLit | undefined;
    this.OPTION(() => {
      scale = this.num(this.OR([{ ALT: () => this.CONSUME(T.ScaledNumber) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]));
    });
    const words: A.Ident[] = [this.ident(this.CONSUME(T.Identifier))];
    // A unit never spans lines: a word on the next line starts the next statement (often a misspelled keyword).
    // `contract` is a keyword but also the last word of `1 BTC futures contract` (an option on a future).
    this.MANY({
      GATE: () => !lineBreakBetween(this.text, this.LA(0).endOffset, this.LA(1).startOffset),
      DEF: () => words.push(this.ident(this.OR2([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.Contract) }]))),
    });
    return { kind: "UnitTerm", scale, words, span: this.from(start) };
  });
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

/** The one parser instance of the process; reset per parse with `parser.input = tokens`. */
export const parserInstance = new TermsheetParser();

/** Token types by name, for tooling (EBNF generation, TextMate grammar tests). */
export const tokenTypes: readonly TokenType[] = T.allTokens;
