/**
 * The CLI's view of the machine: reading files and folders, writing to stdout and stderr, the environment and the
 * version. `nodeSystem()` is the real one (Node's fs and process); run.ts and inputs.ts see only the System
 * interface, so every side effect of the compiler is in this file.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from "node:fs";
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MAX_SOURCE_BYTES } from "../base/source.js";

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

/**
 * A value, or the short reason it could not be had (e.g. "no such file or folder"); `refusal` says when a source
 * file was refused for what it is rather than not found (see readSource).
 */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string; readonly refusal?: "not-a-file" | "too-large" };

/** A file opened for reading in pieces (market data too large to hold as one string). */
export interface ChunkReader {
  /** The file's size in bytes when it was opened. */
  readonly size: number;
  /** Reads the next bytes into `buffer`: how many, 0 at the end of the file. */
  read(buffer: Uint8Array): Outcome<number>;
  /** Reads the bytes at `position` into `buffer` (fewer only at the end of the file), leaving the next `read` where it was. */
  readAt(buffer: Uint8Array, position: number): Outcome<number>;
  close(): void;
}

/** Everything the CLI needs from its environment. */
export interface System {
  /** The text of a UTF-8 file, without a leading byte-order mark. */
  readFile(path: string): Outcome<string>;
  /**
   * The text of a source file, as readFile, but only from a regular file (never a device, a pipe or a folder, which
   * could block or never end) of at most MAX_SOURCE_BYTES; otherwise a reason with its `refusal`.
   */
  readSource(path: string): Outcome<string>;
  /** The absolute path a path names, every symbolic link resolved, with `/` separators; a reason when it does not exist. */
  realPath(path: string): Outcome<string>;
  /** The real path of the standard library shipped with the package (its `specs` folder), if there is one. */
  standardLibrary?(): string | undefined;
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
  writeFiles(folder: string, files: readonly { readonly path: string; readonly text: string | Uint8Array }[]): Outcome<number>;
  /**
   * Replaces a folder by one that holds exactly these files (paths relative to it, `/`-separated), as one switch
   * (see replaceFolderWith): a reader sees the old folder, no folder for an instant, or the new one, never a mix.
   */
  replaceFolder(folder: string, files: readonly { readonly path: string; readonly text: string }[]): ReplaceOutcome;
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
  /**
   * Prints an HTML page to PDF with a headless Chromium (`render --format pdf`): the page is written to a temporary
   * folder, which also holds the browser's profile, and removed afterwards. A reason when the browser cannot run.
   */
  printPdf?(chromium: string, html: string): Promise<Outcome<Uint8Array>>;
}

/**
 * How a folder replacement went. `ok`: the folder now holds the new files; `leftover` names the previous folder when
 * it could not be removed after the switch. Not `ok`, `state` says what a reader finds: "unchanged" (the folder is
 * as it was; `leftover` is a partial new folder that could not be removed), or "moved" (the switch failed half-way
 * and could not be undone: the folder is absent, its previous content is in `previous` and the new one in `next`).
 */
export type ReplaceOutcome =
  | { readonly ok: true; readonly value: number; readonly leftover?: string }
  | { readonly ok: false; readonly reason: string; readonly state: "unchanged"; readonly leftover?: string }
  | { readonly ok: false; readonly reason: string; readonly state: "moved"; readonly previous: string; readonly next: string };

/** The file operations a folder replacement needs; each throws on failure (a Node error, whose code gives the reason). */
export interface FolderOps {
  /** What a path names, without following a symbolic link ("other" for a link, a device, …). */
  kind(path: string): PathKind | "none";
  /** The names of a folder's entries. */
  list(path: string): readonly string[];
  makeFolder(path: string): void;
  writeFile(path: string, text: string): void;
  rename(from: string, to: string): void;
  /** Removes a file or a folder with everything in it; nothing when it does not exist. */
  remove(path: string): void;
}

/** The folders `build` writes in its output, and the endings of the files it writes there. */
const OUTPUT_FOLDERS: ReadonlySet<string> = new Set(["calendars", "indices", "contracts", "settlement"]);
const OUTPUT_ENDINGS = [".json", ".js", ".d.ts"];

