/**
 * The language reference (grammar/README.md) is tested: every example parses, the examples together use every
 * construct of test/cases/syntax/all-constructs.terms, the rounding table agrees with the runtime's rounding, and
 * every enumerated word the checker accepts is documented.
 *
 * Convention for examples: a fenced block tagged ```terms is a whole file. A block tagged ```terms KIND holds
 * statements and is wrapped before parsing:
 *   calendar, index, future, option, spread → `KIND EXAMPLE { … }`
 *   source   → `index EXAMPLE { source EXAMPLE_SOURCE { … } }`
 *   fallback → `future EXAMPLE { fallback { … } }`
 *   daily    → `future EXAMPLE { daily settlement { … } }`
 * Any other tag on a terms block is an error here. Blocks in other languages (```text) are not checked.
 * Examples must parse with no diagnostics at all; names they mention need not be declared.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import { parse } from "../../src/syntax/parse.js";
import { Decimal, roundToIncrement } from "../../src/runtime/numbers/decimal.js";
import { lookupWord, ROUNDING_MODE_WORDS, WORD_SETS } from "../../src/check/words.js";

const root = join(import.meta.dirname, "..", "..");
const readmePath = "grammar/README.md";
const readme = readFileSync(join(root, readmePath), "utf8");

interface Example {
  readonly tag: string;
  readonly body: string;
  /** 1-based line of the opening fence in the README. */
  readonly line: number;
}

function examples(): Example[] {
  const out: Example[] = [];
  const fence = /^```terms(?:[ \t]+(\S+))?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of readme.matchAll(fence)) {
    const line = readme.slice(0, m.index).split("\n").length;
    out.push({ tag: m[1] ?? "", body: m[2]!, line });
  }
  return out;
}

const WRAPPERS: Readonly<Record<string, (body: string) => string>> = {
  "": (b) => b,
  calendar: (b) => `calendar EXAMPLE {\n${b}}\n`,
  index: (b) => `index EXAMPLE {\n${b}}\n`,
  future: (b) => `future EXAMPLE {\n${b}}\n`,
  option: (b) => `option EXAMPLE {\n${b}}\n`,
  spread: (b) => `spread EXAMPLE {\n${b}}\n`,
  source: (b) => `index EXAMPLE {\nsource EXAMPLE_SOURCE {\n${b}}\n}\n`,
  fallback: (b) => `future EXAMPLE {\nfallback {\n${b}}\n}\n`,
  daily: (b) => `future EXAMPLE {\ndaily settlement {\n${b}}\n}\n`,
};

/** Every `kind` value in a tree (AST nodes and their nested parts). */
function kinds(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) kinds(x, into);
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "kind" && typeof v === "string") into.add(v);
      else if (k !== "span") kinds(v, into);
    }
  }
  return into;
}

const all = examples();

describe(`${readmePath} examples`, () => {
  it("has examples", () => {
    expect(all.length).toBeGreaterThan(30);
  });

  for (const ex of all) {
    it(`line ${ex.line}${ex.tag ? ` (${ex.tag})` : ""} parses without diagnostics`, () => {
      const wrap = WRAPPERS[ex.tag];
      expect(wrap, `unknown example tag \`${ex.tag}\` at ${readmePath}:${ex.line}`).toBeDefined();
      const result = parse(new SourceFile(`${readmePath}:${ex.line}`, wrap!(ex.body)));
      expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }

  it("together use every construct of all-constructs.terms", () => {
    const reference = readFileSync(join(root, "test/cases/syntax/all-constructs.terms"), "utf8");
    const wanted = kinds(parse(new SourceFile("all-constructs.terms", reference)).ast);
    const seen = new Set<string>();
    for (const ex of all) {
      const wrap = WRAPPERS[ex.tag];
      if (wrap) kinds(parse(new SourceFile("example", wrap(ex.body))).ast, seen);
    }
    expect([...wanted].filter((k) => !seen.has(k)).sort()).toEqual([]);
  });
});

describe(`${readmePath} rounding table`, () => {
  const section = readme.slice(readme.indexOf("### Rounding modes"), readme.indexOf("### Business-day conventions"));
  const lines = section.split("\n").filter((l) => l.startsWith("| `"));
  const header = section.split("\n").find((l) => l.startsWith("| Mode |"))!;
  const inputs = header
    .split("|")
    .slice(3, -1)
    .map((c) => c.trim().replace("−", "-"));

  it("lists every rounding mode", () => {
    const modes = lines.map((l) => /^\| `([^`]+)`/.exec(l)![1]!);
    expect(modes.sort()).toEqual(ROUNDING_MODE_WORDS.words.map(([w]) => w).sort());
  });

  for (const row of lines) {
    const word = /^\| `([^`]+)`/.exec(row)![1]!;
    it(`${word} agrees with the runtime`, () => {
      const mode = lookupWord(ROUNDING_MODE_WORDS, word)!;
      const cells = row.split("|").slice(3, -1).map((c) => c.trim().replace("−", "-"));
      expect(cells.length).toBe(inputs.length);
      const increment = Decimal.parse("0.001");
      if (!increment.ok) throw new Error("bad increment");
      cells.forEach((cell, i) => {
        if (!/^-?\d/.test(cell)) return;
        const x = Decimal.parse(inputs[i]!);
        if (!x.ok) throw new Error(`bad input ${inputs[i]}`);
        expect(roundToIncrement(x.value, increment.value, mode).toString(), `${word} ${inputs[i]}`).toBe(cell);
      });
    });
  }
});

describe(`${readmePath} enumerated words`, () => {
  for (const [name, set] of Object.entries(WORD_SETS)) {
    it(`documents every ${name} word`, () => {
      const words = [...set.words.map(([w]) => w), ...(set.unsupported ?? []).map(([w]) => w)];
      expect(words.filter((w) => !readme.includes(`\`${w}\``))).toEqual([]);
    });
  }
});
