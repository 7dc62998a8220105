/**
 * Type-level agreement of the model's calendar and date-rule schemas with the runtime calendar model: a compiled
 * calendar, holiday rule or monthly date rule can be handed to the runtime engine as is, and the parts with no
 * defaults (holiday dates, joint calendars, anchors) have exactly the runtime's shape. tsc checks these
 * assertions; the runtime test only keeps vitest aware of the file.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as Runtime from "../../src/runtime/calendar/index.js";
import type { BusinessDayConvention } from "../../src/runtime/calendar/index.js";
import type { RoundingMode as RuntimeRoundingMode } from "../../src/runtime/numbers/decimal.js";
import type * as Model from "../../src/model/calendar.js";
import type { RoundingMode } from "../../src/model/common.js";

describe("model calendar types agree with the runtime", () => {
  it("compiled calendars are runtime calendars", () => {
    expectTypeOf<Model.Calendar>().toExtend<Runtime.Calendar>();
    expectTypeOf<Model.HolidayRule>().toExtend<Runtime.HolidayRule>();
    expectTypeOf<Model.Observance>().toExtend<Runtime.Observance>();
    expectTypeOf<Model.DateRule>().toExtend<Runtime.DateRule>();
  });

  it("parts without defaults have exactly the runtime's shape", () => {
    expectTypeOf<Model.HolidayDate>().toEqualTypeOf<MutableDeep<Runtime.HolidayDate>>();
    expectTypeOf<Model.JointCalendars>().toEqualTypeOf<MutableDeep<Runtime.JointCalendars>>();
    expectTypeOf<Model.DateAnchor>().toEqualTypeOf<MutableDeep<Runtime.DateAnchor>>();
  });

  it("enumerations are the runtime's", () => {
    expectTypeOf<Model.DateRule["convention"]>().toEqualTypeOf<BusinessDayConvention>();
    expectTypeOf<RoundingMode>().toEqualTypeOf<RuntimeRoundingMode>();
  });
});

/** The runtime types are readonly; zod infers mutable ones. */
type MutableDeep<T> = T extends readonly (infer U)[]
  ? MutableDeep<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: MutableDeep<T[K]> }
    : T;
