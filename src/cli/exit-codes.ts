/**
 * The CLI's exit codes, as documented in the help, the README and ARCHITECTURE.md.
 */

/** What `termsheet` returns to the shell. */
export const ExitCode = {
  /** No errors; warnings are allowed. */
  Ok: 0,
  /** Errors in the sources, or an input that cannot be read. */
  UserError: 1,
  /** Unknown command or option, missing argument. */
  Usage: 2,
  /** A bug in termsheet. */
  Internal: 3,
} as const;
