/**
 * The outline of a file (LSP document symbols): its declarations, each with its statements (labelled as the
 * checker labels them in context paths, check/names.ts) and, in an index, its sources with theirs.
 */
import type { SourceFile } from "../base/source.js";
import { statementLabel } from "../syntax/statements.js";
import { declarationKind } from "../check/program.js";
import type { FileNode, Statement } from "../syntax/ast.js";
import { rangeOf } from "./text.js";
import { SymbolKind, type DocumentSymbol } from "./types.js";

const KINDS: Readonly<Record<string, number>> = {
  calendar: SymbolKind.Namespace,
  index: SymbolKind.Class,
  future: SymbolKind.Struct,
  option: SymbolKind.Interface,
  spread: SymbolKind.Object,
};

function statementSymbol(s: Statement, scope: ReturnType<typeof declarationKind> | "source", source: SourceFile): DocumentSymbol {
  const range = rangeOf(source, s.span);
  if (s.kind === "Source") {
    const name = s.name?.name ?? "source";
    return {
      name,
      detail: s.title?.value ?? "source",
      kind: SymbolKind.Field,
      range,
      selectionRange: s.name ? rangeOf(source, s.name.span) : range,
      children: s.statements.map((x) => statementSymbol(x, "source", source)),
    };
  }
  const label = safeLabel(s, scope);
  return {
    name: label,
    detail: source.text.slice(s.span.start, Math.min(s.span.end, s.span.start + 80)).split(/\r?\n/)[0],
    kind: SymbolKind.Property,
    range,
    selectionRange: range,
    children: [],
  };
}

function safeLabel(s: Statement, scope: ReturnType<typeof declarationKind> | "source"): string {
  try {
    return statementLabel(s, scope === "source" ? "source" : scope);
  } catch {
    return s.kind;
  }
}

/** The document symbols of a parsed file. */
export function outlineOf(ast: FileNode, source: SourceFile): DocumentSymbol[] {
  return ast.declarations.flatMap((d): DocumentSymbol[] => {
    if (d.name === undefined) return [];
    const kind = declarationKind(d);
    const range = rangeOf(source, d.span);
    return [
      {
        name: d.name.name,
        detail: `${kind}${d.title ? `: ${d.title.value}` : ""}`,
        kind: KINDS[kind] ?? SymbolKind.Class,
        range,
        selectionRange: rangeOf(source, d.name.span),
        children: d.statements.map((s) => statementSymbol(s, kind, source)),
      },
    ];
  });
}
