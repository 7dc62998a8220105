/**
 * Curated syntax-error messages. Chevrotain's raw token lists are replaced by what a reader expects to see: a short
 * message ("expected a holiday date after `on`, found `December`") and, as a hint, an example of what fits there.
 * The parser's message provider encodes the facts as JSON; parse.ts decodes them through describeExpected().
 * Suggestions for misspelt keywords come from diagnostics/did-you-mean, like every other did-you-mean.
 */
import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "chevrotain";
import { hintFor } from "../diagnostics/did-you-mean.js";
import * as T from "./tokens.js";
import { STATEMENT_RULES, type RuleText, type StatementRuleEntry } from "./statements.js";

/** What the rules other than statements (statements.ts has those) stand for in a message, and an example. */
const ruleTexts: Record<string, RuleText> = {
  file: {
    what: "an `import` or a declaration",
    example: "a file holds imports and declarations that start with `calendar`, `index`, `future`, `option` or `spread`",
  },
  importDecl: { what: "an import", example: 'for example `import "calendars/nyse.terms"` or `import NYSE from "calendars/std.terms"`' },
  declaration: { what: "a declaration", example: "a declaration starts with `calendar`, `index`, `future`, `option` or `spread`" },
  block: { what: "a block in braces" },
  annotations: { what: "a `description`, `clause` or `effective` annotation" },
  effectiveRange: { what: "`from` or `until` and a date", example: "for example `effective from 2026-01-01 until 2026-12-31`" },
  statement: { what: "a statement, or `}` to close the block" },
  holidayDate: {
    what: "a holiday date",
    example:
      "a holiday date is a date such as 2012-10-29, a day and month such as `25 December`, `the third Monday of January`, `Easter` or `2 days before Easter`",
  },
  ordinal: { what: "`first`, `second`, `third`, `fourth`, `fifth` or `last`" },
  observance: {
    what: "an observance",
    example: "for example `observed Saturday as Friday, Sunday as Monday` or `observed on the next weekday`",
  },
  method: { what: "an aggregation method", example: "for example `median`, `mean`, `vwap` or `volume-weighted-median`" },
  methodOption: {
    what: "a method option",
    example: "a method option is `exact half …`, `dropping N highest and N lowest`, `capped at N%` or `weighted by …`",
  },
  rounding: {
    what: "a rounding",
    example: "for example `rounded to 0.01 half-even`, `rounded to the tick half-up`, or `unrounded`",
  },
  tickTier: { what: "a tick size", example: "for example `premium tick 1 USD per BTC at or below 25, 5 USD per BTC above 25`" },
  dateRule: {
    what: "a date rule",
    example: "for example `the last Friday of the contract month` or `2 business days before the third Friday of the contract month`",
  },
  dateAnchor: {
    what: "a day",
    example:
      "for example `the last Friday of the contract month`, `the last business day of the contract month` or `the 25th day of the month before the contract month`",
  },
  monthRef: { what: "a month", example: "`the contract month`, `the contract week` or `the month before the contract month`" },
  settlementValue: {
    what: "a settlement value",
    example:
      "`at INDEX at 16:00 Europe/London on the last trading day`, `at the average of INDEX …`, `at the final settlement price of CONTRACT` or `leg by leg`",
  },
  averagingDays: {
    what: "the days to average over",
    example: "`every business day of the contract month` or `the last 5 business days up to the last trading day`",
  },
  dailyStep: {
    what: "a daily settlement step",
    example: "a step is `vwap of trades from …`, `midpoint of bid and offer at …` or `carry forward the prior settlement`",
  },
  disruption: { what: "a disruption", example: "for example `disruption if not-published by 17:00 Europe/London`" },
  disruptionName: {
    what: "a disruption kind",
    example: "`not-published`, `too-few-sources`, `stale`, `ceased`, `methodology-changed` or `holiday`",
  },
  fallbackStep: { what: "a numbered fallback step", example: "for example `1. postpone up to 2 business days on NYSE`" },
  fallbackAction: {
    what: "a fallback action",
    example: "`postpone up to N business days`, `use index NAME`, `carry forward the last published value` or `determined by the exchange`",
  },
  sessionDay: { what: "a named day", example: 'for example `"Christmas Day" on 25 December`' },
  dailyBreak: { what: "a daily break", example: "for example `, with a break of 60 minutes each day beginning at 16:00`" },
  identList: { what: "a name" },
  zone: { what: "a time zone", example: "for example `Europe/London` or `America/New_York`" },
  zonedTime: { what: "a time and zone", example: "for example `16:00 Europe/London`" },
  timeWindow: { what: "a window", example: "for example `from 15:00 inclusive to 16:00 exclusive Europe/London`" },
  bound: { what: "`inclusive` or `exclusive`", example: "every window bound says whether it is `inclusive` or `exclusive`" },
  duration: { what: "a duration", example: "for example `5 minutes` or `2 business days`" },
  quantity: { what: "an amount with a unit", example: "for example `0.01 USD per 1M tokens`" },
  unitExpr: { what: "a unit", example: "for example `USD per 1M tokens`" },
  unitTerm: { what: "a unit", example: "for example `USD` or `1M tokens`" },
};

