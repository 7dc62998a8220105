/**
 * The driver: the one place that knows the order of the pipeline. It reads sources through a Host (so it stays
 * pure; the CLI supplies a file-system host), parses them and everything they import, builds the Program, runs
 * the checks and, when they found no error, lowers the program to the validated model, so that a program `check`
 * accepts is one `build` compiles. The backends come after it (compile.ts).
 */
import { isTermsPath, MAX_SOURCE_BYTES, SourceFile } from "./base/source.js";
import { Codes, diag, hintFor, sortDiagnostics, type Diagnostic } from "./diagnostics/index.js";
import { allowSuggestionWork, limitSuggestionWork } from "./diagnostics/did-you-mean.js";
import { parse } from "./syntax/parse.js";
import type { Span } from "./base/source.js";
import { buildProgram } from "./check/symbols.js";
import type { Host, HostRefusal } from "./check/host.js";
import { importTargets, isStandardImport, STANDARD_CALENDARS, standardModules } from "./check/imports.js";
import { checkProgram } from "./check/check.js";
import type { CheckedProgram } from "./check/lowerable.js";
import type { Program, ProgramFile } from "./check/program.js";
import { lowerProgram, type LoweredProgram } from "./model/from-checked.js";

export type { Host, HostRefusal } from "./check/host.js";

/** Did-you-mean hints may cost this much, plus SUGGESTION_WORK_PER_CHAR per character of the sources (see did-you-mean.ts). */
const SUGGESTION_WORK = 1_000_000;
const SUGGESTION_WORK_PER_CHAR = 2;

export interface CheckResult {
  readonly program: Program;
  /** Sorted: by file, position, code. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every source read, for rendering excerpts. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  /**
   * The program lowered to the model, every declaration validated against its schema: present exactly when there is
   * no error. The backends start from it; `check` computes it too, so "check ok" means "build ok".
   */
  readonly model?: LoweredProgram;
}

/** Parses and checks the given root files (already read) and the files they import. Never throws. */
export function checkSources(roots: readonly { path: string; text: string }[], host: Host): CheckResult {
  // Hints for unknown names cost work per candidate: bounded in proportion to the sources, so that a file with
  // thousands of unknown names among thousands of declarations stays linear (the last ones come without a hint).
  const restore = limitSuggestionWork(SUGGESTION_WORK);
  try {
    return checkAll(roots, host);
  } finally {
    restore();
  }
}

function checkAll(roots: readonly { path: string; text: string }[], host: Host): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const files: ProgramFile[] = [];
  const sources = new Map<string, SourceFile>();
  const queue: { path: string; text: string; root: boolean }[] = roots.map((r) => ({ ...r, root: true }));
  const seen = new Set(queue.map((q) => q.path));

  for (let at = 0; at < queue.length; at++) {
    const next = queue[at]!;
    const source = new SourceFile(next.path, next.text);
    sources.set(next.path, source);
    allowSuggestionWork(SUGGESTION_WORK_PER_CHAR * next.text.length);
    const parsed = host.parse ? host.parse(source) : parse(source);
    diagnostics.push(...parsed.diagnostics);
    files.push({ source, ast: parsed.ast, comments: parsed.comments, root: next.root });
    for (const imp of parsed.ast.imports) {
      if (!imp.path || imp.path.value === "") continue;
      const written = imp.path.value;
      const span = imp.path.span;
      if (!isStandardImport(written) && !isTermsPath(written)) {
        diagnostics.push(
          diag(Codes.ImportNotTermsFile, span, `cannot import \`${written}\`: only \`.terms\` files can be imported`, {
            hint: "import the `.terms` file that declares what you need, or a standard module such as `std:calendars`",
          }),
        );
        continue;
      }
      const targets = importTargets(host, next.path, written);
      if (targets === undefined) {
        const all = host.standardModule?.(STANDARD_CALENDARS);
        diagnostics.push(
          diag(Codes.ImportFileNotFound, span, `the standard library has no module \`${written}\``, {
            notes:
              all === undefined
                ? ["no standard library is available to this check"]
                : [
                    `its modules are ${standardModules(all)
                      .map((m) => `\`${m}\``)
                      .join(", ")}`,
                  ],
            hint: hintFor(written, all === undefined ? [] : standardModules(all)) ?? "the standard calendars are `std:calendars`",
          }),
        );
        continue;
      }
      for (const target of targets) {
        if (seen.has(target)) continue;
        seen.add(target);
        const read = host.readFile(target);
        if (read === undefined) {
          diagnostics.push(
            diag(Codes.ImportFileNotFound, span, `cannot find the imported file \`${written}\``, {
              notes: [`looked for ${target}`],
              hint: "import paths are relative to the importing file",
            }),
          );
        } else if (typeof read !== "string") {
          diagnostics.push(refusal(read, written, span));
        } else if (read.length > MAX_SOURCE_BYTES) {
          diagnostics.push(
            refusal({ refused: "too-large", reason: `it is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` }, written, span),
          );
        } else {
          queue.push({ path: target, text: read, root: false });
        }
      }
    }
  }

  const program = buildProgram(files, host, (d) => diagnostics.push(d));
  const where = { file: files[0]?.source.path ?? "", start: 0, end: 0 };
  let checked: CheckedProgram | undefined;
  try {
    checked = checkProgram(program, (d) => diagnostics.push(d));
  } catch (e) {
    // A check that throws is a bug in the checker, never the user's fault; report it and keep the rest.
    diagnostics.push(diag(Codes.InternalError, where, `internal error in the checker: ${(e as Error)?.message ?? String(e)}`));
  }
  let model: LoweredProgram | undefined;
  if (checked !== undefined && !diagnostics.some((d) => d.severity === "error")) {
    // What `build` runs next, up to the backends: a failure here is a compiler bug, which `check` reports too.
    try {
      const lowered = lowerProgram(program, checked, host.validated);
      if (lowered.ok) model = lowered.model;
      else diagnostics.push(...lowered.diagnostics);
    } catch (e) {
      diagnostics.push(diag(Codes.InternalError, where, `internal error in the lowering: ${(e as Error)?.message ?? String(e)}`));
    }
  }
  const sorted = sortDiagnostics(withoutSyntaxEchoes(diagnostics, files));
  return model === undefined ? { program, diagnostics: sorted, sources } : { program, diagnostics: sorted, sources, model };
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

/** The diagnostic of an import the host would not read. */
function refusal(r: HostRefusal, written: string, span: Span): Diagnostic {
  const message = `cannot import \`${written}\`: ${r.reason}`;
  switch (r.refused) {
    default:
    case "outside-project":
      return diag(Codes.ImportOutsideProject, span, message, {
        notes: r.notes,
        hint: "import files of the project folder or of the standard library only",
      });
    case "not-terms-file":
      return diag(Codes.ImportNotTermsFile, span, message, {
        notes: r.notes,
        hint: "import the `.terms` file that declares what you need",
      });
    case "not-a-file":
      return diag(Codes.ImportNotRegularFile, span, message, { notes: r.notes, hint: "an import names a `.terms` file" });
    case "too-large":
      return diag(Codes.ImportTooLarge, span, message, { notes: r.notes, hint: "split the file into smaller files" });
  }
}
