/**
 * `termsheet settle` and `termsheet index` end to end, in process (the first case also through the built CLI): the
 * printed certificate is exactly the
 * runtime's report for the same market data parsed in-process (text and JSON), a compiled spec and its `.terms`
 * sources settle alike, and a missing file, a broken CSV, an unknown contract or index and a mistyped option each
 * give a clear message and their exit code; the progress bar goes to stderr only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/model/load.js";
import { parseObservations } from "../../src/runtime/market-data/index.js";
import { reportJson, reportText, settlementFunctions } from "../../src/runtime/functions/index.js";
import { ensureBuilt, fixture, repoRoot, runIn, termsheet } from "./helpers.js";

const SOURCES = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN"];
/** Each source's first instrument in BTC_REF's priority order. */
const INSTRUMENTS = ["BTC/USD", "BTC-USD", "BTCUSD", "XBTUSD", "XBT/USD"];

/** An hour of trades before the BTC fixing of 27 March 2026 (16:00 London = 16:00Z), one a second. */
function btcCsv(): string {
  const rows = ["time,source,price,volume,instrument"];
  for (let i = 0; i < 3600; i++) {
    const t = `2026-03-27T15:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`;
    rows.push(
      `${t},${SOURCES[i % 5]},${87000 + ((i * 37) % 101) - 50}.${String((i * 13) % 100).padStart(2, "0")},${(i % 9) + 1}.5,${INSTRUMENTS[i % 5]}`,
    );
  }
  return rows.join("\n") + "\n";
}

const csv = btcCsv();
const files = fixture({
  "btc.csv": csv,
  "broken.csv": "time,source,price,volume\n2026-03-27T15:00:00Z,BITSTAMP,87000,1\n2026-03-27T15:00:01Z,BITSTAMP,87x00,1\n",
  "unknown.csv": "time,source,price,volume\n2026-03-27T15:00:00Z,BINANCE,87000,1\n",
});
const cwd = files.dir;
const spec = join(repoRoot, "test/cases/compiled/contracts/BTC.json");

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => files.cleanup());

/** The settlement functions of the spec, in-process. */
function inProcess() {
  return settlementFunctions(loadSpec(readFileSync(spec, "utf8")));
}

function observations() {
  const obs = parseObservations(csv, { file: "btc.csv", sources: [...SOURCES, "LMAX_DIGITAL"] });
  if (!obs.ok) throw new Error("fixture does not parse");
  return obs.value;
}

describe("termsheet settle", () => {
  it("prints the runtime's certificate of the final settlement, as text and as JSON (through the built executable)", () => {
    const expected = inProcess().final({ period: "2026-03", observations: observations(), position: { quantity: "2", price: "86000" } });
    expect(expected.ok).toBe(true);
    const text = termsheet(
      ["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observations", "btc.csv", "--position", "2@86000"],
      cwd,
    );
    expect(text).toEqual({ code: 0, stdout: reportText(expected), stderr: "" });
    const json = termsheet(
      ["settle", spec, "--contract", "BTC-H26", "--observations", "btc.csv", "--position=2@86000", "--format", "json"],
      cwd,
    );
    expect(json).toEqual({ code: 0, stdout: reportJson(expected), stderr: "" });
  });

  it("settles from .terms sources as from the compiled spec", async () => {
    const args = ["--contract", "BTC-H26", "--observations", join(cwd, "btc.csv")];
    const fromSources = await runIn(["settle", "specs", ...args], repoRoot);
    expect(fromSources.code).toBe(0);
    expect(fromSources.stdout).toBe((await runIn(["settle", spec, ...args], repoRoot)).stdout);
  });

  it("exits 1 with the certificate when the settlement fails", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-04", "--observations", "btc.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(reportText(inProcess().final({ period: "2026-04", observations: observations() })));
  });

  it("names a missing file, with a hint, and exits 1", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observations", "nope.csv"], cwd);
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: cannot read `nope.csv`: no such file or folder\nhint: paths are relative to the current folder\n",
    });
    expect((await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03", "--fixings", "none.csv"], cwd)).code).toBe(1);
  });

  it("names file, line and field of a broken row, with a hint, and exits 1", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observations", "broken.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: broken\.csv:3: price: "87x00" is not a decimal number\nhint: each row is `time,source,price,volume\[,instrument\[,part\]\]`/,
    );
    const u = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observations", "unknown.csv"], cwd);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/^error: unknown\.csv:2: source: unknown source "BINANCE"/);
  });

  it("refuses an unknown contract with a did-you-mean, exit 2", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTX", "--month", "2026-03", "--observations", "btc.csv"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no contract `BTX` in the spec\nhint: did you mean `BTC`?");
    const s = await runIn(["settle", "specs", "--contract", "FOTII-Z26", "--observations", join(cwd, "btc.csv")], repoRoot);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("no declaration `FOTII` in the given files\nhint: did you mean `FOTI`?\n");
  });

  it("says that no market data was given when a settlement without any fails", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("BTC-H26 final settlement: no price");
    expect(r.stderr).toBe(
      "hint: no market data was given: name the observations with `--observations FILE` and/or the published fixings with `--fixings FILE`\n",
    );
    expect((await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-04", "--observations", "btc.csv"], cwd)).stderr).toBe("");
  });

  it("refuses a mistyped option with a did-you-mean, exit 2", async () => {
    const r = await runIn(["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observatons", "btc.csv"], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^termsheet: unknown option `--observatons` for `termsheet settle`\nhint: did you mean `--observations`\?\nusage: termsheet settle /,
    );
  });

  it("draws the progress bar on stderr only (forced by TERMSHEET_PROGRESS=1) and erases it", async () => {
    const args = ["settle", spec, "--contract", "BTC", "--month", "2026-03", "--observations", "btc.csv"];
    const plain = await runIn(args, cwd);
    const forced = await runIn(args, cwd, { TERMSHEET_PROGRESS: "1" });
    expect(forced.stdout).toBe(plain.stdout);
    expect(forced.stderr).toContain("\rreading btc.csv [");
    expect(forced.stderr).toContain("100%");
    expect(forced.stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});

describe("termsheet index", () => {
  it("prints one index value with its certificate", async () => {
    const expected = inProcess().index({ index: "BTC_REF", at: "2026-03-27T16:00:00Z", observations: observations() });
    const r = await runIn(["index", spec, "--index", "BTC_REF", "--at", "2026-03-27T16:00:00Z", "--observations", "btc.csv"], cwd);
    expect(r).toEqual({ code: 0, stdout: reportText(expected), stderr: "" });
    expect(
      (await runIn(["index", spec, "--at", "2026-03-27T16:00:00Z", "--observations", "btc.csv", "--format", "json"], cwd)).stdout,
    ).toBe(reportJson(expected));
  });

  it("refuses an unknown index with a did-you-mean, exit 2", async () => {
    const r = await runIn(["index", spec, "--index", "BTC_RFE", "--at", "2026-03-27", "--observations", "btc.csv"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("hint: did you mean `BTC_REF`?");
  });
});
