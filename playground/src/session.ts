/**
 * The playground's compiler session: what its web worker (worker.ts) runs, written without the DOM or the worker
 * API so that Node's tests run it too. It holds the example files in memory and answers, for the file in the
 * editor: the diagnostics (exactly those of `termsheet check`, as LSP-shaped JSON and as the CLI's text), the
 * compiled specs (`termsheet build`), the readable contract of each declaration (`termsheet render --format
 * html`), the expiries and holidays of the next months (`termsheet expiries`, `termsheet calendar`), and a final
 * settlement with its certificate on pasted market data (`termsheet settle`). Everything goes through the
 * compiler's public API (src/index.ts), the legal backend and the runtime; nothing here re-implements a rule.
 */
import {
  Schedule,
  checkSources,
  compileSources,
  createObservationParser,
  expiryToJson,
  formatMarketDataError,
  parseFixings,
  renderDiagnostics,
  renderSummary,
  reportText,
  settlementFunctions,
  sourceLookup,
  toJsonDiagnostics,
  type CheckResult,
  type Fixing,
  type Host,
  type JsonDiagnostic,
  type MarketDataError,
  type ObservationParser,
  type Observations,
  type Spec,
} from "../../src/index.js";
import { describeScheduleError, type ExpiryJson } from "../../src/runtime/schedule/index.js";
import { renderContract } from "../../src/backends/legal/index.js";
import { sourceLines } from "../../src/backends/legal/source-lines.js";
import {
  formatIsoDate,
  fromCivil,
  lastDayOfMonth,
  parseIsoDate,
  shiftMonth,
  toCivil,
  weekdayOf,
} from "../../src/runtime/calendar/index.js";
import { fixingSeries } from "../../src/runtime/functions/index.js";
import { memoryHost } from "./host.js";

/** The file being edited: its path (imports resolve relative to it) and its current text. */
export interface Root {
  readonly path: string;
  readonly text: string;
}

/** The diagnostics of one check, as the CLI's `--format json` gives them and as its text output prints them. */
export interface CheckOutput {
  readonly diagnostics: readonly JsonDiagnostic[];
  /** `termsheet check`'s text output, without colour: the excerpts and the summary line. */
  readonly text: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly files: number };
}

/** One compiled declaration of the edited file. */
export interface CompiledDeclaration {
  readonly name: string;
  readonly kind: string;
  /** Where `termsheet build` writes it, e.g. `contracts/FOTI.json`. */
  readonly path: string;
  /** The spec's canonical JSON text, byte for byte what `termsheet build` writes. */
  readonly json: string;
  /** The readable contract (`termsheet render --format html`), or why it could not be rendered. */
  readonly html: string;
}

/** The expiries of one contract from the as-of month on, and the periods listed on the as-of date. */
export interface ContractExpiries {
  readonly contract: string;
  readonly kind: string;
  readonly expiries: readonly ExpiryJson[];
  readonly listed: readonly string[];
  /** Why the schedule could not be computed, when it could not. */
  readonly error: string | null;
}

/** One day of the calendar grid. */
export interface CalendarDay {
  readonly date: string;
  readonly day: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** The holidays on this day, by calendar. */
  readonly holidays: readonly { readonly calendar: string; readonly names: readonly string[] }[];
  /** The calendars for which this day is a weekend day. */
  readonly weekendOf: readonly string[];
  /** Last trading days and final settlement dates falling on this day. */
  readonly events: readonly { readonly kind: "last-trading-day" | "final-settlement"; readonly symbol: string }[];
}

/** One month of the calendar grid. */
export interface CalendarMonth {
  readonly year: number;
  readonly month: number;
  readonly days: readonly CalendarDay[];
}

/** Everything the panes show after a successful compilation. */
export interface CompileOutput {
  readonly declarations: readonly CompiledDeclaration[];
  readonly contracts: readonly ContractExpiries[];
  readonly calendars: readonly string[];
  readonly months: readonly CalendarMonth[];
  readonly asOf: string;
}

