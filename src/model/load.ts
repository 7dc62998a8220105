/**
 * The loader for exchanges: `loadSpec` takes a compiled spec (JSON text, UTF-8 bytes or an already parsed
 * value), validates it against the shipped JSON Schema with ajv (every error, not the first), checks that the zod
 * model agrees, verifies the schema version and the SHA-256 content hash, runs the semantic checks that JSON
 * Schema cannot express (src/model/validate.ts) and refuses what no compiler writes (a member name written twice, a
 * control or bidirectional formatting character in any string), and returns the typed spec. Every failure is one documented
 * exception, {@link SpecError}, carrying each problem's JSON pointer; nothing else escapes.
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import precompiledValidator from "./generated/spec-validator.js";
import { contentHash, pointerToken } from "./canonical.js";
import {
  DATE_PATTERN,
  DECIMAL_PATTERN,
  DIMENSION_PATTERN,
  NAME_PATTERN,
  NON_NEGATIVE_DECIMAL_PATTERN,
  POSITIVE_DECIMAL_PATTERN,
  TIME_PATTERN,
  TIME_ZONE_PATTERN,
} from "./common.js";
import { HASH_PATTERN, SCHEMA_VERSION_PATTERN, SCHEMA_MAJOR, SCHEMA_MINOR, SpecSchema, type Spec } from "./spec.js";
import { semanticProblems, type SpecProblem } from "./validate.js";
import { firstRepeatedName } from "./json-text.js";
import { characterName, forbiddenRuns } from "../base/characters.js";

export type { SpecProblem } from "./validate.js";

/**
 * Thrown by {@link loadSpec} when a document is not a valid compiled spec: not JSON, not matching the schema,
 * of an unsupported schema version, with a content hash that does not match its content, or inconsistent.
 * `problems` lists every problem found, each with a JSON pointer (RFC 6901) into the document.
 */
export class SpecError extends Error {
  /** Every problem found, in document order within each stage. */
  readonly problems: readonly SpecProblem[];
  constructor(problems: readonly SpecProblem[]) {
    const first = problems[0];
    const where = first === undefined ? "" : `${first.path === "" ? "(root)" : first.path}: ${first.message}`;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    super(`invalid compiled spec: ${where}${more}`);
    this.name = "SpecError";
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ path: p.path, message: p.message })));
  }
}

const SCHEMA_MAJOR_TEXT = String(SCHEMA_MAJOR);

/** What each pattern of the schema means, for messages. */
const PATTERN_MEANING: ReadonlyMap<string, string> = new Map([
  [DECIMAL_PATTERN.source, 'must be a canonical decimal string such as "0.01" or "-2.5" (no exponent, no trailing zeros)'],
  [POSITIVE_DECIMAL_PATTERN.source, 'must be a canonical decimal string greater than zero, such as "0.01"'],
  [NON_NEGATIVE_DECIMAL_PATTERN.source, 'must be a canonical decimal string of zero or more, such as "5"'],
  [DATE_PATTERN.source, "must be an existing date written YYYY-MM-DD"],
  [TIME_PATTERN.source, "must be a time written HH:MM:SS"],
  [TIME_ZONE_PATTERN.source, "must be an IANA time-zone name such as Europe/London"],
  [NAME_PATTERN.source, "must be a declaration name such as FOTI"],
  [DIMENSION_PATTERN.source, "must be a unit dimension such as money:USD or tokens"],
  [HASH_PATTERN.source, "must be sha256: followed by 64 lowercase hexadecimal digits"],
  [SCHEMA_VERSION_PATTERN.source, `must be ${SCHEMA_MAJOR_TEXT}.MINOR: this loader reads major version ${SCHEMA_MAJOR_TEXT} only`],
]);

/**
 * The ajv validator of the spec schema. It is precompiled (src/model/generated/spec-validator.js, ajv standalone
 * code written by scripts/gen-schema.ts and checked current by a test), so loading a spec compiles no schema.
 */
export function specValidator(): ValidateFunction {
  return precompiledValidator;
}

function joinPointer(base: string, token: string): string {
  return `${base}/${pointerToken(token)}`;
}

