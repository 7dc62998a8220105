/**
 * The TextMate grammar (grammar/termsheet.tmLanguage.json) on tokenised samples, with vscode-textmate and the
 * Oniguruma regex engine VS Code uses: keywords, declaration names, strings and escapes, numbers, percentages,
 * scaled numbers, ordinals, dates, times, zones, comments and identifiers get their scopes; hyphenated words are
 * never keywords; every keyword of the language is highlighted as one; and every spec tokenises without a gap.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { keywords } from "../../src/syntax/tokens.js";
import { repoRoot, termsFiles } from "../format/support.js";

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(`${repoRoot}/grammar/termsheet.tmLanguage.json`, "utf8"), "termsheet.tmLanguage.json"),
  });
  const g = await registry.loadGrammar("source.terms");
  if (!g) throw new Error("grammar not loaded");
  grammar = g;
});

/** The tokens of a text as [text, innermost scope] pairs, whitespace-only tokens left out. */
function tokens(text: string): [string, string][] {
  let state = vsctm.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim() !== "") out.push([s, t.scopes[t.scopes.length - 1]!]);
    }
    state = r.ruleStack;
  }
  return out;
}

/** The scope of the first token whose text is `word`. */
function scopeOf(text: string, word: string): string | undefined {
  return tokens(text).find(([s]) => s === word)?.[1];
}

describe("TextMate grammar", () => {
  it("declarations: kind and name", () => {
    expect(tokens('calendar NYSE "New York" {')).toEqual([
      ["calendar", "storage.type.declaration.terms"],
      ["NYSE", "entity.name.type.terms"],
      ['"', "punctuation.definition.string.begin.terms"],
      ["New York", "string.quoted.double.terms"],
      ['"', "punctuation.definition.string.end.terms"],
      ["{", "punctuation.section.block.begin.terms"],
    ]);
    expect(scopeOf("  source OPENAI {", "OPENAI")).toBe("entity.name.type.source.terms");
  });

  it("keywords, and hyphenated words that are not keywords", () => {
    const line = "  last trading day is the last Friday of the contract month, adjusted preceding on NYSE";
    expect(scopeOf(line, "last")).toBe("keyword.other.terms");
    expect(scopeOf(line, "trading")).toBe("keyword.other.terms");
    expect(scopeOf(line, "Friday")).toBe("variable.other.terms");
    expect(scopeOf(line, "NYSE")).toBe("variable.other.terms");
    expect(tokens("round to 0.01 half-up")).toEqual([
      ["round", "keyword.other.terms"],
      ["to", "keyword.other.terms"],
      ["0.01", "constant.numeric.decimal.terms"],
      ["half-up", "variable.other.terms"],
    ]);
    expect(scopeOf("disruption if not-published", "not-published")).toBe("variable.other.terms");
  });

  it("every keyword of the language is a keyword", () => {
    const declarationKinds = ["calendar", "index", "future", "option", "spread"];
    for (const k of keywords) {
      expect(scopeOf(`x ${k} y`, k), k).toBe(declarationKinds.includes(k) ? "storage.type.declaration.terms" : "keyword.other.terms");
    }
  });

  it("strings and escapes", () => {
    expect(tokens('description "a \\"q\\" \\u{2019} \\q"')).toEqual([
      ["description", "keyword.other.terms"],
      ['"', "punctuation.definition.string.begin.terms"],
      ["a ", "string.quoted.double.terms"],
      ['\\"', "constant.character.escape.terms"],
      ["q", "string.quoted.double.terms"],
      ['\\"', "constant.character.escape.terms"],
      ['\\u{2019}', "constant.character.escape.terms"],
      ["\\q", "invalid.illegal.escape.terms"],
      ['"', "punctuation.definition.string.end.terms"],
    ]);
    expect(scopeOf('clause "// not a comment"', "// not a comment")).toBe("string.quoted.double.terms");
  });

  it("numbers, percentages, scaled numbers and ordinals", () => {
    expect(scopeOf("weight 1_000.50", "1_000.50")).toBe("constant.numeric.decimal.terms");
    expect(scopeOf("price limits 7%, 0.10%", "7%")).toBe("constant.numeric.percentage.terms");
    expect(scopeOf("price limits 7%, 0.10%", "0.10%")).toBe("constant.numeric.percentage.terms");
    expect(scopeOf("quoted in USD per 1M tokens", "1M")).toBe("constant.numeric.scaled.terms");
    expect(scopeOf("the 25th day of the month", "25th")).toBe("constant.numeric.ordinal.terms");
    expect(scopeOf("window from -5 to 3", "-5")).toBe("constant.numeric.decimal.terms");
    expect(tokens("    2. use index ALT").slice(0, 2)).toEqual([
      ["2", "constant.numeric.step.terms"],
      [".", "punctuation.separator.step.terms"],
    ]);
  });

  it("dates, times and zones", () => {
    expect(scopeOf("holiday \"X\" on 2012-10-29, 2012-10-30", "2012-10-29")).toBe("constant.numeric.date.terms");
    expect(tokens("trading terminates at 16:00 Europe/London").slice(-2)).toEqual([
      ["16:00", "constant.numeric.time.terms"],
      ["Europe/London", "constant.other.zone.terms"],
    ]);
    expect(scopeOf("at 14:59:30 UTC", "14:59:30")).toBe("constant.numeric.time.terms");
    expect(scopeOf("at 14:59:30 UTC", "UTC")).toBe("constant.other.zone.terms");
    expect(tokens("window from 15:00 inclusive to 16:00 exclusive America/New_York")).toEqual([
      ["window", "keyword.other.terms"],
      ["from", "keyword.other.terms"],
      ["15:00", "constant.numeric.time.terms"],
      ["inclusive", "keyword.other.terms"],
      ["to", "keyword.other.terms"],
      ["16:00", "constant.numeric.time.terms"],
      ["exclusive", "keyword.other.terms"],
      ["America/New_York", "constant.other.zone.terms"],
    ]);
    expect(scopeOf("  time zone Asia/Tokyo", "Asia/Tokyo")).toBe("constant.other.zone.terms");
    expect(scopeOf("  time zone UTC", "UTC")).toBe("constant.other.zone.terms");
  });

  it("comments: line, block over lines, and after code", () => {
    expect(scopeOf("weekend Saturday // the weekend", " the weekend")).toBe("comment.line.double-slash.terms");
    const block = tokens("/* a\nb */ weekend");
    expect(block.find(([s]) => s === "b ")?.[1]).toBe("comment.block.terms");
    expect(block[block.length - 1]).toEqual(["weekend", "keyword.other.terms"]);
  });

  it("every spec tokenises with a scope for every non-blank character", () => {
    for (const file of termsFiles("specs")) {
      for (const [text, scope] of tokens(file.text)) expect(scope, `${file.path}: ${text}`).not.toBe("source.terms");
    }
  });
});
