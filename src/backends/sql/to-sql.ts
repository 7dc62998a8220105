/**
 * An index methodology compiled to SQL (`termsheet sql`): statements over a table of observations `ts_obs(t, source,
 * pc, vc, instrument, part)` (epoch microseconds; price and volume as exact integer coefficients, the price at the
 * scale `ts_scale.ps`) that compute, for every fixing date of a range, the fixing (`ts_fixings`) and its certificate
 * (`ts_sources`: per source its observations, value, whether it is used and why not; `ts_intervals`; `ts_foreign`).
 * Every value is an exact rational of two HUGEINTs (a median is twice its value over 2), compared by cross
 * multiplication and rounded once with integer division, so the result is the runtime's to the last decimal; an
 * overflow of 128 bits is an error of the engine, never a rounded value. Dates with the same rules in force share
 * one segment of statements. The window instants come from the runtime's own time-zone placement (`plan.ts`).
 */
import type { Index } from "../../runtime/spec.js";
import { type Dialect, type DialectName, dialectOf } from "./dialect.js";
import { type Plan, type PlanDay, type TradeMethod, type Unsupported, dayOf, planOn } from "./plan.js";

export type { DialectName };

/** The compiled statements, in order; the last statements leave the result tables. */
export interface CompiledSql {
  readonly statements: readonly string[];
  /** The common denominator of the unit factors of each segment is inlined; this is for a reader of the SQL. */
  readonly segments: number;
}

/** Aggregates the rows of `from` (columns np, vc and the group columns) by a trade method: group columns, num, den. */
function aggregateSql(D: Dialect, m: TradeMethod, from: string, group: string): string {
  const big = D.big;
  switch (m.kind) {
    case "vwap":
      return `SELECT ${group}, sum(np * vc) AS num, sum(vc) AS den FROM ${from} GROUP BY ${group} HAVING sum(vc) > 0`;
    case "mean":
      return `SELECT ${group}, sum(np) AS num, ${D.cast("count(*)", D.int)} AS den FROM ${from} GROUP BY ${group}`;
    case "median":
      return `SELECT ${group}, sum(CASE WHEN rn = ${D.div("n + 1", "2")} THEN np ELSE 0 END) + sum(CASE WHEN rn = ${D.div("n", "2")} + 1 THEN np ELSE 0 END) AS num, ${big(2)} AS den
  FROM (SELECT ${group}, np, row_number() OVER (PARTITION BY ${group} ORDER BY np) AS rn, count(*) OVER (PARTITION BY ${group}) AS n FROM ${from}) GROUP BY ${group}`;
    case "vwm":
      // Trades of zero volume take no part; the first trade whose cumulative volume reaches half; at exactly half,
      // with mean-of-straddling, the mean of its price and the next higher one (ties in price give the same value).
      return `SELECT ${group}, ${D.minBy(`CASE WHEN ${m.straddle ? "2 * cum = total AND nxt IS NOT NULL" : "false"} THEN np + nxt ELSE 2 * np END`, "cum")} AS num, ${big(2)} AS den
  FROM (SELECT ${group}, np, sum(vc) OVER (PARTITION BY ${group} ORDER BY np, vc ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
      sum(vc) OVER (PARTITION BY ${group}) AS total, lead(np) OVER (PARTITION BY ${group} ORDER BY np, vc) AS nxt
    FROM ${from} WHERE vc > 0)
  WHERE 2 * cum >= total GROUP BY ${group}`;
  }
}

