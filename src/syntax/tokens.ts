/**
 * Tokens of the Termsheet language and the one lexer instance.
 * Keywords are identifiers re-typed after lexing, so `exclusive-window` stays one identifier; comments go to their own
 * group so the formatter can put them back. Enumerated words (weekdays, months, rounding modes, conventions,
 * aggregation methods) are plain identifiers: the checker validates them and suggests corrections.
 */
import { createToken, Lexer, type ILexingResult, type TokenType } from "chevrotain";

// The characters a token can start with, and whether it can span lines, are declared on every lexer token
// (start_chars_hint, line_breaks): chevrotain would otherwise parse each pattern with its regexp analyser at every
// start-up. test/syntax/lexer-hints.test.ts checks the declarations against a lexer that analyses the patterns.
const DIGITS = [..."0123456789"];
const NUMBER_START = ["-", ...DIGITS];
const WORD_START = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"];

export const Identifier = createToken({
  name: "Identifier",
  start_chars_hint: WORD_START,
  line_breaks: false,
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/,
});

const keywordList: TokenType[] = [];
const keywordByWord = new Map<string, TokenType>();
/**
 * Defines a keyword token whose image is the word itself. Keywords are not lexer patterns: the lexer reads them
 * as identifiers and `tokenize` re-types them by a map lookup, which keeps lexer construction and lexing fast.
 */
function kw(word: string): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  const t = createToken({ name: `Kw${name}`, pattern: Lexer.NA, categories: [KeywordCategory], label: `\`${word}\`` });
  keywordList.push(t);
  keywordByWord.set(word, t);
  return t;
}

/** All keywords share this category; the TextMate grammar and the formatter rely on it. */
export const KeywordCategory = createToken({ name: "Keyword", pattern: Lexer.NA });

