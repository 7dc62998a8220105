/**
 * The driver: the one place that knows the order of the pipeline. It reads sources through a Host (so it stays
 * pure; the CLI supplies a file-system host), parses them and everything they import, builds the Program and runs
 * the checks. Later stages (model lowering, backends) are added here, after the checks.
 */
import { SourceFile } from "./base/source.js";
import { Codes, diag, sortDiagnostics, type Diagnostic } from "./diagnostics/index.js";
import { parse, type ParseResult } from "./syntax/parse.js";
import type { ImportDecl } from "./syntax/ast.js";
import { buildProgram } from "./check/symbols.js";
import { checkProgram } from "./check/check.js";
import type { Program, ProgramFile } from "./check/program.js";

/** How the driver reaches source files: paths are as the user wrote them, joined with `/`. */
export interface Host {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The path an import refers to, relative to the importing file (a pure path computation). */
  resolveImport(fromFile: string, importPath: string): string;
  /** Parses a file; `parse` by default. The language service passes an incremental parser with the same results. */
  parse?(source: SourceFile): ParseResult;
}

export interface CheckResult {
  readonly program: Program;
  /** Sorted: by file, position, code. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every source read, for rendering excerpts. */
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/** Parses and checks the given root files (already read) and the files they import. Never throws. */
export function checkSources(roots: readonly { path: string; text: string }[], host: Host): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const files: ProgramFile[] = [];
  const sources = new Map<string, SourceFile>();
  const queue: { path: string; text: string; root: boolean }[] = roots.map((r) => ({ ...r, root: true }));
  const seen = new Set(queue.map((q) => q.path));

  while (queue.length > 0) {
    const next = queue.shift()!;
    const source = new SourceFile(next.path, next.text);
    sources.set(next.path, source);
    const parsed = host.parse ? host.parse(source) : parse(source);
    diagnostics.push(...parsed.diagnostics);
    files.push({ source, ast: parsed.ast, comments: parsed.comments, root: next.root });
    for (const imp of parsed.ast.imports) {
      const target = importTarget(imp, next.path, host);
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      const text = host.readFile(target);
      if (text === undefined) {
        diagnostics.push(
          diag(Codes.ImportFileNotFound, imp.path!.span, `cannot find the imported file \`${imp.path!.value}\``, {
            notes: [`looked for ${target}`],
            hint: "import paths are relative to the importing file",
          }),
        );
        continue;
      }
      queue.push({ path: target, text, root: false });
    }
  }

  const program = buildProgram(files, host, (d) => diagnostics.push(d));
  try {
    checkProgram(program, (d) => diagnostics.push(d));
  } catch (e) {
    // A check that throws is a bug in the checker, never the user's fault; report it and keep the rest.
    diagnostics.push(
      diag(
        Codes.InternalError,
        { file: files[0]?.source.path ?? "", start: 0, end: 0 },
        `internal error in the checker: ${(e as Error)?.message ?? String(e)}`,
      ),
    );
  }
  return { program, diagnostics: sortDiagnostics(withoutSyntaxEchoes(diagnostics, files)), sources };
}

/**
 * A statement the parser could not read is missing from the tree, so the checker would also call it a missing
 * clause. In a declaration that already has a syntax error, that second report is an echo of the first: drop it.
 */
function withoutSyntaxEchoes(diagnostics: readonly Diagnostic[], files: readonly ProgramFile[]): Diagnostic[] {
  const syntax = diagnostics.filter((d) => d.code.startsWith("E1"));
  if (syntax.length === 0) return [...diagnostics];
  const broken = new Set<string>();
  for (const f of files) {
    for (const decl of f.ast.declarations) {
      const inside = syntax.some((d) => d.span.file === decl.span.file && d.span.start >= decl.span.start && d.span.start <= decl.span.end);
      if (inside && decl.name) broken.add(`${decl.span.file}:${decl.name.span.start}`);
    }
  }
  return diagnostics.filter((d) => d.code !== Codes.MissingClause || !broken.has(`${d.span.file}:${d.span.start}`));
}

function importTarget(imp: ImportDecl, from: string, host: Host): string | undefined {
  if (!imp.path || imp.path.value === "") return undefined;
  return host.resolveImport(from, imp.path.value);
}
