/**
 * The CLI reads the observation record's extra columns the spec's trade qualification names (issue 15): TOKT_QUAL's
 * rules read `flags`, `type` and `reversed_at`, so a file without them is a market-data error naming file, line and
 * field (exit 1), never a fixing with a rule silently not applied; the columns it does not name are skipped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { memorySystem, repoRoot } from "./helpers.js";

const spec = readFileSync(join(repoRoot, "test/cases/compiled/indices/TOKT_QUAL.json"), "utf8");
const args = ["index", "TOKT_QUAL.json", "--index", "TOKT_QUAL", "--at", "2026-03-27", "--observations", "o.csv"];

describe("the record columns a spec's trade qualification reads", () => {
  it("are required of the observations file: a missing one names file, line and field", async () => {
    const sys = memorySystem({
      "TOKT_QUAL.json": spec,
      "o.csv": "time,source,price,volume,type\n2026-03-27T15:05:00Z,TOKENEX,10,1,outright\n",
    });
    expect(await runCli(args, sys)).toBe(ExitCode.UserError);
    expect(sys.err).toContain("o.csv:1: flags:");
    expect(sys.err).toContain("o.csv:1: reversed_at:");
    expect(sys.out).toBe("");
  });

  it("are read, and a column no rule names is skipped", async () => {
    const sys = memorySystem({
      "TOKT_QUAL.json": spec,
      "o.csv":
        "time,source,price,volume,counterparty,type,flags,reversed_at\n2026-03-27T15:05:00Z,TOKENEX,10,1,C1,outright,,\n2026-03-27T15:06:00Z,TOKENEX,12,1,C2,option,,\n",
    });
    expect(await runCli(args, sys), sys.err).toBe(ExitCode.Ok);
    expect(sys.out).toContain('1 trade(s) of type "option"');
    expect(sys.out).toContain("TOKT_QUAL at 2026-03-27: 10");
  });
});
