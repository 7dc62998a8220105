/**
 * The CLI's one way to load its inputs, to the stage a command needs:
 *   read   the root files (folders expanded; unreadable inputs become E2013 problems)     fmt
 *   check  parsed and checked with everything they import (the driver)                    check
 *   model  lowered to the compiled model the runtime schedule reads                       calendar, expiries, listed
 *   built  compiled to JSON specs (compileSources)                                        build, render, diff, settle, index
 * and, for the commands that take one spec, a compiled `.json` spec or the spec of one declaration of `.terms`
 * sources. The compiler (model, zod, ajv) is imported only for the stages past `check`, so that `check` never loads
 * it (scripts/build.mjs puts it in its own chunk).
 */
import type { SourceFile } from "../base/source.js";
import type { SpecFile } from "../backends/json/to-json.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { checkSources, type CheckResult } from "../driver.js";
import type { Spec } from "../model/types.js";
import type { ScheduleInput } from "../runtime/schedule/index.js";
import { ExitCode } from "./exit-codes.js";
import { collectInputs, fileHost, type Inputs } from "./inputs.js";
import { printDiagnostics, reportStyle, unknownName, type Findings, type ReportStyle } from "./report.js";
import type { System } from "./system.js";

/** The checked program. */
type Program = CheckResult["program"];

/** How far a command takes its inputs. */
export type Stage = "read" | "check" | "model" | "built";

/** The inputs read: the root files, and the inputs that could not be read. */
export interface ReadStage {
  readonly inputs: Inputs;
}

/** Checked: the sources' diagnostics and every file read (for excerpts), as {@link printDiagnostics} takes them. */
export interface CheckStage extends ReadStage, Findings {
  readonly program: Program;
}

/** Lowered: the compiled model of the calendars and contracts, when there is no error. */
export interface ModelStage extends CheckStage {
  readonly model: ScheduleInput | undefined;
}

/** Compiled: one spec file per declaration of the root files, none when there is an error. */
export interface BuiltStage extends CheckStage {
  readonly files: readonly SpecFile[];
}

interface Stages {
  read: ReadStage;
  check: CheckStage;
  model: ModelStage;
  built: BuiltStage;
}

/** Loads the inputs up to `stage`. Never prints; see {@link loadOrReport}. */
export async function loadSources<S extends Stage>(paths: readonly string[], sys: System, stage: S): Promise<Stages[S]> {
  const inputs = collectInputs(paths, sys);
  if (stage === "read") return { inputs } as Stages[S];
  const host = fileHost(sys, inputs);
  const base = (checked: { program: Program; diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, SourceFile> }) => ({
    inputs,
    problems: inputs.problems,
    program: checked.program,
    diagnostics: checked.diagnostics,
    sources: checked.sources,
    filesRead: checked.sources.size,
  });
  if (stage === "built") {
    // The compiler (model, zod, ajv) is loaded only past `check`.
    const built = (await import("../compile.js")).compileSources(inputs.roots, host, { compilerVersion: sys.version });
    return { ...base(built), files: built.files } as unknown as Stages[S];
  }
  const checked = checkSources(inputs.roots, host);
  if (stage === "check") return base(checked) as Stages[S];
  if (inputs.problems.length > 0 || checked.diagnostics.some((d) => d.severity === "error")) {
    return { ...base(checked), model: undefined } as unknown as Stages[S];
  }
  // The check lowered the program already (its diagnostics include the lowering's): no second lowering here.
  const lowered = checked.model;
  if (lowered === undefined) return { ...base(checked), model: undefined } as unknown as Stages[S];
  const model: ScheduleInput = {
    calendars: Object.fromEntries(lowered.calendars),
    contracts: Object.fromEntries(lowered.contracts),
  };
  return { ...base(checked), model } as Stages[S];
}

/** True when loading found an error (an unreadable input or an error in the sources). */
export function hasErrors(found: Pick<Findings, "problems" | "diagnostics">): boolean {
  return found.problems.length > 0 || found.diagnostics.some((d) => d.severity === "error");
}

