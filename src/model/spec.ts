/**
 * The compiled spec: the document an exchange loads. One spec per declaration the user compiles, with every
 * calendar, index and contract it refers to inlined, so the document is self-contained: its `subject` names the
 * declaration it is about, and every name it uses resolves in its own `calendars`, `indices` and `contracts`
 * maps (keyed by name, which canonical JSON sorts). The spec carries the schema version, the compiler that
 * produced it, and the SHA-256 hash of its canonical form (src/model/canonical.ts). This zod schema is the
 * single source of truth for the JSON Schema shipped in schema/termsheet.schema.json.
 */
import { z } from "zod";
import { CalendarSchema } from "./calendar.js";
import { DeclaredUnitSchema, Name, Text, recordOf } from "./common.js";
import { ContractSchema } from "./contracts.js";
import { IndexSchema } from "./indices.js";

/** The major version of the spec format; a change of major is a breaking change (docs/spec-format.md). */
export const SCHEMA_MAJOR = 1;
/** The minor version: additions that documents of earlier minors stay valid under. */
export const SCHEMA_MINOR = 0;
/** The schema version this compiler writes and the highest one its loader reads. */
export const SCHEMA_VERSION = `${SCHEMA_MAJOR}.${SCHEMA_MINOR}`;
/** The `$id` of the JSON Schema, one per major version. */
export const SCHEMA_ID = `https://termsheet.dev/schema/spec/v${SCHEMA_MAJOR}/termsheet.schema.json`;
/** The value of every spec's `format` field. */
export const SPEC_FORMAT = "termsheet-spec";

/** `MAJOR.MINOR` with this compiler's major. */
export const SCHEMA_VERSION_PATTERN = new RegExp(`^${SCHEMA_MAJOR}\\.(0|[1-9][0-9]*)$`);

/** `sha256:` followed by 64 lowercase hexadecimal digits. */
export const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The declaration a spec is about. */
export const SubjectSchema = z
  .strictObject({ kind: z.enum(["future", "option", "spread", "index", "calendar"]), name: Name })
  .meta({ id: "Subject", description: "The declaration this spec is about; it is in `contracts`, `indices` or `calendars` by kind." });

/** A compiled spec document. */
export const SpecSchema = z
  .strictObject({
    format: z.literal(SPEC_FORMAT).describe("Identifies the document as a compiled Termsheet spec."),
    schemaVersion: z
      .string()
      .regex(SCHEMA_VERSION_PATTERN)
      .describe("MAJOR.MINOR of the spec format; a loader accepts its own major and minors up to its own."),
    compiler: z
      .strictObject({ name: z.literal("termsheet"), version: Text.min(1).describe("The compiler's package version.") })
      .describe("The compiler that produced the spec."),
    contentHash: z
      .string()
      .regex(HASH_PATTERN)
      .describe("SHA-256 of the canonical JSON (RFC 8785 style: sorted keys, no whitespace) of the document without this field."),
    subject: SubjectSchema,
    calendars: recordOf(Name, CalendarSchema).describe("Every calendar the subject uses, directly or through other declarations, by name."),
    indices: recordOf(Name, IndexSchema).describe("Every index the subject uses, by name."),
    contracts: recordOf(Name, ContractSchema).describe(
      "Every contract the subject uses (the subject too, when it is a contract), by name.",
    ),
    units: recordOf(Name, DeclaredUnitSchema)
      .optional()
      .describe("The declared units the document's unit texts use, by name; omitted when they use built-in units only."),
  })
  .meta({
    id: "Spec",
    title: "Termsheet compiled spec",
    description:
      "A compiled Termsheet spec: one declaration (the subject) with every calendar, index and contract it refers to, fully resolved. Decimals are canonical strings, dates ISO, times HH:MM:SS with an IANA zone, units normalised; every rule lists its versions with their effective ranges.",
  });

/** A compiled spec document, as loadSpec returns it. */
export type Spec = z.infer<typeof SpecSchema>;
/** A spec's subject. */
export type Subject = z.infer<typeof SubjectSchema>;
/** A spec before its hash is computed. */
export type UnhashedSpec = Omit<Spec, "contentHash">;
