/**
 * `termsheet check` and `termsheet build`: reads the inputs, runs the driver (for `build`, compileSources, which also
 * compiles the specs) and prints the diagnostics (text with excerpts for people, one JSON document for tools), then
 * returns the exit code. `build` replaces the folder --out (default build/specs) only when there is no error, in one
 * switch, by the compiled specs and the generated settlement modules of its contracts under settlement/ (loaded
 * lazily, like the compiler). Loaded lazily by run.ts.
 */
import type { Invocation } from "./args.js";
import { defaultOf } from "./commands.js";
import { ExitCode } from "./exit-codes.js";
import { normalizePath } from "./inputs.js";
import { loadSources } from "./load.js";
import { progressBar } from "./progress.js";
import { printDiagnostics, reportStyle } from "./report.js";
import type { System } from "./system.js";

/** Runs `check` or `build` and returns the exit code. */
export async function compile(inv: Extract<Invocation, { kind: "compile" }>, sys: System): Promise<number> {
  const started = sys.now();
  const style = reportStyle(inv.format, inv.color, sys);
  // `check` stops after the check; `build` goes on to the compiled specs (the compiler is loaded only then).
  if (inv.command === "check") return printDiagnostics(sys, await loadSources(inv.inputs, sys, "check"), style);
  const { files, ...found } = await loadSources(inv.inputs, sys, "built");
  const exit = printDiagnostics(sys, found, style);
  if (exit === ExitCode.Internal) return exit;
  {
    const out = inv.out ?? defaultOf("build", "--out")!;
    if (exit !== ExitCode.Ok) {
      sys.write("stderr", `note: nothing was written to ${out} because of the errors\n`);
    } else {
      // The generator of the settlement modules is loaded only here, after a successful compilation. A bar shows its
      // progress once the build has taken a second, on a terminal.
      const bar = progressBar(sys, "generating settlement modules", "modules", started);
      const generated = await (await import("./build-settlement.js")).settlementOutput(files, (done, total) => bar.update(done, total));
      bar.finish();
      if (!generated.ok) {
        sys.write("stderr", `error: internal error: ${generated.message}; nothing was written\n`);
        return ExitCode.Internal;
      }
      // The output folder is replaced as a whole, in one switch (System.replaceFolder): every message below is what
      // a reader of it then finds.
      const written = sys.replaceFolder(normalizePath(out, sys.windows), [...files, ...generated.files]);
      if (!written.ok) {
        const where =
          written.state === "moved"
            ? `; ${out} is missing: the previous output is in ${written.previous} and the new one in ${written.next}`
            : `; ${out} was left as it was` +
              (written.leftover === undefined ? "" : ` (an unfinished output remains in ${written.leftover})`);
        sys.write("stderr", `error: cannot write the compiled specs to ${out}: ${written.reason}${where}\n`);
        return ExitCode.UserError;
      }
      const specs = files.length;
      const modules = generated.modules === 0 ? "" : ` and ${generated.modules} settlement module${generated.modules === 1 ? "" : "s"}`;
      sys.write("stderr", `wrote ${specs} compiled spec${specs === 1 ? "" : "s"}${modules} to ${out}\n`);
      if (written.leftover !== undefined) sys.write("stderr", `note: the previous output could not be removed from ${written.leftover}\n`);
    }
  }
  return exit;
}
