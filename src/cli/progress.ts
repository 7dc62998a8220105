/**
 * A progress bar on standard error for long work (reading a large market-data file, then computing): nothing is
 * drawn until the work has taken longer than a second, and only when stderr is a terminal, so piped and quick runs
 * print nothing. `TERMSHEET_PROGRESS=1` forces the bar from the start (tests), `TERMSHEET_PROGRESS=0` turns it off.
 * The line is redrawn in place (carriage return) at most ten times a second and erased when the work ends.
 */
import type { System } from "./system.js";

/** Reports progress of one piece of work. */
export interface Progress {
  /** `done` of `total` units (bytes) of the current stage are finished. */
  update(done: number, total: number): void;
  /** A new stage without a measurable amount (e.g. "computing the index"). */
  stage(label: string): void;
  /** The work is over: the bar, if drawn, is erased. */
  finish(): void;
}

const WIDTH = 24;
const DELAY_MS = 1000;
const INTERVAL_MS = 100;

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/**
 * A progress bar labelled `label` (e.g. "reading obs.csv"), counting bytes in MB or, with `unit`, items ("modules");
 * the second of delay counts from `since` (default: now), the start of the whole command.
 */
export function progressBar(sys: System, label: string, unit?: string, since?: number): Progress {
  const forced = sys.env("TERMSHEET_PROGRESS");
  const enabled = forced === "1" || (forced !== "0" && sys.stderrIsTTY);
  const start = since ?? sys.now();
  let shown = forced === "1";
  let drawnAt = -Infinity;
  let drawn = false;
  let current = label;
  let lastLine = "";
  const draw = (line: string, force: boolean): void => {
    if (!enabled) return;
    const now = sys.now();
    if (!shown) {
      if (now - start < DELAY_MS) return;
      shown = true;
    }
    if (!force && now - drawnAt < INTERVAL_MS) return;
    if (line === lastLine) return;
    drawnAt = now;
    lastLine = line;
    drawn = true;
    sys.write("stderr", `\r${line}\x1b[K`);
  };
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(fraction * WIDTH);
      const percent = String(Math.floor(fraction * 100)).padStart(3);
      draw(
        `${current} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${percent}% ${unit === undefined ? `${megabytes(done)}/${megabytes(total)} MB` : `${done}/${total} ${unit}`}`,
        done >= total,
      );
    },
    stage(next) {
      current = next;
      draw(`${next}…`, true);
    },
    finish() {
      if (drawn) sys.write("stderr", "\r\x1b[K");
      drawn = false;
    },
  };
}
