/**
 * Vitest configuration of the browser tests (`npm run test:browser`; the playground test needs `npm run build:playground` first): they need Debian's `chromium` package and
 * are kept out of `npm test`, whose default file pattern does not match `*.browser.ts`.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/browser/**/*.browser.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