// Declarations and imports.
export const Import = kw("import");
export const From = kw("from");
export const Calendar = kw("calendar");
export const Index = kw("index");
export const Future = kw("future");
export const Option = kw("option");
export const Spread = kw("spread");
// Annotations.
export const Description = kw("description");
export const Clause = kw("clause");
export const Effective = kw("effective");
export const Until = kw("until");
// Calendars.
export const Time = kw("time");
export const Zone = kw("zone");
export const Weekend = kw("weekend");
export const Holiday = kw("holiday");
export const On = kw("on");
export const The = kw("the");
export const Last = kw("last");
export const Of = kw("of");
export const Easter = kw("Easter");
export const Before = kw("before");
export const After = kw("after");
export const Day = kw("day");
export const Days = kw("days");
export const Except = kw("except");
export const In = kw("in");
export const Observed = kw("observed");
export const As = kw("as");
export const Next = kw("next");
export const Weekday = kw("weekday");
export const Business = kw("business");
export const All = kw("all");
export const Any = kw("any");
export const Based = kw("based");
// Indices.
export const Administrator = kw("administrator");
export const Quoted = kw("quoted");
export const Methodology = kw("methodology");
export const Version = kw("version");
export const Versions = kw("versions");
export const Rule = kw("rule");
export const Selected = kw("selected");
export const Expires = kw("expires");
export const Years = kw("years");
export const Source = kw("source");
export const Models = kw("models");
export const Instruments = kw("instruments");
export const Weight = kw("weight");
export const Blend = kw("blend");
export const Window = kw("window");
export const To = kw("to");
export const Inclusive = kw("inclusive");
export const Exclusive = kw("exclusive");
export const Partition = kw("partition");
export const Into = kw("into");
export const Intervals = kw("intervals");
export const Interval = kw("interval");
export const Empty = kw("empty");
export const Aggregate = kw("aggregate");
export const Aggregated = kw("aggregated");
export const By = kw("by");
export const Exact = kw("exact");
export const Half = kw("half");
export const Dropping = kw("dropping");
export const Highest = kw("highest");
export const And = kw("and");
export const Lowest = kw("lowest");
export const Capped = kw("capped");
export const At = kw("at");
export const Weighted = kw("weighted");
export const Exclude = kw("exclude");
export const Sources = kw("sources");
export const Deviating = kw("deviating");
export const More = kw("more");
export const Than = kw("than");
export const Median = kw("median");
export const Others = kw("others");
export const Stale = kw("stale");
export const For = kw("for");
export const Minimum = kw("minimum");
export const Trades = kw("trades");
export const Per = kw("per");
export const With = kw("with");
export const Or = kw("or");
export const Use = kw("use");
export const Extreme = kw("extreme");
export const Moves = kw("moves");
export const Above = kw("above");
export const Below = kw("below");
export const Round = kw("round");
export const Unrounded = kw("unrounded");
export const Publish = kw("publish");
export const Every = kw("every");
export const Restate = kw("restate");
export const Never = kw("never");
export const Same = kw("same");
export const If = kw("if");
export const Change = kw("change");
export const Exceeds = kw("exceeds");
// Contracts.
export const Underlying = kw("underlying");
export const Contract = kw("contract");
export const Unit = kw("unit");
export const Price = kw("price");
export const Tick = kw("tick");
export const Listing = kw("listing");
export const Consecutive = kw("consecutive");
export const Plus = kw("plus");
export const Trading = kw("trading");
export const Is = kw("is");
export const Adjusted = kw("adjusted");
export const Month = kw("month");
export const Week = kw("week");
export const Terminates = kw("terminates");
export const Final = kw("final");
export const Settlement = kw("settlement");
export const Average = kw("average");
export const Over = kw("over");
export const Up = kw("up");
export const Rounded = kw("rounded");
export const Leg = kw("leg");
export const Daily = kw("daily");
export const Vwap = kw("vwap");
export const Midpoint = kw("midpoint");
export const Bid = kw("bid");
export const Offer = kw("offer");
export const Carry = kw("carry");
export const Forward = kw("forward");
export const Prior = kw("prior");
export const Limits = kw("limits");
export const Limit = kw("limit");
export const Position = kw("position");
export const Spot = kw("spot");
export const Months = kw("months");
export const Fallback = kw("fallback");
export const Disruption = kw("disruption");
export const Postpone = kw("postpone");
export const Published = kw("published");
export const Value = kw("value");
export const Flagged = kw("flagged");
export const Within = kw("within");
export const Determined = kw("determined");
export const Poll = kw("poll");
export const Dealers = kw("dealers");
export const Quotes = kw("quotes");
export const Negotiated = kw("negotiated");
export const Type = kw("type");
export const Exercise = kw("exercise");
export const Automatic = kw("automatic");
export const When = kw("when");
export const Money = kw("money");
export const Least = kw("least");
export const Strikes = kw("strikes");
export const Premium = kw("premium");
export const Expiry = kw("expiry");
export const Later = kw("later");
export const Negative = kw("negative");
export const Prices = kw("prices");
export const Allowed = kw("allowed");
export const Its = kw("its");
export const Own = kw("own");
export const Payment = kw("payment");
export const Amounts = kw("amounts");
export const Early = kw("early");
export const Beyond = kw("beyond");
export const Net = kw("net");
export const Lead = kw("lead");
// A daily carry step (issue 16): `carry of BTC_REF with interest USD_RATE per 365 days`.
export const Interest = kw("interest");
// Sampled indices (issue 15): `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`.
export const Sample = kw("sample");
export const Samples = kw("samples");
export const Licence = kw("licence");
export const Fixings = kw("fixings");
export const DateWord = kw("date");
export const Disclaimer = kw("disclaimer");

