/** The grammar passes chevrotain's validations (the production parser skips them for startup speed). */
import { describe, expect, it } from "vitest";
import { TermsheetParser } from "../../src/syntax/parser.js";

describe("grammar", () => {
  it("has no ambiguities, left recursion or other definition errors", () => {
    expect(() => new TermsheetParser({ validate: true })).not.toThrow();
  });
});
