/**
 * Type-level agreement of the settlement functions' structural input with the compiled model: a compiled spec
 * (`loadSpec`'s result) can be handed to `settlementFunctions` as is. tsc checks these assertions.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Contract, Future, Option, Spread } from "../../../src/model/contracts.js";
import type { Spec } from "../../../src/model/spec.js";
import type { SettlementSpec } from "../../../src/runtime/functions/index.js";
import type { AnyContract } from "../../../src/runtime/spec.js";

describe("model types are assignable to the settlement functions' inputs", () => {
  it("contracts", () => {
    expectTypeOf<Future>().toExtend<AnyContract>();
    expectTypeOf<Option>().toExtend<AnyContract>();
    expectTypeOf<Spread>().toExtend<AnyContract>();
    expectTypeOf<Contract>().toExtend<AnyContract>();
  });
  it("a compiled spec", () => {
    expectTypeOf<Spec>().toExtend<SettlementSpec>();
  });
});
