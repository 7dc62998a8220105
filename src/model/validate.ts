/**
 * The checks of a compiled spec that JSON Schema cannot express, run by the loader after the schema and the hash
 * (and by the JSON backend on every spec it writes): the subject exists, map keys equal the names inside, every
 * reference resolves to a declaration of the right kind inside the document, calendars pass the runtime's own
 * validation and have no cycle, time zones are known, units resolve to exactly their dimensions, and then every
 * semantic invariant the checker guarantees (src/model/invariants.ts, the functions the checker itself calls):
 * versions that never overlap, amounts that are positive and in the price unit, tick tables, price limits, strike
 * grids, windows and partitions, aggregation options, degradation rules, definite fallback waterfalls, spreads and
 * last trading days that exist for every contract month of the checker's horizon. A spec that passes is one the
 * compiler could have written, so the runtime may rely on it. Problems carry JSON pointers (RFC 6901).
 * The invariants of each declaration kind live in validate/: doc.ts (shared), calendars.ts, indices.ts, contracts.ts.
 */
import { declaredUnitWords, isBuiltInUnitWord, resolveUnitText, type DeclaredUnit, type UnitVocabulary } from "../base/units.js";
import { resolveDependencies, resolverFromList, validateCalendar } from "../runtime/calendar/index.js";
import { pointerToken } from "./canonical.js";
import { rangeEndsBeforeStart, timeZoneProblem } from "./invariants.js";
import { calendarReferences, contractReferences, indexReferences, type Reference } from "./references.js";
import type { Spec } from "./spec.js";
import { calendarProblems } from "./validate/calendars.js";
import { indexProblems } from "./validate/indices.js";
import { contractProblems } from "./validate/contracts.js";
import { Doc, type Problem } from "./validate/doc.js";

