/**
 * Golden syntax trees: each `test/cases/syntax/*.terms` is parsed and its tree, comments and diagnostics are
 * compared with `<name>.ast.json` beside it (spans as `line:col-line:col`, keys in a stable order; update with
 * `vitest -u` and review the diff). Also checks, on every case, that every comment comes back with its exact text
 * and span, and that spans are valid and nest: every node's span lies inside the span of the node that holds it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isValidSpan, SourceFile } from "../../src/base/source.js";
import { parse, type ParseResult } from "../../src/syntax/parse.js";
import { allSpans, spannedNodes, spanText, toStableJson, type SpannedNode } from "../helpers/ast-json.js";

const dir = fileURLToPath(new URL("../cases/syntax/", import.meta.url));
const names = readdirSync(dir)
  .filter((n) => n.endsWith(".terms"))
  .sort();

const parsed = new Map<string, { source: SourceFile; result: ParseResult }>();
function load(name: string): { source: SourceFile; result: ParseResult } {
  let p = parsed.get(name);
  if (!p) {
    const source = new SourceFile(`test/cases/syntax/${name}`, readFileSync(`${dir}${name}`, "utf8"));
    p = { source, result: parse(source) };
    parsed.set(name, p);
  }
  return p;
}

/**
 * Comments found by a scanner that knows only strings and comments, independent of the lexer: `//` to the end of
 * the line, `/*` to the next `*\/` (or the end of the file), and nothing inside a double-quoted string.
 */
function scanComments(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n" && text[i] !== "\r")
        i += text[i] === "\\" && text[i + 1] !== "\n" ? 2 : 1;
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      let j = i;
      while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
      out.push({ text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      const j = close < 0 ? text.length : close + 2;
      out.push({ text: text.slice(i, j), start: i, end: j });
      i = j;
    } else i++;
  }
  return out;
}

/**
 * Trailing annotations (`description`, `clause`, `effective` on the lines after a statement, step or disruption)
 * belong to it but lie outside its span, which covers the statement's own words only; they must nest in the
 * node that holds that statement instead.
 */
function container(node: SpannedNode): SpannedNode | undefined {
  const rest = node.path.slice(node.parent?.path.length ?? 0);
  return /^\.annotations\./.test(rest) ? node.parent?.parent : node.parent;
}

describe("golden syntax trees", () => {
  it("finds the syntax cases", () => {
    expect(names).toContain("all-constructs.terms");
  });

  for (const name of names) {
    describe(name, () => {
      it("parses to the tree in its .ast.json golden file", async () => {
        const { source, result } = load(name);
        const golden = {
          diagnostics: result.diagnostics.map((d) => `${d.code} at ${spanText(d.span, source)}`),
          comments: result.comments.map((c) => ({ text: c.text, span: spanText(c.span, source), block: c.block })),
          ast: toStableJson(result.ast, source),
        };
        await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`${dir}${name.replace(/\.terms$/, ".ast.json")}`);
      });

      it("returns every comment with its exact text and span", () => {
        const { source, result } = load(name);
        const expected = scanComments(source.text).map((c) => ({ text: c.text, span: { file: source.path, start: c.start, end: c.end } }));
        expect(result.comments.map((c) => ({ text: c.text, span: c.span }))).toEqual(expected);
        for (const c of result.comments) expect(source.text.slice(c.span.start, c.span.end)).toBe(c.text);
      });

      it("has valid spans in its own file, each inside the span of its parent", () => {
        const { source, result } = load(name);
        for (const span of allSpans(result.ast)) {
          expect(span.file).toBe(source.path);
          expect(isValidSpan(span, source.text.length), `${span.start}-${span.end}`).toBe(true);
        }
        const outside: string[] = [];
        for (const node of spannedNodes(result.ast)) {
          const parent = container(node);
          if (parent && (node.span.start < parent.span.start || node.span.end > parent.span.end)) {
            outside.push(`${node.path} at ${spanText(node.span, source)} is outside ${parent.path} at ${spanText(parent.span, source)}`);
          }
        }
        expect(outside).toEqual([]);
      });
    });
  }
});
