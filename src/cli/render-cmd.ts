/**
 * `termsheet render`: the readable contract of a compiled spec (a `.json` file from `build`) or of `.terms`
 * sources compiled on the fly, as Markdown or self-contained HTML (src/backends/legal), to stdout or `--out FILE`.
 * Also the shared spec loading of `termsheet diff` (`loadSpecInput`). The contract-month table starts at
 * `--as-of DATE`, by default today's date (the CLI is the only place that reads the clock). Loaded lazily by run.ts.
 */
import { suggest } from "../diagnostics/did-you-mean.js";
import { renderDiagnostics, renderSummary, sourceLookup } from "../diagnostics/index.js";
import type { Spec } from "../model/types.js";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { collectInputs, fileHost } from "./inputs.js";
import type { System } from "./system.js";

/** A render or diff invocation. */
export type DocumentInvocation = Extract<Invocation, { kind: "document" }>;

/** A loaded spec, or the exit code after the problem was printed. */
export type LoadedSpec =
  | { readonly ok: true; readonly spec: Spec; readonly sources?: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly exit: number };

/** Today's date in UTC, YYYY-MM-DD: the default `--as-of`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Loads the spec named by `inputs`: one compiled `.json` spec, or `.terms` files and folders compiled now, of which
 * the spec of `contract` (or the only contract) is taken. Problems are printed; the result says the exit code.
 */
export async function loadSpecInput(
  inputs: readonly string[],
  contract: string | undefined,
  command: string,
  sys: System,
): Promise<LoadedSpec> {
  const { loadSpec, SpecError } = await import("../model/load.js");
  if (inputs.length === 1 && inputs[0]!.endsWith(".json")) {
    const text = sys.readFile(inputs[0]!);
    if (!text.ok) {
      sys.write("stderr", `termsheet: cannot read \`${inputs[0]}\`: ${text.reason}\n`);
      return { ok: false, exit: ExitCode.UserError };
    }
    try {
      return { ok: true, spec: loadSpec(text.value) };
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      sys.write("stderr", `error: ${inputs[0]}: ${e.message}\n`);
      return { ok: false, exit: ExitCode.UserError };
    }
  }
  const { compileSources } = await import("../compile.js");
  const collected = collectInputs(inputs, sys);
  const result = compileSources(collected.roots, fileHost(sys, collected), { compilerVersion: sys.version });
  const diagnostics = [...collected.problems, ...result.diagnostics];
  if (diagnostics.some((d) => d.severity === "error")) {
    const lookup = sourceLookup(result.sources.values());
    sys.write(
      "stdout",
      [renderDiagnostics(diagnostics, lookup, { color: false }), renderSummary(diagnostics, result.sources.size, { color: false })].join(
        "\n\n",
      ) + "\n",
    );
    const internal = diagnostics.some((d) => d.code.startsWith("E9") || d.code.startsWith("E6"));
    return { ok: false, exit: internal ? ExitCode.Internal : ExitCode.UserError };
  }
  const contracts = result.files.filter((f) => f.spec.subject.kind !== "index" && f.spec.subject.kind !== "calendar");
  const chosen =
    contract !== undefined
      ? result.files.find((f) => f.spec.subject.name === contract)
      : contracts.length === 1
        ? contracts[0]
        : result.files.length === 1
          ? result.files[0]
          : undefined;
  if (chosen === undefined) {
    const names = result.files.map((f) => f.spec.subject.name).sort();
    const best = contract === undefined ? undefined : suggest(contract, names);
    sys.write(
      "stderr",
      `termsheet: ${contract === undefined ? "several declarations in the given files; choose one with `--contract NAME`" : `no declaration \`${contract}\` in the given files`}\n${best === undefined ? "" : `hint: did you mean \`${best}\`?\n`}declarations: ${names.join(", ") || "(none)"}\nRun \`termsheet help ${command}\` for more.\n`,
    );
    return { ok: false, exit: ExitCode.Usage };
  }
  const { sourceLines } = await import("../backends/legal/source-lines.js");
  return { ok: true, spec: chosen.spec, sources: sourceLines(result.program) };
}

/** Writes a command's output to stdout, or to `--out FILE` (all or nothing). */
export function writeOutput(text: string | Uint8Array, out: string | undefined, sys: System): number {
  if (out === undefined) {
    if (typeof text !== "string") return ExitCode.Usage;
    sys.write("stdout", text);
    return ExitCode.Ok;
  }
  const slash = Math.max(out.lastIndexOf("/"), sys.windows ? out.lastIndexOf("\\") : -1);
  const folder = slash < 0 ? "." : out.slice(0, slash) || "/";
  const written = sys.writeFiles(folder, [{ path: out.slice(slash + 1), text }]);
  if (!written.ok) {
    sys.write("stderr", `termsheet: cannot write \`${out}\`: ${written.reason}\n`);
    return ExitCode.UserError;
  }
  return ExitCode.Ok;
}

/** Runs `termsheet render`. */
export async function renderCommand(inv: DocumentInvocation, sys: System): Promise<number> {
  const loaded = await loadSpecInput(inv.inputs, inv.options.contract, "render", sys);
  if (!loaded.ok) return loaded.exit;
  const spec = loaded.spec;
  const contract = inv.options.contract;
  if (contract !== undefined && !Object.hasOwn(spec.contracts, contract) && spec.subject.name !== contract) {
    sys.write(
      "stderr",
      `termsheet: no contract \`${contract}\` in the spec\ncontracts: ${Object.keys(spec.contracts).sort().join(", ") || "(none)"}\n`,
    );
    return ExitCode.Usage;
  }
  const { renderContract, renderContractDocx } = await import("../backends/legal/index.js");
  const options = {
    asOf: inv.options.asOf ?? today(),
    ...(loaded.sources !== undefined ? { sources: loaded.sources } : {}),
    ...(contract !== undefined && Object.hasOwn(spec.contracts, contract) ? { contract } : {}),
    ...(inv.options.layout !== undefined ? { layout: inv.options.layout } : {}),
  };
  const text =
    inv.format === "docx" ? renderContractDocx(spec, options) : renderContract(spec, inv.format === "html" ? "html" : "md", options);
  return writeOutput(text, inv.options.out, sys);
}
