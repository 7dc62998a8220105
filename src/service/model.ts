/**
 * The compiled model behind hover's words and dates: a declaration of the checked program and the declarations it
 * uses, lowered by the model's own lowering (model/from-checked.ts) as `build` and `render` lower them, so that a
 * hover says what the readable contract says. Only that part is lowered, and only when none of it has an error:
 * a hover in a long file pays for its own declarations, and a mistake elsewhere does not blank it.
 */
import type { Program, ProgramFile } from "../check/program.js";
import { buildProgram } from "../check/symbols.js";
import type { CheckResult, Host } from "../driver.js";
import { lowerProgram, type LoweredProgram } from "../model/from-checked.js";
import { buildSpec } from "../backends/json/to-json.js";
import type { Spec } from "../model/types.js";
import { Schedule } from "../runtime/schedule/index.js";
import type { Declaration } from "../syntax/ast.js";
import { declarationKind } from "../check/program.js";
import { occurrencesOf } from "./names.js";

/** The compiled model of (part of) a program. */
export interface ModelView {
  /** The lowered declarations that compile, or undefined for `name` when it does not. */
  lowered(name: string): { readonly model: LoweredProgram; readonly schedule: Schedule; readonly spec: Spec } | undefined;
  /** The checked program the model comes from. */
  readonly program: Program;
}

/** The spec of one declaration, as `build` writes it: the subject and everything it uses, inlined. */
function specOf(model: LoweredProgram, subject: Declaration): Spec {
  return buildSpec(model, { kind: declarationKind(subject), name: subject.name!.name }, { compilerVersion: "editor" });
}

/** The model view of a check's program. */
export function modelFor(result: CheckResult, imports: Pick<Host, "resolveImport" | "standardModule" | "validated">): ModelView {
  const program = result.program;
  const partial = new Map<string, { model: LoweredProgram; schedule: Schedule } | null>();
  const lower = (p: Program): { model: LoweredProgram; schedule: Schedule } | null => {
    const r = lowerProgram(p, undefined, imports.validated);
    if (!r.ok) return null;
    const model = r.model;
    return {
      model,
      schedule: new Schedule({ calendars: Object.fromEntries(model.calendars), contracts: Object.fromEntries(model.contracts) }),
    };
  };
  // A check without errors has lowered the whole program already (the driver does, as build does): reuse it.
  let whole: { model: LoweredProgram; schedule: Schedule } | undefined;
  const checked = result.model;
  return {
    program,
    lowered(name) {
      const sym = program.symbols.get(name);
      if (sym === undefined || sym.decl.name === undefined) return undefined;
      if (checked !== undefined) {
        whole ??= {
          model: checked,
          schedule: new Schedule({ calendars: Object.fromEntries(checked.calendars), contracts: Object.fromEntries(checked.contracts) }),
        };
        return { ...whole, spec: specOf(whole.model, sym.decl) };
      }
      // Otherwise only the declaration and what it uses are lowered: a hover in a long file with errors elsewhere
      // pays for its own declarations.
      let m = partial.get(name);
      if (m === undefined) {
        m = lowerClosure(program, result, name, imports, lower);
        partial.set(name, m);
      }
      return m === null || m === undefined ? undefined : { ...m, spec: specOf(m.model, sym.decl) };
    },
  };
}

/** Lowers the declaration `name` and what it uses, when none of them has an error; null otherwise. */
function lowerClosure(
  program: Program,
  result: CheckResult,
  name: string,
  imports: Pick<Host, "resolveImport" | "standardModule">,
  lower: (p: Program) => { model: LoweredProgram; schedule: Schedule } | null,
): { model: LoweredProgram; schedule: Schedule } | null {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const needed = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const n = queue.pop()!;
    if (needed.has(n)) continue;
    const sym = program.symbols.get(n);
    if (sym === undefined) return null;
    const d = sym.decl;
    if (errors.some((e) => e.span.file === sym.file && e.span.start >= d.span.start && e.span.start <= d.span.end)) return null;
    needed.add(n);
    const file = program.files.find((f) => f.source.path === sym.file);
    for (const o of occurrencesOf({ kind: "File", imports: [], declarations: [d], span: d.span })) {
      if (o.role !== "reference") continue;
      const target = program.visible(sym.file).get(o.name);
      if (target === undefined) return null;
      queue.push(target.name);
    }
    if (file === undefined) return null;
  }
  const files: ProgramFile[] = program.files.map((f) => ({
    ...f,
    ast: { ...f.ast, declarations: f.ast.declarations.filter((d) => d.name !== undefined && needed.has(d.name.name)) },
  }));
  const sub = buildProgram(files, { readFile: () => undefined, ...imports }, () => {});
  return lower(sub);
}
