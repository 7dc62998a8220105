/**
 * A 12-hour clock time where the language wants a 24-hour time and an IANA zone: `at 4:00 pm New York`. The parser
 * reads `pm` as the zone and skips the words after it (syntax/first-mistakes.ts); the names check reports the whole
 * time once, here, with what to write instead: the time on the 24-hour clock and the IANA zone the words name.
 */
import type { SourceFile } from "../base/source.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import { knownTimeZones } from "../runtime/calendar/index.js";
import type { TimeLit, ZoneRef } from "../syntax/ast.js";
import { isMeridiem } from "../syntax/first-mistakes.js";

/** The diagnostic for `time zone` being `am` or `pm` after `time`, or undefined when the zone is something else. */
export function clockTimeDiagnostic(
  time: TimeLit | undefined,
  zone: ZoneRef,
  source: SourceFile | undefined,
  context: readonly string[],
): Diagnostic | undefined {
  if (!isMeridiem(zone.name) || time === undefined) return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.raw);
  const hours = m === null ? NaN : Number(m[1]);
  const pm = zone.name.toLowerCase().startsWith("p");
  const h24 = hours === 12 ? (pm ? 12 : 0) : pm ? hours + 12 : hours;
  const time24 = m === null || hours > 12 ? undefined : `${String(h24).padStart(2, "0")}:${m[2]}${m[3] ? `:${m[3]}` : ""}`;
  // The words after `pm` on its line, up to a comma: a city, as in `New York`.
  let end = zone.span.end;
  let city: string | undefined;
  if (source !== undefined) {
    const rest = /^[ \t]+([A-Z][A-Za-z_-]*(?:[ \t]+[A-Z][A-Za-z_-]*)*)/.exec(source.text.slice(zone.span.end, zone.span.end + 80));
    if (rest !== null) {
      city = rest[1]!;
      end = zone.span.end + rest[0].length;
    }
  }
  const wanted = city?.replace(/[ \t]+/g, "_").toLowerCase();
  const iana = wanted === undefined ? undefined : knownTimeZones().find((z) => z.toLowerCase().endsWith(`/${wanted}`));
  const written = source === undefined ? `${time.raw} ${zone.name}` : source.text.slice(time.span.start, end);
  const hint =
    time24 !== undefined && iana !== undefined
      ? `write \`${time24} ${iana}\``
      : `write the time on the 24-hour clock followed by an IANA time zone, as in \`${time24 ?? "16:00"} ${iana ?? "America/New_York"}\``;
  return diag(
    Codes.UnknownTimeZone,
    { file: zone.span.file, start: time.span.start, end },
    `\`${written}\` is not a time the language reads: times are written on the 24-hour clock with an IANA time zone`,
    {
      context,
      hint,
    },
  );
}
