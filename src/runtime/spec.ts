/**
 * The compiled spec as the runtime reads it: one description of the document `termsheet build` writes and `loadSpec` returns
 * (docs/spec-format.md), as plain readonly types. The loader, the schedule, the settlement engine and functions, the diff and
 * the settlement-module generator all read this description; the model's zod schemas (src/model/), which validate a document
 * and generate its JSON Schema, are checked against it at compile time (src/model/spec-agreement.ts), so a field renamed on
 * either side is a compile error everywhere. Types only: the runtime depends on neither zod nor the compiler.
 *
 * Every rule of a declaration is a list of clauses with effective ranges (runtime/versions.ts chooses among them):
 * `Versions<T>` lists versions of one rule (at most one in force on a date), `Rules<T>` rules that all apply. Decimals are
 * canonical strings (`DecimalString`), dates ISO `YYYY-MM-DD`, times `HH:MM:SS` with an IANA zone.
 *
 * The types are in spec/, by part (common.ts: the building blocks; calendars.ts; indices.ts; contracts.ts); this file
 * re-exports them, so every module imports the spec from here, and declares the document.
 */
import type { Calendar } from "./spec/calendars.js";
import type { DeclaredUnit } from "./spec/common.js";
import type { Contract } from "./spec/contracts.js";
import type { Index } from "./spec/indices.js";
import type { BusinessDayConvention, DateAnchor, HolidayDate, JointCalendars } from "./calendar/index.js";
import type { RoundingMode } from "./numbers/decimal.js";

export type { BusinessDayConvention, DateAnchor, HolidayDate, JointCalendars, RoundingMode };
export type * from "./spec/common.js";
export type * from "./spec/calendars.js";
export type * from "./spec/indices.js";
export type * from "./spec/contracts.js";

// ---------------------------------------------------------------------------------------------------------
// The document.

/** The declaration a spec is about; it is in `contracts`, `indices` or `calendars` by kind. */
export interface Subject {
  readonly kind: "future" | "option" | "spread" | "index" | "calendar";
  readonly name: string;
}

/** A compiled spec: one declaration with every calendar, index and contract it refers to, by name. */
export interface Spec {
  readonly format: "termsheet-spec";
  /** MAJOR.MINOR of the spec format. */
  readonly schemaVersion: string;
  readonly compiler: { readonly name: "termsheet"; readonly version: string };
  /** `sha256:` and the hash of the canonical JSON of the document without this field. */
  readonly contentHash: string;
  readonly subject: Subject;
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly indices: Readonly<Record<string, Index>>;
  readonly contracts: Readonly<Record<string, Contract>>;
  /** The declared units the unit texts use; absent when they use built-in units only. */
  readonly units?: Readonly<Record<string, DeclaredUnit>>;
}
