/**
 * Every source in specs/ compiles, and every compiled spec: validates against the shipped JSON Schema with ajv
 * and against the zod model, loads with loadSpec, matches its golden file in test/cases/compiled/ (update with
 * `npx vitest run -u` and review the diff), and is rebuilt byte for byte, whatever the order of the inputs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { CompileResult } from "../../src/compile.js";
import { loadSpec } from "../../src/model/load.js";
import { SpecSchema } from "../../src/model/spec.js";
import { ROOT, compileFiles, filesUnder } from "./compile-helpers.js";

const shippedSchema = JSON.parse(readFileSync(join(ROOT, "schema/termsheet.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, discriminator: true }).compile(shippedSchema);

const sources = filesUnder("specs");
let result: CompileResult;

beforeAll(() => {
  result = compileFiles(sources);
});

describe("compiling specs/", () => {
  it("reports no diagnostics and writes one spec per declaration", () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.span.file}: ${d.message}`)).toEqual([]);
    const declared = result.program.files.filter((f) => f.root).flatMap((f) => f.ast.declarations.map((d) => d.name?.name));
    expect(result.files.map((f) => f.spec.subject.name).sort()).toEqual([...declared].sort());
    expect(result.files.length).toBeGreaterThanOrEqual(20);
  });

  it("writes specs that the shipped schema (ajv), the zod model and loadSpec accept", () => {
    for (const file of result.files) {
      const doc = JSON.parse(file.text) as unknown;
      const ok = validate(doc);
      expect(validate.errors ?? [], file.path).toEqual([]);
      expect(ok).toBe(true);
      expect(SpecSchema.safeParse(doc).success, file.path).toBe(true);
      expect(loadSpec(file.text), file.path).toEqual(doc);
    }
  });

  it("writes canonical files: sorted keys, two-space indentation, a final newline, no paths or times", () => {
    for (const file of result.files) {
      expect(file.text.endsWith("}\n")).toBe(true);
      expect(file.text).toBe(JSON.stringify(sortKeys(JSON.parse(file.text)), null, 2) + "\n");
      expect(file.text).not.toContain(ROOT);
      expect(file.text).not.toMatch(/\.terms"/);
    }
  });

  it("matches the golden files in test/cases/compiled/", async () => {
    for (const file of result.files) {
      await expect(file.text).toMatchFileSnapshot(join(ROOT, "test/cases/compiled", file.path));
    }
  });

  it("rebuilds byte-identical output, whatever the order of the inputs", () => {
    const again = compileFiles([...sources].reverse());
    expect(again.files.map((f) => [f.path, f.text])).toEqual(result.files.map((f) => [f.path, f.text]));
  });

  it("compiles a single contract file with everything it uses inlined", () => {
    const one = compileFiles(["specs/contracts/foti-options.terms"]);
    expect(one.diagnostics).toEqual([]);
    expect(one.files.map((f) => f.path)).toEqual(["contracts/FOTI_OPT.json"]);
    const spec = one.files[0]!.spec;
    // FOTI, its underlying, and FOTW, with which its spot-month position limit is aggregated.
    expect(Object.keys(spec.contracts).sort()).toEqual(["FOTI", "FOTI_OPT", "FOTW"]);
    expect(Object.keys(spec.indices).sort()).toEqual(["AITOK_OUT", "AITOK_OUT_ALT"]);
    expect(Object.keys(spec.calendars)).toEqual(["ENGLAND_WALES"]);
    // The same subject compiles to the same bytes alone or with the whole library.
    expect(one.files[0]!.text).toBe(result.files.find((f) => f.path === "contracts/FOTI_OPT.json")!.text);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortKeys(o[k])]),
  );
}
