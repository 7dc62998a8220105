/**
 * The compiler's web worker: receives the bundled example files once, then for each edit checks the file and posts
 * its diagnostics at once (the editor shows them), and only then compiles it and posts the specs, the readable
 * contracts and the schedules; runs settlements on pasted or uploaded market data (an uploaded file is decoded and
 * pushed into the runtime's streaming parser piece by piece, as the CLI streams a file). All work is session.ts's.
 */
import type { MarketInput, Request, Response } from "./protocol.js";
import { Session, endObservations } from "./session.js";

declare const __TERMSHEET_VERSION__: string;

/** The part of the worker global scope used here (the DOM library types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}
const scope = self as unknown as WorkerScope;

let session: Session | undefined;
/** The latest update: a queued update that is no longer the latest is skipped. */
let latest = 0;

const post = (message: Response): void => scope.postMessage(message);

scope.onmessage = (event) => {
  const request = event.data;
  switch (request.type) {
    case "init":
      session = new Session(new Map(Object.entries(request.files)), __TERMSHEET_VERSION__);
      return;
    case "update":
      latest = request.id;
      // Let newer messages arrive first: a burst of keystrokes compiles once.
      setTimeout(() => update(request), 0);
      return;
    case "settle":
      settle(request).catch((e: unknown) => post({ type: "failed", id: request.id, message: String((e as Error)?.message ?? e) }));
      return;
  }
};

function update(request: Extract<Request, { type: "update" }>): void {
  if (session === undefined || request.id !== latest) return;
  try {
    let t = performance.now();
    const check = session.check(request.root);
    post({ type: "checked", id: request.id, check, ms: performance.now() - t });
    if (check.summary.errors > 0) {
      post({ type: "compiled", id: request.id, output: undefined, ms: 0 });
      return;
    }
    t = performance.now();
    const compiled = session.compile(request.root, request.asOf);
    // A file that checks clean can still fail to compile (an internal error of the model): say so as `build` does.
    if (compiled.output === undefined) post({ type: "checked", id: request.id, check: compiled.check, ms: 0 });
    post({ type: "compiled", id: request.id, output: compiled.output, ms: performance.now() - t });
  } catch (e) {
    post({ type: "failed", id: request.id, message: String((e as Error)?.message ?? e) });
  }
}

async function settle(request: Extract<Request, { type: "settle" }>): Promise<void> {
  if (session === undefined) return;
  // Fixings are few and read whole, as the CLI reads a fixings file.
  const fixings = request.fixings === undefined ? undefined : await textOf(request.fixings);
  const input = request.observations;
  if (input !== undefined && "file" in input) {
    // An uploaded observations file is streamed through the push parser, never held as one string.
    const parser = session.observationParser(request.request.contract, input.name);
    const reader = input.file.stream().pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
      if (parser.full) {
        await reader.cancel();
        break;
      }
    }
    const read = endObservations(parser);
    const result = read.ok
      ? session.settle({ ...request.request, ...(fixings !== undefined ? { fixings } : {}) }, read.value)
      : { ok: false, certificate: "", problems: read.problems };
    post({ type: "settled", id: request.id, result });
    return;
  }
  const result = session.settle({
    ...request.request,
    ...(input !== undefined ? { observations: input } : {}),
    ...(fixings !== undefined ? { fixings } : {}),
  });
  post({ type: "settled", id: request.id, result });
}

async function textOf(input: MarketInput): Promise<{ name: string; text: string }> {
  return "text" in input ? input : { name: input.name, text: await input.file.text() };
}
