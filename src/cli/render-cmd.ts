/**
 * `termsheet render`: the readable contract of a compiled spec (a `.json` file from `build`) or of `.terms`
 * sources compiled on the fly (src/cli/load.ts), as Markdown, self-contained HTML or Word (src/backends/legal), or as PDF
 * printed from the HTML by the system's headless Chromium, to stdout
 * or `--out FILE`. The contract-month table starts at `--as-of DATE`, by default today's date (src/cli/today.ts).
 * Loaded lazily by run.ts.
 */
import type { DocumentInvocation } from "./args.js";
import { loadSpecInput } from "./load.js";
import { ExitCode } from "./exit-codes.js";
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
    ...(inv.options.asOf !== undefined ? { rulesAsOf: inv.options.asOf } : {}),
    ...(loaded.sources !== undefined ? { sources: loaded.sources } : {}),
    ...(contract !== undefined && Object.hasOwn(spec.contracts, contract) ? { contract } : {}),
    ...(inv.options.layout !== undefined ? { layout: inv.options.layout } : {}),
  };
  if (inv.format === "pdf") return printPdf(renderContract(spec, "html", options), inv.options.out, sys);
  const text =
    inv.format === "docx" ? renderContractDocx(spec, options) : renderContract(spec, inv.format === "html" ? "html" : "md", options);
  return writeOutput(text, inv.options.out, sys);
}

/**
 * `--format pdf`: the HTML rendering printed by the system's headless Chromium (src/cli/pdf.ts finds it), its time
 * stamps fixed so that the same sources give the same bytes. No browser is a user error (exit 1) that says how to
 * get one, never an internal error.
 */
async function printPdf(html: string, out: string | undefined, sys: System): Promise<number> {
  const { chromiumPath, normalisePdf } = await import("./pdf.js");
  const chromium = chromiumPath(
    (name) => sys.env(name),
    (path) => {
      const k = sys.kindOf(path);
      return k.ok && k.value === "file";
    },
  );
  if (chromium === undefined || sys.printPdf === undefined) {
    sys.write(
      "stderr",
      "termsheet: render --format pdf needs Chromium, and none was found (not at /usr/bin/chromium, nor `chromium` on PATH): install it (Debian: apt-get install chromium) or name it with TERMSHEET_CHROMIUM=/path/to/chromium\n",
    );
    return ExitCode.UserError;
  }
  const printed = await sys.printPdf(chromium, html);
  if (!printed.ok) {
    sys.write("stderr", `termsheet: render --format pdf: ${printed.reason}\n`);
    return ExitCode.UserError;
  }
  return writeOutput(normalisePdf(printed.value), out, sys);
}
