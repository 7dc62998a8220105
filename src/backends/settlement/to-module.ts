/**
 * The generated settlement module of one compiled contract spec, and its declarations. The module is meant to be
 * reviewed by an exchange and run without the compiler: it imports only the settlement runtime bundle copied beside
 * it (`./termsheet-runtime.js`) and exports
 * - reviewed constants: `SPEC_HASH`, `CONTRACT`, `KIND`, `TITLE`, with the contract's clauses quoted in JSDoc;
 * - one function per rule of the contract, `<rule>On(date)`, whose rule versions are resolved into explicit
 *   effective-date branches (first version in force wins, as `versionOn` defines it) returning literal values,
 *   each branch under a comment quoting its clauses and descriptions;
 * - `final`, `daily` and `index`, the same functions with the same reports as the loader backend's
 *   `settlementFunctions(spec)`, over the spec inlined as a literal (`SPEC`).
 * Every piece of spec text goes through the safe builder (code.ts): names, clauses and descriptions are data.
 */
import { Code, CodegenError, Scope, doc, js, join, literal, str, type Literal } from "./code.js";
import { typeOf, union } from "./types.js";

/** What the generator reads of a compiled spec (the JSON as `loadSpec` returns it). */
export interface GeneratorSpec {
  readonly contentHash: string;
  readonly subject: { readonly kind: string; readonly name: string };
  readonly contracts: Readonly<Record<string, unknown>>;
  readonly compiler?: { readonly version?: string };
}

/** The contract kinds that get a settlement module. */
export const SETTLED_KINDS: ReadonlySet<string> = new Set(["future", "option", "spread"]);

/** The module's JavaScript and declarations, unformatted. */
export interface GeneratedModule {
  readonly js: Code;
  readonly dts: Code;
}

/** Names the module itself binds, which rule functions must not take. */
const OWN_NAMES = ["SPEC_HASH", "CONTRACT", "KIND", "TITLE", "SPEC", "final", "daily", "index", "functions", "settlementFunctions"];

interface RuleVersion {
  readonly clauses: readonly string[];
  readonly descriptions: readonly string[];
  readonly effective: readonly { readonly from: string | null; readonly until: string | null }[];
  readonly value: Literal;
}

/** A list of rule versions: every item has `effective` ranges and a `value`. */
function isRule(value: unknown): value is readonly RuleVersion[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === "object" && v !== null && Array.isArray((v as RuleVersion).effective) && Object.hasOwn(v, "value"))
  );
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** "always", "from 2021-01-01", "until 2020-12-31", "from … until …", joined with "or". */
function rangeText(effective: RuleVersion["effective"]): string {
  const parts = effective.map((r) =>
    r.from === null && r.until === null ? "always" : [r.from === null ? "" : `from ${r.from}`, r.until === null ? "" : `until ${r.until}`].filter((s) => s !== "").join(" "),
  );
  return parts.length === 0 ? "never" : parts.join(" or ");
}

/** The condition of one version being in force on `date` (ISO dates compare as strings). */
function inForce(effective: RuleVersion["effective"]): Code {
  const ranges = effective.map((r) => {
    if (typeof r.from !== "string" && r.from !== null) throw new CodegenError("an effective bound is not a date");
    if (typeof r.until !== "string" && r.until !== null) throw new CodegenError("an effective bound is not a date");
    const terms = [r.from === null ? undefined : js`date >= ${r.from}`, r.until === null ? undefined : js`date <= ${r.until}`].filter((c): c is Code => c !== undefined);
    return terms.length === 0 ? js`true` : join(terms, js` && `);
  });
  if (ranges.length === 0) return js`false`;
  return ranges.length === 1 ? ranges[0]! : join(ranges.map((r) => js`(${r})`), js` || `);
}

/** A comment quoting a rule version: its clauses, when it is in force, and its descriptions. */
function versionDoc(v: RuleVersion): string[] {
  const clauses = strings(v.clauses);
  return [`${clauses.length === 0 ? "(no clause reference)" : clauses.join("; ")}, in force ${rangeText(v.effective)}.`, ...strings(v.descriptions)];
}

/** Fields that hold rules that all apply (docs/spec-format.md), rather than versions of one rule. */
const RULE_LISTS: ReadonlySet<string> = new Set(["positionLimits", "legs"]);

/** The date that selects a version of a contract rule, as docs/spec-format.md defines it. */
function selectingDate(field: string): string {
  if (field === "listing" || field === "lastTradingDay" || field === "expiry") return "the first day of the contract month (or week)";
  if (field === "finalSettlement" || field === "fallback") return "the last trading day";
  if (field === "tick" || field === "dailySettlement" || field === "priceLimits" || field === "positionLimits" || field === "spreadTick" || field === "premiumTick") return "the trading date";
  return "the date";
}

/**
 * The function `<rule>On(date)` of one rule: explicit effective-date branches returning literals. For versions of
 * one rule the first version in force wins (`versionOn`); for a list of rules that all apply, every rule in force
 * is returned in order (`rulesOn`).
 */
