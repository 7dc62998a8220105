/**
 * The generated settlement backend: for every compiled contract spec (future, option, spread), a standalone ES
 * module `settlement/<NAME>.js` with its declarations `settlement/<NAME>.d.ts`, laid out by the builder as prettier
 * would format them (prettier is not run: test/backends/settlement/prettier-stable.test.ts checks that it would
 * change nothing), plus the
 * settlement runtime bundle they import (`settlement/termsheet-runtime.js` and its declarations), whose texts the
 * caller supplies (the CLI embeds them at bundle time). Pure and deterministic: the same specs give the same bytes.
 * Loaded lazily by `termsheet build` only.
 */
import { CodegenError } from "./code.js";
import { SETTLED_KINDS, generateModule, type GeneratorSpec } from "./to-module.js";

export { CodegenError } from "./code.js";
export { SETTLED_KINDS, generateModule, type GeneratorSpec } from "./to-module.js";

/** The folder of the generated modules inside the output folder. */
export const SETTLEMENT_FOLDER = "settlement";

/** The runtime bundle's files by name (`termsheet-runtime.js`, `termsheet-runtime.d.ts`, …). */
export type RuntimeFiles = Readonly<Record<string, string>>;

/** A generated file: a path relative to the output folder and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/** The generated files, or why there are none (a generator bug: an internal error). */
export type SettlementResult =
  | { readonly ok: true; readonly files: readonly GeneratedFile[]; readonly modules: number }
  | { readonly ok: false; readonly message: string };

/** The file name of a contract's module: its name when that is a plain identifier, else a mangled one. */
export function moduleFileName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? name
    : `_${[...name].map((ch) => (/[A-Za-z0-9_]/.test(ch) ? ch : `-${ch.codePointAt(0)!.toString(16)}`)).join("")}`;
}

/** Replaces each data placeholder, alone on its top-level line `const NAME = <slot>;`, with its block. */
function spliceData(text: string, data: ReadonlyMap<string, { toString(): string }>): string {
  let out = text;
  for (const [slot, block] of data) {
    const re = new RegExp(`^(const [A-Z_]+ = )${slot};$`, "gm");
    const found = [...out.matchAll(re)].length;
    if (found !== 1) throw new CodegenError(`the formatted module has ${found} places for ${slot}`);
    out = out.replace(re, (_m, head: string) => `${head}${block.toString()};`);
  }
  return out;
}

/**
 * The settlement modules of the contract specs among `specs` (others are skipped), with the runtime bundle when
 * there is at least one module; sorted by path.
 */
export async function settlementModules(
  specs: readonly { readonly path: string; readonly spec: GeneratorSpec }[],
  runtime: RuntimeFiles,
  onModule?: (done: number, total: number) => void,
): Promise<SettlementResult> {
  const files: GeneratedFile[] = [];
  let modules = 0;
  const total = specs.filter((s) => SETTLED_KINDS.has(s.spec.subject.kind)).length;
  for (const { path, spec } of specs) {
    if (!SETTLED_KINDS.has(spec.subject.kind)) continue;
    onModule?.(modules, total);
    try {
      const m = generateModule(path, spec);
      const base = `${SETTLEMENT_FOLDER}/${moduleFileName(spec.subject.name)}`;
      files.push({ path: `${base}.js`, text: spliceData(m.js.toString(), m.data) });
      files.push({ path: `${base}.d.ts`, text: m.dts.toString() });
      modules++;
    } catch (e) {
      const why = e instanceof CodegenError ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
      return { ok: false, message: `cannot generate the settlement module of ${spec.subject.kind} ${spec.subject.name}: ${why}` };
    }
  }
  if (total > 0) onModule?.(modules, total);
  if (modules > 0)
    for (const name of Object.keys(runtime).sort()) files.push({ path: `${SETTLEMENT_FOLDER}/${name}`, text: runtime[name]! });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, files, modules };
}
