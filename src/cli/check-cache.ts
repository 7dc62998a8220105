/**
 * A result cache for `termsheet check` and `termsheet build`, in the manner of ccache's "depend mode" or `eslint --cache`: a run of the
 * check is a pure function of the invocation, the version and what it read through the System (files, folder
 * listings, file kinds, environment variables), and its only effects are what it wrote to stdout and stderr and
 * its exit code. So the first run records every System call with a digest of its answer, and what it printed; a
 * later run with the same invocation replays the recorded calls against the real System and, when every answer
 * has the same digest, prints the recorded output without loading the parser at all. Any difference — an edited
 * or new file, a changed listing, another NO_COLOR — is a miss, and the check runs and records again.
 *
 * A build, as make's up-to-date check: its one effect besides what it printed is the output folder it replaced. The
 * entry keeps the digest of every file it put there; a later build whose recorded calls all still answer alike, and
 * whose output folder still holds exactly those files (no more, no fewer, each with the same digest), leaves the
 * folder as it is and says so, since building again would write the same bytes (builds are deterministic). A folder
 * that was edited, emptied or replaced is a miss, and the build runs and writes again.
 *
 * The cache is best effort: an unreadable, corrupt or foreign entry is a miss, a failed write is ignored, and a
 * run that wrote files otherwise than by replacing its output folder, or ended in an internal error, is not
 * recorded. Disabled by `--no-cache` or TERMSHEET_CACHE=off; the location is chosen by the System
 * (src/cli/system.ts).
 */
import { createHash } from "node:crypto";
import type { Invocation } from "./args.js";
import type { CacheStore, System } from "./system.js";

/** Bump when the entry format or what a digest covers changes. */
const FORMAT = 3;

type OpName = "readFile" | "readSource" | "realPath" | "kindOf" | "readFolder" | "env";

/** One System call of the recorded run: what was asked and the digest of the answer. */
interface Op {
  readonly op: OpName;
  readonly arg: string;
  readonly digest: string;
}

/** The output folder a build replaced: where, each file's path and digest, and how many writes came before it. */
interface Output {
  readonly folder: string;
  readonly files: readonly (readonly [string, string])[];
  readonly writesBefore: number;
}

/**
 * A cache entry: the full key (the file name holds only its hash), the calls, the output and the exit code, and
 * for a build the folder it wrote.
 */
