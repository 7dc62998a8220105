/**
 * How the pipeline reaches source files (the Host) and why a host refuses one (HostRefusal): the driver reads
 * through it, and the checks of imports and symbols ask it about imported files. Its own module so that the checks
 * need not import the driver that calls them.
 */
import type { SourceFile } from "../base/source.js";
import type { ParseResult } from "../syntax/parse.js";
import type { ValidationMemo } from "../model/validation-memo.js";

/**
 * Why a host will not read an imported file, each its own diagnostic: the file lies outside the project (E2020), is
 * not a `.terms` file (E2021, for instance a symbolic link named `x.terms` to another file), is not a regular file
 * (E2022: a folder, a device, a pipe) or is too large (E2023). `reason` completes "cannot import `x`: …" and
 * `notes` explain the rule; neither may quote the file's content.
 */
export interface HostRefusal {
  readonly refused: "outside-project" | "not-terms-file" | "not-a-file" | "too-large";
  readonly reason: string;
  readonly notes?: readonly string[];
}

/**
 * How the driver reaches source files: paths are as the user wrote them, joined with `/`. The host decides which
 * files an import may read (the CLI's reads only regular `.terms` files of at most MAX_SOURCE_BYTES inside the
 * project folder or the standard library, symbolic links resolved); the driver itself refuses, before asking the
 * host, an import whose path does not end in `.terms`.
 */
export interface Host {
  /** The text of a file; undefined when it does not exist or cannot be read; a refusal when the host will not read it. */
  readFile(path: string): string | undefined | HostRefusal;
  /** The path an import refers to, relative to the importing file (a pure path computation). */
  resolveImport(fromFile: string, importPath: string): string;
  /**
   * The files of a standard-library module (`calendars` for `import NYSE from "std:calendars"`), as paths readFile
   * takes; undefined when the host has no such module. A host without it has no standard library: see
   * check/imports.ts, where the modules are defined.
   */
  standardModule?(module: string): readonly string[] | undefined;
  /** Parses a file; `parse` by default. The language service passes an incremental parser with the same results. */
  parse?(source: SourceFile): ParseResult;
  /**
   * Declarations validated by earlier checks, looked up instead of validated again: the language service keeps one
   * across its checks. Without it each check validates every lowered declaration afresh.
   */
  readonly validated?: ValidationMemo;
}
