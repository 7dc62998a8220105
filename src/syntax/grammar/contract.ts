/**
 * The statements of contracts (futures, options, spreads): underlying, contract unit, tick, listing, last
 * trading day, what selects the rule versions, expiry, termination and rounding (final settlement: settlement.ts).
 */
import { type ParserMethod } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { canonicalDecimal } from "../literals.js";
import { IndexRules } from "./indices.js";

export abstract class ContractRules extends IndexRules {
  // Rules defined by the files after this one.
  abstract quantity: ParserMethod<[], A.Quantity>;

  public underlyingStmt = this.RULE("underlyingStmt", () => {
    this.CONSUME(T.Underlying);
    let declared: "future" | "index" | undefined;
    this.OPTION(() => {
      this.OR([
        { ALT: () => (this.CONSUME(T.Future), (declared = "future")) },
        { ALT: () => (this.CONSUME(T.Index), (declared = "index")) },
      ]);
    });
    return { kind: "Underlying" as const, declared, target: this.ident(this.CONSUME(T.Identifier)) };
  });

  public contractUnitStmt = this.RULE("contractUnitStmt", () => {
    this.CONSUME(T.Contract);
    this.CONSUME(T.Unit);
    return { kind: "ContractUnit" as const, quantity: this.SUBRULE(this.quantity) };
  });

