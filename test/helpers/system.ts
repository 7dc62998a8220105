/**
 * The tests' Systems for running the CLI in process (src/cli/run.ts's runCli): `memorySystem`, the one in-memory
 * System over a map of files, and `nodeSystemIn`, the real file system seen from a working folder other than the
 * process's (relative paths resolved against it, as a subprocess started there would), with stdout and stderr
 * captured and the environment given rather than inherited. Both keep what the CLI printed in `out` and `err`.
 */
import { posix } from "node:path";
import { MAX_SOURCE_BYTES } from "../../src/base/source.js";
import {
  nodeSystem,
  replaceFolderWith,
  type ChunkReader,
  type FolderEntry,
  type FolderOps,
  type Outcome,
  type PathKind,
  type ReplaceOutcome,
  type System,
} from "../../src/cli/system.js";
import { runCli } from "../../src/cli/run.js";

/** What a run of the CLI produced. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const missing = { ok: false, reason: "no such file or folder" } as const;

/**
 * Folder operations over a map of file paths to texts (folders are implied by the paths; empty ones are kept in a
 * set), for replaceFolderWith; `fail` makes an operation on a path throw, as a full disk or a lock would.
 */
export function memoryFolderOps(files: Record<string, string>, fail?: (op: keyof FolderOps, path: string) => boolean): FolderOps {
  const empty = new Set<string>();
  const check = (op: keyof FolderOps, path: string): void => {
    if (fail?.(op, path)) throw Object.assign(new Error(`${op} failed`), { code: "EIO" });
  };
  const under = (path: string): string[] => Object.keys(files).filter((p) => p.startsWith(`${path}/`));
  const ops: FolderOps = {
    kind(path) {
      check("kind", path);
      if (path in files) return "file";
      return empty.has(path) || under(path).length > 0 ? "folder" : "none";
    },
    list(path) {
      check("list", path);
      const names = new Set(under(path).map((p) => p.slice(path.length + 1).split("/")[0]!));
      for (const e of empty) if (e.startsWith(`${path}/`)) names.add(e.slice(path.length + 1).split("/")[0]!);
      return [...names];
    },
    makeFolder(path) {
      check("makeFolder", path);
      if (ops.kind(path) === "none") empty.add(path);
    },
    writeFile(path, text) {
      check("writeFile", path);
      files[path] = text;
    },
    rename(from, to) {
      check("rename", from);
      if (ops.kind(to) !== "none") throw Object.assign(new Error("exists"), { code: "EEXIST" });
      for (const p of under(from)) {
        files[`${to}${p.slice(from.length)}`] = files[p]!;
        delete files[p];
      }
      for (const e of [...empty]) {
        if (e === from || e.startsWith(`${from}/`)) {
          empty.delete(e);
          empty.add(`${to}${e.slice(from.length)}`);
        }
      }
    },
    remove(path) {
      check("remove", path);
      for (const p of under(path)) delete files[p];
      delete files[path];
      for (const e of [...empty]) if (e === path || e.startsWith(`${path}/`)) empty.delete(e);
    },
  };
  return ops;
}