// Literals. Order matters: dates before year-months before numbers; times before numbers.
export const StringLiteral = createToken({
  name: "StringLiteral",
  start_chars_hint: ['"'],
  line_breaks: false,
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: "a string in double quotes",
});
/** An opening quote with no closing quote on the same line; reported by the parser wrapper. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  start_chars_hint: ['"'],
  line_breaks: false,
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
});
export const DateLiteral = createToken({
  name: "DateLiteral",
  start_chars_hint: DIGITS,
  line_breaks: false,
  pattern: /\d{4}-\d{2}-\d{2}(?![\w-])/,
  label: "a date such as 2026-03-27",
});
export const TimeLiteral = createToken({
  name: "TimeLiteral",
  start_chars_hint: DIGITS,
  line_breaks: false,
  pattern: /\d{1,2}:\d{2}(?::\d{2})?(?![\w:])/,
  label: "a time such as 16:00",
});
export const OrdinalNumber = createToken({
  name: "OrdinalNumber",
  start_chars_hint: DIGITS,
  line_breaks: false,
  pattern: /\d+(?:st|nd|rd|th)(?![\w-])/,
  label: "an ordinal such as 25th",
});
/** `first` … `fifth`: re-typed from identifiers like keywords. */
export const OrdinalWord = createToken({
  name: "OrdinalWord",
  pattern: Lexer.NA,
  label: "first, second, third, fourth or fifth",
});
for (const w of ["first", "second", "third", "fourth", "fifth"]) keywordByWord.set(w, OrdinalWord);
export const Percent = createToken({
  name: "Percent",
  start_chars_hint: NUMBER_START,
  line_breaks: false,
  pattern: /-?\d[\d_]*(?:\.[\d_]+)?%/,
  label: "a percentage such as 5%",
});
/** A number with a compact scale suffix, as in `per 1M tokens`. */
export const ScaledNumber = createToken({
  name: "ScaledNumber",
  start_chars_hint: DIGITS,
  line_breaks: false,
  pattern: /\d[\d_]*[KMB](?![\w-])/,
  label: "a scaled number such as 1M",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  start_chars_hint: NUMBER_START,
  line_breaks: false,
  pattern: /-?\d[\d_]*(?:\.[\d_]+)?(?![\w])/,
  label: "a number",
});
export const ZoneName = createToken({
  name: "ZoneName",
  start_chars_hint: WORD_START,
  line_breaks: false,
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z0-9_+-]+)+/,
  label: "a time zone such as Europe/London",
});

export const LCurly = createToken({ name: "LCurly", pattern: "{", line_breaks: false, label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", line_breaks: false, label: "`}`" });
export const Comma = createToken({ name: "Comma", pattern: ",", line_breaks: false, label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: ":", line_breaks: false, label: "`:`" });
export const Dot = createToken({ name: "Dot", pattern: ".", line_breaks: false, label: "`.`" });

export const LineComment = createToken({
  name: "LineComment",
  start_chars_hint: ["/"],
  line_breaks: false,
  pattern: /\/\/[^\r\n]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  start_chars_hint: ["/"],
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
/** A block comment that never closes; reported by the parser wrapper. */
export const UnterminatedComment = createToken({
  name: "UnterminatedComment",
  start_chars_hint: ["/"],
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  start_chars_hint: [" ", "\t", "\r", "\n", "\f", "\v", "\u00a0", "\ufeff"],
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** The token types the chevrotain lexer matches, in order: literals before identifiers. */
export const lexerTokens: readonly TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  TimeLiteral,
  OrdinalNumber,
  Percent,
  ScaledNumber,
  NumberLiteral,
  ZoneName,
  LCurly,
  RCurly,
  Comma,
  Colon,
  Dot,
  Identifier,
];

/** Every token type the parser knows (its vocabulary). */
export const allTokens: TokenType[] = [...lexerTokens, KeywordCategory, OrdinalWord, ...keywordList];

/** The words reserved by the language, for documentation and did-you-mean. */
export const keywords: readonly string[] = [...keywordByWord.keys()].filter((w) => keywordByWord.get(w) !== OrdinalWord);

/** The keyword token type of a word, if it is one. */
export function keywordOf(word: string): TokenType | undefined {
  return keywordByWord.get(word);
}

const chevrotainLexer = new Lexer([...lexerTokens], {
  // Offsets only: lines and columns for every token cost lexing time and memory; syntax/ finds line breaks in
  // the text when it needs them (grammar/base.ts lineBreakBetween), and spans are offsets anyway.
  positionTracking: "onlyOffset",
  ensureOptimizations: false,
  safeMode: false,
  skipValidations: true,
});

/** The one lexer of the process: chevrotain's lexer followed by keyword re-typing. */
export const lexer = {
  tokenize(text: string): ILexingResult {
    const result = chevrotainLexer.tokenize(text);
    // The lexer tracks start offsets only (lines, columns and end offsets for every token cost more than they
    // give); the end offset is the image's, set here, as for comments below.
    for (let i = 0; i < result.tokens.length; i++) {
      const t = result.tokens[i]!;
      t.endOffset = t.startOffset + t.image.length - 1;
      if (t.tokenType === Identifier) {
        const k = keywordByWord.get(t.image);
        if (k) {
          t.tokenType = k;
          t.tokenTypeIdx = k.tokenTypeIdx!;
        }
      }
    }
    for (const list of Object.values(result.groups)) for (const t of list) t.endOffset = t.startOffset + t.image.length - 1;
    return result;
  },
};
