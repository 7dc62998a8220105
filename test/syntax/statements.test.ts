/**
 * The statement registry (src/syntax/statements.ts) and the parser agree (issue 17): the alternatives of the
 * grammar's `statement` rule are the registry's statement rules, in its order; every statement kind the parser
 * produces from the language's examples has an entry, and every entry is produced; every rule is named by a kind;
 * every kind may stand somewhere, and a declaration requires only statements it allows.
 */
import { describe, expect, it } from "vitest";
import { Alternation, Alternative, NonTerminal } from "chevrotain";
import { SourceFile } from "../../src/base/source.js";
import type { Statement } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { parserInstance } from "../../src/syntax/parser.js";
import { occurrence, REQUIRED, scopesAllowing, STATEMENT_RULES, STATEMENTS, type StatementKind } from "../../src/syntax/statements.js";
import { termsFiles } from "../helpers/files.js";

/** The statements of the files under the folders, sources' statements included. */
function statementsOf(folders: readonly string[]): Statement[] {
  const out: Statement[] = [];
  const walk = (ss: readonly Statement[]): void => {
    for (const s of ss) {
      out.push(s);
      if (s.kind === "Source") walk(s.statements);
    }
  };
  for (const folder of folders)
    for (const { path, text } of termsFiles(folder)) for (const d of parse(new SourceFile(path, text)).ast.declarations) walk(d.statements);
  return out;
}

describe("the statement registry", () => {
  it("lists the statement rules in the order of the grammar's `statement` alternatives", () => {
    const statement = parserInstance.getGAstProductions()["statement"]!;
    const choice = statement.definition.find((p): p is Alternation => p instanceof Alternation)!;
    const rules = choice.definition.map((alt) => {
      const [only] = (alt as Alternative).definition;
      return only instanceof NonTerminal ? only.nonTerminalName : "?";
    });
    expect(rules).toEqual(Object.keys(STATEMENT_RULES));
  });

  it("has an entry for every statement kind the parser produces, and every entry is produced", () => {
    const produced = new Set(statementsOf(["specs", "test/cases/syntax", "test/cases/format"]).map((s) => s.kind));
    expect([...produced].sort()).toEqual(Object.keys(STATEMENTS).sort());
  });

  it("names every statement rule as the rule of some kind, and only statement rules", () => {
    const named = new Set(Object.values(STATEMENTS).flatMap((e) => e.rules));
    expect([...named].sort()).toEqual(Object.keys(STATEMENT_RULES).sort());
  });

  it("allows every kind somewhere, and requires only what the declaration allows", () => {
    for (const kind of Object.keys(STATEMENTS) as StatementKind[]) expect(scopesAllowing(kind), kind).not.toEqual([]);
    for (const [declaration, requirements] of Object.entries(REQUIRED))
      for (const r of requirements)
        expect(occurrence(r.kind, declaration as keyof typeof REQUIRED), `${declaration} ${r.kind}`).toBe("once");
  });
});
