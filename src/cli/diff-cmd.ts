/**
 * `termsheet diff <old> <new>`: compares two versions of a contract, each a compiled `.json` spec or `.terms`
 * sources compiled on the fly (src/cli/load.ts loads them), and prints the changes in plain words,
 * economic or editorial, the contract months affected and a redline (src/backends/diff), as Markdown, HTML or
 * JSON, to stdout or `--out FILE`. Loaded lazily by run.ts.
 */
import type { DocumentInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSpecInput } from "./load.js";
import { reportStyle, writeOutput } from "./report.js";
import type { System } from "./system.js";
import { today } from "./today.js";

/** Runs `termsheet diff`. */
export async function diffCommand(inv: DocumentInvocation, sys: System): Promise<number> {
  const [oldPath, newPath] = inv.inputs;
  if (oldPath === undefined || newPath === undefined) return ExitCode.Usage;
  const style = reportStyle("text", false, sys);
  const oldSpec = await loadSpecInput([oldPath], inv.options.contract, "diff", sys, style);
  if (!oldSpec.ok) return oldSpec.exit;
  const newSpec = await loadSpecInput([newPath], inv.options.contract, "diff", sys, style);
  if (!newSpec.ok) return newSpec.exit;
  const { renderDiff, diffSpecs, diffToDocx } = await import("../backends/diff/index.js");
  const asOf = inv.options.asOf ?? today();
  const options = {
    asOf,
    ...(inv.options.contract !== undefined ? { contract: inv.options.contract } : {}),
    ...(inv.options.full === true ? { full: true } : {}),
  };
  const text =
    inv.format === "docx"
      ? diffToDocx(diffSpecs(oldSpec.spec, newSpec.spec, options), { author: inv.options.author ?? "Termsheet", date: asOf })
      : renderDiff(oldSpec.spec, newSpec.spec, inv.format === "html" ? "html" : inv.format === "json" ? "json" : "md", options);
  return writeOutput(text, inv.options.out, sys);
}
