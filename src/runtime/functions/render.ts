/**
 * Renderings of settlement reports: canonical JSON (keys sorted at every level, two-space indentation, a final
 * newline — the same bytes from either backend) and a short readable certificate saying what was settled, the
 * price and how it was rounded, each day's value with the fallback level reached and why the levels above failed,
 * the index certificates (inputs used, exclusions and why, partition values), the rule and methodology versions,
 * the spec's content hash, and the option, spread and position sections. Pure: returns strings.
 */
import { certificateLines } from "../engine/index.js";
import { Decimal } from "../numbers/decimal.js";
import type { HaltsReport, IndexReport, RestatementReport, SettlementReport, StripReport } from "./reports.js";

/** Every report the settlement functions return. */
type AnyReport = SettlementReport | IndexReport | StripReport | HaltsReport;

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Canonical JSON of a report: sorted keys, two-space indentation, newline-terminated. */
export function reportJson(r: AnyReport): string {
  return `${JSON.stringify(sortKeys(r), null, 2)}\n`;
}

function settlementLines(r: SettlementReport, indent: string, nested = false): string[] {
  const lines: string[] = [];
  const what = `${r.symbol ?? `${r.contract} ${r.period}`} ${r.kind} settlement`;
  const money = (amount: string | null, currency: string | null) =>
    amount === null ? "n/a" : currency === null ? amount : `${amount} ${currency}`;
  if (r.ok) lines.push(`${what}: ${r.price}${r.flagged ? " (flagged)" : ""}`);
  else lines.push(`${what}: no price (${r.error?.kind}): ${r.error?.message}`);
  if (r.lastTradingDay !== null)
    lines.push(
      `  last trading day ${r.lastTradingDay}; termination ${r.termination ?? "not stated"}; settlement date ${r.settlementDate ?? "not stated"}`,
    );
  if (r.payment !== undefined) lines.push(`  payment date ${r.payment.date}: ${r.payment.rule} (${r.payment.from})`);
  if (r.method !== null) lines.push(`  method: ${r.method}`);
  if (r.unrounded !== null) lines.push(`  unrounded ${r.unrounded}; rounding ${r.rounding ?? "none"}`);
  for (const d of r.days) {
    lines.push(
      `  ${d.date}: ${d.value} from ${d.index}${d.valueDate !== null && d.valueDate !== d.date ? ` of ${d.valueDate}` : ""}, level ${d.level}${d.flagged ? ", flagged" : ""}`,
    );
    for (const a of d.attempts) if (a.outcome !== "value") lines.push(`    level ${a.level} ${a.action}: ${a.outcome} (${a.reason})`);
  }
  for (const d of r.excludedDays ?? []) {
    lines.push(`  ${d.date}: left out of the average, level ${d.level}`);
    for (const a of d.attempts) if (a.outcome !== "excluded") lines.push(`    level ${a.level} ${a.action}: ${a.outcome} (${a.reason})`);
  }
  for (const a of r.attempts) lines.push(`  level ${a.level} ${a.action}: ${a.outcome} (${a.reason})`);
  lines.push(...restatementLines(r.restatements));
  if (r.daily !== null) {
    const d = r.daily;
    lines.push(
      `  daily ${d.date}: ${d.step === null ? "no step produced a price" : `step ${d.step} (${d.stepKind})`}; prior ${d.prior ?? "none"}`,
    );
    for (const a of d.attempts) lines.push(`    ${a}`);
    d.bands.forEach((b, i) => lines.push(`    price limit ${i + 1}: ${b.lower} to ${b.upper}`));
    const b = d.breach;
    if (b !== undefined)
      lines.push(
        `    beyond price limit ${b.limit} (${b.lower} to ${b.upper}): ${b.computed} ${b.action === "clamped" ? `clamped to ${b.price}` : "flagged, settled as computed"}`,
      );
  }
  for (const c of r.indexCertificates) {
    lines.push(`  index ${c.index} on ${c.date}: ${c.status}`);
    lines.push(...certificateLines(c, "    "));
  }
  if (r.option !== null) {
    const o = r.option;
    lines.push(
      `  option ${o.right} strike ${o.strike} on ${o.underlying} at ${o.underlyingPrice}: intrinsic ${o.intrinsic}, ${o.exercised ? "exercised" : "not exercised"} (${o.reason}); payoff ${money(o.payoff, o.currency)} per contract`,
    );
    if (o.futures === null) lines.push(`  exercise into futures: none (not exercised)`);
    else if (o.futures !== undefined) {
      const f = o.futures;
      lines.push(
        `  exercise into futures: ${f.side} ${f.quantity} × ${f.symbol} @ ${f.price} per contract, settled at ${f.settlementPrice}: variation ${f.variation === null ? "n/a" : money(f.variation, f.currency)}`,
      );
    }
  }
  if (r.spread !== null) {
    for (const l of r.spread.legs) {
      lines.push(`  leg ${l.side} ${l.ratio} × ${l.symbol}: ${l.price ?? "no price"}`);
      lines.push(...settlementLines(l.settlement, "    ", true).slice(1));
    }
    lines.push(`  spread value ${r.spread.value ?? "n/a"}`);
  }
  if (r.position !== null) {
    const p = r.position;
    lines.push(
      `  position ${p.quantity} @ ${p.price}: multiplier ${money(p.multiplier, p.currency)}, variation ${money(p.variation, p.currency)}${p.variationUnrounded === undefined ? "" : ` (unrounded ${p.variationUnrounded}, rounded ${p.variationRounding})`}`,
    );
  }
  if (nested) return lines.map((l) => indent + l);
  if (r.ruleVersions !== undefined) lines.push(`  rule versions ${r.ruleVersions}`);
  for (const x of r.rules)
    lines.push(`  rule ${x.contract} ${x.rule}${x.clauses.length === 0 ? "" : ` [${x.clauses.join("; ")}]`} (${x.effective})`);
  for (const m of r.methodology) lines.push(`  methodology ${m.index} ${m.version ?? "unversioned"}`);
  lines.push(`  spec ${r.specHash}`);
  return lines.map((l) => indent + l);
}

