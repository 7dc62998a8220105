/**
 * The JSON backend: turns lowered model objects into compiled spec files, one per subject (each declaration in
 * the files the user named), each self-contained: the subject plus every calendar, index and contract it refers
 * to, directly or through the others, inlined by name. Each spec gets the schema version, the compiler version
 * (passed in: the backend reads no files) and its content hash, is written as canonical JSON, and is validated
 * with ajv against the shipped JSON Schema and with the loader's semantic checks before it is returned; a spec
 * that fails is a compiler bug, reported as E6001, and then no file is returned at all.
 */
import { Codes, diag, type Diagnostic } from "../../diagnostics/index.js";
import type { Span } from "../../base/source.js";
import { canonicalJsonFile, withContentHash } from "../../model/canonical.js";
import type { Calendar } from "../../model/calendar.js";
import type { DeclaredUnit } from "../../model/common.js";
import { declaredBaseUnit } from "../../base/units.js";
import type { Contract } from "../../model/contracts.js";
import type { LoweredProgram } from "../../model/from-checked.js";
import type { Index } from "../../model/indices.js";
import { schemaProblems } from "../../model/load.js";
import { calendarReferences, contractReferences, indexReferences, type Reference } from "../../model/references.js";
import { SCHEMA_VERSION, SPEC_FORMAT, type Spec, type Subject, type UnhashedSpec } from "../../model/spec.js";
import { semanticProblems } from "../../model/validate.js";
import { SharedEngines } from "../../model/shared-engines.js";

/** One compiled spec file: a relative path (`contracts/FOTI.json`), its text, and the spec it holds. */
export interface SpecFile {
  readonly path: string;
  readonly text: string;
  readonly spec: Spec;
}

/** A declaration to compile into its own spec, with where it is declared (for diagnostics). */
export interface SpecSubject extends Subject {
  readonly span: Span;
}

/** What the backend needs besides the model. */
export interface JsonBackendOptions {
  /** The compiler's version, written into every spec (the CLI reads it from package.json). */
  readonly compilerVersion: string;
}

/** The files, or the diagnostics explaining why there are none. */
export type JsonBackendResult =
  { readonly ok: true; readonly files: readonly SpecFile[] } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The folder of a subject's file inside the output directory. */
export function specFolder(kind: Subject["kind"]): "calendars" | "indices" | "contracts" {
  return kind === "calendar" ? "calendars" : kind === "index" ? "indices" : "contracts";
}

/** The relative path of a subject's spec file, e.g. `contracts/FOTI.json`. */
export function specPath(subject: Subject): string {
  return `${specFolder(subject.kind)}/${subject.name}.json`;
}

/** Everything a subject refers to, transitively, as three maps; undefined names are skipped (the loader check reports them). */
function closure(
  model: LoweredProgram,
  subject: Subject,
): { calendars: Record<string, Calendar>; indices: Record<string, Index>; contracts: Record<string, Contract> } {
  const calendars: Record<string, Calendar> = {};
  const indices: Record<string, Index> = {};
  const contracts: Record<string, Contract> = {};
  const queue: { kind: "calendar" | "index" | "contract"; name: string }[] = [
    { kind: subject.kind === "calendar" || subject.kind === "index" ? subject.kind : "contract", name: subject.name },
  ];
  const follow = (refs: readonly Reference[]): void => {
    for (const r of refs) queue.push({ kind: r.kind === "future" ? "contract" : r.kind, name: r.name });
  };
  while (queue.length > 0) {
    const { kind, name } = queue.shift()!;
    if (kind === "calendar") {
      const c = model.calendars.get(name);
      if (c === undefined || Object.hasOwn(calendars, name)) continue;
      calendars[name] = c;
      follow(calendarReferences(c));
    } else if (kind === "index") {
      const i = model.indices.get(name);
      if (i === undefined || Object.hasOwn(indices, name)) continue;
      indices[name] = i;
      follow(indexReferences(i));
    } else {
      const c = model.contracts.get(name);
      if (c === undefined || Object.hasOwn(contracts, name)) continue;
      contracts[name] = c;
      follow(contractReferences(c));
    }
  }
  return { calendars, indices, contracts };
}

/** The dimensions of every unit in a document part (the objects with `dimensions`), into `out`. */
function dimensionsUsed(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) dimensionsUsed(v, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const obj = value as Record<string, unknown>;
  if (typeof obj.text === "string" && typeof obj.dimensions === "object" && obj.dimensions !== null) {
    for (const d of Object.keys(obj.dimensions)) out.add(d);
    return;
  }
  for (const v of Object.values(obj)) dimensionsUsed(v, out);
}

/** The declared units whose dimensions the spec's units use, by name; undefined when there are none. */
function unitsUsed(model: LoweredProgram, parts: ReturnType<typeof closure>): Record<string, DeclaredUnit> | undefined {
  if (model.units === undefined) return undefined;
  const dims = new Set<string>();
  dimensionsUsed(parts, dims);
  const out: Record<string, DeclaredUnit> = {};
  for (const [name, u] of model.units) if (dims.has(declaredBaseUnit(u).dimension)) out[name] = u;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Builds the spec of one subject (unvalidated). */
export function buildSpec(model: LoweredProgram, subject: Subject, options: JsonBackendOptions): Spec {
  const parts = closure(model, subject);
  const units = unitsUsed(model, parts);
  const unhashed: UnhashedSpec = {
    format: SPEC_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    compiler: { name: "termsheet", version: options.compilerVersion },
    subject: { kind: subject.kind, name: subject.name },
    ...parts,
    ...(units === undefined ? {} : { units }),
  };
  return withContentHash(unhashed);
}

/**
 * Compiles each subject to a spec file, sorted by path. Every file is validated (schema and semantics) before it
 * is returned; if any fails, the result is the diagnostics and no file. Never throws.
 */
export function toJson(model: LoweredProgram, subjects: readonly SpecSubject[], options: JsonBackendOptions): JsonBackendResult {
  const diagnostics: Diagnostic[] = [];
  const files: SpecFile[] = [];
  const seen = new Set<string>();
  // The specs share their calendars: each calendar's tables are built once for all of them.
  const engines = new SharedEngines();
  for (const subject of subjects) {
    const path = specPath(subject);
    if (seen.has(path)) continue;
    seen.add(path);
    try {
      const spec = buildSpec(model, subject, options);
      const text = canonicalJsonFile(spec);
      const written = JSON.parse(text) as unknown;
      const problems = schemaProblems(written);
      if (problems.length === 0) problems.push(...semanticProblems(spec, engines));
      if (problems.length > 0) {
        const first = problems[0]!;
        diagnostics.push(
          diag(
            Codes.ModelValidationFailed,
            subject.span,
            `internal error: the compiled spec of ${subject.kind} ${subject.name} is invalid at ${first.path || "(root)"}: ${first.message}`,
            {
              notes: problems.slice(1, 6).map((p) => `also at ${p.path || "(root)"}: ${p.message}`),
            },
          ),
        );
        continue;
      }
      files.push({ path, text, spec });
    } catch (e) {
      diagnostics.push(
        diag(
          Codes.InternalError,
          subject.span,
          `internal error while writing the spec of ${subject.kind} ${subject.name}: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
