/**
 * Tests of the JSON renderer: key order, positions, labels in other files, missing sources and ordering.
 */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import { Codes, diag, renderJson, sourceLookup, toJsonDiagnostics } from "../../src/diagnostics/index.js";

const main = new SourceFile("specs/foti.terms", "future FOTI {\n  tick 0.001 USD per GPU-hour\n}\n");
const lib = new SourceFile("indices.terms", "index AITOK_OUT {}\n");
const lookup = sourceLookup([main, lib]);

describe("renderJson", () => {
  it("renders every field with a fixed key order", () => {
    const tick = main.text.indexOf("0.001");
    const d = diag(Codes.UnitMismatch, main.span(tick, tick + 22), "unit mismatch", {
      context: ["future FOTI", "tick"],
      labels: [{ span: lib.span(6, 15), message: "declared here" }],
      notes: ["a note"],
      hint: "write the tick in the quote unit",
    });
    expect(renderJson([d], lookup)).toMatchInlineSnapshot(`
      "[
        {
          "code": "E3001",
          "key": "unit-mismatch",
          "severity": "error",
          "message": "unit mismatch",
          "file": "specs/foti.terms",
          "line": 2,
          "column": 8,
          "endLine": 2,
          "endColumn": 30,
          "start": 21,
          "end": 43,
          "context": [
            "future FOTI",
            "tick"
          ],
          "labels": [
            {
              "file": "indices.terms",
              "line": 1,
              "column": 7,
              "endLine": 1,
              "endColumn": 16,
              "start": 6,
              "end": 15,
              "message": "declared here"
            }
          ],
          "notes": [
            "a note"
          ],
          "hint": "write the tick in the quote unit"
        }
      ]"
    `);
  });

  it("uses null and empty arrays for absent parts and for a missing source", () => {
    const known = diag(Codes.UnknownName, main.span(7, 11), "unknown");
    const unknown = { code: "E7777", severity: "warning" as const, message: "?", span: { file: "gone.terms", start: 1, end: 2 } };
    expect(renderJson([unknown, known], lookup, { pretty: false })).toMatchInlineSnapshot(
      `"[{"code":"E7777","key":null,"severity":"warning","message":"?","file":"gone.terms","line":null,"column":null,"endLine":null,"endColumn":null,"start":1,"end":2,"context":[],"labels":[],"notes":[],"hint":null},{"code":"E2001","key":"unknown-name","severity":"error","message":"unknown","file":"specs/foti.terms","line":1,"column":8,"endLine":1,"endColumn":12,"start":7,"end":11,"context":[],"labels":[],"notes":[],"hint":null}]"`,
    );
  });

  it("reports end positions just past the span, across lines", () => {
    const [d] = toJsonDiagnostics([diag(Codes.UnclosedBlock, main.span(12, main.text.length), "block")], lookup);
    expect(d).toMatchObject({ line: 1, column: 13, endLine: 4, endColumn: 1, start: 12, end: main.text.length });
  });

  it("sorts like the text renderer and keeps keys in the same order for every object", () => {
    const a = diag(Codes.UnknownUnit, main.span(20, 23), "a");
    const b = diag(Codes.UnitMismatch, main.span(20, 23), "b");
    const c = diag(Codes.UnknownName, lib.span(6, 15), "c");
    const out = toJsonDiagnostics([a, b, c], lookup);
    expect(out.map((d) => d.message)).toEqual(["c", "b", "a"]);
    const keys = out.map((d) => Object.keys(d).join(","));
    expect(new Set(keys).size).toBe(1);
    expect(renderJson([c, b, a], lookup)).toBe(renderJson([a, b, c], lookup));
  });
});
