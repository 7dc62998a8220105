/**
 * The language service (src/service): editor features for `.terms` files over the public compiler API, with
 * LSP-shaped results. The LSP adapter (src/lsp) and any other client (a browser playground, tests) use it.
 */
export { LanguageService, toServiceDiagnostic, type FileDiagnostics, type ServiceHost } from "./service.js";
export { IncrementalParser } from "./incremental.js";
export * from "./types.js";
