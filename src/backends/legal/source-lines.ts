/**
 * The side table that lets the readable contract point back to its sources: from the checked program, the file
 * and line ("specs/contracts/foti.terms:24") where each rule of each declaration is first stated, keyed as the
 * legal builder keys its clauses ("contract FOTI tick", "index AITOK_OUT rounding", "calendar NYSE"). Only
 * locations are read from the syntax tree; every word of the document comes from the compiled model. The CLI
 * passes the table to the renderer when it compiles `.terms` sources (a compiled `.json` spec carries no lines).
 * Which clause states which statement is the statement registry's (syntax/statements.ts, `clause`).
 */
import type { Program } from "../../check/program.js";
import { statementClause } from "../../syntax/statements.js";

/** Where each rule of each declaration of the program is first stated, as "file:line". */
export function sourceLines(program: Program): Map<string, string> {
  const out = new Map<string, string>();
  const set = (key: string, where: string) => {
    if (!out.has(key)) out.set(key, where);
  };
  for (const f of program.files) {
    const at = (offset: number) => `${f.source.path}:${f.source.position(offset).line}`;
    for (const d of f.ast.declarations) {
      const name = d.name?.name;
      if (name === undefined) continue;
      if (d.kind === "Calendar") {
        set(`calendar ${name}`, at(d.span.start));
        continue;
      }
      const isIndex = d.kind === "Index";
      for (const s of d.statements) {
        const rule = statementClause(s, isIndex ? "index" : "contract");
        if (rule !== undefined) set(`${isIndex ? "index" : "contract"} ${name} ${rule}`, at(s.span.start));
      }
    }
  }
  return out;
}
