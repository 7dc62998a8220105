/**
 * `termsheet sessions` on the example contracts, against expected sessions computed independently.
 *
 * BTC (specs/contracts/btc-reference-future.terms) states CME Globex's trading hours: "CME Globex: Sunday - Friday
 * 5:00 p.m. - 4:00 p.m. Central Time (CT) with a 60-minute break each day beginning at 4:00 p.m. CT" (CME Group,
 * Bitcoin futures contract specifications, Trading Hours), with the holiday hours of the CME Group Holiday Calendar.
 * The expected sessions are test/cases/sessions/BTC.oracle.json, written by test/oracles/cme_btc_sessions.py from
 * those clauses (not from the engine).
 *
 * NBTW (specs/contracts/btc-nano-weekly-future.terms) states Coinbase Derivatives' nano Bitcoin hours, "Sunday –
 * Friday 6:00 p.m. – 5:00 p.m. ET, with a 1 hour break from 5:00 p.m. – 6:00 p.m. ET", and 24x7 trading "Starting May
 * 9, 2025" (Coinbase Derivatives, Market Hours); its expected sessions are worked out by hand in the notes below.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/paths.js";
import { runIn } from "../helpers/system.js";

interface Oracle {
  readonly first: { readonly tradeDate: string; readonly opens: string };
  readonly ranges: readonly {
    readonly from: string;
    readonly to: string;
    readonly sessions: readonly { day: string; opens: string; closes: string }[];
    readonly closed: readonly { day: string; name: string }[];
  }[];
}

interface Answer {
  readonly sessions: readonly { day: string; opens: string; closes: string; opensLocal: string; closesLocal: string }[];
  readonly closed: readonly { day: string; name: string }[];
  readonly first?: { readonly tradeDate: string; readonly session: { opens: string } | null };
}

async function sessions(contract: string, from: string, to: string): Promise<Answer> {
  const r = await runIn(["sessions", "specs", "--contract", contract, "--from", from, "--to", to, "--format", "json"], repoRoot);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Answer;
}

const oracle = JSON.parse(readFileSync(`${repoRoot}/test/cases/sessions/BTC.oracle.json`, "utf8")) as Oracle;

describe("termsheet sessions: CME Bitcoin futures (BTC)", () => {
  for (const range of oracle.ranges) {
    it(`lists the sessions from ${range.from} to ${range.to} as the published hours give them`, async () => {
      const got = await sessions("BTC", range.from, range.to);
      expect(got.sessions.map(({ day, opens, closes }) => ({ day, opens, closes }))).toEqual(range.sessions);
      expect(got.closed).toEqual(range.closed);
    });
  }

  it("computes the product's first session: Sunday 17 December 2017, 5:00 p.m. CT, for trade date 18 December", async () => {
    const got = await sessions("BTC", "2025-11-23", "2025-11-23");
    expect(got.first?.tradeDate).toBe(oracle.first.tradeDate);
    expect(got.first?.session?.opens).toBe(oracle.first.opens);
  });

  it("prints local and UTC instants in text, with the early closes and the days without a session", async () => {
    const r = await runIn(["sessions", "specs", "--contract", "BTC", "--from", "2025-12-24", "--to", "2025-12-26"], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "BTC: trading sessions from 2025-12-24 to 2025-12-26 (America/Chicago)",
        "first trade date 2017-12-18: first session opens 2017-12-17T17:00:00-06:00 (2017-12-17T23:00:00Z)",
        "2025-12-24  2025-12-23T17:00:00-06:00 – 2025-12-24T12:15:00-06:00  (UTC 2025-12-23T23:00:00Z – 2025-12-24T18:15:00Z)  early close: Christmas Eve",
        "2025-12-25  no session: Christmas Day",
        "2025-12-26  2025-12-25T17:00:00-06:00 – 2025-12-26T16:00:00-06:00  (UTC 2025-12-25T23:00:00Z – 2025-12-26T22:00:00Z)",
        "2 session(s), 1 day(s) without a session",
        "",
      ].join("\n"),
    );
  });

  it("refuses a contract without trading hours, and a range longer than ten years", async () => {
    const none = await runIn(["sessions", "specs", "--contract", "FOTI", "--from", "2025-01-01", "--to", "2025-01-31"], repoRoot);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("FOTI states no trading hours");
    const long = await runIn(["sessions", "specs", "--contract", "BTC", "--from", "2000-01-01", "--to", "2020-01-01"], repoRoot);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain("longer than 3660 days");
  });
});

describe("termsheet sessions: nano Bitcoin weekly futures (NBTW), 24x7 from 9 May 2025", () => {
  it("trades Sunday 18:00 to Friday 17:00 New York time with a daily hour's break until 8 May 2025", async () => {
    // note: Monday 5 May 2025 opens Sunday 4 May 18:00 EDT (22:00 UTC) and closes 17:00 EDT (21:00 UTC); Thursday 8 May
    // is the last session under the old hours (Wednesday 18:00 to Thursday 17:00 EDT).
    const got = await sessions("NBTW", "2025-05-05", "2025-05-08");
    expect(got.sessions.map((s) => [s.day, s.opens, s.closes])).toEqual([
      ["2025-05-05", "2025-05-04T22:00:00Z", "2025-05-05T21:00:00Z"],
      ["2025-05-06", "2025-05-05T22:00:00Z", "2025-05-06T21:00:00Z"],
      ["2025-05-07", "2025-05-06T22:00:00Z", "2025-05-07T21:00:00Z"],
      ["2025-05-08", "2025-05-07T22:00:00Z", "2025-05-08T21:00:00Z"],
    ]);
  });

  it("trades every day, weekends included, from 9 May 2025: one session per Chicago calendar day", async () => {
    // note: Chicago is on CDT (UTC-5) in May, so Saturday 10 May runs 05:00 UTC on the 10th to 05:00 UTC on the 11th.
    const got = await sessions("NBTW", "2025-05-09", "2025-05-11");
    expect(got.sessions.map((s) => [s.day, s.opensLocal, s.closes])).toEqual([
      ["2025-05-09", "2025-05-09T00:00:00-05:00", "2025-05-10T05:00:00Z"],
      ["2025-05-10", "2025-05-10T00:00:00-05:00", "2025-05-11T05:00:00Z"],
      ["2025-05-11", "2025-05-11T00:00:00-05:00", "2025-05-12T05:00:00Z"],
    ]);
  });

  it("opens its first session on the evening before its first trade date", async () => {
    // note: first trade date Monday 8 January 2024; the session opens Sunday 7 January 18:00 EST = 23:00 UTC.
    const got = await sessions("NBTW", "2024-01-01", "2024-01-08");
    expect(got.first).toEqual({ tradeDate: "2024-01-08", session: expect.objectContaining({ opens: "2024-01-07T23:00:00Z" }) });
    expect(got.sessions.map((s) => s.day)).toEqual(["2024-01-08"]);
  });
});
