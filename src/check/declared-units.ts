/**
 * Declared units (`unit point "index point"`, `unit SOL "Solana" is an asset`): collects the program's unit
 * declarations into the vocabulary the unit resolver reads beside the registry's units, and reports a
 * declaration that takes a built-in unit or scale word, another declared unit's word or a declaration's name
 * (E3042), or that is malformed (E3043). Declarations of every file of the program are visible to every file,
 * as the compiled spec carries them in one `units` member; the first declaration of a word wins.
 */
import { DECLARED_UNIT_NAME, declaredUnitWords, isBuiltInUnitWord, type DeclaredUnit, type UnitVocabulary } from "../base/units.js";
import { Codes, diag } from "../diagnostics/index.js";
import type { UnitDecl } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";

/** A usable unit declaration: its resolved form, its title and its node. */
export interface DeclaredUnitEntry {
  readonly unit: DeclaredUnit;
  readonly title: string;
  readonly decl: UnitDecl;
}

const entries = new WeakMap<Program, readonly DeclaredUnitEntry[]>();

/** The well-formed unit declaration's form, or why it is not usable. */
function shapeOf(decl: UnitDecl): { ok: true; unit: DeclaredUnit; title: string } | { ok: false; why: string } {
  const name = decl.name?.name ?? "";
  if (!DECLARED_UNIT_NAME.test(name)) return { ok: false, why: `a unit's name is letters and digits starting with a letter` };
  if (decl.title?.value === undefined || decl.title.value.trim() === "")
    return { ok: false, why: `a unit states its name in words after its word, e.g. \`unit point "index point"\`` };
  const is = decl.is?.map((w) => w.name).join(" ");
  if (is !== undefined && is !== "an asset") return { ok: false, why: "the only kind a unit may state is `is an asset`" };
  return { ok: true, unit: { name, kind: is === undefined ? "unit" : "asset" }, title: decl.title.value };
}

/** Every usable unit declaration of the program, in file and source order, without collisions. */
export function declaredUnits(program: Program): readonly DeclaredUnitEntry[] {
  const known = entries.get(program);
  if (known !== undefined) return known;
  const out: DeclaredUnitEntry[] = [];
  const taken = new Set<string>();
  for (const f of program.files) {
    for (const decl of f.ast.units ?? []) {
      const shape = shapeOf(decl);
      if (!shape.ok) continue;
      const words = declaredUnitWords(shape.unit);
      if (words.some((w) => taken.has(w) || isBuiltInUnitWord(w) || program.symbols.has(w))) continue;
      for (const w of words) taken.add(w);
      out.push({ unit: shape.unit, title: shape.title, decl });
    }
  }
  entries.set(program, out);
  return out;
}

/** The declared units as the unit resolver takes them. */
export function unitVocabulary(program: Program): UnitVocabulary {
  return declaredUnits(program).map((e) => e.unit);
}

/** Reports malformed and colliding unit declarations. */
export function checkDeclaredUnits(program: Program, report: Report): void {
  const seen = new Map<string, UnitDecl>();
  for (const f of program.files) {
    for (const decl of f.ast.units ?? []) {
      const span = decl.name?.span ?? decl.span;
      const shape = shapeOf(decl);
      if (!shape.ok) {
        report(diag(Codes.MalformedUnitDeclaration, span, "malformed unit declaration", { notes: [shape.why] }));
        continue;
      }
      for (const w of declaredUnitWords(shape.unit)) {
        if (isBuiltInUnitWord(w)) {
          report(
            diag(Codes.UnitDeclarationCollides, span, `the unit \`${w}\` is already a built-in unit or scale word`, {
              hint: "use the built-in unit, or give the declared unit another name",
            }),
          );
          break;
        }
        const symbol = program.symbols.get(w);
        if (symbol !== undefined) {
          report(
            diag(Codes.UnitDeclarationCollides, span, `the unit \`${w}\` is also the name of the ${symbol.kind} ${w}`, {
              labels: symbol.decl.name === undefined ? [] : [{ span: symbol.decl.name.span, message: `the ${symbol.kind} ${w}` }],
              notes: ["a unit word and a declaration's name must differ, so that `1 " + w + "` has one meaning"],
              hint: "give the unit or the declaration another name",
            }),
          );
          break;
        }
        const first = seen.get(w);
        if (first !== undefined) {
          report(
            diag(Codes.UnitDeclarationCollides, span, `the unit \`${w}\` is declared twice`, {
              labels: first.name === undefined ? [] : [{ span: first.name.span, message: "first declared here" }],
              hint: "remove one of the declarations",
            }),
          );
          break;
        }
      }
      for (const w of declaredUnitWords(shape.unit)) if (!seen.has(w)) seen.set(w, decl);
    }
  }
}
