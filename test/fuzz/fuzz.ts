/**
 * A fuzzing run: mutants `from` to `from + count − 1` of a seed (mutate.ts), each run through the pipeline in a
 * worker with a time budget proportional to its size (pool.ts), their outcomes counted, failures grouped by a
 * signature (class, stage and message with names and numbers blotted out), and for each new signature a minimal
 * reproducer found by delta debugging (ddmin over lines, then words, then characters) and, when a folder is given,
 * written there with the original mutant and what failed. Used by `npm run fuzz` (scripts/fuzz.ts) and by the
 * fixed-seed sample of `npm test` (test/fuzz/sample-*.test.ts).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusFile } from "./corpus.js";
import { knownOpen } from "./known-open.js";
import { mutantAt, structure, type Mutant } from "./mutate.js";
import type { Failure } from "./pipeline.js";
import { budgetOf, DEFAULT_BUDGET, Pool, type Budget } from "./pool.js";

/** Options of a run. */
export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** The index of the first mutant (0 by default): slices of one seed are independent. */
  readonly from?: number;
  /** Worker threads (1 by default). */
  readonly workers?: number;
  readonly budget?: Budget;
  /** Generate and format the settlement modules for every built mutant (`all`, the default), one in ten (`sample`), or `none`. */
  readonly modules?: "all" | "sample" | "none";
  /** Delta-debug each new failure to a minimal reproducer (true by default). */
  readonly reduce?: boolean;
  /** Where to write each failure (a folder per signature); nothing is written without it. */
  readonly out?: string;
  /** Called after each mutant, with the counts so far. */
  readonly progress?: (done: number, total: number, sofar: Progress) => void;
}

/** The counts of a run so far. */
export interface Progress {
  readonly ok: number;
  readonly diagnostics: number;
  readonly failures: number;
  /** Failures not on the known-open list. */
  readonly fresh: number;
  readonly slowest: FuzzSummary["slowest"];
  readonly ms: number;
}

/** A group of failures with one signature. */
export interface FailureGroup {
  readonly signature: string;
  readonly failure: Failure;
  /** The known-open class it belongs to, if any. */
  readonly knownOpen: string | undefined;
  /** How many mutants failed so. */
  count: number;
  /** The first mutant that failed so, and its reduced text. */
  readonly mutant: Mutant;
  reproducer: string;
  /** Where it was written, if anywhere. */
  folder?: string;
}

/** What a run found. */
export interface FuzzSummary {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  /** Wall time of the whole run, reduction included. */
  readonly ms: number;
  readonly ok: number;
  readonly diagnostics: number;
  readonly failures: number;
  readonly groups: readonly FailureGroup[];
  /** The slowest mutant: its index, file, size in characters and time in the worker. */
  readonly slowest: { readonly index: number; readonly path: string; readonly chars: number; readonly ms: number } | undefined;
  /** The largest mutant and its time: with the slowest, the figure for "time linear in size". */
  readonly largest: { readonly index: number; readonly path: string; readonly chars: number; readonly ms: number } | undefined;
  /** Mutants by size (under 10 KB, 10-100 KB, over 100 KB): how many, and their mean and highest ms per KB. */
  readonly bySize: readonly {
    readonly band: string;
    readonly mutants: number;
    readonly meanMsPerKb: number;
    readonly maxMsPerKb: number;
  }[];
}

