/**
 * Position limits as the engine enforces them, beyond the shared cases (test/cases/settlement/FOTI/*position*): the
 * three scopes at and over the limit, the spot month on every day of a year, and a strip's months netted against
 * `in all months`, through the loader and the generated module alike.
 *
 * Sources: CME Rulebook Rule 562 ("Any positions in excess of those permitted under the rules of the Exchange shall be
 * deemed position limit violations"); CME Chapter 350 Rule 35002.D ("The applicable position limits and/or
 * accountability levels, in addition to the reportable levels, are set forth in the Position Limit, Exemption,
 * Position Accountability and Reportable Level Table in the Interpretations & Special Notices Section of Chapter 5"),
 * whose table states the limits "in net futures equivalents"; CME Bitcoin futures, spot-month limit 4,000 contracts
 * from the November 2021 contract.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { contentHash } from "../../../src/model/canonical.js";
import { formatIsoDate, parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import {
  isSpotMonth,
  positionLimitError,
  reportJson,
  settlementFunctions,
  type PositionLimitTerm,
  type SettlementSpec,
  type StripReq,
} from "../../../src/runtime/functions/index.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { Schedule } from "../../../src/runtime/schedule/index.js";
import { GeneratedFolder, asSpecFunctions } from "../../backends/settlement/helpers.js";
import { ROOT } from "../../model/compile-helpers.js";

const compiled = (name: string) => JSON.parse(readFileSync(join(ROOT, `test/cases/compiled/contracts/${name}.json`), "utf8"));
const limit = (count: number, scope: PositionLimitTerm["scope"]): PositionLimitTerm => ({
  count,
  scope,
  clauses: ["1102.E Position Limits"],
});

describe("a position against each scope", () => {
  const at = (q: string, spot: boolean, net?: string) =>
    positionLimitError(
      [limit(2000, "spot-month"), limit(3000, "single-month"), limit(10000, "all-months")],
      { symbol: "FOTI-H26", quantity: Decimal.of(q), spot, date: "2026-03-20" },
      net === undefined ? undefined : Decimal.of(net),
    );
  it("at a limit is allowed (no holder may hold MORE than the limit)", () => {
    expect(at("2000", true)).toBeUndefined();
    expect(at("-3000", false)).toBeUndefined();
    expect(at("1", false, "-10000")).toBeUndefined();
  });
  it("over a limit, long or short, is refused with the limit, its scope and its clause", () => {
    expect(at("2001", true)).toEqual({
      kind: "position-limit",
      message:
        "position quantity: the position of 2001 contracts in FOTI-H26, the spot month on 2026-03-20, exceeds the position limit of 2000 contracts in the spot month (1102.E Position Limits)",
    });
    expect(at("-3001", false)?.message).toContain("2000 contracts in any single contract month".replace("2000", "3000"));
    expect(at("1", false, "10001")?.message).toContain("10000 contracts in all contract months combined");
  });
  it("the spot-month limit binds only the spot month", () => {
    expect(at("2500", false)).toBeUndefined();
    expect(at("2500", true)?.kind).toBe("position-limit");
  });
});

describe("the spot month", () => {
  it("is, on every day of 2026, the listed FOTI month that expires first, and no other", () => {
    const spec = compiled("FOTI");
    const schedule = new Schedule(spec);
    for (let d = parseIsoDate("2026-01-01")!; d <= parseIsoDate("2026-12-31")!; d++) {
      const iso = formatIsoDate(d);
      const listed = schedule.listedOn("FOTI", d);
      expect(listed.ok).toBe(true);
      if (!listed.ok) continue;
      // Independently: the month of the day, or the next one once the day is past that month's last trading day.
      const month = iso.slice(0, 7);
      const ltd = listed.value.find((l) => formatIsoDate(l.lastTradingDay).startsWith(month));
      const front = ltd !== undefined && formatIsoDate(ltd.lastTradingDay) >= iso ? ltd : listed.value[0]!;
      for (const l of listed.value) expect(isSpotMonth(schedule, "FOTI", l.symbol, iso), `${l.symbol} on ${iso}`).toBe(l === front);
    }
  });
});

describe("a strip's months netted against the all-months limit (loader and generated module)", () => {
  // BTC_DS states no position limit; this variant adds CME Bitcoin's spot-month limit and an all-months limit.
  const json = compiled("BTC_DS");
  json.contracts.BTC_DS.positionLimits = [
    {
      effective: [{ from: null, until: null }],
      descriptions: [],
      clauses: ["35002.D Position Limits"],
      value: { count: 4000, scope: "spot-month" },
    },
    {
      effective: [{ from: null, until: null }],
      descriptions: [],
      clauses: ["35002.D Position Limits"],
      value: { count: 5000, scope: "all-months" },
    },
  ];
  json.contentHash = contentHash(json);
  const dir = join(ROOT, "test/cases/settlement/BTC_DS/strip-deferred-limit");
  const obs = parseObservations(readFileSync(join(dir, "observations.csv"), "utf8"), { file: "observations.csv" });
  if (!obs.ok) throw new Error("observations");
  const request = (k: string): StripReq => ({
    date: "2026-03-27",
    months: [
      { period: "2026-04", prior: "60000", position: { quantity: "3000", price: "70000" } },
      { period: "2026-05", prior: "60200", position: { quantity: k, price: "70000" } },
    ],
    observations: obs.value,
  });
  const folder = new GeneratedFolder();
  afterAll(() => folder.cleanup());

  it("refuses a strip whose net (3,000 + 2,500 = 5,500) exceeds 5,000, and settles one whose net (500) does not", async () => {
    const { modules } = await folder.load([{ path: "contracts/BTC_DS.json", spec: json as GeneratorSpec }]);
    const backends = [settlementFunctions(json as SettlementSpec), asSpecFunctions(modules.get("contracts/BTC_DS.json")!)];
    const outs = backends.map((f) => [f.strip!(request("2500")), f.strip!(request("-2500"))] as const);
    for (const [over, netted] of outs) {
      expect(over.ok).toBe(false);
      expect(over.error).toEqual({
        kind: "position-limit",
        message:
          "position quantity: the net position of 5500 contracts stated in all contract months combined exceeds the position limit of 5000 contracts in all contract months combined (35002.D Position Limits)",
      });
      expect(netted.ok).toBe(true);
      // J26 settles at 71,900: (71,900 − 70,000) × 5 × 3,000 = 28,500,000.
      expect(netted.months[0]!.position?.variation).toBe("28500000");
    }
    expect(reportJson(outs[1]![0])).toBe(reportJson(outs[0]![0]));
    expect(reportJson(outs[1]![1])).toBe(reportJson(outs[0]![1]));
  });
});
