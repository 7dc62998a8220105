/**
 * `--watch` for `check`, `build` and `render`: runs the command, then watches every file it read (the sources, the
 * files they import, a compiled spec) and every folder it listed, and runs it again a moment (DEBOUNCE_MS) after
 * the last change, until the user interrupts it. A run sees the System through a recorder that notes what it
 * read; a change event is only a hint, so the files and listings are read again and the command runs again only
 * when one of them really differs (an editor's save that writes the same bytes, or `build` writing its output into
 * a watched folder, does not loop). Loaded lazily by run.ts; the System supplies the watching and the timer.
 */
import { posix } from "node:path";
import type { Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import type { FolderEntry, System } from "./system.js";

/** How long the files must stay unchanged before the command runs again, in milliseconds. */
export const DEBOUNCE_MS = 150;

type Watched = Extract<Invocation, { kind: "compile" }> | Extract<Invocation, { kind: "document" }>;

/**
 * What a run read: each file's text (undefined when it could not be read), each source file's text read under the
 * rules of System.readSource, and each folder's relevant entries.
 */
interface Reads {
  readonly files: Map<string, string | undefined>;
  readonly sources: Map<string, string | undefined>;
  readonly folders: Map<string, string>;
}

/** A folder's entries that matter to a run: `.terms` files and searched folders, as one comparable string. */
function listingKey(entries: readonly FolderEntry[]): string {
  return entries
    .filter(
      (e) =>
        (e.kind === "file" && e.name.endsWith(".terms")) || (e.kind === "folder" && e.name !== "node_modules" && !e.name.startsWith(".")),
    )
    .map((e) => `${e.kind}:${e.name}`)
    .sort()
    .join("\n");
}

/** The System of one run, noting every file it reads and every folder it lists. */
function recording(sys: System, reads: Reads): System {
  return {
    ...sys,
    readFile(path) {
      const r = sys.readFile(path);
      reads.files.set(path, r.ok ? r.value : undefined);
      return r;
    },
    readSource(path) {
      const r = sys.readSource(path);
      reads.sources.set(path, r.ok ? r.value : undefined);
      return r;
    },
    readFolder(path) {
      const r = sys.readFolder(path);
      reads.folders.set(path, r.ok ? listingKey(r.value) : "");
      return r;
    },
    // A run inside --watch never answers from the check cache: it would not read the files it depends on.
    cacheStore: undefined,
  };
}

/** True when a file or listing a run read is no longer what it was. */
function changed(sys: System, reads: Reads): boolean {
  for (const [path, text] of reads.files) {
    const r = sys.readFile(path);
    if ((r.ok ? r.value : undefined) !== text) return true;
  }
  for (const [path, text] of reads.sources) {
    const r = sys.readSource(path);
    if ((r.ok ? r.value : undefined) !== text) return true;
  }
  for (const [path, key] of reads.folders) {
    const r = sys.readFolder(path);
    if ((r.ok ? listingKey(r.value) : "") !== key) return true;
  }
  return false;
}

async function runOnce(inv: Watched, sys: System): Promise<number> {
  if (inv.kind === "compile") return (await import("./compile-cmd.js")).compile({ ...inv, watch: false, cache: false }, sys);
  return (await import("./render-cmd.js")).renderCommand({ ...inv, watch: false }, sys);
}

/** Runs the command, then again after every change, until interrupted; returns the last run's exit code. */
export async function watchCommand(inv: Watched, sys: System): Promise<number> {
  if (sys.watch === undefined || sys.setTimer === undefined) {
    sys.write("stderr", "termsheet: --watch is not available here\n");
    return ExitCode.Usage;
  }
  let stop = false;
  let wake: (() => void) | undefined;
  void sys.interrupted?.().then(() => {
    stop = true;
    wake?.();
  });
  let exit: number = ExitCode.Ok;
  for (let run = 1; !stop; run++) {
    const reads: Reads = { files: new Map(), sources: new Map(), folders: new Map() };
    exit = await runOnce(inv, recording(sys, reads));
    // A file that could not be read is watched through its folder, so that its creation is seen.
    const paths = new Set<string>([...reads.folders.keys()]);
    const files = new Set<string>();
    for (const [path, text] of [...reads.files, ...reads.sources]) {
      files.add(path);
      paths.add(path);
      if (text === undefined) paths.add(posix.dirname(path));
    }
    // Wait for a real change, then for the changes to settle. The watcher is armed before "watching" is said, and a
    // change made while the command ran (after it read the file, before the watcher was armed) is looked for once
    // the watcher is armed: no event would announce it.
    await new Promise<void>((resolve) => {
      let cancel: (() => void) | undefined;
      const settle = () => {
        cancel?.();
        cancel = sys.setTimer!(DEBOUNCE_MS, () => {
          if (!changed(sys, reads)) return;
          watcher.close();
          resolve();
        });
      };
      const watcher = sys.watch!([...paths].sort(), settle);
      wake = () => {
        cancel?.();
        watcher.close();
        resolve();
      };
      sys.write(
        "stderr",
        `watching ${count(files.size, "file")}${reads.folders.size > 0 ? ` and ${count(reads.folders.size, "folder")}` : ""} for changes (Ctrl-C to stop)\n`,
      );
      if (changed(sys, reads)) settle();
    });
    wake = undefined;
    if (!stop) sys.write("stderr", `\nchange detected: running \`termsheet ${inv.command}\` again (run ${run + 1})\n`);
  }
  return exit;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
