/**
 * The playground page: the editor on the left, the compiler's outputs on the right (readable contract, JSON spec,
 * expiry calendar, settlement), the problems under the editor. Each edit is sent to the compiler worker (worker.ts);
 * its diagnostics go to the editor and the problem list, its compiled outputs to the panes. The URL fragment always
 * carries the current source (share.ts), so the address is the shareable link. The page is the only place that
 * reads the clock: today's date is the default as-of date of the contract months and the expiry calendar.
 */
import "./style.css";
import type { JsonDiagnostic } from "../../src/index.js";
import { createEditor, describe } from "./editor.js";
import { DEFAULT_EXAMPLE, EXAMPLES, FILES, SAMPLES } from "./examples.js";
import type { MarketInput, Request, Response } from "./protocol.js";
import type { CheckOutput, CompileOutput, CompiledDeclaration } from "./session.js";
import { decodeShare, encodeShare } from "./share.js";
import { renderExpiries } from "./views.js";

/** Timings the browser test reads (no assertion is made on them; they are reported). */
interface Timings {
  /** From navigation start to the first diagnostics shown, ms. */
  firstDiagnostics?: number;
  /** From the last edit to its diagnostics shown, ms (including the debounce). */
  editToDiagnostics?: number;
  /** The worker's time to check the last edit, ms. */
  check?: number;
  /** The worker's time to compile the last edit, ms. */
  compile?: number;
  /** Checks answered so far. */
  checks: number;
}
const timings: Timings = { checks: 0 };
(window as unknown as { termsheetTimings: Timings }).termsheetTimings = timings;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const EDIT_DELAY_MS = 120;
const HASH_DELAY_MS = 600;

const state = {
  path: DEFAULT_EXAMPLE,
  text: FILES.get(DEFAULT_EXAMPLE) ?? "",
  asOf: todayIso(),
  updateId: 0,
  settleId: 0,
  editedAt: 0,
  output: undefined as CompileOutput | undefined,
  declaration: undefined as string | undefined,
  uploads: { observations: undefined as File | undefined, fixings: undefined as File | undefined },
};

let updateTimer: ReturnType<typeof setTimeout> | undefined;
let hashTimer: ReturnType<typeof setTimeout> | undefined;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
const send = (request: Request): void => worker.postMessage(request);

const editor = createEditor($("editor"), state.text, (text) => {
  state.text = text;
  state.editedAt = performance.now();
  markEdited();
  scheduleUpdate();
  scheduleHash();
});

// ---------------------------------------------------------------------------------------------- start-up

setupExamples();
setupTabs();
setupSettlement();
$<HTMLInputElement>("as-of").value = state.asOf;
$<HTMLInputElement>("as-of").addEventListener("change", (e) => {
  const value = (e.target as HTMLInputElement).value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    state.asOf = value;
    update();
  }
});
$("share").addEventListener("click", () => void share());
$("reset").addEventListener("click", () => openExample(state.path));
worker.onmessage = (event: MessageEvent<Response>) => receive(event.data);
worker.onerror = (event) => setStatus("error", `The compiler failed to start: ${event.message}`);
send({ type: "init", files: Object.fromEntries(FILES) });
void start();

async function start(): Promise<void> {
  const shared = location.hash.length > 1 ? await decodeShare(location.hash) : undefined;
  if (shared?.kind === "source") {
    loadSource(shared.path, shared.text);
  } else if (shared?.kind === "example" && FILES.has(shared.path)) {
    openExample(shared.path);
  } else {
    if (shared?.kind === "share-error") toast(`This link could not be opened: ${shared.message}`);
    openExample(DEFAULT_EXAMPLE);
  }
}

// ---------------------------------------------------------------------------------------------- sources

function setupExamples(): void {
  const select = $<HTMLSelectElement>("example");
  for (const group of ["Contracts", "Indices", "Calendars"] as const) {
    const optgroup = document.createElement("optgroup");
    optgroup.label = group;
    for (const e of EXAMPLES.filter((x) => x.group === group)) {
      const option = new Option(`${e.name}.terms`, e.path);
      option.title = e.summary;
      optgroup.appendChild(option);
    }
    select.appendChild(optgroup);
  }
  select.addEventListener("change", () => openExample(select.value));
}

function openExample(path: string): void {
  loadSource(path, FILES.get(path) ?? "");
  history.replaceState(null, "", `#example=${encodeURIComponent(path)}`);
}

function loadSource(path: string, text: string): void {
  state.path = path;
  state.text = text;
  state.output = undefined;
  state.declaration = undefined;
  $("file-path").textContent = path;
  const select = $<HTMLSelectElement>("example");
  select.value = FILES.has(path) ? path : "";
  editor.setText(text);
  // Loading is not an edit: the edit-to-diagnostics timing counts keystrokes only.
  state.editedAt = 0;
  markEdited();
  update();
}

