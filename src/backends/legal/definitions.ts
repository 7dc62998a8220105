/** The definitions chapter: defined terms, time zones, units, and the contracts the document sets out. */
import type { Contract, DeclaredUnit, Spec } from "../../model/types.js";
import { declaredBaseUnit } from "../../base/units.js";
import { contractReferences } from "../../model/references.js";
import { capitalise, zonePlace, zoneTimeName } from "./words.js";
import { p, Builder } from "./builder.js";
import { periodTerm, spotTerm } from "./contract-specs.js";

export function definitions(b: Builder, spec: Spec, c: Contract | undefined): void {
  const rows: string[][] = [];
  const setOut = c === undefined ? Object.values(spec.contracts) : setOutContracts(spec, c.name);
  if (c !== undefined) {
    rows.push([
      "Contract",
      `The ${c.name} ${c.kind === "option" ? "options" : c.kind === "spread" ? "spread" : "futures"} contract${c.title ? `, ${c.title}` : ""}, as specified in this chapter.`,
    ]);
    rows.push(periodTerm(c));
    // The period of each other contract of the chapter (a weekly's chapter that sets out a monthly future too).
    const periods = new Map(setOut.map((o) => [periodTerm(o)[0], periodTerm(o)] as const));
    for (const [term, row] of periods) if (term !== periodTerm(c)[0]) rows.push(row);
    rows.push(["Exchange", "The exchange that lists the Contract and of whose rulebook this chapter is a part."]);
    rows.push(["Business Day", "A day that is not a weekend day or a holiday of the calendar named in the clause concerned."]);
    rows.push(["Last Trading Day", "The last day on which an expiring contract may be traded, determined as in the clause of that name."]);
    rows.push(["Tick", "The minimum price fluctuation."]);
    rows.push(["Final Settlement Price", "The price at which expiring contracts are settled in cash."]);
    if (setOut.some((o) => o.fallback.length > 0))
      rows.push([
        "Market Disruption Event",
        "An event listed in the clause on market disruption that prevents the normal determination of the Final Settlement Price.",
      ]);
    if (c.kind === "option") rows.push(inTheMoney(c));
    // The Spot Month (or Week) of each contract of the chapter with a spot-month limit, once per wording.
    const spots = setOut.filter((o) => o.positionLimits.some((l) => l.value.scope === "spot-month"));
    for (const t of new Set(spots.map((o) => periodTerm(o)[0]))) rows.push(spotTerm(t));
  }
  for (const i of Object.values(spec.indices))
    rows.push([i.name, `${i.title ? `The ${i.title}` : "The index"}, whose methodology is set out in this chapter.`]);
  for (const u of Object.values(spec.units ?? {})) rows.push([u.name, declaredUnitMeaning(u, spec)]);
  for (const cal of Object.values(spec.calendars))
    rows.push([
      cal.name,
      `${cal.title ? `The ${cal.title} calendar` : "The calendar"}, its days counted in ${zoneTimeName(cal.timeZone)}, set out in this chapter.`,
    ]);
  for (const o of setOut)
    if (o.name !== c?.name) rows.push([o.name, `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, set out in this chapter.`]);
  // The contracts a position limit of the chapter is aggregated with, set out in their own chapters.
  const aggregated = Object.values(spec.contracts)
    .filter((o) => !setOut.includes(o))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
  for (const o of aggregated)
    rows.push([
      o.name,
      `The ${o.name} contract${o.title ? `, ${o.title}` : ""}, whose positions count toward a position limit of this chapter.`,
    ]);
  for (const zone of zonesOf(spec))
    rows.push([
      zoneTimeName(zone),
      zone === "UTC" || zone === "Etc/UTC"
        ? "Coordinated Universal Time, the IANA time zone UTC."
        : `The civil time in force in ${zonePlace(zone)}, as given by the IANA time zone ${zone}, including its changes between standard time and summer time.`,
    ]);
  b.open();
  b.define(rows.map((r) => r[0]!));
  b.add("Defined terms", [
    p("In this chapter the following terms have the meanings given:"),
    { kind: "table", head: ["Term", "Meaning"], rows },
  ]);
  b.close("Definitions");
}

/** Every time zone the spec names (times, windows, calendars, indices), sorted: each is defined once. */
export function zonesOf(spec: Spec): string[] {
  const zones = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (typeof v === "string") {
      if (key === "zone" || key === "timeZone") zones.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k === "value" ? key : k);
  };
  walk({ contracts: spec.contracts, indices: spec.indices, calendars: spec.calendars }, "");
  return [...zones].sort();
}

/** "In the Money" for the option types the contract lists (every version), so a put-only option speaks of puts only. */
export function inTheMoney(c: Extract<Contract, { kind: "option" }>): [string, string] {
  const rights = new Set(c.rights.flatMap((v) => v.value));
  const call = "a call whose strike is below";
  const put = "a put whose strike is above";
  const said = rights.has("call") && rights.has("put") ? `${call}, or ${put},` : rights.has("put") ? put : call;
  return ["In the Money", `${capitalise(said)} the Final Settlement Price of the underlying.`];
}

/**
 * The meaning of a declared unit in the definitions: its name in words, its kind and plural, and the units of
 * the spec written with it ("Index point, a unit of its own (plural points); used in the units point and USD per point.").
 */
export function declaredUnitMeaning(u: DeclaredUnit, spec: Spec): string {
  const base = declaredBaseUnit(u);
  const texts = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string" && typeof o.dimensions === "object" && o.dimensions !== null) {
        if (Object.hasOwn(o.dimensions, base.dimension)) texts.add(o.text);
        return;
      }
      for (const x of Object.values(o)) visit(x);
    }
  };
  visit({ contracts: spec.contracts, indices: spec.indices });
  const kind = u.kind === "asset" ? "an asset" : "a unit of its own, not an amount of money";
  const plural = base.plural === base.name ? "" : ` (plural ${base.plural})`;
  const used = [...texts].sort();
  const uses = used.length === 0 ? "" : ` It is used in the ${used.length === 1 ? "unit" : "units"} ${used.join(", ")}.`;
  return `${capitalise(u.title)}, ${kind}${plural}, declared in this chapter.${uses}`;
}

/**
 * The contracts a chapter sets out: the subject and every contract it refers to for its terms (an option's
 * underlying, a spread's legs, a contract unit of futures), transitively. A contract named only by a position limit
 * `aggregated with` it is defined but not set out: its terms are its own chapter's, the spec carries it for its
 * schedule.
 */
export function setOutContracts(spec: Spec, name: string): Contract[] {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const n = queue.shift()!;
    const c = Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined;
    if (c === undefined || seen.has(n)) continue;
    seen.add(n);
    for (const r of contractReferences(c))
      if ((r.kind === "contract" || r.kind === "future") && !r.path.startsWith("/positionLimits/")) queue.push(r.name);
  }
  return Object.values(spec.contracts).filter((o) => seen.has(o.name));
}