  public tickStmt = this.RULE("tickStmt", () => {
    let variant: "outright" | "spread" | "premium" = "outright";
    this.OPTION(() => {
      this.OR([
        { ALT: () => (this.CONSUME(T.Spread), (variant = "spread")) },
        { ALT: () => (this.CONSUME(T.Premium), (variant = "premium")) },
      ]);
    });
    this.CONSUME(T.Tick);
    const tiers: A.TickTier[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => tiers.push(this.SUBRULE(this.tickTier)) });
    return { kind: "Tick" as const, variant, tiers: this.compact(tiers) };
  });

  public tickTier = this.RULE("tickTier", (): A.TickTier => {
    const start = this.LA(1);
    const tick = this.SUBRULE(this.quantity);
    let bound: A.TickTier["bound"];
    this.OPTION(() => {
      const b = this.LA(1);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.At);
            this.CONSUME(T.Or);
            this.CONSUME(T.Below);
            bound = { relation: "at-or-below", price: this.num(this.CONSUME(T.NumberLiteral)), span: this.from(b) };
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Above);
            bound = { relation: "above", price: this.num(this.CONSUME2(T.NumberLiteral)), span: this.from(b) };
          },
        },
      ]);
    });
    return { kind: "TickTier", tick, bound, span: this.from(start) };
  });

  public listingStmt = this.RULE("listingStmt", () => {
    this.CONSUME(T.Listing);
    // A part that error recovery gave up on is left out (the recovered tree has no undefined entries).
    const parts: A.ListingPart[] = [];
    const first = this.SUBRULE(this.listingPart) as A.ListingPart | undefined;
    if (first !== undefined) parts.push(first);
    this.MANY(() => {
      this.CONSUME(T.Plus);
      const next = this.SUBRULE2(this.listingPart) as A.ListingPart | undefined;
      if (next !== undefined) parts.push(next);
    });
    let time: A.ListingTime | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      time = this.SUBRULE(this.listingTime);
    });
    return { kind: "Listing" as const, parts, ...(time === undefined ? {} : { time }) };
  });

  /** `new contracts listed every Thursday at 18:00 America/New_York`; the three words are identifiers, checked later. */
  public listingTime = this.RULE("listingTime", (): A.ListingTime => {
    const s = this.LA(1);
    const words = [
      this.ident(this.CONSUME(T.Identifier)),
      // `contract` is a keyword; taken here so that the checker can say `contracts`.
      this.ident(this.OR([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.Contract) }])),
      this.ident(this.CONSUME3(T.Identifier)),
    ];
    this.CONSUME(T.Every);
    const weekday = this.ident(this.CONSUME4(T.Identifier));
    this.CONSUME(T.At);
    const at = this.SUBRULE(this.zonedTime);
    return { kind: "ListingTime", words, weekday, at, span: this.from(s) };
  });

  /**
   * `N consecutive months|weeks`, `the nearest N months in MONTH, …`, `N additional months in MONTH, …`,
   * `when the MONTH contract expires, MONTH, … N years later`, or the older `the next N in MONTH, …`. The words `nearest` and `additional` are identifiers here; the checker
   * validates them (as it does `weeks`).
   */
  public listingPart = this.RULE("listingPart", (): A.ListingPart => {
    const s = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          const count = this.num(this.CONSUME(T.NumberLiteral));
          return this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Consecutive);
                const period = this.OR3([
                  { ALT: () => (this.CONSUME(T.Months), "months" as const) },
                  { ALT: () => (this.CONSUME(T.Identifier), "weeks" as const) },
                ]);
                return { kind: "Consecutive" as const, count, period, span: this.from(s) };
              },
            },
            {
              ALT: () => {
                const word = this.ident(this.CONSUME2(T.Identifier));
                this.CONSUME2(T.Months);
                this.CONSUME(T.In);
                const months = this.SUBRULE(this.identList);
                return { kind: "Additional" as const, word, count, months, span: this.from(s) };
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.When);
          this.CONSUME4(T.The);
          const expiring = this.ident(this.CONSUME4(T.Identifier));
          this.CONSUME(T.Contract);
          this.CONSUME(T.Expires);
          this.CONSUME(T.Comma);
          const months = this.SUBRULE4(this.identList);
          const years = this.num(this.CONSUME4(T.NumberLiteral));
          this.CONSUME(T.Years);
          this.CONSUME(T.Later);
          return { kind: "OnExpiry" as const, expiring, months, years, span: this.from(s) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.The);
          return this.OR4([
            {
              ALT: () => {
                this.CONSUME(T.Next);
                const count = this.num(this.CONSUME2(T.NumberLiteral));
                this.CONSUME2(T.In);
                const months = this.SUBRULE2(this.identList);
                return { kind: "NextIn" as const, count, months, span: this.from(s) };
              },
            },
            {
              ALT: () => {
                const word = this.ident(this.CONSUME3(T.Identifier));
                const count = this.num(this.CONSUME3(T.NumberLiteral));
                this.CONSUME3(T.Months);
                this.CONSUME3(T.In);
                const months = this.SUBRULE3(this.identList);
                return { kind: "Nearest" as const, word, count, months, span: this.from(s) };
              },
            },
          ]);
        },
      },
    ]);
  });

  public lastTradingDayStmt = this.RULE("lastTradingDayStmt", () => {
    this.CONSUME(T.Last);
    this.CONSUME(T.Trading);
    this.CONSUME(T.Day);
    this.OPTION(() => this.CONSUME(T.Is));
    return { kind: "LastTradingDay" as const, rule: this.SUBRULE(this.dateRule) };
  });

  public versionsSelectedStmt = this.RULE("versionsSelectedStmt", () => {
    this.CONSUME(T.Rule);
    this.CONSUME(T.Versions);
    this.CONSUME(T.Selected);
    this.CONSUME(T.By);
    this.CONSUME(T.The);
    const key = this.OR<A.VersionsSelectedStmt["key"]>([
      {
        ALT: () => {
          this.CONSUME(T.Contract);
          this.CONSUME(T.Month);
          return "contract-month";
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Last);
          this.CONSUME(T.Trading);
          this.CONSUME(T.Day);
          return "last-trading-day";
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Listing);
          this.CONSUME(T.DateWord);
          return "listing-date";
        },
      },
    ]);
    return { kind: "VersionsSelected" as const, key };
  });

  /** `fixings of INDEX on the tick` (refused off the grid) or `fixings of INDEX rounded to the tick MODE`. */
  public fixingTickStmt = this.RULE("fixingTickStmt", () => {
    this.CONSUME(T.Fixings);
    this.CONSUME(T.Of);
    const index = this.ident(this.CONSUME(T.Identifier));
    const rounding = this.OR<A.Rounding | undefined>([
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.The);
          this.CONSUME(T.Tick);
          return undefined;
        },
      },
      { ALT: () => this.SUBRULE(this.rounding) },
    ]);
    return { kind: "FixingTick" as const, index, rounding };
  });

  public dateRule = this.RULE("dateRule", (): A.DateRule => {
    const start = this.LA(1);
    let shift: A.DateRule["shift"];
    this.OPTION(() => {
      const days = this.num(this.CONSUME(T.NumberLiteral));
      this.CONSUME(T.Business);
      this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
      const direction = this.OR2([
        { ALT: () => (this.CONSUME(T.Before), "before" as const) },
        { ALT: () => (this.CONSUME(T.After), "after" as const) },
      ]);
      shift = { days, direction, span: this.from(start) };
    });
    const anchor = this.SUBRULE(this.dateAnchor);
    let convention: A.Ident | undefined;
    let notListed: A.DateRule["notListed"];
    let calendar: A.Ident | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      this.OR3([
        {
          ALT: () => {
            this.CONSUME(T.Adjusted);
            convention = this.ident(this.CONSUME(T.Identifier));
          },
        },
        {
          // `not listed when not a business day`: `not`, `listed` and `a` are identifiers, checked later.
          ALT: () => {
            const s = this.LA(1);
            const words = [this.ident(this.CONSUME3(T.Identifier)), this.ident(this.CONSUME4(T.Identifier))];
            this.CONSUME(T.When);
            words.push(this.ident(this.CONSUME5(T.Identifier)), this.ident(this.CONSUME6(T.Identifier)));
            this.CONSUME2(T.Business);
            this.CONSUME2(T.Day);
            notListed = { words, span: this.from(s) };
          },
        },
      ]);
    });
    this.OPTION3(() => {
      this.CONSUME(T.On);
      calendar = this.ident(this.CONSUME2(T.Identifier));
    });
    let when: A.DateRule["when"];
    // `when not a business day on CALENDAR`: the calendar whose closed day moves the anchor; `not`, `a` checked later.
    this.OPTION4(() => {
      const s = this.LA(1);
      this.CONSUME2(T.When);
      const words = [this.ident(this.CONSUME7(T.Identifier)), this.ident(this.CONSUME8(T.Identifier))];
      this.CONSUME3(T.Business);
      this.CONSUME3(T.Day);
      this.CONSUME2(T.On);
      const on = this.ident(this.CONSUME9(T.Identifier));
      when = { words, calendar: on, span: this.from(s) };
    });
    return {
      kind: "DateRule",
      shift,
      anchor,
      convention,
      ...(notListed === undefined ? {} : { notListed }),
      calendar,
      ...(when === undefined ? {} : { when }),
      span: this.from(start),
    };
  });

  public dateAnchor = this.RULE("dateAnchor", (): A.DateAnchor => {
    const start = this.CONSUME(T.The);
    return this.OR<A.DateAnchor>([
      {
        ALT: () => {
          const ordinal = this.SUBRULE(this.ordinal);
          return this.OR2<A.DateAnchor>([
            {
              ALT: () => {
                this.CONSUME(T.Business);
                this.CONSUME(T.Day);
                this.CONSUME(T.Of);
                const month = this.SUBRULE(this.monthRef);
                return { kind: "BusinessDayOfMonth", ordinal, month, span: this.from(start) };
              },
            },
            {
              ALT: () => {
                const weekday = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME2(T.Of);
                const month = this.SUBRULE2(this.monthRef);
                return { kind: "WeekdayOfMonth", ordinal, weekday, month, span: this.from(start) };
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          const day = this.num(this.CONSUME(T.OrdinalNumber));
          this.CONSUME2(T.Day);
          this.CONSUME3(T.Of);
          const month = this.SUBRULE3(this.monthRef);
          return {
            kind: "DayOfMonth",
            day: { ...day, value: canonicalDecimal(day.raw.replace(/\D+$/, "")) },
            month,
            span: this.from(start),
          };
        },
      },
      {
        ALT: () => {
          const weekday = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME4(T.Of);
          this.CONSUME2(T.The);
          this.CONSUME(T.Contract);
          this.CONSUME(T.Week);
          return { kind: "WeekdayOfWeek", weekday, span: this.from(start) };
        },
      },
    ]);
  });

  public monthRef = this.RULE("monthRef", (): A.MonthRef => {
    const start = this.CONSUME(T.The);
    return this.OR<A.MonthRef>([
      {
        ALT: () => {
          this.CONSUME(T.Contract);
          return this.OR2<A.MonthRef>([
            { ALT: () => (this.CONSUME(T.Month), { kind: "ContractMonth", span: this.from(start) }) },
            { ALT: () => (this.CONSUME(T.Week), { kind: "ContractWeek", span: this.from(start) }) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Month);
          this.CONSUME(T.Before);
          this.CONSUME2(T.The);
          this.CONSUME2(T.Contract);
          this.CONSUME3(T.Month);
          return { kind: "MonthBefore", span: this.from(start) };
        },
      },
    ]);
  });

  public expiryStmt = this.RULE("expiryStmt", () => {
    this.CONSUME(T.Expiry);
    let businessDaysBefore: A.NumberLit | undefined;
    let calendar: A.Ident | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.With);
          this.CONSUME(T.The);
          this.CONSUME(T.Underlying);
        },
      },
      {
        ALT: () => {
          businessDaysBefore = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Business);
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          this.CONSUME(T.Before);
          this.CONSUME2(T.The);
          this.CONSUME2(T.Underlying);
          this.OPTION(() => {
            this.CONSUME(T.On);
            calendar = this.ident(this.CONSUME(T.Identifier));
          });
        },
      },
    ]);
    return { kind: "Expiry" as const, businessDaysBefore, calendar };
  });

  public terminationStmt = this.RULE("terminationStmt", () => {
    this.CONSUME(T.Trading);
    this.CONSUME(T.Terminates);
    this.CONSUME(T.At);
    return { kind: "Termination" as const, at: this.SUBRULE(this.zonedTime) };
  });

  public rounding = this.RULE("rounding", (): A.Rounding => {
    const start = this.LA(1);
    return this.OR<A.Rounding>([
      {
        ALT: () => {
          this.CONSUME(T.Rounded);
          this.CONSUME(T.To);
          const increment = this.OR2<A.NumberLit | "tick">([
            { ALT: () => this.num(this.CONSUME(T.NumberLiteral)) },
            {
              ALT: () => {
                this.CONSUME(T.The);
                this.CONSUME(T.Tick);
                return "tick" as const;
              },
            },
          ]);
          const mode = this.ident(this.CONSUME(T.Identifier));
          return { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Unrounded);
          return { kind: "Rounding", increment: undefined, mode: undefined, unrounded: true, span: this.from(start) };
        },
      },
    ]);
  });
}
