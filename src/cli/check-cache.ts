/**
 * A result cache for `termsheet check`, in the manner of ccache's "depend mode" or `eslint --cache`: a run of the
 * check is a pure function of the invocation, the version and what it read through the System (files, folder
 * listings, file kinds, environment variables), and its only effects are what it wrote to stdout and stderr and
 * its exit code. So the first run records every System call with a digest of its answer, and what it printed; a
 * later run with the same invocation replays the recorded calls against the real System and, when every answer
 * has the same digest, prints the recorded output without loading the parser at all. Any difference — an edited
 * or new file, a changed listing, another NO_COLOR — is a miss, and the check runs and records again.
 *
 * The cache is best effort: an unreadable, corrupt or foreign entry is a miss, a failed write is ignored, and a
 * run that wrote files or ended in an internal error is not recorded. Disabled by `--no-cache` or
 * TERMSHEET_CACHE=off; the location is chosen by the System (src/cli/system.ts).
 */
import { createHash } from "node:crypto";
import type { Invocation } from "./args.js";
import type { CacheStore, System } from "./system.js";

/** Bump when the entry format or what a digest covers changes. */
const FORMAT = 2;

type OpName = "readFile" | "readSource" | "realPath" | "kindOf" | "readFolder" | "env";

/** One System call of the recorded run: what was asked and the digest of the answer. */
interface Op {
  readonly op: OpName;
  readonly arg: string;
  readonly digest: string;
}

/** A cache entry: the full key (the file name holds only its hash), the calls, the output and the exit code. */
interface Entry {
  readonly format: number;
  readonly key: string;
  readonly ops: readonly Op[];
  readonly writes: readonly (readonly ["stdout" | "stderr", string])[];
  readonly exit: number;
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

/** A System that answers through `sys` and records every question, answer digest and write. */
function recording(sys: System): {
  readonly sys: System;
  readonly ops: Op[];
  readonly writes: ["stdout" | "stderr", string][];
  wroteFiles: boolean;
} {
  const ops: Op[] = [];
  const writes: ["stdout" | "stderr", string][] = [];
  const state = { sys: undefined as unknown as System, ops, writes, wroteFiles: false };
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
      state.wroteFiles = true;
      return sys.replaceFolder(folder, files);
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
 * Runs `check` through the cache: replays a valid entry, or runs `run` on a recording System and stores what it
 * did. Returns the exit code and whether the cache was hit.
 */
export async function cachedCheck(
  inv: Extract<Invocation, { kind: "compile" }>,
  sys: System,
  store: CacheStore,
  run: (sys: System) => Promise<number>,
): Promise<{ readonly exit: number; readonly outcome: CacheOutcome }> {
  const key = cacheKey(inv, sys, store.scope);
  const name = `check-${sha256(key).slice(0, 32)}.json`;
  const entry = parseEntry(store.read(name), key);
  if (entry !== undefined && stillValid(entry, sys)) {
    for (const [stream, text] of entry.writes) sys.write(stream, text);
    return { exit: entry.exit, outcome: "hit" };
  }
  const rec = recording(sys);
  const exit = await run(rec.sys);
  // Exit code 3 is a bug in termsheet: never replay it. A run that wrote files has effects a replay would lose.
  if (exit === 3 || rec.wroteFiles) return { exit, outcome: "not-stored" };
  const fresh: Entry = { format: FORMAT, key, ops: rec.ops, writes: rec.writes, exit };
  return { exit, outcome: store.write(name, JSON.stringify(fresh)) ? "stored" : "not-stored" };
}
