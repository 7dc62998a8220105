/**
 * The statements of calendars: time zone, weekend, holidays (dates and observance), joint calendars, `based on`.
 */
import { type ParserMethod } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import type { Span } from "../../base/source.js";
import { DeclarationRules } from "./declarations.js";

export abstract class CalendarRules extends DeclarationRules {
  // Rules defined by the files after this one.
  abstract zone: ParserMethod<[], A.ZoneRef>;
  abstract identList: ParserMethod<[], A.Ident[]>;

  public timeZoneStmt = this.RULE("timeZoneStmt", () => {
    this.CONSUME(T.Time);
    this.CONSUME(T.Zone);
    return { kind: "TimeZone" as const, zone: this.SUBRULE(this.zone) };
  });

  public weekendStmt = this.RULE("weekendStmt", () => {
    this.CONSUME(T.Weekend);
    return { kind: "Weekend" as const, days: this.SUBRULE(this.identList) };
  });

  public holidayStmt = this.RULE("holidayStmt", () => {
    this.CONSUME(T.Holiday);
    const name = this.str(this.CONSUME(T.StringLiteral));
    this.CONSUME(T.On);
    const date = this.SUBRULE(this.holidayDate);
    let fromYear: A.NumberLit | undefined;
    let untilYear: A.NumberLit | undefined;
    const exceptYears: A.NumberLit[] = [];
    let observance: A.Observance | undefined;
    this.OPTION(() => {
      this.CONSUME(T.From);
      fromYear = this.num(this.CONSUME(T.NumberLiteral));
    });
    this.OPTION2(() => {
      this.CONSUME(T.Until);
      untilYear = this.num(this.CONSUME2(T.NumberLiteral));
    });
    this.OPTION3(() => {
      this.CONSUME(T.Except);
      this.CONSUME(T.In);
      exceptYears.push(this.num(this.CONSUME3(T.NumberLiteral)));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        exceptYears.push(this.num(this.CONSUME4(T.NumberLiteral)));
      });
    });
    this.OPTION4(() => {
      this.OPTION5(() => this.CONSUME2(T.Comma));
      observance = this.SUBRULE(this.observance);
    });
    return { kind: "Holiday" as const, name, date, fromYear, untilYear, exceptYears, observance };
  });

  public holidayDate = this.RULE("holidayDate", (): A.HolidayDate => {
    const start = this.LA(1);
    return this.OR<A.HolidayDate>([
      {
        ALT: () => {
          const dates = [this.date(this.CONSUME(T.DateLiteral))];
          this.MANY({
            // A comma followed by a date continues the list; `, observed` ends it.
            GATE: () => this.LA(2).tokenType === T.DateLiteral,
            DEF: () => {
              this.CONSUME(T.Comma);
              dates.push(this.date(this.CONSUME2(T.DateLiteral)));
            },
          });
          return { kind: "OneOff", dates, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const day = this.num(this.CONSUME(T.NumberLiteral));
          const month = this.ident(this.CONSUME(T.Identifier));
          return { kind: "FixedDate", day, month, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const offset = this.num(this.CONSUME2(T.NumberLiteral));
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          const direction = this.OR3([
            { ALT: () => (this.CONSUME(T.Before), "before" as const) },
            { ALT: () => (this.CONSUME(T.After), "after" as const) },
          ]);
          this.CONSUME(T.Easter);
          return { kind: "EasterRelative", offset, direction, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Easter);
          return { kind: "EasterRelative", offset: undefined, direction: "on", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.The);
          const ordinal = this.SUBRULE(this.ordinal);
          const weekday = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME(T.Of);
          const month = this.ident(this.CONSUME3(T.Identifier));
          return { kind: "NthWeekday", ordinal, weekday, month, span: this.from(start) };
        },
      },
    ]);
  });

  /** `first` … `fifth` or `last`, as an identifier node. */
  public ordinal = this.RULE("ordinal", (): A.Ident => {
    const tok = this.OR([{ ALT: () => this.CONSUME(T.OrdinalWord) }, { ALT: () => this.CONSUME(T.Last) }]);
    return this.ident(tok);
  });

  public observance = this.RULE("observance", (): A.Observance => {
    const start = this.CONSUME(T.Observed);
    return this.OR<A.Observance>([
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.The);
          this.CONSUME(T.Next);
          this.CONSUME(T.Weekday);
          return { kind: "SubstituteObservance", span: this.from(start) };
        },
      },
      {
        ALT: () => {
          const shifts: { from: A.Ident | undefined; to: A.Ident | undefined; span: Span }[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const f = this.CONSUME(T.Identifier);
              this.CONSUME(T.As);
              const t = this.CONSUME2(T.Identifier);
              shifts.push({ from: this.ident(f), to: this.ident(t), span: this.from(f) });
            },
          });
          return { kind: "ShiftObservance", shifts, span: this.from(start) };
        },
      },
    ]);
  });

  public jointStmt = this.RULE("jointStmt", () => {
    this.CONSUME(T.Business);
    this.CONSUME(T.Day);
    this.CONSUME(T.In);
    const mode = this.OR([{ ALT: () => (this.CONSUME(T.All), "all" as const) }, { ALT: () => (this.CONSUME(T.Any), "any" as const) }]);
    this.CONSUME(T.Of);
    return { kind: "Joint" as const, mode, calendars: this.SUBRULE(this.identList) };
  });

  public basedOnStmt = this.RULE("basedOnStmt", () => {
    this.CONSUME(T.Based);
    this.CONSUME(T.On);
    return { kind: "BasedOn" as const, calendars: this.SUBRULE(this.identList) };
  });
}
