/**
 * The shapes of an index computation (`index-computation.ts`): what is asked, the certificate and the result, and
 * the draft of the certificate that each stage of the computation adds to (its inputs, exclusions, partitions and
 * notes), so that a failure at any stage carries the certificate as far as it got.
 */
import type { Decimal } from "../numbers/decimal.js";
import type { CappedMedianCertificate } from "./capped-median.js";
import type { IntervalSourceValue } from "./per-interval.js";
import type { SampleValue } from "./sampling.js";
import type { Exclusion } from "./exclusion.js";

/**
 * A contract's tick table: tiers in order, each with the prices it applies to (`null`: every price). Rounding "to
 * the tick" uses the first tier whose bound admits the unrounded value, as the rulebook reads: with "0.0005 at or
 * below 0.1, 0.001 above 0.1", 0.0996 rounds on 0.0005 and 0.1234 on 0.001.
 */
export type TickTable = readonly {
  readonly tick: Decimal;
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: Decimal } | null;
}[];

/** What to compute: the fixing date, optionally an explicit fixing instant, the previous value and the tick. */
export interface IndexRequest {
  /** The fixing date, YYYY-MM-DD. */
  readonly date: string;
  /** The fixing instant in epoch microseconds; by default the publication time on the date. */
  readonly at?: number;
  /** The previous published value, for extreme moves and ties toward the prior value. */
  readonly previous?: Decimal;
  /** The contract's tick table, when the index rounds to the tick. */
  readonly tick?: TickTable;
}

export type { Exclusion };

/** One partition of the window. */
export interface PartitionValue {
  readonly from: string;
  readonly to: string;
  readonly trades: number;
  readonly value: string | null;
  readonly note: string | null;
  /** Each source's value in the interval, when sources are aggregated per interval (omitted otherwise). */
  readonly sources?: readonly IntervalSourceValue[];
}

/** One constituent as the certificate lists it. */
export interface CertificateSource {
  readonly name: string;
  /** The model whose observations give the source's value (the first available of its `models`), or null. */
  readonly model: string | null;
  /** The instrument whose observations give the source's value (the first available of its `instruments`), or null. */
  readonly instrument: string | null;
  readonly observations: number;
  readonly value: string | null;
  readonly used: boolean;
}

/** The window of a certificate: its instants as ISO text and its bounds. */
export interface CertificateWindow {
  readonly from: string;
  readonly to: string;
  readonly fromBound: string;
  readonly toBound: string;
}

/** The explanation of an index value: everything needed to recompute and audit it. */
export interface IndexCertificate {
  readonly index: string;
  readonly date: string;
  readonly fixingTime: string;
  readonly methodologyVersion: string | null;
  /** The window placed on the fixing date; a window of several pieces lists the further ones in `also`. */
  readonly window: (CertificateWindow & { readonly also?: readonly CertificateWindow[] }) | null;
  readonly sources: readonly CertificateSource[];
  readonly exclusions: readonly Exclusion[];
  readonly partitions: readonly PartitionValue[];
  readonly method: string;
  readonly unrounded: string | null;
  readonly rounding: string;
  readonly status: "published" | "flagged" | "held" | "failed";
  /**
   * The flags the value is published with, in the order the methodology states them (`empty intervals skip, flagged
   * "*"`, `carry forward the last published value, flagged "C"`); present only when there is one.
   */
  readonly flags?: readonly string[];
  readonly notes: readonly string[];
  /** The steps of a capped median (present only when the value is one): median, band, capped values, weights. */
  readonly cappedMedian?: CappedMedianCertificate;
  /** The samples of a sampled index (present only when the index is sampled): each source's held price and the value. */
  readonly samples?: readonly SampleValue[];
}

/** Why no value could be fixed. */
export type IndexFailureKind =
  "unsupported" | "no-methodology" | "insufficient-sources" | "empty-interval" | "no-data" | "aggregation" | "rounding" | "time";

/** Why no value could be fixed, in words. */
export interface IndexFailure {
  readonly kind: IndexFailureKind;
  readonly message: string;
}

/** An index value with its certificate, or the failure with the certificate so far. */
export type IndexResult =
  | {
      readonly ok: true;
      readonly value: Decimal;
      readonly status: "published" | "flagged" | "held";
      /** The flags the value is published with (the certificate's), empty when it has none. */
      readonly flags: readonly string[];
      readonly certificate: IndexCertificate;
    }
  | {
      readonly ok: false;
      readonly failure: IndexFailure;
      readonly certificate: IndexCertificate;
    };

/** What a stage of the computation gives: its value, or why the computation stops there. */
export type Stage<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: IndexFailure };

/** A stage's failure. */
export function stop(kind: IndexFailureKind, message: string): { readonly ok: false; readonly failure: IndexFailure } {
  return { ok: false, failure: { kind, message } };
}

/** The certificate as the stages fill it in, in the order they run; `certificateOf` freezes it. */
export interface CertificateDraft {
  fixingTime: string;
  window: (CertificateWindow & { readonly also?: readonly CertificateWindow[] }) | null;
  readonly sources: CertificateSource[];
  readonly exclusions: Exclusion[];
  readonly partitions: PartitionValue[];
  method: string;
  readonly notes: string[];
  readonly flags: string[];
  cappedMedian: CappedMedianCertificate | undefined;
  samples: readonly SampleValue[] | undefined;
}

/** An empty draft. */
export function newDraft(): CertificateDraft {
  return {
    fixingTime: "",
    window: null,
    sources: [],
    exclusions: [],
    partitions: [],
    method: "",
    notes: [],
    flags: [],
    cappedMedian: undefined,
    samples: undefined,
  };
}