/** A failure's signature: class, stage and message with quoted names, numbers and paths blotted out. */
export function signatureOf(f: Failure): string {
  const message = f.message
    .replace(/\b(compiled|compile) (calendar|index|future|option|spread) \S+/g, "$1 $2 …")
    .replace(/`[^`]*`/g, "`…`")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b(?:contracts|indices|calendars)\/\S+\.json/g, "SPEC")
    .replace(/\d+(?:\.\d+)?/g, "N")
    .slice(0, 160);
  // The first frame of a stack that is ours names where an exception came from.
  const frame = /\n\s+at (\S+)/.exec(f.detail ?? "")?.[1] ?? "";
  return `${f.class} ${f.stage}: ${message}${frame ? ` (at ${frame})` : ""}`;
}

const SIZE_BANDS: readonly [string, number][] = [
  ["under 10 KB", 10_000],
  ["10 KB to 100 KB", 100_000],
  ["over 100 KB", Infinity],
];

/** Runs mutants and returns what they gave; never throws for a failing mutant. */
export async function fuzz(corpus: readonly CorpusFile[], options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const from = options.from ?? 0;
  const budget = options.budget ?? DEFAULT_BUDGET;
  const modulesEvery = options.modules === "none" ? 0 : options.modules === "sample" ? 10 : 1;
  const pool = await Pool.create(corpus, options.workers ?? 1);
  const groups = new Map<string, FailureGroup>();
  let ok = 0;
  let diagnostics = 0;
  let failures = 0;
  let done = 0;
  let slowest: FuzzSummary["slowest"];
  let largest: FuzzSummary["largest"];
  const bands = SIZE_BANDS.map(() => ({ mutants: 0, msPerKb: 0, max: 0 }));
  const reductions: Promise<void>[] = [];

  const one = async (index: number): Promise<void> => {
    const m = mutantAt(corpus, options.seed, index);
    const modules = modulesEvery > 0 && index % modulesEvery === 0;
    const run = await pool.run(m.path, m.text, modules, budgetOf(budget, m.text.length));
    const o = run.outcome;
    if (o.kind === "ok") ok++;
    else if (o.kind === "diagnostics") diagnostics++;
    else {
      failures++;
      const signature = signatureOf(o.failure);
      const g = groups.get(signature);
      if (g !== undefined) g.count++;
      else {
        const group: FailureGroup = {
          signature,
          failure: o.failure,
          knownOpen: knownOpen(o.failure, m.text)?.name,
          count: 1,
          mutant: m,
          reproducer: m.text,
        };
        groups.set(signature, group);
        reductions.push(
          (async () => {
            if (options.reduce !== false && group.failure.class !== "hang" && group.failure.class !== "slow")
              group.reproducer = await reduce(m.text, async (t) => {
                const r = await pool.run(m.path, t, modules, budgetOf(budget, t.length));
                return r.outcome.kind === "failure" && signatureOf(r.outcome.failure) === signature;
              });
            if (options.out !== undefined) group.folder = writeFailure(options.out, group, options);
          })(),
        );
      }
    }
    const chars = m.text.length;
    if (slowest === undefined || run.ms > slowest.ms) slowest = { index, path: m.path, chars, ms: run.ms };
    if (largest === undefined || chars > largest.chars) largest = { index, path: m.path, chars, ms: run.ms };
    const b = bands[SIZE_BANDS.findIndex(([, max]) => chars < max)]!;
    const perKb = run.ms / Math.max(1, chars / 1000);
    b.mutants++;
    b.msPerKb += perKb;
    b.max = Math.max(b.max, perKb);
    done++;
    if (options.progress !== undefined) {
      let fresh = 0;
      for (const g of groups.values()) if (g.knownOpen === undefined) fresh += g.count;
      options.progress(done, options.count, { ok, diagnostics, failures, fresh, slowest, ms: performance.now() - started });
    }
  };

  // Mutants are handed to the workers in order, as many at a time as there are workers.
  let next = from;
  const lanes = Array.from({ length: Math.max(1, options.workers ?? 1) }, async () => {
    while (next < from + options.count) await one(next++);
  });
  await Promise.all(lanes);
  await Promise.all(reductions);
  await pool.close();
  return {
    seed: options.seed,
    from,
    count: options.count,
    ms: performance.now() - started,
    ok,
    diagnostics,
    failures,
    groups: [...groups.values()],
    slowest,
    largest,
    bySize: SIZE_BANDS.map(([band], i) => ({
      band,
      mutants: bands[i]!.mutants,
      meanMsPerKb: bands[i]!.mutants === 0 ? 0 : bands[i]!.msPerKb / bands[i]!.mutants,
      maxMsPerKb: bands[i]!.max,
    })),
  };
}

/**
 * Delta debugging: the smallest text found, within `maxTries` runs, for which `fails` still holds. First whole
 * blocks and statements (largest first, so that a declaration goes at once rather than line by line, which would
 * unbalance its braces), then Zeller's ddmin (complements only) over lines, space-separated words, and characters
 * when the text is short.
 */
export async function reduce(text: string, fails: (t: string) => Promise<boolean>, maxTries = 400): Promise<string> {
  let tries = 0;
  const ddmin = async (units: string[], join: string): Promise<string[]> => {
    let n = 2;
    while (units.length >= 2 && tries < maxTries) {
      const size = Math.ceil(units.length / n);
      let reduced = false;
      for (let i = 0; i < units.length && tries < maxTries; i += size) {
        const rest = [...units.slice(0, i), ...units.slice(i + size)];
        tries++;
        if (await fails(rest.join(join))) {
          units = rest;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= units.length) break;
        n = Math.min(units.length, n * 2);
      }
    }
    return units;
  };
  let t = text;
  for (let changed = true; changed && tries < maxTries;) {
    changed = false;
    const lines = t.split("\n");
    const units = structure(lines).units.sort((a, b) => b.end - b.start - (a.end - a.start));
    for (const u of units) {
      if (tries >= maxTries) break;
      const rest = [...lines.slice(0, u.start), ...lines.slice(u.end)].join("\n");
      tries++;
      if (await fails(rest)) {
        t = rest;
        changed = true;
        break;
      }
    }
  }
  t = (await ddmin(t.split("\n"), "\n")).join("\n");
  t = (await ddmin(t.split(/(?<= )/), "")).join("");
  if (t.length <= 2_000) t = (await ddmin([...t], "")).join("");
  return t;
}

function writeFailure(out: string, g: FailureGroup, options: FuzzOptions): string {
  const slug = `${g.failure.class}-${g.failure.stage}-${createHash("sha256").update(g.signature).digest("hex").slice(0, 10)}`;
  const dir = join(out, slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "reproducer.terms"), g.reproducer);
  writeFileSync(join(dir, "original.terms"), g.mutant.text);
  const lines = [
    `signature: ${g.signature}`,
    `class: ${g.failure.class}`,
    `stage: ${g.failure.stage}`,
    `message: ${g.failure.message}`,
    ...(g.knownOpen === undefined ? [] : [`known open: ${g.knownOpen}`]),
    `mutant: ${g.mutant.index} of seed ${g.mutant.seed}, from ${g.mutant.path}`,
    ...g.mutant.mutations.map((m) => `  - ${m}`),
    `checked as: ${g.mutant.path} (its imports resolve against the repository)`,
    `replay: npm run fuzz -- --replay ${join(dir, "reproducer.terms")} --as ${g.mutant.path}`,
    `modules: ${options.modules ?? "all"}`,
    "",
    g.failure.detail ?? "",
  ];
  writeFileSync(join(dir, "failure.txt"), lines.join("\n") + "\n");
  return dir;
}
