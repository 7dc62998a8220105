/**
 * Renderings of settlement certificates: deterministic JSON (fields in a fixed order, decimals as canonical
 * strings) and a short readable text for an index value and for a final settlement, saying which inputs were used,
 * what was excluded and why, the partition values, the method and methodology version, and for a settlement the
 * fallback level reached with why the levels above failed. Pure: returns strings.
 */
import type { IndexCertificate, IndexResult } from "./index-computation.js";
import type { FinalSettlementResult } from "./settlement.js";
import { cappedMedianLines } from "./capped-median.js";
import { sampleLines } from "./sampling.js";

/** Deterministic JSON of a result (Decimals serialise as canonical strings), two-space indented, newline-terminated. */
export function certificateJson(result: IndexResult | FinalSettlementResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** A short readable text of an index result and its certificate. */
export function renderIndexText(result: IndexResult): string {
  const c = result.certificate;
  const lines: string[] = [];
  lines.push(
    result.ok
      ? `${c.index} on ${c.date}: ${result.value.toString()}${result.status === "published" ? "" : ` (${result.status})`}`
      : `${c.index} on ${c.date}: no value (${result.failure.kind}: ${result.failure.message})`,
  );
  lines.push(...certificateLines(c, "  "));
  return `${lines.join("\n")}\n`;
}

/** The lines of an index certificate (fixing time, methodology, window, method, sources, exclusions, partitions, rounding, notes), each indented. */
export function certificateLines(c: IndexCertificate, indent: string): string[] {
  const lines: string[] = [];
  lines.push(`  fixing time ${c.fixingTime}; methodology ${c.methodologyVersion ?? "unversioned"}`);
  if (c.window !== null)
    lines.push(
      `  window ${[c.window, ...(c.window.also ?? [])].map((w) => `${w.from} (${w.fromBound}) to ${w.to} (${w.toBound})`).join(" and ")}`,
    );
  if (c.method !== "") lines.push(`  method: ${c.method}`);
  for (const s of c.sources)
    lines.push(
      `  source ${s.name}: ${s.model !== null ? `model ${s.model}, ` : s.instrument !== null ? `instrument ${s.instrument}, ` : ""}${s.observations} observation(s)${s.value === null ? "" : `, value ${s.value}`}${s.used ? "" : ", excluded"}`,
    );
  for (const e of c.exclusions) lines.push(`  excluded ${e.source} (${e.reason}): ${e.detail}`);
  // A run of intervals without trades (450 four-second samples of a quiet half hour) is one line, not one each.
  const empty = (p: (typeof c.partitions)[number]): boolean => p.trades === 0 && p.value === null && (p.sources ?? []).length === 0;
  for (let i = 0; i < c.partitions.length; i++) {
    const p = c.partitions[i]!;
    let j = i;
    while (empty(p) && j + 1 < c.partitions.length && empty(c.partitions[j + 1]!) && c.partitions[j + 1]!.note === p.note) j++;
    const skipped = `skipped (${p.note ?? "no value"})`;
    if (j > i) {
      lines.push(`  intervals ${i + 1} to ${j + 1} ${p.from} to ${c.partitions[j]!.to}: 0 trade(s) each, ${skipped}`);
      i = j;
      continue;
    }
    lines.push(`  interval ${i + 1} ${p.from} to ${p.to}: ${p.trades} trade(s), ${p.value ?? skipped}`);
    for (const s of p.sources ?? [])
      lines.push(`    ${s.source}: ${s.trades} trade(s), ${s.value ?? `no value (${s.note ?? "no trades"})`}`);
  }
  if (c.samples !== undefined) lines.push(...sampleLines(c.samples));
  if (c.cappedMedian !== undefined) lines.push(...cappedMedianLines(c.cappedMedian));
  if (c.unrounded !== null) lines.push(`  unrounded ${c.unrounded}; rounded ${c.rounding}`);
  if (c.flags !== undefined) lines.push(`  flags ${c.flags.map((f) => JSON.stringify(f)).join(", ")}`);
  for (const n of c.notes) lines.push(`  note: ${n}`);
  return lines.map((l) => indent + l.slice(2));
}

/** A short readable text of a final settlement and the waterfall of each day. */
export function renderFinalSettlementText(result: FinalSettlementResult): string {
  const lines: string[] = [];
  if (result.ok) {
    // A value flagged by the index itself (issue 15) carries the index's flags; one carried forward by the waterfall does not.
    const why = result.days.some((d) => d.flagged && d.flags === undefined) ? "carried forward" : "flagged by the index";
    lines.push(`final settlement price ${result.price.toString()}${result.flagged ? ` (flagged: ${why})` : ""}`);
    lines.push(`  ${result.method}; unrounded ${result.unrounded}`);
    for (const d of result.days) {
      lines.push(
        `  ${d.date}: ${d.value} from ${d.index}${d.valueDate !== null && d.valueDate !== d.date ? ` of ${d.valueDate}` : ""}, level ${d.level}${d.flagged ? `, flagged${(d.flags ?? []).map((f) => ` ${JSON.stringify(f)}`).join(",")}` : ""}`,
      );
      for (const a of d.attempts) if (a.outcome !== "value") lines.push(`    level ${a.level} ${a.action}: ${a.outcome} (${a.reason})`);
    }
  } else {
    lines.push(`no final settlement price (${result.kind}): ${result.message}`);
    for (const a of result.attempts) lines.push(`  level ${a.level} ${a.action}: ${a.outcome} (${a.reason})`);
  }
  return `${lines.join("\n")}\n`;
}
