/**
 * The generated grammar files in grammar/ are current and well formed: the EBNF and the railroad diagrams are
 * regenerated in memory and compared byte for byte with the committed files (run `npm run grammar` when they
 * differ), every parser rule has a production, and the diagram page's inlined scripts draw one diagram per rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { generateDiagramsHtml, generateEbnf, generateGrammarFiles } from "../../scripts/grammar-gen.js";
import { parserInstance } from "../../src/syntax/parser.js";

const root = join(import.meta.dirname, "..", "..");

describe("grammar/ files", () => {
  for (const { path, content } of generateGrammarFiles()) {
    it(`${path} is current`, () => {
      let committed = "";
      try {
        committed = readFileSync(join(root, path), "utf8");
      } catch {
        committed = "(missing)";
      }
      // One boolean so that a stale file gives a short, actionable message rather than a 190 kB diff.
      const current = committed === content;
      expect(current, `${path} is stale: run npm run grammar and commit the result`).toBe(true);
    });
  }

  it("is byte-stable across generations", () => {
    expect(generateEbnf()).toBe(generateEbnf());
    expect(generateDiagramsHtml()).toBe(generateDiagramsHtml());
  });
});

describe("termsheet.ebnf", () => {
  const ebnf = generateEbnf();
  const ruleNames = Object.keys(parserInstance.getGAstProductions());

  it("has one production per parser rule, in the parser's order", () => {
    const heads = [...ebnf.matchAll(/^([a-z][A-Za-z]*) ::= /gm)].map((m) => m[1]);
    expect(heads).toEqual(ruleNames);
  });

  it("defines every token class it uses", () => {
    const cut = ebnf.indexOf("Lexical structure");
    const syntax = ebnf.slice(0, cut).replace(/\/\*[\s\S]*?\*\//g, "").replace(/"[^"]*"|'[^']*'/g, "");
    const used = new Set([...syntax.matchAll(/\b[A-Z][A-Z_]+\b/g)].map((m) => m[0]));
    const defined = new Set([...ebnf.slice(cut).matchAll(/^([A-Z][A-Z_]*) ::= /gm)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((n) => !defined.has(n))).toEqual([]);
  });

  it("quotes keywords and never mentions chevrotain token names", () => {
    expect(ebnf).toContain('"calendar"');
    expect(ebnf).not.toMatch(/\bKw[A-Z]/);
    expect(ebnf).not.toContain("NOT_APPLICABLE");
  });
});

describe("diagrams.html", () => {
  const html = generateDiagramsHtml();

  it("loads nothing from the network", () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*\shref=/i);
    expect(html).not.toContain("unpkg.com");
  });

  it("draws one railroad diagram per rule when its scripts run", () => {
    const scripts = [...html.matchAll(/<script>\n([\s\S]*?)\n<\/script>/g)].map((m) => m[1]!);
    const target = { innerHTML: "" };
    const document = { getElementById: () => target, getElementsByClassName: () => [], querySelectorAll: () => [] };
    const context = vm.createContext({ document });
    context["window"] = context;
    for (const s of scripts) vm.runInContext(s, context);
    const svgs = target.innerHTML.match(/<svg/g) ?? [];
    expect(svgs.length).toBe(Object.keys(parserInstance.getGAstProductions()).length);
  });
});
