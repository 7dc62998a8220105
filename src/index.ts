/**
 * The public API of the `termsheet` package (bundled to dist/index.js): parse one source, check a set of sources
 * through a Host that supplies file contents, and render the resulting diagnostics as text or JSON; compile
 * sources to JSON specs, and load a compiled spec (`loadSpec`, for exchanges; see docs/spec-format.md).
 * Everything here is pure: no file system, console or process; the CLI (src/cli) is one client of this API.
 *
 * @example
 * ```ts
 * import { checkSources, renderDiagnostics, renderSummary, sourceLookup } from "termsheet";
 * const files = new Map([["a.terms", "calendar X {\n  time zone Europe/London\n}\n"]]);
 * const result = checkSources([{ path: "a.terms", text: files.get("a.terms")! }], {
 *   readFile: (path) => files.get(path),
 *   resolveImport: (from, path) => path,
 * });
 * console.log(renderDiagnostics(result.diagnostics, sourceLookup(result.sources.values())));
 * console.log(renderSummary(result.diagnostics, result.sources.size));
 * ```
 */

// Sources and spans: every diagnostic and AST node points into a SourceFile with an end-exclusive Span.
export { SourceFile, cover, isValidSpan, type Position, type Span } from "./base/source.js";

// Parsing one file: `parse` never throws; it returns a (possibly partial) AST, the comments and syntax diagnostics.
export { parse, type Comment, type ParseResult } from "./syntax/parse.js";

/** The syntax tree's node types (`Ast.FileNode`, `Ast.Declaration`, …), as produced by `parse`. */
export type * as Ast from "./syntax/ast.js";

// Checking a program: the root files plus everything they import, read through a Host.
export { checkSources, type CheckResult, type Host, type HostRefusal } from "./driver.js";

// Diagnostics: the value every phase reports, the code registry, and the text and JSON renderers.
export {
  Codes,
  allCodes,
  codeInfo,
  codeKey,
  compareDiagnostics,
  renderDiagnostic,
  renderDiagnostics,
  renderJson,
  renderSummary,
  sortDiagnostics,
  sourceLookup,
  toJsonDiagnostics,
  type Code,
  type CodeInfo,
  type Diagnostic,
  type JsonDiagnostic,
  type JsonLabel,
  type JsonLocation,
  type JsonRenderOptions,
  type Label,
  type Phase,
  type Severity,
  type SourceLookup,
  type TextRenderOptions,
} from "./diagnostics/index.js";

// Compiled specs: compile sources to JSON specs, and load one (validated, hash-checked, typed) as an exchange does.
export { compileSources, type CompileOptions, type CompileResult } from "./compile.js";
export type { SpecFile } from "./backends/json/to-json.js";
export { SpecError, loadSpec, type SpecProblem } from "./model/load.js";
export { SCHEMA_VERSION } from "./model/spec.js";
export { inForce, inRange, rulesOn, versionOn } from "./runtime/versions.js";
export type { Spec, Subject } from "./model/spec.js";
/** The compiled model's types (`Model.Future`, `Model.Calendar`, `Model.Clause`, …), as loadSpec returns them. */
export type * as Model from "./model/types.js";

// Schedules from compiled specs: expiries (last trading day, termination instant, final settlement date, averaging
// days), listing cycles and symbols, and holiday lists (runtime/schedule; README "Calendars, expiries and listings").
// `isoSchedule` takes and returns ISO 8601 dates (the CLI's JSON documents); `Schedule` works in epoch days.
export {
  Schedule,
  contractSymbol,
  expiryToJson,
  holidaysToJson,
  isoSchedule,
  listedToJson,
  monthPeriod,
  parseContractSymbol,
  weekPeriod,
  type ContractPeriod,
  type Expiry,
  type ExpiryJson,
  type HolidayJson,
  type IsoResult,
  type IsoSchedule,
  type IsoScheduleError,
  type Listed,
  type ListedJson,
  type ScheduleError,
  type ScheduleInput,
  type ScheduleResult,
} from "./runtime/schedule/index.js";
// Dates: the runtime counts days since 1970-01-01 (`EpochDay`); these convert them to and from ISO 8601 strings.
export { formatIsoDate, parseIsoDate, type EpochDay } from "./runtime/calendar/index.js";

// Settlement functions of a compiled spec: index values, final and daily settlement with their certificates
// (runtime/functions), and the loader that returns them for a spec's JSON.
export { loadSettlement } from "./settlement.js";
export {
  functionsOf,
  reportJson,
  reportText,
  settlementFunctions,
  specEnv,
  type DailyReq,
  type FinalReq,
  type IndexReport,
  type IndexReq,
  type MarketData,
  type SettleEnv,
  type SettlementReport,
  type SettlementSpec,
  type SpecFunctions,
} from "./runtime/functions/index.js";
// Market data for them: observations and fixings from CSV or NDJSON text (or pushed piece by piece), with typed
// errors naming file, line and field (runtime/market-data).
export {
  createObservationParser,
  formatMarketDataError,
  parseFixings,
  parseObservations,
  type Fixing,
  type FixingOptions,
  type MarketDataError,
  type MarketDataResult,
  type ObservationOptions,
  type ObservationParser,
  type Observations,
} from "./runtime/market-data/index.js";
