/**
 * The generated settlement module of one compiled contract spec, and its declarations. The module is meant to be
 * reviewed by an exchange and run without the compiler: it imports only the settlement runtime bundle copied beside
 * it (`./termsheet-runtime.js`) and exports
 * - reviewed constants: `SPEC_HASH`, `CONTRACT`, `KIND`, `TITLE`, and `TICK`, `MULTIPLIER`, `CURRENCY`, `TICK_VALUES` when they do
 *   not change over time, with the contract's clauses quoted in JSDoc;
 * - `termsOn(contract, date)`: for the subject and every contract it refers to, the contract terms in force on a
 *   date (the runtime's `ContractTerms`: rule versions chosen, tick, multiplier, rulebook clauses cited), resolved
 *   at generation into explicit effective-date branches returning literals, each under a comment quoting the rule
 *   versions it uses; the generator computes each branch's literal with the runtime's own `contractTerms`, so the
 *   selection is the loader's by construction;
 * - `final`, `daily` and `index`: the runtime's `finalOf`, `dailyOf` and `indexOf` for this contract (the
 *   dispatch on the subject's kind resolved at generation; an index's final and daily report "not a contract"),
 *   over an environment of literal constants (the calendars, the index methodologies, the contracts' schedule
 *   rules) and `termsOn`, so the reports are the loader backend's, byte for byte.
 * Every piece of spec text goes through the safe builder (code.ts): names, clauses and descriptions are data.
 */
import { contractTerms, scopeWords, tickValues, type ContractTerms } from "../../runtime/functions/index.js";
import { SCHEDULE_FIELDS } from "../../runtime/schedule/index.js";
import type { AnyContract, Index, Spec } from "../../runtime/spec.js";
import {
  Code,
  CodegenError,
  PRINT_WIDTH,
  Scope,
  assignment,
  dec,
  doc,
  ident,
  js,
  join,
  layout,
  literalBlock,
  spaces,
  str,
  textWidth,
  type Literal,
} from "./code.js";

/** What the generator reads: a compiled spec (the JSON as `loadSpec` returns it). */
export type GeneratorSpec = Spec;

/** Spec data as the builder's literal data: the spec is plain JSON (strings, safe integers, booleans, null, arrays, objects). */
const plain = (value: unknown): Literal => value as Literal;

/** The subjects that get a settlement module: contracts, and indices (whose module has `index`; final and daily report "not-a-contract"). */
export const SETTLED_KINDS: ReadonlySet<string> = new Set(["future", "option", "spread", "index"]);

/** The module's JavaScript and declarations, unformatted. */
export interface GeneratedModule {
  /** The module, whose large data constants are placeholders (`const CALENDARS = __termsheet_data_0__;`). */
  readonly js: Code;
  readonly dts: Code;
  /** The data constants by placeholder: JSON-like blocks laid out by the builder, spliced in after formatting. */
  readonly data: ReadonlyMap<string, Code>;
}

/** Names the module binds at top level, which generated names must not take. */
const OWN_NAMES = [
  "SPEC_HASH",
  "CONTRACT",
  "KIND",
  "TITLE",
  "TICK",
  "MULTIPLIER",
  "CURRENCY",
  "TICK_VALUES",
  "CALENDARS",
  "INDICES",
  "SCHEDULE_CONTRACTS",
];
const OWN_FUNCTIONS = [
  "termsOn",
  "environment",
  "env",
  "final",
  "daily",
  "index",
  "Schedule",
  "functionsOf",
  "finalOf",
  "dailyOf",
  "indexOf",
  "strip",
  "stripOf",
  "halts",
  "haltsOf",
];

const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The next civil day of an ISO date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Where the rules of a spec may change: `date >= value` (from a start) or `date > value` (after an end). */
interface Cut {
  readonly value: string;
  readonly after: boolean;
}

