/**
 * Syntax errors that newcomers make first, explained in their own terms instead of in the grammar's: an amount
 * written without its unit (`tick 0.01`), a unit written with a slash (`USD/GPU-hour`, which reads as a time zone
 * name), a synonym where a method name is expected (`average` for `mean`), and the words after a 12-hour clock time
 * (`4:00 pm New York`), which the checker explains in full (check/clock-times.ts). parse.ts asks these first.
 */
import type { IToken } from "chevrotain";
import * as T from "./tokens.js";

/** A message and a hint that replace the generic ones. */
export interface Mistake {
  readonly message: string;
  readonly hint: string;
}

/** Words people write for a method or word of the language, and the word it has. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  average: "mean",
  avg: "mean",
  "arithmetic-mean": "mean",
  "weighted-average": "weighted-mean",
  "volume-weighted-average": "vwap",
  "trimmed-average": "trimmed-mean",
};

/** The quantities of statements, by the rule that reads them, for "the tick needs a unit". */
const AMOUNT_OF: Readonly<Record<string, { what: string; hint: string }>> = {
  tickStmt: { what: "the tick", hint: "write the tick in the unit prices are quoted in, as in `tick 0.001 USD per 1M tokens`" },
  strikesStmt: {
    what: "the strike step",
    hint: "write the step in the unit prices are quoted in, as in `strikes every 0.05 USD per 1M tokens`",
  },
  autoExerciseStmt: {
    what: "the threshold",
    hint: "write the threshold in the unit prices are quoted in, as in `automatic exercise when in the money by at least 0.01 USD per 1M tokens`",
  },
  contractUnitStmt: { what: "the contract unit", hint: "write what one contract is, as in `contract unit 1000 million tokens`" },
  priceLimitsStmt: {
    what: "the price limit",
    hint: "write a percentage or a price with its unit, as in `price limits 7%, 13%, 20% of the prior settlement`",
  },
};

const UNIT_RULES = new Set(["quantity", "unitExpr", "unitTerm", "quotedStmt", "tickTier"]);

/**
 * The explanation of a parser error at `tok` (undefined at the end of a line or of the file, `atLineEnd`), after
 * `prev`, inside the rules of `ruleStack`; undefined when the error is not one of these mistakes.
 */
export function firstMistake(
  tok: IToken | undefined,
  prev: IToken | undefined,
  ruleStack: readonly string[],
  atLineEnd: boolean,
): Mistake | undefined {
  const inUnit = ruleStack.some((r) => UNIT_RULES.has(r));
  if (tok !== undefined && !atLineEnd && tok.tokenType === T.ZoneName && inUnit && /^[A-Za-z][\w-]*\/[\w-]+$/.test(tok.image)) {
    const [num, den] = tok.image.split("/");
    return { message: `units are written with \`per\`, not \`/\`: \`${tok.image}\``, hint: `write \`${num} per ${den}\`` };
  }
  if (atLineEnd && prev !== undefined && prev.tokenType === T.NumberLiteral && inUnit) {
    const stmt = [...ruleStack].reverse().find((r) => Object.hasOwn(AMOUNT_OF, r));
    const known = stmt === undefined ? undefined : AMOUNT_OF[stmt];
    if (known !== undefined) {
      return { message: `${known.what} \`${prev.image}\` needs a unit`, hint: known.hint };
    }
  }
  if (
    tok !== undefined &&
    !atLineEnd &&
    Object.hasOwn(SYNONYMS, tok.image) &&
    ruleStack.some((r) => r === "method" || r === "aggregateStmt" || r === "degradationStmt")
  ) {
    return { message: `\`${tok.image}\` is not an aggregation method`, hint: `did you mean \`${SYNONYMS[tok.image]}\`?` };
  }
  return undefined;
}

/** True for `am`, `pm`, `a.m.` and the like: the end of a 12-hour clock time. */
export function isMeridiem(word: string): boolean {
  return /^[ap]\.?m\.?$/i.test(word);
}

/**
 * True when a line-start error at `tok` only echoes a 12-hour clock time: the words after `4:00 pm` (a city, a zone).
 * The checker reports the time once, over all of it, with the 24-hour time and the IANA zone to write.
 */
export function isClockTimeEcho(prev: IToken | undefined, beforePrev: IToken | undefined): boolean {
  return prev !== undefined && beforePrev?.tokenType === T.TimeLiteral && isMeridiem(prev.image);
}
