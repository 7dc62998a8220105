/**
 * The statements of options and spreads: type, exercise, automatic exercise, strikes, legs, negative prices,
 * payment and payment amounts.
 */
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { FallbackRules } from "./fallback.js";

export abstract class OptionRules extends FallbackRules {
  public optionTypeStmt = this.RULE("optionTypeStmt", () => {
    this.CONSUME(T.Type);
    return { kind: "OptionType" as const, rights: this.SUBRULE(this.identList) };
  });

  public exerciseStmt = this.RULE("exerciseStmt", () => {
    this.CONSUME(T.Exercise);
    return { kind: "Exercise" as const, style: this.ident(this.CONSUME(T.Identifier)) };
  });

  public autoExerciseStmt = this.RULE("autoExerciseStmt", () => {
    this.CONSUME(T.Automatic);
    this.CONSUME(T.Exercise);
    this.CONSUME(T.When);
    this.CONSUME(T.In);
    this.CONSUME(T.The);
    this.CONSUME(T.Money);
    this.CONSUME(T.By);
    this.CONSUME(T.At);
    this.CONSUME(T.Least);
    return { kind: "AutoExercise" as const, threshold: this.SUBRULE(this.quantity) };
  });

  public strikesStmt = this.RULE("strikesStmt", (): A.StrikesStmt | A.StrikeListingStmt => {
    const start = this.CONSUME(T.Strikes);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          return { kind: "Strikes" as const, step: this.SUBRULE(this.quantity), span: this.from(start) };
        },
      },
      {
        // `strikes listed every Q from P below to P above the prior settlement[ in the nearest N months]`.
        ALT: () => {
          const listed = this.ident(this.CONSUME(T.Identifier));
          this.CONSUME2(T.Every);
          const step = this.SUBRULE2(this.quantity);
          this.CONSUME(T.From);
          const below = this.pct(this.CONSUME(T.Percent));
          this.CONSUME(T.Below);
          this.CONSUME(T.To);
          const above = this.pct(this.CONSUME2(T.Percent));
          this.CONSUME(T.Above);
          this.CONSUME(T.The);
          this.CONSUME(T.Prior);
          this.CONSUME(T.Settlement);
          let nearest: A.StrikeListingStmt["nearest"];
          this.OPTION(() => {
            this.CONSUME(T.In);
            this.CONSUME2(T.The);
            const word = this.ident(this.CONSUME2(T.Identifier));
            const months = this.num(this.CONSUME(T.NumberLiteral));
            this.CONSUME(T.Months);
            nearest = { word, months };
          });
          return {
            kind: "StrikeListing" as const,
            listed,
            step,
            below,
            above,
            ...(nearest === undefined ? {} : { nearest }),
            span: this.from(start),
          };
        },
      },
    ]);
  });

  public legStmt = this.RULE("legStmt", (): A.LegStmt | A.LegPricingStmt => {
    const start = this.CONSUME(T.Leg);
    return this.OR([
      {
        // `leg prices from the prior daily settlement price of the near leg` (`… of the far leg`, `… of leg N`).
        ALT: () => {
          this.CONSUME(T.Prices);
          this.CONSUME(T.From);
          this.CONSUME(T.The);
          this.CONSUME(T.Prior);
          this.CONSUME(T.Daily);
          this.CONSUME(T.Settlement);
          this.CONSUME(T.Price);
          this.CONSUME(T.Of);
          let anchorWord: A.Ident | undefined;
          let anchorLeg: A.NumberLit | undefined;
          this.OR2([
            {
              ALT: () => {
                this.CONSUME2(T.The);
                anchorWord = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME2(T.Leg);
              },
            },
            {
              ALT: () => {
                this.CONSUME3(T.Leg);
                anchorLeg = this.num(this.CONSUME(T.NumberLiteral));
              },
            },
          ]);
          return { kind: "LegPricing" as const, anchorWord, anchorLeg, span: this.from(start) };
        },
      },
      { ALT: () => this.legBody() },
    ]);
  });

  private legBody(): A.LegStmt {
    const side = this.ident(this.CONSUME2(T.Identifier));
    const ratio = this.num(this.CONSUME2(T.NumberLiteral));
    const contract = this.ident(this.CONSUME3(T.Identifier));
    let monthsLater: A.NumberLit | undefined;
    let rounding: A.Rounding | undefined;
    this.OPTION(() => {
      monthsLater = this.num(this.CONSUME3(T.NumberLiteral));
      this.OR3([{ ALT: () => this.CONSUME(T.Month) }, { ALT: () => this.CONSUME(T.Months) }]);
      this.CONSUME(T.Later);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      rounding = this.SUBRULE(this.rounding);
    });
    return { kind: "Leg" as const, side, ratio, contract, monthsLater, rounding } as A.LegStmt;
  }

  public negativePricesStmt = this.RULE("negativePricesStmt", () => {
    this.CONSUME(T.Negative);
    this.CONSUME(T.Prices);
    this.CONSUME(T.Allowed);
    return { kind: "NegativePrices" as const };
  });

  public paymentStmt = this.RULE("paymentStmt", () => {
    this.CONSUME(T.Payment);
    const businessDays = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Business);
    this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
    this.CONSUME(T.After);
    this.CONSUME(T.The);
    const anchor = this.OR2<A.PaymentAnchor>([
      {
        ALT: () => {
          this.CONSUME(T.Final);
          this.CONSUME(T.Settlement);
          this.CONSUME2(T.Day);
          return "final-settlement-day";
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Last);
          this.CONSUME(T.Trading);
          this.CONSUME3(T.Day);
          return "last-trading-day";
        },
      },
    ]);
    this.CONSUME(T.On);
    const calendar = this.ident(this.CONSUME(T.Identifier));
    return { kind: "Payment" as const, businessDays, anchor, calendar };
  });

  public paymentAmountsStmt = this.RULE("paymentAmountsStmt", () => {
    this.CONSUME(T.Payment);
    this.CONSUME(T.Amounts);
    const start = this.CONSUME(T.Rounded);
    this.CONSUME(T.To);
    const increment = this.num(this.CONSUME(T.NumberLiteral));
    const mode = this.ident(this.CONSUME(T.Identifier));
    const rounding: A.Rounding = { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
    return { kind: "PaymentAmounts" as const, rounding };
  });
}
