// Keeps the development-only `prepare` script (it builds dist/ on `npm install` in a clone, with esbuild and
// TypeScript, which a user of the package does not have) out of the packed package.json: `strip` (prepack) saves
// package.json and removes the script, `restore` (postpack) puts the saved file back. A packed termsheet has no
// install script at all.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const manifest = fileURLToPath(new URL("../package.json", import.meta.url));
const saved = `${manifest}.orig`;
const command = process.argv[2];
if (command === "strip") {
  const text = readFileSync(manifest, "utf8");
  if (!existsSync(saved)) writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
} else if (command === "restore") {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error("usage: node scripts/pack-manifest.mjs strip|restore");
  process.exit(2);
}
