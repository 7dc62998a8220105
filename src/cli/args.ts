/**
 * Command-line arguments: turns `process.argv` into a parsed Invocation (a command with its options) or a usage
 * error, without touching the console or the file system. The CLI's first step; run.ts acts on the result.
 */
import { suggest } from "../diagnostics/did-you-mean.js";
import { INPUT_PRECISION, parseInputDecimal } from "../runtime/numbers/decimal.js";

/** The commands that compile sources. */
export type CompileCommand = "check" | "build";

/** Every command `termsheet help <command>` knows. */
export const COMMANDS = [
  "check",
  "build",
  "calendar",
  "expiries",
  "listed",
  "fmt",
  "render",
  "diff",
  "settle",
  "index",
  "init",
  "lsp",
  "help",
] as const;

/** The commands that answer schedule questions about compiled sources (src/cli/calendar-cmd.ts and friends). */
export type ScheduleCommand = "calendar" | "expiries" | "listed";

/** The options of the schedule commands, by name without the dashes, as given. */
export interface ScheduleOptions {
  readonly calendar?: string;
  readonly contract?: string;
  readonly from?: string;
  readonly to?: string;
  readonly on?: string;
}

/** The options of `termsheet settle` and `termsheet index`, validated in form (names without the dashes). */
export interface SettleOptions {
  readonly contract?: string;
  readonly month?: string;
  readonly expiry?: string;
  readonly daily?: string;
  readonly prior?: string;
  readonly bid?: string;
  readonly ask?: string;
  /** `--position QTY@PRICE`, split. */
  readonly position?: { readonly quantity: string; readonly price: string };
  readonly right?: "call" | "put";
  readonly strike?: string;
  readonly determined?: string;
  readonly index?: string;
  readonly at?: string;
  readonly observations?: string;
  readonly fixings?: string;
}

/** A command name. */
export type CommandName = (typeof COMMANDS)[number];

/** How diagnostics are printed. */
export type OutputFormat = "text" | "json";

/** What the user asked for. */
export type Invocation =
  | { readonly kind: "help"; readonly command: CommandName | undefined }
  | { readonly kind: "version" }
  | {
      readonly kind: "compile";
      readonly command: CompileCommand;
      /** Files and folders, as the user typed them. */
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      /** False when `--no-color` was given. */
      readonly color: boolean;
      /** `--out DIR` of `build`; accepted now, used once specs are compiled. */
      readonly out: string | undefined;
      /** False when `--no-cache` was given to `check` (src/cli/check-cache.ts); `build` never uses the cache. */
      readonly cache: boolean;
      /** `--watch`: run again whenever a file it read changes (src/cli/watch.ts). */
      readonly watch: boolean;
    }
  | {
      readonly kind: "schedule";
      readonly command: ScheduleCommand;
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly color: boolean;
      readonly options: ScheduleOptions;
    }
  | {
      /** `termsheet fmt [--check]` (src/cli/fmt-cmd.ts). */
      readonly kind: "format";
      readonly inputs: readonly string[];
      /** `--check`: report unformatted files instead of rewriting them. */
      readonly check: boolean;
      readonly color: boolean;
    }
  | {
      /** `termsheet render` and `termsheet diff` (src/cli/render-cmd.ts, diff-cmd.ts). */
      readonly kind: "document";
      readonly command: "render" | "diff";
      readonly inputs: readonly string[];
      readonly format: "md" | "html" | "json" | "docx";
      readonly options: {
        readonly contract?: string;
        readonly asOf?: string;
        readonly out?: string;
        /** render: `--layout sections|rulebook`. */
        readonly layout?: "sections" | "rulebook";
        /** diff: `--author NAME`, the author of the tracked changes of `--format docx`. */
        readonly author?: string;
        /** diff: `--full`, the whole chapter in the redline. */
        readonly full?: boolean;
      };
      /** `--watch` (render only): render again whenever a file it read changes. */
      readonly watch: boolean;
    }
  | {
      /** `termsheet settle` and `termsheet index` (src/cli/settle-cmd.ts). */
      readonly kind: "settle";
      readonly command: "settle" | "index";
      /** The spec: one compiled `.json` file, or `.terms` files and folders. */
      readonly inputs: readonly string[];
      readonly format: OutputFormat;
      readonly options: SettleOptions;
    }
  | {
      /** `termsheet init [folder]` (src/cli/init-cmd.ts). */
      readonly kind: "init";
      readonly folder: string;
    }
  | {
      /** `termsheet lsp` (src/lsp/server.ts): the language server on stdin and stdout. */
      readonly kind: "lsp";
    }
  | {
      readonly kind: "usage-error";
      readonly message: string;
      /** The command whose usage line to show, if known. */
      readonly command: CommandName | undefined;
      readonly hint: string | undefined;
    };

