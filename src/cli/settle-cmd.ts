/**
 * `termsheet settle` and `termsheet index`: loads the spec (a compiled `.json` spec, or `.terms` sources compiled
 * now, through src/cli/load.ts), streams the observations file and reads the fixings file (src/cli/market-data-files.ts),
 * runs the settlement functions of src/runtime/functions and prints the report: the short readable certificate, or
 * the canonical JSON with `--format json`, or an HTML certificate with a chart with `--format html`. Exit 0 with a price, 1 when the settlement failed (the certificate says
 * why) or an input is missing or malformed, 2 for an unknown contract or index. Loaded lazily by run.ts.
 */
import type { DealerQuote, Fixing, Observations } from "../runtime/market-data/index.js";
import type { RecordField } from "../runtime/market-data/record.js";
import { recordFieldsOf } from "../runtime/engine/trade-qualification.js";
import { formatPeriod, parseContractSymbol } from "../runtime/schedule/index.js";
import {
  fixingSeries,
  reportJson,
  reportText,
  settlementFunctions,
  type IndexReport,
  type SettlementReport,
  type SettlementSpec,
  type StripMonthReq,
  type StripReport,
  type LegsReport,
} from "../runtime/functions/index.js";
import type { SettleInvocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { loadSpecInput } from "./load.js";
import { readDealerQuotesFile, readFixingsFile, readObservationsFile } from "./market-data-files.js";
import { progressBar, type Progress } from "./progress.js";
import { reportStyle, unknownName, usageProblem } from "./report.js";
import type { System } from "./system.js";

/** Every source named by an index of the spec, in any version: the observations may name no other. */
function specSources(spec: SettlementSpec): string[] {
  const names = new Set<string>();
  for (const index of Object.values(spec.indices)) for (const clause of index.sources) names.add(clause.value.name);
  return [...names].sort();
}

/** The record columns the spec's trade qualification reads (the reader keeps these and skips any other). */
function specRecordFields(spec: SettlementSpec): RecordField[] {
  const fields = new Set<RecordField>();
  for (const index of Object.values(spec.indices)) for (const f of recordFieldsOf(index)) fields.add(f);
  return [...fields].sort();
}

/** Whether the subject's final settlement reads a future's own trades (`future-vwap`), which name no index source. */
function settlesOnFutureTrades(spec: SettlementSpec): boolean {
  const c = spec.contracts[spec.subject.name];
  return c !== undefined && c.finalSettlement.some((v) => v.value.value.kind === "future-vwap");
}

/** The market data named by the options; problems are printed and give the exit code instead. */
function readMarketData(
  inv: SettleInvocation,
  spec: SettlementSpec,
  restrictSources: boolean,
  progress: Progress,
  sys: System,
):
  | { ok: true; observations?: Observations; fixings?: readonly Fixing[]; dealerQuotes?: readonly DealerQuote[] }
  | { ok: false; exit: number } {
  const data: { ok: true; observations?: Observations; fixings?: readonly Fixing[]; dealerQuotes?: readonly DealerQuote[] } = { ok: true };
  const { observations, fixings, dealerQuotes } = inv.options;
  if (dealerQuotes !== undefined) {
    const read = readDealerQuotesFile(dealerQuotes, sys);
    if (!read.ok) {
      progress.finish();
      sys.write("stderr", read.lines.join("\n") + "\n");
      return { ok: false, exit: ExitCode.UserError };
    }
    data.dealerQuotes = read.value;
  }
  if (observations !== undefined) {
    const sources = specSources(spec);
    const read = readObservationsFile(
      observations,
      restrictSources && sources.length > 0 ? sources : undefined,
      sys,
      progress,
      specRecordFields(spec),
    );
    if (!read.ok) {
      progress.finish();
      sys.write("stderr", read.lines.join("\n") + "\n");
      return { ok: false, exit: ExitCode.UserError };
    }
    data.observations = read.value;
  }
  if (fixings !== undefined) {
    const read = readFixingsFile(fixings, fixingSeries(spec), sys);
    if (!read.ok) {
      progress.finish();
      sys.write("stderr", read.lines.join("\n") + "\n");
      return { ok: false, exit: ExitCode.UserError };
    }
    data.fixings = read.value;
  }
  return data;
}

async function print(
  report: SettlementReport | IndexReport | StripReport | LegsReport,
  inv: SettleInvocation,
  sys: System,
): Promise<number> {
  const html =
    inv.format === "html" && report.kind !== "strip" && report.kind !== "legs"
      ? (await import("../runtime/functions/report-html.js")).reportHtml
      : undefined;
  sys.write(
    "stdout",
    html !== undefined && report.kind !== "strip" && report.kind !== "legs"
      ? html(report)
      : inv.format === "json"
        ? reportJson(report)
        : reportText(report),
  );
  // Settling without any market data is a common first try: say what is missing rather than only why it failed.
  const wantedData =
    report.error !== null && ["determination-required", "unresolved", "no-market-data", "no-data"].includes(report.error.kind);
  if (wantedData && inv.options.observations === undefined && inv.options.fixings === undefined && inv.options.determined === undefined) {
    sys.write(
      "stderr",
      "hint: no market data was given: name the observations with `--observations FILE` and/or the published fixings with `--fixings FILE`\n",
    );
  }
  return report.ok ? ExitCode.Ok : ExitCode.UserError;
}

/** Runs `termsheet settle` or `termsheet index`. */
export async function settleCommand(inv: SettleInvocation, sys: System): Promise<number> {
  return inv.command === "index" ? indexCommand(inv, sys) : settle(inv, sys);
}

async function settle(inv: SettleInvocation, sys: System): Promise<number> {
  const o = inv.options;
  // `--contract FOTI-Z26` names the contract and its period at once.
  const symbol = parseContractSymbol(o.contract!);
  if (symbol !== undefined && (o.month !== undefined || o.expiry !== undefined)) {
    return usageProblem(
      sys,
      `\`${o.contract}\` is a symbol that already names its period: leave out \`--month\` and \`--expiry\`, or give the contract's name`,
    );
  }
  const name = symbol?.contract ?? o.contract!;
  if (o.strip !== undefined) return settleStrip(inv, name, sys);
  const period = symbol !== undefined ? formatPeriod(symbol.period) : (o.month ?? o.expiry);
  if (period === undefined) {
    return usageProblem(
      sys,
      "missing `--month YYYY-MM` (or `--expiry YYYY-MM-DD` for a weekly contract)",
      `hint: or give the contract's symbol, e.g. \`--contract ${name}-Z26\``,
      "Run `termsheet help settle` for more.",
    );
  }
  const loaded = await loadSpecInput(inv.inputs, name, "settle", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec: SettlementSpec = loaded.spec;
  if (spec.subject.name !== name) {
    if (Object.hasOwn(spec.contracts, name)) {
      return usageProblem(
        sys,
        `the spec is the spec of \`${spec.subject.name}\`; \`${name}\` appears in it only as a part`,
        `hint: settle \`${name}\` with its own compiled spec (contracts/${name}.json)`,
      );
    }
    const known = spec.subject.kind === "index" || spec.subject.kind === "calendar" ? Object.keys(spec.contracts) : [spec.subject.name];
    return unknownName(sys, { command: "settle", what: "contract", plural: "contracts", name, known, where: "in the spec" });
  }
  const progress = progressBar(sys, `reading ${o.observations ?? ""}`);
  const data = readMarketData(inv, spec, o.daily === undefined && !settlesOnFutureTrades(spec), progress, sys);
  if (!data.ok) return data.exit;
  progress.stage(o.daily === undefined ? "computing the final settlement" : "computing the daily settlement");
  const market = {
    ...(data.observations !== undefined ? { observations: data.observations } : {}),
    ...(data.fixings !== undefined ? { fixings: data.fixings } : {}),
    ...(data.dealerQuotes !== undefined ? { dealerQuotes: data.dealerQuotes } : {}),
  };
  const fns = settlementFunctions(spec);
  if (o.legs !== undefined) {
    if (inv.format === "html")
      return usageProblem(sys, "a spread position's legs are printed as text or JSON: use `--format text` or `--format json`");
    const legs = fns.legs!({
      ...market,
      period,
      position: o.position!,
      reference: o.legs,
      ...(o.valuedOn !== undefined ? { date: o.valuedOn } : {}),
      ...(o.determined !== undefined ? { determined: o.determined } : {}),
      ...(o.determinedOn !== undefined ? { determinedOn: o.determinedOn } : {}),
      ...(o.negotiated !== undefined && o.negotiatedOn !== undefined ? { negotiated: { value: o.negotiated, date: o.negotiatedOn } } : {}),
      ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
    });
    progress.finish();
    return print(legs, inv, sys);
  }
  const report =
    o.daily !== undefined
      ? fns.daily({
          ...market,
          period,
          date: o.daily,
          ...(o.prior !== undefined ? { prior: o.prior } : {}),
          ...(o.bid !== undefined && o.ask !== undefined ? { bidAsk: { bid: o.bid, ask: o.ask } } : {}),
          ...(o.position !== undefined ? { position: o.position } : {}),
          ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
        })
      : fns.final({
          ...market,
          period,
          ...(o.determined !== undefined ? { determined: o.determined } : {}),
          ...(o.determinedOn !== undefined ? { determinedOn: o.determinedOn } : {}),
          ...(o.negotiated !== undefined && o.negotiatedOn !== undefined
            ? { negotiated: { value: o.negotiated, date: o.negotiatedOn } }
            : {}),
          ...(o.position !== undefined ? { position: o.position } : {}),
          ...(o.right !== undefined && o.strike !== undefined ? { option: { right: o.right, strike: o.strike } } : {}),
          ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
        });
  progress.finish();
  return print(report, inv, sys);
}

async function indexCommand(inv: SettleInvocation, sys: System): Promise<number> {
  const o = inv.options;
  const loaded = await loadSpecInput(inv.inputs, o.index, "index", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec: SettlementSpec = loaded.spec;
  const indices = Object.keys(spec.indices);
  let name = o.index;
  if (name === undefined) {
    if (spec.subject.kind === "index") name = spec.subject.name;
    else if (indices.length === 1) name = indices[0]!;
    else {
      return usageProblem(
        sys,
        "the spec has several indices; choose one with `--index NAME`",
        `indices: ${indices.sort().join(", ") || "(none)"}`,
      );
    }
  }
  if (!Object.hasOwn(spec.indices, name)) {
    return unknownName(sys, { command: "index", what: "index", plural: "indices", name, known: indices, where: "in the spec" });
  }
  if (o.engine !== undefined) {
    // The methodology compiled to SQL on an engine (src/cli/duckdb-engine.ts, loaded only here): a date's fixing.
    if (o.observations === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(o.at!))
      return usageProblem(
        sys,
        "`--engine` computes a date's fixing from `--observations FILE`: give `--at YYYY-MM-DD` and the observations",
      );
    const { engineIndex } = await import("./duckdb-engine.js");
    return engineIndex(spec.indices[name]!, o.at!, o.observations, sys);
  }
  const progress = progressBar(sys, `reading ${o.observations ?? ""}`);
  const data = readMarketData(inv, spec, true, progress, sys);
  if (!data.ok) return data.exit;
  progress.stage(`computing ${name}`);
  const report = settlementFunctions(spec).index({
    index: name,
    at: o.at!,
    ...(data.observations !== undefined ? { observations: data.observations } : {}),
    ...(data.fixings !== undefined ? { fixings: data.fixings } : {}),
  });
  progress.finish();
  return print(report, inv, sys);
}

/** `--strip MONTH@PRIOR,…` as strip months, or the item that is not one. */
function stripMonths(text: string): StripMonthReq[] | string {
  const out: StripMonthReq[] = [];
  for (const item of text.split(",")) {
    const m = /^([0-9]{4}-[0-9]{2})(?:@(.+))?$/.exec(item.trim());
    if (m === null) return item;
    out.push(m[2] === undefined ? { period: m[1]! } : { period: m[1]!, prior: m[2] });
  }
  return out;
}

/** `termsheet settle --contract NAME --daily DATE --strip MONTH@PRIOR,…`: the strip's daily settlements. */
async function settleStrip(inv: SettleInvocation, name: string, sys: System): Promise<number> {
  const o = inv.options;
  if (inv.format === "html")
    return usageProblem(sys, "a strip's certificate is printed as text or JSON: use `--format text` or `--format json`");
  const months = stripMonths(o.strip!);
  if (typeof months === "string")
    return usageProblem(
      sys,
      `\`--strip\`: \`${months}\` is not a contract month YYYY-MM with its prior settlement`,
      "hint: e.g. `--strip 2026-04@60000,2026-05@60200`",
    );
  const loaded = await loadSpecInput(inv.inputs, name, "settle", sys, reportStyle(inv.format, false, sys));
  if (!loaded.ok) return loaded.exit;
  const spec: SettlementSpec = loaded.spec;
  if (spec.subject.name !== name || spec.subject.kind !== "future")
    return usageProblem(sys, `\`--strip\` settles the months of a future: the spec is the spec of \`${spec.subject.name}\``);
  const progress = progressBar(sys, `reading ${o.observations ?? ""}`);
  const data = readMarketData(inv, spec, false, progress, sys);
  if (!data.ok) return data.exit;
  progress.stage("computing the strip's daily settlements");
  const report = settlementFunctions(spec).strip!({
    date: o.daily!,
    months,
    ...(data.observations !== undefined ? { observations: data.observations } : {}),
    ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
  });
  progress.finish();
  return print(report, inv, sys);
}
