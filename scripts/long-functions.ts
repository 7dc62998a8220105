/**
 * Lists the functions of src/ longer than 120 lines and the files longer than 600 lines (the limits of
 * CONVENTIONS.md's "small functions, small files"). A function's length is its whole span, from the line of its
 * name (or its first token) to its closing brace, nested functions included; a nested function is listed on its own
 * too. Run with `npx tsx scripts/long-functions.ts`; test/long-functions.test.ts holds src/ to the allow-list there,
 * each entry with its reason.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const FUNCTION_LIMIT = 120;
export const FILE_LIMIT = 600;

/** One function or file over its limit: `file` relative to the repository, with `/`. */
export interface LongUnit {
  readonly kind: "function" | "file";
  readonly file: string;
  /** The function's name (`Class.method`, `outer/inner`, `<anonymous>` for an unnamed one), "" for a file. */
  readonly name: string;
  readonly lines: number;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") out.push(...sourceFiles(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

function nameOf(node: ts.Node): string | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) {
    if (node.name !== undefined) return node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText();
  }
  return undefined;
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** The functions of one source text over the limit, outermost first, in source order. */
export function longFunctionsOf(file: string, text: string, limit = FUNCTION_LIMIT): LongUnit[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: LongUnit[] = [];
  const visit = (node: ts.Node, path: readonly string[]): void => {
    let inner = path;
    if (ts.isClassDeclaration(node) && node.name !== undefined) inner = [...path, node.name.text];
    if (isFunctionLike(node) && node.body !== undefined) {
      const name = nameOf(node) ?? "<anonymous>";
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      const qualified = [...path, name].join(ts.isClassDeclaration(node.parent) ? "." : "/");
      if (lines > limit) out.push({ kind: "function", file, name: qualified, lines });
      inner = [...path, name];
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  return out;
}

/** Every file of src/ over FILE_LIMIT lines and every function over FUNCTION_LIMIT, sorted by file. */
export function longUnits(root = ROOT): LongUnit[] {
  const out: LongUnit[] = [];
  for (const path of sourceFiles(join(root, "src"))) {
    const file = relative(root, path).split("\\").join("/");
    const text = readFileSync(path, "utf8");
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > FILE_LIMIT) out.push({ kind: "file", file, name: "", lines });
    out.push(...longFunctionsOf(file, text));
  }
  return out;
}

/** The key an allow-list entry names: `file` for a file, `file:name` for a function. */
export function keyOf(unit: Pick<LongUnit, "kind" | "file" | "name">): string {
  return unit.kind === "file" ? unit.file : `${unit.file}:${unit.name}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const units = longUnits().sort((a, b) => b.lines - a.lines);
  for (const unit of units) process.stdout.write(`${String(unit.lines).padStart(5)}  ${keyOf(unit)}\n`);
  process.stdout.write(`${units.filter((u) => u.kind === "function").length} functions over ${FUNCTION_LIMIT} lines, `);
  process.stdout.write(`${units.filter((u) => u.kind === "file").length} files over ${FILE_LIMIT} lines\n`);
}
