/**
 * The language service: what an editor asks about `.terms` files, answered from the public compiler API (the
 * driver's `checkSources` through a Host, the Program's symbol table, the AST's spans) and nothing else. It holds
 * the texts of open documents over the files of the project, checks each open document with what it imports,
 * and answers diagnostics, hover, definitions, references, rename, outline, completion, code actions, semantic
 * tokens, formatting and the readable contract. Pure: files come in through a ServiceHost, today's date comes in
 * as an argument, results go out as LSP-shaped data (types.ts). A check reuses the parse of every unchanged file
 * and of every unchanged declaration of a changed one (incremental.ts), so a keystroke re-parses one declaration.
 * No query throws: a failure inside one is caught and answered with nothing.
 */
import { SourceFile, type Span } from "../base/source.js";
import type { Program, Symbol } from "../check/program.js";
import { codeInfo, type Diagnostic } from "../diagnostics/index.js";
import { checkSources, type CheckResult, type Host } from "../driver.js";
import { ValidationMemo } from "../model/from-checked.js";
import { importTargets, standardModuleFiles } from "../check/imports.js";
import type { FileNode } from "../syntax/ast.js";
import { KEYWORDS } from "../syntax/scan.js";
import { IncrementalParser } from "./incremental.js";
import { occurrenceAt, occurrencesOf, type Occurrence } from "./names.js";
import { offsetAt, rangeOf } from "./text.js";
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  ServiceDiagnostic,
  TextEdit,
  WorkspaceEdit,
} from "./types.js";
import { hoverAt } from "./hover.js";
import { completionsAt } from "./completion.js";
import { codeActionsFor } from "./actions.js";
import { semanticTokensOf } from "./semantic-tokens.js";
import { outlineOf } from "./outline.js";
import { modelFor, type ModelView } from "./model.js";
import type { ServiceContext, ServiceHost } from "./context.js";

export type { ServiceContext, ServiceHost } from "./context.js";

/** A checked open document: the check's result and the text of every file it read. */
interface Checked {
  readonly result: CheckResult;
  readonly read: ReadonlyMap<string, string | undefined>;
  model?: ModelView | null;
}

/** A parsed file of the project, for references across files that are not open. */
interface Parsed {
  readonly text: string;
  readonly source: SourceFile;
  readonly ast: FileNode;
  readonly occurrences: readonly Occurrence[];
}

/** Diagnostics of one file, as published. */
export interface FileDiagnostics {
  readonly path: string;
  readonly diagnostics: readonly ServiceDiagnostic[];
}

/** The language service of one project. */
export class LanguageService implements ServiceContext {
  private readonly docs = new Map<string, string>();
  private readonly disk = new Map<string, string | undefined>();
  private readonly checks = new Map<string, Checked>();
  private readonly parser = new IncrementalParser();
  /** Declarations validated by earlier checks (the lowering's memo, kept across keystrokes). */
  private readonly validated = new ValidationMemo();
  private readonly parsedFiles = new Map<string, Parsed>();
  private std: Map<string, { kind: string; file: string; title: string | undefined }> | undefined;

  /** `onError` hears of every failure a query caught (a bug: the LSP adapter logs it, tests fail on it). */
  readonly imports: Pick<Host, "resolveImport" | "standardModule">;

  constructor(
    readonly host: ServiceHost,
    private readonly onError: (error: unknown, query: string) => void = () => {},
  ) {
    this.imports = {
      resolveImport: (from, imp) => host.resolveImport(from, imp),
      standardModule: (module) => standardModuleFiles(module, host.standardLibrary?.() ?? []),
    };
  }

  /** Runs a query; a failure inside it is answered with `fallback` (a language server must never go down). */
  private safe<T>(query: string, f: () => T, fallback: T): T {
    try {
      return f();
    } catch (e) {
      this.onError(e, query);
      return fallback;
    }
  }

  // ------------------------------------------------------------------------------------------ documents

  /** Opens a document, or replaces its text. */
  setDocument(path: string, text: string): void {
    this.docs.set(path, text);
  }

