// A smoke test of the built extension, run by .ci/run after packaging: the server bundled in dist/server.mjs starts
// as the extension starts it (node, `--stdio`), initializes, and publishes the diagnostic of a mistake in a
// document; and the .vsix holds the extension, the server, the grammar, the snippets and the standard calendars.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(here, "..", "..", "package.json"));
const rpc = require("vscode-languageserver-protocol/node");

const dir = mkdtempSync(join(tmpdir(), "termsheet-vsix-"));
const child = spawn(process.execPath, [join(here, "dist", "server.mjs"), "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const published = new Promise((resolve) => conn.onNotification(rpc.PublishDiagnosticsNotification.type, resolve));
conn.listen();
const rootUri = pathToFileURL(dir).href;
const init = await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri, capabilities: {} });
await conn.sendNotification(rpc.InitializedNotification.type, {});
const uri = pathToFileURL(join(dir, "a.terms")).href;
const text = 'calendar C "c" {\n  time zone Europe/Londn\n  weekend Saturday, Sunday\n}\n';
await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "termsheet", version: 1, text } });
const { diagnostics } = await published;
await conn.sendRequest(rpc.ShutdownRequest.type);
await conn.sendNotification(rpc.ExitNotification.type);
rmSync(dir, { recursive: true, force: true });
const codes = diagnostics.map((d) => d.code).join(",");
if (codes !== "E2010" || !diagnostics[0].message.includes("Europe/London"))
  throw new Error(`unexpected diagnostics: ${JSON.stringify(diagnostics)}`);
if (!init.capabilities.hoverProvider || !init.capabilities.semanticTokensProvider) throw new Error("the server lacks capabilities");

const listing = spawnSync("unzip", ["-l", join(here, "termsheet.vsix")], { encoding: "utf8" });
if (listing.status === 0) {
  for (const f of [
    "extension/dist/extension.js",
    "extension/dist/server.mjs",
    "extension/syntaxes/termsheet.tmLanguage.json",
    "extension/snippets/termsheet.json",
    "extension/specs/calendars/nyse.terms",
    "extension/language-configuration.json",
  ]) {
    if (!listing.stdout.includes(f)) throw new Error(`termsheet.vsix lacks ${f}`);
  }
}
console.log(`the bundled server answered (${codes}) and termsheet.vsix holds the extension`);
