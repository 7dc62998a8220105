import { readFileSync, writeFileSync } from "node:fs";
import { settlementModules } from "../src/backends/settlement/index.js";
import { formatDeclarations, formatModule } from "../src/backends/settlement/format.js";
for (const p of process.argv.slice(2)) {
  const spec = JSON.parse(readFileSync(`test/cases/compiled/${p}`, "utf8"));
  const r = await settlementModules([{ path: p, spec }], {});
  if (!r.ok) throw new Error(r.message);
  for (const f of r.files) {
    const t = f.path.endsWith(".d.ts") ? await formatDeclarations(f.text) : await formatModule(f.text);
    const n = f.path.replace(/\//g, "_");
    writeFileSync(`.tmp/${n}.gen`, f.text); writeFileSync(`.tmp/${n}.fmt`, t);
  }
}