/** Why a folder is not one a replacement may delete (it holds something `build` did not write), or undefined. */
function notReplaceable(ops: FolderOps, folder: string): string | undefined {
  for (const name of ops.list(folder)) {
    const path = `${folder}/${name}`;
    if (!OUTPUT_FOLDERS.has(name) || ops.kind(path) !== "folder") return `it holds \`${name}\`, which \`termsheet build\` does not write`;
    for (const inner of ops.list(path)) {
      if (ops.kind(`${path}/${inner}`) !== "file" || !OUTPUT_ENDINGS.some((e) => inner.endsWith(e))) {
        return `it holds \`${name}/${inner}\`, which \`termsheet build\` does not write`;
      }
    }
  }
  return undefined;
}

/**
 * Replaces `folder` by a folder of exactly `files`: they are all written into a new sibling folder first, then the
 * old folder is renamed aside and the new one renamed into its place, and the old one is removed. Renames within a
 * folder are atomic, so a reader sees the old output, no output for an instant, or the new one, never files of two
 * builds. A failure before the switch removes the new folder and leaves the old one untouched; a failure of the
 * second rename renames the old folder back. The folder must be absent, empty, or hold only what a build writes
 * (compiled specs and settlement modules), so that a mistaken `--out` never deletes anything else. `tag` makes the
 * sibling names unique to this run (the process id).
 */
export function replaceFolderWith(
  ops: FolderOps,
  folder: string,
  files: readonly { readonly path: string; readonly text: string }[],
  tag: string,
): ReplaceOutcome {
  const slash = folder.lastIndexOf("/");
  const parent = slash < 0 ? "." : slash === 0 ? "/" : folder.slice(0, slash);
  const name = folder.slice(slash + 1);
  const sibling = (what: string): string => `${parent === "." ? "" : parent === "/" ? "/" : `${parent}/`}.${name}.${what}-${tag}`;
  const next = sibling("termsheet-new");
  const previous = sibling("termsheet-old");
  const unchanged = (reason: string): ReplaceOutcome => {
    try {
      ops.remove(next);
      return { ok: false, reason, state: "unchanged" };
    } catch {
      return { ok: false, reason, state: "unchanged", leftover: next };
    }
  };
  let existed: boolean;
  try {
    const kind = ops.kind(folder);
    if (kind === "file") return { ok: false, reason: "it is a file, not a folder", state: "unchanged" };
    if (kind === "other") return { ok: false, reason: "it is not a folder (a symbolic link or a device)", state: "unchanged" };
    existed = kind === "folder";
    const refused = existed ? notReplaceable(ops, folder) : undefined;
    if (refused !== undefined) return { ok: false, reason: `${refused}; remove it or choose another --out`, state: "unchanged" };
    ops.remove(next);
    ops.makeFolder(next);
    for (const f of files) {
      const target = `${next}/${f.path}`;
      ops.makeFolder(target.slice(0, target.lastIndexOf("/")));
      ops.writeFile(target, f.text);
    }
  } catch (e) {
    return unchanged(reasonOf(e));
  }
  if (existed) {
    try {
      ops.remove(previous);
      ops.rename(folder, previous);
    } catch (e) {
      return unchanged(reasonOf(e));
    }
  }
  try {
    ops.rename(next, folder);
  } catch (e) {
    const reason = reasonOf(e);
    if (!existed) return unchanged(reason);
    try {
      ops.rename(previous, folder);
    } catch {
      return { ok: false, reason, state: "moved", previous, next };
    }
    return unchanged(reason);
  }
  if (existed) {
    try {
      ops.remove(previous);
    } catch {
      return { ok: true, value: files.length, leftover: previous };
    }
  }
  return { ok: true, value: files.length };
}

