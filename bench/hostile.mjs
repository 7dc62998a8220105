// Benchmark: `termsheet check` on hostile inputs, each generated here and checked by the CLI in a fresh process
// (`--no-cache`, output discarded), with a time limit so that a quadratic case or an abort shows as such instead of
// stopping the run: stray tokens inside a block (on one line, and one per line), a long unknown name beside a
// declared one, deeply nested and unclosed braces, a long line with an error at its end, many declarations, many
// diagnostics with did-you-mean hints, and many imports. Targets (issue 13): every input of about 1 MB checks in
// under 2 s, and the 10 MB source of stray tokens in under 5 s. Run alone: `node bench/run.mjs --only hostile`, or
// `node bench/hostile.mjs [--runs N] [--limit SECONDS] [--only CASE,CASE] [--bin PATH]` to print the table without
// the suite (`--bin` checks with another build of the CLI, e.g. a copy of an older one, for before/after figures).
// The baseline of the same run is `node -e 0`, run after each run of each case under the same measure, so that the
// machine's load shifts both alike; the targets are judged on the median CPU time (user + system) of each case when
// /usr/bin/time is there, else on its median wall time.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateTerms } from "./generate.mjs";
import { median, outDir, root, summary } from "./lib.mjs";

const KB = 1000;
const MB = 1000 * KB;

/** A word repeated, separated by `sep`, until the text is about `bytes` long. */
function repeat(word, sep, bytes) {
  return Array.from({ length: Math.ceil(bytes / (word.length + sep.length)) }, () => word).join(sep);
}

/** A calendar with a long name, and one based on a name that differs from it in its last character. */
function longNames(length) {
  const declared = "L".repeat(length);
  const used = "L".repeat(length - 1) + "M";
  return `calendar ${declared} {\n  time zone Europe/London\n}\ncalendar J {\n  time zone Europe/London\n  based on ${used}\n}\n`;
}

