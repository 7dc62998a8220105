/**
 * The symbol table: `buildProgram` collects every declaration of every parsed file, reports names declared
 * twice (E2002), names that differ only in case (E2024), that no file can bear (E2025) or that no spec can hold (E2026), and imports of names a
 * file does not declare (E2005), and computes the names each file can see.
 * `makeResolver` turns that table into the Resolver the checks use to look references up, reporting unknown
 * names (E2001, with did-you-mean) and names of the wrong kind (E2003). Runs after parsing, before the checks.
 *
 * Scoping rules: a file sees its own declarations and what it imports; `import "x.terms"` imports every
 * declaration of that file, `import A, B from "x.terms"` only those names; imports are not transitive. Names are
 * unique across the whole program. Import cycles are harmless (every file is loaded once) and are not reported.
 */
import type { Host } from "./host.js";
import { importTargets, isStandardImport, STANDARD_CALENDARS, STANDARD_PREFIX } from "./imports.js";
import { parse } from "../syntax/parse.js";
import { SourceFile } from "../base/source.js";
import type { DeclarationKind, Ident } from "../syntax/ast.js";
import { Codes, diag, hintFor, type Diagnostic } from "../diagnostics/index.js";
import { MAX_NAME_LENGTH, nameProblem } from "../model/invariants.js";
import { declarationKind, type Program, type ProgramFile, type Report, type Resolver, type Symbol } from "./program.js";

/** A description of a declaration kind with its article, for messages: "a calendar", "an index". */
export function kindPhrase(kind: DeclarationKind): string {
  return kind === "index" || kind === "option" ? `an ${kind}` : `a ${kind}`;
}

/** `a calendar`, `a future or an index`, … */
export function kindsPhrase(kinds: readonly DeclarationKind[]): string {
  const ps = kinds.map(kindPhrase);
  return ps.length <= 1 ? (ps[0] ?? "a declaration") : `${ps.slice(0, -1).join(", ")} or ${ps[ps.length - 1]!}`;
}

/**
 * Builds the program's symbol table. Declarations in imported (non-root) files are entered before those of root
 * files, so when a root file redeclares a library name the error (E2002) is reported in the root file, with a
 * label at the library's declaration; otherwise the later declaration in file order is the one reported.
 */