/** One problem of a spec document: a JSON pointer into the document and what is wrong there. */
export interface SpecProblem {
  /** A JSON pointer (RFC 6901), "" for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** Converts a runtime path such as `holidays[2].date.month` to a JSON pointer suffix `/holidays/2/date/month`. */
function runtimePathToPointer(path: string): string {
  if (path === "") return "";
  return (
    "/" +
    path
      .replace(/\[(\d+)\]/g, ".$1")
      .split(".")
      .map(pointerToken)
      .join("/")
  );
}

/** The semantic problems of a schema-valid spec, in document order; empty when there are none. */
export function semanticProblems(spec: Spec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const problem: Problem = (path, message) => {
    problems.push({ path, message });
  };
  documentProblems(spec, problem);
  const vocabulary = declaredUnitProblems(spec, problem);
  walk(spec, "", "", problem, vocabulary);
  // The invariants read references and units, so they run only on a document whose names and units are sound.
  if (problems.length > 0) return problems;
  const doc = new Doc(spec, problem);
  for (const [key, cal] of Object.entries(spec.calendars)) calendarProblems(doc, `/calendars/${pointerToken(key)}`, cal);
  for (const [key, index] of Object.entries(spec.indices)) indexProblems(doc, `/indices/${pointerToken(key)}`, index);
  for (const [key, contract] of Object.entries(spec.contracts)) contractProblems(doc, `/contracts/${pointerToken(key)}`, contract);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The document: subject, names, references, calendars, zones, units

function documentProblems(spec: Spec, problem: Problem): void {
  const maps = { calendar: spec.calendars, index: spec.indices, contract: spec.contracts } as const;
  const subjectMap = spec.subject.kind === "calendar" ? maps.calendar : spec.subject.kind === "index" ? maps.index : maps.contract;
  const subject = Object.hasOwn(subjectMap, spec.subject.name) ? subjectMap[spec.subject.name] : undefined;
  if (subject === undefined) problem("/subject/name", `the subject ${spec.subject.name} is not in the document`);
  else if (subject.kind !== spec.subject.kind)
    problem("/subject/kind", `the subject ${spec.subject.name} is a ${subject.kind}, not a ${spec.subject.kind}`);

  const checkRefs = (base: string, refs: readonly Reference[]): void => {
    for (const r of refs) {
      const map = r.kind === "future" ? maps.contract : maps[r.kind];
      const target = Object.hasOwn(map, r.name) ? map[r.name] : undefined;
      if (target === undefined)
        problem(base + r.path, `refers to the ${r.kind === "future" ? "contract" : r.kind} ${r.name}, which is not in the document`);
      else if (r.kind === "future" && target.kind !== "future")
        problem(base + r.path, `refers to ${r.name}, which is a ${target.kind}, not a future`);
    }
  };

  for (const [key, cal] of Object.entries(spec.calendars)) {
    const base = `/calendars/${pointerToken(key)}`;
    if (cal.name !== key) problem(`${base}/name`, `the calendar's name ${cal.name} differs from its key ${key}`);
    for (const e of validateCalendar(cal)) {
      if (e.kind === "invalid-calendar") problem(base + runtimePathToPointer(e.path), e.message);
    }
    checkRefs(base, calendarReferences(cal));
  }
  const resolve = resolverFromList(Object.values(spec.calendars));
  for (const [key, cal] of Object.entries(spec.calendars)) {
    const deps = resolveDependencies(cal, resolve);
    if (!deps.ok && deps.error.kind === "calendar-cycle") {
      problem(`/calendars/${pointerToken(key)}`, `calendars refer to each other in a cycle: ${deps.error.cycle.join(" → ")}`);
    }
  }
  for (const [key, index] of Object.entries(spec.indices)) {
    const base = `/indices/${pointerToken(key)}`;
    if (index.name !== key) problem(`${base}/name`, `the index's name ${index.name} differs from its key ${key}`);
    checkRefs(base, indexReferences(index));
  }
  for (const [key, contract] of Object.entries(spec.contracts)) {
    const base = `/contracts/${pointerToken(key)}`;
    if (contract.name !== key) problem(`${base}/name`, `the contract's name ${contract.name} differs from its key ${key}`);
    checkRefs(base, contractReferences(contract));
  }
}

/** Generic checks by member name: zones, effective ranges and units wherever they occur. */
function walk(value: unknown, path: string, key: string, problem: Problem, vocabulary: UnitVocabulary): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}/${i}`, key, problem, vocabulary));
    return;
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "string" && (key === "zone" || key === "timeZone")) {
      const z = timeZoneProblem(value);
      if (z?.kind === "unknown") problem(path, `${value} is not a known IANA time zone`);
      else if (z?.kind === "case") problem(path, `${value} is spelled ${z.canonical}: time zone names are case-sensitive`);
    }
    return;
  }
  const obj = value as Record<string, unknown>;
  if (key === "effective" && typeof obj.from === "string" && typeof obj.until === "string" && rangeEndsBeforeStart(obj as never)) {
    problem(path, `the range ends (${obj.until}) before it starts (${obj.from})`);
  }
  if (typeof obj.text === "string" && typeof obj.scale === "string" && obj.dimensions !== undefined && "currency" in obj) {
    checkUnit(obj, path, problem, vocabulary);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    // A clause's value inherits the clause's member name, so `timeZone: [{value: "…"}]` is checked as a zone.
    walk(v, `${path}/${pointerToken(k)}`, k === "value" ? key : k, problem, vocabulary);
  }
}

/**
 * The declared units (`/units`) as the unit resolver takes them: each keyed by its name, none taking a built-in
 * unit or scale word, and no two sharing a word.
 */
function declaredUnitProblems(spec: Spec, problem: Problem): UnitVocabulary {
  const vocabulary: DeclaredUnit[] = [];
  const taken = new Set<string>();
  for (const [key, u] of Object.entries(spec.units ?? {})) {
    const path = `/units/${pointerToken(key)}`;
    if (u.name !== key) problem(`${path}/name`, `the unit's name ${u.name} differs from its key ${key}`);
    const words = declaredUnitWords(u);
    const clash = words.find((w) => isBuiltInUnitWord(w) || taken.has(w));
    if (clash !== undefined) {
      problem(`${path}/name`, `the unit word ${clash} is a built-in unit or scale word or another declared unit's`);
      continue;
    }
    for (const w of words) taken.add(w);
    vocabulary.push({ name: u.name, kind: u.kind });
  }
  return vocabulary;
}

function checkUnit(unit: Record<string, unknown>, path: string, problem: Problem, vocabulary: UnitVocabulary): void {
  const r = resolveUnitText(unit.text as string, vocabulary);
  if (!r.ok) {
    problem(`${path}/text`, `${JSON.stringify(unit.text)} is not a unit`);
    return;
  }
  const dims = unit.dimensions as Record<string, number>;
  const want = r.value.dims;
  const same = Object.keys(dims).length === Object.keys(want).length && Object.keys(want).every((k) => dims[k] === want[k]);
  if (!same) problem(`${path}/dimensions`, `do not match the unit ${JSON.stringify(unit.text)}: expected ${JSON.stringify(want)}`);
  if (unit.scale !== r.value.factor)
    problem(`${path}/scale`, `does not match the unit ${JSON.stringify(unit.text)}: expected ${r.value.factor}`);
  if (unit.currency !== (r.value.money ?? null)) {
    problem(`${path}/currency`, `does not match the unit ${JSON.stringify(unit.text)}: expected ${JSON.stringify(r.value.money ?? null)}`);
  }
}
