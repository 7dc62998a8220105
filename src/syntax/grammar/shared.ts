/**
 * The pieces several statements share: identifier lists, zones and zoned times, time windows, durations,
 * quantities and units.
 */
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { lineBreakBetween } from "./base.js";
import { TradingHoursRules } from "./trading-hours.js";

export abstract class SharedRules extends TradingHoursRules {
  public identList = this.RULE(
    "identList",
    (): A.Ident[] => {
      const out: A.Ident[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => out.push(this.ident(this.CONSUME(T.Identifier))) });
      return out;
    },
    { recoveryValueFunc: () => [] },
  );

  public zone = this.RULE("zone", (): A.ZoneRef => {
    const tok = this.OR([{ ALT: () => this.CONSUME(T.ZoneName) }, { ALT: () => this.CONSUME(T.Identifier) }]);
    return { kind: "Zone", name: tok.image, span: this.tokSpan(tok) };
  });

  public zonedTime = this.RULE("zonedTime", (): A.ZonedTime => {
    const t = this.CONSUME(T.TimeLiteral);
    const zone = this.SUBRULE(this.zone);
    return { kind: "ZonedTime", time: this.time(t), zone, span: this.from(t) };
  });

  public timeWindow = this.RULE("timeWindow", (): A.TimeWindow => {
    const start = this.CONSUME(T.From);
    const from = this.time(this.CONSUME(T.TimeLiteral));
    // `from 23:00 on the previous day inclusive …`: a window that starts on the day before the fixing date.
    let fromDay: A.Ident | undefined;
    this.OPTION(() => {
      this.CONSUME(T.On);
      this.CONSUME(T.The);
      fromDay = this.ident(this.CONSUME(T.Identifier));
      this.CONSUME(T.Day);
    });
    const fromBound = this.SUBRULE(this.bound);
    this.CONSUME(T.To);
    const to = this.time(this.CONSUME2(T.TimeLiteral));
    const toBound = this.SUBRULE2(this.bound);
    const zone = this.SUBRULE(this.zone);
    return {
      kind: "TimeWindow",
      from,
      fromBound,
      to,
      toBound,
      zone,
      ...(fromDay === undefined ? {} : { fromDay }),
      span: this.from(start),
    };
  });

  public bound = this.RULE("bound", () =>
    this.OR([
      { ALT: () => (this.CONSUME(T.Inclusive), "inclusive" as const) },
      { ALT: () => (this.CONSUME(T.Exclusive), "exclusive" as const) },
    ]),
  );

  public duration = this.RULE("duration", (): A.Duration => {
    const start = this.LA(1);
    const amount = this.num(this.CONSUME(T.NumberLiteral));
    let business = false;
    this.OPTION(() => {
      this.CONSUME(T.Business);
      business = true;
    });
    const unit = this.ident(
      this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Days) }, { ALT: () => this.CONSUME(T.Day) }]),
    );
    return { kind: "Duration", amount, business, unit, span: this.from(start) };
  });

  public quantity = this.RULE("quantity", (): A.Quantity => {
    const start = this.LA(1);
    const amount = this.num(this.CONSUME(T.NumberLiteral));
    const unit = this.SUBRULE(this.unitExpr);
    return { kind: "Quantity", amount, unit, span: this.from(start) };
  });

  public unitExpr = this.RULE("unitExpr", (): A.UnitExpr => {
    const start = this.LA(1);
    const numerator = this.SUBRULE(this.unitTerm);
    let denominator: A.UnitTerm | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Per);
      denominator = this.SUBRULE2(this.unitTerm);
    });
    return { kind: "UnitExpr", numerator, denominator, span: this.from(start) };
  });

  public unitTerm = this.RULE("unitTerm", (): A.UnitTerm => {
    const start = this.LA(1);
    let scale: A.NumberLit | undefined;
    this.OPTION(() => {
      scale = this.num(this.OR([{ ALT: () => this.CONSUME(T.ScaledNumber) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]));
    });
    const words: A.Ident[] = [this.ident(this.CONSUME(T.Identifier))];
    // A unit never spans lines: a word on the next line starts the next statement (often a misspelled keyword).
    // `contract` is a keyword but also the last word of `1 BTC futures contract` (an option on a future).
    this.MANY({
      GATE: () => !lineBreakBetween(this.text, this.LA(0).endOffset, this.LA(1).startOffset),
      DEF: () => words.push(this.ident(this.OR2([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.Contract) }]))),
    });
    return { kind: "UnitTerm", scale, words, span: this.from(start) };
  });
}
