/**
 * Curated syntax-error messages. Chevrotain's raw token lists are replaced by what a reader expects to see
 * ("expected a holiday date after `on`"). The parser's message provider encodes the facts as JSON; parse.ts
 * decodes them through describeExpected().
 */
import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "chevrotain";
import * as T from "./tokens.js";

/** What each rule stands for, used in messages and context paths. */
const ruleDescriptions: Record<string, string> = {
  file: "an `import` or a declaration (`calendar`, `index`, `future`, `option` or `spread`)",
  importDecl: "an import such as `import \"calendars/nyse.terms\"`",
  declaration: "a declaration (`calendar`, `index`, `future`, `option` or `spread`)",
  block: "a block in braces",
  annotations: "a `description`, `clause` or `effective` annotation",
  effectiveRange: "an effective range such as `effective from 2026-01-01`",
  statement: "a statement such as `tick …`, `holiday …` or `window …`, or `}` to close the block",
  holidayDate:
    "a holiday date: a date such as 2012-10-29, a day and month such as `25 December`, `the third Monday of January`, `Easter` or `2 days before Easter`",
  ordinal: "`first`, `second`, `third`, `fourth`, `fifth` or `last`",
  observance: "an observance such as `observed Saturday as Friday, Sunday as Monday` or `observed on the next weekday`",
  jointStmt: "`business day in all of …` or `business day in any of …`",
  quotedStmt: "a unit such as `USD per 1M tokens`",
  sourceStmt: "a source such as `source OPENAI \"OpenAI list price\" { … }`",
  priorityListStmt: "a list of quoted names in priority order",
  method: "an aggregation method such as `median`, `mean`, `vwap` or `volume-weighted-median`",
  methodOption: "a method option: `exact half …`, `dropping N highest and N lowest`, `capped at N%` or `weighted by …`",
  excludeStmt: "`deviating more than N% from the median of the others` or `stale for more than N minutes`",
  minimumStmt: "`minimum sources N` or `minimum trades N per interval`",
  degradationStmt: "a degradation rule such as `with 3 to 4 sources use mean`",
  roundStmt: "`round to 0.01 half-even` or `unrounded`",
  rounding: "a rounding such as `rounded to 0.01 half-even`, `rounded to the tick half-up`, or `unrounded`",
  publishStmt: "`every calendar day` or `on business days of CALENDAR`",
  restateStmt: "`restate never` or `restate same day if change exceeds 0.10%`",
  tickStmt: "a tick size such as `0.01 USD per 1M tokens`",
  tickTier: "a tick size such as `0.01 USD per 1M tokens`",
  listingStmt: "a listing cycle such as `6 consecutive months plus the next 2 in December`",
  lastTradingDayStmt: "a date rule such as `the last Friday of the contract month`",
  dateRule: "a date rule such as `the last Friday of the contract month` or `2 business days before the third Friday of the contract month`",
  dateAnchor: "a day such as `the last Friday of the contract month`, `the last business day of the contract month` or `the 25th day of the month before the contract month`",
  monthRef: "`the contract month`, `the contract week` or `the month before the contract month`",
  expiryStmt: "`with the underlying` or `N business days before the underlying`",
  terminationStmt: "a time and zone such as `16:00 Europe/London`",
  finalSettlementStmt: "a final settlement such as `final settlement in cash at INDEX at 16:00 Europe/London on the last trading day, rounded to 0.01 half-even`",
  settlementValue: "`at INDEX at TIME ZONE on the last trading day`, `at the average of INDEX …`, `at the final settlement price of CONTRACT` or `leg by leg`",
  averagingDays: "`every business day of the contract month` or `the last N business days up to the last trading day`",
  dailySettlementStmt: "numbered daily settlement steps",
  dailyStep: "a numbered step: `1. vwap of trades from … to …`, `2. midpoint of bid and offer at …` or `3. carry forward the prior settlement`",
  priceLimitsStmt: "price limits such as `7%, 13%, 20% of the prior settlement`",
  positionLimitStmt: "a position limit such as `position limit 1000 contracts in the spot month`",
  fallbackStmt: "`disruption if …` or a numbered fallback step",
  disruption: "a disruption such as `disruption if not-published by 17:00 Europe/London`",
  disruptionName: "a disruption kind such as `not-published`, `too-few-sources`, `stale`, `ceased`, `methodology-changed` or `holiday`",
  fallbackStep: "a numbered fallback step such as `1. postpone up to 2 business days on NYSE`",
  fallbackAction:
    "a fallback action: `postpone up to N business days`, `use index NAME`, `carry forward the last published value` or `determined by the exchange`",
  autoExerciseStmt: "`automatic exercise when in the money by at least …`",
  strikesStmt: "a strike grid such as `strikes every 0.05 USD per 1M tokens`",
  legStmt: "a leg such as `leg buy 1 FOTI` or `leg sell 1 FOTI 1 month later`",
  identList: "a name",
  zone: "a time zone such as `Europe/London`",
  zonedTime: "a time and zone such as `16:00 Europe/London`",
  timeWindow: "a window such as `from 15:00 inclusive to 16:00 exclusive Europe/London`",
  bound: "`inclusive` or `exclusive`",
  duration: "a duration such as `5 minutes` or `2 business days`",
  quantity: "an amount with a unit, such as `0.01 USD per 1M tokens`",
  unitExpr: "a unit such as `USD per 1M tokens`",
  unitTerm: "a unit such as `USD` or `1M tokens`",
};

