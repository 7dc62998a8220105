/**
 * Writes schema/termsheet.schema.json, the JSON Schema (draft 2020-12) of compiled specs, generated from the zod
 * model in src/model/, and src/model/generated/spec-validator.js, the loader's precompiled ajv validator. Run `npx tsx scripts/gen-schema.ts` after changing the model;
 * test/model/json-schema.test.ts fails while the file is stale. `--check` exits 1 instead of writing when stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { schemaFileText, validatorModuleText } from "../src/model/json-schema.js";

const outputs: { path: string; text: string }[] = [
  { path: "schema/termsheet.schema.json", text: schemaFileText() },
  { path: "src/model/generated/spec-validator.js", text: validatorModuleText() },
];
let stale = false;
for (const { path, text } of outputs) {
  const target = fileURLToPath(new URL(`../${path}`, import.meta.url));
  let current: string | undefined;
  try {
    current = readFileSync(target, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) {
    console.log(`${path} is current`);
  } else if (process.argv.includes("--check")) {
    console.error(`${path} is stale: run \`npx tsx scripts/gen-schema.ts\``);
    stale = true;
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
