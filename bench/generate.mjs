// Generates a realistic, deterministic .terms file of exactly N lines (default 10,000) for the throughput
// benchmark: groups of a calendar with holidays, an index with sources and a methodology, and a future with
// daily settlement and a fallback waterfall, each group referring to its own calendar and index.

const ZONES = ["Europe/London", "America/New_York", "America/Chicago", "Asia/Tokyo", "Europe/Paris", "Asia/Singapore"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const ORDINALS = ["first", "second", "third", "fourth", "last"];
const MODES = ["half-even", "half-up", "half-down"];

/** A small deterministic generator (a linear congruential sequence), so every run checks the same text. */
function sequence(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function calendar(k, rnd, zone) {
  const lines = [
    `calendar CAL_${k} "Exchange calendar ${k}" {`,
    `  description "Business days of trading venue ${k}."`,
    `  clause "Rule ${k}.1"`,
    `  time zone ${zone}`,
    `  weekend Saturday, Sunday`,
    `  holiday "New Year's Day" on 1 January, observed Saturday as Friday, Sunday as Monday`,
    `  holiday "Good Friday" on 2 days before Easter`,
    `  holiday "Easter Monday" on 1 day after Easter`,
  ];
  const n = 4 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const m = MONTHS[(k + i * 3) % 12];
    lines.push(
      `  holiday "Holiday ${k}-${i}" on the ${ORDINALS[(k + i) % 5]} ${WEEKDAYS[(k + 2 * i) % 5]} of ${m} from ${1990 + ((k + i) % 20)}`,
    );
    if (i % 3 === 2) lines.push(`    description "A rule adopted in ${1990 + ((k + i) % 20)}."`);
  }
  lines.push(`  holiday "Christmas Day" on 25 December observed on the next weekday`);
  lines.push(`  holiday "Closure ${k}" on 20${String(10 + (k % 15)).padStart(2, "0")}-0${1 + (k % 9)}-1${k % 10}`);
  lines.push("}");
  return lines;
}

function index(k, rnd, zone) {
  const sources = 3 + (k % 4);
  const lines = [
    `index IDX_${k} "Token price index ${k}" {`,
    `  description "The price of one million output tokens from ${sources} providers."`,
    `  administrator "Benchmark Administrator ${k % 7} Ltd."`,
    `  quoted in USD per 1M tokens`,
    `  methodology version "1.${k % 5}" effective from 2025-01-01`,
  ];
  for (let s = 0; s < sources; s++) {
    lines.push(`  source SRC_${k}_${s} "Provider ${s}" {`);
    lines.push(`    models "model-${s}-large", "model-${s}-medium"`);
    lines.push(s % 2 === 0 ? `    quoted in USD per 1M tokens` : `    quoted in USD per 1K tokens`);
    lines.push("  }");
  }
  lines.push(
    `  exclude sources deviating more than ${20 + (k % 10)}% from the median of the others`,
    `  exclude sources stale for more than ${30 + (k % 4) * 15} minutes`,
    `  minimum sources 3`,
    `  aggregate sources by median`,
    `    description "With an even number of sources, the mean of the two middle values."`,
    `  extreme moves above ${20 + (k % 4) * 10}% ${k % 2 === 0 ? "held" : "flagged"}`,
    `  round to 0.0001 ${MODES[k % 3]}`,
    `  publish on business days of CAL_${k} at 16:00 ${zone}`,
    `  restate same day if change exceeds 0.10%`,
    "}",
  );
  return lines;
}

function future(k, n, rnd, zone) {
  const alt = (k + 1) % n;
  const weekday = k % 3 === 0 ? "Friday" : "Thursday";
  return [
    `future FUT_${k} "Token price futures ${k}" {`,
    `  description "Cash-settled futures on IDX_${k}; one contract is 1,000 million tokens."`,
    `  clause "Chapter ${1100 + k}"`,
    `  underlying index IDX_${k}`,
    `  contract unit 1000 million tokens`,
    `  price quoted in USD per 1M tokens`,
    `  tick 0.001 USD per 1M tokens`,
    `    clause "${1100 + k}.C Price Increments"`,
    `  spread tick 0.0005 USD per 1M tokens`,
    `  listing ${3 + (k % 6)} consecutive months plus the nearest 2 months in December`,
    `  last trading day is the last ${weekday} of the contract month, adjusted preceding on CAL_${k}`,
    `  trading terminates at 16:00 ${zone}`,
    `  final settlement in cash at IDX_${k} at 16:00 ${zone} on the last trading day, rounded to 0.001 half-even`,
    `  daily settlement {`,
    `    1. vwap of trades from 15:58 inclusive to 16:00 exclusive ${zone}, rounded to the tick half-toward-prior`,
    `    2. midpoint of bid and offer at 16:00 ${zone}, rounded to the tick half-toward-prior`,
    `    3. carry forward the prior settlement`,
    `  }`,
    `  price limits 10%, 20%, 30% of the prior settlement`,
    `  position limit ${1000 + (k % 5) * 500} contracts in the spot month`,
    `  fallback {`,
    `    disruption if not-published by 18:00 ${zone}`,
    `    disruption if too-few-sources`,
    `    1. postpone up to 2 business days on CAL_${k} for not-published, too-few-sources`,
    `    2. use index IDX_${alt}`,
    `    3. carry forward the last published value, flagged if published within 5 business days`,
    `    4. determined by the exchange`,
    `  }`,
    "}",
  ];
}

/** The text of a generated file with exactly `lines` lines, and how many declarations it holds. */
export function generateTerms(lines = 10_000, seed = 20260101) {
  const rnd = sequence(seed);
  const groups = [];
  let total = 2;
  // Group sizes vary a little; collect groups until the next one would overflow, then pad with comments.
  for (let k = 0; ; k++) {
    const zone = ZONES[k % ZONES.length];
    const g = [...calendar(k, rnd, zone), "", ...index(k, rnd, zone), "", null, ""];
    const size = g.length + 29; // the future (29 lines) replaces the null placeholder
    if (total + size > lines) break;
    groups.push({ k, zone, g });
    total += size;
  }
  const n = groups.length;
  const out = [`// Generated by bench/generate.mjs: ${n} calendars, ${n} indices and ${n} futures.`, ""];
  for (const { k, zone, g } of groups) {
    for (const l of g) {
      if (l === null) out.push(...future(k, n, rnd, zone));
      else out.push(l);
    }
  }
  while (out.length < lines) out.push(`// padding line ${out.length + 1}`);
  return { text: out.join("\n") + "\n", declarations: 3 * n, lines: out.length };
}