/** Node's file operations, for replaceFolderWith. */
export function nodeFolderOps(): FolderOps {
  return {
    kind(path) {
      try {
        const s = lstatSync(path);
        return s.isFile() ? "file" : s.isDirectory() ? "folder" : "other";
      } catch (e) {
        if ((e as { code?: unknown }).code === "ENOENT") return "none";
        throw e;
      }
    },
    list: (path) => readdirSync(path),
    makeFolder: (path) => void mkdirSync(path, { recursive: true }),
    writeFile: (path, text) => writeFileSync(path, text),
    rename: (from, to) => renameSync(from, to),
    remove: (path) => rmSync(path, { recursive: true, force: true }),
  };
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

/** The `/`-separated form of a path Node returns (backslashes on Windows). */
function slashed(path: string): string {
  return process.platform === "win32" ? path.replace(/\\/g, "/") : path;
}

/** Reads a source file under the rules of System.readSource. */
function readSourceFile(path: string): Outcome<string> {
  let fd: number;
  try {
    // Without O_NONBLOCK, opening a named pipe waits for a writer; with it, the open returns and fstat says what it is.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, reason: reasonOf(e) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: "it is a folder", refusal: "not-a-file" };
    if (!stats.isFile()) return { ok: false, reason: "it is not a regular file (a device, a pipe or a socket)", refusal: "not-a-file" };
    const tooLarge = {
      ok: false as const,
      reason: `it is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
      refusal: "too-large" as const,
    };
    if (stats.size > MAX_SOURCE_BYTES) return tooLarge;
    // Read at most one byte more than the limit, whatever size the file claims (it may grow while it is read).
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_SOURCE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > MAX_SOURCE_BYTES) return tooLarge;
        break;
      }
    }
    const text = buffer.toString("utf8", 0, length);
    return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { ok: false, reason: reasonOf(e) };
  } finally {
    closeSync(fd);
  }
}

/** The real path of the package's `specs` folder: found from this module's place, in src/cli or in dist/. */
let standardLibraryPath: string | undefined | null = null;
function packageSpecs(): string | undefined {
  if (standardLibraryPath !== null) return standardLibraryPath;
  standardLibraryPath = undefined;
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
        if (pkg.name === "termsheet") {
          standardLibraryPath = slashed(realpathSync.native(join(dir, "specs")));
          break;
        }
      } catch {
        // No package.json here (or no specs folder beside it); look further up.
      }
    }
  } catch {
    // Not loaded from a file (a bundle evaluated from memory): no standard library.
  }
  return standardLibraryPath;
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
    readSource: readSourceFile,
    realPath(path) {
      try {
        return { ok: true, value: slashed(realpathSync.native(path)) };
      } catch (e) {
        return { ok: false, reason: reasonOf(e) };
      }
    },
    standardLibrary: packageSpecs,
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
          readAt(buffer, position) {
            try {
              let done = 0;
              while (done < buffer.length) {
                const n = readSync(fd, buffer, done, buffer.length - done, position + done);
                if (n === 0) break;
                done += n;
              }
              return { ok: true, value: done };
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
    replaceFolder(folder, files) {
      return replaceFolderWith(nodeFolderOps(), folder, files, String(process.pid));
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
    printPdf: (chromium, html) => printWithChromium(chromium, html),
  };
}

/** The flags of a headless print: no sandbox (containers), no GPU, no network beyond the page, no header or footer. */
export const CHROMIUM_PDF_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-pdf-header-footer",
];

/** Runs Chromium's --print-to-pdf on the page written to a temporary folder; at most 2 minutes. */
async function printWithChromium(chromium: string, html: string): Promise<Outcome<Uint8Array>> {
  const folder = mkdtempSync(join(tmpdir(), "termsheet-pdf-"));
  try {
    const page = join(folder, "contract.html");
    const pdf = join(folder, "contract.pdf");
    writeFileSync(page, html);
    const args = [...CHROMIUM_PDF_FLAGS, `--user-data-dir=${join(folder, "profile")}`, `--print-to-pdf=${pdf}`, pathToFileURL(page).href];
    const run = await new Promise<{ error?: Error; stderr: string }>((resolve) =>
      execFile(chromium, args, { timeout: 120_000, maxBuffer: 16 << 20 }, (error, _stdout, stderr) =>
        resolve({ ...(error ? { error } : {}), stderr: String(stderr) }),
      ),
    );
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(pdf);
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined || bytes.length === 0) {
      const why = run.error ? reasonOf(run.error) : "it wrote no PDF";
      const last = run.stderr
        .trim()
        .split("\n")
        .filter((l) => !/dbus|DBus/.test(l))
        .slice(-1)[0];
      return { ok: false, reason: `${chromium} did not print the page: ${why}${last ? ` (${last.slice(0, 200)})` : ""}` };
    }
    return { ok: true, value: bytes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
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
