/**
 * The lexer's declared start characters and line-break flags (src/syntax/tokens.ts) are trusted by chevrotain
 * without analysis: a start character left out would make a token unreachable after it, and a wrong line-break
 * flag would break the line-break bookkeeping. This checks them against a lexer built from the same patterns with
 * the declarations removed, which analyses every pattern itself: on every spec file and on generated text from an
 * alphabet of every character class the patterns mention, both lexers must give the same tokens and errors.
 */
import { readFileSync } from "node:fs";
import { Lexer, type ILexingResult, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexerTokens } from "../../src/syntax/tokens.js";
import { filesUnder } from "../helpers/files.js";

const options = { positionTracking: "onlyOffset", ensureOptimizations: false, safeMode: false } as const;
const declared = new Lexer([...lexerTokens], options);

/** The same token types, as separate objects without the declarations (chevrotain analyses the patterns). */
const analysedTypes: TokenType[] = lexerTokens.map((t) => {
  const { START_CHARS_HINT: _hint, LINE_BREAKS: _breaks, ...rest } = t as TokenType & { START_CHARS_HINT?: unknown; LINE_BREAKS?: unknown };
  return { ...rest } as TokenType;
});
const analysed = new Lexer(analysedTypes, { ...options, safeMode: false });
const safe = new Lexer(analysedTypes, { ...options, safeMode: true });

function summary(r: ILexingResult): unknown {
  const tokens = (list: readonly { image: string; startOffset: number; tokenType: TokenType }[]) =>
    list.map((t) => `${t.tokenType.name}@${t.startOffset}:${JSON.stringify(t.image)}`);
  return {
    tokens: tokens(r.tokens),
    groups: Object.fromEntries(Object.entries(r.groups).map(([g, list]) => [g, tokens(list)])),
    errors: r.errors.map((e) => `${e.offset}+${e.length}`),
  };
}

const ALPHABET = [..."aZz_09-5/\"\\:.,{}%KMBst ndrh\t\r\n\f\v\u00a0\ufeff*+é€#'"];

describe("lexer declarations (start characters, line breaks)", () => {
  it("every lexer token declares its start characters or is a plain string, and says whether it spans lines", () => {
    for (const t of lexerTokens) {
      const x = t as TokenType & { START_CHARS_HINT?: unknown; LINE_BREAKS?: unknown };
      expect(typeof t.PATTERN === "string" || Array.isArray(x.START_CHARS_HINT), t.name).toBe(true);
      expect(typeof x.LINE_BREAKS, t.name).toBe("boolean");
    }
  });

  it("lexes every spec file as a lexer that analyses the patterns itself", () => {
    for (const f of filesUnder("specs")) {
      const text = readFileSync(f, "utf8");
      expect(summary(declared.tokenize(text)), f).toEqual(summary(analysed.tokenize(text)));
    }
  });

  it("lexes generated text as the analysing lexer and as chevrotain's safe mode (no start-character table)", () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (s) => {
        const d = summary(declared.tokenize(s));
        expect(d).toEqual(summary(analysed.tokenize(s)));
        expect(d).toEqual(summary(safe.tokenize(s)));
      }),
      { seed: 20261124, numRuns: 3000 },
    );
  });

  it("a token declared not to span lines never contains a line break", () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (s) => {
        const r = declared.tokenize(s);
        for (const t of [...r.tokens, ...Object.values(r.groups).flat()]) {
          if ((t.tokenType as { LINE_BREAKS?: boolean }).LINE_BREAKS === false)
            expect(/[\r\n]/.test(t.image), t.tokenType.name).toBe(false);
        }
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});
