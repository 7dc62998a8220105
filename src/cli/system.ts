/**
 * The CLI's view of the machine: reading files and folders, writing to stdout and stderr, the environment and the
 * version. `nodeSystem()` is the real one (Node's fs and process); run.ts and inputs.ts see only the System
 * interface, so every side effect of the compiler is in this file.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from "node:fs";
import { dirname, join } from "node:path";

/**
 * Where `termsheet check` keeps its results (src/cli/check-cache.ts): named text entries in one folder. `scope`
 * is what else distinguishes runs (the working folder, since paths are relative to it); it is only hashed.
 */
export interface CacheStore {
  readonly scope: string;
  read(name: string): string | undefined;
  /** Writes an entry atomically; false when it could not be written (the cache is best effort). */
  write(name: string, text: string): boolean;
}

/** What a path names. */
export type PathKind = "file" | "folder" | "other";

/** A folder entry: its name and kind (symbolic links to files count as files; to folders, as "other"). */
export interface FolderEntry {
  readonly name: string;
  readonly kind: PathKind;
}

/** A value, or the short reason it could not be had (e.g. "no such file or folder"). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A file opened for reading in pieces (market data too large to hold as one string). */
export interface ChunkReader {
  /** The file's size in bytes when it was opened. */
  readonly size: number;
  /** Reads the next bytes into `buffer`: how many, 0 at the end of the file. */
  read(buffer: Uint8Array): Outcome<number>;
  close(): void;
}

/** Everything the CLI needs from its environment. */
export interface System {
  /** The text of a UTF-8 file, without a leading byte-order mark. */
  readFile(path: string): Outcome<string>;
  /** What a path names, following symbolic links. */
  kindOf(path: string): Outcome<PathKind>;
  /** The entries of a folder, in no particular order. */
  readFolder(path: string): Outcome<readonly FolderEntry[]>;
  /** Opens a file to read it in pieces; a folder or a missing file is a reason, not an exception. */
  openFile(path: string): Outcome<ChunkReader>;
  write(stream: "stdout" | "stderr", text: string): void;
  /**
   * Writes files (paths relative to `folder`, `/`-separated) all or nothing: every file is written under a
   * temporary name first and renamed into place only when all of them were written. Returns how many.
   */
  writeFiles(folder: string, files: readonly { readonly path: string; readonly text: string }[]): Outcome<number>;
  /** An environment variable, or undefined when unset. */
  env(name: string): string | undefined;
  /** True when stdout is a terminal. */
  readonly stdoutIsTTY: boolean;
  /** True when stderr is a terminal (progress bars are drawn only there). */
  readonly stderrIsTTY: boolean;
  /** Milliseconds on a monotonic clock, only to decide when to show progress; never part of any output. */
  now(): number;
  /** True on Windows, where users type `\` in paths. */
  readonly windows: boolean;
  /** The package version, e.g. "0.1.0". */
  readonly version: string;
  /** The check-result cache, or undefined when there is none (disabled, or no place to keep it). */
  cacheStore?(): CacheStore | undefined;
  /**
   * Calls `onChange` whenever one of the files or folders may have changed (a hint: the caller checks what
   * really changed), until `close`. Used by `--watch`; a System without it cannot watch.
   */
  watch?(paths: readonly string[], onChange: () => void): { close(): void };
  /** Calls `f` once after `ms` milliseconds, unless cancelled; `--watch` waits for the changes to settle with it. */
  setTimer?(ms: number, f: () => void): () => void;
  /** Resolves when the user interrupts the process (Ctrl-C): `--watch` stops then. */
  interrupted?(): Promise<void>;
}

// Replaced by the package version at bundle time (scripts/build.mjs); undefined when run from source with tsx.
declare const __TERMSHEET_VERSION__: string | undefined;

function packageVersion(): string {
  if (typeof __TERMSHEET_VERSION__ === "string") return __TERMSHEET_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** A short, lower-case reason for a file-system error, for messages like "cannot read `x`: <reason>". */
export function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return typeof code === "string" ? code : String((e as Error | null)?.message ?? e);
  }
}

function kindOfStats(s: { isFile(): boolean; isDirectory(): boolean }): PathKind {
  return s.isFile() ? "file" : s.isDirectory() ? "folder" : "other";
}

