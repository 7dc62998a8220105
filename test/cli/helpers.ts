/**
 * Helpers for the CLI tests: build dist/cli.js when it is older than the sources, run `bin/termsheet.js` as a
 * subprocess, write fixture files into a fresh temporary folder, or run the CLI in-process on an in-memory System.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { posix } from "node:path";
import { MAX_SOURCE_BYTES } from "../../src/base/source.js";
import {
  replaceFolderWith,
  type ChunkReader,
  type FolderEntry,
  type FolderOps,
  type Outcome,
  type PathKind,
  type ReplaceOutcome,
  type System,
} from "../../src/cli/system.js";

/** The repository root. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(repoRoot, "bin", "termsheet.js");
const bundle = join(repoRoot, "dist", "cli.js");

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Runs scripts/build.mjs unless dist/cli.js is newer than src/, package.json and the build script. */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    // Not built yet.
  }
  const sources = Math.max(
    newestMtime(join(repoRoot, "src")),
    newestMtime(join(repoRoot, "package.json")),
    newestMtime(join(repoRoot, "scripts", "build.mjs")),
  );
  if (built > sources) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${r.stdout}${r.stderr}`);
}

/** What a run of the CLI produced. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `termsheet <args>` in `cwd`; the environment has no NO_COLOR/FORCE_COLOR unless `env` sets them, and the
 * check cache is off (TERMSHEET_CACHE=off) unless `env` turns it on, so that tests write nothing outside `cwd`.
 */
export function termsheet(args: readonly string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const base: NodeJS.ProcessEnv = { ...process.env, TERMSHEET_CACHE: "off" };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder with the given files (paths relative to it, `/`-separated); remove it with `cleanup`. */
export function fixture(files: Readonly<Record<string, string>>): { readonly dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "termsheet-cli-"));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, ...path.split("/"));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A calendar that checks clean. */
export const GOOD_CALENDAR = `calendar TEST_CAL "Test calendar" {
  time zone Europe/London
  weekend Saturday, Sunday
  holiday "New Year's Day" on 1 January
}
`;

/** A calendar with one error: `Sundy` is not a weekday (E2007 at 3:21-3:26). */
export const BAD_CALENDAR = `calendar TEST_CAL "Test calendar" {
  time zone Europe/London
  weekend Saturday, Sundy
}
`;

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
