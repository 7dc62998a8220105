/**
 * Vitest configuration of `npm test`: the tests live under test/ (scratch files elsewhere in a working copy, such
 * as scratch/, are never picked up), and dist/ is brought up to date once before they run. The browser tests have their own configuration (test/browser/).
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ once when stale, so that test files running the CLI never rebuild it concurrently.
    globalSetup: ["test/global-setup.ts"],
    // The machine running `npm test` is often shared (2 cores, other jobs): a test that takes 1 s alone may take
    // 10 s then. The limit is for a hung test, not a slow one; speed is measured in bench/, never asserted here.
    testTimeout: 30_000,
    // The test files of a worker share its module graph instead of each importing the compiler afresh (half the
    // wall time of `npm test` was the imports of each file). Safe because the code under test is pure: its only
    // module-level state is bounded caches keyed by their inputs, and a test file that sets global state resets it
    // (test/runtime/numbers/decimal.test.ts, fast-check's global configuration).
    isolate: false,
  },
});
