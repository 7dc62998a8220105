/**
 * The side table that lets the readable contract point back to its sources: from the checked program, the file
 * and line ("specs/contracts/foti.terms:24") where each rule of each declaration is first stated, keyed as the
 * legal builder keys its clauses ("contract FOTI tick", "index AITOK_OUT rounding", "calendar NYSE"). Only
 * locations are read from the syntax tree; every word of the document comes from the compiled model. The CLI
 * passes the table to the renderer when it compiles `.terms` sources (a compiled `.json` spec carries no lines).
 */
import type { Program } from "../../check/program.js";
import type { Statement } from "../../syntax/ast.js";

function contractRule(s: Statement): string | undefined {
  switch (s.kind) {
    case "Underlying":
      return "underlying";
    case "ContractUnit":
      return "contract unit";
    case "Quoted":
      return "price";
    case "Tick":
      return s.variant === "outright" ? "tick" : s.variant === "spread" ? "spread tick" : "premium tick";
    case "Listing":
      return "listing";
    case "LastTradingDay":
      return "last trading day";
    case "Expiry":
      return "expiry";
    case "Termination":
      return "termination";
    case "FinalSettlement":
      return "final settlement";
    case "DailySettlement":
      return "daily settlement";
    case "PriceLimits":
      return "price limits";
    case "PositionLimit":
      return "position limits";
    case "Fallback":
      return "fallback";
    case "OptionType":
      return "rights";
    case "Exercise":
      return "exercise";
    case "AutoExercise":
      return "automatic exercise";
    case "Strikes":
      return "strikes";
    case "Leg":
      return "legs";
    case "NegativePrices":
      return "negative prices";
    case "Payment":
      return "payment";
    case "TradingHours":
    case "SessionChange":
      return "trading hours";
    case "PaymentAmounts":
      return "payment amounts";
    case "IndexLicence":
      return "index licence";
    case "IndexDisclaimer":
      return "index disclaimer";
    case "VersionsSelected":
      return "rule versions";
    default:
      return undefined;
  }
}

function indexRule(s: Statement): string | undefined {
  switch (s.kind) {
    case "Administrator":
      return "administrator";
    case "Methodology":
      return "methodology";
    case "Quoted":
      return "quoted";
    case "TimeZone":
      return "time zone";
    case "Source":
      return "sources";
    case "Window":
      return "observation window";
    case "Partition":
    case "EmptyIntervals":
      return "partitions";
    case "Aggregate":
      return s.level === "trades"
        ? "trades"
        : s.level === "intervals"
          ? "intervals"
          : s.level === "samples"
            ? "combination of samples"
            : "combination of sources";
    case "ExcludeDeviation":
    case "ExcludeStale":
      return "exclusions";
    case "Minimum":
      return s.what === "sources" ? "minimum sources" : "partitions";
    case "Degradation":
      return "combination of sources";
    case "ExtremeMoves":
      return "extreme moves";
    case "Round":
      return "rounding";
    case "Publish":
      return "publication";
    case "Restate":
      return "restatement";
    case "Sample":
      return "samples";
    default:
      return undefined;
  }
}

/** Where each rule of each declaration of the program is first stated, as "file:line". */
export function sourceLines(program: Program): Map<string, string> {
  const out = new Map<string, string>();
  const set = (key: string, where: string) => {
    if (!out.has(key)) out.set(key, where);
  };
  for (const f of program.files) {
    const at = (offset: number) => `${f.source.path}:${f.source.position(offset).line}`;
    for (const d of f.ast.declarations) {
      const name = d.name?.name;
      if (name === undefined) continue;
      if (d.kind === "Calendar") {
        set(`calendar ${name}`, at(d.span.start));
        continue;
      }
      const isIndex = d.kind === "Index";
      for (const s of d.statements) {
        const rule = isIndex ? indexRule(s) : contractRule(s);
        if (rule !== undefined) set(`${isIndex ? "index" : "contract"} ${name} ${rule}`, at(s.span.start));
      }
    }
  }
  return out;
}
