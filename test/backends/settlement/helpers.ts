/**
 * Helpers for the tests of the generated settlement backend: generated modules written beside the runtime bundle
 * in a fresh temporary folder, and imported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { settlementModules, moduleFileName, type GeneratorSpec, type RuntimeFiles } from "../../../src/backends/settlement/index.js";
import type { SpecFunctions } from "../../../src/runtime/functions/index.js";
import { ensureBuilt, repoRoot } from "../../cli/helpers.js";

let bundled: RuntimeFiles | undefined;

/**
 * The runtime bundle as scripts/build.mjs writes it to dist/settlement/ (built once by the test global setup, or
 * here when a file runs alone), so these tests run the very file `termsheet build` copies.
 */
export function runtimeBundle(): RuntimeFiles {
  if (bundled === undefined) {
    ensureBuilt();
    bundled = { "termsheet-runtime.js": readFileSync(join(repoRoot, "dist", "settlement", "termsheet-runtime.js"), "utf8") };
  }
  return bundled;
}

/** What a generated module exports. */
export interface GeneratedExports extends Record<string, unknown> {
  readonly SPEC_HASH: string;
  readonly CONTRACT: string;
  readonly KIND: string;
  readonly final: SpecFunctions["final"];
  readonly daily: SpecFunctions["daily"];
  readonly index: SpecFunctions["index"];
  readonly strip?: SpecFunctions["strip"];
  readonly halts?: SpecFunctions["halts"];
  readonly termsOn: (contract: string, date: string) => unknown;
}

/** The generated modules of some specs in a fresh folder, with the runtime bundle's own settlement functions. */
export class GeneratedFolder {
  readonly dir = mkdtempSync(join(tmpdir(), "termsheet-settlement-"));
  #count = 0;

  /** Generates, writes and imports the modules of specs (each in its own subfolder, so names may repeat). */
  async load(
    specs: readonly { path: string; spec: GeneratorSpec }[],
    runtime: RuntimeFiles = runtimeBundle(),
  ): Promise<{ modules: Map<string, GeneratedExports>; runtime: RuntimeApi; files: readonly { path: string; text: string }[] }> {
    const r = await settlementModules(specs, runtime);
    if (!r.ok) throw new Error(r.message);
    const base = join(this.dir, String(this.#count++));
    for (const f of r.files) {
      mkdirSync(join(base, "settlement"), { recursive: true });
      writeFileSync(join(base, ...f.path.split("/")), f.text);
    }
    const modules = new Map<string, GeneratedExports>();
    for (const s of specs) {
      if (r.files.some((f) => f.path === `settlement/${moduleFileName(s.spec.subject.name)}.js`))
        modules.set(
          s.path,
          (await import(pathToFileURL(join(base, "settlement", `${moduleFileName(s.spec.subject.name)}.js`)).href)) as GeneratedExports,
        );
    }
    const rt = (await import(pathToFileURL(join(base, "settlement", "termsheet-runtime.js")).href)) as RuntimeApi;
    return { modules, runtime: rt, files: r.files };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The part of the runtime bundle's API the tests use. */
export interface RuntimeApi {
  settlementFunctions(spec: unknown): SpecFunctions;
  reportJson(r: unknown): string;
  reportText(r: unknown): string;
  contractTerms(contracts: (n: string) => unknown, name: string, date: string): unknown;
  parseFixings(text: string, options: { file: string }): { ok: boolean; value?: unknown };
}

/** A generated module as the settlement functions of its spec. */
export function asSpecFunctions(m: GeneratedExports): SpecFunctions {
  return {
    subject: { kind: m.KIND, name: m.CONTRACT },
    specHash: m.SPEC_HASH,
    final: m.final,
    daily: m.daily,
    index: m.index,
    ...(m.strip !== undefined ? { strip: m.strip } : {}),
    ...(m.halts !== undefined ? { halts: m.halts } : {}),
  };
}
