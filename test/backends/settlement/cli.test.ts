/**
 * `termsheet build` end to end through the built CLI: it writes a settlement module and declarations per contract
 * and index beside the compiled specs, with the runtime bundle, byte-identical across two runs; the modules run in
 * a folder that has nothing but the build output (no node_modules, no compiler), and the declarations type-check
 * with TypeScript against the runtime bundle's declarations.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, fixture, repoRoot, termsheet } from "../../cli/helpers.js";

beforeAll(() => ensureBuilt(), 120_000);

/** Every file under a folder, by relative path, with its bytes. */
function tree(dir: string, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of tree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel), "utf8"));
  }
  return out;
}

describe("termsheet check", () => {
  it("never loads prettier, the generator or the runtime bundle's text: they sit in build's own lazy chunk", () => {
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/(?:import|export)\s*(?:[^"();]*?from\s*)?"(\.\/[^"]+)"/g))
        walk(join(file, "..", m[1]!));
    };
    walk(join(repoRoot, "dist", "cli.js"));
    expect(seen.size).toBeGreaterThan(1);
    for (const file of seen) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toContain("termsheet-runtime.js"); // the generator and the runtime bundle's text
      expect(text, file).not.toContain("Settlement functions of the"); // the generator
      expect(text, file).not.toContain("embeddedLanguageFormatting"); // prettier (one of its option names)
    }
  });
});

/** How many compiled goldens of test/cases/compiled/ the given folders hold (one per declaration of specs/). */
function goldenNames(folders: readonly string[]): number {
  return folders.reduce((n, f) => n + readdirSync(join(repoRoot, "test/cases/compiled", f)).filter((x) => x.endsWith(".json")).length, 0);
}

describe("termsheet build: settlement modules", () => {
  it("writes a module per contract and index with the runtime, byte-identical across runs, runnable and typed on their own", () => {
    const f = fixture({});
    try {
      const a = termsheet(["build", join(repoRoot, "specs"), "--out", join(f.dir, "a")], f.dir);
      const b = termsheet(["build", join(repoRoot, "specs"), "--out", join(f.dir, "b")], f.dir);
      expect(a.code).toBe(0);
      // One spec per declaration of specs/ and one module per contract and index: the compiled goldens list them.
      const specs = goldenNames(["calendars", "contracts", "indices"]);
      const modules = goldenNames(["contracts", "indices"]);
      expect(specs).toBeGreaterThan(20);
      expect(a.stderr).toMatch(new RegExp(`^wrote ${specs} compiled specs and ${modules} settlement modules to `));
      const ta = tree(join(f.dir, "a"));
      expect(ta).toEqual(tree(join(f.dir, "b")));
      expect(b.code).toBe(0);
      const settlement = [...ta.keys()].filter((k) => k.startsWith("settlement/")).sort();
      expect(settlement).toContain("settlement/FOTI.js");
      expect(settlement).toContain("settlement/FOTI.d.ts");
      expect(settlement).toContain("settlement/AITOK_OUT.js");
      expect(settlement).toContain("settlement/termsheet-runtime.js");
      expect(settlement.filter((k) => k.endsWith(".js")).length).toBe(modules + 1); // the modules and the runtime
      expect(ta.get("settlement/FOTI.js")).toBe(readFileSync(join(repoRoot, "test/cases/settlement-modules/FOTI.js"), "utf8"));

      // Runs with nothing but the output folder: no package resolution, no compiler.
      const script = `const m = await import("./settlement/FOTI_OPT.js");
const rt = await import("./settlement/termsheet-runtime.js");
const r = m.final({ period: "2026-12", option: { right: "call", strike: "10" } });
const spec = JSON.parse((await import("node:fs")).readFileSync("./contracts/FOTI_OPT.json", "utf8"));
const l = rt.settlementFunctions(spec).final({ period: "2026-12", option: { right: "call", strike: "10" } });
process.stdout.write(JSON.stringify({ same: rt.reportJson(r) === rt.reportJson(l), hash: r.specHash === m.SPEC_HASH, multiplier: m.MULTIPLIER }));`;
      writeFileSync(join(f.dir, "a", "run.mjs"), script);
      const run = spawnSync(process.execPath, ["run.mjs"], { cwd: join(f.dir, "a"), encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({ same: true, hash: true, multiplier: "1000" });

      // The README's example runs in the output's settlement folder and prints what it says.
      const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
      const start = readme.indexOf("\n### Generated settlement modules\n");
      const example = /```js\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
      writeFileSync(join(f.dir, "a", "settlement", "example.mjs"), example);
      const ex = spawnSync(process.execPath, ["example.mjs"], { cwd: join(f.dir, "a", "settlement"), encoding: "utf8" });
      expect(ex.stderr).toBe("");
      const [first, ...certificate] = ex.stdout.split("\n");
      expect(`// ${first}`).toBe(/^\/\/ 0\.001.*$/m.exec(example)![0]);
      expect(certificate.join("\n")).toMatch(/^FOTI-H26 final settlement: 10\.123\n/);

      // The declarations type-check against the runtime's, and type a consumer's calls.
      const consumer = join(f.dir, "a", "consumer.ts");
      writeFileSync(
        consumer,
        `import { final, daily, index, termsOn, SPEC_HASH, TICK } from "./settlement/FOTI.js";
import { reportJson, type SettlementReport } from "./settlement/termsheet-runtime.js";
const r: SettlementReport = final({ period: "2026-12", position: { quantity: "2", price: "10.5" } });
const d: SettlementReport = daily({ period: "2026-12", date: "2026-12-01" });
const i: string | null = index({ index: "AITOK_OUT", at: "2026-12-01" }).value;
const t: "0.001" = TICK;
const h: string = SPEC_HASH;
termsOn("FOTI", "2026-12-01")?.multiplier?.value;
reportJson(r);
// @ts-expect-error a final settlement needs a period
final({});
export { d, i, t, h };
`,
      );
      const roots = [consumer, ...settlement.filter((k) => k.endsWith(".d.ts")).map((k) => join(f.dir, "a", k))];
      const program = ts.createProgram(roots, {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        types: [],
        lib: ["lib.es2022.d.ts"],
        skipLibCheck: false,
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      expect(diagnostics).toEqual([]);
    } finally {
      f.cleanup();
    }
  }, 120_000);
});