/** Each case: a name, what it is, its target in seconds, and the files to write (the first is the one checked). */
const CASES = [
  {
    name: "stray-330k",
    what: "stray words on one line inside a block, 330 KB",
    max: 2,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n  ${repeat("foo", " ", 330 * KB)}\n}\n`]],
  },
  {
    name: "stray-1m",
    what: "stray words on one line inside a block, 1 MB",
    max: 2,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n  ${repeat("foo", " ", MB)}\n}\n`]],
  },
  {
    name: "stray-lines-1m",
    what: "stray words inside a block, one per line, 1 MB",
    max: 2,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n${repeat("  foo", "\n", MB)}\n}\n`]],
  },
  {
    name: "stray-punctuation-1m",
    what: "stray punctuation (`, . :`) inside a block, 1 MB",
    max: 2,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n  ${repeat(", . :", " ", MB)}\n}\n`]],
  },
  {
    name: "stray-10m",
    what: "stray words on one line inside a block, 10 MB",
    max: 5,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n  ${repeat("foo", " ", 10 * MB)}\n}\n`]],
  },
  {
    name: "unknown-name-16k",
    what: "an unknown 16,000-character calendar name beside a declared one of the same length",
    max: 2,
    files: () => [["main.terms", longNames(16_000)]],
  },
  {
    name: "unknown-name-1m",
    what: "an unknown 500,000-character calendar name beside a declared one of the same length",
    max: 2,
    files: () => [["main.terms", longNames(500_000)]],
  },
  {
    name: "open-braces-1m",
    what: "a declaration followed by 1 MB of unclosed `{`",
    max: 2,
    files: () => [["main.terms", `calendar X ${"{".repeat(MB)}\n`]],
  },
  {
    name: "nested-blocks-1m",
    what: "1 MB of `source S {` nested in an index, never closed",
    max: 2,
    files: () => [["main.terms", `index I {\n${repeat("source S {", "\n", MB)}\n`]],
  },
  {
    name: "long-line-1m",
    what: "a 1 MB line (a string) with an error at its end",
    max: 2,
    files: () => [["main.terms", `calendar X {\n  time zone Europe/London\n  description "${"a".repeat(MB)}" oops\n}\n`]],
  },
  {
    name: "many-declarations-1m",
    what: "about 1 MB of valid declarations (bench/generate.mjs)",
    max: 2,
    files: () => [["main.terms", generateTerms(24_000).text]],
  },
  {
    name: "misspelt-words-1m",
    what: "about 1 MB of calendars with misspelt words and unknown names (did-you-mean for each)",
    max: 2,
    files: () => {
      const decls = [];
      for (let k = 0, size = 0; size < MB; k++) {
        const d = `calendar C${k} {\n  time zone Europe/Londn\n  weekend Saturdy, Sunday\n  based on C${k}x\n}\n`;
        decls.push(d);
        size += d.length;
      }
      return [["main.terms", decls.join("")]];
    },
  },
  {
    // Found by the 100,000-mutant fuzz run (issue 13): a structure mutation repeated a weekly future's last trading
    // day 1,984 times (191.6 KB), and the check, which asked every version for every week of its 50-year horizon
    // which version governs it, took seconds per hundred versions (quadratic in the versions).
    name: "many-rule-versions-1m",
    what: "a weekly future whose last trading day is written about 10,000 times (1 MB)",
    max: 2,
    files: () => {
      const line = "  last trading day is the Friday of the contract week, adjusted preceding on CAL\n";
      const head = `calendar CAL {\n  time zone America/Chicago\n  weekend Saturday, Sunday\n}\nindex IDX {\n  quoted in USD per 1M tokens\n  time zone America/Chicago\n}\n`;
      const future = `future F {\n  underlying index IDX\n  contract unit 1000 million tokens\n  price quoted in USD per 1M tokens\n  tick 0.001 USD per 1M tokens\n  listing 4 consecutive weeks\n${line.repeat(Math.floor(MB / line.length))}}\n`;
      return [["main.terms", head + future]];
    },
  },
  {
    name: "many-imports-2000",
    what: "a file importing 2,000 files, each declaring a calendar",
    max: 2,
    files: () => {
      const n = 2000;
      const lib = Array.from({ length: n }, (_, k) => [`lib/c${k}.terms`, `calendar C${k} {\n  time zone Europe/London\n}\n`]);
      const main = lib.map(([path], k) => `import C${k} from "${path}"`).join("\n") + "\n";
      return [["main.terms", main], ...lib];
    },
  },
];

/** /usr/bin/time, when there is one: it gives the CPU time of the check, which a busy machine inflates less. */
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/**
 * Checks one case in a fresh process, with a time limit: the wall time, the CPU time (user + system, when
 * /usr/bin/time is there), and the exit status or why it did not finish.
 */
function checkCase(dir, limitSeconds, bin) {
  return timed([process.execPath, bin, "check", "main.terms", "--no-cache"], dir, limitSeconds);
}

/** Runs a command in a folder with a time limit, measured as checkCase says. */
function timed(check, dir, limitSeconds) {
  const [command, ...args] = TIME ? [TIME, "-f", "cpu %U %S", ...check] : check;
  const t = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    timeout: limitSeconds * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TERMSHEET_CACHE: "off" },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? "");
  const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined;
  if (r.error?.code === "ETIMEDOUT" || (r.signal === "SIGKILL" && ms >= limitSeconds * 1000)) {
    return { ms, cpuMs, outcome: `over ${limitSeconds} s` };
  }
  if (r.signal) return { ms, cpuMs, outcome: `killed by ${r.signal}` };
  // /usr/bin/time reports a check killed by a signal as exit status 128 + the signal.
  if (TIME && r.status > 128) return { ms, cpuMs, outcome: `killed by signal ${r.status - 128}` };
  return { ms, cpuMs, outcome: `exit ${r.status}` };
}

const bench = {
  name: "hostile",
  title: "termsheet check on hostile inputs (stray tokens, long names, open braces, long lines, many files)",
  /** `quick`: a smoke run of two small cases. */
  async run({ runs = 3, limit = 60, only = undefined, bin = join(root, "bin", "termsheet.js"), quick = false } = {}) {
    if (quick && only === undefined) only = ["stray-330k", "unknown-name-16k"];
    const base = join(outDir, "hostile");
    const rows = [];
    const targets = [];
    const notes = [];
    const baseline = [];
    const baselineCpu = [];
    for (const c of CASES) {
      if (only && !only.includes(c.name)) continue;
      const dir = join(base, c.name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      // The folder is its own project (see "Files and imports" in grammar/README.md).
      writeFileSync(join(dir, "termsheet.json"), "{}\n");
      let bytes = 0;
      for (const [path, text] of c.files()) {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), text);
        bytes += Buffer.byteLength(text);
      }
      const samples = [];
      const cpu = [];
      let outcome = "";
      for (let i = 0; i < runs; i++) {
        const r = checkCase(dir, limit, bin);
        samples.push(r.ms);
        if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
        outcome = r.outcome;
        const b = timed([process.execPath, "-e", "0"], dir, limit);
        baseline.push(b.ms);
        if (b.cpuMs !== undefined) baselineCpu.push(b.cpuMs);
        // A case that is slow or did not finish is measured once.
        if (r.ms > 30_000 || !r.outcome.startsWith("exit")) break;
      }
      const finished = outcome === "exit 0" || outcome === "exit 1";
      rows.push(summary(`${c.name} (${(bytes / MB).toFixed(2)} MB, ${outcome})`, samples));
      if (cpu.length > 0) rows.push(summary(`${c.name}, CPU time`, cpu));
      const judged = cpu.length > 0 ? cpu : samples;
      targets.push({
        what: `${c.name} median ${cpu.length > 0 ? "CPU" : "wall"} time`,
        value: finished ? Math.round(median(judged)) / 1000 : Infinity,
        unit: " s",
        max: c.max,
      });
      notes.push(`${c.name}: ${c.what}`);
      rmSync(dir, { recursive: true, force: true });
    }
    if (baseline.length > 0) rows.unshift(summary("baseline: node -e 0 (after each run of each case)", baseline));
    if (baselineCpu.length > 0) rows.splice(1, 0, summary("baseline: node -e 0, CPU time", baselineCpu));
    return { rows, targets, notes };
  },
};
export default bench;

// Run directly: print one line per case.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const r = await bench.run({
    runs: Number(arg("--runs") ?? 1),
    limit: Number(arg("--limit") ?? 60),
    only: arg("--only")?.split(","),
    bin: arg("--bin"),
  });
  for (const row of r.rows)
    console.log(`${row.label.padEnd(60)} median ${row.median_ms.toFixed(0).padStart(7)} ms, min ${row.min_ms.toFixed(0).padStart(7)} ms`);
  for (const t of r.targets) console.log(`${t.what.padEnd(60)} ${t.value} s (target ${t.max} s)`);
}
