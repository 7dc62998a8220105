/**
 * The Termsheet extension for VS Code: starts the language server (`termsheet lsp`) with vscode-languageclient and
 * adds the "Preview readable contract" command, which shows the rendered chapter of the contract under the cursor
 * (the legal backend's HTML, asked from the server with the `termsheet/render` request) beside the source and
 * renders it again as the source changes. The server is the workspace's own `termsheet` (node_modules), so the
 * editor checks with the project's compiler, else the one bundled with the extension, or `termsheet.server.path`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The server to run: a module path and the arguments before the `--stdio` the client adds. */
function serverModule(context: vscode.ExtensionContext): { module: string; args: string[] } {
  const configured = vscode.workspace.getConfiguration("termsheet").get<string>("server.path");
  if (configured) return { module: configured, args: ["lsp"] };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const bin = join(folder.uri.fsPath, "node_modules", "termsheet", "bin", "termsheet.js");
    if (existsSync(bin)) return { module: bin, args: ["lsp"] };
  }
  return { module: context.asAbsolutePath(join("dist", "server.mjs")), args: [] };
}

function startClient(context: vscode.ExtensionContext): LanguageClient {
  const { module, args } = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, args, transport: TransportKind.stdio },
    debug: { module, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "termsheet" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.terms") },
  };
  const c = new LanguageClient("termsheet", "Termsheet", serverOptions, clientOptions);
  void c.start();
  return c;
}

/** The preview: one panel, following the active Termsheet document. */
class Preview {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private position: vscode.Position | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(editor: vscode.TextEditor): void {
    this.document = editor.document;
    this.position = editor.selection.active;
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel("termsheet.preview", "Readable contract", vscode.ViewColumn.Beside, {
        enableScripts: false,
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    void this.render();
  }

  /** Renders again a moment after the previewed document changed. */
  changed(doc: vscode.TextDocument): void {
    if (this.panel === undefined || doc !== this.document) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), 300);
  }

  private async render(): Promise<void> {
    if (this.panel === undefined || this.document === undefined || client === undefined) return;
    const r = (await client.sendRequest("termsheet/render", {
      uri: this.document.uri.toString(),
      position: this.position,
      format: "html",
    })) as { ok: true; text: string; name: string } | { ok: false; message: string };
    if (this.panel === undefined) return;
    if (r.ok) {
      this.panel.title = `Contract: ${r.name}`;
      this.panel.webview.html = r.text;
    } else {
      this.panel.webview.html = `<!doctype html><html><body><p>${escapeHtml(r.message)}</p></body></html>`;
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** Starts the server and registers the commands. */
export function activate(context: vscode.ExtensionContext): void {
  client = startClient(context);
  const preview = new Preview();
  context.subscriptions.push(
    vscode.commands.registerCommand("termsheet.previewContract", () => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId !== "termsheet") {
        void vscode.window.showInformationMessage("Open a .terms file to preview its readable contract.");
        return;
      }
      preview.show(editor);
    }),
    vscode.commands.registerCommand("termsheet.restartServer", async () => {
      await client?.stop();
      client = startClient(context);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => preview.changed(e.document)),
  );
}

/** Stops the server. */
export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
