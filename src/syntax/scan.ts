/**
 * A chevrotain-free view of the lexer and of the grammar for tools such as the language service (src/service):
 * the tokens of a text with their class and end-exclusive offsets, and what the grammar accepts after a sequence
 * of tokens from the start of a rule (chevrotain's content assist). Nothing outside syntax/ sees chevrotain types.
 */
import type { IToken, TokenType } from "chevrotain";
import { parserInstance } from "./parser.js";
import * as T from "./tokens.js";

/** What kind of token a scanned token is. */
export type TokenClass =
  | "keyword"
  | "identifier"
  | "string"
  | "number"
  | "percent"
  | "scaled-number"
  | "date"
  | "time"
  | "ordinal-number"
  | "zone"
  | "punctuation"
  | "comment"
  | "invalid";

/** One token: its class, its text and its end-exclusive offsets. */
export interface ScannedToken {
  readonly class: TokenClass;
  readonly image: string;
  readonly start: number;
  readonly end: number;
}

/** The tokens of a text in order, its comments, and the offsets of characters the lexer could not read. */
export interface Scan {
  readonly tokens: readonly ScannedToken[];
  readonly comments: readonly ScannedToken[];
  readonly invalid: readonly ScannedToken[];
}

/** The chevrotain token behind each scanned token, for content assist. */
const underlying = new WeakMap<ScannedToken, IToken>();

function classOf(t: TokenType): TokenClass {
  if (t === T.Identifier) return "identifier";
  if (t === T.StringLiteral || t === T.UnterminatedString) return "string";
  if (t === T.NumberLiteral) return "number";
  if (t === T.Percent) return "percent";
  if (t === T.ScaledNumber) return "scaled-number";
  if (t === T.DateLiteral) return "date";
  if (t === T.TimeLiteral) return "time";
  if (t === T.OrdinalNumber) return "ordinal-number";
  if (t === T.ZoneName) return "zone";
  if (t === T.LCurly || t === T.RCurly || t === T.Comma || t === T.Colon || t === T.Dot) return "punctuation";
  if (t === T.LineComment || t === T.BlockComment || t === T.UnterminatedComment) return "comment";
  return (t.CATEGORIES ?? []).includes(T.KeywordCategory) || t === T.OrdinalWord ? "keyword" : "identifier";
}

/** Lexes a text. Never throws: characters the lexer cannot read are listed as `invalid`. */
export function scan(text: string): Scan {
  const lexed = T.lexer.tokenize(text);
  const tokens: ScannedToken[] = [];
  for (const t of lexed.tokens) {
    const s: ScannedToken = { class: classOf(t.tokenType), image: t.image, start: t.startOffset, end: t.startOffset + t.image.length };
    underlying.set(s, t);
    tokens.push(s);
  }
  const comments = (lexed.groups["comments"] ?? []).map((c): ScannedToken => ({
    class: "comment",
    image: c.image,
    start: c.startOffset,
    end: c.startOffset + c.image.length,
  }));
  const invalid = lexed.errors.map((e): ScannedToken => ({
    class: "invalid",
    image: text.slice(e.offset, e.offset + e.length),
    start: e.offset,
    end: e.offset + e.length,
  }));
  return { tokens, comments, invalid };
}

/** The keyword spellings (and punctuation) that are reserved words of the language. */
export const KEYWORDS: readonly string[] = T.keywords;

/** What may come next: keywords and punctuation by their spelling, and token classes (a name, a string, …). */
export interface Expected {
  readonly words: readonly string[];
  readonly classes: readonly TokenClass[];
}

/**
 * What the grammar accepts after `tokens`, read from the start of the rule `rule` (a production name of
 * grammar/termsheet.ebnf such as "statement", "declaration" or "file"). Tokens must come from one `scan`;
 * an unknown rule or a failure of the content assist gives nothing.
 */
export function expectedAfter(rule: string, tokens: readonly ScannedToken[]): Expected {
  const raw: IToken[] = [];
  for (const t of tokens) {
    const u = underlying.get(t);
    if (u === undefined) return { words: [], classes: [] };
    raw.push(u);
  }
  try {
    const words = new Set<string>();
    const classes = new Set<TokenClass>();
    for (const path of parserInstance.computeContentAssist(rule, raw)) {
      const t = path.nextTokenType;
      const c = classOf(t);
      if (c === "keyword" || c === "punctuation") {
        if (t === T.OrdinalWord) for (const w of ["first", "second", "third", "fourth", "fifth"]) words.add(w);
        else words.add(t.LABEL?.replace(/^`|`$/g, "") ?? t.name);
      } else if (t !== T.KeywordCategory) classes.add(c);
    }
    return { words: [...words], classes: [...classes] };
  } catch {
    return { words: [], classes: [] };
  }
}
