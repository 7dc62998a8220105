/**
 * Bad input on the DuckDB engine gets the runtime parser's typed errors (issue 21: "a missing column, a non-decimal
 * price, a timestamp without offset, an unknown source, naming the file or partition and the row"): the same kind,
 * line and field as `parseObservations`, and no result computed from the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runIndexOnDuckDb } from "../../../src/cli/duckdb-engine.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import type { Index } from "../../../src/runtime/spec.js";

const ROOT = join(import.meta.dirname, "../../..");
const GAS = (JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/indices/GAS_DAY.json"), "utf8")) as { indices: Record<string, Index> })
  .indices["GAS_DAY"]!;
const SOURCES = [...new Set(GAS.sources.map((s) => s.value.name))].sort();
const dir = mkdtempSync(join(tmpdir(), "termsheet-sql-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = "time,source,price,volume,instrument\n";
const good = (t: string) => `${t},ICE_ENDEX,80.125,5,NBP-WD\n`;

describe("bad observations on DuckDB get the runtime's typed errors", () => {
  it.each([
    ["a missing column", "time,source,price\n2026-03-27T06:00:00Z,ICE_ENDEX,80.1\n"],
    ["a price that is not a decimal", HEAD + good("2026-03-27T06:00:00Z") + "2026-03-27T06:00:01Z,ICE_ENDEX,8e1,5,NBP-WD\n"],
    ["a price with a comma", HEAD + '2026-03-27T06:00:01Z,ICE_ENDEX,"80,5",5,NBP-WD\n'],
    ["a negative volume", HEAD + "2026-03-27T06:00:01Z,ICE_ENDEX,80.5,-5,NBP-WD\n"],
    ["a timestamp without an offset", HEAD + good("2026-03-27T06:00:00Z") + good("2026-03-27T06:00:01")],
    ["a date that does not exist", HEAD + good("2026-02-30T06:00:00Z")],
    ["an unknown source", HEAD + good("2026-03-27T06:00:00Z") + "2026-03-27T06:00:02Z,NOWHERE,80.5,5,NBP-WD\n"],
    ["an empty price", HEAD + "2026-03-27T06:00:01Z,ICE_ENDEX,,5,NBP-WD\n"],
    ["too many decimals", HEAD + "2026-03-27T06:00:01Z,ICE_ENDEX,80.1234567890123456789,5,NBP-WD\n"],
    ["rows out of time order", HEAD + good("2026-03-27T06:00:05Z") + good("2026-03-27T06:00:01Z")],
    ["a duplicate row", HEAD + good("2026-03-27T06:00:05Z") + good("2026-03-27T07:00:05+01:00")],
  ])("%s", async (_what, csv) => {
    const file = join(dir, `${_what.replaceAll(" ", "-")}.csv`);
    writeFileSync(file, csv);
    const ts = parseObservations(csv, { file, sources: SOURCES });
    expect(ts.ok).toBe(false);
    const want = ts.ok ? [] : ts.errors.map((e) => ({ kind: e.kind, line: e.line, field: e.field }));
    const got = await runIndexOnDuckDb(GAS, ["2026-03-27"], file, SOURCES);
    expect("errors" in got).toBe(true);
    const errors = "errors" in got ? got.errors.map((e) => ({ kind: e.kind, line: e.line, field: e.field })) : [];
    expect(errors[0]).toEqual(want[0]);
    expect("errors" in got ? got.errors[0]!.file : "").toBe(file);
  });
});