/** Rules whose name reads as a place in the source, for the context path. */
const ruleNames: Record<string, string> = {
  declaration: "declaration",
  block: "block",
  statement: "statement",
  holidayStmt: "holiday",
  sourceStmt: "source",
  fallbackStmt: "fallback",
  fallbackStep: "fallback step",
  dailySettlementStmt: "daily settlement",
  dailyStep: "daily settlement step",
  finalSettlementStmt: "final settlement",
  lastTradingDayStmt: "last trading day",
  tickStmt: "tick",
  listingStmt: "listing",
};

/** A short name of a rule for a context path. */
export function describeRule(rule: string): string {
  return ruleNames[rule] ?? rule.replace(/Stmt$/, "").replace(/([A-Z])/g, " $1").toLowerCase();
}

/** How a found token reads in a message. */
export function describeToken(tok: IToken): string {
  if (tok.tokenType === EOF) return "the end of the file";
  const image = tok.image.length > 40 ? `${tok.image.slice(0, 37)}…` : tok.image;
  if ((tok.tokenType.CATEGORIES ?? []).includes(T.KeywordCategory)) return `the keyword \`${image}\``;
  return `\`${image}\``;
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
    return JSON.parse(err.message) as Encoded;
  } catch {
    return undefined;
  }
}

/** Mismatches that read better with what the token introduces. */
const curatedMismatch: Record<string, string> = {
  "block `}`": ruleDescriptions["statement"]!,
  "finalSettlementStmt `,`": "`,` and a rounding such as `rounded to 0.01 half-even`, or `, unrounded`",
  "dailySettlementStmt `}`": "a numbered step such as `1. vwap of trades …`, or `}`",
  "fallbackStmt `}`": "`disruption if …`, a numbered step such as `1. postpone up to 2 business days`, or `}`",
};

/** True when the error is a `}` that was expected but never came. */
export function expectsClosingBrace(err: IRecognitionException): boolean {
  const e = decode(err);
  return e?.kind === "mismatch" && e.expected[0] === "`}`";
}

/** True when the parser stopped at a place where only a new statement, step or declaration could start. */
export function isStatementBoundaryError(err: IRecognitionException): boolean {
  const e = decode(err);
  if (!e) return false;
  if (e.kind === "notAllInput") return true;
  return e.kind === "mismatch" && e.expected[0] === "`}`" && ["block", "dailySettlementStmt", "fallbackStmt"].includes(e.rule);
}

/** What was expected, in words. */
export function describeExpected(err: IRecognitionException, rule: string): string {
  const e = decode(err);
  if (!e) return "something else";
  if (e.kind === "notAllInput") return ruleDescriptions["file"]!;
  if (e.kind === "mismatch") {
    const only = e.expected[0] ?? "something else";
    const curated = curatedMismatch[`${e.rule} ${only}`];
    if (curated) return curated;
    if (e.rule === "identList") return "a name";
    // A name where a rule has its own description reads better as that description.
    if (only === "a name" && ruleDescriptions[e.rule] && e.rule !== "statement") return `${only} (${ruleDescriptions[e.rule]})`;
    return only;
  }
  return ruleDescriptions[e.rule] ?? ruleDescriptions[rule] ?? e.expected.join(", ");
}

/** For a name where a keyword was expected: `did you mean \`tick\`?` when one is close. */
export function suggestKeyword(image: string, err: IRecognitionException): string | undefined {
  const e = decode(err);
  const words = e?.expected.filter((x) => x.startsWith("`")).map((x) => x.slice(1, -1)) ?? [];
  const pool = words.length > 0 && !words.includes("}") ? words : T.keywords;
  return closest(image, pool);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const dp: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, dp[i - 2]![j - 2]! + 1);
      dp[i]![j] = v;
    }
  }
  return dp[m]![n]!;
}

/** For a name at the start of a line: the closest keyword, as a hint. */
export function suggestStatementKeyword(image: string): string | undefined {
  return closest(image, T.keywords);
}

function closest(image: string, pool: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const limit = Math.max(1, Math.floor(image.length / 3));
  for (const w of pool) {
    const dist = distance(image.toLowerCase(), w.toLowerCase());
    if (dist < bestDist && dist <= limit) {
      best = w;
      bestDist = dist;
    }
  }
  return best ? `did you mean \`${best}\`?` : undefined;
}