/** Every effective bound anywhere in the contracts, as cuts in string order (ISO dates compare as strings). */
function cutsOf(contracts: unknown): Cut[] {
  const cuts = new Map<string, Cut>();
  const add = (c: Cut) => cuts.set(`${c.after ? ">" : ">="}${c.value}`, c);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.from === "string" && Object.hasOwn(o, "until")) add({ value: o.from, after: false });
    if (typeof o.until === "string" && Object.hasOwn(o, "from")) {
      // For an ISO date, "after the end" is "from the next day": the same on every date a settlement asks about.
      const next = ISO_DATE.test(o.until) && !Number.isNaN(Date.parse(`${o.until}T00:00:00Z`)) ? nextDay(o.until) : "";
      add(ISO_DATE.test(next) ? { value: next, after: false } : { value: o.until, after: true });
    }
    for (const k of Object.keys(o)) walk(o[k]);
  };
  walk(contracts);
  const cmp = (a: Cut, b: Cut) => (a.value < b.value ? -1 : a.value > b.value ? 1 : Number(a.after) - Number(b.after));
  return [...cuts.values()].sort(cmp);
}

/** A string inside the region that starts at a cut: the cut's value, or the least string above it. */
const inside = (c: Cut): string => (c.after ? `${c.value}\u0000` : c.value);

/** One branch of a terms function: from a cut on (or from the beginning), these terms. */
interface Branch {
  readonly from: Cut | null;
  readonly terms: ContractTerms | undefined;
}

/** The regions between cuts with their terms, adjacent equal ones merged. */
function branchesOf(contracts: (n: string) => AnyContract | undefined, name: string, cuts: readonly Cut[]): Branch[] {
  const out: Branch[] = [];
  const regions: (Cut | null)[] = [null, ...cuts];
  for (const from of regions) {
    // The region before the first cut holds the empty string unless the first cut starts at it.
    if (from === null && cuts[0] !== undefined && !cuts[0].after && cuts[0].value === "") continue;
    const terms = contractTerms(contracts, name, from === null ? "" : inside(from));
    const last = out[out.length - 1];
    if (last !== undefined && JSON.stringify(last.terms) === JSON.stringify(terms)) continue;
    out.push({ from, terms });
  }
  return out;
}

/** The condition of a branch: the date is at or after its cut. */
function condition(cut: Cut): Code {
  return cut.after ? js`date > ${cut.value}` : js`date >= ${cut.value}`;
}

/** A comment quoting the rule versions a branch of terms uses; `next` is where the following branch starts. */
function termsDoc(name: string, b: Branch, next: Branch | undefined, indent: number): Code {
  const until = next?.from == null ? "" : ` ${next.from.after ? "up to and including" : "before"} ${next.from.value}`;
  const when =
    b.from === null
      ? next === undefined
        ? "On any date"
        : `On dates${until}`
      : `${b.from.after ? "After" : "From"} ${b.from.value}${until === "" ? "" : `,${until}`}`;
  if (b.terms === undefined) return doc([`${when}: ${name} has no terms.`], indent);
  return doc(
    [
      `${when}, the terms of ${name} in force:`,
      ...b.terms.rules.map((r) => `- ${r.rule} (${r.effective}): ${r.clauses.length === 0 ? "no clause reference" : r.clauses.join("; ")}`),
      ...(b.terms.positionLimits ?? []).map(
        (l) =>
          `- position limit ${l.count} contracts ${scopeWords(l.scope, l.aggregatedWith)}: ${l.clauses.length === 0 ? "no clause reference" : l.clauses.join("; ")}`,
      ),
    ],
    indent,
  );
}

/** `return VALUE;` at an indentation, the value laid out as prettier lays it out. */
function returns(value: Literal, indent: number): Code {
  return js`${spaces(indent)}return ${layout(value, { indent, column: indent + 7, trailing: 1 })};\n`;
}

/** The terms function of one contract: the regions from the last to the first, each an explicit date branch. */
function termsFunction(fn: Code, name: string, branches: readonly Branch[]): Code {
  const body: Code[] = [];
  for (let i = branches.length - 1; i >= 0; i--) {
    const b = branches[i]!;
    const value = plain(b.terms);
    const quote = termsDoc(name, b, branches[i + 1], 2);
    body.push(
      b.from === null || i === 0 ? js`${quote}${returns(value, 2)}` : js`${quote}  if (${condition(b.from)}) {\n${returns(value, 4)}  }\n`,
    );
  }
  return js`${doc([`The terms of ${name} in force on a date (YYYY-MM-DD): each rule's version chosen, as the runtime's contractTerms chooses it.`])}function ${fn}(date) {\n${join(body, js``)}}\n\n`;
}

