/**
 * End to end: the built `termsheet lsp --stdio`, started as an editor starts it and driven by a real LSP client
 * (vscode-languageserver-protocol's node connection, the library under vscode-languageclient), through a project
 * made by `termsheet init`: open a contract with a mistake and see its diagnostic, fix it by an edit and see the
 * diagnostics clear, then hover, go to a definition, complete, rename, format and preview the readable contract.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  RenameRequest,
  type CompletionItem,
  type Hover,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node.js";
import { ensureBuilt, repoRoot, termsheet } from "../cli/helpers.js";
import { startClient, type Client } from "./client.js";

let dir: string;
let client: Client;
const CONTRACT = "contracts/token-future.terms";

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "termsheet-lsp-"));
  expect(termsheet(["init", dir], dir).code).toBe(0);
  client = await startClient(repoRoot, dir, { today: "2026-12-06" });
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("termsheet lsp over stdio", () => {
  it("publishes diagnostics as the document is opened and edited", async () => {
    const uri = client.uri(CONTRACT);
    const good = readFileSync(join(dir, CONTRACT), "utf8");
    const broken = good.replace("tick 0.001 USD per 1M tokens", "tick 0.001");
    const first = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "termsheet", version: 1, text: broken },
    });
    const diagnostics = await first;
    expect(diagnostics.map((d) => [d.code, d.range.start, d.message.split("\n")[0]])).toEqual([
      ["E1011", { line: 8, character: 12 }, "the tick `0.001` needs a unit"],
    ]);
    // An incremental edit that types the unit back.
    const cleared = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 8, character: 12 }, end: { line: 8, character: 12 } }, text: " USD per 1M tokens" }],
    });
    expect(await cleared).toEqual([]);
  });

  it("answers hover, definition and completion", async () => {
    const uri = client.uri(CONTRACT);
    const text = readFileSync(join(dir, CONTRACT), "utf8");
    const lines = text.split("\n");
    const ltd = lines.findIndex((l) => l.includes("last trading day is"));
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: ltd, character: 4 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain("Renders to clause");
    // By hand: the last Friday of March 2027 is Good Friday (Easter Sunday is 28 March 2027), so Thursday the 25th.
    expect(value).toContain("last trading day of Mar 2027: 2027-03-25");

    const under = lines.findIndex((l) => l.includes("underlying index TOKEN_IDX"));
    const def = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: under, character: lines[under]!.indexOf("TOKEN_IDX") + 2 },
    })) as Location[];
    expect(def).toHaveLength(1);
    expect(def[0]!.uri).toBe(client.uri("indices/token-index.terms"));

    const adjusted = lines[ltd]!.indexOf("adjusted ") + "adjusted ".length;
    const items = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: ltd, character: adjusted },
    })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(["following", "modified-following", "preceding", "modified-preceding", "unadjusted"]);
  });

  it("renames across files and formats", async () => {
    const uri = client.uri(CONTRACT);
    const text = readFileSync(join(dir, CONTRACT), "utf8");
    const lines = text.split("\n");
    const under = lines.findIndex((l) => l.includes("underlying index TOKEN_IDX"));
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: { line: under, character: lines[under]!.indexOf("TOKEN_IDX") + 1 },
      newName: "TOKENS",
    })) as WorkspaceEdit;
    expect(Object.keys(edit.changes!).sort()).toEqual([client.uri(CONTRACT), client.uri("indices/token-index.terms")].sort());
    // The import, the underlying and the final settlement; the declaration.
    expect(edit.changes![client.uri(CONTRACT)]).toHaveLength(3);
    expect(edit.changes![client.uri("indices/token-index.terms")]).toHaveLength(1);

    const messy = text.replace("  tick 0.001", "        tick     0.001");
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: messy }],
    });
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    })) as TextEdit[];
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(text);
  });

  it("previews the readable contract", async () => {
    const uri = client.uri(CONTRACT);
    const r = (await client.connection.sendRequest("termsheet/render", { uri })) as { ok: boolean; text: string; name: string };
    expect(r.ok).toBe(true);
    expect(r.name).toBe("TOKEN_FUT");
    expect(r.text).toContain("Token Output Price Futures");
  });
});
