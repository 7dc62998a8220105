/**
 * The language server as a program of its own, for editors that bundle it (the VS Code extension's dist/server.mjs,
 * built by editors/vscode/scripts/build.mjs): `termsheet lsp` without the rest of the CLI. The standard calendars
 * are in specs/calendars beside the bundle's folder.
 */
import { fileURLToPath } from "node:url";
import { nodeSystem } from "../cli/system.js";
import { runStdioServer } from "./server.js";

const sys = nodeSystem();
const calendars = fileURLToPath(new URL("../specs/calendars", import.meta.url));
const exit = await runStdioServer({
  sys,
  today: () => new Date().toISOString().slice(0, 10),
  standardLibrary: sys.kindOf(calendars).ok ? calendars : undefined,
});
process.exit(exit);