/** The real System: Node's file system, process streams and environment. */
export function nodeSystem(): System {
  return {
    readFile(path) {
      try {
        const text = readFileSync(path, "utf8");
        return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
      } catch (e) {
        return { ok: false, reason: reasonOf(e) };
      }
    },
    kindOf(path) {
      try {
        return { ok: true, value: kindOfStats(statSync(path)) };
      } catch (e) {
        return { ok: false, reason: reasonOf(e) };
      }
    },
    readFolder(path) {
      try {
        const entries = readdirSync(path, { withFileTypes: true }).map((d): FolderEntry => {
          if (!d.isSymbolicLink()) return { name: d.name, kind: kindOfStats(d) };
          // Links to files are followed; links to folders are not, so a walk cannot loop.
          try {
            return { name: d.name, kind: statSync(`${path}/${d.name}`).isFile() ? "file" : "other" };
          } catch {
            return { name: d.name, kind: "other" };
          }
        });
        return { ok: true, value: entries };
      } catch (e) {
        return { ok: false, reason: reasonOf(e) };
      }
    },
    openFile(path) {
      let fd: number;
      try {
        fd = openSync(path, "r");
      } catch (e) {
        return { ok: false, reason: reasonOf(e) };
      }
      let size: number;
      try {
        const stats = fstatSync(fd);
        if (stats.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
        size = stats.size;
      } catch (e) {
        closeSync(fd);
        return { ok: false, reason: reasonOf(e) };
      }
      return {
        ok: true,
        value: {
          size,
          read(buffer) {
            try {
              return { ok: true, value: readSync(fd, buffer, 0, buffer.length, null) };
            } catch (e) {
              return { ok: false, reason: reasonOf(e) };
            }
          },
          close() {
            closeSync(fd);
          },
        },
      };
    },
    write(stream, text) {
      (stream === "stdout" ? process.stdout : process.stderr).write(text);
    },
    writeFiles(folder, files) {
      const staged: { temp: string; target: string }[] = [];
      try {
        for (const f of files) {
          const target = join(folder, ...f.path.split("/"));
          const temp = `${target}.${process.pid}.tmp`;
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(temp, f.text);
          staged.push({ temp, target });
        }
      } catch (e) {
        for (const s of staged) rmSync(s.temp, { force: true });
        return { ok: false, reason: reasonOf(e) };
      }
      try {
        for (const s of staged) renameSync(s.temp, s.target);
      } catch (e) {
        for (const s of staged) rmSync(s.temp, { force: true });
        return { ok: false, reason: reasonOf(e) };
      }
      return { ok: true, value: staged.length };
    },
    env(name) {
      return process.env[name];
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    now: () => performance.now(),
    windows: process.platform === "win32",
    version: packageVersion(),
    cacheStore: () => folderCache(),
    watch(paths, onChange) {
      const watchers: FSWatcher[] = [];
      for (const path of paths) {
        try {
          watchers.push(watch(path, { persistent: true }, () => onChange()));
        } catch {
          // A path that went away cannot be watched; its folder is watched too, so its return is seen.
        }
      }
      return { close: () => watchers.forEach((w) => w.close()) };
    },
    setTimer(ms, f) {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    },
    interrupted: () => new Promise((resolve) => process.once("SIGINT", () => resolve())),
  };
}

/**
 * The cache folder: TERMSHEET_CACHE_DIR when set; else `node_modules/.cache/termsheet` of the nearest folder up
 * from the working folder that has `node_modules` (the convention of babel, eslint and terser); else
 * `$XDG_CACHE_HOME/termsheet` or `~/.cache/termsheet`. TERMSHEET_CACHE=off turns the cache off.
 */
function folderCache(): CacheStore | undefined {
  const env = process.env;
  if (env.TERMSHEET_CACHE === "off" || env.TERMSHEET_CACHE === "0") return undefined;
  const cwd = process.cwd();
  let folder = env.TERMSHEET_CACHE_DIR || undefined;
  for (let dir = cwd; folder === undefined;) {
    try {
      if (statSync(join(dir, "node_modules")).isDirectory()) folder = join(dir, "node_modules", ".cache", "termsheet");
    } catch {
      // Not here; look further up.
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (folder === undefined) {
    const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : undefined);
    if (base === undefined) return undefined;
    folder = join(base, "termsheet");
  }
  const at = folder;
  return {
    scope: cwd,
    read(name) {
      try {
        return readFileSync(join(at, name), "utf8");
      } catch {
        return undefined;
      }
    },
    write(name, text) {
      const target = join(at, name);
      const temp = `${target}.${process.pid}.tmp`;
      try {
        mkdirSync(at, { recursive: true });
        writeFileSync(temp, text);
        renameSync(temp, target);
        return true;
      } catch {
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}
