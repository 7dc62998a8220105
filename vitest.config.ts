/**
 * Vitest configuration of `npm test`: the tests live under test/ (scratch files elsewhere in a working copy, such
 * as scratch/, are never picked up). The browser tests have their own configuration (test/browser/).
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
  },
});
