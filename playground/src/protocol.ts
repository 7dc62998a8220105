/**
 * The messages between the page (main.ts) and the compiler worker (worker.ts). Every request carries an id; the
 * page keeps only the answer to its latest request of each kind, so a slow answer to an old edit is dropped.
 */
import type { CheckOutput, CompileOutput, Root, SettleOutput, SettleRequest } from "./session.js";

/** Market data as pasted text, or as an uploaded file read in pieces by the worker. */
export type MarketInput = { readonly name: string; readonly text: string } | { readonly name: string; readonly file: Blob };

/** From the page to the worker. */
export type Request =
  | { readonly type: "init"; readonly files: Readonly<Record<string, string>> }
  | { readonly type: "update"; readonly id: number; readonly root: Root; readonly asOf: string }
  | {
      readonly type: "settle";
      readonly id: number;
      readonly request: Omit<SettleRequest, "observations" | "fixings">;
      readonly observations?: MarketInput;
      readonly fixings?: MarketInput;
    };

/** From the worker to the page. */
export type Response =
  | { readonly type: "checked"; readonly id: number; readonly check: CheckOutput; readonly ms: number }
  | { readonly type: "compiled"; readonly id: number; readonly output: CompileOutput | undefined; readonly ms: number }
  | { readonly type: "settled"; readonly id: number; readonly result: SettleOutput }
  | { readonly type: "failed"; readonly id: number; readonly message: string };
