/**
 * The generated settlement backend for `termsheet build`: the settlement modules of the compiled contract specs and
 * the runtime bundle they import. Loaded lazily by compile.ts for `build` only, so `check` never loads the generator
 * (which lays the modules out itself: prettier is not run). The runtime bundle's texts are embedded in the CLI bundle by scripts/build.mjs; run from source
 * (tests, tsx), they are read from dist/settlement/ as built by `npm run build`.
 */
import { readFileSync } from "node:fs";
import {
  SETTLED_KINDS,
  settlementModules,
  type GeneratedFile,
  type GeneratorSpec,
  type RuntimeFiles,
} from "../backends/settlement/index.js";
import type { SpecFile } from "../backends/json/to-json.js";

// Replaced by the runtime bundle's files as JSON text at bundle time (scripts/build.mjs); undefined when run from source.
declare const __TERMSHEET_SETTLEMENT_RUNTIME__: string | undefined;

const RUNTIME_NAMES = ["termsheet-runtime.js", "termsheet-runtime.d.ts", "termsheet-runtime.modules.d.ts"];

/** The runtime bundle's files, or why they cannot be had. */
function runtimeFiles(): { ok: true; files: RuntimeFiles } | { ok: false; message: string } {
  if (typeof __TERMSHEET_SETTLEMENT_RUNTIME__ === "string")
    return { ok: true, files: JSON.parse(__TERMSHEET_SETTLEMENT_RUNTIME__) as RuntimeFiles };
  try {
    const files: Record<string, string> = {};
    for (const name of RUNTIME_NAMES) files[name] = readFileSync(new URL(`../../dist/settlement/${name}`, import.meta.url), "utf8");
    return { ok: true, files };
  } catch {
    return { ok: false, message: "the settlement runtime bundle is missing from dist/settlement (run `npm run build`)" };
  }
}

/** The generated settlement files for compiled spec files, or an internal error's message. */
export async function settlementOutput(
  specs: readonly SpecFile[],
  onModule?: (done: number, total: number) => void,
): Promise<{ ok: true; files: readonly GeneratedFile[]; modules: number } | { ok: false; message: string }> {
  // A build of calendars alone writes no module and needs no runtime.
  if (!specs.some((f) => SETTLED_KINDS.has(f.spec.subject.kind))) return { ok: true, files: [], modules: 0 };
  const runtime = runtimeFiles();
  if (!runtime.ok) return runtime;
  // From the canonical text (sorted keys), not the in-memory model: the module reads as the spec file does.
  return settlementModules(
    specs.map((f) => ({ path: f.path, spec: JSON.parse(f.text) as GeneratorSpec })),
    runtime.files,
    onModule,
  );
}