/** One problem per ajv error, pointing at the member at fault rather than its parent where ajv knows it. */
function ajvProblem(e: ErrorObject): SpecProblem {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { path: joinPointer(e.instancePath, String(params.missingProperty)), message: "is required" };
    case "additionalProperties":
      return { path: joinPointer(e.instancePath, String(params.additionalProperty)), message: "is not allowed here" };
    case "propertyNames":
      return { path: joinPointer(e.instancePath, String(params.propertyName)), message: "is not a valid name" };
    case "discriminator": {
      const tag = String(params.tag);
      if (params.error === "tag") return { path: joinPointer(e.instancePath, tag), message: "is required and must be a string" };
      return { path: joinPointer(e.instancePath, tag), message: `unknown ${tag} ${JSON.stringify(params.tagValue)}` };
    }
    case "pattern":
      return {
        path: e.instancePath,
        message: PATTERN_MEANING.get(String(params.pattern)) ?? `must match the pattern ${String(params.pattern)}`,
      };
    case "enum":
      return {
        path: e.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "const":
      return { path: e.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case "type":
      return {
        path: e.instancePath,
        message: `must be ${params.type === "integer" ? "an integer" : params.type === "object" ? "an object" : params.type === "array" ? "an array" : params.type === "null" ? "null" : `a ${String(params.type)}`}`,
      };
    default:
      return { path: e.instancePath, message: e.message ?? e.keyword };
  }
}

/** The problems ajv reports, merged so each path appears once (a nullable value's two branches become one message). */
export function schemaProblems(value: unknown): SpecProblem[] {
  const validate = specValidator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // A property name that fails its pattern is reported twice (propertyNames and the inner pattern): keep one.
  const byPath = new Map<string, string[]>();
  const order: string[] = [];
  for (const e of errors) {
    if (e.keyword === "anyOf" || e.keyword === "oneOf") continue;
    if (e.propertyName !== undefined && e.keyword !== "propertyNames") continue;
    const p = ajvProblem(e);
    const messages = byPath.get(p.path);
    if (messages === undefined) {
      byPath.set(p.path, [p.message]);
      order.push(p.path);
    } else if (!messages.includes(p.message)) {
      messages.push(p.message);
    }
  }
  if (order.length === 0) return [{ path: "", message: "does not match the schema" }];
  return order.map((path) => ({ path, message: mergeMessages(byPath.get(path)!) }));
}

/** "must be a string" and "must be null" read as "must be a string or null". */
function mergeMessages(messages: readonly string[]): string {
  if (messages.length > 1 && messages.every((m) => m.startsWith("must be "))) {
    return "must be " + messages.map((m) => m.slice("must be ".length)).join(" or ");
  }
  return messages.join("; ");
}

function zodPointer(path: readonly PropertyKey[]): string {
  return path.map((k) => "/" + pointerToken(String(k))).join("");
}

function decodeInput(json: unknown): unknown {
  let text: string | undefined;
  if (typeof json === "string") text = json;
  else if (json instanceof Uint8Array) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(json);
    } catch {
      throw new SpecError([{ path: "", message: "is not valid UTF-8" }]);
    }
  }
  if (text === undefined) return json;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new SpecError([{ path: "", message: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const repeated = firstRepeatedName(text);
  if (repeated !== undefined) {
    throw new SpecError([
      {
        path: repeated.path,
        message: `is written twice in the same object (line ${repeated.line}): JSON readers differ on which one counts, so a spec names each member once`,
      },
    ]);
  }
  return value;
}

/**
 * The strings of a spec (values and member names) that hold a character no source may hold (base/characters.ts,
 * the lexer's E1015): a control or bidirectional formatting character in a title or clause would make the readable
 * contract display other than it reads. A compiled spec never has one; a hand-made one is refused.
 */
function forbiddenCharacters(value: unknown, path = "", out: SpecProblem[] = []): SpecProblem[] {
  const problem = (at: string, text: string, what: string): void => {
    const run = forbiddenRuns(text, 1)[0];
    if (run === undefined || out.length >= 100) return;
    const cp = text.codePointAt(run.start)!;
    out.push({
      path: at,
      message: `${what} the character ${characterName(cp)} (U+${cp.toString(16).toUpperCase().padStart(4, "0")}), which no spec may hold: a control or bidirectional formatting character can make text display other than it reads`,
    });
  };
  if (typeof value === "string") problem(path, value, "contains");
  else if (Array.isArray(value)) value.forEach((v, i) => forbiddenCharacters(v, `${path}/${i}`, out));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      problem(`${path}/${pointerToken(k)}`, k, "has a member name with");
      forbiddenCharacters(v, `${path}/${pointerToken(k)}`, out);
    }
  return out;
}

/** The problem of a spec whose `schemaVersion` is this major with a newer minor than this loader's, if it is one. */
function newerMinor(value: unknown): SpecProblem | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const version: unknown = (value as Record<string, unknown>)["schemaVersion"];
  if (typeof version !== "string" || !SCHEMA_VERSION_PATTERN.test(version)) return undefined;
  const minor = Number(version.slice(version.indexOf(".") + 1));
  if (!(minor > SCHEMA_MINOR)) return undefined;
  return {
    path: "/schemaVersion",
    message: `schema version ${version} is newer than this loader reads (${SCHEMA_MAJOR}.${SCHEMA_MINOR}); upgrade termsheet`,
  };
}

function check(json: unknown): Spec {
  const value = decodeInput(json);
  // A newer minor may carry members this loader does not know, which its closed objects would reject one by one:
  // the version is read first, so such a spec gets the one answer that helps ("upgrade"), not a list of members.
  const newer = newerMinor(value);
  if (newer !== undefined) throw new SpecError([newer]);
  const schema = schemaProblems(value);
  if (schema.length > 0) throw new SpecError(schema);
  const parsed = SpecSchema.safeParse(value);
  if (!parsed.success) {
    // The JSON Schema is generated from the zod model, so this means the two disagree: a bug, reported as data.
    throw new SpecError(
      parsed.error.issues.map((i) => ({
        path: zodPointer(i.path),
        message: `accepted by the JSON Schema but not by the model (a compiler bug): ${i.message}`,
      })),
    );
  }
  const spec = parsed.data;
  const expected = contentHash(spec);
  if (expected !== spec.contentHash) {
    throw new SpecError([
      { path: "/contentHash", message: `does not match the content (expected ${expected}): the spec was altered after it was compiled` },
    ]);
  }
  const semantic = [...forbiddenCharacters(spec), ...semanticProblems(spec)];
  if (semantic.length > 0) throw new SpecError(semantic);
  return spec;
}

/**
 * Loads a compiled spec: JSON text (or its UTF-8 bytes) is parsed first; any other value is taken as already
 * parsed JSON. Returns the typed spec, or throws a {@link SpecError} listing every problem with its JSON pointer.
 * No other exception escapes.
 */
export function loadSpec(json: string | Uint8Array | unknown): Spec {
  try {
    return check(json);
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw new SpecError([{ path: "", message: `could not be loaded: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}