/** What a rule stands for in a message, and an example of it for the hint. */
function ruleText(rule: string): RuleText | undefined {
  return ruleTexts[rule] ?? statementRule(rule)?.syntax;
}

/** The entry of a statement rule in the registry, if the rule is one. */
function statementRule(rule: string): StatementRuleEntry | undefined {
  return Object.hasOwn(STATEMENT_RULES, rule) ? (STATEMENT_RULES as Record<string, StatementRuleEntry>)[rule] : undefined;
}

/** Rules other than statements whose name reads as a place in the source, for the context path. */
const ruleNames: Record<string, string> = {
  fallbackStep: "fallback step",
  disruption: "disruption",
  dailyStep: "daily settlement step",
};

/** The rules that name a place worth showing in a context path: statements and steps. */
function isPlaceRule(rule: string): boolean {
  return rule.endsWith("Stmt") || rule === "fallbackStep" || rule === "dailyStep" || rule === "disruption";
}

/** The context path of a rule stack, e.g. ["final settlement"], without grammar plumbing such as `block`. */
export function contextOf(ruleStack: readonly string[]): string[] {
  return ruleStack.filter(isPlaceRule).map((r) => ruleNames[r] ?? statementRule(r)?.phrase ?? r);
}

/** How a found token reads in a message. */
export function describeToken(tok: IToken): string {
  if (tok.tokenType === EOF) return "the end of the file";
  const image = shorten(tok.image);
  if ((tok.tokenType.CATEGORIES ?? []).includes(T.KeywordCategory)) return `the keyword \`${image}\``;
  return `\`${image}\``;
}

/** A token image for a message: long images (strings, mostly) are cut to 40 characters. */
export function shorten(image: string): string {
  return image.length > 40 ? `${image.slice(0, 37)}…` : image;
}

function label(t: TokenType): string {
  if (t === EOF) return "the end of the file";
  if (t.LABEL) return t.LABEL;
  if (t === T.Identifier) return "a name";
  return t.name;
}

interface Encoded {
  readonly kind: "mismatch" | "noViableAlt" | "earlyExit" | "notAllInput";
  readonly rule: string;
  readonly expected: readonly string[];
}

/** The message provider installed in the parser: encodes facts as JSON for describeExpected. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, ruleName }) {
    return JSON.stringify({ kind: "mismatch", rule: ruleName, expected: [label(expected)] } satisfies Encoded);
  },
  buildNotAllInputParsedMessage() {
    return JSON.stringify({ kind: "notAllInput", rule: "file", expected: [] } satisfies Encoded);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, ruleName }) {
    const firsts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) firsts.add(label(path[0]));
    return JSON.stringify({ kind: "noViableAlt", rule: ruleName, expected: [...firsts] } satisfies Encoded);
  },
  buildEarlyExitMessage({ expectedIterationPaths, ruleName }) {
    const firsts = new Set<string>();
    for (const path of expectedIterationPaths) if (path[0]) firsts.add(label(path[0]));
    return JSON.stringify({ kind: "earlyExit", rule: ruleName, expected: [...firsts] } satisfies Encoded);
  },
};

function decode(err: IRecognitionException): Encoded | undefined {
  try {
    const e = JSON.parse(err.message) as Encoded;
    return typeof e === "object" && e !== null && Array.isArray(e.expected) ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Mismatches that read better with what the token introduces. */
const curatedMismatch: Record<string, RuleText> = {
  "block `}`": ruleTexts["statement"]!,
  "finalSettlementStmt `,`": {
    what: "`,` and a rounding",
    example: "a final settlement ends with its rounding: `, rounded to 0.01 half-even`, or `, unrounded`",
  },
  "dailySettlementStmt `}`": STATEMENT_RULES.dailySettlementStmt.syntax,
  "fallbackStmt `}`": STATEMENT_RULES.fallbackStmt.syntax,
  "declaration a name": {
    what: "a name for the declaration",
    example: 'a declaration has a keyword, a name and an optional title, as in `future FOTI "AI Token Output Futures" { … }`',
  },
  "block `{`": { what: "`{`", example: "the statements of a declaration are written in braces, as in `calendar NYSE { … }`" },
  "sourceStmt a name": { what: "a name for the source", example: 'for example `source OPENAI "OpenAI list price" { … }`' },
  "importDecl a string in double quotes": {
    what: "the path of the imported file",
    example: 'for example `import "calendars/nyse.terms"` or `import NYSE from "calendars/std.terms"`',
  },
};

