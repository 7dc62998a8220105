/**
 * `build` writes the settlement modules without running prettier: the builder lays them out as prettier would
 * (code.ts, `layout`, `assignment`, `str`, `doc`). This checks the claim: for every compiled spec of the cases (and
 * FOTI's spec rewritten with adversarial text), prettier with the options of format.ts changes neither the module
 * nor its declarations. A layout rule the builder gets wrong shows here as prettier's diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { settlementModules, type GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { formatDeclarations, formatModule } from "../../../src/backends/settlement/format.js";
import { ADVERSARIAL } from "./adversarial.js";
import { adversarialSpec } from "./adversarial-spec.js";

const compiled = ["contracts", "indices"].flatMap((folder) => {
  const dir = new URL(`../../cases/compiled/${folder}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ path: `${folder}/${f}`, spec: JSON.parse(readFileSync(new URL(f, dir), "utf8")) as GeneratorSpec }));
});

async function expectStable(specs: readonly { path: string; spec: GeneratorSpec }[]): Promise<void> {
  const r = await settlementModules(specs, {});
  if (!r.ok) throw new Error(r.message);
  for (const f of r.files) {
    const formatted = f.path.endsWith(".d.ts") ? await formatDeclarations(f.text) : await formatModule(f.text);
    expect(f.text, f.path).toBe(formatted);
  }
}

describe("generated settlement modules are as prettier formats them", () => {
  it.each(compiled.map((c) => [c.path, c] as const))("%s", async (_path, c) => {
    await expectStable([c]);
  });

  it("with adversarial names, titles, clauses, descriptions and effective bounds", async () => {
    const names = ADVERSARIAL.filter((s) => s !== "");
    for (let k = 0; k < ADVERSARIAL.length; k++)
      await expectStable([{ path: "contracts/x.json", spec: adversarialSpec(ADVERSARIAL[k]!, names[(k + 6) % names.length]!) }]);
  });
});
