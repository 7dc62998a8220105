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
  },
});
