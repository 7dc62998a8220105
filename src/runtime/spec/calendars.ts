/** The calendars of the compiled spec (runtime/spec.ts): the runtime calendar model with every default explicit, and the date rules of contracts. */
import type {
  BusinessDayConvention,
  BusinessDayShift,
  DateAnchor,
  HolidayDate,
  JointCalendars,
  NoObservance,
  SubstituteObservance,
} from "../calendar/index.js";
import type { DeclarationAnnotations } from "./common.js";

/** How a holiday falling on a weekend is observed; shifts are explicit. */
export type Observance =
  | NoObservance
  | { readonly kind: "shift"; readonly saturday: "friday" | "monday" | "none"; readonly sunday: "monday" | "friday" | "none" }
  | SubstituteObservance;

/** One named holiday rule. */
export interface HolidayRule {
  readonly name: string;
  readonly date: HolidayDate;
  readonly observance: Observance;
  /** First year (inclusive) the rule applies, by the year of the unobserved date; absent: no first year. */
  readonly fromYear?: number;
  /** Last year (inclusive); absent: no last year. */
  readonly untilYear?: number;
  readonly exceptYears: readonly number[];
  readonly descriptions: readonly string[];
  readonly clauses: readonly string[];
}

/** A business-day calendar, as the runtime engine reads it. */
export interface Calendar extends DeclarationAnnotations {
  readonly kind: "calendar";
  readonly name: string;
  readonly timeZone: string;
  /** ISO weekdays that are never business days, ascending. */
  readonly weekend: readonly number[];
  readonly holidays: readonly HolidayRule[];
  readonly basedOn: readonly string[];
  readonly joint?: JointCalendars;
}

/** A day relative to a contract month: the anchor in the offset month, then the shift, then the convention. */
export interface DateRule {
  readonly anchor: DateAnchor;
  readonly monthOffset: number;
  readonly shift: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  readonly calendar: string;
  /** `when not a business day on TRIGGER`: the calendar whose closed day moves the anchor (date-rules.ts). */
  readonly whenNotBusinessDayOn?: string;
}

/** A day relative to a contract week. */
export interface WeeklyDateRule {
  readonly weekday: number;
  readonly shift: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  readonly calendar: string;
  /** `not listed when not a business day`: no contract for a week whose weekday is not a business day. */
  readonly whenNotBusinessDay?: "not-listed";
}
