/**
 * What JSON.parse does not say about a JSON text: whether an object writes a member name twice. JSON (RFC 8259
 * §4) leaves the meaning of repeated names to each reader: JavaScript keeps the last, other readers the first or
 * refuse, so a spec with a repeated name could settle differently at two exchanges that load the same bytes (and the
 * content hash, computed over what one reader kept, would not tell). The loader refuses such a text.
 */
import { pointerToken } from "./canonical.js";

interface Frame {
  readonly path: string;
  /** The names seen so far, for an object; undefined for an array. */
  readonly names: Set<string> | undefined;
  /** The next element's index (array) or the last name read (object). */
  index: number;
  name: string;
  expectName: boolean;
}

/**
 * The first member name an object of `text` repeats, with the JSON pointer of that member and its 1-based line;
 * undefined when there is none. `text` must be valid JSON (parse it first): the scan trusts its structure. One pass,
 * linear in the text.
 */
export function firstRepeatedName(text: string): { readonly path: string; readonly line: number } | undefined {
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return "";
    return `${top.path}/${top.names === undefined ? String(top.index) : pointerToken(top.name)}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ path: childPath(), names: c === 0x7b ? new Set() : undefined, index: 0, name: "", expectName: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.names === undefined) {
        if (top !== undefined) top.index++;
      } else top.expectName = true;
    } else if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (top?.names !== undefined && top.expectName) {
        const name = JSON.parse(text.slice(start, i + 1)) as string;
        top.name = name;
        top.expectName = false;
        if (top.names.has(name)) return { path: `${top.path}/${pointerToken(name)}`, line };
        top.names.add(name);
      }
    }
  }
  return undefined;
}
