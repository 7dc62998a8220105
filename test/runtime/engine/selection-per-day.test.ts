/**
 * A priority list chosen per day (issue 15): "ordered aliases; the first one present in the catalogue on a given date
 * is used" (TOKO Index Methodology, Section 2; specs/indices/token-output-24h.terms). Over a window that spans two
 * days, each day takes the first alias with an observation that day; the rows of the other aliases that day are
 * reported with their day; on the last day a stale alias gives way to a fresh one when a staleness rule is in force;
 * without `chosen per day` the choice is made once over the window. The pipeline as a whole:
 * test/cases/settlement/TOKO_24H (with an oracle).
 */
import { describe, expect, it } from "vitest";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { type SourcePlan, selectWindow } from "../../../src/runtime/engine/selection.js";

const MIDNIGHT = Date.parse("2026-03-27T00:00:00Z") * 1000;
const AT = Date.parse("2026-03-27T16:30:00Z") * 1000;
const DAYS = { bounds: [MIDNIGHT], labels: ["2026-03-26", "2026-03-27"] };

const parsed = parseObservations(
  [
    "time,source,price,volume,instrument",
    "2026-03-26T17:00:00Z,X,10,1,snapshot", // row 0: day 1, only the second alias that day
    "2026-03-26T18:00:00Z,X,11,1,snapshot", // row 1
    "2026-03-27T01:00:00Z,X,12,1,alias", // row 2: day 2, the first alias is present
    "2026-03-27T02:00:00Z,X,13,1,snapshot", // row 3: passed over on day 2
    "2026-03-27T15:00:00Z,X,14,1,snapshot", // row 4
  ].join("\n"),
  { file: "t.csv" },
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const obs = parsed.value;
const plan = (perDay: boolean): SourcePlan => ({
  name: "X",
  obsIndex: 0,
  list: { kind: "model", names: ["alias", "snapshot"] },
  parts: null,
  perDay,
});
const all: [number, number][] = [[0, 5]];

describe("a priority list chosen per day", () => {
  it("takes on each day the first alias present that day", () => {
    const s = selectWindow(obs, [plan(true)], all, AT, undefined, DAYS);
    expect(Array.from(s.rows[0]!)).toEqual([0, 1, 2]);
    expect(s.chosen).toEqual(["snapshot on 2026-03-26, alias on 2026-03-27"]);
    expect(s.lastTime[0]).toBe(Date.parse("2026-03-27T01:00:00Z") * 1000);
    expect(s.exclusions).toEqual([
      {
        source: "X",
        reason: "model",
        detail:
          '2 observation(s) of "snapshot" (at 2026-03-27T02:00:00+00:00 and 2026-03-27T15:00:00+00:00) not used on 2026-03-27: "alias" comes first in priority order and is present that day',
      },
    ]);
  });

  it("chooses once over the window without `chosen per day`", () => {
    const s = selectWindow(obs, [plan(false)], all, AT, undefined, DAYS);
    expect(Array.from(s.rows[0]!)).toEqual([2]);
    expect(s.chosen).toEqual(["alias"]);
  });

  it("lets a stale first alias give way to a fresh one on the last day only", () => {
    // 120 minutes: the alias's 01:00 row is stale at 16:30, the snapshot's 15:00 row is fresh.
    const stale = { limit: 120 * 60 * 1_000_000, text: "120 minutes" };
    const s = selectWindow(obs, [plan(true)], all, AT, stale, DAYS);
    expect(Array.from(s.rows[0]!)).toEqual([0, 1, 3, 4]);
    expect(s.chosen).toEqual(["snapshot on 2026-03-26, snapshot on 2026-03-27"]);
    expect(s.exclusions.map((e) => e.detail)).toEqual([
      '1 observation(s) of "alias" (at 2026-03-27T01:00:00+00:00) not used on 2026-03-27: its last observation 2026-03-27T01:00:00+00:00 is more than 120 minutes before the fixing time 2026-03-27T16:30:00+00:00, and "snapshot" is fresh',
    ]);
  });
});
