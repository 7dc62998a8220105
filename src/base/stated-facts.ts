/**
 * The facts a piece of prose states — percentages, amounts of money with their unit, counts of things, durations,
 * times of day (with their zone, and whether they are a deadline) and calendar dates — and the comparison of an
 * author's description with the terms it describes. Shared by the checker (a warning when a description states a
 * fact of a kind its statement states too, with another value: the statement's source text is the terms) and by
 * the legal and diff backends (the generated sentences of a clause are the terms). Pure; linear in the text.
 */

/** One stated fact: its kind key (what it is comparable with) and its normalised value, with where it was said. */
export interface StatedFact {
  /** e.g. "percent", "money USD per 1M tokens", "count business day", "duration", "time at london", "date". */
  readonly key: string;
  /** Normalised: a canonical decimal, seconds, "HH:MM:SS" or an ISO date. */
  readonly value: string;
  /** The words as written, for messages. */
  readonly text: string;
  /** Offsets of the words in the text (end-exclusive). */
  readonly start: number;
  readonly end: number;
}

/** A description's fact that the terms contradict: the terms state facts of that kind, none with this value. */
export interface FactConflict {
  readonly stated: StatedFact;
  /** The facts of the same kind that the terms state. */
  readonly terms: readonly StatedFact[];
}

const CURRENCY = "(USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|HKD|SGD|KRW|INR)";
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const NUMBER = "([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?)";
const PER_UNIT = "(?:\\s+per\\s+((?:1[KMB]|[0-9][0-9,]*|one|a)?\\s*(?:million\\s+|thousand\\s+)?[A-Za-z][A-Za-z-]*))?";

/** A decimal as a canonical string: no thousands separators, no trailing fractional zeros. */
function canonical(n: string): string {
  let s = n.replace(/,/g, "");
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  s = s.replace(/^0+(?=[0-9])/, "");
  return s === "" ? "0" : s;
}

/** A unit after "per", normalised so that "1M tokens", "1 million tokens", "million tokens" compare equal. */
function perUnit(u: string | undefined): string {
  if (u === undefined) return "";
  let s = u.toLowerCase().trim();
  s = s.replace(/^(one|a)\s+/, "1 ");
  s = s.replace(/^1m\s*|^1\s*million\s+|^million\s+/, "1000000 ");
  s = s.replace(/^1k\s*|^1\s*thousand\s+|^thousand\s+|^1,000\s+|^1000\s+/, "1000 ");
  s = s.replace(/^1\s+/, "");
  s = s.replace(/s$/, "");
  return ` per ${s.trim()}`;
}

/** A place as named in a time ("London time", "Europe/London", "New York time", "America/New_York"), lower case. */
function place(z: string | undefined): string | undefined {
  if (z === undefined) return undefined;
  const s = z.trim();
  if (/^(UTC|GMT)$/i.test(s)) return "utc";
  const last = s.slice(s.lastIndexOf("/") + 1).replace(/_/g, " ");
  return last.replace(/\s+time$/i, "").toLowerCase();
}

const DURATION_SECONDS: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600 };
const COUNT_NOUNS = /^(business day|calendar day|day|contract|source|eligible source|trade|interval|month|week)s?$/i;

/**
 * Every fact a text states. Counts are the numbers written before a noun of things the terms count (business days,
 * contracts, sources, trades); a number written in words ("two") is not a fact here.
 */
