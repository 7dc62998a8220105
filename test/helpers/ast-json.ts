/**
 * Test helpers over syntax trees: a stable JSON rendering for golden files (spans as `line:col-line:col`, `kind`
 * first, then `span`, then the other keys in alphabetical order, missing children as null), and a walk over every
 * span-carrying node with its parent, for the nesting and validity checks.
 */
import type { SourceFile, Span } from "../../src/base/source.js";

/** True for a Span value: exactly a file and two offsets. */
export function isSpan(value: unknown): value is Span {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value).sort().join(",");
  return keys === "end,file,start";
}

/** A span as `line:col-line:col` (1-based, end exclusive), or with the file when it is not `source`'s. */
export function spanText(span: Span, source: SourceFile): string {
  const s = source.position(span.start);
  const e = source.position(span.end);
  const range = `${s.line}:${s.column}-${e.line}:${e.column}`;
  return span.file === source.path ? range : `${span.file}:${range}`;
}

function keyOrder(a: string, b: string): number {
  const rank = (k: string): number => (k === "kind" ? 0 : k === "span" ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A plain JSON value for a tree: stable key order, spans rendered as text, undefined as null. */
export function toStableJson(value: unknown, source: SourceFile): unknown {
  if (value === undefined || value === null) return null;
  if (isSpan(value)) return spanText(value, source);
  if (Array.isArray(value)) return value.map((v) => toStableJson(v, source));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(keyOrder)) out[key] = toStableJson((value as Record<string, unknown>)[key], source);
    return out;
  }
  return value;
}

/** One node that carries a span, with the path to it from the root and its nearest span-carrying ancestor. */
export interface SpannedNode {
  readonly path: string;
  readonly span: Span;
  readonly parent: SpannedNode | undefined;
}

/** Every object in a tree that has a `span`, depth first, each with its nearest ancestor that has one. */
export function spannedNodes(root: unknown): SpannedNode[] {
  const out: SpannedNode[] = [];
  const visit = (value: unknown, path: string, parent: SpannedNode | undefined): void => {
    if (typeof value !== "object" || value === null || isSpan(value)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`, parent));
      return;
    }
    const record = value as Record<string, unknown>;
    let here = parent;
    let named = path;
    if (isSpan(record["span"])) {
      named = typeof record["kind"] === "string" ? `${path}(${record["kind"]})` : path;
      here = { path: named, span: record["span"], parent };
      out.push(here);
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== "span") visit(child, `${named}.${key}`, here);
    }
  };
  visit(root, "$", undefined);
  return out;
}

/** Every Span value anywhere in a tree (node spans, `keyword`, `close`, …). */
export function allSpans(root: unknown): Span[] {
  const out: Span[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (isSpan(value)) {
      out.push(value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  visit(root);
  return out;
}
