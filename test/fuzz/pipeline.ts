/**
 * What the fuzzer does with one mutant, in process: check it (parse and check, `checkSources`); when the check
 * finds no error, build it in memory as `termsheet build` does up to writing files (`compileSources`, then the
 * settlement module of each contract, formatted with prettier); load each built spec with `loadSpec`; and settle
 * it: expiries and listings of its contract over 2026, the final settlement of two periods (with a position, and
 * as a call for an option), a daily settlement, and each index on each day, on market data generated for the spec
 * (market.ts), each report rendered as JSON and text. The outcome is `ok`, `diagnostics` (the user's mistakes:
 * fine), or a failure: an internal error (E9001, E6001, a generator error: what `termsheet` exits 3 for), an
 * exception escaping any stage, a build that fails after a clean check, or a built spec the loader refuses.
 * Hangs, aborts and super-linear times are caught by the pool around it (pool.ts).
 */
import { settlementModules, type GeneratorSpec } from "../../src/backends/settlement/index.js";
import { compileSources } from "../../src/compile.js";
import { Codes, type Diagnostic } from "../../src/diagnostics/index.js";
import { checkSources, type Host } from "../../src/driver.js";
import { loadSpec } from "../../src/model/load.js";
import { fromCivil } from "../../src/runtime/calendar/index.js";
import { expiryToJson, Schedule } from "../../src/runtime/schedule/index.js";
import { reportJson, reportText, settlementFunctions, type SettlementSpec } from "../../src/runtime/functions/index.js";
import { dayBefore, marketFor } from "./market.js";

/** The kinds of failure; `abort`, `hang` and `slow` are found by the pool. */
export type FailureClass = "internal-error" | "exception" | "build-after-check" | "load-refused" | "abort" | "hang" | "slow";

/** A failure: its class, the stage it happened in, one line of message, and details (a stack, the diagnostics). */
export interface Failure {
  readonly class: FailureClass;
  readonly stage: "check" | "build" | "generate" | "load" | "settle" | "worker";
  readonly message: string;
  readonly detail?: string;
}

/** What became of a mutant. */
export type Outcome =
  | { readonly kind: "ok"; readonly specs: number; readonly reports: number }
  | { readonly kind: "diagnostics"; readonly errors: number }
  | { readonly kind: "failure"; readonly failure: Failure };

/** Paths that make the worker hang or abort instead of running the pipeline, to test the watchdog (pool.test.ts). */
export const PROBES = { hang: "<fuzz probe: hang>", abort: "<fuzz probe: abort>" } as const;

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  /** Generate and format the settlement modules of built contracts (true by default). */
  readonly modules?: boolean;
}

const BUG_CODES: ReadonlySet<string> = new Set([Codes.InternalError, Codes.ModelValidationFailed]);

function thrown(stage: Failure["stage"], e: unknown): Outcome {
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: "failure", failure: { class: "exception", stage, message: `${err.name}: ${err.message}`, detail: err.stack ?? "" } };
}

function bugIn(stage: Failure["stage"], ds: readonly Diagnostic[]): Outcome | undefined {
  const bug = ds.find((d) => BUG_CODES.has(d.code));
  if (bug === undefined) return undefined;
  return { kind: "failure", failure: { class: "internal-error", stage, message: `${bug.code}: ${bug.message}` } };
}

