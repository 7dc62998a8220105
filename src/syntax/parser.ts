/**
 * The Termsheet parser: an LL(k) chevrotain grammar with embedded actions that builds the AST of ast.ts
 * directly, with error recovery and full locations. Rule names equal the EBNF production names in
 * grammar/termsheet.ebnf. One instance per process (`parserInstance`); use `parse()` from parse.ts.
 *
 * The rules are in grammar/, one file per kind of declaration, each a class extending the one before
 * (grammar/base.ts explains the chain); this file closes the chain and makes the instance.
 */
import type { ParserMethod, TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { SharedRules } from "./grammar/shared.js";
import type { StatementBody } from "./grammar/base.js";
import type { StatementRule } from "./statements.js";

export { lineBreakBetween, MAX_STRAY_LINES_REPORTED, MAX_SYNTAX_ERRORS, type StrayLine } from "./grammar/base.js";

/** The grammar: every rule defined, then analysed once (chevrotain's `performSelfAnalysis`). */
export class TermsheetParser extends SharedRules {
  /**
   * `validate` runs chevrotain's grammar validations (ambiguities, left recursion). They cost tens of milliseconds
   * at every start, so the process-wide instance skips them and test/syntax/grammar-valid.test.ts runs them.
   */
  constructor(options: { validate?: boolean } = {}) {
    super(options);
    this.performSelfAnalysis();
  }
}

/** Every statement rule of the registry is a rule of the parser: a compile error names the one that is not. */
const _everyStatementRuleDefined: Pick<TermsheetParser, StatementRule> extends Record<StatementRule, ParserMethod<[], StatementBody>>
  ? true
  : false = true;

/** The one parser instance of the process; reset per parse with `parser.input = tokens`. */
export const parserInstance = new TermsheetParser();

/** Token types by name, for tooling (EBNF generation, TextMate grammar tests). */
export const tokenTypes: readonly TokenType[] = T.allTokens;
