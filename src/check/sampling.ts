/**
 * Sampled indices (`sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`): the index is
 * sampled at a fixed interval across its window, each source's latest price held for up to the holding time, the
 * sources combined at each sample, and the samples combined by `aggregate samples by …` (a time-weighted average
 * when the samples are evenly spaced). Checks that this can be computed and means one thing: a window to sample
 * (E5140), an interval of clock time that divides it (E4140) into at most 1,000,000 samples (E4141), no partition or
 * trade or interval aggregation beside it (E5141), a method for the sources and one for the samples (E2009), no
 * volume-weighted method for samples (E5142), and `aggregate samples` only with a sampling rule (E5012). Called by
 * the index check (indices.ts); the rules themselves are functions of model/invariants.ts the loader calls too.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { methodNeedsVolume, samplesInWindow, samplingConflict } from "../model/invariants.js";
import type { Decimal } from "../runtime/numbers/decimal.js";
import type { AggregateStmt, IndexDecl, SampleStmt, Statement } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { AGGREGATION_METHODS, emptyIntervalPolicy } from "./words.js";

type Context = readonly string[];

/** Checks the sampling rule of an index and what it combines with; `windowSeconds` is the window's checked length. */
export function checkSampling(
  decl: IndexDecl,
  windowSeconds: Decimal | undefined,
  durationSeconds: (d: SampleStmt["every"], what: string) => Decimal | undefined,
  context: Context,
  report: Report,
): void {
  const of = <K extends Statement["kind"]>(kind: K): Extract<Statement, { kind: K }>[] =>
    decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
  const aggregates = of("Aggregate");
  const level = (l: AggregateStmt["level"]) => aggregates.find((a) => a.level === l);
  const sample = of("Sample")[0];
  const samples = level("samples");
  if (sample === undefined) {
    if (samples !== undefined)
      report(
        diag(Codes.AggregationWithoutData, samples.span, "`aggregate samples` needs a sampling rule that takes the samples", {
          context,
          hint: "add a sampling rule, e.g. `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`",
        }),
      );
    return;
  }
  emptyIntervalPolicy(sample.policy, report, context);
  if (sample.held !== undefined && sample.held.name !== "held")
    report(
      diag(Codes.UnknownWord, sample.held.span, `\`prices ${sample.held.name}\`: the word is \`held\``, {
        context,
        hint: "write `prices held for up to 3 minutes`",
      }),
    );
  const window = of("Window")[0];
  if (window === undefined)
    report(
      diag(Codes.SamplingWithoutWindow, sample.span, "a sampled index needs an observation window to take its samples in", {
        context,
        hint: "add a window, e.g. `window from 07:30 inclusive to 08:00 exclusive UTC`",
      }),
    );
  const every = durationSeconds(sample.every, "a sampling interval");
  durationSeconds(sample.hold, "a holding time");
  for (const [d, what] of [
    [sample.every, "a sampling interval"],
    [sample.hold, "a holding time"],
  ] as const) {
    if (d?.business === true)
      report(
        diag(Codes.SamplesDoNotDivideWindow, d.span, `${what} is clock time, not business days`, {
          context,
          hint: "write seconds, minutes or hours, e.g. `4 seconds`",
        }),
      );
  }
  if (every !== undefined && windowSeconds !== undefined && sample.every !== undefined) {
    const n = samplesInWindow(every, windowSeconds);
    if (!n.ok)
      report(
        n.problem === "not-dividing"
          ? diag(
              Codes.SamplesDoNotDivideWindow,
              sample.every.span,
              `samples every ${every.toString()} seconds do not divide the ${windowSeconds.toString()}-second window evenly`,
              { context, hint: "choose an interval that divides the window, e.g. 4 seconds for 30 minutes (450 samples)" },
            )
          : diag(Codes.TooManySamples, sample.every.span, "the window would hold more than 1,000,000 samples", {
              context,
              hint: "sample less often",
            }),
      );
  }
  const conflict = samplingConflict({
    partition: of("Partition").length > 0,
    aggregateTrades: level("trades") !== undefined,
    aggregateIntervals: level("intervals") !== undefined,
  });
  if (conflict !== undefined) {
    const at = conflict === "partition" ? of("Partition")[0]! : conflict === "aggregate trades" ? level("trades")! : level("intervals")!;
    report(
      diag(Codes.SamplingConflict, at.span, `\`${conflict}\` cannot be combined with sampling`, {
        context,
        labels: [{ span: sample.span, message: "the index is sampled here" }],
        notes: [
          "at each sample, each source's value is its latest price (held for up to the holding time); there are no trades or intervals to combine",
        ],
        hint: `remove \`${conflict}\`; combine the sources with \`aggregate sources by …\` and the samples with \`aggregate samples by …\``,
      }),
    );
  }
  if (level("sources") === undefined)
    report(
      diag(Codes.MissingClause, sample.span, "a sampled index needs a method that combines the sources at each sample", {
        context,
        hint: "add e.g. `aggregate sources by capped-median, capped at 0.5%`",
      }),
    );
  if (samples === undefined)
    report(
      diag(Codes.MissingClause, sample.span, "a sampled index needs a method that combines the samples", {
        context,
        hint: "add `aggregate samples by mean` (the time-weighted average of evenly spaced samples)",
      }),
    );
  else {
    const name = AGGREGATION_METHODS.words.find(([w]) => w === samples.method?.name?.name)?.[1];
    const basis = samples.method?.options.find((o) => o.kind === "WeightedBy");
    if (name !== undefined && methodNeedsVolume(name, basis?.kind === "WeightedBy" ? basis.basis?.name : null))
      report(
        diag(
          Codes.SamplesWithoutVolume,
          samples.method!.span,
          `samples cannot be combined by ${samples.method!.name!.name}: a sample has no volume`,
          {
            context,
            hint: "use `mean` (the time-weighted average) or `median`",
          },
        ),
      );
  }
}
