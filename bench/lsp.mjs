// Benchmark: the language server on a generated 2,000-line file (bench/generate.mjs). In process, the language
// service's answer to a keystroke (the new text, then the diagnostics to publish) and to a hover (the clause a last
// trading day renders to and its dates), against the baseline of a from-scratch `checkSources` of the same text,
// which is what a server without the incremental parse would do; over stdio, the built `termsheet lsp` driven by a
// real client (the time from a didChange to the publishDiagnostics that follows, and a hover's round trip); and
// thousands of seeded edits of the specs and of the generated file through every query (no failure may occur),
// with the memory after them. Target: a keystroke under 50 ms (median, in process and over stdio).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { pathToFileURL } from "node:url";
import { generateTerms } from "./generate.mjs";
import { bundle, root, summary } from "./lib.mjs";

const TODAY = "2026-12-06";

function specs() {
  const out = new Map();
  const walk = (rel) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = `${rel}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith(".terms")) out.set(path, readFileSync(join(root, path), "utf8"));
    }
  };
  walk("specs");
  return out;
}

function hostOf(files) {
  return {
    readFile: (p) => files.get(posix.normalize(p)),
    resolveImport: (f, i) => posix.join(posix.dirname(f), i),
    listFiles: () => [...files.keys()],
    standardLibrary: () => [...files.keys()].filter((p) => p.startsWith("specs/calendars/")),
    importPath: (f, t) => posix.relative(posix.dirname(f), t),
  };
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Keystrokes at places spread over the file: a character typed (which often makes an error), then deleted again. */
function keystrokes(text, count) {
  const lines = text.split("\n");
  const out = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    let line = 40 + Math.floor((Math.floor(i / 2) * 997) % (lines.length - 80));
    // A line long enough to type into at column 3 (typing into an empty line would not be undone at the same place).
    while (lines[line].length < 5) line++;
    const offset = lines.slice(0, line).join("\n").length + 1 + 3;
    current = i % 2 === 0 ? current.slice(0, offset) + "x" + current.slice(offset) : current.slice(0, offset) + current.slice(offset + 1);
    out.push({ text: current, line, character: 3, insert: i % 2 === 0 });
  }
  return out;
}

async function inProcess(api, text, runs) {
  const path = "generated.terms";
  const errors = [];
  const svc = new api.LanguageService(hostOf(new Map()), (e, q) => errors.push(`${q}: ${e}`));
  svc.setDocument(path, text);
  svc.allDiagnostics();
  const host = { readFile: () => undefined, resolveImport: (_f, i) => i };
  const baseline = [];
  const baselineCpu = [];
  for (let i = 0; i < Math.max(5, runs / 4); i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    api.checkSources([{ path, text }], host);
    baseline.push(ms(t0));
    const c = process.cpuUsage(c0);
    baselineCpu.push((c.user + c.system) / 1000);
  }
  const wall = [];
  const cpu = [];
  for (const k of keystrokes(text, runs)) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    svc.setDocument(path, k.text);
    svc.allDiagnostics();
    wall.push(ms(t0));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // Hover on the last trading day of futures spread over the file: right after an edit, and again.
  svc.setDocument(path, text);
  svc.allDiagnostics();
  const lines = text.split("\n");
  const ltd = lines.map((l, i) => (l.includes("last trading day is") ? i : -1)).filter((i) => i >= 0);
  const cold = [];
  const warm = [];
  let sample = "";
  for (let i = 0; i < Math.min(12, ltd.length); i++) {
    const line = ltd[Math.floor((i * ltd.length) / 12)];
    const edited = lines.map((l, j) => (j === line - 3 ? l + " " : l)).join("\n");
    svc.setDocument(path, edited);
    svc.allDiagnostics();
    let t0 = process.hrtime.bigint();
    const h = svc.hover(path, { line, character: 4 }, TODAY);
    cold.push(ms(t0));
    t0 = process.hrtime.bigint();
    svc.hover(path, { line, character: 4 }, TODAY);
    warm.push(ms(t0));
    sample = h?.contents ?? "";
  }
  if (!sample.includes("last trading day of")) errors.push("hover: no dates in " + JSON.stringify(sample.slice(0, 200)));
  return { baseline, baselineCpu, wall, cpu, cold, warm, errors };
}

/** The built server over stdio with a real client: didChange → publishDiagnostics, and hover round trips. */
async function overStdio(text, runs) {
  const errors = [];
  const require = createRequire(import.meta.url);
  const rpc = require("vscode-languageserver-protocol/node");
  const dir = mkdtempSync(join(tmpdir(), "termsheet-bench-lsp-"));
  writeFileSync(join(dir, "generated.terms"), text);
  const child = spawn(process.execPath, [join(root, "bin", "termsheet.js"), "lsp", "--stdio"], {
    cwd: dir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  // Diagnostics are awaited by the document version they are for, so that a late publish is never taken for the next.
  let waiting;
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    if (waiting !== undefined && p.version === waiting.version) waiting.resolve(p);
  });
  conn.listen();
  const rootUri = pathToFileURL(dir).href;
  const uri = pathToFileURL(join(dir, "generated.terms")).href;
  await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    capabilities: {},
    initializationOptions: { today: TODAY },
  });
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  let version = 1;
  const published = (v = version + 1) => new Promise((resolve) => (waiting = { version: v, resolve }));
  let p = published(1);
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "termsheet", version: 1, text },
  });
  await p;
  const change = [];
  for (const k of keystrokes(text, runs)) {
    p = published();
    const t0 = process.hrtime.bigint();
    const pos = { line: k.line, character: k.character };
    await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [
        k.insert
          ? { range: { start: pos, end: pos }, text: "x" }
          : { range: { start: pos, end: { line: k.line, character: 4 } }, text: "" },
      ],
    });
    await p;
    change.push(ms(t0));
  }
  const lines = text.split("\n");
  const ltd = lines.map((l, i) => (l.includes("last trading day is") ? i : -1)).filter((i) => i >= 0);
  p = published();
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: ++version },
    contentChanges: [{ text }],
  });
  await p;
  // A hover right after an edit (the model of the declaration is lowered again), then the same hover again.
  const hover = [];
  const again = [];
  for (let i = 0; i < Math.min(12, ltd.length); i++) {
    const line = ltd[Math.floor((i * ltd.length) / 12)];
    p = published();
    await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [
        { range: { start: { line: line - 3, character: 0 }, end: { line: line - 3, character: 0 } }, text: i % 2 ? "" : " " },
      ],
    });
    await p;
    let t0 = process.hrtime.bigint();
    const h = await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line, character: 4 } });
    hover.push(ms(t0));
    if (!h?.contents?.value?.includes("last trading day of"))
      errors.push(`hover over stdio without dates: ${JSON.stringify(h).slice(0, 300)}`);
    t0 = process.hrtime.bigint();
    await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line, character: 4 } });
    again.push(ms(t0));
  }
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  conn.dispose();
  rmSync(dir, { recursive: true, force: true });
  return { change, hover, again, errors };
}

/** Thousands of seeded edits through every query; memory before and after on the 2,000-line file. */
function fuzz(api, text, edits) {
  const files = specs();
  const errors = [];
  const svc = new api.LanguageService(hostOf(files), (e, q) => errors.push(`${q}: ${e?.stack ?? e}`));
  const rnd = api.random(20261206);
  let count = 0;
  const t0 = process.hrtime.bigint();
  const targets = [...files.keys(), "generated.terms"];
  const per = Math.ceil(edits / targets.length);
  let memory;
  for (const path of targets) {
    const source = path === "generated.terms" ? text : files.get(path);
    if (path === "generated.terms") {
      globalThis.gc?.();
      memory = { before: process.memoryUsage() };
    }
    for (const step of api.editSession(source, count + 1, per)) {
      svc.setDocument(path, step.text);
      svc.allDiagnostics();
      const lines = step.text.split("\n");
      const line = Math.floor(rnd() * lines.length);
      const pos = { line, character: Math.floor(rnd() * ((lines[line]?.length ?? 0) + 1)) };
      svc.hover(path, pos, TODAY);
      svc.definition(path, pos);
      svc.completion(path, pos);
      svc.codeActions(path, { start: pos, end: pos });
      if (count % 10 === 0) {
        svc.references(path, pos, true);
        svc.semanticTokens(path);
        svc.documentSymbols(path);
      }
      count++;
    }
    if (path === "generated.terms") {
      globalThis.gc?.();
      memory.after = process.memoryUsage();
    }
    svc.closeDocument(path);
  }
  return { count, seconds: ms(t0) / 1000, errors, memory };
}

/** JSON with sorted keys, to compare trees by content. */
function stable(v) {
  return JSON.stringify(v, (_k, x) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

/** The incremental parser against parse() of the whole text, over seeded edit sessions of every spec. */
function differential(api, edits) {
  const files = specs();
  const per = Math.ceil(edits / files.size);
  let count = 0;
  const mismatches = [];
  for (const [path, text] of files) {
    const inc = new api.IncrementalParser();
    for (const step of api.editSession(text, 1000 + count, per)) {
      const whole = stable(api.parse(new api.SourceFile(path, step.text)));
      const incremental = stable(inc.parse(new api.SourceFile(path, step.text)));
      if (whole !== incremental) mismatches.push(`${path} after ${JSON.stringify(step.edit)}`);
      count++;
    }
  }
  return { count, mismatches };
}

export default {
  name: "lsp",
  title: "language server on a generated 2,000-line file: keystroke, hover, stdio round trips, fuzzed edits",
  /** `quick`: a smoke run with 200 fuzzed edits. */
  async run({ runs = 40, edits = 2000, quick = false } = {}) {
    if (quick) edits = 200;
    const file = await bundle("lsp.ts");
    const api = await import(pathToFileURL(file).href);
    const { text, lines, declarations } = generateTerms(2000);
    const local = await inProcess(api, text, runs);
    const stdio = await overStdio(text, runs);
    const f = fuzz(api, text, edits);
    const d = differential(api, edits);
    const rows = [
      summary("checkSources from scratch (baseline)", local.baseline),
      summary("keystroke: new text + diagnostics (in process)", local.wall),
      summary("checkSources from scratch, CPU time (baseline)", local.baselineCpu),
      summary("keystroke, CPU time (in process)", local.cpu),
      summary("hover on a last trading day, first after an edit", local.cold),
      summary("hover again", local.warm),
      summary("keystroke over stdio: didChange → publishDiagnostics", stdio.change),
      summary("hover over stdio, first after an edit (round trip)", stdio.hover),
      summary("hover over stdio, again", stdio.again),
    ];
    const med = (r) => rows.find((x) => x.label.startsWith(r)).median_ms;
    const mb = (b) => Math.round(b / 1e5) / 10;
    const failures = [...local.errors, ...stdio.errors, ...f.errors];
    return {
      rows,
      targets: [
        { what: "keystroke median, in process", value: med("keystroke: new"), unit: " ms", max: 50 },
        { what: "keystroke median, over stdio", value: med("keystroke over stdio"), unit: " ms", max: 50 },
        {
          what: "keystroke / checkSources from scratch (medians)",
          value: Math.round((med("keystroke: new") / med("checkSources")) * 100) / 100,
          unit: "x",
        },
        {
          what: "keystroke / checkSources from scratch (CPU time medians)",
          value: Math.round((med("keystroke, CPU") / med("checkSources from scratch, CPU")) * 100) / 100,
          unit: "x",
        },
        { what: "keystroke CPU time median, in process", value: med("keystroke, CPU"), unit: " ms", max: 50 },
        { what: "hover median (first after an edit), over stdio", value: med("hover over stdio, first"), unit: " ms" },
        { what: "failures inside the service in fuzzed edits", value: failures.length, unit: "", max: 0 },
        { what: "incremental parses that differ from parse()", value: d.mismatches.length, unit: "", max: 0 },
        ...(f.memory
          ? [
              {
                what: "heap growth over the 2,000-line file's edits",
                value: mb(f.memory.after.heapUsed - f.memory.before.heapUsed),
                unit: " MB",
                max: 64,
              },
            ]
          : []),
      ],
      notes: [
        `${lines} lines, ${text.length} bytes, ${declarations} declarations`,
        `${f.count} fuzzed edits (seeded; specs and the generated file) through diagnostics, hover, definition, completion, code actions (and references, semantic tokens, outline every 10th) in ${f.seconds.toFixed(1)} s`,
        f.memory
          ? `memory on the 2,000-line file: heap ${mb(f.memory.before.heapUsed)} MB before ${Math.ceil(edits / 19)} edits, ${mb(f.memory.after.heapUsed)} MB after; RSS ${mb(f.memory.before.rss)} → ${mb(f.memory.after.rss)} MB${globalThis.gc ? "" : " (run with --expose-gc for settled figures)"}`
          : "",
        `${d.count} fuzzed edits of the specs parsed incrementally and whole, compared`,
        ...failures.slice(0, 5),
        ...d.mismatches.slice(0, 5),
      ],
    };
  },
};
