/**
 * Helpers for the CLI tests: build dist/cli.js when it is older than the sources, run `bin/termsheet.js` as a
 * subprocess, write fixture files into a fresh temporary folder; the in-process Systems live in test/helpers/system.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../helpers/paths.js";
import type { RunResult } from "../helpers/system.js";

export { repoRoot } from "../helpers/paths.js";
export { memoryFolderOps, memorySystem, nodeSystemIn, runIn, type RunResult } from "../helpers/system.js";

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