/** Runs one mutant through the pipeline; never throws. */
export async function runPipeline(path: string, text: string, host: Host, options: PipelineOptions = {}): Promise<Outcome> {
  const roots = [{ path, text }];
  let errors: number;
  try {
    const checked = checkSources(roots, host);
    const bug = bugIn("check", checked.diagnostics);
    if (bug) return bug;
    errors = checked.diagnostics.filter((d) => d.severity === "error").length;
  } catch (e) {
    return thrown("check", e);
  }
  if (errors > 0) return { kind: "diagnostics", errors };

  let built: ReturnType<typeof compileSources>;
  try {
    built = compileSources(roots, host, { compilerVersion: "0.0.0-fuzz" });
  } catch (e) {
    return thrown("build", e);
  }
  const bug = bugIn("build", built.diagnostics);
  if (bug) return bug;
  const late = built.diagnostics.find((d) => d.severity === "error");
  if (late !== undefined)
    return {
      kind: "failure",
      failure: { class: "build-after-check", stage: "build", message: `${late.code} after a clean check: ${late.message}` },
    };

  if (options.modules !== false) {
    try {
      const generated = await settlementModules(
        built.files.map((f) => ({ path: f.path, spec: JSON.parse(f.text) as GeneratorSpec })),
        {},
      );
      if (!generated.ok) return { kind: "failure", failure: { class: "internal-error", stage: "generate", message: generated.message } };
    } catch (e) {
      return thrown("generate", e);
    }
  }

  const specs: SettlementSpec[] = [];
  for (const f of built.files) {
    try {
      specs.push(loadSpec(f.text) as unknown as SettlementSpec);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return {
        kind: "failure",
        failure: {
          class: err.name === "SpecError" ? "load-refused" : "exception",
          stage: "load",
          message: `${f.path}: ${err.message}`,
          detail: err.stack,
        },
      };
    }
  }

  let reports = 0;
  try {
    for (const spec of specs) reports += settle(spec);
  } catch (e) {
    return thrown("settle", e);
  }
  return { kind: "ok", specs: specs.length, reports };
}

/** Settles a loaded spec: schedule questions, final and daily settlements, index values. The number of reports. */
function settle(spec: SettlementSpec): number {
  const schedule = new Schedule(spec);
  const fns = settlementFunctions(spec);
  const name = spec.subject.name;
  const isContract = Object.hasOwn(spec.contracts, name);
  const days: string[] = [];
  const periods: { period: string; day: string; symbol: string }[] = [];
  if (isContract) {
    const r = schedule.expiries(name, { year: 2026, month: 1 }, { year: 2026, month: 12 });
    schedule.listedOn(name, fromCivil(2026, 3, 2));
    if (r.ok) {
      for (const e of [r.value[0], r.value[r.value.length - 1]]) {
        if (e === undefined) continue;
        const j = expiryToJson(e);
        periods.push({ period: j.period, day: j.lastTradingDay, symbol: j.symbol });
        days.push(j.lastTradingDay, ...(j.averagingDays ?? []).slice(0, 6), ...(j.legs ?? []).map((l) => l.lastTradingDay));
      }
    }
  } else {
    days.push("2026-03-27", "2026-06-30");
  }
  const market = marketFor(
    spec,
    [...new Set(days)],
    periods.map((p) => ({ symbol: p.symbol, day: dayBefore(p.day) })),
  );
  const reports = [];
  const option = spec.contracts[name]?.strikes !== undefined;
  for (const [k, p] of periods.entries()) {
    reports.push(
      fns.final({
        period: p.period,
        ...market,
        ...(k === 0 ? { position: { quantity: "-3", price: "10.05" } } : { determined: "10.5" }),
        ...(option ? { option: { right: k === 0 ? "call" : "put", strike: "10" } } : {}),
      }),
    );
    reports.push(fns.daily({ period: p.period, date: dayBefore(p.day), prior: "10.1", bidAsk: { bid: "10", ask: "10.2" }, ...market }));
  }
  if (periods.length === 0 && isContract) reports.push(fns.final({ period: "2026-03", ...market }));
  for (const index of Object.keys(spec.indices)) {
    for (const day of days.slice(0, 2)) {
      reports.push(fns.index({ index, at: day, ...market }));
      reports.push(fns.index({ index, at: `${day}T15:30:00Z`, ...market }));
    }
  }
  for (const r of reports) {
    reportJson(r);
    reportText(r);
  }
  return reports.length;
}
