/**
 * The Language Server Protocol adapter, `termsheet lsp`: a thin layer over the language service (src/service) on
 * vscode-languageserver, speaking JSON-RPC over stdio. It turns URIs into the paths the compiler prints (relative to
 * the workspace folder, as the CLI run there prints them), reads files through the CLI's System, and passes
 * today's date (UTC) to the service for hover and the readable contract; like cli/, it is a place with side
 * effects (the connection, the file system, the clock), and everything it answers comes from the service.
 *
 * Documents are checked as they change: a change marks the server dirty and one check runs once the messages
 * already received are handled, so that fast typing checks the latest text once. The diagnostics of the open
 * documents and of the files they import are published, and cleared when they go away.
 */
import { posix, win32 } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LanguageService, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type Location, type ServiceHost } from "../service/index.js";
import type { System } from "../cli/system.js";

/** What the server needs besides its streams. */
export interface ServerEnvironment {
  readonly sys: System;
  /** Today's date, YYYY-MM-DD; the CLI passes the clock's UTC date. */
  today(): string;
  /** The folder of the standard calendars shipped with the package, if known. */
  readonly standardLibrary?: string;
}

/** The initialization options a client may pass. */
interface InitOptions {
  /** Fixes today's date (tests). */
  readonly today?: string;
  /** A folder of standard calendars to use instead of the project's or the package's. */
  readonly standardLibrary?: string;
}

const MAX_PROJECT_FILES = 5000;

/** Runs the server on the process's stdin and stdout until the client exits. */
export function runStdioServer(env: ServerEnvironment): Promise<number> {
  return new Promise((resolve) => {
    const connection = createConnection(
      ProposedFeatures.all,
      new StreamMessageReader(process.stdin),
      new StreamMessageWriter(process.stdout),
    );
    startServer(connection, env);
    connection.onExit(() => resolve(0));
    process.stdin.on("close", () => resolve(0));
  });
}

