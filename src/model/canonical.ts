/**
 * Canonical JSON for compiled specs and the content hash over it. The canonical form sorts object keys by
 * UTF-16 code units, keeps array order (the model fixes every array's order), leaves out `undefined` members,
 * and admits only strings, booleans, null, safe integers, arrays and plain objects, so for our documents it is
 * the JSON Canonicalization Scheme of RFC 8785: a Java or Python consumer can recompute the hash. Files are
 * written in the same order, indented by two spaces and ending in a newline; the hash is the SHA-256 of the
 * compact form of the document without its `contentHash`. Pure: hashing is a function of the bytes.
 */
import { createHash } from "node:crypto";
import type { Spec, UnhashedSpec } from "./spec.js";

/** Why a value has no canonical JSON form; `path` is a JSON pointer. */
export class CanonicalJsonError extends Error {
  /** Where the offending value is, as a JSON pointer. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path === "" ? "(root)" : path}: ${message}`);
    this.name = "CanonicalJsonError";
    this.path = path;
  }
}

/** Escapes one JSON-pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(value: unknown, path: string, indent: string | undefined, depth: number, out: string[]): void {
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(path, `only safe integers are allowed, got ${String(value)}`);
      out.push(Object.is(value, -0) ? "0" : String(value));
      return;
    case "object":
      break;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
  const nl = indent === undefined ? "" : "\n" + indent.repeat(depth + 1);
  const close = indent === undefined ? "" : "\n" + indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push("[]");
      return;
    }
    out.push("[");
    value.forEach((item, i) => {
      if (i > 0) out.push(",");
      out.push(nl);
      write(item, `${path}/${i}`, indent, depth + 1, out);
    });
    out.push(close, "]");
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, "only plain objects are allowed");
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareKeys);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  out.push("{");
  keys.forEach((k, i) => {
    if (i > 0) out.push(",");
    out.push(nl, JSON.stringify(k), indent === undefined ? ":" : ": ");
    write(record[k], `${path}/${pointerToken(k)}`, indent, depth + 1, out);
  });
  out.push(close, "}");
}

/** The compact canonical JSON of a value (sorted keys, no whitespace); throws {@link CanonicalJsonError}. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, "", undefined, 0, out);
  return out.join("");
}

/** The canonical JSON of a value as a file: sorted keys, two-space indentation, a final newline. */
export function canonicalJsonFile(value: unknown): string {
  const out: string[] = [];
  write(value, "", "  ", 0, out);
  out.push("\n");
  return out.join("");
}

/** The `sha256:<hex>` hash of a spec's canonical form without its `contentHash` member. */
export function contentHash(spec: UnhashedSpec | Spec | Record<string, unknown>): string {
  const { contentHash: _ignored, ...rest } = spec as Record<string, unknown>;
  return "sha256:" + createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex");
}

/** The spec with its content hash filled in. */
export function withContentHash(spec: UnhashedSpec): Spec {
  return { ...spec, contentHash: contentHash(spec) } as Spec;
}