/** An in-memory System (for in-process runs of the CLI) over a map of `/`-separated relative paths to texts; folders are implied by the paths. */
export function memorySystem(
  files: Readonly<Record<string, string>>,
  options: { tty?: boolean; env?: Record<string, string>; fail?: (op: keyof FolderOps, path: string) => boolean } = {},
): System & { out: string; err: string; written: Record<string, string> } {
  const folders = new Set<string>(["."]);
  for (const path of Object.keys(files)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join("/"));
  }
  // The files live in a folder /memory, the working folder: absolute paths there are its relative paths.
  const inMemory = (path: string): string =>
    path === "/memory" ? "." : path.startsWith("/memory/") ? path.slice("/memory/".length) : path;
  const sys = {
    out: "",
    err: "",
    /** Files written by `build`, by `/`-separated path including the output folder. */
    written: {} as Record<string, string>,
    readFile: (path: string): Outcome<string> => (path in files ? { ok: true, value: files[path]! } : missing),
    readSource(absoluteOrRelative: string): Outcome<string> {
      const path = inMemory(absoluteOrRelative);
      if (folders.has(path)) return { ok: false, reason: "it is a folder", refusal: "not-a-file" };
      if (!(path in files)) return missing;
      if (new TextEncoder().encode(files[path]!).length > MAX_SOURCE_BYTES) {
        return { ok: false, reason: "it is larger than 16 MiB", refusal: "too-large" };
      }
      return { ok: true, value: files[path]! };
    },
    realPath: (path: string): Outcome<string> =>
      path in files || folders.has(path) ? { ok: true, value: posix.join("/memory", path) } : missing,
    kindOf(absoluteOrRelative: string): Outcome<PathKind> {
      const path = inMemory(absoluteOrRelative);
      return path in files ? { ok: true, value: "file" } : folders.has(path) ? { ok: true, value: "folder" } : missing;
    },
    readFolder(path: string): Outcome<readonly FolderEntry[]> {
      if (!folders.has(path)) return missing;
      const prefix = path === "." ? "" : path + "/";
      const names = new Map<string, PathKind>();
      for (const p of [...Object.keys(files), ...folders]) {
        if (!p.startsWith(prefix) || p === path) continue;
        const name = p.slice(prefix.length).split("/")[0]!;
        names.set(name, folders.has(prefix + name) ? "folder" : "file");
      }
      // Reverse order, so that the walk has to sort.
      return { ok: true, value: [...names].map(([name, kind]) => ({ name, kind })).reverse() };
    },
    openFile(path: string): Outcome<ChunkReader> {
      if (!(path in files)) return folders.has(path) ? { ok: false, reason: "it is a folder" } : missing;
      const bytes = new TextEncoder().encode(files[path]!);
      let at = 0;
      const reader: ChunkReader = {
        size: bytes.length,
        read(buffer) {
          const n = Math.min(buffer.length, bytes.length - at);
          buffer.set(bytes.subarray(at, at + n));
          at += n;
          return { ok: true, value: n };
        },
        readAt(buffer, position) {
          const piece = bytes.subarray(position, position + buffer.length);
          buffer.set(piece);
          return { ok: true, value: piece.length };
        },
        close() {},
      };
      return { ok: true, value: reader };
    },
    write(stream: "stdout" | "stderr", text: string) {
      if (stream === "stdout") sys.out += text;
      else sys.err += text;
    },
    writeFiles(folder: string, out: readonly { readonly path: string; readonly text: string }[]): Outcome<number> {
      for (const f of out) sys.written[`${folder}/${f.path}`] = f.text;
      return { ok: true, value: out.length };
    },
    replaceFolder(folder: string, out: readonly { readonly path: string; readonly text: string }[]): ReplaceOutcome {
      return replaceFolderWith(memoryFolderOps(sys.written, options.fail), folder, out, "1");
    },
    env: (name: string) => options.env?.[name],
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: false,
    now: () => 0,
    windows: false,
    version: "9.9.9",
  };
  return sys;
}

/** A System that keeps what the CLI printed. */
export type CapturingSystem = System & { out: string; err: string };

/**
 * The real file system and Node's streams' place taken by captures, seen from `cwd`: every relative path the CLI
 * passes is resolved against `cwd`, so messages show the paths as given. The environment is `env` over the
 * process's without NO_COLOR, FORCE_COLOR and the check cache (TERMSHEET_CACHE=off unless `env` sets it), as
 * test/cli/helpers.ts's `termsheet` gives a subprocess; stdout is no terminal unless `tty`.
 */
export function nodeSystemIn(cwd: string, options: { env?: Record<string, string>; tty?: boolean } = {}): CapturingSystem {
  const real = nodeSystem();
  const at = (path: string): string => (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path) ? path : posix.join(cwd, path));
  const env: Record<string, string | undefined> = {
    ...process.env,
    TERMSHEET_CACHE: "off",
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...options.env,
  };
  const sys: CapturingSystem = {
    ...real,
    out: "",
    err: "",
    readFile: (path) => real.readFile(at(path)),
    readSource: (path) => real.readSource(at(path)),
    realPath: (path) => real.realPath(at(path)),
    kindOf: (path) => real.kindOf(at(path)),
    readFolder: (path) => real.readFolder(at(path)),
    openFile: (path) => real.openFile(at(path)),
    writeFiles: (folder, files) => real.writeFiles(at(folder), files),
    replaceFolder: (folder, files) => real.replaceFolder(at(folder), files),
    write(stream, text) {
      if (stream === "stdout") sys.out += text;
      else sys.err += text;
    },
    env: (name) => env[name],
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: false,
    cacheStore: undefined,
    watch: undefined,
    setTimer: undefined,
    interrupted: undefined,
  };
  return sys;
}

/**
 * Runs `termsheet <args>` in process in `cwd` (see {@link nodeSystemIn}) and returns what a subprocess would have
 * given: the exit code and the two streams (the arguments in the order of test/cli/helpers.ts's `termsheet`). An exception is an internal error, as bin/termsheet.js reports it.
 */
export async function runIn(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  const sys = nodeSystemIn(cwd, { env });
  let code: number;
  try {
    code = await runCli(args, sys);
  } catch (e) {
    sys.err += `termsheet: internal error: ${e instanceof Error ? e.message : String(e)}\n`;
    code = 3;
  }
  return { code, stdout: sys.out, stderr: sys.err };
}