/** A final settlement request, with the market data as text (CSV or NDJSON). */
export interface SettleRequest {
  readonly contract: string;
  /** "2026-03", "2026-W13", or a weekly contract's expiry date. */
  readonly period: string;
  readonly observations?: { readonly name: string; readonly text: string };
  readonly fixings?: { readonly name: string; readonly text: string };
  readonly position?: { readonly quantity: string; readonly price: string };
  readonly option?: { readonly right: "call" | "put"; readonly strike: string };
  readonly determined?: string;
}

/** A settlement's certificate (`termsheet settle`'s text output), or the problems that kept it from running. */
export interface SettleOutput {
  /** True when the settlement found a price. */
  readonly ok: boolean;
  readonly certificate: string;
  /** Problems with the request or its market data, as `file:line: field: message` lines and hints. */
  readonly problems: readonly string[];
}

/** The grid of the next months starts at the as-of month. */
const GRID_MONTHS = 6;
/** Expiries are listed for the next twelve months. */
const EXPIRY_MONTHS = 12;
/** Milliseconds in a day (UTC has no leap seconds in JavaScript time). */
const DAY_MS = 86_400_000;

/** Today's date in UTC as YYYY-MM-DD (the playground, like the CLI, is the only place that reads the clock). */
export function todayIso(now: number = Date.now()): string {
  return formatIsoDate(Math.floor(now / DAY_MS));
}

/** The compiler session over a fixed set of example files plus the file being edited. */
export class Session {
  private readonly files: Map<string, string>;
  private readonly host: Host;
  private compiled = new Map<string, Spec>();

  /** `files`: path → text of every file an import may name (the bundled examples). */
  constructor(
    files: ReadonlyMap<string, string>,
    private readonly compilerVersion: string,
  ) {
    this.files = new Map(files);
    this.host = memoryHost(this.files);
  }

  /** The text of a bundled file. */
  file(path: string): string | undefined {
    return this.files.get(path);
  }

  /** The check of the edited file and everything it imports: `termsheet check` on that file. */
  check(root: Root): CheckOutput {
    return checkOutput(checkSources([root], this.hostFor(root)));
  }

  /**
   * The compilation of the edited file (`termsheet build`) and its readable contracts, expiries and calendar
   * grid as of `asOf`; undefined when the check finds an error (check() says which).
   */
  compile(root: Root, asOf: string): { check: CheckOutput; output: CompileOutput | undefined } {
    const result = compileSources([root], this.hostFor(root), { compilerVersion: this.compilerVersion });
    const check = checkOutput(result);
    // On an error the last compiled specs stay, as the page keeps showing the last version that compiled.
    if (result.files.length === 0 || check.summary.errors > 0) return { check, output: undefined };
    const day = parseIsoDate(asOf) ?? parseIsoDate(todayIso())!;
    const asOfIso = formatIsoDate(day);
    const sources = sourceLines(result.program);
    const declarations: CompiledDeclaration[] = [];
    const compiled = new Map<string, Spec>();
    for (const file of result.files) {
      const spec = file.spec;
      compiled.set(spec.subject.name, spec);
      let html: string;
      try {
        html = renderContract(spec, "html", { asOf: asOfIso, sources });
      } catch (e) {
        html = `<p>internal error: the readable contract could not be rendered: ${escapeHtml(String((e as Error)?.message ?? e))}</p>`;
      }
      declarations.push({ name: spec.subject.name, kind: spec.subject.kind, path: file.path, json: file.text, html });
    }
    this.compiled = compiled;
    return {
      check,
      output: {
        ...this.schedules(
          result.files.map((f) => f.spec),
          day,
        ),
        declarations,
        asOf: asOfIso,
      },
    };
  }

