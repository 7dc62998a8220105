/**
 * Reads an observations file as `termsheet index` and `settle` do (the CLI's streamed reader, `nodeSystem()`), and
 * prints the rows read: `bench/peers.mjs` times it in a fresh process to separate the reading from the compute.
 */
import { readObservationsFile } from "../../src/cli/market-data-files.js";
import { nodeSystem } from "../../src/cli/system.js";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: read-observations FILE");
const read = readObservationsFile(path, undefined, nodeSystem());
if (!read.ok) {
  process.stderr.write(read.lines.join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(`${read.value.length}\n`);
