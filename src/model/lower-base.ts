/**
 * The lowering's shared part (model/from-checked.ts is its entry): the Lowerer of one file, with the helpers every
 * declaration's lowering uses to read what the check established (checked.ts) and to write the model's common
 * shapes (clauses with their effective ranges, quantities, times, windows, durations, roundings).
 */
import type { HolidayRule as RuntimeHolidayRule, Observance as RuntimeObservance } from "../runtime/calendar/index.js";
import { format, type Unit as BaseUnit } from "../base/units.js";
import type { Decimal } from "../runtime/numbers/decimal.js";
import { countOf, type CheckedRounding, type Lowerable } from "../check/lowerable.js";
import type * as A from "../syntax/ast.js";
import type { HolidayRule } from "./calendar.js";
import {
  ALWAYS,
  type Clause,
  type Duration,
  type EffectiveRange,
  type Quantity,
  type Rounding,
  type Unit,
  type ZonedTime,
} from "./common.js";
import type { TimeWindow } from "./indices.js";
import { compareVersionStarts } from "./invariants.js";

export type { Lowerable } from "../check/lowerable.js";

type Statement = Lowerable<A.Statement>;
export type StatementOf<K extends A.Statement["kind"]> = Extract<Statement, { kind: K }>;

/**
 * Lowers the declarations of the checked IR (check/lowerable.ts): what they share. Every value it reads is there and
 * evaluated, so each helper is a pure mapping to the model's shapes.
 */
export class Lowerer {
  /** A number the check accepted, as a canonical decimal string. */
  decimal(n: { readonly checked: Decimal }): string {
    return n.checked.normalize().toString();
  }

  /** A percentage's number of percent, as a canonical decimal string. */
  percent(p: { readonly checked: Decimal }): string {
    return p.checked.normalize().toString();
  }

  /** A count the check accepted (check/counts.ts): whole and in its range. */
  count(n: { readonly checked: Decimal }): number {
    return countOf(n.checked);
  }

  effective(annotations: Lowerable<A.Annotations>): EffectiveRange[] {
    if (annotations.effective.length === 0) return [{ ...ALWAYS }];
    return annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
  }

  clause<T>(s: { annotations: Lowerable<A.Annotations> }, value: T): Clause<T> {
    return {
      effective: this.effective(s.annotations),
      descriptions: s.annotations.descriptions.map((d) => d.value),
      clauses: s.annotations.clauses.map((c) => c.value),
      value,
    };
  }

  /** Versions of one rule, ordered by the start of their first range (unbounded first); ties keep source order. */
  versions<K extends A.Statement["kind"], T>(
    statements: readonly Statement[],
    kind: K,
    lower: (s: StatementOf<K>) => T,
    filter: (s: StatementOf<K>) => boolean = () => true,
  ): Clause<T>[] {
    const out = this.rules(statements, kind, lower, filter);
    return out
      .map((c, i) => ({ c, i }))
      .sort((a, b) => compareVersionStarts(a.c.effective[0]!, b.c.effective[0]!) || a.i - b.i)
      .map(({ c }) => c);
  }

  /** Rules that all apply, in source order. */
  rules<K extends A.Statement["kind"], T>(
    statements: readonly Statement[],
    kind: K,
    lower: (s: StatementOf<K>) => T,
    filter: (s: StatementOf<K>) => boolean = () => true,
  ): Clause<T>[] {
    const out: Clause<T>[] = [];
    for (const s of statements) {
      if (s.kind !== kind) continue;
      const st = s as StatementOf<K>;
      if (filter(st)) out.push(this.clause(st, lower(st)));
    }
    return out;
  }

  declarationAnnotations(decl: Lowerable<A.Declaration>): {
    title: string | null;
    descriptions: string[];
    clauses: string[];
    effective: EffectiveRange[];
  } {
    return {
      title: decl.title?.value ?? null,
      descriptions: decl.annotations.descriptions.map((d) => d.value),
      clauses: decl.annotations.clauses.map((c) => c.value),
      effective: this.effective(decl.annotations),
    };
  }

  /** A quantity: its amount, and its unit as the check resolved it. */
  quantity(q: Lowerable<A.Quantity>): Quantity {
    return { amount: q.checked.amount.normalize().toString(), unit: modelUnit(q.checked.unit) };
  }

  zoned(z: Lowerable<A.ZonedTime>): ZonedTime {
    return { time: z.checked.time, zone: z.checked.zone };
  }

  window(w: Lowerable<A.TimeWindow>): TimeWindow {
    const win = w.checked;
    return {
      from: win.from,
      fromBound: win.fromBound,
      to: win.to,
      toBound: win.toBound,
      zone: win.zone,
      ...(win.fromPreviousDay ? { fromDay: "previous" as const } : {}),
    };
  }

  duration(d: Lowerable<A.Duration>): Duration {
    return { amount: d.checked.amount.normalize().toString(), unit: d.checked.unit };
  }

  rounding(r: Lowerable<A.Rounding>): Rounding {
    return modelRounding(r.checked);
  }
}

/** A rounding as the model writes it. */
export function modelRounding(r: CheckedRounding): Rounding {
  if (r.kind === "unrounded") return { kind: "unrounded" };
  if (r.kind === "tick") return { kind: "tick", mode: r.mode };
  return { kind: "increment", increment: r.increment.normalize().toString(), mode: r.mode };
}

/** A base unit as the model writes it: canonical text, dimensions, exact scale, currency. */
export function modelUnit(u: BaseUnit): Unit {
  return { text: format(u), dimensions: { ...u.dims }, scale: u.factor, currency: u.money ?? null };
}

/** A holiday rule of the runtime's calendar model as the model writes it (without its notes): every default explicit. */
export function holidayRule(rule: RuntimeHolidayRule): Omit<HolidayRule, "descriptions" | "clauses"> {
  return {
    name: rule.name,
    date: rule.date.kind === "oneOff" ? { kind: "oneOff", dates: [...rule.date.dates] } : { ...rule.date },
    observance: rule.observance === undefined ? { kind: "none" } : explicitObservance(rule.observance),
    ...(rule.fromYear === undefined ? {} : { fromYear: rule.fromYear }),
    ...(rule.untilYear === undefined ? {} : { untilYear: rule.untilYear }),
    exceptYears: [...(rule.exceptYears ?? [])],
  };
}

function explicitObservance(o: RuntimeObservance): HolidayRule["observance"] {
  if (o.kind === "shift") return { kind: "shift", saturday: o.saturday ?? "friday", sunday: o.sunday ?? "monday" };
  return { kind: o.kind };
}