interface Entry {
  readonly format: number;
  readonly key: string;
  readonly ops: readonly Op[];
  readonly writes: readonly (readonly ["stdout" | "stderr", string])[];
  readonly exit: number;
  readonly output?: Output;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The digest of a System answer; folder listings are sorted first, since their order is unspecified. */
function digestOf(op: OpName, answer: unknown): string {
  if (op === "readFolder") {
    const a = answer as ReturnType<System["readFolder"]>;
    if (a.ok) answer = { ok: true, value: [...a.value].map((e) => `${e.kind}:${e.name}`).sort() };
  }
  return sha256(JSON.stringify(answer ?? null));
}

/**
 * The digest of the compiler's sources, embedded by scripts/build.mjs: a rebuilt CLI with the same version number
 * (a developer's build, a patched install) must not replay what another build printed.
 */
declare const __TERMSHEET_BUILD__: string | undefined;
const BUILD = typeof __TERMSHEET_BUILD__ === "string" ? __TERMSHEET_BUILD__ : "unbundled";

/** What decides the output besides the System's answers: the invocation, the version, the build and the terminal. */
function cacheKey(inv: Extract<Invocation, { kind: "compile" }>, sys: System, cwd: string): string {
  return JSON.stringify([
    FORMAT,
    sys.version,
    BUILD,
    cwd,
    // Imports may read the standard library wherever the package is installed.
    sys.standardLibrary?.() ?? null,
    sys.stdoutIsTTY,
    sys.windows,
    inv.command,
    inv.inputs,
    inv.format,
    inv.color,
    inv.out ?? null,
  ]);
}

function parseEntry(text: string | undefined, key: string): Entry | undefined {
  if (text === undefined) return undefined;
  try {
    const e = JSON.parse(text) as Entry;
    if (e?.format !== FORMAT || e.key !== key || !Array.isArray(e.ops) || !Array.isArray(e.writes) || typeof e.exit !== "number")
      return undefined;
    if (e.output !== undefined && (typeof e.output.folder !== "string" || !Array.isArray(e.output.files))) return undefined;
    return e;
  } catch {
    return undefined;
  }
}

/** Asks the real System every recorded question again; true when every answer has the recorded digest. */
function stillValid(entry: Entry, sys: System): boolean {
  for (const o of entry.ops) {
    let answer: unknown;
    switch (o.op) {
      case "readFile":
        answer = sys.readFile(o.arg);
        break;
      case "readSource":
        answer = sys.readSource(o.arg);
        break;
      case "realPath":
        answer = sys.realPath(o.arg);
        break;
      case "kindOf":
        answer = sys.kindOf(o.arg);
        break;
      case "readFolder":
        answer = sys.readFolder(o.arg);
        break;
      case "env":
        answer = sys.env(o.arg);
        break;
      default:
        return false;
    }
    if (digestOf(o.op, answer) !== o.digest) return false;
  }
  return true;
}

/**
 * True when `folder` holds exactly the recorded files, each with its recorded digest: the files of the folder,
 * walked through the System (folders followed, anything else a difference), read and compared one by one.
 */
function outputUnchanged(output: Output, sys: System): boolean {
  const recorded = new Map(output.files.map(([path, digest]) => [path, digest]));
  let seen = 0;
  const walk = (folder: string, prefix: string): boolean => {
    const listing = sys.readFolder(folder);
    if (!listing.ok) return false;
    for (const e of listing.value) {
      const rel = prefix + e.name;
      if (e.kind === "folder") {
        if (!walk(`${folder}/${e.name}`, `${rel}/`)) return false;
        continue;
      }
      const digest = recorded.get(rel);
      if (e.kind !== "file" || digest === undefined) return false;
      const text = sys.readFile(`${folder}/${e.name}`);
      if (!text.ok || sha256(text.value) !== digest) return false;
      seen++;
    }
    return true;
  };
  return walk(output.folder, "") && seen === recorded.size;
}

/** A System that answers through `sys` and records every question, answer digest and write. */
function recording(sys: System): {
  readonly sys: System;
  readonly ops: Op[];
  readonly writes: ["stdout" | "stderr", string][];
  wroteFiles: boolean;
  output: Output | undefined;
} {
  const ops: Op[] = [];
  const writes: ["stdout" | "stderr", string][] = [];
  const state = { sys: undefined as unknown as System, ops, writes, wroteFiles: false, output: undefined as Output | undefined };
  const record = <T>(op: OpName, arg: string, answer: T): T => {
    ops.push({ op, arg, digest: digestOf(op, answer) });
    return answer;
  };
  state.sys = {
    readFile: (path) => record("readFile", path, sys.readFile(path)),
    readSource: (path) => record("readSource", path, sys.readSource(path)),
    realPath: (path) => record("realPath", path, sys.realPath(path)),
    standardLibrary: () => sys.standardLibrary?.(),
    kindOf: (path) => record("kindOf", path, sys.kindOf(path)),
    readFolder: (path) => record("readFolder", path, sys.readFolder(path)),
    env: (name) => record("env", name, sys.env(name)),
    write(stream, text) {
      writes.push([stream, text]);
      sys.write(stream, text);
    },
    writeFiles(folder, files) {
      state.wroteFiles = true;
      return sys.writeFiles(folder, files);
    },
    replaceFolder(folder, files) {
      const r = sys.replaceFolder(folder, files);
      // One replaced folder is what a build does; anything else (a failure, a second folder) is not replayed.
      if (r.ok && state.output === undefined && !state.wroteFiles) {
        const digests = files.map((f): [string, string] => [f.path, sha256(f.text)]);
        state.output = { folder, files: digests, writesBefore: writes.length };
      } else state.wroteFiles = true;
      return r;
    },
    // Not used by `check` (market-data files and progress are for `settle` and `index`).
    openFile: (path) => sys.openFile(path),
    stdoutIsTTY: sys.stdoutIsTTY,
    stderrIsTTY: sys.stderrIsTTY,
    now: () => sys.now(),
    windows: sys.windows,
    version: sys.version,
  };
  return state;
}

/** How a cached run went, for tests and `TERMSHEET_DEBUG`. */
export type CacheOutcome = "hit" | "miss" | "stored" | "not-stored";

/**
 * Runs `check` or `build` through the cache: replays a valid entry, or runs `run` on a recording System and stores
 * what it did. A build's hit prints what the build printed before it wrote its folder (its warnings), then that the
 * folder is up to date, in place of what it printed after writing. Returns the exit code and whether the cache was
 * hit.
 */
export async function cachedRun(
  inv: Extract<Invocation, { kind: "compile" }>,
  sys: System,
  store: CacheStore,
  run: (sys: System) => Promise<number>,
): Promise<{ readonly exit: number; readonly outcome: CacheOutcome }> {
  const key = cacheKey(inv, sys, store.scope);
  const name = `${inv.command}-${sha256(key).slice(0, 32)}.json`;
  const entry = parseEntry(store.read(name), key);
  if (entry !== undefined && stillValid(entry, sys) && (entry.output === undefined || outputUnchanged(entry.output, sys))) {
    const upTo = entry.output?.writesBefore ?? entry.writes.length;
    for (const [stream, text] of entry.writes.slice(0, upTo)) sys.write(stream, text);
    if (entry.output !== undefined) {
      const n = entry.output.files.length;
      sys.write(
        "stderr",
        `${inv.out ?? entry.output.folder} is up to date: nothing it was built from has changed since the last build, and it holds the ${n} file${n === 1 ? "" : "s"} that build wrote\n`,
      );
    }
    return { exit: entry.exit, outcome: "hit" };
  }
  const rec = recording(sys);
  const exit = await run(rec.sys);
  // Exit code 3 is a bug in termsheet: never replay it. A run that wrote files other than its output folder has
  // effects a replay would lose.
  if (exit === 3 || rec.wroteFiles) return { exit, outcome: "not-stored" };
  const output = rec.output === undefined ? {} : { output: rec.output };
  const fresh: Entry = { format: FORMAT, key, ops: rec.ops, writes: rec.writes, exit, ...output };
  return { exit, outcome: store.write(name, JSON.stringify(fresh)) ? "stored" : "not-stored" };
}
