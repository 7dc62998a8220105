/**
 * Today's date: the one place the CLI reads the clock for a date (the default `--as-of` of `render` and `diff`).
 */

/** Today's date in UTC, YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
