/**
 * Files the package ships beside the CLI (specs/calendars, the standard calendars): where they are, found from
 * the running module (dist/cli.js, a chunk under dist/cli-chunks/, or src/cli/ when run from source).
 */
import type { System } from "./system.js";

/** The path of a folder of the package (e.g. "specs/calendars"), or undefined when it is not there. */
export function packageFolder(sys: System, rel: string): string | undefined {
  for (const up of ["../", "../../"]) {
    let path: string;
    try {
      path = decodeURIComponent(new URL(up + rel, import.meta.url).pathname);
    } catch {
      continue;
    }
    if (sys.windows) path = path.replace(/^\/([A-Za-z]:)/, "$1");
    const kind = sys.kindOf(path);
    if (kind.ok && kind.value === "folder") return path;
  }
  return undefined;
}