function ruleFunction(field: string, name: Code, versions: readonly RuleVersion[]): { js: Code; dts: Code } {
  const all = RULE_LISTS.has(field);
  const header = all
    ? [`${field}: the rules in force on ${selectingDate(field)} (an ISO date, YYYY-MM-DD), in order; they all apply.`]
    : [`${field}: the version of this rule in force on ${selectingDate(field)} (an ISO date, YYYY-MM-DD), or undefined when none is.`];
  const branches: Code[] = [];
  let total = false;
  for (const v of versions) {
    const cond = inForce(v.effective);
    const always = cond.toString() === "true";
    const quote = doc(versionDoc(v));
    const value = literal(v.value);
    if (all) branches.push(always ? js`${quote}rules.push(${value});\n` : js`${quote}if (${cond}) rules.push(${value});\n`);
    else branches.push(always ? js`${quote}return ${value};\n` : js`${quote}if (${cond}) return ${value};\n`);
    if (always && !all) {
      total = true;
      break;
    }
  }
  const types = versions.map((v) => typeOf(v.value));
  if (all) {
    return {
      js: js`${doc(header)}export function ${name}(date) {\nconst rules = [];\n${join(branches, js``)}return rules;\n}\n\n`,
      dts: js`${doc(header)}export declare function ${name}(date: string): readonly (${union(types)})[];\n`,
    };
  }
  const body = join(total ? branches : [...branches, js`return undefined;\n`], js``);
  const returns = union([...types.slice(0, branches.length), ...(total ? [] : [js`undefined`])]);
  return {
    js: js`${doc(header)}export function ${name}(date) {\n${body}}\n\n`,
    dts: js`${doc(header)}export declare function ${name}(date: string): ${returns};\n`,
  };
}

/** The generated module of a compiled contract spec; throws CodegenError only on a generator bug or a non-JSON spec. */
export function generateModule(specPath: string, spec: GeneratorSpec): GeneratedModule {
  const name = spec.subject.name;
  const contract = spec.contracts[name];
  if (typeof contract !== "object" || contract === null) throw new CodegenError(`the spec does not define its subject ${JSON.stringify(name)}`);
  const c = contract as Record<string, unknown>;
  const title = typeof c.title === "string" ? c.title : "";
  const kind = typeof c.kind === "string" ? c.kind : spec.subject.kind;
  const version = spec.compiler?.version ?? "unknown";

  const intro = doc([
    `Settlement functions of the ${kind} ${name}${title === "" ? "" : ` (${title})`}, generated by Termsheet ${version} from ${specPath}.`,
    "",
    "Review the constants and the rule functions against the rulebook: each rule version is an explicit effective-date",
    "branch under the clauses it implements. final, daily and index compute the reports of the Termsheet settlement",
    "runtime (./termsheet-runtime.js, the only import) for the spec inlined below as SPEC. Do not edit: regenerate",
    "with `termsheet build`.",
    "",
    "@module",
  ]);
  const contractDoc = doc([`${kind} ${name}${title === "" ? "" : `: ${title}`}.`, ...strings(c.clauses).map((cl) => `Clause: ${cl}.`), ...strings(c.descriptions)]);
  const hashDoc = doc([`The content hash of ${specPath}, the compiled spec these functions settle; every report carries it.`]);

  const scope = new Scope(OWN_NAMES);
  const rules: { js: Code; dts: Code }[] = [];
  for (const field of Object.keys(c).sort()) {
    const versions = c[field];
    if (!isRule(versions)) continue;
    rules.push(ruleFunction(field, scope.name(`${field}On`), versions));
  }

  const fnDocs = {
    final: doc(["The final settlement of a contract period (`period`: YYYY-MM, YYYY-Www, or a weekly's expiry date), with the variation for a position and the certificate."]),
    daily: doc(["The daily settlement of a contract period on a date, with price-limit bands, the variation for a position and the certificate."]),
    index: doc(["One value of an index of the spec at an instant, with its certificate."]),
  };

  const jsText = js`${intro}import { settlementFunctions } from "./termsheet-runtime.js";

${hashDoc}export const SPEC_HASH = ${spec.contentHash};
${contractDoc}export const CONTRACT = ${name};
/** The kind of contract: future, option or spread. */
export const KIND = ${kind};
/** The contract's title. */
export const TITLE = ${title};

${join(
  rules.map((r) => r.js),
  js``,
)}/** The compiled spec, inlined: the contract, and every calendar, index and contract it refers to. */
const SPEC = ${literal(spec as unknown as Literal)};

let functions;
/** The settlement functions of SPEC, made on first use. */
function settlement() {
  functions ??= settlementFunctions(SPEC);
  return functions;
}

${fnDocs.final}export function final(req) {
  return settlement().final(req);
}

${fnDocs.daily}export function daily(req) {
  return settlement().daily(req);
}

${fnDocs.index}export function index(req) {
  return settlement().index(req);
}
`;

  const dtsText = js`${intro}import type { DailyReq, FinalReq, IndexReport, IndexReq, SettlementReport } from "./termsheet-runtime.js";

${hashDoc}export declare const SPEC_HASH: ${str(spec.contentHash)};
${contractDoc}export declare const CONTRACT: ${str(name)};
/** The kind of contract: future, option or spread. */
export declare const KIND: ${str(kind)};
/** The contract's title. */
export declare const TITLE: ${str(title)};

${join(
  rules.map((r) => r.dts),
  js``,
)}
${fnDocs.final}export declare function final(req: FinalReq): SettlementReport;
${fnDocs.daily}export declare function daily(req: DailyReq): SettlementReport;
${fnDocs.index}export declare function index(req: IndexReq): IndexReport;
`;
  return { js: jsText, dts: dtsText };
}
