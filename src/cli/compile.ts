/**
 * `termsheet check` and `termsheet build`: reads the inputs, runs the driver (for `build`, compileSources, which also
 * compiles the specs) and prints the diagnostics (text with excerpts for people, one JSON document for tools), then
 * returns the exit code. `build` replaces the folder --out (default build/specs) only when there is no error, in one
 * switch, by the compiled specs and the generated settlement modules of its contracts under settlement/ (loaded
 * lazily, like the compiler). Loaded lazily by run.ts.
 */
import { checkSources } from "../driver.js";
import { codeInfo, renderDiagnostics, renderSummary, sourceLookup, toJsonDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { collectInputs, fileHost, normalizePath } from "./inputs.js";
import { progressBar } from "./progress.js";
import type { System } from "./system.js";

/** The JSON document printed by `--format json`. */
export interface JsonOutput {
  readonly diagnostics: ReturnType<typeof toJsonDiagnostics>;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly files: number };
}

/** Where `build` writes compiled specs without --out. */
export const DEFAULT_OUT = "build/specs";

/** Colour only for a terminal, and never when the user or NO_COLOR (https://no-color.org) says no. */
function useColor(wanted: boolean, sys: System): boolean {
  const noColor = sys.env("NO_COLOR");
  return wanted && sys.stdoutIsTTY && (noColor === undefined || noColor === "") && sys.env("TERM") !== "dumb";
}

/** True for codes that mean a bug in termsheet rather than a problem in the sources. */
function isInternal(d: Diagnostic): boolean {
  const info = codeInfo(d.code);
  return info?.phase === "internal" || info?.key === "model-validation-failed";
}

/** Runs `check` or `build` and returns the exit code. */
export async function compile(inv: Extract<Invocation, { kind: "compile" }>, sys: System): Promise<number> {
  const started = sys.now();
  const inputs = collectInputs(inv.inputs, sys);
  // The compiler (model, zod, ajv) is loaded only for `build`: `check` starts faster without it.
  const result =
    inv.command === "build"
      ? (await import("../compile.js")).compileSources(inputs.roots, fileHost(sys, inputs), { compilerVersion: sys.version })
      : { ...checkSources(inputs.roots, fileHost(sys, inputs)), files: [] };
  const diagnostics = [...inputs.problems, ...result.diagnostics];
  const lookup = sourceLookup(result.sources.values());
  const files = result.sources.size;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;

  if (inv.format === "json") {
    const output: JsonOutput = { diagnostics: toJsonDiagnostics(diagnostics, lookup), summary: { errors, warnings, files } };
    sys.write("stdout", JSON.stringify(output, null, 2) + "\n");
  } else {
    const color = useColor(inv.color, sys);
    const blocks = inputs.problems.map((d) => renderInputProblem(d, color));
    if (result.diagnostics.length > 0) blocks.push(renderDiagnostics(result.diagnostics, lookup, { color }));
    blocks.push(renderSummary(diagnostics, files, { color }));
    sys.write("stdout", blocks.join("\n\n") + "\n");
  }

  if (diagnostics.some(isInternal)) return ExitCode.Internal;
  if (inv.command === "build") {
    const out = inv.out ?? DEFAULT_OUT;
    if (errors > 0) {
      sys.write("stderr", `note: nothing was written to ${out} because of the errors\n`);
    } else {
      // The generated settlement modules (and prettier) are loaded only here, after a successful compilation.
      // Formatting them is the long part of a build: a bar shows it once the build has taken a second, on a terminal.
      const bar = progressBar(sys, "generating settlement modules", "modules", started);
      const generated = await (
        await import("./build-settlement.js")
      ).settlementOutput(result.files, (done, total) => bar.update(done, total));
      bar.finish();
      if (!generated.ok) {
        sys.write("stderr", `error: internal error: ${generated.message}; nothing was written\n`);
        return ExitCode.Internal;
      }
      // The output folder is replaced as a whole, in one switch (System.replaceFolder): every message below is what
      // a reader of it then finds.
      const written = sys.replaceFolder(normalizePath(out, sys.windows), [...result.files, ...generated.files]);
      if (!written.ok) {
        const where =
          written.state === "moved"
            ? `; ${out} is missing: the previous output is in ${written.previous} and the new one in ${written.next}`
            : `; ${out} was left as it was` +
              (written.leftover === undefined ? "" : ` (an unfinished output remains in ${written.leftover})`);
        sys.write("stderr", `error: cannot write the compiled specs to ${out}: ${written.reason}${where}\n`);
        return ExitCode.UserError;
      }
      const specs = result.files.length;
      const modules = generated.modules === 0 ? "" : ` and ${generated.modules} settlement module${generated.modules === 1 ? "" : "s"}`;
      sys.write("stderr", `wrote ${specs} compiled spec${specs === 1 ? "" : "s"}${modules} to ${out}\n`);
      if (written.leftover !== undefined) sys.write("stderr", `note: the previous output could not be removed from ${written.leftover}\n`);
    }
  }
  return errors > 0 ? ExitCode.UserError : ExitCode.Ok;
}

/** An input problem has no source to excerpt: its header line, and its hint. */
function renderInputProblem(d: Diagnostic, color: boolean): string {
  const paint = (text: string, sgr: string): string => (color ? `\x1b[${sgr}m${text}\x1b[0m` : text);
  const header = paint(`${d.severity}[${d.code}]`, "1;31") + paint(`: ${d.message}`, "1");
  return d.hint === undefined ? header : `${header}\n  ${paint("=", "1;34")} ${paint("hint:", "1")} ${d.hint}`;
}
