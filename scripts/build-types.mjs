// Writes the package's declarations into dist/types/ (run by `npm pack` through `prepack`): tsc's declaration emit
// of the public entries (src/index.ts, src/node.ts and the prettier plugin), made to stand alone. The packages
// bundled into dist/ (zod, chevrotain, ajv) are not installed with termsheet, so no declaration may import them:
// the model's types, which src/model infers from its zod schemas, are written out as the plain object types they
// are (with the TypeScript checker), and declarations that only the compiler's insides use (the schemas themselves,
// chevrotain's token types) are left out. Only the files the entries reach are written. Then the result is
// type-checked alone, strictly and without skipLibCheck, with nothing but Node's types: a declaration that still
// needs a bundled package, or a public name left out by mistake, fails the build.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "types");
const ENTRIES = ["src/index.ts", "src/node.ts", "src/format/plugin.ts"];
/** Bundled packages: never imported by a shipped declaration. (prettier is a peer dependency of the plugin.) */
const BUNDLED = /^(zod|chevrotain|ajv)(\/|$)/;

const options = {
  declaration: true,
  emitDeclarationOnly: true,
  outDir: out,
  rootDir: join(root, "src"),
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  skipLibCheck: true,
  resolveJsonModule: true,
};
const program = ts.createProgram(
  ENTRIES.map((e) => join(root, e)),
  options,
);
const checker = program.getTypeChecker();
const emitted = new Map();
const result = program.emit(undefined, (name, text) => emitted.set(name, text), undefined, true);
if (result.diagnostics.length > 0) fail(result.diagnostics);

/** The source file a declaration file was emitted from. */
const sourceOf = (dts) => program.getSourceFile(join(root, "src", relative(out, dts).replace(/\.d\.ts$/, ".ts")));

const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseStructuralFallback;

/** A declaration file without its imports of bundled packages: what needs them is written out or left out. */
function standAlone(dts, text) {
  const file = ts.createSourceFile(dts, text, ts.ScriptTarget.ES2022, true);
  const bundledNames = new Set();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !BUNDLED.test(s.moduleSpecifier.text)) continue;
    const clause = s.importClause;
    if (clause?.name) bundledNames.add(clause.name.text);
    const b = clause?.namedBindings;
    if (b && ts.isNamespaceImport(b)) bundledNames.add(b.name.text);
    if (b && ts.isNamedImports(b)) for (const e of b.elements) bundledNames.add(e.name.text);
  }
  if (bundledNames.size === 0 && !/import\("(zod|chevrotain|ajv)/.test(text)) return text;
  const mentions = (node) => {
    let found = false;
    const visit = (n) => {
      if (found) return;
      if (ts.isIdentifier(n) && bundledNames.has(n.text)) found = true;
      else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && BUNDLED.test(n.argument.literal.text)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  };
  const source = sourceOf(dts);
  const dropped = new Set();
  const parts = [];
  let last = 0;
  // A statement written out keeps its doc comment; one left out goes with it.
  const keep = (s, replacement) => {
    parts.push(text.slice(last, s.getStart(file, replacement === "")));
    parts.push(replacement);
    last = s.end;
  };
  for (const s of file.statements) {
    if (ts.isImportDeclaration(s) && BUNDLED.test(s.moduleSpecifier.text)) {
      keep(s, "");
      continue;
    }
    if (!mentions(s)) continue;
    const name = s.name?.text;
    if (ts.isTypeAliasDeclaration(s) && name !== undefined && source !== undefined) {
      // An inferred type: the plain object type the checker sees.
      const symbol = checker.getSymbolAtLocation(source).exports?.get(name);
      const type = symbol === undefined ? undefined : checker.getDeclaredTypeOfSymbol(symbol);
      if (type !== undefined) {
        keep(s, `${s.getText(file).startsWith("export") ? "export " : ""}type ${name} = ${checker.typeToString(type, undefined, flags)};`);
        continue;
      }
    }
    if (name !== undefined) dropped.add(name);
    for (const d of ts.isVariableStatement(s) ? s.declarationList.declarations : []) dropped.add(d.name.getText(file));
    keep(s, "");
  }
  parts.push(text.slice(last));
  let next = parts.join("");
  // Export lists of the file that named what was left out.
  for (const name of dropped) next = next.replace(new RegExp(`(export \\{[^}]*?)\\b${name}\\b,?\\s*`, "g"), "$1");
  return next.replace(/export \{\s*\};\n?/g, "");
}

const written = new Map();
for (const [name, text] of emitted) written.set(name, standAlone(name, text));

// Only what the entries reach.
const reached = new Set();
const queue = ENTRIES.map((e) => join(out, e.replace(/^src\//, "").replace(/\.ts$/, ".d.ts")));
while (queue.length > 0) {
  const f = queue.pop();
  if (reached.has(f) || !written.has(f)) continue;
  reached.add(f);
  const file = ts.createSourceFile(f, written.get(f), ts.ScriptTarget.ES2022, true);
  const follow = (spec) => {
    if (spec.startsWith(".")) queue.push(join(dirname(f), spec.replace(/\.js$/, ".d.ts")));
  };
  const visit = (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
      follow(n.moduleSpecifier.text);
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal))
      follow(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(file);
}

rmSync(out, { recursive: true, force: true });
for (const f of reached) {
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, written.get(f));
}

// The declarations alone, as a consumer's strict compiler sees them (the plugin's need prettier, a peer dependency).
const check = ts.createProgram(
  ENTRIES.filter((e) => !e.includes("plugin")).map((e) => join(out, e.replace(/^src\//, "").replace(/\.ts$/, ".d.ts"))),
  {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
  },
);
const problems = ts.getPreEmitDiagnostics(check);
if (problems.length > 0) fail(problems);
console.error(`wrote ${reached.size} declaration files to ${posix.join("dist", "types")}`);

function fail(diagnostics) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  console.error(ts.formatDiagnostics(diagnostics, host));
  process.exit(1);
}