function markEdited(): void {
  const edited = FILES.get(state.path) !== state.text;
  $("edited").hidden = !edited;
  $("reset").hidden = !edited || !FILES.has(state.path);
}

function scheduleUpdate(): void {
  clearTimeout(updateTimer);
  updateTimer = setTimeout(update, EDIT_DELAY_MS);
}

function update(): void {
  clearTimeout(updateTimer);
  state.updateId++;
  setStatus("busy", "Checking…");
  document.body.dataset.compiled = "pending";
  send({ type: "update", id: state.updateId, root: { path: state.path, text: state.text }, asOf: state.asOf });
}

function scheduleHash(): void {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => void writeHash(), HASH_DELAY_MS);
}

async function writeHash(): Promise<string> {
  const edited = FILES.get(state.path) !== state.text;
  const fragment = await encodeShare(
    edited ? { kind: "source", path: state.path, text: state.text } : { kind: "example", path: state.path },
  );
  history.replaceState(null, "", `#${fragment}`);
  return location.href;
}

async function share(): Promise<void> {
  clearTimeout(hashTimer);
  const url = await writeHash();
  try {
    await navigator.clipboard.writeText(url);
    toast("Link copied: it carries the source in the address, nothing is uploaded.");
  } catch {
    toast("The address bar now holds the link to this source.");
  }
}

// ---------------------------------------------------------------------------------------------- worker answers

function receive(message: Response): void {
  switch (message.type) {
    case "checked":
      if (message.id !== state.updateId) return;
      showCheck(message.check);
      timings.checks++;
      timings.check = message.ms;
      if (timings.firstDiagnostics === undefined) timings.firstDiagnostics = performance.now();
      if (state.editedAt > 0) timings.editToDiagnostics = performance.now() - state.editedAt;
      return;
    case "compiled":
      if (message.id !== state.updateId) return;
      timings.compile = message.ms;
      if (message.output !== undefined) {
        state.output = message.output;
        showOutput(message.output);
      }
      $("stale").hidden = message.output !== undefined || state.output === undefined;
      document.body.dataset.compiled = message.output !== undefined ? "yes" : "no";
      return;
    case "settled":
      if (message.id !== state.settleId) return;
      showCertificate(message.result.ok, message.result.certificate, message.result.problems);
      return;
    case "failed":
      setStatus("error", `Internal error: ${message.message}`);
      return;
  }
}

function showCheck(check: CheckOutput): void {
  const own = check.diagnostics.filter((d) => d.file === state.path);
  editor.showDiagnostics(own);
  const { errors, warnings } = check.summary;
  if (errors > 0) setStatus("error", `${plural(errors, "error")}${warnings > 0 ? `, ${plural(warnings, "warning")}` : ""}`);
  else if (warnings > 0) setStatus("warning", plural(warnings, "warning"));
  else setStatus("ok", "No problems");
  $("problem-count").textContent = check.diagnostics.length === 0 ? "" : String(check.diagnostics.length);
  const list = $("problem-list");
  list.replaceChildren();
  if (check.diagnostics.length === 0) {
    const li = document.createElement("li");
    li.className = "no-problems";
    li.textContent = `No problems in ${plural(check.summary.files, "file")} checked.`;
    list.appendChild(li);
  }
  for (const d of check.diagnostics) list.appendChild(problemItem(d));
  $("cli-text").textContent = check.text;
  $("timing").textContent = timings.check === undefined ? "" : `checked in ${Math.round(timings.check)} ms`;
  document.body.dataset.errors = String(errors);
}

function problemItem(d: JsonDiagnostic): HTMLElement {
  const li = document.createElement("li");
  li.className = `problem problem-${d.severity}`;
  const where = document.createElement("button");
  where.type = "button";
  where.className = "where";
  where.textContent = `${d.file === state.path ? "" : `${d.file}:`}${d.line ?? "?"}:${d.column ?? "?"}`;
  where.title = d.file === state.path ? "Show in the editor" : d.file;
  if (d.file === state.path) where.addEventListener("click", () => editor.reveal(d.start));
  else where.disabled = true;
  li.append(where, describe(d));
  return li;
}