/** Wires a connection to a new language service. */
export function startServer(connection: Connection, env: ServerEnvironment): void {
  const documents = new Map<string, TextDocument>();
  let root: string | undefined;
  let options: InitOptions = {};
  let watchFiles = false;
  let projectFiles: string[] | undefined;
  let stdFiles: string[] | undefined;
  const published = new Set<string>();
  const windows = env.sys.windows;

  const { toPath, toUri, fsPath } = workspacePaths(windows, () => root);

  const walk = (folder: string, depth: number, out: string[]): void => {
    if (depth > 20 || out.length >= MAX_PROJECT_FILES) return;
    const listing = env.sys.readFolder(fsPath(folder));
    if (!listing.ok) return;
    for (const e of [...listing.value].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = folder === "." ? e.name : posix.join(folder, e.name);
      if (e.kind === "folder" && e.name !== "node_modules" && !e.name.startsWith(".")) walk(p, depth + 1, out);
      else if (e.kind === "file" && e.name.endsWith(".terms") && out.length < MAX_PROJECT_FILES) out.push(p);
    }
  };
  const standardFolder = (): string | undefined => {
    if (options.standardLibrary !== undefined) return options.standardLibrary;
    // The project's own copy of the package first: imports into it are valid for the CLI of the project.
    const project = root === undefined ? undefined : "node_modules/termsheet/specs/calendars";
    if (project !== undefined && env.sys.kindOf(fsPath(project)).ok) return project;
    return env.standardLibrary;
  };

  const host: ServiceHost = {
    readFile(path) {
      const r = env.sys.readFile(fsPath(path));
      return r.ok ? r.value : undefined;
    },
    resolveImport(fromFile, importPath) {
      const target = windows ? importPath.replace(/\\/g, "/") : importPath;
      return target.startsWith("/") ? posix.normalize(target) : posix.join(posix.dirname(fromFile), target);
    },
    listFiles() {
      if (root === undefined) return [];
      if (projectFiles === undefined) walk(".", 0, (projectFiles = []));
      return projectFiles;
    },
    standardLibrary() {
      if (stdFiles === undefined) {
        const folder = standardFolder();
        const listing = folder === undefined ? undefined : env.sys.readFolder(fsPath(folder));
        stdFiles = listing?.ok
          ? listing.value
              .filter((e) => e.kind === "file" && e.name.endsWith(".terms"))
              .map((e) => posix.join(folder!, e.name))
              .sort()
          : [];
      }
      return stdFiles;
    },
    importPath(fromFile, target) {
      // Only a path inside the project can be imported: the CLI resolves imports relative to the importing file.
      if (target.startsWith("/") || /^[A-Za-z]:\//.test(target)) return undefined;
      return posix.relative(posix.dirname(fromFile), target);
    },
  };
  // A query that failed is a bug in termsheet: say so in the client's log, and answer with nothing.
  const service = new LanguageService(host, (e, query) =>
    connection.console.error(`termsheet: internal error in ${query}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  );
  const today = (): string => options.today ?? env.today();

  // ------------------------------------------------------------------------------------------ diagnostics

  let dirty = false;
  let scheduled = false;
  const publish = (): void => {
    scheduled = false;
    if (!dirty) return;
    dirty = false;
    const now = new Set<string>();
    for (const f of service.allDiagnostics()) {
      now.add(f.path);
      const uri = toUri(f.path);
      void connection.sendDiagnostics({
        uri,
        // The version of the open document the diagnostics are for, so a client can drop stale ones.
        ...(documents.has(uri) ? { version: documents.get(uri)!.version } : {}),
        diagnostics: f.diagnostics.map((d) => ({
          ...d,
          relatedInformation: d.relatedInformation.map((r) => ({ location: location(r.location), message: r.message })),
        })),
      });
    }
    for (const p of published) if (!now.has(p)) void connection.sendDiagnostics({ uri: toUri(p), diagnostics: [] });
    published.clear();
    for (const p of now) published.add(p);
  };
  const changed = (): void => {
    dirty = true;
    if (!scheduled) {
      scheduled = true;
      setImmediate(publish);
    }
  };
  const location = (l: Location) => ({ uri: toUri(l.path), range: l.range });

  // ------------------------------------------------------------------------------------------ lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder) {
      try {
        const abs = fileURLToPath(folder);
        root = (windows ? abs.replace(/\\/g, "/") : abs).replace(/\/$/, "");
      } catch {
        root = undefined;
      }
    }
    options = (params.initializationOptions ?? {}) as InitOptions;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return initializeResult(env.sys.version);
  });

  // Imported files change outside the editor too: ask the client to tell of every `.terms` file that changes.
  connection.onInitialized(() => {
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.terms" }] });
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    documents.set(d.uri, TextDocument.create(d.uri, d.languageId, d.version, d.text));
    service.setDocument(toPath(d.uri), d.text);
    changed();
  });
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    const doc = documents.get(d.uri);
    if (doc === undefined) return;
    const next = TextDocument.update(doc, contentChanges, d.version);
    documents.set(d.uri, next);
    service.setDocument(toPath(d.uri), next.getText());
    changed();
  });
  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    documents.delete(d.uri);
    service.closeDocument(toPath(d.uri));
    changed();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      const path = toPath(c.uri);
      service.fileChanged(path);
      // Created (1) or deleted (3): the list of project files changes.
      if (c.type !== 2) projectFiles = undefined;
    }
    changed();
  });

  // ------------------------------------------------------------------------------------------ requests

  registerRequests(connection, { service, toPath, toUri, today });
  connection.listen();
}

/** What the request handlers read: the service, and the server's paths and date. */
interface RequestContext {
  readonly service: LanguageService;
  toPath(uri: string): string;
  toUri(path: string): string;
  today(): string;
}

/** The requests: each asks the service, with URIs turned into paths and back. */
function registerRequests(connection: Connection, ctx: RequestContext): void {
  const { service, toPath, toUri, today } = ctx;
  const location = (l: Location) => ({ uri: toUri(l.path), range: l.range });
  connection.onHover(({ textDocument, position }) => {
    const h = service.hover(toPath(textDocument.uri), position, today());
    return h === undefined ? null : { contents: { kind: "markdown", value: h.contents }, range: h.range };
  });
  connection.onDefinition(({ textDocument, position }) => service.definition(toPath(textDocument.uri), position).map(location));
  connection.onReferences(({ textDocument, position, context }) =>
    service.references(toPath(textDocument.uri), position, context.includeDeclaration).map(location),
  );
  connection.onPrepareRename(({ textDocument, position }) => service.prepareRename(toPath(textDocument.uri), position) ?? null);
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const r = service.rename(toPath(textDocument.uri), position, newName);
    if (!r.ok) return new ResponseError(-32803, r.message);
    const changes: Record<string, { range: (typeof r.edit.changes)[string][number]["range"]; newText: string }[]> = {};
    for (const [path, edits] of Object.entries(r.edit.changes)) changes[toUri(path)] = [...edits];
    return { changes };
  });
  // The service's results have the protocol's shapes; only its kinds are plain numbers.
  connection.onDocumentSymbol(({ textDocument }) => service.documentSymbols(toPath(textDocument.uri)) as unknown as DocumentSymbol[]);
  connection.onCompletion(
    ({ textDocument, position }) => service.completion(toPath(textDocument.uri), position) as unknown as CompletionItem[],
  );
  connection.onCodeAction(({ textDocument, range }) =>
    service.codeActions(toPath(textDocument.uri), range).map((a) => ({
      ...a,
      diagnostics: a.diagnostics.map((d) => ({
        ...d,
        relatedInformation: d.relatedInformation.map((r) => ({ location: location(r.location), message: r.message })),
      })),
      edit: { changes: Object.fromEntries(Object.entries(a.edit.changes).map(([p, e]) => [toUri(p), [...e]])) },
    })),
  );
  connection.onDocumentFormatting(async ({ textDocument }) => (await service.format(toPath(textDocument.uri))) ?? []);
  connection.languages.semanticTokens.on(({ textDocument }) => ({ data: service.semanticTokens(toPath(textDocument.uri)) }));
  connection.onRequest(
    "termsheet/render",
    async (params: { uri: string; position?: { line: number; character: number }; format?: "html" | "md" }) =>
      service.renderContract(toPath(params.uri), today(), params.format ?? "html", params.position),
  );
}

/** What the server can do, as it answers the client's `initialize`. */
function initializeResult(version: string): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: [" ", "/"], resolveProvider: false },
      codeActionProvider: { codeActionKinds: ["quickfix"] },
      documentFormattingProvider: true,
      semanticTokensProvider: {
        legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
        full: true,
      },
    },
    serverInfo: { name: "termsheet", version },
  };
}

/** The paths of a workspace whose folder is `root()` (undefined before the client names one). */
function workspacePaths(windows: boolean, root: () => string | undefined) {
  /** A URI as the path the compiler shows: relative to the workspace folder when inside it, with `/`. */
  const toPath = (uri: string): string => {
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return uri;
    }
    abs = windows ? abs.replace(/\\/g, "/") : abs;
    const r = root();
    if (r !== undefined && (abs === r || abs.startsWith(r + "/"))) return posix.relative(r, abs) || ".";
    return abs;
  };
  const toAbsolute = (path: string): string => {
    const r = root();
    return path.startsWith("/") || /^[A-Za-z]:\//.test(path) || r === undefined ? path : posix.join(r, path);
  };
  const toUri = (path: string): string => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
    const abs = toAbsolute(path);
    return pathToFileURL(windows ? win32.normalize(abs) : abs).href;
  };
  const fsPath = (path: string): string => (windows ? win32.normalize(toAbsolute(path)) : toAbsolute(path));
  return { toPath, toAbsolute, toUri, fsPath };
}
