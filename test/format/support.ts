/**
 * Helpers of the formatter tests: the laws every formatted file must satisfy (the syntax tree without spans is
 * unchanged, the comments are the same in number and text) and the corpus of real files to check them on.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SourceFile } from "../../src/base/source.js";
import { parse } from "../../src/syntax/parse.js";
import { isSpan } from "../helpers/ast-json.js";

/** The repository root, with `/` separators and no trailing slash. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url))
  .replaceAll("\\", "/")
  .replace(/\/$/, "");

/** Every `.terms` file under a repo-relative folder, sorted, with its text. */
export function termsFiles(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(`${repoRoot}/${rel}`).sort()) {
      const path = `${rel}/${name}`;
      if (statSync(`${repoRoot}/${path}`).isDirectory()) walk(path);
      else if (name.endsWith(".terms")) out.push({ path, text: readFileSync(`${repoRoot}/${path}`, "utf8") });
    }
  };
  walk(dir);
  return out;
}

/** A tree with every span removed, for comparing trees of texts laid out differently. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isSpan(v)) out[k] = withoutSpans(v);
    return out;
  }
  return value;
}

/** The parse of a text: its tree without spans, its comments' texts, and whether it has syntax errors. */
export function parsed(text: string): { ast: unknown; comments: string[]; errors: number } {
  const r = parse(new SourceFile("f.terms", text));
  return {
    ast: withoutSpans(r.ast),
    comments: r.comments.map((c) => c.text.replace(/\s+$/, "")),
    errors: r.diagnostics.filter((d) => d.severity === "error").length,
  };
}
