/**
 * `termsheet fmt [--check]`: formats .terms files with the prettier plugin (src/format). Rewrites the files that are
 * not in the canonical layout, or with --check lists them and exits 1. A file with syntax errors is refused with the
 * diagnostics `check` reports for it and is never rewritten. Loaded lazily by run.ts, so `check` does not load prettier.
 */
import { posix } from "node:path";
import { SourceFile } from "../base/source.js";
import { renderDiagnostics, renderSummary, sourceLookup, type Diagnostic } from "../diagnostics/index.js";
import { formatTerms } from "../format/format.js";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { collectInputs } from "./inputs.js";
import type { System } from "./system.js";

/** Runs `fmt` and returns the exit code. */
export async function fmtCommand(inv: Extract<Invocation, { kind: "format" }>, sys: System): Promise<number> {
  const noColor = sys.env("NO_COLOR");
  const color = inv.color && sys.stdoutIsTTY && (noColor === undefined || noColor === "") && sys.env("TERM") !== "dumb";
  const inputs = collectInputs(inv.inputs, sys);
  const refused: Diagnostic[] = [...inputs.problems];
  const sources: SourceFile[] = [];
  const unformatted: string[] = [];
  let rewritten = 0;
  let failedWrite = false;
  for (const root of inputs.roots) {
    const result = await formatTerms(root.text, { path: root.path });
    if (!result.ok) {
      sources.push(new SourceFile(root.path, root.text));
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
  if (refused.length > 0) {
    const blocks = [renderDiagnostics(refused, sourceLookup(sources), { color }), renderSummary(refused, inputs.roots.length, { color })];
    sys.write("stdout", blocks.join("\n\n") + "\n");
  }
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
  return refused.length > 0 || unformatted.length > 0 || failedWrite ? ExitCode.UserError : ExitCode.Ok;
}
