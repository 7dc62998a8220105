/**
 * The CLI's one printer of diagnostics and of the short messages commands end with: the colour policy, the text
 * and JSON forms of a run's diagnostics, what counts as an internal error, and the exit code each outcome gives.
 * Every command prints through it, so `check`, `build`, `fmt`, the schedule commands, `render`, `diff`, `settle`
 * and `index` report the same problem the same way.
 */
import { suggest } from "../diagnostics/did-you-mean.js";
import { codeInfo, renderDiagnostics, renderSummary, sourceLookup, toJsonDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import type { SourceFile } from "../base/source.js";
import { ExitCode } from "./exit-codes.js";
import type { System } from "./system.js";

/** How a command prints its diagnostics: its `--format` (text or json) and whether colour is on. */
export interface ReportStyle {
  readonly format: "text" | "json";
  readonly color: boolean;
}

/** Colour only when asked (no `--no-color`), on a terminal, and never when NO_COLOR (https://no-color.org) or TERM=dumb says no. */
export function useColor(wanted: boolean, sys: System): boolean {
  const noColor = sys.env("NO_COLOR");
  return wanted && sys.stdoutIsTTY && (noColor === undefined || noColor === "") && sys.env("TERM") !== "dumb";
}

/** The style of a command's diagnostics: JSON when `--format json`, else text, coloured by {@link useColor}. */
export function reportStyle(format: string, colorWanted: boolean, sys: System): ReportStyle {
  return format === "json" ? { format: "json", color: false } : { format: "text", color: useColor(colorWanted, sys) };
}

/** True for codes that mean a bug in termsheet rather than a problem in the sources (exit code 3). */
export function isInternal(d: Diagnostic): boolean {
  const info = codeInfo(d.code);
  return info?.phase === "internal" || info?.key === "model-validation-failed";
}

/** The JSON document printed by `--format json`. */
export interface JsonOutput {
  readonly diagnostics: ReturnType<typeof toJsonDiagnostics>;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly files: number };
}

/** What a run found: problems with the inputs themselves (no source to excerpt), the sources' diagnostics, the sources read. */
export interface Findings {
  /** Inputs that cannot be read (E2013): printed first, as a header and a hint. */
  readonly problems: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every source read, by path, for the excerpts. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** The count of files in the summary line: every file read. */
  readonly filesRead: number;
}

/** The exit code of a run with these diagnostics: 3 for an internal error, 1 for any error, else 0. */
export function exitCodeOf(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some(isInternal)) return ExitCode.Internal;
  return diagnostics.some((d) => d.severity === "error") ? ExitCode.UserError : ExitCode.Ok;
}

/**
 * Prints a run's diagnostics on stdout: one JSON document, or the text excerpts followed by the summary line.
 * Returns the exit code they give ({@link exitCodeOf}).
 */
export function printDiagnostics(sys: System, found: Findings, style: ReportStyle): number {
  const all = [...found.problems, ...found.diagnostics];
  const lookup = sourceLookup(found.sources.values());
  if (style.format === "json") {
    const errors = all.filter((d) => d.severity === "error").length;
    const warnings = all.filter((d) => d.severity === "warning").length;
    const output: JsonOutput = { diagnostics: toJsonDiagnostics(all, lookup), summary: { errors, warnings, files: found.filesRead } };
    sys.write("stdout", JSON.stringify(output, null, 2) + "\n");
  } else {
    const blocks = found.problems.map((d) => renderInputProblem(d, style.color));
    if (found.diagnostics.length > 0) blocks.push(renderDiagnostics(found.diagnostics, lookup, { color: style.color }));
    blocks.push(renderSummary(all, found.filesRead, { color: style.color }));
    sys.write("stdout", blocks.join("\n\n") + "\n");
  }
  return exitCodeOf(all);
}

/** An input problem has no source to excerpt: its header line, and its hint. */
function renderInputProblem(d: Diagnostic, color: boolean): string {
  const paint = (text: string, sgr: string): string => (color ? `\x1b[${sgr}m${text}\x1b[0m` : text);
  const header = paint(`${d.severity}[${d.code}]`, "1;31") + paint(`: ${d.message}`, "1");
  return d.hint === undefined ? header : `${header}\n  ${paint("=", "1;34")} ${paint("hint:", "1")} ${d.hint}`;
}

/**
 * Reports a name the inputs do not declare (a usage error: exit code 2) with a did-you-mean hint and the names
 * there are, e.g. "termsheet: no contract `FOTX` in the spec".
 */
export function unknownName(
  sys: System,
  problem: {
    readonly command: string;
    /** "contract", "calendar", "index", "declaration". */
    readonly what: string;
    /** The heading of the list of names: "contracts", "indices", … */
    readonly plural: string;
    readonly name: string;
    readonly known: readonly string[];
    /** "in the given files" or "in the spec". */
    readonly where: string;
  },
): number {
  const best = suggest(problem.name, problem.known);
  const lines = [`termsheet: no ${problem.what} \`${problem.name}\` ${problem.where}`];
  if (best !== undefined) lines.push(`hint: did you mean \`${best}\`?`);
  lines.push(`${problem.plural}: ${problem.known.length === 0 ? "(none)" : [...problem.known].sort().join(", ")}`);
  lines.push(`Run \`termsheet help ${problem.command}\` for more.`);
  sys.write("stderr", lines.join("\n") + "\n");
  return ExitCode.Usage;
}

/** A usage problem only the command can see (e.g. a symbol with `--month`): `termsheet: …` lines on stderr, exit code 2. */
export function usageProblem(sys: System, ...lines: string[]): number {
  sys.write("stderr", `termsheet: ${lines.join("\n")}\n`);
  return ExitCode.Usage;
}

/** A question without an answer, or an input that cannot be used: `error: …` on stderr, exit code 1. */
export function failure(sys: System, message: string): number {
  sys.write("stderr", `error: ${message}\n`);
  return ExitCode.UserError;
}

/** Writes a command's output to stdout, or to `--out FILE` (all or nothing). */
export function writeOutput(text: string | Uint8Array, out: string | undefined, sys: System): number {
  if (out === undefined) {
    // A binary document (Word, PDF) goes to a file only; args.ts asks for --out before a command gets here.
    if (typeof text !== "string") {
      sys.write("stderr", "termsheet: a Word or PDF document is written to a file: name it with `--out FILE`\n");
      return ExitCode.Usage;
    }
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