  /**
   * Runs the final settlement of a contract compiled by the last successful compile(), as `termsheet settle` does; `parsed`
   * are observations already read through {@link observationParser} (an uploaded file), instead of `req`'s text.
   */
  settle(req: SettleRequest, parsed?: Observations): SettleOutput {
    const spec = this.compiled.get(req.contract);
    if (spec === undefined || spec.subject.kind === "index" || spec.subject.kind === "calendar") {
      return { ok: false, certificate: "", problems: [`error: no contract \`${req.contract}\` in the compiled file`] };
    }
    const problems: string[] = [];
    let observations: Observations | undefined = parsed;
    let fixings: readonly Fixing[] | undefined;
    if (req.observations !== undefined && req.observations.text.trim() !== "") {
      const parser = this.observationParser(req.contract, req.observations.name);
      parser.push(req.observations.text);
      const read = endObservations(parser);
      if (read.ok) observations = read.value;
      else problems.push(...read.problems);
    }
    if (req.fixings !== undefined && req.fixings.text.trim() !== "") {
      const read = parseFixings(req.fixings.text, {
        file: req.fixings.name,
        ...formatOption(req.fixings.name),
        indices: fixingSeries(spec),
      });
      if (read.ok) fixings = read.value;
      else problems.push(...rowErrors(read.errors, "fixings", "time,index,value[,status]"));
    }
    if (problems.length > 0) return { ok: false, certificate: "", problems };
    const report = settlementFunctions(spec).final({
      period: req.period,
      ...(observations !== undefined ? { observations } : {}),
      ...(fixings !== undefined ? { fixings } : {}),
      ...(req.position !== undefined ? { position: req.position } : {}),
      ...(req.option !== undefined ? { option: req.option } : {}),
      ...(req.determined !== undefined ? { determined: req.determined } : {}),
    });
    const wantedData =
      report.error !== null && ["determination-required", "unresolved", "no-market-data", "no-data"].includes(report.error.kind);
    const hints =
      wantedData && observations === undefined && fixings === undefined
        ? ["hint: no market data was given: paste or upload observations and/or published fixings"]
        : [];
    return { ok: report.ok, certificate: reportText(report), problems: hints };
  }

  /**
   * A push parser for a contract's observations (the rows may name only the sources of the spec's indices), for
   * market data read piece by piece from an uploaded file; end it with {@link endObservations}.
   */
  observationParser(contract: string, name: string): ObservationParser {
    const spec = this.compiled.get(contract);
    const sources = spec === undefined ? [] : specSources(spec);
    return createObservationParser({ file: name, ...formatOption(name), ...(sources.length > 0 ? { sources } : {}) });
  }

  /** A Host that reads the edited file from the editor and every other file from the bundled examples. */
  private hostFor(root: Root): Host {
    return {
      readFile: (path) => (path === root.path ? root.text : this.host.readFile(path)),
      resolveImport: (from, path) => this.host.resolveImport(from, path),
    };
  }

