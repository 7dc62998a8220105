/**
 * The playground's shareable links: the edited file's path and text travel in the URL fragment (never sent to a
 * server), the text compressed with the platform's CompressionStream (raw DEFLATE) and written in base64url, as
 * `#path=specs/contracts/foti.terms&src=…`. An unedited example is just `#example=specs/contracts/foti.terms`.
 * A link is untrusted input: decoding stops past {@link MAX_SOURCE_BYTES} and any malformed link is refused.
 */

/** The largest source a link may carry once decompressed (the largest example is about 13 kB). */
export const MAX_SOURCE_BYTES = 1 << 20;

/** What a link carries. */
export type Shared =
  { readonly kind: "example"; readonly path: string } | { readonly kind: "source"; readonly path: string; readonly text: string };

/** Why a link could not be read. */
export interface ShareError {
  readonly kind: "share-error";
  readonly message: string;
}

/** The URL fragment (without `#`) for an example or an edited source. */
export async function encodeShare(shared: Shared): Promise<string> {
  if (shared.kind === "example") return `example=${encodeURIComponent(shared.path)}`;
  const bytes = await transform(new TextEncoder().encode(shared.text), new CompressionStream("deflate-raw"), Infinity);
  return `path=${encodeURIComponent(shared.path)}&src=${toBase64Url(bytes!)}`;
}

/** Reads a URL fragment (with or without `#`); undefined for an empty fragment. */
export async function decodeShare(fragment: string): Promise<Shared | ShareError | undefined> {
  const params = new URLSearchParams(fragment.startsWith("#") ? fragment.slice(1) : fragment);
  const example = params.get("example");
  if (example !== null) return { kind: "example", path: example };
  const src = params.get("src");
  if (src === null) return undefined;
  const path = params.get("path") ?? "playground.terms";
  const compressed = fromBase64Url(src);
  if (compressed === undefined) return { kind: "share-error", message: "the link's source is not valid base64url" };
  try {
    const bytes = await transform(compressed, new DecompressionStream("deflate-raw"), MAX_SOURCE_BYTES);
    if (bytes === undefined) return { kind: "share-error", message: `the link's source is larger than ${MAX_SOURCE_BYTES} bytes` };
    return { kind: "source", path, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "share-error", message: "the link's source is damaged (it does not decompress to UTF-8 text)" };
  }
}

/** Pipes bytes through a (de)compression stream; undefined as soon as the output exceeds `limit` bytes. */
async function transform(
  input: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  // Written without awaiting: the reader below drains the output, and a write that fails also fails the read.
  writer
    .write(input)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Bytes as base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** base64url (padded or not) to bytes; undefined when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