function showOutput(output: CompileOutput): void {
  const select = $<HTMLSelectElement>("declaration");
  const names = output.declarations.map((d) => d.name);
  if (state.declaration === undefined || !names.includes(state.declaration)) {
    state.declaration = (output.declarations.find((d) => d.kind !== "index" && d.kind !== "calendar") ?? output.declarations[0])?.name;
  }
  select.replaceChildren(...output.declarations.map((d) => new Option(`${d.name} (${d.kind})`, d.name)));
  select.value = state.declaration ?? "";
  select.onchange = () => {
    state.declaration = select.value;
    showDeclaration(output);
  };
  showDeclaration(output);
  const contracts = output.contracts.map((c) => c.contract);
  const settleSelect = $<HTMLSelectElement>("settle-contract");
  const previous = settleSelect.value;
  settleSelect.replaceChildren(...contracts.map((c) => new Option(c, c)));
  settleSelect.value = contracts.includes(previous) ? previous : (contracts.find((c) => c === state.declaration) ?? contracts[0] ?? "");
  settleSelect.disabled = contracts.length === 0;
  $<HTMLButtonElement>("run-settlement").disabled = contracts.length === 0;
  syncSettleContract();
}

function showDeclaration(output: CompileOutput): void {
  const decl = output.declarations.find((d) => d.name === state.declaration);
  if (decl === undefined) return;
  showContract(decl);
  showJson(decl);
  renderExpiries($("expiries"), output, decl.name);
}

function showContract(decl: CompiledDeclaration): void {
  const frame = $<HTMLIFrameElement>("contract-frame");
  frame.onload = () => {
    const doc = frame.contentDocument;
    if (doc === null) return;
    // A clause of the contract leads back to the line of the source it was compiled from.
    const style = doc.createElement("style");
    style.textContent =
      "body{margin:1.5rem auto;padding:0 2rem}[data-source]{cursor:pointer;border-radius:4px;transition:background .15s}[data-source]:hover{background:#fef9c3}";
    doc.head.appendChild(style);
    for (const el of doc.querySelectorAll<HTMLElement>("[data-source]")) {
      const source = el.getAttribute("data-source") ?? "";
      el.title = `Show ${source} in the editor`;
      el.addEventListener("click", (e) => {
        e.stopPropagation();
        const m = /^(.*):(\d+)$/.exec(source);
        if (m === null || m[1] !== state.path) return;
        const line = editor.view.state.doc.line(Math.min(Number(m[2]), editor.view.state.doc.lines));
        editor.reveal(line.from);
      });
    }
  };
  frame.srcdoc = decl.html;
}

function showJson(decl: CompiledDeclaration): void {
  $("json-path").textContent = decl.path;
  $("json").replaceChildren(...highlightJson(decl.json));
  const link = $<HTMLAnchorElement>("download-json");
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([decl.json], { type: "application/json" }));
  link.download = decl.path.split("/").pop() ?? "spec.json";
  $("copy-json").onclick = () => void navigator.clipboard.writeText(decl.json).then(() => toast("JSON spec copied."));
}

/** The JSON text as spans for keys, strings, numbers and literals (the text itself is unchanged). */
function highlightJson(json: string): Node[] {
  const out: Node[] = [];
  const re = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let at = 0;
  for (let m = re.exec(json); m !== null; m = re.exec(json)) {
    if (m.index > at) out.push(document.createTextNode(json.slice(at, m.index)));
    const span = document.createElement("span");
    span.className = m[1] !== undefined ? (m[2] !== undefined ? "j-key" : "j-string") : m[3] !== undefined ? "j-literal" : "j-number";
    span.textContent = m[1] ?? m[0];
    out.push(span);
    if (m[2] !== undefined) out.push(document.createTextNode(m[2]));
    at = m.index + m[0].length;
  }
  out.push(document.createTextNode(json.slice(at)));
  return out;
}

// ---------------------------------------------------------------------------------------------- tabs

function setupTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>(".tab")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const t of tabs) {
        const selected = t === tab;
        t.setAttribute("aria-selected", String(selected));
        $(`panel-${t.dataset.tab}`).hidden = !selected;
      }
      document.body.dataset.tab = tab.dataset.tab;
    });
  }
  document.body.dataset.tab = "contract";
}

// ---------------------------------------------------------------------------------------------- settlement