export function buildProgram(files: readonly ProgramFile[], host: Host, report: Report): Program {
  const symbols = new Map<string, Symbol>();
  const own = new Map<string, Map<string, Symbol>>();
  const byPath = new Map<string, ProgramFile>();
  for (const f of files) {
    byPath.set(f.source.path, f);
    own.set(f.source.path, new Map());
  }

  // Names as a case-insensitive file system sees them: `build` writes a file per declaration, named after it.
  const folded = new Map<string, Symbol>();
  const ordered = [...files.filter((f) => !f.root), ...files.filter((f) => f.root)];
  for (const f of ordered) {
    const path = f.source.path;
    const mine = own.get(path)!;
    for (const decl of f.ast.declarations) {
      if (decl.name === undefined || decl.name.name === "") continue;
      const sym: Symbol = { name: decl.name.name, kind: declarationKind(decl), decl, file: path };
      const invalid = invalidName(decl.name, `${sym.kind} ${sym.name}`, [`${sym.kind} ${sym.name}`]);
      if (invalid !== undefined) report(invalid);
      const reserved = reservedFileName(sym.name);
      if (reserved !== undefined) {
        report(
          diag(Codes.ReservedFileName, decl.name.span, `\`${sym.name}\` cannot name a declaration: ${reserved}`, {
            context: [`${sym.kind} ${sym.name}`],
            notes: ["`termsheet build` writes each declaration to a file named after it, such as `contracts/FOTI.json`"],
            hint: "give the declaration another name",
          }),
        );
      }
      const first = symbols.get(sym.name);
      const sameFolded = folded.get(sym.name.toLowerCase());
      if (first === undefined && sameFolded !== undefined) {
        const where = sameFolded.file === path ? "" : ` in ${sameFolded.file}`;
        report(
          diag(Codes.NamesDifferOnlyInCase, decl.name.span, `\`${sym.name}\` differs from \`${sameFolded.name}\`${where} only in case`, {
            context: [`${sym.kind} ${sym.name}`],
            labels: [{ span: sameFolded.decl.name!.span, message: `\`${sameFolded.name}\` is declared here` }],
            notes: [
              "`termsheet build` writes each declaration to a file named after it, and on a file system that ignores case (Windows, macOS) the two would be one file",
            ],
            hint: "give one of the declarations another name",
          }),
        );
      } else if (sameFolded === undefined) {
        folded.set(sym.name.toLowerCase(), sym);
      }
      if (first !== undefined) {
        const where = first.file === path ? "" : ` in ${first.file}`;
        report(
          diag(Codes.DuplicateDeclaration, decl.name.span, `\`${sym.name}\` is already declared${where}`, {
            context: [`${sym.kind} ${sym.name}`],
            labels: [{ span: first.decl.name!.span, message: "first declared here" }],
            hint: "give one of the declarations another name",
          }),
        );
      } else {
        symbols.set(sym.name, sym);
      }
      if (!mine.has(sym.name)) mine.set(sym.name, sym);
    }
  }

  const visibleByFile = new Map<string, Map<string, Symbol>>();
  for (const f of files) {
    const path = f.source.path;
    const visible = new Map(own.get(path)!);
    for (const imp of f.ast.imports) {
      if (imp.path === undefined || imp.path.value === "") continue;
      // A missing file or standard module was reported by the driver (E2004); a module's files make one scope.
      const targets = (importTargets(host, path, imp.path.value) ?? []).filter((t) => own.has(t) && byPath.has(t));
      if (targets.length === 0) continue;
      const target = isStandardImport(imp.path.value) ? `\`${imp.path.value}\`` : targets[0]!;
      const targetSymbols = targets.length === 1 ? own.get(targets[0]!)! : new Map(targets.flatMap((t) => [...own.get(t)!]));
      if (imp.names.length === 0) {
        for (const [name, sym] of targetSymbols) if (!visible.has(name)) visible.set(name, sym);
        continue;
      }
      for (const ident of imp.names) {
        const sym = targetSymbols.get(ident.name);
        if (sym === undefined) {
          const names = [...targetSymbols.keys()];
          report(
            diag(Codes.ImportNameNotFound, ident.span, `\`${imp.path.value}\` does not declare \`${ident.name}\``, {
              context: [`import "${imp.path.value}"`],
              hint: hintFor(ident.name, names),
              notes: [names.length === 0 ? `${target} declares nothing` : `${target} declares ${nameList(names)}`],
            }),
          );
          continue;
        }
        if (!visible.has(ident.name)) visible.set(ident.name, sym);
      }
    }
    visibleByFile.set(path, visible);
  }

  const empty: ReadonlyMap<string, Symbol> = new Map();
  let standard: Map<string, { kind: DeclarationKind; module: string }> | undefined;
  return {
    files,
    symbols,
    visible: (file: string) => visibleByFile.get(file) ?? empty,
    standardName(name) {
      standard ??= standardDeclarations(host);
      return standard.get(name);
    },
  };
}

/** The names the standard calendars declare, by parsing the library's files (small, and read only for a hint). */
function standardDeclarations(host: Host): Map<string, { kind: DeclarationKind; module: string }> {
  const out = new Map<string, { kind: DeclarationKind; module: string }>();
  for (const file of host.standardModule?.(STANDARD_CALENDARS) ?? []) {
    const text = host.readFile(file);
    if (typeof text !== "string") continue;
    for (const d of parse(new SourceFile(file, text)).ast.declarations)
      if (d.name !== undefined && !out.has(d.name.name))
        out.set(d.name.name, { kind: declarationKind(d), module: STANDARD_PREFIX + STANDARD_CALENDARS });
  }
  return out;
}

/** At most this many names are listed in a note; a file may declare thousands. */
const LISTED_NAMES = 20;

/** `A`, `B`, `C` — the first LISTED_NAMES names, and how many more there are. */
function nameList(names: readonly string[]): string {
  const listed = names
    .slice(0, LISTED_NAMES)
    .map((n) => `\`${n}\``)
    .join(", ");
  const more = names.length - LISTED_NAMES;
  return more > 0 ? `${listed} and ${more} more` : listed;
}

/** Names Windows reserves for devices, whatever the case and the extension: `CON.json` is the console. */
const DEVICE_NAMES: ReadonlySet<string> = new Set([
  "CON",
  "PRN",
  "AUX",
  "NUL",
  ...Array.from({ length: 10 }, (_, i) => `COM${i}`),
  ...Array.from({ length: 10 }, (_, i) => `LPT${i}`),
]);

/** Why a declaration's name cannot be a file name of `build`, or undefined when it can. */
export function reservedFileName(name: string): string | undefined {
  if (DEVICE_NAMES.has(name.toUpperCase())) return "Windows reserves it for a device, whatever the case and the extension";
  if (name.toLowerCase() === "termsheet-runtime")
    return "`termsheet build` writes the settlement runtime as `settlement/termsheet-runtime.js`";
  return undefined;
}

