/**
 * TypeScript types of generated literals, for the `.d.ts` beside each generated module: the structural type of a
 * plain JSON value (`{ readonly "amount": string; … }`), with string-literal types where the exact text is the
 * point (a constant's declared value). Built with the same safe builder as the code: keys and string-literal types
 * are JSON string literals, never pasted text.
 */
import { Code, CodegenError, js, join, str, type Literal } from "./code.js";

/** The structural type of a plain JSON value; arrays become readonly arrays of the union of their element types. */
export function typeOf(value: Literal): Code {
  if (value === null) return js`null`;
  switch (typeof value) {
    case "string":
      return js`string`;
    case "number":
      return js`number`;
    case "boolean":
      return js`boolean`;
    case "undefined":
      return js`undefined`;
    case "object": {
      if (Array.isArray(value)) {
        const items = union((value as readonly Literal[]).map(typeOf));
        return (value as readonly Literal[]).length === 0 ? js`readonly never[]` : js`readonly (${items})[]`;
      }
      const record = value as { readonly [key: string]: Literal };
      const members = Object.keys(record).map((k) => js`readonly ${str(k)}: ${typeOf(record[k])};`);
      return members.length === 0 ? js`{}` : js`{ ${join(members, js` `)} }`;
    }
    default:
      throw new CodegenError(`no type for a ${typeof value}`);
  }
}

/** The union of types, each once, in first-seen order. */
export function union(types: readonly Code[]): Code {
  const seen = new Set<string>();
  const out: Code[] = [];
  for (const t of types) {
    const text = t.toString();
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(t);
  }
  return out.length === 0 ? js`never` : join(out, js` | `);
}