/** The statements of one segment: dates sharing one plan; `s` suffixes its tables. */
function segmentSql(D: Dialect, plan: Plan, days: readonly PlanDay[], s: number): string[] {
  const t = (name: string) => `ts_${name}_${s}`;
  const { big, str } = D;
  const table = (name: string, query: string) => D.table(t(name), query);
  const out: string[] = [];
  const fail = (f: PlanDay["before"]) => D.cast(f === null ? "NULL" : str(f.kind), D.text);
  const bigint = (n: number) => D.cast(String(n), "BIGINT");
  out.push(
    table(
      "days",
      D.values(
        days.map(
          (d) =>
            `(${str(d.date)}, ${bigint(d.at)}, ${bigint(d.windowStart)}, ${bigint(d.windowEnd)}, ${fail(d.before)}, ${fail(d.afterSources)})`,
        ),
        ["d", "fix_at", "ws", "we", "pre", "post"],
      ),
    ),
  );
  out.push(
    table(
      "src",
      D.values(
        plan.sources.map(
          (p) => `(${p.k}, ${str(p.name)}, ${big(p.factor)}, ${p.monitored}, ${p.list !== null}, ${str(p.list?.kind ?? "model")})`,
        ),
        ["k", "name", "factor", "monitored", "listed", "what"],
      ),
    ),
  );
  const ranks = plan.sources.flatMap((p) => (p.list?.names ?? []).map((n, r) => `(${p.k}, ${str(n)}, ${r})`));
  out.push(
    table(
      "rank",
      ranks.length === 0
        ? `SELECT 0 AS k, ${D.cast("''", D.text)} AS instrument, 0 AS rnk WHERE false`
        : D.values(ranks, ["k", "instrument", "rnk"]),
    ),
  );
  // The rows of each day's window, classified: a rank ≥ 0 (its place in the source's list), or why no choice uses it.
  out.push(
    table(
      "w",
      `SELECT d.d, o.t, o.source, s.k, o.pc * s.factor AS np, o.vc,
  CASE WHEN s.k IS NULL THEN NULL WHEN o.part IS NOT NULL THEN -5 WHEN NOT s.listed THEN 0
       WHEN o.instrument IS NULL THEN -2 ELSE coalesce(r.rnk, -1) END AS key
FROM ${t("days")} d JOIN ts_obs o ON o.t ${plan.fromInclusive ? ">=" : ">"} d.ws AND o.t ${plan.toInclusive ? "<=" : "<"} d.we
LEFT JOIN ${t("src")} s ON s.name = o.source
LEFT JOIN ${t("rank")} r ON r.k = s.k AND r.instrument = o.instrument
WHERE d.pre IS NULL`,
    ),
  );
  const stale = plan.staleMicros === null ? null : `${plan.staleMicros}`;
  // The first rank available: the first fresh one, else the first with rows (selection.ts's `choose`).
  out.push(
    table(
      "choice",
      `SELECT w.d, w.k, ${stale === null ? "min(w.key)" : `coalesce(min(w.key) FILTER (WHERE w.lt >= dd.fix_at - ${stale}), min(w.key))`} AS rnk
FROM (SELECT d, k, key, max(t) AS lt FROM ${t("w")} WHERE key >= 0 GROUP BY d, k, key) w JOIN ${t("days")} dd ON dd.d = w.d GROUP BY w.d, w.k`,
    ),
  );
  out.push(
    table("rows", `SELECT w.d, w.k, w.t, w.np, w.vc FROM ${t("w")} w JOIN ${t("choice")} c ON c.d = w.d AND c.k = w.k AND c.rnk = w.key`),
  );
  out.push(table("sv", `${aggregateSql(D, plan.trades, t("rows"), "d, k")}`));
  // Each source on each day, through the runtime's exclusions in its order.
  const minTrades = plan.minTradesPerSource === null ? "true" : `n >= ${plan.minTradesPerSource}`;
  const fresh = stale === null ? "true" : `fix_at - lt <= ${stale}`;
  out.push(
    table(
      "s1",
      `SELECT *, e2 AND ${fresh} AS e3 FROM (
  SELECT *, e1 AND ${minTrades} AS e2 FROM (
    SELECT *, e0 AND NOT monitored AS e1 FROM (
      SELECT dd.d, dd.fix_at, ${big(plan.lcm)} AS lcm, s.k, s.name, s.monitored, s.what, coalesce(c.n, 0) AS n, c.lt, sv.num, sv.den, coalesce(c.n, 0) > 0 AS e0,
        coalesce(x.unlisted, false) AS unlisted, coalesce(x.stray, false) AS stray, coalesce(x.passed, false) AS passed
      FROM ${t("days")} dd CROSS JOIN ${t("src")} s
      LEFT JOIN (SELECT d, k, count(*) AS n, max(t) AS lt FROM ${t("rows")} GROUP BY d, k) c ON c.d = dd.d AND c.k = s.k
      LEFT JOIN ${t("sv")} sv ON sv.d = dd.d AND sv.k = s.k
      LEFT JOIN (SELECT w.d, w.k, bool_or(w.key IN (-1, -2)) AS unlisted, bool_or(w.key = -5) AS stray,
                        bool_or(w.key >= 0 AND w.key <> c.rnk) AS passed
                 FROM ${t("w")} w LEFT JOIN ${t("choice")} c ON c.d = w.d AND c.k = w.k WHERE w.k IS NOT NULL GROUP BY w.d, w.k) x
        ON x.d = dd.d AND x.k = s.k
      WHERE dd.pre IS NULL)))`,
    ),
  );
  // Deviation from the median of the others, once for every candidate simultaneously (values are halves: num/2).
  if (plan.deviation !== null) {
    out.push(
      table(
        "dev",
        `SELECT d, k, abs(2 * num - m4) * ${big(plan.deviation.den)} > ${big(plan.deviation.num)} * abs(m4) AND m4 <> 0 AS deviates FROM (
  SELECT d, k, any_value(num) AS num, sum(CASE WHEN rn = ${D.div("m + 1", "2")} THEN onum ELSE 0 END) + sum(CASE WHEN rn = ${D.div("m", "2")} + 1 THEN onum ELSE 0 END) AS m4
  FROM (SELECT a.d, a.k, a.num, b.num AS onum, row_number() OVER (PARTITION BY a.d, a.k ORDER BY b.num) AS rn, count(*) OVER (PARTITION BY a.d, a.k) AS m
        FROM ${t("s1")} a JOIN ${t("s1")} b ON a.d = b.d AND a.k <> b.k AND b.e3 AND b.num IS NOT NULL WHERE a.e3 AND a.num IS NOT NULL)
  GROUP BY d, k)`,
      ),
    );
  } else out.push(table("dev", `SELECT d, k, false AS deviates FROM ${t("s1")} WHERE false`));
  out.push(
    table(
      "s2",
      `SELECT s.*, s.e3 AND NOT coalesce(v.deviates, false) AS used, coalesce(v.deviates, false) AS dropped
FROM ${t("s1")} s LEFT JOIN ${t("dev")} v ON v.d = s.d AND v.k = s.k`,
    ),
  );
  // The pooled trades of the used sources; per interval when the window is partitioned.
  const p = plan.partition;
  const pooled = `(SELECT r.d, r.np, r.vc${p === null ? "" : `, least(${D.div("r.t - dd.ws", String(p.length))}, ${p.count - 1}) AS i`} FROM ${t("rows")} r JOIN ${t("s2")} u ON u.d = r.d AND u.k = r.k AND u.used JOIN ${t("days")} dd ON dd.d = r.d)`;
  let value: string;
  let empty = "false";
  if (p === null) {
    out.push(
      table(
        "iv",
        `SELECT ${D.cast("''", D.text)} AS d, 0 AS i, ${D.cast("0", "BIGINT")} AS trades, ${D.cast("NULL", D.int)} AS num, ${D.cast("NULL", D.int)} AS den WHERE false`,
      ),
    );
    out.push(table("agg", `${aggregateSql(D, plan.trades, pooled, "d")}`));
    value = `SELECT d, num, den FROM ${t("agg")}`;
  } else {
    out.push(
      table(
        "iv",
        `SELECT c.d, c.i, c.trades, CASE WHEN c.trades >= ${p.needed} THEN a.num END AS num, CASE WHEN c.trades >= ${p.needed} THEN a.den * ${big(plan.lcm)} END AS den
FROM (SELECT d, i, count(*) AS trades FROM ${pooled} GROUP BY d, i) c LEFT JOIN (${aggregateSql(D, plan.trades, pooled, "d, i")}) a ON a.d = c.d AND a.i = c.i`,
      ),
    );
    // Interval values are halves (num/2): the mean is Σnum / 2n; the median of halves is m4/4.
    const good = `(SELECT * FROM ${t("iv")} WHERE num IS NOT NULL)`;
    value =
      p.intervals === "mean"
        ? `SELECT d, sum(num) AS num, 2 * ${D.cast("count(*)", D.int)} AS den, count(*) AS good FROM ${good} GROUP BY d`
        : `SELECT d, sum(CASE WHEN rn = ${D.div("n + 1", "2")} THEN num ELSE 0 END) + sum(CASE WHEN rn = ${D.div("n", "2")} + 1 THEN num ELSE 0 END) AS num, ${big(4)} AS den, count(*) AS good
  FROM (SELECT d, num, row_number() OVER (PARTITION BY d ORDER BY num) AS rn, count(*) OVER (PARTITION BY d) AS n FROM ${good}) GROUP BY d`;
    empty = p.skip ? "coalesce(v.good, 0) = 0" : `coalesce(v.good, 0) < ${p.count}`;
  }
  const r = plan.rounding;
  const scaleDen = `(${big(r.coefficient)} * ${big(plan.lcm)} * (SELECT pw FROM ts_scale))`;
  const q0 = D.div(`v.num * ${big(10n ** BigInt(r.scale))}`, `v.den * ${scaleDen}`);
  const rem = `((v.num * ${big(10n ** BigInt(r.scale))}) % (v.den * ${scaleDen}))`;
  const twice = `2 * ${rem}`;
  const d = `(v.den * ${scaleDen})`;
  const bump =
    r.mode === "down" || r.mode === "floor"
      ? "0"
      : r.mode === "up" || r.mode === "ceiling"
        ? `CASE WHEN ${rem} > 0 THEN 1 ELSE 0 END`
        : r.mode === "half-up"
          ? `CASE WHEN ${twice} >= ${d} THEN 1 ELSE 0 END`
          : r.mode === "half-down"
            ? `CASE WHEN ${twice} > ${d} THEN 1 ELSE 0 END`
            : `CASE WHEN ${twice} > ${d} OR (${twice} = ${d} AND ${q0} % 2 = 1) THEN 1 ELSE 0 END`;
  const pow = big(10n ** BigInt(r.scale));
  const text =
    r.scale === 0
      ? D.cast("q", D.text)
      : `${D.cast(D.div("q", pow), D.text)} || CASE WHEN q % ${pow} = 0 THEN '' ELSE '.' || ${D.rtrim(`lpad(${D.cast(`q % ${pow}`, D.text)}, ${r.scale}, '0')`, "0")} END`;
  const failure = `CASE WHEN dd.pre IS NOT NULL THEN dd.pre
    ${plan.minimumSources === null ? "" : `WHEN coalesce(u.used, 0) < ${plan.minimumSources} THEN 'insufficient-sources'`}
    WHEN coalesce(u.used, 0) = 0 THEN 'no-data'
    WHEN dd.post IS NOT NULL THEN dd.post
    ${p === null ? "WHEN v.num IS NULL THEN 'aggregation'" : `WHEN ${empty} THEN 'empty-interval'`}
  END`;
  out.push(
    table(
      "fix",
      `SELECT d, failure, CASE WHEN failure IS NULL THEN ${text} END AS value, unum, uden FROM (
  SELECT dd.d, ${failure} AS failure, ${q0} + ${bump} AS q, v.num AS unum, v.den * ${big(plan.lcm)} AS uden
  FROM ${t("days")} dd LEFT JOIN (SELECT d, count(*) FILTER (WHERE used) AS used FROM ${t("s2")} GROUP BY d) u ON u.d = dd.d
  LEFT JOIN (${value}) v ON v.d = dd.d)`,
    ),
  );
  // The intervals the runtime's certificate lists: all of them once the sources passed; in `fail` mode those before
  // the first interval without a value.
  out.push(
    table(
      "ivc",
      `SELECT iv.* FROM ${t("iv")} iv JOIN ${t("fix")} f ON f.d = iv.d
LEFT JOIN (SELECT d, coalesce(min(rn - 1) FILTER (WHERE rn - 1 <> i), count(*)) AS first_bad
  FROM (SELECT d, i, row_number() OVER (PARTITION BY d ORDER BY i) AS rn FROM ${t("iv")} WHERE num IS NOT NULL) GROUP BY d) b ON b.d = iv.d
WHERE f.failure IS NULL OR (f.failure = 'empty-interval' AND (${p?.skip ?? true} OR iv.i < coalesce(b.first_bad, 0)))`,
    ),
  );
  return out;
}

