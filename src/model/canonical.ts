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

/**
 * Writes one value's canonical JSON into `text`. The JSON pointer of the value being written is kept as a stack of
 * reference tokens and made into a string only for an error: a spec has tens of thousands of members, and a pointer
 * string for each (and a closure per array or object) was most of the writing's time.
 */
class Writer {
  text = "";
  private readonly at: (string | number)[] = [];
  constructor(private readonly indent: string | undefined) {}

  private fail(message: string): never {
    throw new CanonicalJsonError(this.at.map((t) => `/${pointerToken(t)}`).join(""), message);
  }

  write(value: unknown, depth: number): void {
    if (value === null) {
      this.text += "null";
      return;
    }
    switch (typeof value) {
      case "string":
        this.text += JSON.stringify(value);
        return;
      case "boolean":
        this.text += value ? "true" : "false";
        return;
      case "number":
        if (!Number.isSafeInteger(value)) this.fail(`only safe integers are allowed, got ${String(value)}`);
        this.text += Object.is(value, -0) ? "0" : String(value);
        return;
      case "object":
        break;
      default:
        this.fail(`a ${typeof value} has no JSON form`);
    }
    if (Array.isArray(value)) this.array(value as readonly unknown[], depth);
    else this.object(value, depth);
  }

  private array(value: readonly unknown[], depth: number): void {
    if (value.length === 0) {
      this.text += "[]";
      return;
    }
    const nl = this.indent === undefined ? "" : "\n" + this.indent.repeat(depth + 1);
    this.text += "[";
    for (let i = 0; i < value.length; i++) {
      // A hole of a sparse array is skipped, as forEach skipped it (no spec has one).
      if (!(i in value)) continue;
      if (i > 0) this.text += ",";
      this.text += nl;
      this.at.push(i);
      this.write(value[i], depth + 1);
      this.at.pop();
    }
    this.text += (this.indent === undefined ? "" : "\n" + this.indent.repeat(depth)) + "]";
  }

  private object(value: object, depth: number): void {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) this.fail("only plain objects are allowed");
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort(compareKeys);
    if (keys.length === 0) {
      this.text += "{}";
      return;
    }
    const nl = this.indent === undefined ? "" : "\n" + this.indent.repeat(depth + 1);
    const colon = this.indent === undefined ? ":" : ": ";
    this.text += "{";
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i > 0) this.text += ",";
      this.text += nl + JSON.stringify(k) + colon;
      this.at.push(k);
      this.write(record[k], depth + 1);
      this.at.pop();
    }
    this.text += (this.indent === undefined ? "" : "\n" + this.indent.repeat(depth)) + "}";
  }
}

/** The compact canonical JSON of a value (sorted keys, no whitespace); throws {@link CanonicalJsonError}. */
export function canonicalJson(value: unknown): string {
  const w = new Writer(undefined);
  w.write(value, 0);
  return w.text;
}

/** The canonical JSON of a value as a file: sorted keys, two-space indentation, a final newline. */
export function canonicalJsonFile(value: unknown): string {
  const w = new Writer("  ");
  w.write(value, 0);
  return w.text + "\n";
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
