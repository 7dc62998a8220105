/**
 * Daily settlement (its steps), price limits and position limits.
 */
import { EOF } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { noAnnotations } from "./base.js";
import { SettlementRules } from "./settlement.js";

/** A statement as its rule returns it (the statement rule adds its span and annotations). */
type Body<S extends A.Statement> = Omit<S, "annotations" | "span">;

export abstract class DailyRules extends SettlementRules {
  public dailySettlementStmt = this.RULE("dailySettlementStmt", () => {
    this.CONSUME(T.Daily);
    this.CONSUME(T.Settlement);
    this.CONSUME(T.LCurly);
    const steps: A.DailyStep[] = [];
    this.statementList(() =>
      this.MANY({
        GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
        DEF: () => {
          steps.push(this.SUBRULE(this.dailyStep));
        },
      }),
    );
    this.CONSUME(T.RCurly);
    return { kind: "DailySettlement" as const, steps: this.compact(steps) };
  });

  public dailyStep = this.RULE("dailyStep", (): A.DailyStep => {
    const start = this.LA(1);
    const number = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Dot);
    const step = this.OR<A.DailyStep>([
      {
        ALT: () => {
          this.CONSUME(T.Vwap);
          this.CONSUME(T.Of);
          this.CONSUME(T.Trades);
          const window = this.SUBRULE(this.timeWindow);
          let moreThan: A.NumberLit | undefined;
          this.OPTION3(() => {
            this.CONSUME3(T.Comma);
            this.CONSUME(T.If);
            this.CONSUME(T.More);
            this.CONSUME(T.Than);
            moreThan = this.num(this.CONSUME2(T.NumberLiteral));
            this.CONSUME2(T.Trades);
          });
          let rounding: A.Rounding | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Comma);
            rounding = this.SUBRULE(this.rounding);
          });
          return {
            kind: "DailyVwap",
            number,
            window,
            rounding,
            annotations: noAnnotations,
            span: this.from(start),
            ...(moreThan !== undefined ? { moreThan } : {}),
          };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Midpoint);
          this.CONSUME2(T.Of);
          this.CONSUME(T.Bid);
          this.CONSUME(T.And);
          this.CONSUME(T.Offer);
          // `at TIME ZONE`: the quotes standing at an instant; `from … to … ZONE`: time-weighted over a period.
          let at: A.ZonedTime | undefined;
          let window: A.TimeWindow | undefined;
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.At);
                at = this.SUBRULE(this.zonedTime);
              },
            },
            { ALT: () => (window = this.SUBRULE3(this.timeWindow)) },
          ]);
          let rounding: A.Rounding | undefined;
          this.OPTION2(() => {
            this.CONSUME2(T.Comma);
            rounding = this.SUBRULE2(this.rounding);
          });
          if (window !== undefined)
            return { kind: "DailyMidpointPeriod", number, window, rounding, annotations: noAnnotations, span: this.from(start) };
          return { kind: "DailyMidpoint", number, at, rounding, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Carry);
          this.CONSUME(T.Forward);
          this.CONSUME(T.The);
          this.CONSUME(T.Prior);
          this.CONSUME(T.Settlement);
          return { kind: "DailyCarry", number, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Net);
          this.CONSUME(T.Change);
          this.CONSUME3(T.Of);
          this.CONSUME2(T.The);
          const which = this.ident(this.CONSUME(T.Identifier));
          this.CONSUME(T.Month);
          return { kind: "DailyNetChange", number, which, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Lead);
          this.CONSUME2(T.Month);
          this.CONSUME2(T.Settlement);
          this.CONSUME(T.Plus);
          this.CONSUME2(T.Vwap);
          this.CONSUME4(T.Of);
          this.CONSUME(T.Spread);
          this.CONSUME3(T.Trades);
          const window = this.SUBRULE2(this.timeWindow);
          let rounding: A.Rounding | undefined;
          this.OPTION4(() => {
            this.CONSUME4(T.Comma);
            rounding = this.SUBRULE3(this.rounding);
          });
          return { kind: "DailyLeadSpread", number, window, rounding, annotations: noAnnotations, span: this.from(start) };
        },
      },
      {
        // `carry of INDEX with interest RATE per N days, ROUNDING` (CME Bitcoin futures, lead month, tier 3).
        ALT: () => {
          this.CONSUME2(T.Carry);
          this.CONSUME5(T.Of);
          const index = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME(T.With);
          this.CONSUME(T.Interest);
          const rate = this.ident(this.CONSUME3(T.Identifier));
          this.CONSUME(T.Per);
          const basis = this.num(this.CONSUME3(T.NumberLiteral));
          this.CONSUME(T.Days);
          let rounding: A.Rounding | undefined;
          this.OPTION5(() => {
            this.CONSUME5(T.Comma);
            rounding = this.SUBRULE4(this.rounding);
          });
          return {
            kind: "DailyCarryFormula",
            number,
            index,
            rate,
            basis,
            rounding,
            annotations: noAnnotations,
            span: this.from(start),
          };
        },
      },
    ]);
    const annotations = this.SUBRULE(this.annotations);
    return this.ACTION(() => (step ? { ...step, annotations: annotations ?? noAnnotations } : step));
  });

  public priceLimitsStmt = this.RULE("priceLimitsStmt", () => {
    this.CONSUME(T.Price);
    this.CONSUME(T.Limits);
    return this.OR3<Body<A.PriceLimitsStmt> | Body<A.DynamicPriceLimitsStmt>>([
      { ALT: () => this.SUBRULE(this.dynamicLimits) },
      { ALT: () => this.SUBRULE(this.staticLimits) },
    ]);
  });

  /** `dynamic 3.5% of the prior settlement within 60 minutes, halting 2 minutes[, rounded to the tick down]`. */
  public dynamicLimits = this.RULE("dynamicLimits", (): Body<A.DynamicPriceLimitsStmt> => {
    const dynamic = this.ident(this.CONSUME(T.Identifier));
    const percent = this.pct(this.CONSUME(T.Percent));
    this.CONSUME(T.Of);
    this.CONSUME(T.The);
    this.CONSUME(T.Prior);
    this.CONSUME(T.Settlement);
    this.CONSUME(T.Within);
    const window = this.SUBRULE(this.duration);
    this.CONSUME(T.Comma);
    const halting = this.ident(this.CONSUME2(T.Identifier));
    const halt = this.SUBRULE2(this.duration);
    let rounding: A.Rounding | undefined;
    this.OPTION(() => {
      this.CONSUME2(T.Comma);
      rounding = this.SUBRULE(this.rounding);
    });
    return {
      kind: "DynamicPriceLimits",
      dynamic,
      percent,
      window,
      halting,
      halt,
      ...(rounding === undefined ? {} : { rounding }),
    };
  });

  public staticLimits = this.RULE("staticLimits", (): Body<A.PriceLimitsStmt> => {
    const limits: (A.PercentLit | A.Quantity)[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.OR([{ ALT: () => limits.push(this.pct(this.CONSUME(T.Percent))) }, { ALT: () => limits.push(this.SUBRULE(this.quantity)) }]);
      },
    });
    this.CONSUME(T.Of);
    this.CONSUME(T.The);
    this.CONSUME(T.Prior);
    this.CONSUME(T.Settlement);
    // `, rounded to the tick down`: the width of each percentage limit rounded (ICE US stock index limits).
    let rounding: A.Rounding | undefined;
    this.OPTION(() => {
      this.CONSUME2(T.Comma);
      rounding = this.SUBRULE(this.rounding);
    });
    // `, beyond the last limit clamped|flagged`: what a daily settlement price beyond the last limit becomes.
    let breach: A.Ident | undefined;
    this.OPTION2(() => {
      this.CONSUME3(T.Comma);
      this.CONSUME(T.Beyond);
      this.CONSUME2(T.The);
      this.CONSUME(T.Last);
      this.CONSUME(T.Limit);
      this.OR2([
        { ALT: () => (breach = this.ident(this.CONSUME(T.Identifier))) },
        { ALT: () => (breach = this.ident(this.CONSUME(T.Flagged))) },
      ]);
    });
    return {
      kind: "PriceLimits" as const,
      limits: this.compact(limits),
      ...(rounding === undefined ? {} : { rounding }),
      ...(breach !== undefined ? { breach } : {}),
    };
  });

  public positionLimitStmt = this.RULE("positionLimitStmt", () => {
    this.CONSUME(T.Position);
    this.CONSUME(T.Limit);
    const count = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Identifier);
    this.CONSUME(T.In);
    const scope = this.OR([
      {
        ALT: () => {
          this.CONSUME(T.The);
          this.CONSUME(T.Spot);
          this.CONSUME(T.Month);
          return "spot-month" as const;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.All);
          this.CONSUME(T.Months);
          return "all-months" as const;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Any);
          this.CONSUME2(T.Month);
          return "single-month" as const;
        },
      },
    ]);
    // `aggregated with FOTI, FOTI_OPT`: the positions in those contracts count toward this limit (CME Rule 559).
    let aggregatedWith: A.Ident[] | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Aggregated);
      this.CONSUME(T.With);
      aggregatedWith = this.SUBRULE(this.identList);
    });
    return { kind: "PositionLimit" as const, count, scope, ...(aggregatedWith === undefined ? {} : { aggregatedWith }) };
  });
}