  /** Closes a document: its file is read from the project again. */
  closeDocument(path: string): void {
    this.docs.delete(path);
    this.checks.delete(path);
    this.disk.delete(path);
    this.parser.forget(path);
  }

  /** A file changed outside the editor (or was created or deleted). */
  fileChanged(path: string): void {
    this.disk.delete(path);
    this.parsedFiles.delete(path);
    if (this.std !== undefined && (this.host.standardLibrary?.() ?? []).includes(path)) this.std = undefined;
  }

  /** The open documents. */
  openDocuments(): readonly string[] {
    return [...this.docs.keys()];
  }

  /** The text of a file: the editor's when it is open, else the project's. */
  text(path: string): string | undefined {
    const doc = this.docs.get(path);
    if (doc !== undefined) return doc;
    if (!this.disk.has(path)) {
      let text: string | undefined;
      try {
        text = this.host.readFile(path);
      } catch {
        text = undefined;
      }
      this.disk.set(path, text);
    }
    return this.disk.get(path);
  }

  // ------------------------------------------------------------------------------------------ checking

  private check(path: string): Checked {
    const cached = this.checks.get(path);
    if (cached !== undefined && [...cached.read].every(([p, t]) => this.text(p) === t)) return cached;
    const read = new Map<string, string | undefined>();
    const text = this.text(path) ?? "";
    read.set(path, text);
    const result = checkSources([{ path, text }], {
      readFile: (p) => {
        const t = this.text(p);
        read.set(p, t);
        return t;
      },
      ...this.imports,
      parse: (source) => this.parser.parse(source),
      validated: this.validated,
    });
    const checked: Checked = { result, read };
    if (this.docs.has(path)) this.checks.set(path, checked);
    return checked;
  }

  /** The check of a document (open or not) with everything it imports. */
  checked(path: string): CheckResult {
    return this.check(path).result;
  }

  /** The compiled model of a document's program, when its declarations compile. */
  model(path: string): ModelView | undefined {
    const c = this.check(path);
    if (c.model === undefined)
      c.model = this.safe("model", () => modelFor(c.result, { ...this.imports, validated: this.validated }), undefined) ?? null;
    return c.model ?? undefined;
  }

  /** The diagnostics of one file, checked as the root of its program (`termsheet check FILE`). */
  diagnostics(path: string): readonly ServiceDiagnostic[] {
    return this.safe(
      "diagnostics",
      () => {
        const r = this.checked(path);
        return r.diagnostics.filter((d) => d.span.file === path).map((d) => toServiceDiagnostic(d, r.sources));
      },
      [],
    );
  }

  /**
   * The diagnostics to publish: each open document's, and those of the files they import that are not open (a
   * file imported by several open documents gets the union, without repeats).
   */
  allDiagnostics(): FileDiagnostics[] {
    const out = new Map<string, Map<string, ServiceDiagnostic>>();
    for (const doc of this.docs.keys()) {
      this.safe(
        "diagnostics",
        () => {
          const r = this.checked(doc);
          for (const d of r.diagnostics) {
            const file = d.span.file;
            if (file !== doc && this.docs.has(file)) continue;
            if (!r.sources.has(file)) continue;
            let m = out.get(file);
            if (m === undefined) out.set(file, (m = new Map()));
            m.set(`${d.code}:${d.span.start}:${d.span.end}:${d.message}`, toServiceDiagnostic(d, r.sources));
          }
          if (!out.has(doc)) out.set(doc, new Map());
        },
        undefined,
      );
    }
    return [...out].map(([path, m]) => ({ path, diagnostics: [...m.values()] }));
  }

  // ------------------------------------------------------------------------------------------ names

  /** The standard library's declarations by name. */
  standardNames(): ReadonlyMap<string, { readonly kind: string; readonly file: string; readonly title: string | undefined }> {
    if (this.std === undefined) {
      const std = new Map<string, { kind: string; file: string; title: string | undefined }>();
      for (const file of this.host.standardLibrary?.() ?? []) {
        const p = this.parsed(file);
        for (const d of p?.ast.declarations ?? []) {
          if (d.name !== undefined && !std.has(d.name.name))
            std.set(d.name.name, { kind: d.kind.toLowerCase(), file, title: d.title?.value });
        }
      }
      this.std = std;
    }
    return this.std;
  }

