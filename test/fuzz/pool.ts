/**
 * The fuzzer's watchdog: worker threads running worker.ts (bundled with esbuild by each pool into a temporary folder,
 * removed when the pool closes), each given one mutant at a time with a time budget proportional to its size. A
 * worker that does not answer within the budget is terminated (a hang, or a super-linear time: the pool tries the
 * mutant again with four times the budget to tell them apart), and one that dies (out of memory under its heap
 * limit, or any other exit) is an abort; either way a fresh worker takes its place.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { REPO_ROOT, type CorpusFile } from "./corpus.js";
import type { Failure, Outcome } from "./pipeline.js";
import type { WorkerRequest } from "./worker.js";

/** The time budget of a mutant: a fixed allowance plus a time per character (see fuzz.ts). */
export interface Budget {
  readonly baseMs: number;
  readonly perCharMs: number;
}

/**
 * The default budget: 10 s plus 0.1 ms per character. Generous for one stage (a check takes about 2 µs per character),
 * because the whole pipeline's time follows the structure as well as the size: a spread of 800 legs in 28 KB settles
 * each leg of two periods, several seconds on a busy machine. A quadratic algorithm or a loop still blows it: at
 * 100 KB a quadratic stage of a millisecond per KB² takes ten times the budget.
 */
export const DEFAULT_BUDGET: Budget = { baseMs: 10_000, perCharMs: 0.1 };

/** The budget of a text of `chars` characters. */
export const budgetOf = (b: Budget, chars: number): number => b.baseMs + b.perCharMs * chars;

/** What running one mutant gave: its outcome and the time it took in the worker. */
export interface Run {
  readonly outcome: Outcome;
  readonly ms: number;
}

/** A heap limit for a worker: an input that needs more is an abort, not the end of the fuzzer. */
export const HEAP_MB = 1536;

/** worker.ts bundled with esbuild, as an ES module file in a new temporary folder (removed by Pool.close). */
async function workerBundle(): Promise<{ file: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "termsheet-fuzz-"));
  const file = join(dir, "worker.mjs");
  await build({
    entryPoints: [join(REPO_ROOT, "test/fuzz/worker.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
  });
  return { file, dir };
}

/** One worker thread and the mutant it is running. */
class Slot {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private waiting: ((r: { kind: "done"; outcome: Outcome; ms: number } | { kind: "died"; message: string }) => void) | undefined;
  private next = 0;

  constructor(
    private readonly file: string,
    private readonly corpus: readonly CorpusFile[],
    private readonly heapMb: number,
  ) {}

  private start(): Promise<void> {
    const w = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb }, stdout: true, stderr: true });
    this.worker = w;
    // Whatever the worker prints is not read: drained, so that it never accumulates.
    w.stdout.resume();
    w.stderr.resume();
    this.ready = new Promise((resolve, reject) => {
      w.once("message", () => resolve());
      w.once("error", reject);
    });
    w.on("message", (m: { kind: string; outcome: Outcome; ms: number }) => {
      if (m.kind === "done") this.settle({ kind: "done", outcome: m.outcome, ms: m.ms });
    });
    w.on("error", (e) => this.settle({ kind: "died", message: `${e.name}: ${e.message}` }));
    w.on("exit", (code) => {
      if (this.worker === w) this.worker = undefined;
      this.settle({ kind: "died", message: `the worker exited with code ${code}` });
    });
    w.postMessage({ kind: "init", corpus: this.corpus } satisfies WorkerRequest);
    return this.ready;
  }

  private settle(r: { kind: "done"; outcome: Outcome; ms: number } | { kind: "died"; message: string }): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.(r);
  }

  /** Runs a mutant with a time limit. */
  async run(path: string, text: string, modules: boolean, limitMs: number): Promise<Run | { failure: Failure; ms: number }> {
    if (this.worker === undefined) await this.start();
    await this.ready;
    const w = this.worker!;
    const started = performance.now();
    const result = await new Promise<
      { kind: "done"; outcome: Outcome; ms: number } | { kind: "died"; message: string } | { kind: "timeout" }
    >((resolve) => {
      const timer = setTimeout(() => resolve({ kind: "timeout" }), limitMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      w.postMessage({ kind: "run", id: this.next++, path, text, modules } satisfies WorkerRequest);
    });
    const ms = performance.now() - started;
    if (result.kind === "done") return { outcome: result.outcome, ms: result.ms };
    this.waiting = undefined;
    this.worker = undefined;
    await w.terminate();
    if (result.kind === "timeout")
      return { failure: { class: "hang", stage: "worker", message: `no answer within ${Math.round(limitMs)} ms` }, ms };
    return { failure: { class: "abort", stage: "worker", message: result.message }, ms };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/** A pool of worker threads over one corpus. */
export class Pool {
  private readonly slots: Slot[] = [];
  private readonly free: Slot[] = [];
  private readonly queue: ((s: Slot) => void)[] = [];

  private constructor(
    private readonly dir: string,
    file: string,
    corpus: readonly CorpusFile[],
    size: number,
    heapMb: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(new Slot(file, corpus, heapMb));
    this.free.push(...this.slots);
  }

  /** A pool of `size` workers (started lazily), each with a heap of `heapMb`. */
  static async create(corpus: readonly CorpusFile[], size: number, heapMb = HEAP_MB): Promise<Pool> {
    const { file, dir } = await workerBundle();
    return new Pool(dir, file, corpus, Math.max(1, size), heapMb);
  }

  private async acquire(): Promise<Slot> {
    const s = this.free.pop();
    if (s !== undefined) return s;
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(s: Slot): void {
    const next = this.queue.shift();
    if (next) next(s);
    else this.free.push(s);
  }

  /**
   * Runs a mutant within its budget. A mutant that runs out of time is run again with four times the budget: when it
   * does not finish, it is a `hang`; when it finishes but over twice its budget, it is `slow`; otherwise the first try
   * was slowed by the machine's load.
   */
  async run(path: string, text: string, modules: boolean, budgetMs: number): Promise<Run> {
    const slot = await this.acquire();
    try {
      const first = await slot.run(path, text, modules, budgetMs);
      if ("outcome" in first) return first;
      if (first.failure.class !== "hang") return { outcome: { kind: "failure", failure: first.failure }, ms: first.ms };
      const again = await slot.run(path, text, modules, 4 * budgetMs);
      if ("failure" in again) return { outcome: { kind: "failure", failure: again.failure }, ms: again.ms };
      if (again.ms <= 2 * budgetMs) return again;
      return {
        outcome: {
          kind: "failure",
          failure: {
            class: "slow",
            stage: "worker",
            message: `took ${Math.round(again.ms)} ms, over twice its budget of ${Math.round(budgetMs)} ms`,
          },
        },
        ms: again.ms,
      };
    } finally {
      this.release(slot);
    }
  }

  /** Stops every worker and removes the bundle. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