  /** Expiries, listed periods and the calendar grid of the compiled specs, from the as-of date on. */
  private schedules(specs: readonly Spec[], asOf: number): Omit<CompileOutput, "declarations" | "asOf"> {
    const start = toCivil(asOf);
    const expiryEnd = shiftMonth(start.year, start.month, EXPIRY_MONTHS - 1);
    const contracts: ContractExpiries[] = [];
    const events = new Map<string, { kind: "last-trading-day" | "final-settlement"; symbol: string }[]>();
    const addEvent = (date: string | null, kind: "last-trading-day" | "final-settlement", symbol: string): void => {
      if (date === null) return;
      const list = events.get(date) ?? [];
      list.push({ kind, symbol });
      events.set(date, list);
    };
    const calendars = new Map<string, Schedule>();
    for (const spec of specs) {
      for (const name of Object.keys(spec.calendars)) if (!calendars.has(name)) calendars.set(name, new Schedule(spec));
      if (spec.subject.kind === "index" || spec.subject.kind === "calendar") continue;
      const name = spec.subject.name;
      const schedule = new Schedule(spec);
      const expiries = schedule.expiries(name, start, expiryEnd);
      const listed = schedule.listedOn(name, asOf);
      const error = !expiries.ok ? describeScheduleError(expiries.error) : !listed.ok ? describeScheduleError(listed.error) : null;
      const list = expiries.ok ? expiries.value.map(expiryToJson) : [];
      for (const e of list) {
        addEvent(e.lastTradingDay, "last-trading-day", e.symbol);
        if (e.finalSettlementDate !== e.lastTradingDay) addEvent(e.finalSettlementDate, "final-settlement", e.symbol);
      }
      contracts.push({
        contract: name,
        kind: spec.subject.kind,
        expiries: list,
        listed: listed.ok ? listed.value.map((l) => l.symbol) : [],
        error,
      });
    }
    const months: CalendarMonth[] = [];
    const names = [...calendars.keys()].sort();
    for (let i = 0; i < GRID_MONTHS; i++) {
      const { year, month } = shiftMonth(start.year, start.month, i);
      const first = fromCivil(year, month, 1);
      const last = lastDayOfMonth(year, month);
      const holidays = new Map<number, { calendar: string; names: readonly string[] }[]>();
      const weekends = new Map<string, (day: number) => boolean>();
      for (const cal of names) {
        const engine = calendars.get(cal)!.engine(cal);
        if (!engine.ok) continue;
        weekends.set(cal, (d) => engine.value.isWeekend(d));
        for (const h of engine.value.holidaysBetween(first, last + 1)) {
          const list = holidays.get(h.day) ?? [];
          list.push({ calendar: cal, names: h.names });
          holidays.set(h.day, list);
        }
      }
      const days: CalendarDay[] = [];
      for (let d = first; d <= last; d++) {
        const date = formatIsoDate(d);
        days.push({
          date,
          day: d - first + 1,
          weekday: weekdayOf(d),
          holidays: holidays.get(d) ?? [],
          weekendOf: names.filter((cal) => weekends.get(cal)?.(d) === true),
          events: events.get(date) ?? [],
        });
      }
      months.push({ year, month, days });
    }
    return { contracts, calendars: names, months };
  }
}

/** The check's diagnostics in the CLI's two forms. */
function checkOutput(result: CheckResult): CheckOutput {
  const lookup = sourceLookup(result.sources.values());
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
  const blocks = result.diagnostics.length > 0 ? [renderDiagnostics(result.diagnostics, lookup, { color: false })] : [];
  blocks.push(renderSummary(result.diagnostics, result.sources.size, { color: false }));
  return {
    diagnostics: toJsonDiagnostics(result.diagnostics, lookup),
    text: blocks.join("\n\n") + "\n",
    summary: { errors, warnings, files: result.sources.size },
  };
}

/** Ends an observation parser, with the CLI's error lines when a row is malformed. */
export function endObservations(parser: ObservationParser): { ok: true; value: Observations } | { ok: false; problems: string[] } {
  const result = parser.end();
  return result.ok ? result : { ok: false, problems: rowErrors(result.errors, "observations", "time,source,price,volume[,instrument]") };
}

/** `csv` or `ndjson` by the name's extension, as the CLI decides; otherwise the parser looks at the text. */
function formatOption(name: string): { format?: "csv" | "ndjson" } {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return { format: "csv" };
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return { format: "ndjson" };
  return {};
}

/** Every source named by an index of the spec, in any version: observations may name no other. */
function specSources(spec: Spec): string[] {
  const names = new Set<string>();
  for (const index of Object.values(spec.indices)) for (const clause of index.sources) names.add(clause.value.name);
  return [...names].sort();
}

/** Error lines for malformed market data, as `termsheet settle` prints them, with a hint for the first kind. */
function rowErrors(errors: readonly MarketDataError[], what: string, columns: string): string[] {
  const lines = errors.map((e) => `error: ${formatMarketDataError(e)}`);
  const first = errors[0];
  const hint =
    first === undefined
      ? undefined
      : first.kind === "unknown-source"
        ? "the rows must name sources of the spec's indices"
        : first.kind === "unsorted" || first.kind === "duplicate"
          ? `${what} must be in time order, each row once`
          : first.kind === "empty-input"
            ? `there are no ${what}`
            : `each row is \`${columns}\` (CSV, or NDJSON objects with these fields); times are ISO 8601 with an offset, numbers are decimal strings`;
  return hint === undefined ? lines : [...lines, `hint: ${hint}`];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
