/**
 * `termsheet render`: the readable contract of a compiled spec (a `.json` file from `build`) or of `.terms`
 * sources compiled on the fly (src/cli/load.ts), as Markdown or self-contained HTML (src/backends/legal), to stdout
 * or `--out FILE`. The contract-month table starts at `--as-of DATE`, by default today's date (src/cli/today.ts).
 * Loaded lazily by run.ts.
 */
import type { DocumentInvocation } from "./args.js";
import { loadSpecInput } from "./load.js";
import { reportStyle, unknownName, writeOutput } from "./report.js";
import type { System } from "./system.js";
import { today } from "./today.js";

/** Runs `termsheet render`. */
export async function renderCommand(inv: DocumentInvocation, sys: System): Promise<number> {
  const loaded = await loadSpecInput(inv.inputs, inv.options.contract, "render", sys, reportStyle("text", false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec = loaded.spec;
  const contract = inv.options.contract;
  if (contract !== undefined && !Object.hasOwn(spec.contracts, contract) && spec.subject.name !== contract) {
    const known = Object.keys(spec.contracts);
    return unknownName(sys, { command: "render", what: "contract", plural: "contracts", name: contract, known, where: "in the spec" });
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