/** The SQL of an index over the fixing dates given, or the first construct in force on one of them that SQL cannot state. */
export function indexToSql(
  index: Index,
  dates: readonly string[],
  dialect: DialectName = "duckdb",
): CompiledSql | Unsupported | { readonly error: string } {
  const D = dialectOf(dialect);
  const segments: { key: string; plan: Plan; days: PlanDay[] }[] = [];
  for (const date of dates) {
    const plan = planOn(index, date);
    if ("code" in plan) return plan;
    const day = dayOf(index, date);
    if ("error" in day) return day;
    const key = JSON.stringify(plan, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const last = segments[segments.length - 1];
    if (last !== undefined && last.key === key) last.days.push(day);
    else segments.push({ key, plan, days: [day] });
  }
  const statements: string[] = [];
  segments.forEach((seg, s) => statements.push(...segmentSql(D, seg.plan, seg.days, s)));
  const union = (name: string, cols: string) => segments.map((_, s) => `SELECT ${cols} FROM ts_${name}_${s}`).join("\nUNION ALL ");
  statements.push(D.table("ts_fixings", union("fix", "d, failure, value, unum, uden")));
  statements.push(
    D.table(
      "ts_sources",
      union(
        "s2",
        `d, k, name, n AS observations, num, den * lcm AS den, used, concat_ws(',',
        CASE WHEN unlisted OR passed THEN what END, CASE WHEN stray THEN 'part' END,
        CASE WHEN NOT e0 THEN 'no-data' END, CASE WHEN e0 AND NOT e1 THEN 'monitored' END,
        CASE WHEN e1 AND NOT e2 THEN 'too-few-trades' END, CASE WHEN e2 AND NOT e3 THEN 'stale' END,
        CASE WHEN dropped THEN 'deviation' END) AS excluded`,
      ),
    ),
  );
  statements.push(D.table("ts_intervals", union("ivc", "d, i, trades, num, den")));
  statements.push(
    D.table(
      "ts_foreign",
      segments.map((_, s) => `SELECT d, source, count(*) AS n FROM ts_w_${s} WHERE k IS NULL GROUP BY d, source`).join("\nUNION ALL "),
    ),
  );
  return { statements, segments: segments.length };
}
