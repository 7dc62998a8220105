/**
 * Where names occur in a file's syntax tree: declarations, references to declarations (with the kinds the place
 * accepts, as check/names.ts resolves them), the names of imports, and the sources declared inside indices.
 * Definitions, references, rename, highlighting and semantic tokens all read this one list.
 */
import type { Span } from "../base/source.js";
import { fallbackDeadline } from "../check/checked.js";
import { declarationKind } from "../check/program.js";
import type { Declaration, DeclarationKind, FileNode, Ident, Statement } from "../syntax/ast.js";

/** What an occurrence of a name is. */
export type Role = "declaration" | "reference" | "import" | "source";

/** One occurrence of a name. */
export interface Occurrence {
  readonly name: string;
  readonly span: Span;
  readonly role: Role;
  /** For a reference, the kinds of declaration the place accepts; for a declaration, its own kind. */
  readonly wanted: readonly DeclarationKind[];
  /** The declaration the occurrence is in (or declares); undefined for imports. */
  readonly decl?: Declaration;
  /** For an imported name, the import's path as written. */
  readonly importPath?: string;
}

const CAL: readonly DeclarationKind[] = ["calendar"];
const IDX: readonly DeclarationKind[] = ["index"];
const FUT: readonly DeclarationKind[] = ["future"];

/** Every occurrence of a name in a file, in source order. */
export function occurrencesOf(file: FileNode): Occurrence[] {
  const out: Occurrence[] = [];
  for (const imp of file.imports) {
    for (const id of imp.names) {
      if (id.name !== "") out.push({ name: id.name, span: id.span, role: "import", wanted: [], importPath: imp.path?.value ?? "" });
    }
  }
  for (const decl of file.declarations) {
    const kind = declarationKind(decl);
    if (decl.name !== undefined && decl.name.name !== "")
      out.push({ name: decl.name.name, span: decl.name.span, role: "declaration", wanted: [kind], decl });
    const ref = (id: Ident | undefined, wanted: readonly DeclarationKind[]): void => {
      if (id !== undefined && id.name !== "" && id.span.end > id.span.start)
        out.push({ name: id.name, span: id.span, role: "reference", wanted, decl });
    };
    for (const s of decl.statements)
      statementReferences(s, kind, ref, (id) => {
        if (id !== undefined && id.name !== "" && id.span.end > id.span.start)
          out.push({ name: id.name, span: id.span, role: "source", wanted: [], decl });
      });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function statementReferences(
  s: Statement,
  scope: DeclarationKind,
  ref: (id: Ident | undefined, wanted: readonly DeclarationKind[]) => void,
  source: (id: Ident | undefined) => void,
): void {
  switch (s.kind) {
    case "Joint":
    case "BasedOn":
      for (const c of s.calendars) ref(c, CAL);
      return;
    case "Publish":
      ref(s.calendar, CAL);
      return;
    case "Underlying":
      if (scope === "option") ref(s.target, s.declared === "future" ? FUT : s.declared === "index" ? IDX : ["future", "index"]);
      else ref(s.target, IDX);
      return;
    case "LastTradingDay":
      ref(s.rule?.calendar, CAL);
      return;
    case "Expiry":
      ref(s.calendar, CAL);
      return;
    case "FinalSettlement": {
      const v = s.value;
      if (v?.kind === "IndexAt") ref(v.index, IDX);
      else if (v?.kind === "IndexAverage") {
        ref(v.index, IDX);
        ref(v.days?.calendar, CAL);
      } else if (v?.kind === "UnderlyingFinal") ref(v.target, FUT);
      return;
    }
    case "Fallback":
      for (const step of s.steps) {
        const a = step.action;
        if (a?.kind === "Postpone" || a?.kind === "CarryForward") ref(a.calendar, CAL);
        else if (a?.kind === "AlternateIndex") ref(a.index, IDX);
        const d = fallbackDeadline(a);
        if (d !== undefined) ref(d.calendar, CAL);
      }
      return;
    case "Leg":
      ref(s.contract, FUT);
      return;
    case "Source":
      source(s.name);
      return;
    default:
      return;
  }
}

/** The occurrence at an offset (a cursor just after a name is on it), if any. */
export function occurrenceAt(occurrences: readonly Occurrence[], offset: number): Occurrence | undefined {
  return occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
}