/** A value that is the same in every branch of the subject's terms, or undefined when it changes over time. */
function constant<T>(branches: readonly Branch[], pick: (t: ContractTerms) => T): { value: T | null; varies: boolean } {
  const values = branches.map((b) => (b.terms === undefined ? null : pick(b.terms)));
  const first = values[0] ?? null;
  return values.every((v) => JSON.stringify(v) === JSON.stringify(first)) ? { value: first, varies: false } : { value: null, varies: true };
}

/** A decimal string (validated as one), or null. */
function decimalOrNull(v: string | null): string | null {
  if (v !== null) dec(v); // throws CodegenError when it is not a plain decimal
  return v;
}

/** `import type { A, B } from "FROM";`, one name per line when it does not fit, as prettier prints it. */
function importTypes(names: readonly string[], from: string): Code {
  const ids = names.map((n) => ident(n));
  const one = js`import type { ${join(ids)} } from ${from};`;
  if (textWidth(one.toString()) <= PRINT_WIDTH) return one;
  return js`import type {\n${join(
    ids.map((id) => js`  ${id},\n`),
    js``,
  )}} from ${from};`;
}

/** The generated module of a compiled contract spec; throws CodegenError only on a generator bug or a non-JSON spec. */
export function generateModule(specPath: string, spec: GeneratorSpec): GeneratedModule {
  const name = spec.subject.name;
  const all: Readonly<Record<string, AnyContract>> = spec.contracts;
  const isIndex = spec.subject.kind === "index";
  const own = <T>(record: Readonly<Record<string, T>>): T | undefined => (Object.hasOwn(record, name) ? record[name] : undefined);
  const c: Index | AnyContract | undefined = isIndex ? own(spec.indices) : own(all);
  if (typeof c !== "object" || c === null) throw new CodegenError(`the spec does not define its subject ${JSON.stringify(name)}`);
  const title = c.title ?? "";
  const kind = c.kind;
  const version = spec.compiler.version;
  const contractsOf = (n: string) => (Object.hasOwn(all, n) ? all[n] : undefined);

  const cuts = cutsOf(spec.contracts);
  const names = Object.keys(all).sort((a, b) => (a === name ? -1 : b === name ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const scope = new Scope([...OWN_NAMES, ...OWN_FUNCTIONS]);
  const fns = names.map((n) => ({ name: n, fn: scope.name(`terms_${n}`), branches: branchesOf(contractsOf, n, cuts) }));
  const subjectBranches = isIndex ? [] : fns[0]!.branches;

  const tick = constant(subjectBranches, (t) => t.tick?.[0]?.tick ?? null);
  const multiplier = constant(subjectBranches, (t) => t.multiplier?.value ?? null);
  const currency = constant(subjectBranches, (t) => t.multiplier?.currency ?? null);
  // An option's prices are its premiums: its tick values are those of the premium tick.
  const values = constant(subjectBranches, (t) => {
    const tiers = t.tick ?? t.premiumTick ?? null;
    return tiers === null ? null : tickValues(tiers, t.multiplier);
  });
  const varies = (what: string, v: { varies: boolean }) => (v.varies ? [`${what} changes over time: null here; see termsOn.`] : []);

  const intro = doc([
    `Settlement functions of the ${kind} ${name}${title === "" ? "" : ` (${title})`}, generated by Termsheet ${version} from ${specPath}.`,
    "",
    "Review the constants and termsOn against the rulebook: each contract's terms are explicit effective-date branches",
    "under the clauses of the rule versions they use. final, daily and index are the Termsheet settlement runtime's",
    "functions (./termsheet-runtime.js, the only import) over these constants, and give the same reports as",
    "settlementFunctions(spec) on the compiled spec. Do not edit: regenerate with `termsheet build`.",
    "",
    "@module",
  ]);
  const docs = {
    hash: doc([`The content hash of ${specPath}, the compiled spec these functions settle; every report carries it.`]),
    contract: doc([`${kind} ${name}${title === "" ? "" : `: ${title}`}.`, ...c.clauses.map((cl) => `Clause: ${cl}.`), ...c.descriptions]),
    kind: doc(["The kind of subject: future, option or spread (or index: then final and daily report not-a-contract)."]),
    title: doc(["The contract's title."]),
    tick: doc(["The outright tick, a decimal string (the first tier of the tick table).", ...varies("The tick", tick)]),
    multiplier: doc([
      "Price × MULTIPLIER = money per contract, in CURRENCY (contract unit × price unit); null when the units give no money.",
      ...varies("The multiplier", multiplier),
    ]),
    currency: doc(["The currency of MULTIPLIER.", ...varies("The currency", currency)]),
    tickValues: doc([
      "The tick value of each tier of the tick table (an option's: its premium tick): tick × contract unit, in CURRENCY per contract;",
      "`bound` says which prices the tier applies to (null: every price). Null when the units give no money.",
      ...varies("The tick values", values),
    ]),
    termsOn: doc(["The terms of a contract of this spec in force on a date (YYYY-MM-DD), or undefined for another contract."]),
    final: doc([
      "The final settlement of a contract period (`period`: YYYY-MM, YYYY-Www, or a weekly's expiry date), with the variation for a position and the certificate.",
    ]),
    daily: doc([
      "The daily settlement of a contract period on a date, with price-limit bands, the variation for a position and the certificate.",
    ]),
    index: doc(["One value of an index of the spec at an instant, with its certificate."]),
    strip: doc([
      "The daily settlement of a strip of contract months on a date in dependency order (the lead month first), for the deferred-month steps of its procedure.",
    ]),
    halts: doc([
      "Where the future's dynamic circuit breakers halt trading on a date along a price path (the trades of the observations), from the prior settlement: each halt, the limits it crossed and when trading resumes.",
    ]),
  };
  // A strip entry only where the daily procedure settles a month from others: other modules stay as they were.
  const hasStrip =
    !isIndex && (c as AnyContract).dailySettlement.some((v) => v.value.some((s) => s.kind === "net-change" || s.kind === "lead-spread"));

  // A halts entry only for a future that states dynamic price limits: other modules stay as they were.
  const hasHalts = !isIndex && (c as AnyContract).kind === "future" && ((c as AnyContract).dynamicPriceLimits?.length ?? 0) > 0;

  // Null-prototype records: a contract named "__proto__" is a key like any other.
  const scheduleContracts = Object.create(null) as Record<string, Literal>;
  for (const n of Object.keys(all).sort()) {
    const src = all[n]!;
    const picked = Object.create(null) as Record<string, Literal>;
    for (const f of SCHEDULE_FIELDS) if (Object.hasOwn(src, f)) picked[f] = plain(src[f]);
    // The product's own trading dates, only when they are not always (so modules of products without them are unchanged).
    const eff = (src as { effective?: readonly { from: string | null; until: string | null }[] }).effective;
    if (eff !== undefined && eff.some((r) => r.from !== null || r.until !== null)) picked.effective = plain(eff);
    scheduleContracts[n] = picked;
  }
  const cases = fns.map((f) => js`    case ${f.name}:\n      return ${f.fn}(date);\n`);
  // Large data, laid out as JSON under prettier-ignore: spliced in after the rest, which keeps the builder's text small.
  const data = new Map<string, Code>();
  const dataSlot = (value: Literal): Code => {
    const slot = `__termsheet_data_${data.size}__`;
    data.set(slot, literalBlock(value));
    return ident(slot);
  };

  // Dispatch resolved at generation: a contract's final and daily call the runtime's finalOf and dailyOf for it
  // directly; an index's are the runtime's "not a contract" reports.
  const functionsCode = isIndex
    ? js`${docs.final}export function final(req) {
  return functionsOf(environment()).final(req);
}

${docs.daily}export function daily(req) {
  return functionsOf(environment()).daily(req);
}
`
    : js`${docs.final}export function final(req) {
  return finalOf(environment(), CONTRACT, req);
}

${docs.daily}export function daily(req) {
  return dailyOf(environment(), CONTRACT, req);
}
${
  hasStrip
    ? js`
${docs.strip}export function strip(req) {
  return stripOf(environment(), CONTRACT, req);
}
`
    : js``
}${
        hasHalts
          ? js`
${docs.halts}export function halts(req) {
  return haltsOf(environment(), CONTRACT, req);
}
`
          : js``
      }`;
  const runtimeNames = ["Schedule", "dailyOf", "finalOf", ...(hasHalts ? ["haltsOf"] : []), "indexOf", ...(hasStrip ? ["stripOf"] : [])];
  const imports = isIndex ? js`Schedule, functionsOf, indexOf` : join(runtimeNames.map(ident), js`, `);
  const jsText = js`${intro}import { ${imports} } from "./termsheet-runtime.js";

${docs.hash}${assignment(js`export const SPEC_HASH`, spec.contentHash)}
${docs.contract}${assignment(js`export const CONTRACT`, name)}
${docs.kind}${assignment(js`export const KIND`, kind)}
${docs.title}${assignment(js`export const TITLE`, title)}
${docs.tick}${assignment(js`export const TICK`, decimalOrNull(tick.value))}
${docs.multiplier}${assignment(js`export const MULTIPLIER`, decimalOrNull(multiplier.value))}
${docs.currency}${assignment(js`export const CURRENCY`, currency.value)}
${docs.tickValues}${assignment(js`export const TICK_VALUES`, values.value as Literal)}

${docs.termsOn}export function termsOn(contract, date) {
  switch (contract) {
${join(cases, js``)}    default:
      return undefined;
  }
}

${join(
  fns.map((f) => termsFunction(f.fn, f.name, f.branches)),
  js``,
)}/** The calendars of the spec, by name. */
// prettier-ignore
const CALENDARS = ${dataSlot(plain(spec.calendars))};

/** The index methodologies of the spec, by name. */
// prettier-ignore
const INDICES = ${dataSlot(plain(spec.indices))};

/** What the schedule reads of each contract: listing, last trading day, termination, final settlement, legs. */
// prettier-ignore
const SCHEDULE_CONTRACTS = ${dataSlot(scheduleContracts)};

let env;
/** The settlement environment of these constants (schedule, calendar engines, methodologies, terms), made on first use. */
function environment() {
  if (env === undefined) {
    const schedule = new Schedule({ calendars: CALENDARS, contracts: SCHEDULE_CONTRACTS });
    env = {
      subject: { kind: KIND, name: CONTRACT },
      specHash: SPEC_HASH,
      schedule,
      engine(name) {
        const e = schedule.engine(name);
        return e.ok ? e.value : undefined;
      },
      index: (name) => (Object.hasOwn(INDICES, name) ? INDICES[name] : undefined),
      terms: termsOn,
    };
  }
  return env;
}

${functionsCode}
${docs.index}export function index(req) {
  return indexOf(environment(), req);
}
`;

  const literalType = (v: string | null): Code => (v === null ? js`null` : str(v));
  const types = ["ContractTerms", "DailyReq", "FinalReq", "IndexReport", "IndexReq", "SettlementReport"];
  if (hasHalts) types.splice(types.indexOf("DailyReq") + 1, 0, "HaltsReport", "HaltsReq");
  if (hasStrip) types.push("StripReport", "StripReq");
  types.push("TickValue");
  const dtsText = js`${intro}${importTypes(types, "./termsheet-runtime.js")}

${docs.hash}export declare const SPEC_HASH: ${str(spec.contentHash)};
${docs.contract}export declare const CONTRACT: ${str(name)};
${docs.kind}export declare const KIND: ${str(kind)};
${docs.title}export declare const TITLE: ${str(title)};
${docs.tick}export declare const TICK: ${literalType(tick.value)};
${docs.multiplier}export declare const MULTIPLIER: ${literalType(multiplier.value)};
${docs.currency}export declare const CURRENCY: ${literalType(currency.value)};
${docs.tickValues}export declare const TICK_VALUES: readonly TickValue[] | null;
${docs.termsOn}export declare function termsOn(contract: string, date: string): ContractTerms | undefined;
${docs.final}export declare function final(req: FinalReq): SettlementReport;
${docs.daily}export declare function daily(req: DailyReq): SettlementReport;
${docs.index}export declare function index(req: IndexReq): IndexReport;
${
  hasStrip
    ? js`${docs.strip}export declare function strip(req: StripReq): StripReport;
`
    : js``
}${
    hasHalts
      ? js`${docs.halts}export declare function halts(req: HaltsReq): HaltsReport;
`
      : js``
  }`;
  return { js: jsText, dts: dtsText, data };
}
