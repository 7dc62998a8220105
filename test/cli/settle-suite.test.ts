/**
 * The settlement suite (test/cases/settlement, test/settlement-suite.ts) through the CLI: every case's request
 * becomes a `termsheet settle`, `termsheet index` or `termsheet halts` command line on the golden compiled spec and the case's data
 * files, and must print the case's goldens, `expected.txt` and (with `--format json`) `expected.json`, byte for
 * byte, with exit code 0 for a price and 1 for a failed settlement; each runs in its case's folder, so a data file is
 * named as the case names it. A request the command line refuses in form
 * (e.g. a 13th month) is a usage error instead. The cases run in process (runCli on the real file system); a few
 * run through the built executable as well, which must print the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { settlementCases, type SettlementCase } from "../settlement-suite.js";
import { ensureBuilt, repoRoot, runIn, termsheet } from "./helpers.js";

const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The command line of a case, or null when its period cannot be written as options (then it is a usage error). */
function commandLine(c: SettlementCase): string[] | null {
  const r = c.request as Record<string, unknown> & { spec: string; function: string };
  const args = [r.function === "index" ? "index" : "settle", join(repoRoot, "test/cases/compiled", r.spec)];
  // Data files as the case names them, the command running in the case's folder: an error names the file as given.
  const data = (name: "observations" | "fixings") => (typeof r[name] === "string" ? [`--${name}`, r[name] as string] : []);
  if (r.function === "index")
    return [...args, "--index", r.index as string, "--at", r.at as string, ...data("observations"), ...data("fixings")];
  const spec = JSON.parse(readFileSync(args[1]!, "utf8")) as { subject: { name: string } };
  if (r.function === "strip") {
    const months = (r.months as { period: string; prior?: string }[]).map((m) =>
      m.prior === undefined ? m.period : `${m.period}@${m.prior}`,
    );
    return [...args, "--contract", spec.subject.name, "--daily", r.date as string, "--strip", months.join(","), ...data("observations")];
  }
  if (r.function === "halts") {
    const month = typeof r.period === "string" ? ["--month", r.period] : [];
    const prices = ["--prices", r.observations as string];
    return [
      "halts",
      args[1]!,
      "--contract",
      spec.subject.name,
      ...prices,
      `--prior=${r.prior as string}`,
      "--date",
      r.date as string,
      ...month,
    ];
  }
  const period = r.period as string;
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  const when = week
    ? ["--contract", `${spec.subject.name}-${week[1]!.slice(2)}W${week[2]}`]
    : [
        "--contract",
        spec.subject.name,
        ISO_MONTH.test(period) ? "--month" : /^\d{4}-\d{2}-\d{2}$/.test(period) ? "--expiry" : "--month",
        period,
      ];
  args.push(...when, ...data("observations"), ...data("fixings"));
  if (r.function === "daily") args.push("--daily", r.date as string);
  if (typeof r.prior === "string") args.push(`--prior=${r.prior}`);
  const bidAsk = r.bidAsk as { bid: string; ask: string } | undefined;
  if (bidAsk) args.push(`--bid=${bidAsk.bid}`, `--ask=${bidAsk.ask}`);
  const position = r.position as { quantity: string; price: string } | undefined;
  if (position) args.push(`--position=${position.quantity}@${position.price}`);
  const option = r.option as { right: string; strike: string } | undefined;
  if (option) args.push("--right", option.right, `--strike=${option.strike}`);
  if (typeof r.determined === "string") args.push(`--determined=${r.determined}`);
  if (typeof r.determinedOn === "string") args.push("--determined-on", r.determinedOn);
  const negotiated = r.negotiated as { value: string; date: string } | undefined;
  if (negotiated) args.push(`--negotiated=${negotiated.value}`, "--negotiated-on", negotiated.date);
  if (typeof r.dealerQuotes === "string") args.push("--dealer-quotes", r.dealerQuotes);
  if (typeof r.asOf === "string") args.push("--as-of", r.asOf);
  return args;
}

const cases = settlementCases();

/** Checks a case's output; `run` runs the CLI on arguments in the case's folder. */
async function expectCase(c: SettlementCase, run: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>) {
  const args = commandLine(c)!;
  const expectedText = readFileSync(join(c.dir, "expected.txt"), "utf8");
  const expectedJson = readFileSync(join(c.dir, "expected.json"), "utf8");
  const ok = (JSON.parse(expectedJson) as { ok: boolean }).ok;
  const text = await run(args);
  if (text.code === 2) {
    // Refused in form by the command line: only for requests the runtime refuses too.
    expect(ok, text.stderr).toBe(false);
    return;
  }
  expect(text.stderr).toBe("");
  expect(text.stdout).toBe(expectedText);
  expect(text.code).toBe(ok ? 0 : 1);
  expect((await run([...args, "--format", "json"])).stdout).toBe(expectedJson);
}

describe("the settlement suite through termsheet settle and termsheet index", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(20));

  for (const c of cases) it(c.name, () => expectCase(c, (args) => runIn(args, c.dir)));
});

describe("the settlement suite through the built executable (a few cases)", () => {
  beforeAll(() => ensureBuilt(), 120_000);
  // A final settlement, a daily one and an index, each through bin/termsheet.js.
  const smoke = ["final", "daily", "index"].map((fn) => cases.find((c) => c.request.function === fn)!);

  // Two subprocesses each: allow for a loaded machine.
  for (const c of smoke) it(c.name, () => expectCase(c, async (args) => termsheet(args, c.dir)), 60_000);
});