/**
 * The diagnostic of a name a compiled spec cannot hold (E2026, model/invariants.ts's `nameProblem`): `__proto__` or a
 * name longer than 64 characters; undefined for any other name. `what` names the thing named, e.g. `source OPENAI`.
 */
export function invalidName(ident: Ident, what: string, context: readonly string[]): Diagnostic | undefined {
  const problem = nameProblem(ident.name);
  if (problem === undefined) return undefined;
  return problem === "prototype-key"
    ? diag(Codes.InvalidName, ident.span, "`__proto__` cannot be a name", {
        context,
        notes: ["names are keys of the compiled spec's JSON objects, and JavaScript reads the key `__proto__` as an object's prototype"],
        hint: "choose another name",
      })
    : diag(Codes.InvalidName, ident.span, `a name has at most ${MAX_NAME_LENGTH} characters; this one has ${ident.name.length}`, {
        context,
        notes: [`${what.split(" ")[0]} names are keys of the compiled spec, and declarations name its files`],
        hint: "choose a shorter name",
      });
}

/** A Resolver that also takes the context path of the reference, for its diagnostics. */
export type ContextResolver = (
  from: string,
  ref: Ident | undefined,
  wanted: readonly DeclarationKind[],
  what: string,
  context?: readonly string[],
) => Symbol | undefined;

/**
 * Makes the resolver the checks share. An unknown name is E2001 with a did-you-mean hint over the visible names of
 * the wanted kinds (and a note when the name is declared elsewhere but not imported); a name of another kind is
 * E2003 with a label at its declaration. `what` names the expected thing for messages, e.g. "calendar".
 * Pass a report that drops everything for a silent lookup (names.ts has already reported every reference).
 */
export function makeResolver(program: Program, report: Report): Resolver & ContextResolver {
  // The names a file sees of some kinds, listed once per file and kinds: a file with thousands of unknown names
  // among thousands of declarations would otherwise list them all again for each.
  const listed = new Map<string, string[]>();
  const namesOf = (from: string, wanted: readonly DeclarationKind[]): string[] => {
    const key = `${wanted.join(",")}\u0000${from}`;
    let names = listed.get(key);
    if (names === undefined) {
      names = [...program.visible(from).values()].filter((s) => wanted.includes(s.kind)).map((s) => s.name);
      listed.set(key, names);
    }
    return names;
  };
  const resolve: ContextResolver = (from, ref, wanted, what, context = []) => {
    if (ref === undefined || ref.name === "") return undefined;
    const visible = program.visible(from);
    const sym = visible.get(ref.name);
    if (sym === undefined) {
      const candidates = namesOf(from, wanted);
      const elsewhere = program.symbols.get(ref.name);
      const notes: string[] = [];
      let hint = hintFor(ref.name, candidates);
      if (elsewhere !== undefined) {
        notes.push(`\`${ref.name}\` is declared in ${elsewhere.file}, which this file does not import`);
        hint ??= `import it: import ${ref.name} from "…" (the path is relative to this file)`;
      } else {
        const std = program.standardName?.(ref.name);
        if (std !== undefined && wanted.includes(std.kind)) {
          notes.push(`\`${ref.name}\` is ${kindPhrase(std.kind)} of the standard library`);
          hint = `import it: import ${ref.name} from "${std.module}"`;
        }
      }
      report(diag(Codes.UnknownName, ref.span, `unknown ${what} \`${ref.name}\``, { context, hint, notes }));
      return undefined;
    }
    if (!wanted.includes(sym.kind)) {
      report(
        diag(Codes.WrongKind, ref.span, `\`${ref.name}\` is ${kindPhrase(sym.kind)}, but ${kindsPhrase(wanted)} is expected here`, {
          context,
          labels: sym.decl.name ? [{ span: sym.decl.name.span, message: `declared here as ${kindPhrase(sym.kind)}` }] : [],
          hint: hintFor(ref.name, namesOf(from, wanted)),
        }),
      );
      return undefined;
    }
    return sym;
  };
  return resolve;
}

/** Looks a name up from a file without reporting anything: the symbol when it is visible and of a wanted kind. */
export function lookup(program: Program, from: string, name: string | undefined, wanted: readonly DeclarationKind[]): Symbol | undefined {
  if (name === undefined) return undefined;
  const sym = program.visible(from).get(name);
  return sym !== undefined && wanted.includes(sym.kind) ? sym : undefined;
}