const FORMATS: readonly OutputFormat[] = ["text", "json"];

/** The options each compile command accepts (with `--help`, which every command accepts). */
const OPTIONS: Readonly<Record<CompileCommand, readonly string[]>> = {
  check: ["--format", "--no-color", "--no-cache", "--watch", "--help"],
  build: ["--format", "--no-color", "--out", "--watch", "--help"],
};

/** The options of the schedule commands; the ones listed as required must be given. */
const SCHEDULE_OPTIONS: Readonly<Record<ScheduleCommand, { readonly allowed: readonly string[]; readonly required: readonly string[] }>> = {
  calendar: { allowed: ["--calendar", "--from", "--to", "--format", "--no-color", "--help"], required: ["--calendar", "--from", "--to"] },
  expiries: { allowed: ["--contract", "--from", "--to", "--format", "--no-color", "--help"], required: ["--contract", "--from", "--to"] },
  listed: { allowed: ["--contract", "--on", "--format", "--no-color", "--help"], required: ["--contract", "--on"] },
};

const GLOBAL_OPTIONS = ["--help", "--version"];

function usageError(message: string, command: CommandName | undefined, hint?: string): Invocation {
  return { kind: "usage-error", message, command, hint };
}

function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const best = suggest(word, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Parses the arguments after `termsheet` (i.e. `process.argv.slice(2)`). */
export function parseArgs(argv: readonly string[]): Invocation {
  const first = argv[0];
  if (first === undefined) return usageError("missing command", undefined);
  if (first === "--help" || first === "-h") return { kind: "help", command: undefined };
  if (first === "--version" || first === "-v" || first === "-V") return { kind: "version" };
  if (first.startsWith("-")) {
    return usageError(`unknown option \`${first}\``, undefined, didYouMean(first, GLOBAL_OPTIONS));
  }
  if (!isCommand(first)) {
    return usageError(`unknown command \`${first}\``, undefined, didYouMean(first, COMMANDS));
  }
  const rest = argv.slice(1);
  if (first === "help") return parseHelp(rest);
  if (first === "calendar" || first === "expiries" || first === "listed") return parseSchedule(first, rest);
  if (first === "fmt") return parseFormat(rest);
  if (first === "render" || first === "diff") return parseDocument(first, rest);
  if (first === "settle" || first === "index") return parseSettle(first, rest);
  if (first === "init") return parseInit(rest);
  if (first === "lsp") return parseLsp(rest);
  return parseCompile(first, rest);
}

function parseHelp(rest: readonly string[]): Invocation {
  const [topic, extra] = rest;
  if (topic === undefined || topic === "--help" || topic === "-h")
    return { kind: "help", command: topic === undefined ? undefined : "help" };
  if (!isCommand(topic)) return usageError(`unknown command \`${topic}\``, "help", didYouMean(topic, COMMANDS));
  if (extra !== undefined) return usageError(`unexpected argument \`${extra}\``, "help");
  return { kind: "help", command: topic };
}

/** Arguments split into inputs, flags given and valued options, the same way for every command. */
interface Scanned {
  readonly inputs: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

/**
 * The one argument scanner: `--` ends options, `-` (standard input) is refused, `--name=value` or `--name value`
 * for valued options, `--help`/`-h` anywhere asks for the command's help, unknown options get a did-you-mean.
 * Returns an invocation (help or usage error) when the scan itself decides the outcome.
 */
function scanArgs(
  command: CommandName,
  rest: readonly string[],
  spec: { readonly flags: readonly string[]; readonly valued: readonly string[]; readonly hints?: Readonly<Record<string, string>> },
): Scanned | Invocation {
  const scanned: Scanned = { inputs: [], flags: new Set(), values: new Map() };
  const allowed = [...spec.valued, ...spec.flags, "--help"];
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPaths || !arg.startsWith("-") || arg === "-") {
      if (arg === "-") return usageError("reading from standard input is not supported; name a file or a folder", command);
      scanned.inputs.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (name === "--help" || name === "-h") return { kind: "help", command };
    if (!allowed.includes(name))
      return usageError(`unknown option \`${name}\` for \`termsheet ${command}\``, command, didYouMean(name, allowed));
    if (spec.flags.includes(name)) {
      if (inline !== undefined) return usageError(`\`${name}\` takes no value`, command);
      scanned.flags.add(name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[i + 1];
      // A negative number (`--position -5@12.3`, `--prior -0.25`) is a value, not an option.
      if (next === undefined || (next.startsWith("-") && next !== "-" && !/^-[0-9.]/.test(next)))
        return usageError(`\`${name}\` needs a value`, command, spec.hints?.[name]);
      value = next;
      i++;
    }
    if (value === "") return usageError(`\`${name}\` needs a value`, command, spec.hints?.[name]);
    scanned.values.set(name, value);
  }
  return scanned;
}

function isInvocation(x: Scanned | Invocation): x is Invocation {
  return "kind" in x;
}

const COMPILE_FLAGS = ["--no-color", "--no-cache", "--watch"];

function parseCompile(command: CompileCommand, rest: readonly string[]): Invocation {
  const scanned = scanArgs(command, rest, {
    flags: OPTIONS[command].filter((o) => COMPILE_FLAGS.includes(o)),
    valued: OPTIONS[command].filter((o) => !COMPILE_FLAGS.includes(o) && o !== "--help"),
    hints: { "--format": "use `--format text` or `--format json`" },
  });
  if (isInvocation(scanned)) return scanned;
  const format = scanned.values.get("--format") ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    return usageError(`unknown format \`${format}\``, command, didYouMean(format, FORMATS) ?? "use `text` or `json`");
  }
  if (scanned.inputs.length === 0) return usageError("missing files or folders to " + command, command);
  return {
    kind: "compile",
    command,
    inputs: scanned.inputs,
    format: format as OutputFormat,
    color: !scanned.flags.has("--no-color"),
    out: scanned.values.get("--out"),
    cache: command === "check" && !scanned.flags.has("--no-cache"),
    watch: scanned.flags.has("--watch"),
  };
}

function parseInit(rest: readonly string[]): Invocation {
  const scanned = scanArgs("init", rest, { flags: [], valued: [] });
  if (isInvocation(scanned)) return scanned;
  if (scanned.inputs.length > 1) return usageError(`unexpected argument \`${scanned.inputs[1]}\`: init takes one folder`, "init");
  return { kind: "init", folder: scanned.inputs[0] ?? "." };
}

function parseLsp(rest: readonly string[]): Invocation {
  // Editors' clients add `--stdio` and `--clientProcessId=PID`; the server always speaks over stdio.
  const scanned = scanArgs("lsp", rest, { flags: ["--stdio"], valued: ["--clientProcessId"] });
  if (isInvocation(scanned)) return scanned;
  if (scanned.inputs.length > 0) return usageError(`unexpected argument \`${scanned.inputs[0]}\``, "lsp");
  return { kind: "lsp" };
}

function parseFormat(rest: readonly string[]): Invocation {
  const scanned = scanArgs("fmt", rest, { flags: ["--check", "--no-color"], valued: [] });
  if (isInvocation(scanned)) return scanned;
  if (scanned.inputs.length === 0) return usageError("missing files or folders to format", "fmt");
  return { kind: "format", inputs: scanned.inputs, check: scanned.flags.has("--check"), color: !scanned.flags.has("--no-color") };
}

function parseDocument(command: "render" | "diff", rest: readonly string[]): Invocation {
  const formats = command === "render" ? ["md", "html", "docx"] : ["md", "html", "json", "docx"];
  const scanned = scanArgs(command, rest, {
    flags: command === "render" ? ["--watch"] : ["--full"],
    valued: ["--contract", "--format", "--as-of", "--out", ...(command === "render" ? ["--layout"] : ["--author"])],
  });
  if (isInvocation(scanned)) return scanned;
  const format = scanned.values.get("--format") ?? "md";
  if (!formats.includes(format))
    return usageError(`unknown format \`${format}\``, command, `use ${formats.map((f) => `\`${f}\``).join(", ")}`);
  const asOf = scanned.values.get("--as-of");
  if (asOf !== undefined && !validDay(asOf)) return usageError(`\`--as-of\` needs a date YYYY-MM-DD, not \`${asOf}\``, command);
  const options: { contract?: string; asOf?: string; out?: string; layout?: "sections" | "rulebook"; author?: string; full?: boolean } = {};
  const contract = scanned.values.get("--contract");
  const out = scanned.values.get("--out");
  if (format === "docx" && out === undefined) return usageError("`--format docx` writes a Word file: name it with `--out FILE`", command);
  const layout = scanned.values.get("--layout");
  if (layout !== undefined && layout !== "sections" && layout !== "rulebook")
    return usageError(`unknown layout \`${layout}\``, command, "use `sections` or `rulebook`");
  if (layout !== undefined) options.layout = layout;
  const author = scanned.values.get("--author");
  if (author !== undefined) options.author = author;
  if (scanned.flags.has("--full")) options.full = true;
  if (contract !== undefined) options.contract = contract;
  if (asOf !== undefined) options.asOf = asOf;
  if (out !== undefined) options.out = out;
  const inputs = scanned.inputs;
  if (command === "diff" && inputs.length !== 2)
    return usageError("`termsheet diff` compares two specs: name the old one and the new one", command);
  if (inputs.length === 0) return usageError("missing spec or sources to render", command);
  return {
    kind: "document",
    command,
    inputs,
    format: format as "md" | "html" | "json" | "docx",
    options,
    watch: scanned.flags.has("--watch"),
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function validDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function parseSchedule(command: ScheduleCommand, rest: readonly string[]): Invocation {
  const { allowed, required } = SCHEDULE_OPTIONS[command];
  const scanned = scanArgs(command, rest, { flags: ["--no-color"], valued: allowed.filter((o) => o !== "--no-color" && o !== "--help") });
  if (isInvocation(scanned)) return scanned;
  const { inputs, values } = scanned;
  const format = values.get("--format") ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    return usageError(`unknown format \`${format}\``, command, didYouMean(format, FORMATS) ?? "use `text` or `json`");
  values.delete("--format");
  for (const [name, value] of values) {
    const wantsMonth = command === "expiries" && (name === "--from" || name === "--to");
    const wantsDay = name === "--on" || (command === "calendar" && (name === "--from" || name === "--to"));
    if (wantsMonth && !ISO_MONTH.test(value)) return usageError(`\`${name}\` needs a month YYYY-MM, not \`${value}\``, command);
    if (wantsDay && !validDay(value)) return usageError(`\`${name}\` needs a date YYYY-MM-DD, not \`${value}\``, command);
  }
  const color = !scanned.flags.has("--no-color");
  for (const r of required) if (!values.has(r)) return usageError(`missing \`${r}\``, command);
  const from = values.get("--from");
  const to = values.get("--to");
  if (from !== undefined && to !== undefined && to < from) return usageError(`\`--to ${to}\` is before \`--from ${from}\``, command);
  if (inputs.length === 0) return usageError(`missing files or folders for ${command}`, command);
  const options: { -readonly [K in keyof ScheduleOptions]: string } = {};
  for (const [k, v] of values) options[k.slice(2) as keyof ScheduleOptions] = v;
  return { kind: "schedule", command, inputs, format: format as OutputFormat, color, options };
}

/** A decimal as market data and prices are written (no exponent); `signed` allows a leading minus. */
function validDecimal(text: string, signed: boolean): boolean {
  return (signed ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/).test(text);
}

/** Why a well-formed decimal option is beyond the input precision (decimal.ts's `INPUT_PRECISION`), or undefined. */
function precisionProblem(what: string, text: string): string | undefined {
  const r = parseInputDecimal(text);
  return r.ok || r.kind !== "precision-out-of-range" ? undefined : `${what}: precision-out-of-range: ${r.message}`;
}

const PRECISION_HINT = `numbers have at most ${INPUT_PRECISION.digits} significant digits and ${INPUT_PRECISION.scale} decimal places`;

/** An instant with seconds and an offset, as in market data (2026-03-27T16:00:00Z). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const SETTLE_VALUED = [
  "--contract",
  "--month",
  "--expiry",
  "--daily",
  "--prior",
  "--bid",
  "--ask",
  "--position",
  "--right",
  "--strike",
  "--determined",
  "--observations",
  "--fixings",
  "--format",
];
const INDEX_VALUED = ["--index", "--at", "--observations", "--fixings", "--format"];

function parseSettle(command: "settle" | "index", rest: readonly string[]): Invocation {
  const scanned = scanArgs(command, rest, {
    flags: [],
    valued: command === "settle" ? SETTLE_VALUED : INDEX_VALUED,
    hints: {
      "--format": "use `--format text` or `--format json`",
      "--position":
        "write the quantity and the traded price as QTY@PRICE, e.g. `--position 10@12.345`, or `--position -5@12.345` for a short position",
      "--right": "use `--right call` or `--right put`",
    },
  });
  if (isInvocation(scanned)) return scanned;
  const { inputs, values } = scanned;
  const format = values.get("--format") ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    return usageError(`unknown format \`${format}\``, command, didYouMean(format, FORMATS) ?? "use `text` or `json`");
  const bad = (message: string, hint?: string): Invocation => usageError(message, command, hint);
  const options: { -readonly [K in keyof SettleOptions]: SettleOptions[K] } = {};
  for (const [name, value] of values) {
    switch (name) {
      case "--month":
        if (!ISO_MONTH.test(value)) return bad(`\`--month\` needs a month YYYY-MM, not \`${value}\``);
        options.month = value;
        break;
      case "--expiry":
      case "--daily":
        if (!validDay(value)) return bad(`\`${name}\` needs a date YYYY-MM-DD, not \`${value}\``);
        options[name === "--expiry" ? "expiry" : "daily"] = value;
        break;
      case "--at":
        if (!validDay(value) && !(ISO_INSTANT.test(value) && validDay(value.slice(0, 10)))) {
          return bad(`\`--at\` needs an instant with an offset (2026-03-27T16:00:00Z) or a date YYYY-MM-DD, not \`${value}\``);
        }
        options.at = value;
        break;
      case "--prior":
      case "--bid":
      case "--ask":
      case "--strike":
        // A spread's price may be negative; a strike may not.
        if (!validDecimal(value, name !== "--strike")) return bad(`\`${name}\` needs a price such as 12.345, not \`${value}\``);
        {
          const tooPrecise = precisionProblem(`\`${name}\``, value);
          if (tooPrecise !== undefined) return bad(tooPrecise, PRECISION_HINT);
        }
        options[name.slice(2) as "prior" | "bid" | "ask" | "strike"] = value;
        break;
      case "--determined":
        if (!validDecimal(value, true)) return bad(`\`--determined\` needs a decimal value such as 12.345, not \`${value}\``);
        {
          const tooPrecise = precisionProblem("`--determined`", value);
          if (tooPrecise !== undefined) return bad(tooPrecise, PRECISION_HINT);
        }
        options.determined = value;
        break;
      case "--position": {
        const at = value.indexOf("@");
        const quantity = value.slice(0, at),
          price = value.slice(at + 1);
        if (at < 0 || !validDecimal(quantity, true) || !validDecimal(price, true)) {
          return bad(
            `\`--position\` needs QTY@PRICE, not \`${value}\``,
            "e.g. `--position 10@12.345` for 10 contracts bought at 12.345, `--position -5@12.3` for 5 sold",
          );
        }
        const tooPrecise = precisionProblem("`--position` quantity", quantity) ?? precisionProblem("`--position` price", price);
        if (tooPrecise !== undefined) return bad(tooPrecise, PRECISION_HINT);
        options.position = { quantity, price };
        break;
      }
      case "--right":
        if (value !== "call" && value !== "put")
          return bad(`\`--right\` is \`call\` or \`put\`, not \`${value}\``, didYouMean(value, ["call", "put"]));
        options.right = value;
        break;
      case "--contract":
      case "--index":
      case "--observations":
      case "--fixings":
        options[name.slice(2) as "contract" | "index" | "observations" | "fixings"] = value;
        break;
    }
  }
  if (inputs.length === 0) return bad(`missing the spec: a compiled .json spec, or .terms files or folders`);
  if (command === "index") {
    if (options.at === undefined)
      return bad(
        "missing `--at`",
        "the instant of the fixing, e.g. `--at 2026-03-27T16:00:00Z`, or a date for the index's publication time that day",
      );
    if (options.observations === undefined && options.fixings === undefined)
      return bad("missing `--observations FILE` (or `--fixings FILE`)");
  } else {
    if (options.contract === undefined)
      return bad(
        "missing `--contract`",
        "name the contract, e.g. `--contract FOTI --month 2026-12`, or give its symbol, e.g. `--contract FOTI-Z26`",
      );
    if (options.month !== undefined && options.expiry !== undefined)
      return bad("give `--month` or `--expiry`, not both", "`--month YYYY-MM` for monthly contracts, `--expiry YYYY-MM-DD` for weeklies");
    if ((options.right === undefined) !== (options.strike === undefined))
      return bad("an option needs both `--right call|put` and `--strike K`");
    if ((options.bid === undefined) !== (options.ask === undefined)) return bad("give both `--bid` and `--ask`, or neither");
    if (options.daily === undefined && (options.prior !== undefined || options.bid !== undefined)) {
      return bad(`\`${options.prior !== undefined ? "--prior" : "--bid"}\` is for a daily settlement: add \`--daily YYYY-MM-DD\``);
    }
  }
  return { kind: "settle", command, inputs, format: format as OutputFormat, options };
}
