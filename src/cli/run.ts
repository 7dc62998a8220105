/**
 * The commands: acts on a parsed Invocation through a System and returns the exit code. Help, version and usage
 * errors are printed here; each command lives in its own module (compile-cmd.ts, …), loaded only when it runs, so
 * that `--help` and `--version` do not pay for the parser's start-up. main.ts supplies the real System and turns
 * unexpected exceptions into exit code 3.
 */
import { parseArgs, type Invocation } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { commandHelp, generalHelp, usageLine } from "./help.js";
import { packageFolder } from "./package-files.js";
import type { System } from "./system.js";
import { today } from "./today.js";

/** Runs the CLI on the arguments after `termsheet` and returns the exit code. */
export async function runCli(argv: readonly string[], sys: System): Promise<number> {
  return runInvocation(parseArgs(argv), sys);
}

async function runInvocation(inv: Invocation, sys: System): Promise<number> {
  switch (inv.kind) {
    case "help":
      sys.write("stdout", (inv.command === undefined ? generalHelp(sys.version) : commandHelp(inv.command)) + "\n");
      return ExitCode.Ok;
    case "version":
      sys.write("stdout", `termsheet ${sys.version}\n`);
      return ExitCode.Ok;
    case "usage-error": {
      const lines = [`termsheet: ${inv.message}`];
      if (inv.hint !== undefined) lines.push(`hint: ${inv.hint}`);
      lines.push(`usage: ${usageLine(inv.command)}`);
      lines.push(
        inv.command === undefined
          ? "Run `termsheet --help` for more."
          : `Run \`termsheet help ${inv.command}\` or \`termsheet --help\` for more.`,
      );
      sys.write("stderr", lines.join("\n") + "\n");
      return ExitCode.Usage;
    }
    case "compile": {
      if (inv.watch) return (await import("./watch.js")).watchCommand(inv, sys);
      // A repeated `check` is answered from the cache without loading the parser, when nothing it read changed; a
      // repeated `build`, when its output folder also holds what the last build wrote, leaves the folder as it is.
      const store = inv.cache ? sys.cacheStore?.() : undefined;
      if (store !== undefined) {
        const { cachedRun } = await import("./check-cache.js");
        const r = await cachedRun(inv, sys, store, async (recorded) => (await import("./compile-cmd.js")).compile(inv, recorded));
        if (sys.env("TERMSHEET_DEBUG")) sys.write("stderr", `termsheet: ${inv.command} cache ${r.outcome}\n`);
        return r.exit;
      }
      const { compile } = await import("./compile-cmd.js");
      return compile(inv, sys);
    }
    case "schedule": {
      // Each schedule command is its own module, loaded only when run.
      if (inv.command === "calendar") return (await import("./calendar-cmd.js")).calendarCommand(inv, sys);
      if (inv.command === "expiries") return (await import("./expiries-cmd.js")).expiriesCommand(inv, sys);
      if (inv.command === "sessions") return (await import("./sessions-cmd.js")).sessionsCommand(inv, sys);
      return (await import("./listed-cmd.js")).listedCommand(inv, sys);
    }
    case "format":
      return (await import("./fmt-cmd.js")).fmtCommand(inv, sys);
    case "document":
      // The legal and diff backends load the model (zod) and the compiler: only when these commands run.
      if (inv.command === "render" && inv.watch) return (await import("./watch.js")).watchCommand(inv, sys);
      if (inv.command === "render") return (await import("./render-cmd.js")).renderCommand(inv, sys);
      return (await import("./diff-cmd.js")).diffCommand(inv, sys);
    case "settle":
      // Market data and the settlement runtime: only for `settle` and `index`.
      return (await import("./settle-cmd.js")).settleCommand(inv, sys);
    case "price":
      return (await import("./price-cmd.js")).priceCommand(inv, sys);
    case "strikes":
      return (await import("./strikes-cmd.js")).strikesCommand(inv, sys);
    case "halts":
      // The halts of a price path: the settlement runtime and the observations reader, as `settle`.
      return (await import("./halts-cmd.js")).haltsCommand(inv, sys);
    case "sql":
      // The SQL backend, and DuckDB (an optional package) only when an engine runs.
      return (await import("./sql-cmd.js")).sqlCommand(inv, sys);
    case "init":
      return (await import("./init-cmd.js")).initCommand(inv, sys);
    case "lsp": {
      // The language server and vscode-languageserver: only for `lsp`. Today's date is the clock's, in UTC (today.ts).
      const { runStdioServer } = await import("../lsp/server.js");
      return runStdioServer({
        sys,
        today,
        standardLibrary: packageFolder(sys, "specs/calendars"),
      });
    }
  }
}