  /** A parsed file of the project (open or not). */
  private parsed(path: string): Parsed | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    const cached = this.parsedFiles.get(path);
    if (cached !== undefined && cached.text === text) return cached;
    const source = new SourceFile(path, text);
    const ast = this.parser.parse(source).ast;
    const parsed: Parsed = { text, source, ast, occurrences: occurrencesOf(ast) };
    this.parsedFiles.set(path, parsed);
    return parsed;
  }

  /** The declaration a name at a position refers to (or declares), seen from the document's program. */
  private symbolAt(path: string, position: Position): { symbol: Symbol; occurrence: Occurrence; program: Program } | undefined {
    const r = this.checked(path);
    const file = r.program.files.find((f) => f.source.path === path);
    if (file === undefined) return undefined;
    const offset = offsetAt(file.source, position);
    const occ = occurrenceAt(occurrencesOf(file.ast), offset);
    if (occ === undefined || occ.role === "source") return undefined;
    let symbol: Symbol | undefined;
    if (occ.role === "import") {
      const targets = occ.importPath ? (importTargets(this.imports, path, occ.importPath) ?? []) : [];
      const s = r.program.symbols.get(occ.name);
      symbol = s !== undefined && targets.includes(s.file) ? s : undefined;
    } else {
      const s = r.program.visible(path).get(occ.name);
      symbol =
        s !== undefined && (occ.role === "declaration" ? s.decl.name?.span.start === occ.span.start : occ.wanted.includes(s.kind))
          ? s
          : undefined;
      if (symbol === undefined && occ.role === "declaration" && occ.decl !== undefined) {
        symbol = { name: occ.name, kind: occ.wanted[0]!, decl: occ.decl, file: path };
      }
    }
    return symbol === undefined ? undefined : { symbol, occurrence: occ, program: r.program };
  }

  /** Where the name (or the imported file) at a position is declared. */
  definition(path: string, position: Position): Location[] {
    return this.safe(
      "definition",
      () => {
        const r = this.checked(path);
        const file = r.program.files.find((f) => f.source.path === path);
        if (file === undefined) return [];
        const offset = offsetAt(file.source, position);
        for (const imp of file.ast.imports) {
          if (imp.path !== undefined && imp.path.span.start <= offset && offset <= imp.path.span.end) {
            const zero = { line: 0, character: 0 };
            return (importTargets(this.imports, path, imp.path.value) ?? [])
              .filter((target) => this.text(target) !== undefined)
              .map((target) => ({ path: target, range: { start: zero, end: zero } }));
          }
        }
        const found = this.symbolAt(path, position);
        if (found === undefined) {
          const occ = occurrenceAt(occurrencesOf(file.ast), offset);
          return occ?.role === "source" ? [{ path, range: rangeOf(file.source, occ.span) }] : [];
        }
        const name = found.symbol.decl.name;
        const source = r.sources.get(found.symbol.file);
        return name === undefined || source === undefined ? [] : [{ path: found.symbol.file, range: rangeOf(source, name.span) }];
      },
      [],
    );
  }

  /** The files that may refer to a declaration of `file`: the open documents, what they read, and the project. */
  private candidateFiles(): string[] {
    const files = new Set<string>(this.docs.keys());
    for (const doc of this.docs.keys())
      for (const f of this.safe("files", (): Iterable<string> => this.checked(doc).sources.keys(), [])) files.add(f);
    for (const f of this.safe("files", () => this.host.listFiles?.() ?? [], [])) files.add(f);
    return [...files].sort();
  }

  /** Every occurrence of the declaration at a position, in every file that sees it. */
  private occurrencesOfSymbol(path: string, position: Position): { path: string; span: Span; role: Occurrence["role"] }[] | undefined {
    const found = this.symbolAt(path, position);
    if (found === undefined) return undefined;
    const { symbol } = found;
    const out: { path: string; span: Span; role: Occurrence["role"] }[] = [];
    for (const file of this.candidateFiles()) {
      const p = this.parsed(file);
      if (p === undefined) continue;
      const sees =
        file === symbol.file
          ? "own"
          : p.ast.imports.some(
                (imp) =>
                  imp.path !== undefined &&
                  (importTargets(this.imports, file, imp.path.value) ?? []).includes(symbol.file) &&
                  (imp.names.length === 0 || imp.names.some((n) => n.name === symbol.name)),
              )
            ? "imported"
            : undefined;
      if (sees === undefined) continue;
      // A file that declares the same name itself refers to its own declaration.
      if (sees === "imported" && p.ast.declarations.some((d) => d.name?.name === symbol.name)) continue;
      for (const o of p.occurrences) {
        if (o.name !== symbol.name || o.role === "source") continue;
        if (o.role === "declaration" && (file !== symbol.file || o.span.start !== symbol.decl.name?.span.start)) continue;
        if (
          o.role === "import" &&
          (o.importPath === undefined || !(importTargets(this.imports, file, o.importPath) ?? []).includes(symbol.file))
        )
          continue;
        if (o.role === "reference" && !o.wanted.includes(symbol.kind)) continue;
        out.push({ path: file, span: o.span, role: o.role });
      }
    }
    return out;
  }

  /** The references of the declaration at a position, across the files that import it. */
  references(path: string, position: Position, includeDeclaration: boolean): Location[] {
    return this.safe(
      "references",
      () => {
        const occ = this.occurrencesOfSymbol(path, position) ?? [];
        return occ
          .filter((o) => includeDeclaration || o.role !== "declaration")
          .flatMap((o) => {
            const p = this.parsed(o.path);
            return p === undefined ? [] : [{ path: o.path, range: rangeOf(p.source, o.span) }];
          });
      },
      [],
    );
  }

  /** The range of the name a rename at a position would change, or undefined when there is none. */
  prepareRename(path: string, position: Position): { range: Range; placeholder: string } | undefined {
    return this.safe(
      "prepareRename",
      () => {
        const found = this.symbolAt(path, position);
        if (found === undefined) return undefined;
        const source = this.checked(path).sources.get(path);
        return source === undefined ? undefined : { range: rangeOf(source, found.occurrence.span), placeholder: found.symbol.name };
      },
      undefined,
    );
  }

  /** The edits that rename the declaration at a position and every reference to it; an error when the name is not valid. */
  rename(path: string, position: Position, newName: string): { ok: true; edit: WorkspaceEdit } | { ok: false; message: string } {
    return this.safe<{ ok: true; edit: WorkspaceEdit } | { ok: false; message: string }>(
      "rename",
      () => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/.test(newName)) {
          return { ok: false, message: `\`${newName}\` is not a name: a name starts with a letter or _, then letters, digits and _` };
        }
        if (KEYWORD_SET().has(newName)) return { ok: false, message: `\`${newName}\` is a keyword of the language` };
        const occ = this.occurrencesOfSymbol(path, position);
        if (occ === undefined) return { ok: false, message: "there is no declaration or reference here to rename" };
        // Names are unique across a program: a name declared anywhere in the project would clash somewhere.
        const found = this.symbolAt(path, position)!;
        if (newName !== found.symbol.name) {
          const clash = [...new Set([...found.program.files.map((f) => f.source.path), ...this.candidateFiles()])].find((f) =>
            this.parsed(f)?.ast.declarations.some((d) => d.name?.name === newName),
          );
          if (clash !== undefined) return { ok: false, message: `\`${newName}\` is already declared in ${clash}` };
        }
        const changes: Record<string, TextEdit[]> = {};
        for (const o of occ) {
          const p = this.parsed(o.path);
          if (p === undefined) continue;
          (changes[o.path] ??= []).push({ range: rangeOf(p.source, o.span), newText: newName });
        }
        return { ok: true, edit: { changes } };
      },
      { ok: false, message: "cannot rename here" },
    );
  }

  // ------------------------------------------------------------------------------------------ features

  /** The outline of a document: its declarations with their sources and statements. */
  documentSymbols(path: string): DocumentSymbol[] {
    return this.safe(
      "documentSymbols",
      () => {
        const r = this.checked(path);
        const file = r.program.files.find((f) => f.source.path === path);
        return file === undefined ? [] : outlineOf(file.ast, file.source);
      },
      [],
    );
  }

  /** Hover text at a position; `today` (YYYY-MM-DD) starts the dates of the coming months. */
  hover(path: string, position: Position, today: string): Hover | undefined {
    return this.safe("hover", () => hoverAt(this, path, position, today), undefined);
  }

  /** Completion proposals at a position. */
  completion(path: string, position: Position): CompletionItem[] {
    return this.safe("completion", () => completionsAt(this, path, position), []);
  }

  /** Fixes for the diagnostics of a document that touch a range. */
  codeActions(path: string, range: Range): CodeAction[] {
    return this.safe("codeActions", () => codeActionsFor(this, path, range), []);
  }

  /** The semantic tokens of a document, encoded as the protocol encodes them. */
  semanticTokens(path: string): number[] {
    return this.safe(
      "semanticTokens",
      () => {
        const r = this.checked(path);
        const file = r.program.files.find((f) => f.source.path === path);
        return file === undefined ? [] : semanticTokensOf(file.ast, file.source, r.program, this.standardNames());
      },
      [],
    );
  }

  /** The edits that format a document, or undefined when it has syntax errors (the formatter refuses it). */
  async format(path: string): Promise<TextEdit[] | undefined> {
    const text = this.text(path);
    if (text === undefined) return undefined;
    try {
      const { formatTerms } = await import("../format/format.js");
      const r = await formatTerms(text, { path });
      if (!r.ok) return undefined;
      if (r.text === text) return [];
      const source = new SourceFile(path, text);
      return [{ range: rangeOf(source, { start: 0, end: text.length }), newText: r.text }];
    } catch (e) {
      this.onError(e, "format");
      return undefined;
    }
  }

  /**
   * The readable contract of a document's declaration (the contract at `position`, else the document's only or
   * first contract) as HTML or Markdown, with the contract months as of `today`; or the reason there is none.
   */
  async renderContract(
    path: string,
    today: string,
    format: "html" | "md" = "html",
    position?: Position,
  ): Promise<{ ok: true; text: string; name: string } | { ok: false; message: string }> {
    try {
      const { renderDocument } = await import("./render.js");
      return renderDocument(this, path, today, format, position);
    } catch (e) {
      this.onError(e, "renderContract");
      return { ok: false, message: `cannot render: ${(e as Error)?.message ?? String(e)}` };
    }
  }
}

let keywordSet: ReadonlySet<string> | undefined;
function KEYWORD_SET(): ReadonlySet<string> {
  return (keywordSet ??= new Set(KEYWORDS));
}

/** A compiler diagnostic as the protocol carries it, with the CLI's context, notes and hint in its message. */
export function toServiceDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): ServiceDiagnostic {
  const source = sources.get(d.span.file) ?? new SourceFile(d.span.file, "");
  const context = d.context ?? [];
  const notes = d.notes ?? [];
  const lines = [d.message];
  if (context.length > 0) lines.push(`in: ${context.join(" › ")}`);
  for (const n of notes) lines.push(`note: ${n}`);
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  return {
    range: rangeOf(source, d.span),
    severity: d.severity === "error" ? 1 : d.severity === "warning" ? 2 : 3,
    code: d.code,
    source: "termsheet",
    message: lines.join("\n"),
    relatedInformation: (d.labels ?? []).flatMap((l) => {
      const s = sources.get(l.span.file);
      return s === undefined ? [] : [{ location: { path: l.span.file, range: rangeOf(s, l.span) }, message: l.message }];
    }),
    data: { key: codeInfo(d.code)?.key ?? "", file: d.span.file, message: d.message, context, notes, hint: d.hint ?? null },
  };
}
