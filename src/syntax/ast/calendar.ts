/**
 * The statements of calendars (the syntax tree: ../ast.ts).
 */
import type { Span } from "../../base/source.js";
import type { DateLit, Ident, NumberLit, StatementBase, StringLit, ZoneRef } from "./nodes.js";

/** `time zone America/New_York` (calendars, and anywhere a default zone is useful). */
export interface TimeZoneStmt extends StatementBase {
  readonly kind: "TimeZone";
  readonly zone: ZoneRef | undefined;
}
/** `weekend Saturday, Sunday`. */
export interface WeekendStmt extends StatementBase {
  readonly kind: "Weekend";
  readonly days: readonly Ident[];
}
/** `holiday "Good Friday" on 2 days before Easter from 1990 except in 2001, observed Saturday as Friday`. */
export interface HolidayStmt extends StatementBase {
  readonly kind: "Holiday";
  readonly name: StringLit | undefined;
  readonly date: HolidayDate | undefined;
  readonly fromYear: NumberLit | undefined;
  readonly untilYear: NumberLit | undefined;
  readonly exceptYears: readonly NumberLit[];
  readonly observance: Observance | undefined;
}
export type HolidayDate =
  | { readonly kind: "FixedDate"; readonly span: Span; readonly day: NumberLit | undefined; readonly month: Ident | undefined }
  | {
      readonly kind: "NthWeekday";
      readonly span: Span;
      /** An ordinal word (first..fifth) or `last`. */
      readonly ordinal: Ident;
      readonly weekday: Ident | undefined;
      readonly month: Ident | undefined;
    }
  | {
      readonly kind: "EasterRelative";
      readonly span: Span;
      /** Signed days relative to Easter Sunday: `2 days before Easter` is -2. */
      readonly offset: NumberLit | undefined;
      readonly direction: "before" | "after" | "on";
    }
  | { readonly kind: "OneOff"; readonly span: Span; readonly dates: readonly DateLit[] };
/** `observed Saturday as Friday, Sunday as Monday`, or `observed on the next weekday` (a substitute day). */
export type Observance =
  | {
      readonly kind: "ShiftObservance";
      readonly span: Span;
      readonly shifts: readonly { readonly from: Ident | undefined; readonly to: Ident | undefined; readonly span: Span }[];
    }
  | { readonly kind: "SubstituteObservance"; readonly span: Span };
/** `business day in all of NYSE, ENGLAND_WALES` or `in any of`. */
export interface JointStmt extends StatementBase {
  readonly kind: "Joint";
  readonly mode: "all" | "any";
  readonly calendars: readonly Ident[];
}
/** `based on US_FEDERAL`: includes every holiday of the named calendars. */
export interface BasedOnStmt extends StatementBase {
  readonly kind: "BasedOn";
  readonly calendars: readonly Ident[];
}
export type CalendarStatement = TimeZoneStmt | WeekendStmt | HolidayStmt | JointStmt | BasedOnStmt;
