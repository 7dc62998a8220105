/**
 * A real LSP client for the tests and the benchmark: starts `termsheet lsp --stdio` (the built CLI) as a child
 * process and talks JSON-RPC to it over its stdin and stdout with vscode-languageserver-protocol's node
 * connection, the library under vscode-languageclient, and collects the diagnostics the server publishes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  ExitNotification,
  ShutdownRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node.js";

/** A started server with its connection. */
export interface Client {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** The last diagnostics published for each URI. */
  readonly diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  uri(path: string): string;
  stop(): Promise<void>;
}

/** Starts `node bin/termsheet.js lsp --stdio` in `root` and initializes it. */
export async function startClient(repoRoot: string, root: string, initializationOptions: object = {}): Promise<Client> {
  const child = spawn(process.execPath, [join(repoRoot, "bin", "termsheet.js"), "lsp", "--stdio"], {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "project" }],
    capabilities: {},
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    diagnostics,
    nextDiagnostics: (uri, accept = () => true) => new Promise((resolve) => waiters.push({ uri, accept, resolve })),
    uri: (path) => pathToFileURL(join(root, path)).href,
    async stop() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
      connection.dispose();
    },
  };
}
