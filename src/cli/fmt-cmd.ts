/**
 * `termsheet fmt [--check]`: formats .terms files with the prettier plugin (src/format). Rewrites the files that are
 * not in the canonical layout, or with --check lists them and exits 1. A file with syntax errors is refused with the
 * diagnostics `check` reports for it and is never rewritten. Loaded lazily by run.ts, so `check` does not load prettier.
 */
import { posix } from "node:path";
import { SourceFile } from "../base/source.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { formatTerms } from "../format/format.js";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSources } from "./load.js";
import { printDiagnostics, reportStyle } from "./report.js";
import type { System } from "./system.js";

/** Runs `fmt` and returns the exit code. */
export async function fmtCommand(inv: Extract<Invocation, { kind: "format" }>, sys: System): Promise<number> {
  const { inputs } = await loadSources(inv.inputs, sys, "read");
  const refused: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  const unformatted: string[] = [];
  let rewritten = 0;
  let failedWrite = false;
  for (const root of inputs.roots) {
    const result = await formatTerms(root.text, { path: root.path });
    if (!result.ok) {
      sources.set(root.path, new SourceFile(root.path, root.text));
      refused.push(...result.diagnostics);
      continue;
    }
    if (result.text === root.text) continue;
    if (inv.check) {
      unformatted.push(root.path);
      continue;
    }
    const written = sys.writeFiles(posix.dirname(root.path), [{ path: posix.basename(root.path), text: result.text }]);
    if (written.ok) rewritten++;
    else {
      failedWrite = true;
      sys.write("stderr", `error: cannot write ${root.path}: ${written.reason}\n`);
    }
  }
  // A file with syntax errors is reported as by `check`; the summary counts the files given.
  const refusal =
    inputs.problems.length > 0 || refused.length > 0
      ? printDiagnostics(
          sys,
          { problems: inputs.problems, diagnostics: refused, sources, filesRead: inputs.roots.length },
          reportStyle("text", inv.color, sys),
        )
      : ExitCode.Ok;
  if (inv.check) {
    if (unformatted.length > 0) {
      sys.write("stdout", unformatted.map((p) => `not formatted: ${p}`).join("\n") + "\n");
      sys.write(
        "stderr",
        `${unformatted.length} of ${inputs.roots.length} file${inputs.roots.length === 1 ? " is" : "s are"} not formatted; run \`termsheet fmt\` to format ${unformatted.length === 1 ? "it" : "them"}\n`,
      );
    }
  } else if (rewritten > 0) {
    sys.write("stderr", `formatted ${rewritten} file${rewritten === 1 ? "" : "s"}\n`);
  }
  if (refusal !== ExitCode.Ok) return refusal;
  return unformatted.length > 0 || failedWrite ? ExitCode.UserError : ExitCode.Ok;
}
