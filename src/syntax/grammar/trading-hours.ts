/**
 * Trading hours (sessions, daily breaks, early closes, changed sessions) and the index licence and disclaimer.
 */
import { type IToken } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { OptionRules } from "./option.js";

export abstract class TradingHoursRules extends OptionRules {
  /** A word of a fixed phrase, read as an identifier (so it stays usable as a name elsewhere) and checked later. */
  private fixed(tok: IToken, expected: string, words: A.FixedWord[]): void {
    words.push({ word: this.ident(tok), expected });
  }

  /**
   * `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago, with a break of 60 minutes each day beginning
   * at 16:00`, `trading hours 24 hours a day, 7 days a week in America/Chicago`, or a closed day `trading closed
   * "Christmas Day" on 25 December`; one rule, since all three start with `trading` and a word.
   */
  public tradingHoursStmt = this.RULE("tradingHoursStmt", (): Omit<A.TradingHoursStmt | A.SessionChangeStmt, "annotations" | "span"> => {
    this.CONSUME(T.Trading);
    const words: A.FixedWord[] = [];
    const first = this.CONSUME(T.Identifier);
    return this.OR<Omit<A.TradingHoursStmt | A.SessionChangeStmt, "annotations" | "span">>([
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "hours", words));
          const from = this.ident(this.CONSUME2(T.Identifier));
          this.CONSUME(T.To);
          const to = this.ident(this.CONSUME3(T.Identifier));
          const opens = this.time(this.CONSUME(T.TimeLiteral));
          this.CONSUME2(T.To);
          const closes = this.time(this.CONSUME2(T.TimeLiteral));
          const zone = this.SUBRULE(this.zone);
          const brk = this.SUBRULE(this.dailyBreak);
          return {
            kind: "TradingHours" as const,
            words: [...words, ...(brk?.words ?? [])],
            days: { from, to },
            opens,
            closes,
            always: undefined,
            zone,
            breakMinutes: brk?.breakMinutes,
            breakBegins: brk?.breakBegins,
          };
        },
      },
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "hours", words));
          const hours = this.num(this.CONSUME(T.NumberLiteral));
          this.fixed(this.CONSUME4(T.Identifier), "hours", words);
          this.fixed(this.CONSUME5(T.Identifier), "a", words);
          this.CONSUME(T.Day);
          this.CONSUME(T.Comma);
          const days = this.num(this.CONSUME2(T.NumberLiteral));
          this.CONSUME(T.Days);
          this.fixed(this.CONSUME6(T.Identifier), "a", words);
          this.CONSUME(T.Week);
          this.CONSUME(T.In);
          const zone = this.SUBRULE2(this.zone);
          const brk = this.SUBRULE2(this.dailyBreak);
          return {
            kind: "TradingHours" as const,
            words: [...words, ...(brk?.words ?? [])],
            days: undefined,
            opens: undefined,
            closes: undefined,
            always: { hours, days },
            zone,
            breakMinutes: brk?.breakMinutes,
            breakBegins: brk?.breakBegins,
          };
        },
      },
      {
        ALT: () => {
          this.ACTION(() => this.fixed(first, "closed", words));
          const day = this.SUBRULE(this.sessionDay);
          return this.ACTION(() => ({ ...day, words: [...words, ...day.words] }));
        },
      },
    ]);
  });

  /** `, with a break of 60 minutes each day beginning at 16:00` (optional). */
  public dailyBreak = this.RULE("dailyBreak", () => {
    const words: A.FixedWord[] = [];
    let breakMinutes: A.NumberLit | undefined;
    let breakBegins: A.TimeLit | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.With);
      this.fixed(this.CONSUME(T.Identifier), "a", words);
      this.fixed(this.CONSUME2(T.Identifier), "break", words);
      this.CONSUME(T.Of);
      breakMinutes = this.num(this.CONSUME(T.NumberLiteral));
      this.fixed(this.CONSUME3(T.Identifier), "minutes", words);
      this.fixed(this.CONSUME4(T.Identifier), "each", words);
      this.CONSUME(T.Day);
      this.fixed(this.CONSUME5(T.Identifier), "beginning", words);
      this.CONSUME(T.At);
      breakBegins = this.time(this.CONSUME(T.TimeLiteral));
    });
    return { breakMinutes, breakBegins, words };
  });

  /** `early close "Christmas Eve" at 12:15 on 24 December`. */
  public earlyCloseStmt = this.RULE("earlyCloseStmt", () => {
    this.CONSUME(T.Early);
    const words: A.FixedWord[] = [];
    this.fixed(this.CONSUME(T.Identifier), "close", words);
    let name: A.StringLit | undefined;
    this.OPTION(() => (name = this.str(this.CONSUME(T.StringLiteral))));
    this.CONSUME(T.At);
    const closes = this.time(this.CONSUME(T.TimeLiteral));
    const day = this.SUBRULE(this.sessionDay);
    return this.ACTION(() => ({ ...day, words: [...words, ...day.words], closes, name: name ?? day.name }));
  });

  /** `["NAME"] on [the day before|after] HOLIDAY-DATE [from YEAR] [until YEAR] [, observed …]`. */
  public sessionDay = this.RULE("sessionDay", (): Omit<A.SessionChangeStmt, "annotations" | "span"> => {
    let name: A.StringLit | undefined;
    this.OPTION(() => (name = this.str(this.CONSUME(T.StringLiteral))));
    this.CONSUME(T.On);
    let shift: "before" | "after" | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.The);
      this.CONSUME(T.Day);
      shift = this.OR([
        { ALT: () => (this.CONSUME(T.Before), "before" as const) },
        { ALT: () => (this.CONSUME(T.After), "after" as const) },
      ]);
    });
    const date = this.SUBRULE(this.holidayDate);
    let fromYear: A.NumberLit | undefined;
    let untilYear: A.NumberLit | undefined;
    let observance: A.Observance | undefined;
    this.OPTION3(() => {
      this.CONSUME(T.From);
      fromYear = this.num(this.CONSUME(T.NumberLiteral));
    });
    this.OPTION4(() => {
      this.CONSUME(T.Until);
      untilYear = this.num(this.CONSUME2(T.NumberLiteral));
    });
    this.OPTION5(() => {
      this.OPTION6(() => this.CONSUME(T.Comma));
      observance = this.SUBRULE(this.observance);
    });
    return {
      kind: "SessionChange" as const,
      words: [],
      name,
      closes: undefined,
      shift,
      date,
      fromYear,
      untilYear,
      exceptYears: [],
      observance,
    };
  });

  public indexLicenceStmt = this.RULE("indexLicenceStmt", () => {
    this.CONSUME(T.Index);
    this.CONSUME(T.Licence);
    const index = this.ident(this.CONSUME(T.Identifier));
    this.CONSUME(T.From);
    const licensor = this.str(this.CONSUME(T.StringLiteral));
    return { kind: "IndexLicence" as const, index, licensor };
  });

  public indexDisclaimerStmt = this.RULE("indexDisclaimerStmt", () => {
    this.CONSUME(T.Index);
    this.CONSUME(T.Disclaimer);
    const paragraphs: A.StringLit[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => paragraphs.push(this.str(this.CONSUME(T.StringLiteral))) });
    return { kind: "IndexDisclaimer" as const, paragraphs };
  });
}