/**
 * Loads the inputs up to `stage` for a command that answers only from error-free sources: with any error, prints
 * the diagnostics as `check` does and gives the exit code instead.
 */
export async function loadOrReport<S extends "model" | "built">(
  paths: readonly string[],
  sys: System,
  stage: S,
  style: ReportStyle,
): Promise<{ readonly ok: true; readonly loaded: Stages[S] } | { readonly ok: false; readonly exit: number }> {
  const loaded = await loadSources(paths, sys, stage);
  if (!hasErrors(loaded)) return { ok: true, loaded };
  return { ok: false, exit: printDiagnostics(sys, loaded, style) };
}

/**
 * Loads the inputs to the model for a command about one contract of them (`expiries`, `listed`, `sessions`):
 * the model and the contract's name, or the exit code once the errors, or the unknown name with its near
 * misses, were printed.
 */
export async function loadContractOrReport(
  inv: {
    readonly inputs: readonly string[];
    readonly format: string;
    readonly color: boolean;
    readonly options: { readonly contract?: string };
  },
  command: string,
  sys: System,
): Promise<{ readonly ok: true; readonly model: ScheduleInput; readonly name: string } | { readonly ok: false; readonly exit: number }> {
  const compiled = await loadOrReport(inv.inputs, sys, "model", reportStyle(inv.format, inv.color, sys));
  if (!compiled.ok) return compiled;
  const name = inv.options.contract!;
  const model = compiled.loaded.model!;
  if (Object.hasOwn(model.contracts, name)) return { ok: true, model, name };
  const known = Object.keys(model.contracts);
  return {
    ok: false,
    exit: unknownName(sys, { command, what: "contract", plural: "contracts", name, known, where: "in the given files" }),
  };
}

/** A loaded spec, or the exit code after the problem was printed. */
export type LoadedSpec =
  | { readonly ok: true; readonly spec: Spec; readonly sources?: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly exit: number };

/**
 * Loads the one spec a command works on: a compiled `.json` spec, or `.terms` files and folders compiled now, of
 * which the spec of `name` (or of the only contract, or the only declaration) is taken, with the source line of
 * each statement for the readable contract. Problems are printed; the result says the exit code.
 */
export async function loadSpecInput(
  paths: readonly string[],
  name: string | undefined,
  command: string,
  sys: System,
  style: ReportStyle,
): Promise<LoadedSpec> {
  if (paths.length === 1 && paths[0]!.endsWith(".json")) {
    const { loadSpec, SpecError } = await import("../model/load.js");
    const text = sys.readFile(paths[0]!);
    if (!text.ok) {
      sys.write("stderr", `termsheet: cannot read \`${paths[0]}\`: ${text.reason}\n`);
      return { ok: false, exit: ExitCode.UserError };
    }
    try {
      return { ok: true, spec: loadSpec(text.value) };
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      sys.write("stderr", `error: ${paths[0]}: ${e.message}\n`);
      return { ok: false, exit: ExitCode.UserError };
    }
  }
  const built = await loadOrReport(paths, sys, "built", style);
  if (!built.ok) return built;
  const files = built.loaded.files;
  const contracts = files.filter((f) => f.spec.subject.kind !== "index" && f.spec.subject.kind !== "calendar");
  const chosen =
    name !== undefined
      ? files.find((f) => f.spec.subject.name === name)
      : contracts.length === 1
        ? contracts[0]
        : files.length === 1
          ? files[0]
          : undefined;
  if (chosen === undefined) {
    const known = files.map((f) => f.spec.subject.name);
    if (name !== undefined) {
      const exit = unknownName(sys, { command, what: "declaration", plural: "declarations", name, known, where: "in the given files" });
      return { ok: false, exit };
    }
    sys.write(
      "stderr",
      `termsheet: several declarations in the given files; choose one with \`--contract NAME\`\ndeclarations: ${known.sort().join(", ") || "(none)"}\nRun \`termsheet help ${command}\` for more.\n`,
    );
    return { ok: false, exit: ExitCode.Usage };
  }
  const { sourceLines } = await import("../backends/legal/source-lines.js");
  return { ok: true, spec: chosen.spec, sources: sourceLines(built.loaded.program) };
}
