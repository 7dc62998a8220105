/**
 * The `termsheet` executable's entry point (bundled to dist/cli.js): runs the CLI on the process's arguments with
 * the real System, and turns an unexpected exception into a short "internal error" report with exit code 3
 * instead of a stack trace (set TERMSHEET_DEBUG=1 to see the stack).
 */
import { z } from "zod";
import { ExitCode } from "./exit-codes.js";
import { runCli } from "./run.js";
import { nodeSystem } from "./system.js";

// A command runs once and exits: zod's compiled validators cost more to compile than they save in one run (about 6%
// of the CPU time of checking 1 MB, bench/hostile.mjs). The language server (`termsheet lsp`: the command is always
// the first argument, args.ts) is long-lived and keeps them. zod reads the setting when a schema is built, so it is
// set here, before the command's modules, which build the model's schemas, are imported (run.ts imports them lazily).
if (process.argv[2] !== "lsp") z.config({ jitless: true });

// A reader that goes away (`termsheet check specs | head`) is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), nodeSystem());
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `termsheet: internal error: ${message}\n` +
      "This is a bug in termsheet, not a problem in your files.\n" +
      "Please report it, with the command you ran and the files it read.\n",
  );
  if (process.env.TERMSHEET_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + "\n");
  process.exitCode = ExitCode.Internal;
}
