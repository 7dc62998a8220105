/**
 * Every code of the registry (src/diagnostics/codes.ts) is emitted by at least one test case, so that no code is
 * documented and never emitted. The codes the compiler reports for a source are collected from the `// expect:`
 * lines of the diagnostics cases (test/cases/diagnostics/, whose harness checks that each case gets exactly those
 * diagnostics); the codes no source can produce are emitted here by what produces them: E6170 by the SQL backend, E2013 by the CLI's
 * inputs, and the compiler-bug codes E6001 and E9001 by the JSON backend given a model that is wrong (the fuzzer's
 * sample checks that no source ever leads to them).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/backends/json/to-json.js";
import { indexToSql } from "../../src/backends/sql/to-sql.js";
import type { Index } from "../../src/runtime/spec.js";
import { collectInputs } from "../../src/cli/inputs.js";
import { allCodes, Codes } from "../../src/diagnostics/index.js";
import { checkSources } from "../../src/driver.js";
import { lowerProgram } from "../../src/model/from-checked.js";
import { memorySystem } from "../cli/helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The codes of every `// expect:` line under a folder. */
function expectedCodes(dir: string, out: Set<string>): Set<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) expectedCodes(path, out);
    else if (name.endsWith(".terms"))
      for (const m of readFileSync(path, "latin1").matchAll(/\/\/ expect: ([EW]\d{4}) at /g)) out.add(m[1]!);
  }
  return out;
}

/** A checked, lowered calendar, for the backend to be given wrong. */
function loweredCalendar() {
  const text = "calendar X {\n  time zone Europe/London\n}\n";
  const checked = checkSources([{ path: "x.terms", text }], { readFile: () => undefined, resolveImport: (_f, p) => p });
  const lowered = lowerProgram(checked.program);
  if (!lowered.ok) throw new Error("the calendar does not lower");
  const calendar = lowered.model.calendars.get("X")!;
  const subject = { kind: "calendar" as const, name: "X", span: { file: "x.terms", start: 9, end: 10 } };
  return { model: lowered.model, calendar, subject };
}

/** The codes no source file can produce, each emitted by what produces it. */
const EMITTED_OUTSIDE_SOURCES: Record<string, () => readonly string[]> = {
  // An index methodology the SQL backend cannot state exactly (a token-mix blend): `termsheet sql` refuses it.
  [Codes.SqlUnsupportedConstruct]: () => {
    const spec = JSON.parse(readFileSync(join(root, "test/cases/compiled/indices/AITOK_BLEND.json"), "utf8")) as {
      indices: Record<string, Index>;
    };
    const r = indexToSql(spec.indices["AITOK_BLEND"]!, ["2026-03-27"]);
    return "code" in r ? [r.code] : [];
  },
  // A path on the command line that cannot be read.
  [Codes.InputNotFound]: () => collectInputs(["nope.terms"], memorySystem({})).problems.map((d) => d.code),
  // A model the schema refuses: the JSON backend validates every spec before returning it.
  [Codes.ModelValidationFailed]: () => {
    const { model, calendar, subject } = loweredCalendar();
    const wrong = { ...model, calendars: new Map([["X", { ...calendar, timeZone: "Not/A_Zone" }]]) };
    const r = toJson(wrong, [subject], { compilerVersion: "0.0.0" });
    return r.ok ? [] : r.diagnostics.map((d) => d.code);
  },
  // A model that cannot even be written (a fraction where the format has integers only): the backend's own failure.
  [Codes.InternalError]: () => {
    const { model, calendar, subject } = loweredCalendar();
    const wrong = { ...model, calendars: new Map([["X", { ...calendar, weekend: 2.5 } as unknown as typeof calendar]]) };
    const r = toJson(wrong, [subject], { compilerVersion: "0.0.0" });
    return r.ok ? [] : r.diagnostics.map((d) => d.code);
  },
};

describe("the code registry", () => {
  const fromCases = expectedCodes(join(root, "test/cases/diagnostics"), new Set());

  it.each(Object.entries(EMITTED_OUTSIDE_SOURCES))("%s is emitted outside any source", (code, emit) => {
    expect(emit()).toContain(code);
  });

  it("has every code emitted by a diagnostics case or above", () => {
    const emitted = new Set([...fromCases, ...Object.keys(EMITTED_OUTSIDE_SOURCES)]);
    expect(
      allCodes()
        .filter((c) => !emitted.has(c.code))
        .map((c) => `${c.code} ${c.key}`),
    ).toEqual([]);
  });

  it("has no case expecting a code it does not register", () => {
    const registered = new Set(allCodes().map((c) => c.code));
    expect([...fromCases].filter((c) => !registered.has(c))).toEqual([]);
  });
});
