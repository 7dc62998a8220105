// The floor of reading a market-data file in Node, run by bench/peers.mjs in a fresh process: `bytes` streams the file
// in 1 MiB pieces and finds every line break in the bytes (no string at all); `lines` also decodes each piece as
// UTF-8 and cuts it into one string per line, as a plain line splitter does. Prints the number of lines.
import { closeSync, openSync, readSync } from "node:fs";

const [mode, path] = process.argv.slice(2);
const fd = openSync(path, "r");
const buffer = Buffer.allocUnsafe(1 << 20);
let lines = 0;
let chars = 0;
if (mode === "bytes") {
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    const piece = buffer.subarray(0, n);
    for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1)) lines++;
  }
} else {
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, null);
    const text = carry + (n === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, n), { stream: true }));
    let start = 0;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
      chars += text.slice(start, i).length;
      lines++;
      start = i + 1;
    }
    carry = text.slice(start);
    if (n === 0) break;
  }
}
closeSync(fd);
process.stdout.write(`${lines} ${chars}\n`);
