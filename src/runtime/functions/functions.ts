/**
 * The settlement functions of a compiled spec: `settlementFunctions(spec)` returns `index`, `final` and `daily`,
 * each a pure function from a request with market data to a plain-data report. They are a generic composition of
 * the steps in `steps.ts` over a {@link SettleEnv} — the spec's schedule, calendar engines, index methodologies and
 * the contract terms in force on a date. `specEnv` builds the environment from a spec; the generated backend builds
 * the same environment from literal constants and calls `functionsOf`, `finalOf` and `dailyOf` (or the steps),
 * so both backends print identical reports. A final settlement dispatches on the rule in force on the last trading
 * day: an index at a time or averaged over days (through the fallback waterfall), the underlying contract's final
 * price for the same period (an option on a future), or leg by leg (a spread: each leg settled as its own contract
 * period); an option then adds its exercise and payoff. Never throws for a valid spec.
 */
import { stripOf } from "./strip.js";
import { haltsOf } from "./halts.js";
import { isContract, type SettleEnv, specEnv } from "./env.js";
import { dailyOf } from "./daily-of.js";
import { finalOf } from "./final-of.js";
import type { IndexReport, IndexReq, SettlementReport, SettlementSpec, SpecFunctions } from "./reports.js";
import { indexReport, settlementReport } from "./steps.js";

export { type SettleEnv, specEnv } from "./env.js";
export { dailyOf } from "./daily-of.js";
export { finalOf, type LegOverride } from "./final-of.js";

/** One index value of the spec. */
export function indexOf(env: SettleEnv, req: IndexReq): IndexReport {
  return indexReport({
    specHash: env.specHash,
    index: req.index,
    methodology: env.index(req.index),
    at: req.at,
    engines: (n) => env.engine(n),
    ...(req.observations !== undefined ? { observations: req.observations } : {}),
    ...(req.fixings !== undefined ? { fixings: req.fixings } : {}),
  });
}

/** The settlement functions over an environment: the subject contract's final and daily settlement, any index. */
export function functionsOf(env: SettleEnv): SpecFunctions {
  const subject = env.subject;
  const notAContract = (kind: "final" | "daily", period: string): SettlementReport =>
    settlementReport({
      kind,
      contract: subject.name,
      specHash: env.specHash,
      period,
      contractKind: subject.kind,
      error: {
        kind: "not-a-contract",
        message: `${subject.name} is ${subject.kind === "index" ? "an index" : `a ${subject.kind}`}, not a contract`,
      },
    });
  return {
    subject,
    specHash: env.specHash,
    index: (req) => indexOf(env, req),
    final: (req) => (isContract(subject.kind) ? finalOf(env, subject.name, req) : notAContract("final", req.period)),
    daily: (req) => (isContract(subject.kind) ? dailyOf(env, subject.name, req) : notAContract("daily", req.period)),
    strip: (req) =>
      isContract(subject.kind)
        ? stripOf(env, subject.name, req)
        : {
            ok: false,
            error: { kind: "not-a-contract", message: `${subject.name} is an index, not a contract` },
            kind: "strip",
            contract: subject.name,
            date: req.date,
            specHash: env.specHash,
            lead: null,
            months: [],
          },
    halts: (req) => haltsOf(env, subject.name, req),
  };
}

/** The settlement functions of a compiled spec (as `loadSpec` returns it). Never throws for a valid spec. */
export function settlementFunctions(spec: SettlementSpec): SpecFunctions {
  return functionsOf(specEnv(spec));
}
