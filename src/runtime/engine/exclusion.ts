/**
 * Why a source, or some of its rows, took no part in a fixing: a certificate entry. Its own module, so that the
 * selection stage and the certificate types (index-types.ts) do not import each other.
 */
export interface Exclusion {
  readonly source: string;
  readonly reason:
    | "no-data"
    | "stale"
    | "deviation"
    | "model"
    | "instrument"
    | "part"
    | "not-a-constituent"
    | "too-few-trades"
    | "too-few-counterparties"
    | "monitored"
    | "trade-volume"
    | "trade-jump"
    | "trade-record";
  readonly detail: string;
  /** How many trades a trade qualification rule left out (`trade-volume`, `trade-jump`, `trade-record` only). */
  readonly trades?: number;
}