function restatementLines(list: readonly RestatementReport[] | undefined): string[] {
  return (list ?? []).map(
    (x) =>
      `  restatement of ${x.index} on ${x.date} at ${x.at}: ${x.published} to ${x.corrected}, ${x.applied ? "applied" : "not applied"} (${x.reason})`,
  );
}

/** A short readable certificate of a report. */
export function reportText(r: AnyReport): string {
  if (r.kind === "strip") return stripText(r);
  if (r.kind === "halts") return haltsText(r);
  if (r.kind !== "index") return `${settlementLines(r, "").join("\n")}\n`;
  const lines: string[] = [];
  lines.push(
    r.ok
      ? `${r.index} at ${r.at}: ${r.value}${r.status === "published" ? "" : ` (${r.status})`}`
      : `${r.index} at ${r.at}: no value (${r.error?.kind}): ${r.error?.message}`,
  );
  if (r.date !== null) lines.push(`  fixing date ${r.date}`);
  if (r.certificate !== null) lines.push(...certificateLines(r.certificate, "  "));
  else if (r.ok) lines.push("  from the published fixing");
  lines.push(...restatementLines(r.restatements));
  if (r.methodology !== null) lines.push(`  methodology ${r.methodology.index} ${r.methodology.version ?? "unversioned"}`);
  lines.push(`  spec ${r.specHash}`);
  return `${lines.join("\n")}\n`;
}

/** A strip's certificate: a head line, then each month's daily settlement in the order it was settled. */
function stripText(r: StripReport): string {
  const lines = [
    r.months.length === 0 && r.error !== null
      ? `${r.contract} strip on ${r.date}: no settlement (${r.error.kind}): ${r.error.message}`
      : `${r.contract} strip on ${r.date}: ${r.months.length} month(s), lead month ${r.lead ?? "none"}, settled lead first${r.ok ? "" : `; ${r.error?.message ?? ""}`}`,
  ];
  for (const m of r.months) lines.push(...settlementLines(m, "  ", true));
  // The months settle on one date under the same rule versions: cited once.
  for (const x of r.months[0]?.rules ?? [])
    lines.push(`  rule ${x.contract} ${x.rule}${x.clauses.length === 0 ? "" : ` [${x.clauses.join("; ")}]`} (${x.effective})`);
  if (r.months.length > 0) lines.push(`  spec ${r.specHash}`);
  return `${lines.join("\n")}\n`;
}

/** The halts of a price path: a head line with the rule and the variant, one line per halt, the clause and the spec. */
function haltsText(r: HaltsReport): string {
  const what = `${r.symbol ?? r.contract} dynamic circuit breakers on ${r.date}`;
  if (!r.ok || r.rule === null) return `${what}: no answer (${r.error?.kind}): ${r.error?.message}\n`;
  const d = r.rule;
  const lines = [
    `${what}: ${r.halts.length} halt(s) along ${r.points} price(s)`,
    `  variant ${r.variant}: ${d.percent}% of the prior settlement ${r.prior}; look-back ${d.window.amount} ${d.window.unit}, halt ${d.halt.amount} ${d.halt.unit}`,
  ];
  r.halts.forEach((h, i) => {
    const side = Decimal.of(h.price).gt(Decimal.of(h.upper)) ? `above the upper limit ${h.upper}` : `below the lower limit ${h.lower}`;
    lines.push(`  halt ${i + 1} at ${h.at}: ${h.price} ${side} (limits ${h.lower} to ${h.upper}); trading resumes ${h.resumes}`);
  });
  if (r.haltedPoints > 0) lines.push(`  ${r.haltedPoints} price(s) left out while trading was halted`);
  for (const x of r.rules)
    lines.push(`  rule ${x.contract} ${x.rule}${x.clauses.length === 0 ? "" : ` [${x.clauses.join("; ")}]`} (${x.effective})`);
  lines.push(`  spec ${r.specHash}`);
  return `${lines.join("\n")}\n`;
}
