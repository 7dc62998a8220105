/**
 * The fuzzer's worker thread: receives the corpus once, then mutants one at a time, runs each through the pipeline
 * (pipeline.ts) and answers with its outcome and the milliseconds it took. Bundled by pool.ts with esbuild, so it
 * runs the same code from vitest and from `npm run fuzz`. A hang or an abort here is caught by the pool.
 */
import { parentPort } from "node:worker_threads";
import { memoryHost, type CorpusFile } from "./corpus.js";
import { PROBES, runPipeline } from "./pipeline.js";
import type { Host } from "../../src/driver.js";

/** A message to the worker. */
export type WorkerRequest =
  | { readonly kind: "init"; readonly corpus: readonly CorpusFile[] }
  | { readonly kind: "run"; readonly id: number; readonly path: string; readonly text: string; readonly modules: boolean };

let host: Host | undefined;

parentPort!.on("message", (m: WorkerRequest) => {
  if (m.kind === "init") {
    host = memoryHost(new Map(m.corpus.map((f) => [f.path, f.text])));
    parentPort!.postMessage({ kind: "ready" });
    return;
  }
  // Probes of the watchdog (test/fuzz/pool.test.ts): a mutant that never ends, one that exhausts the heap.
  if (m.path === PROBES.hang) for (;;);
  if (m.path === PROBES.abort) {
    const hoard: string[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => `${i}${hoard.length}`));
  }
  const started = performance.now();
  void runPipeline(m.path, m.text, host!, { modules: m.modules }).then((outcome) => {
    parentPort!.postMessage({ kind: "done", id: m.id, outcome, ms: performance.now() - started });
  });
});
