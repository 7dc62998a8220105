// The package as a user gets it (run by .ci/run): `npm pack` (which builds dist/ and the declarations), the
// tarball installed into a new project with nothing else, then a TypeScript file that imports the package's main
// entry and `termsheet/node` is type-checked with `tsc --strict` (the repository's TypeScript, without skipLibCheck)
// and run. Prints the packed, unpacked and installed sizes, and that the install holds no other package and ran
// no install script.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tmp = mkdtempSync(join(tmpdir(), "termsheet-consumer-"));

function du(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

try {
  // Lifecycle scripts may print on stdout too: the JSON report is the array at the end.
  const report = execFileSync(npm, ["pack", "--json", "--pack-destination", tmp], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [packed] = JSON.parse(report.slice(report.search(/^\[/m)));
  const project = join(tmp, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  const install = execFileSync(npm, ["install", "--no-audit", "--no-fund", join(tmp, packed.filename)], {
    cwd: project,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const installed = readdirSync(join(project, "node_modules")).filter((n) => !n.startsWith("."));
  if (installed.join(",") !== "termsheet") throw new Error(`the install holds more than termsheet: ${installed.join(", ")}`);
  if (/install-scripts|prepare/.test(install)) throw new Error(`the install mentions install scripts:\n${install}`);

  mkdirSync(join(project, "specs"));
  writeFileSync(
    join(project, "specs", "cal.terms"),
    'calendar LON "London" {\n  time zone Europe/London\n  weekend Saturday, Sunday\n  holiday "Christmas Day" on 25 December observed on the next weekday\n}\n',
  );
  writeFileSync(
    join(project, "consumer.ts"),
    `import { readFileSync } from "node:fs";
import {
  checkSources,
  compileSources,
  isoSchedule,
  loadSpec,
  parseIsoDate,
  renderDiagnostics,
  sourceLookup,
  type Diagnostic,
  type Model,
  type Spec,
} from "termsheet";
import { nodeHost } from "termsheet/node";

const path = "specs/cal.terms";
const checked = checkSources([{ path, text: readFileSync(path, "utf8") }], nodeHost());
const errors: readonly Diagnostic[] = checked.diagnostics;
console.log(renderDiagnostics(errors, sourceLookup(checked.sources.values())) || "no problems");
const compiled = compileSources([{ path, text: readFileSync(path, "utf8") }], nodeHost(), { compilerVersion: "consumer" });
const spec: Spec = loadSpec(compiled.files[0]!.text);
const cal: Model.Calendar | undefined = spec.calendars["LON"];
const holidays = isoSchedule(spec).holidays("LON", "2027-12-20", "2028-01-05");
if (!holidays.ok) throw new Error(holidays.error.kind);
const days: string[] = holidays.value.map((h) => h.date);
console.log(cal?.timeZone, days.join(" "), parseIsoDate("2027-12-27"));
`,
  );
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const typeRoots = join(root, "node_modules", "@types");
  execFileSync(
    process.execPath,
    [
      tsc,
      "--strict",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--types",
      "node",
      "--typeRoots",
      typeRoots,
      "--outDir",
      "out",
      "consumer.ts",
    ],
    { cwd: project, stdio: "inherit" },
  );
  const run = execFileSync(process.execPath, [join("out", "consumer.js")], { cwd: project, encoding: "utf8" });
  // By hand: Christmas Day 2027 is a Saturday, observed on Monday 27 December 2027; 2028-01-01 is epoch day
  // 58 × 365 + 14 leap days (1972–2024) = 21184, so 27 December 2027 is 21179.
  if (!run.includes("no problems") || !run.includes("Europe/London 2027-12-27 21179")) throw new Error(`unexpected output:\n${run}`);
  const kb = (b) => `${(b / 1e6).toFixed(2)} MB`;
  console.log(
    `consumer test passed: packed ${kb(packed.size)}, unpacked ${kb(packed.unpackedSize)}, installed node_modules ${kb(du(join(project, "node_modules")))} (${installed.length} package)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