export function statedFacts(text: string): StatedFact[] {
  const out: StatedFact[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (key: string, value: string, start: number, end: number) => {
    if (!free(start, end)) return;
    taken.push([start, end]);
    out.push({ key, value, text: text.slice(start, end), start, end });
  };
  let m: RegExpExecArray | null;
  // Dates: "1 January 2026", "2026-01-01"; after "from" or "until" they bound when a rule is in force.
  const dates = new RegExp(
    `\\b(?:(from|until|effective from|effective until)\\s+)?(?:([0-9]{1,2})\\s+(${MONTHS.join("|")})\\s+([0-9]{4})\\b|\\b([0-9]{4})-([0-9]{2})-([0-9]{2})\\b)`,
    "gi",
  );
  while ((m = dates.exec(text)) !== null) {
    const iso =
      m[5] !== undefined
        ? `${m[5]}-${m[6]}-${m[7]}`
        : `${m[4]}-${String(MONTHS.indexOf(m[3]!.toLowerCase()) + 1).padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
    const role = m[1] === undefined ? "" : m[1].toLowerCase().endsWith("from") ? " from" : " until";
    add(`date${role}`, iso, m.index + m[0].search(/[0-9]/), m.index + m[0].length);
  }
  // Times: "16:00", "4:00 p.m.", "16:00:00", with a zone after them and "by"/"until" before them (a deadline).
  const times =
    /\b(by|until|no later than|before)?\s*\b([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?(\s*[ap]\.?m\.?)?(?:\s+((?:UTC|GMT)\b|[A-Z][a-z]+(?:[/_ ][A-Z][A-Za-z_]+)*(?:\s+time)?))?/g;
  while ((m = times.exec(text)) !== null) {
    let h = Number(m[2]);
    const ampm = m[5]?.trim().toLowerCase();
    if (ampm?.startsWith("p") && h < 12) h += 12;
    if (ampm?.startsWith("a") && h === 12) h = 0;
    const value = `${String(h).padStart(2, "0")}:${m[3]}:${m[4] ?? "00"}`;
    const zone = m[6] !== undefined && /time$|\/|^(UTC|GMT)$/.test(m[6]) ? place(m[6]) : undefined;
    const role = m[1] === undefined ? "at" : "by";
    const start = m.index + m[0].indexOf(m[2]!, m[1] === undefined ? 0 : m[1].length);
    add(`time ${role}${zone === undefined ? "" : ` ${zone}`}`, value, start, m.index + m[0].length);
  }
  // Money: "USD 0.001 per 1M tokens", "0.001 USD per 1M tokens", "USD 1.00 per contract".
  const money = new RegExp(`\\b${CURRENCY}\\s?${NUMBER}${PER_UNIT}|\\b${NUMBER}\\s?${CURRENCY}\\b${PER_UNIT}`, "g");
  while ((m = money.exec(text)) !== null) {
    const cur = m[1] ?? m[5]!;
    const amount = m[2] ?? m[4]!;
    const unit = m[3] ?? m[6];
    add(`money ${cur}${perUnit(unit)}`, canonical(amount), m.index, m.index + m[0].length);
  }
  // Percentages: "25%", "0.10 %".
  const percent = new RegExp(`${NUMBER}\\s?%`, "g");
  while ((m = percent.exec(text)) !== null) add("percent", canonical(m[1]!), m.index, m.index + m[0].length);
  // Durations and counts: "60 minutes", "5 London business days", "3 eligible sources", "2,000 contracts".
  const counted = new RegExp(`${NUMBER}\\s+(?:[A-Z][a-z]+\\s+)?([a-z]+(?:\\s+[a-z]+)?)`, "g");
  while ((m = counted.exec(text)) !== null) {
    const words = m[2]!.split(/\s+/);
    const nounAt = m.index + m[0].length - m[2]!.length;
    for (const n of [words.join(" "), words[0]!]) {
      const singular = n.replace(/s$/, "");
      const end = nounAt + n.length;
      if (Object.hasOwn(DURATION_SECONDS, singular)) {
        add("duration", String(Number(canonical(m[1]!)) * DURATION_SECONDS[singular]!), m.index, end);
        break;
      }
      if (COUNT_NOUNS.test(n)) {
        add(`count ${singular.replace(/^eligible /, "")}`, canonical(m[1]!), m.index, end);
        break;
      }
    }
  }
  // Any other figure, as a bare number: a figure the terms write without its unit ("at or below 0.1") still states it.
  const bare = new RegExp(`(?<![\\w.:/-])${NUMBER}(?![\\w:/-]|\\.[0-9])`, "g");
  while ((m = bare.exec(text)) !== null) add("number", canonical(m[1]!), m.index, m.index + m[0].length);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The facts of `description` that `terms` contradict: for each kind of fact the terms state, a fact of that kind in
 * the description whose value none of the terms' facts of that kind has. Kinds the terms do not state are not
 * compared (a description may add what the terms leave to other rules), nor a figure the terms write as a bare number
 * (a tier bound "at or below 0.1" states USD 0.1 per 1M tokens); a time is compared with the terms' times of
 * the same role (a deadline with deadlines) and the same zone (or both without one).
 */
export function descriptionConflicts(description: string, terms: string): readonly FactConflict[] {
  // A memo of a pure function (an editor checks every description on every keystroke), bounded by its entries.
  const key = `${description}\u0000${terms}`;
  const known = conflictMemo.get(key);
  if (known !== undefined) return known;
  const out = conflictsOf(description, terms);
  if (conflictMemo.size >= 4096) conflictMemo.clear();
  conflictMemo.set(key, out);
  return out;
}

const conflictMemo = new Map<string, readonly FactConflict[]>();

function conflictsOf(description: string, terms: string): FactConflict[] {
  const mine = statedFacts(description);
  const theirs = statedFacts(terms);
  const out: FactConflict[] = [];
  const bare = new Set(theirs.filter((t) => t.key === "number").map((t) => t.value));
  for (const f of mine) {
    // A date on its own (a holiday, the day markets reopened) is not a term; a date a rule is in force from or until is.
    if (f.key === "number" || f.key === "date") continue;
    const same = theirs.filter((t) => comparable(f.key, t.key));
    if (same.length === 0 || bare.has(f.value)) continue;
    if (!same.some((t) => t.value === f.value)) out.push({ stated: f, terms: same });
  }
  return out;
}

function comparable(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith("time ") || !b.startsWith("time ")) return false;
  const [, ra, za] = a.split(" ", 3) as [string, string, string | undefined];
  const [, rb, zb] = b.split(" ", 3) as [string, string, string | undefined];
  // A time without its zone is compared only with times without theirs: "11:00" in "in New York this is 11:00"
  // is not a London time.
  return ra === rb && za === zb;
}
