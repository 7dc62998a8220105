/**
 * The JSON Schema (draft 2020-12) of compiled specs, generated from the zod model with zod's own
 * `z.toJSONSchema`. Two things are added on the way: the schema's `$id`, and the OpenAPI-style `discriminator`
 * keyword on every union discriminated by `kind`, which ajv (option `discriminator: true`) uses to report the
 * errors of the branch a document chose instead of every branch's; validators that do not know the keyword
 * ignore it, and the `oneOf` alone gives the same verdict. scripts/gen-schema.ts writes the result to
 * schema/termsheet.schema.json, and a test fails when that file is stale.
 */
import { z } from "zod";
import { canonicalJsonFile } from "./canonical.js";
import { SCHEMA_ID, SpecSchema } from "./spec.js";

/** A JSON Schema document as plain JSON. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a compiled spec. */
export function specJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(SpecSchema, {
    target: "draft-2020-12",
    unrepresentable: "throw",
    cycles: "throw",
    reused: "inline",
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def as { type?: string; discriminator?: string };
      if (def.type === "union" && typeof def.discriminator === "string") {
        const js = ctx.jsonSchema as JsonSchema;
        js.type = "object";
        js.discriminator = { propertyName: def.discriminator };
      }
    },
  }) as JsonSchema;
  // The root carries the Spec's id: put the document's identity first and keep its definitions.
  return { $schema: generated.$schema, $id: SCHEMA_ID, ...generated };
}

/** The text of schema/termsheet.schema.json: the schema as canonical JSON (sorted keys, two-space indent, final newline). */
export function schemaFileText(): string {
  return canonicalJsonFile(specJsonSchema());
}
