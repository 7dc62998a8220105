/**
 * What the language service's feature modules (hover, completion, code actions, the preview) see of it, and how
 * it reaches files: interfaces only, so that those modules and service.ts, which calls them, do not import each other.
 */
import type { CheckResult, Host } from "../driver.js";
import type { ModelView } from "./model.js";
import type { ServiceDiagnostic } from "./types.js";

/** How the service reaches the files that are not open in the editor. */
export interface ServiceHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The path an import refers to, as the CLI resolves it. */
  resolveImport(fromFile: string, importPath: string): string;
  /** Every `.terms` file of the project, for references and rename in files that are not open. */
  listFiles?(): readonly string[];
  /** The files of the standard library (the standard calendars), for completion and the missing-import fix. */
  standardLibrary?(): readonly string[];
  /** The path to write in an import of `target` from `fromFile`; undefined when no import can reach it. */
  importPath?(fromFile: string, target: string): string | undefined;
}

/** What the feature modules (hover, completion, actions) see of the service. */
export interface ServiceContext {
  readonly host: ServiceHost;
  /** How imports resolve, as the driver resolves them: paths through the host, `std:` modules from its library. */
  readonly imports: Pick<Host, "resolveImport" | "standardModule">;
  /** The check of an open document. */
  checked(path: string): CheckResult;
  /** The compiled model of an open document's program, when it compiles (for the words of the readable contract). */
  model(path: string): ModelView | undefined;
  /** Names declared by the standard library, with their files. */
  standardNames(): ReadonlyMap<string, { readonly kind: string; readonly file: string; readonly title: string | undefined }>;
  /** The diagnostics of an open document, as published. */
  diagnostics(path: string): readonly ServiceDiagnostic[];
  /** The text of a file: the editor's when it is open, else the host's. */
  text(path: string): string | undefined;
}
