/**
 * The final settlement statement of contracts: its value (an index at a time, an average of fixings over averaging
 * days, an underlying's final settlement price, a future's VWAP) and its rounding.
 */
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { ContractRules } from "./contract.js";

export abstract class SettlementRules extends ContractRules {
  public finalSettlementStmt = this.RULE("finalSettlementStmt", () => {
    this.CONSUME(T.Final);
    this.CONSUME(T.Settlement);
    this.CONSUME(T.In);
    const method = this.ident(this.CONSUME(T.Identifier));
    const value = this.SUBRULE(this.settlementValue);
    this.CONSUME(T.Comma);
    // `or at the final settlement price of FUTURE on its last trading day,` between the value and the rounding.
    let orFinal: A.FinalSettlementStmt["orFinal"];
    this.OPTION(() => {
      const s = this.LA(1);
      this.CONSUME(T.Or);
      this.CONSUME(T.At);
      this.CONSUME(T.The);
      this.CONSUME2(T.Final);
      this.CONSUME2(T.Settlement);
      this.CONSUME(T.Price);
      this.CONSUME(T.Of);
      const target = this.ident(this.CONSUME2(T.Identifier));
      this.CONSUME(T.On);
      this.CONSUME(T.Its);
      this.CONSUME(T.Last);
      this.CONSUME(T.Trading);
      this.CONSUME(T.Day);
      orFinal = { target, span: this.from(s) };
      this.CONSUME2(T.Comma);
    });
    const rounding = this.SUBRULE(this.rounding);
    return { kind: "FinalSettlement" as const, method, value, ...(orFinal === undefined ? {} : { orFinal }), rounding };
  });

  public settlementValue = this.RULE("settlementValue", (): A.SettlementValue => {
    const start = this.LA(1);
    return this.OR<A.SettlementValue>([
      {
        ALT: () => {
          this.CONSUME(T.Leg);
          this.CONSUME(T.By);
          this.CONSUME2(T.Leg);
          return { kind: "LegByLeg", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.At);
          return this.OR2<A.SettlementValue>([
            {
              ALT: () => {
                const index = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME2(T.At);
                const at = this.SUBRULE(this.zonedTime);
                this.CONSUME(T.On);
                this.CONSUME(T.The);
                this.CONSUME(T.Last);
                this.CONSUME(T.Trading);
                this.CONSUME(T.Day);
                return { kind: "IndexAt", index, at, span: this.from(start) };
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.The);
                return this.OR3<A.SettlementValue>([
                  {
                    ALT: () => {
                      this.CONSUME(T.Average);
                      this.CONSUME(T.Of);
                      const index = this.ident(this.CONSUME2(T.Identifier));
                      this.CONSUME3(T.At);
                      const at = this.SUBRULE2(this.zonedTime);
                      this.CONSUME(T.Over);
                      const days = this.SUBRULE(this.averagingDays);
                      return { kind: "IndexAverage", index, at, days, span: this.from(start) };
                    },
                  },
                  {
                    ALT: () => {
                      this.CONSUME(T.Final);
                      this.CONSUME(T.Settlement);
                      this.CONSUME(T.Price);
                      this.CONSUME2(T.Of);
                      const target = this.ident(this.CONSUME3(T.Identifier));
                      return { kind: "UnderlyingFinal", target, span: this.from(start) };
                    },
                  },
                  {
                    // `the vwap of FUTURE trades from 15:00 inclusive to 16:00 exclusive ZONE on the last trading day`.
                    ALT: () => {
                      this.CONSUME(T.Vwap);
                      this.CONSUME3(T.Of);
                      const target = this.ident(this.CONSUME4(T.Identifier));
                      this.CONSUME(T.Trades);
                      const window = this.SUBRULE(this.timeWindow);
                      this.CONSUME2(T.On);
                      this.CONSUME3(T.The);
                      this.CONSUME2(T.Last);
                      this.CONSUME2(T.Trading);
                      this.CONSUME2(T.Day);
                      return { kind: "FutureVwap", target, window, span: this.from(start) };
                    },
                  },
                ]);
              },
            },
          ]);
        },
      },
    ]);
  });

  public averagingDays = this.RULE("averagingDays", (): A.AveragingDays => {
    const start = this.LA(1);
    let calendar: A.Ident | undefined;
    const result = this.OR<A.AveragingDays>([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.CONSUME(T.Business);
          this.CONSUME(T.Day);
          this.CONSUME(T.Of);
          this.CONSUME(T.The);
          this.CONSUME(T.Contract);
          this.CONSUME(T.Month);
          return { kind: "EveryBusinessDay", calendar: undefined, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.The);
          this.CONSUME(T.Last);
          const count = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME2(T.Business);
          this.CONSUME(T.Days);
          this.CONSUME(T.Up);
          this.CONSUME(T.To);
          this.CONSUME3(T.The);
          this.CONSUME2(T.Last);
          this.CONSUME(T.Trading);
          this.CONSUME2(T.Day);
          return { kind: "LastBusinessDays", count, calendar: undefined, span: this.from(start) };
        },
      },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.On);
      calendar = this.ident(this.CONSUME(T.Identifier));
    });
    return this.ACTION(() => ({ ...result, calendar, span: this.from(start) }));
  });
}