function setupSettlement(): void {
  $("settle-contract").addEventListener("change", syncSettleContract);
  $("settle-form").addEventListener("submit", (e) => {
    e.preventDefault();
    settle();
  });
  $("sample-data").addEventListener("click", () => {
    const contract = $<HTMLSelectElement>("settle-contract");
    if ([...contract.options].some((o) => o.value === SAMPLES.contract)) contract.value = SAMPLES.contract;
    syncSettleContract();
    $<HTMLInputElement>("settle-period").value = SAMPLES.period;
    $<HTMLInputElement>("settle-quantity").value = SAMPLES.position.quantity;
    $<HTMLInputElement>("settle-price").value = SAMPLES.position.price;
    setMarketText("observations", SAMPLES.observations.text);
    setMarketText("fixings", "");
  });
  $("clear-data").addEventListener("click", () => {
    setMarketText("observations", "");
    setMarketText("fixings", "");
  });
  for (const kind of ["observations", "fixings"] as const) {
    const input = $<HTMLInputElement>(`${kind}-file`);
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file === undefined) return;
      input.value = "";
      state.uploads[kind] = file;
      const area = $<HTMLTextAreaElement>(kind);
      area.value = "";
      area.hidden = true;
      const note = $(`${kind}-upload`);
      note.hidden = false;
      note.replaceChildren(`${file.name} (${formatBytes(file.size)}) will be read when the settlement runs. `);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-quiet";
      remove.textContent = "Remove";
      remove.addEventListener("click", () => setMarketText(kind, ""));
      note.appendChild(remove);
    });
  }
}

function setMarketText(kind: "observations" | "fixings", text: string): void {
  state.uploads[kind] = undefined;
  const area = $<HTMLTextAreaElement>(kind);
  area.value = text;
  area.hidden = false;
  $(`${kind}-upload`).hidden = true;
}

function syncSettleContract(): void {
  const name = $<HTMLSelectElement>("settle-contract").value;
  const contract = state.output?.contracts.find((c) => c.contract === name);
  $("option-fields").hidden = contract?.kind !== "option";
  const list = $("settle-periods");
  list.replaceChildren(...(contract?.expiries ?? []).map((e) => new Option(`${e.symbol}, last trading day ${e.lastTradingDay}`, e.period)));
  const period = $<HTMLInputElement>("settle-period");
  if (period.value === "" && contract !== undefined && contract.expiries.length > 0) period.value = contract.expiries[0]!.period;
}

function settle(): void {
  const value = (id: string): string => $<HTMLInputElement>(id).value.trim();
  const contract = value("settle-contract");
  const period = value("settle-period");
  if (contract === "" || period === "") return;
  const quantity = value("settle-quantity");
  const price = value("settle-price");
  const option = state.output?.contracts.find((c) => c.contract === contract)?.kind === "option";
  const market = (kind: "observations" | "fixings"): MarketInput | undefined => {
    const file = state.uploads[kind];
    if (file !== undefined) return { name: file.name, file };
    const text = $<HTMLTextAreaElement>(kind).value;
    return text.trim() === "" ? undefined : { name: `${kind}.csv`, text };
  };
  const observations = market("observations");
  const fixings = market("fixings");
  state.settleId++;
  $("certificate").textContent = "Settling…";
  $("certificate").className = "certificate muted";
  send({
    type: "settle",
    id: state.settleId,
    request: {
      contract,
      period,
      ...(quantity !== "" || price !== "" ? { position: { quantity, price } } : {}),
      ...(option ? { option: { right: value("settle-right") === "put" ? "put" : "call", strike: value("settle-strike") } } : {}),
    },
    ...(observations !== undefined ? { observations } : {}),
    ...(fixings !== undefined ? { fixings } : {}),
  });
}

function showCertificate(ok: boolean, certificate: string, problems: readonly string[]): void {
  const pre = $("certificate");
  pre.className = `certificate ${ok ? "certificate-ok" : "certificate-failed"}`;
  pre.textContent = [certificate.trimEnd(), ...problems].filter((s) => s !== "").join("\n");
  $("certificate-title").textContent = ok ? "Certificate" : "Certificate: no settlement price";
  // The certificate's first line, "FOTI-H26 final settlement: 10.05", as the headline.
  const headline = /^(.+?): (.+)$/.exec(certificate.split("\n")[0] ?? "");
  const result = $("settle-result");
  result.hidden = headline === null;
  result.className = `settle-result ${ok ? "settle-ok" : "settle-failed"}`;
  if (headline !== null) {
    const label = document.createElement("span");
    label.className = "settle-label";
    label.textContent = headline[1]!;
    const value = document.createElement("span");
    value.className = "settle-value";
    value.textContent = headline[2]!;
    result.replaceChildren(label, value);
  }
  $("certificate-title").scrollIntoView({ block: "nearest", behavior: "smooth" });
}

// ---------------------------------------------------------------------------------------------- small helpers

function setStatus(kind: "ok" | "warning" | "error" | "busy", text: string): void {
  const status = $("status");
  status.className = `status status-${kind}`;
  status.textContent = text;
}

function toast(text: string): void {
  const el = $("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 3500);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / (1 << 20)).toFixed(1)} MB`;
}

/** Today's date in UTC, YYYY-MM-DD. */
function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
