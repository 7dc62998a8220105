/**
 * Type-level agreement of the runtime schedule's structural input types with the compiled model: a compiled spec
 * (`loadSpec`'s result) and every compiled contract can be handed to the runtime as is. tsc checks these
 * assertions; the runtime test only keeps vitest aware of the file.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Contract, Future, Option, Spread } from "../../../src/model/contracts.js";
import type { Spec } from "../../../src/model/spec.js";
import type { LoweredProgram } from "../../../src/model/from-checked.js";
import type { ScheduleContract, ScheduleInput } from "../../../src/runtime/schedule/index.js";

describe("model types are assignable to the runtime schedule's inputs", () => {
  it("contracts", () => {
    expectTypeOf<Future>().toExtend<ScheduleContract>();
    expectTypeOf<Option>().toExtend<ScheduleContract>();
    expectTypeOf<Spread>().toExtend<ScheduleContract>();
    expectTypeOf<Contract>().toExtend<ScheduleContract>();
  });

  it("a compiled spec and a lowered program", () => {
    expectTypeOf<Spec>().toExtend<ScheduleInput>();
    expectTypeOf<{
      calendars: Record<string, LoweredProgram["calendars"] extends ReadonlyMap<string, infer C> ? C : never>;
      contracts: Record<string, Contract>;
    }>().toExtend<ScheduleInput>();
  });
});
