/**
 * Lowering from the checked program to the compiled model: every calendar, index and contract declaration
 * becomes a fully resolved model object (src/model/), with references resolved to declaration names, enumerated
 * words to their values, units normalised, amounts as canonical decimal strings, annotations kept, and each rule
 * a list of clauses with effective ranges. It reads the checked IR the check made of each declaration
 * (check/lowerable.ts), in which every part is present and evaluated: the declaration each reference resolved to,
 * each word's value, each number's decimal, the calendars and last trading day rules as the calendars check lowered
 * them, the calendar each rule that counts business days counts on. It is a pure mapping: it looks nothing up and
 * has nothing to check. Defaults the language defines are made explicit here: a source's weight is 1, a spread leg
 * is in the spread's month, prices are not negative unless allowed.
 * Runs only on programs the checker passed without errors; a declaration the check made no IR of is an internal
 * error (E9001) at its missing part, and every lowered object is validated with zod (E6001 when it fails). The
 * parts: lower-base.ts (the shared helpers), lower-index.ts, lower-contract.ts and lower-settlement.ts.
 */
import type { Program } from "../check/program.js";
import { declarationKind } from "../check/program.js";
import { checkProgram } from "../check/check.js";
import type { CheckedProgram, Lowerable } from "../check/lowerable.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import { CalendarSchema, type Calendar } from "./calendar.js";
import { ContractSchema, type Contract } from "./contracts.js";
import { IndexSchema, type Index } from "./indices.js";
import type { DeclaredUnit } from "./common.js";
import { declaredUnits } from "../check/declared-units.js";
import { holidayRule, Lowerer } from "./lower-base.js";
import { lowerIndex } from "./lower-index.js";
import { lowerContract } from "./lower-contract.js";
import { ValidationMemo, type Parser } from "./validation-memo.js";

export { ValidationMemo } from "./validation-memo.js";

/** Every declaration of a program, lowered, by name. */
export interface LoweredProgram {
  readonly calendars: ReadonlyMap<string, Calendar>;
  readonly indices: ReadonlyMap<string, Index>;
  readonly contracts: ReadonlyMap<string, Contract>;
  /** The program's declared units by name (`unit point "index point"`); absent when it declares none. */
  readonly units?: ReadonlyMap<string, DeclaredUnit>;
}

/** The result of lowering: the model, or the diagnostics that prevented it (internal errors only). */
export type LoweringResult =
  { readonly ok: true; readonly model: LoweredProgram } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Lowers every calendar, index and contract of a checked program: the checked IR its check made of each declaration
 * (`checked`, by default the program checked again, silently). Call it only when the check reported no errors. A
 * pure mapping; the only failure is a lowered object the model's schema rejects (E6001). `memo`: see
 * {@link ValidationMemo}.
 */
export function lowerProgram(
  program: Program,
  checked: CheckedProgram = checkProgram(program, () => {}),
  memo?: ValidationMemo,
): LoweringResult {
  const diagnostics: Diagnostic[] = [];
  const calendars = new Map<string, Calendar>();
  const indices = new Map<string, Index>();
  const contracts = new Map<string, Contract>();
  const lowerer = new Lowerer();
  for (const { decl, missing } of checked.unchecked) {
    const what = `${declarationKind(decl)} ${decl.name?.name ?? ""}`;
    diagnostics.push(
      diag(Codes.InternalError, missing.span, `internal error: cannot compile ${what}: ${missing.what} is missing`, { context: [what] }),
    );
  }
  for (const { decl } of checked.declarations) {
    switch (decl.kind) {
      case "Calendar":
        store(calendars, CalendarSchema, lowerCalendarDecl(lowerer, decl), decl, diagnostics, memo);
        break;
      case "Index":
        store(indices, IndexSchema, lowerIndex(lowerer, decl), decl, diagnostics, memo);
        break;
      default:
        store(contracts, ContractSchema, lowerContract(lowerer, decl), decl, diagnostics, memo);
        break;
    }
  }
  const declared = declaredUnits(program);
  const units = new Map(
    declared.map((e): [string, DeclaredUnit] => [e.unit.name, { name: e.unit.name, title: e.title, kind: e.unit.kind }]),
  );
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, model: { calendars, indices, contracts, ...(units.size > 0 ? { units } : {}) } };
}

function store<T>(
  map: Map<string, T>,
  schema: Parser<T>,
  value: T,
  decl: Lowerable<A.Declaration>,
  diagnostics: Diagnostic[],
  memo: ValidationMemo | undefined,
): void {
  const name = decl.name.name;
  const r = memo === undefined ? schema.safeParse(value) : memo.validate(schema, value);
  if (r.success) {
    map.set(name, r.data);
    return;
  }
  const issue = r.error.issues[0];
  diagnostics.push(
    diag(
      Codes.ModelValidationFailed,
      decl.name.span,
      `internal error: the compiled ${declarationKind(decl)} ${name} does not match the model at /${issue?.path.map(String).join("/") ?? ""}: ${issue?.message ?? "invalid"}`,
      { context: [`${declarationKind(decl)} ${name}`] },
    ),
  );
}

/** A calendar, as the calendars check lowered it, with its annotations and each holiday's. */
function lowerCalendarDecl(l: Lowerer, decl: Lowerable<A.CalendarDecl>): Calendar {
  // The calendars check lowered it (and reported an effective range on a clause, E2012).
  const checked = decl.checked;
  const cal = checked.calendar;
  return {
    kind: "calendar",
    name: cal.name,
    ...l.declarationAnnotations(decl),
    timeZone: cal.timeZone,
    weekend: [...cal.weekend],
    holidays: checked.holidays.map(({ rule, statement }) => ({
      ...holidayRule(rule),
      descriptions: statement.annotations.descriptions.map((d) => d.value),
      clauses: statement.annotations.clauses.map((c) => c.value),
    })),
    basedOn: [...(cal.basedOn ?? [])],
    ...(cal.joint === undefined ? {} : { joint: { mode: cal.joint.mode, calendars: [...cal.joint.calendars] } }),
  };
}
