/**
 * Where the tests find the repository: its root with `/` separators and no trailing slash, so that case paths
 * read the same on every machine, and the package version as the CLI passes it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, `/`-separated, without a trailing slash. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url))
  .replaceAll("\\", "/")
  .replace(/\/$/, "");

/** The package version, as the CLI passes it to the compiler. */
export const VERSION = (JSON.parse(readFileSync(`${repoRoot}/package.json`, "utf8")) as { version: string }).version;
