// Shared helpers of the benchmarks: timing, statistics, and access to the compiler under test. The compiler is
// taken from the built dist/ when it offers what a benchmark needs, otherwise from a stand-in entry under
// bench/entries/ bundled from src/ with esbuild exactly as scripts/build.mjs bundles the real one.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Where benchmarks write their outputs (gitignored). */
export const outDir = join(root, "bench", "out");

/** The median of a list of numbers (the mean of the two middle values for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, minimum and maximum of timings in milliseconds, rounded to 0.1 ms for reporting. */
export function summary(label, samples) {
  const r = (x) => Math.round(x * 10) / 10;
  return { label, median_ms: r(median(samples)), min_ms: r(Math.min(...samples)), max_ms: r(Math.max(...samples)), runs: samples.length };
}

/**
 * Wall time and CPU time (user + system of this process, all its threads: the garbage collector's included) in
 * milliseconds of one synchronous call. On a shared machine the CPU time is the figure to compare.
 */
export function timeCall(fn) {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(c);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * One run of a command under GNU time (`/usr/bin/time -v`): wall ms, CPU ms (user + system of the child), peak
 * resident MiB, exit status and output; null when /usr/bin/time is missing.
 */
export function timeSpawnCpu(command, args) {
  if (!existsSync("/usr/bin/time")) return null;
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-v", command, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const field = (re) => Number((re.exec(r.stderr ?? "") ?? [])[1]);
  return {
    ms,
    cpuMs: (field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/)) * 1000,
    rssMb: Math.round(field(/Maximum resident set size \(kbytes\): (\d+)/) / 1024),
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** Wall time in milliseconds of running a command to completion (output discarded), with its exit status. */
export function timeSpawn(command, args, env = undefined) {
  const t = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: env === undefined ? process.env : { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bundles a stand-in entry from bench/entries/ into bench/out/ (once per process); `minify` as the CLI is. */
const bundled = new Map();
export async function bundle(entry, { minify = false, external = [] } = {}) {
  if (bundled.has(entry)) return bundled.get(entry);
  const { build } = await import("esbuild");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, entry.replace(/\.ts$/, ".js"));
  await build({
    entryPoints: [join(root, "bench", "entries", entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    minify,
    external,
    banner: { js: "import { createRequire as __tsCreateRequire } from 'node:module'; const require = __tsCreateRequire(import.meta.url);" },
  });
  bundled.set(entry, outfile);
  return outfile;
}

/**
 * The library API: dist/index.js when it exports `parse`, `checkSources` and `SourceFile`, otherwise the stand-in
 * bundle of bench/entries/api.ts. `from` says which one was measured.
 */
export async function loadApi() {
  const dist = join(root, "dist", "index.js");
  if (existsSync(dist)) {
    const api = await import(pathToFileURL(dist).href);
    if (typeof api.parse === "function" && typeof api.checkSources === "function" && typeof api.SourceFile === "function") {
      return { api, from: "dist/index.js" };
    }
  }
  const file = await bundle("api.ts");
  return {
    api: await import(pathToFileURL(file).href),
    from: `stand-in ${relative(root, file)} (dist/index.js lacks parse, checkSources or SourceFile)`,
  };
}

/**
 * The command that checks a folder: `node bin/termsheet.js check DIR` once dist/cli.js is built, otherwise the
 * stand-in bundle of bench/entries/check-cli.ts. `label` says which one was measured.
 */
export async function checkCommand(dir) {
  if (existsSync(join(root, "dist", "cli.js"))) {
    return { command: process.execPath, args: [join(root, "bin", "termsheet.js"), "check", dir], label: `termsheet check ${dir}` };
  }
  const file = await bundle("check-cli.ts");
  return { command: process.execPath, args: [file, dir], label: `stand-in check ${dir} (${relative(root, file)}; dist/cli.js not built)` };
}
