/**
 * The library API keeps the import rule (issue 13): `checkSources` asks its Host for an imported file only when the
 * path ends in `.terms` (E2021 otherwise, without a read), reports the Host's refusals with their codes at the
 * import's path, and refuses a text longer than a source file may be, whatever the Host.
 */
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_BYTES } from "../src/base/source.js";
import { checkSources, type Host, type HostRefusal } from "../src/driver.js";

const CAL = "calendar C {\n  time zone Europe/London\n}\n";

function run(main: string, answer: (path: string) => string | undefined | HostRefusal) {
  const asked: string[] = [];
  const host: Host = {
    readFile(path) {
      asked.push(path);
      return answer(path);
    },
    resolveImport: (_from, path) => path,
  };
  const r = checkSources([{ path: "main.terms", text: main }], host);
  return { asked, codes: r.diagnostics.map((d) => `${d.code} ${d.span.start}-${d.span.end}`), result: r };
}

describe("checkSources and its Host", () => {
  it("refuses a path that does not end in .terms without asking the Host, even one that would answer", () => {
    const r = run('import C from "/etc/passwd"\nimport "notes.txt"\nimport ".terms"\n', () => "root:x:0:0:root:/root:/bin/bash\n");
    expect(r.asked).toEqual([]);
    expect(r.codes).toEqual(["E2021 14-27", "E2021 35-46", "E2021 54-62"]);
  });

  it("reports each refusal of the Host with its code at the import's path, and shows nothing of the file", () => {
    const refusals: [HostRefusal["refused"], string][] = [
      ["outside-project", "E2020"],
      ["not-terms-file", "E2021"],
      ["not-a-file", "E2022"],
      ["too-large", "E2023"],
    ];
    for (const [refused, code] of refusals) {
      const r = run('import C from "lib/c.terms"\n', () => ({ refused, reason: "a reason" }));
      expect(r.codes).toEqual([`${code} 14-27`]);
      expect(r.result.diagnostics[0]!.message).toBe("cannot import `lib/c.terms`: a reason");
      expect(r.result.sources.has("lib/c.terms")).toBe(false);
    }
  });

  it("reads what the Host gives, and refuses a text longer than a source file may be", () => {
    expect(run('import C from "lib/c.terms"\n', () => CAL).codes).toEqual([]);
    const huge = " ".repeat(MAX_SOURCE_BYTES + 1);
    const r = run('import C from "lib/c.terms"\n', () => huge);
    expect(r.codes).toEqual(["E2023 14-27"]);
  });

  it("lists at most twenty of the names a file declares when an imported name is not one of them", () => {
    const lib = Array.from({ length: 1_000 }, (_, k) => `calendar L${k} {\n  time zone Europe/London\n}\n`).join("");
    const names = Array.from({ length: 50 }, (_, k) => `X${k}`).join(", ");
    const r = run(`import ${names} from "lib.terms"\n`, () => lib);
    expect(r.codes.length).toBe(50);
    for (const d of r.result.diagnostics)
      expect(d.notes).toEqual([`lib.terms declares ${Array.from({ length: 20 }, (_, k) => `\`L${k}\``).join(", ")} and 980 more`]);
  });
});
