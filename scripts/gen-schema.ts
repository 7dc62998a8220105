/**
 * Writes schema/termsheet.schema.json, the JSON Schema (draft 2020-12) of compiled specs, generated from the zod
 * model in src/model/. Run `npx tsx scripts/gen-schema.ts` after changing the model;
 * test/model/json-schema.test.ts fails while the file is stale. `--check` exits 1 instead of writing when stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { schemaFileText } from "../src/model/json-schema.js";

const target = fileURLToPath(new URL("../schema/termsheet.schema.json", import.meta.url));
const text = schemaFileText();
let current: string | undefined;
try {
  current = readFileSync(target, "utf8");
} catch {
  current = undefined;
}
if (process.argv.includes("--check")) {
  if (current !== text) {
    console.error("schema/termsheet.schema.json is stale: run `npx tsx scripts/gen-schema.ts`");
    process.exit(1);
  }
  console.log("schema/termsheet.schema.json is current");
} else if (current === text) {
  console.log("schema/termsheet.schema.json is already current");
} else {
  writeFileSync(target, text);
  console.log("wrote schema/termsheet.schema.json");
}