/** True when the error is a `}` that was expected but never came. */
export function expectsClosingBrace(err: IRecognitionException): boolean {
  const e = decode(err);
  return e?.kind === "mismatch" && e.expected[0] === "`}`";
}

/** True when the parser met, at the top level of a file, a token that cannot start an import or declaration. */
export function isTopLevelError(err: IRecognitionException): boolean {
  const e = decode(err);
  return (
    e !== undefined && e.rule === "file" && (e.kind === "notAllInput" || (e.kind === "mismatch" && e.expected[0] === "the end of the file"))
  );
}

/** True when the parser stopped at a place where only a new statement, step or declaration could start. */
export function isStatementBoundaryError(err: IRecognitionException): boolean {
  const e = decode(err);
  if (!e) return false;
  if (e.kind === "notAllInput") return true;
  return e.kind === "mismatch" && e.expected[0] === "`}`" && ["block", "dailySettlementStmt", "fallbackStmt"].includes(e.rule);
}

/** What the parser expected, in words: a short phrase for the message and, when useful, an example for the hint. */
export function describeExpected(err: IRecognitionException, ruleStack: readonly string[]): RuleText {
  const e = decode(err);
  const rule = ruleStack[ruleStack.length - 1] ?? "file";
  const example = exampleFor(ruleStack);
  if (!e) return { what: "something else", example };
  if (e.kind === "notAllInput") return ruleTexts["file"]!;
  if (e.kind === "mismatch") {
    const only = e.expected[0] ?? "something else";
    const curated = curatedMismatch[`${e.rule} ${only}`];
    if (curated) return curated;
    return { what: only, example };
  }
  const text = ruleText(e.rule) ?? ruleText(rule);
  return { what: text?.what ?? orList(e.expected), example: text?.example ?? example };
}

/** The example of the innermost rule that has one, looking no further out than the statement. */
function exampleFor(ruleStack: readonly string[]): string | undefined {
  for (let i = ruleStack.length - 1; i >= 0; i--) {
    const rule = ruleStack[i]!;
    const example = ruleText(rule)?.example;
    if (example) return example;
    if (isPlaceRule(rule) || rule === "statement" || rule === "block") return undefined;
  }
  return undefined;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "something else";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The keywords a mismatch or no-viable-alternative error expected, without their backquotes. */
export function expectedKeywords(err: IRecognitionException): string[] {
  return (
    decode(err)
      ?.expected.filter((x) => /^`[^`]+`$/.test(x))
      .map((x) => x.slice(1, -1)) ?? []
  );
}

/** For a name where a keyword was expected: `did you mean \`tick\`?` when one of `pool` is close. */
export function suggestKeyword(image: string, pool: readonly string[]): string | undefined {
  return hintFor(image, pool);
}

/** Words that follow a `,` in the grammar; met without one, the comma is probably what is missing. */
export const afterCommaWords: ReadonlySet<string> = new Set([
  "adjusted",
  "rounded",
  "unrounded",
  "observed",
  "flagged",
  "exact",
  "dropping",
  "capped",
  "weighted",
]);

/** Examples of statements by declaration keyword, for the hint when a line starts with a word that is no statement. */
export const statementExamples: Readonly<Record<string, string>> = {
  calendar: "a calendar's statements start with a keyword such as `time zone`, `weekend`, `holiday` or `based on`",
  index: "an index's statements start with a keyword such as `source`, `window`, `aggregate`, `minimum` or `round`",
  future: "a future's statements start with a keyword such as `underlying`, `tick`, `listing`, `last trading day` or `final settlement`",
  option: "an option's statements start with a keyword such as `underlying`, `type`, `exercise`, `strikes` or `expiry`",
  spread: "a spread's statements start with a keyword such as `leg`, `negative prices allowed` or `final settlement`",
};

/** Words that start the action of a numbered daily-settlement or fallback step. */
export const stepWords: ReadonlySet<string> = new Set(["vwap", "midpoint", "carry", "postpone", "use", "determined", "net", "lead"]);
