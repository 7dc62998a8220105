/**
 * The shipped JSON Schema: schema/termsheet.schema.json is exactly what the zod model generates (regenerate with
 * `npx tsx scripts/gen-schema.ts`), it is a draft 2020-12 schema that ajv compiles in strict mode, and every
 * discriminated union carries the discriminator that lets ajv report precise paths.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { schemaFileText, specJsonSchema, validatorModuleText } from "../../src/model/json-schema.js";
import { SCHEMA_ID } from "../../src/model/spec.js";

const shipped = readFileSync(new URL("../../schema/termsheet.schema.json", import.meta.url), "utf8");

describe("schema/termsheet.schema.json", () => {
  it("is current (run `npx tsx scripts/gen-schema.ts` when this fails)", () => {
    expect(shipped).toBe(schemaFileText());
  });

  it("has a current precompiled validator for the loader (run `npx tsx scripts/gen-schema.ts` when this fails)", () => {
    const committed = readFileSync(new URL("../../src/model/generated/spec-validator.js", import.meta.url), "utf8");
    expect(committed === validatorModuleText()).toBe(true);
  });

  it("is a draft 2020-12 schema with its $id that ajv compiles strictly", () => {
    const schema = JSON.parse(shipped) as Record<string, unknown>;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(() => new Ajv2020({ strict: true, allErrors: true, discriminator: true }).compile(schema)).not.toThrow();
  });

  it("is shipped in the package and exported as termsheet/schema/termsheet.schema.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      files: string[];
      exports: Record<string, string>;
    };
    expect(pkg.files).toContain("schema");
    expect(pkg.exports["./schema/termsheet.schema.json"]).toBe("./schema/termsheet.schema.json");
  });

  it("closes every object and marks every kind-discriminated union", () => {
    const objects: Record<string, unknown>[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o.type === "object" && o.properties !== undefined) objects.push(o);
        Object.values(o).forEach(visit);
      }
    };
    const schema = specJsonSchema();
    visit(schema);
    expect(objects.length).toBeGreaterThan(50);
    for (const o of objects) expect(o.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"format":"/); // patterns only, so validators without format support agree
    expect(text.match(/"discriminator"/g)?.length).toBeGreaterThan(10);
  });
});
