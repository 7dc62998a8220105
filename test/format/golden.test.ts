/**
 * Golden pairs of the formatter: each test/cases/format/NAME.input.terms formats to NAME.output.terms (`vitest -u`
 * rewrites the outputs; review the diff). A name ending in `-wN` is formatted with printWidth N. Every pair also
 * checks the laws: the output is a fixed point, the tree is unchanged and no comment is lost or altered.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatTerms } from "../../src/format/format.js";
import { parsed, repoRoot } from "./support.js";

const dir = `${repoRoot}/test/cases/format`;
const names = readdirSync(dir)
  .filter((n) => n.endsWith(".input.terms"))
  .map((n) => n.slice(0, -".input.terms".length))
  .sort();

async function fmt(text: string, name: string): Promise<string> {
  const width = /-w(\d+)$/.exec(name)?.[1];
  const r = await formatTerms(text, width === undefined ? {} : { printWidth: Number(width) });
  if (!r.ok) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.text;
}

describe("formatter golden pairs", () => {
  it("has pairs", () => expect(names.length).toBeGreaterThanOrEqual(6));
  for (const name of names) {
    it(name, async () => {
      const input = readFileSync(`${dir}/${name}.input.terms`, "utf8");
      const output = await fmt(input, name);
      await expect(output).toMatchFileSnapshot(`${dir}/${name}.output.terms`);
      expect(await fmt(output, name)).toBe(output);
      const before = parsed(input);
      const after = parsed(output);
      expect(before.errors).toBe(0);
      expect(after.errors).toBe(0);
      expect(after.ast).toEqual(before.ast);
      expect(after.comments).toEqual(before.comments);
    });
  }
});

describe("formatter refusals", () => {
  it("a file with syntax errors is refused with the parser's diagnostics", async () => {
    const r = await formatTerms("calendar C {\n  weekend Saturday,\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toEqual(["E1012"]);
  });
  it("the plugin's error carries the position prettier's CLI shows", async () => {
    const { parseLayout, TermsSyntaxError } = await import("../../src/format/plugin.js");
    let caught: unknown;
    try {
      parseLayout("calendar C {\n  weekend Saturday,\n");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TermsSyntaxError);
    expect((caught as InstanceType<typeof TermsSyntaxError>).loc).toEqual({ start: { line: 3, column: 1 } });
  });
});
