/**
 * `fallback { … }`: the disruptions it covers and its numbered steps.
 */
import { EOF } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import { noAnnotations } from "./base.js";
import { DailyRules } from "./daily.js";

export abstract class FallbackRules extends DailyRules {
  public fallbackStmt = this.RULE("fallbackStmt", () => {
    this.CONSUME(T.Fallback);
    this.CONSUME(T.LCurly);
    const disruptions: A.DisruptionDecl[] = [];
    const steps: A.FallbackStep[] = [];
    this.statementList(() =>
      this.MANY({
        GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
        DEF: () => {
          this.OR([
            { ALT: () => disruptions.push(this.SUBRULE(this.disruption)) },
            { ALT: () => steps.push(this.SUBRULE(this.fallbackStep)) },
          ]);
        },
      }),
    );
    this.CONSUME(T.RCurly);
    return { kind: "Fallback" as const, disruptions: this.compact(disruptions), steps: this.compact(steps) };
  });

  public disruption = this.RULE("disruption", (): A.DisruptionDecl => {
    const start = this.CONSUME(T.Disruption);
    this.CONSUME(T.If);
    const condition = this.SUBRULE(this.disruptionName);
    let deadline: A.ZonedTime | undefined;
    let duration: A.Duration | undefined;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.By);
            deadline = this.SUBRULE(this.zonedTime);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.For);
            this.CONSUME(T.More);
            this.CONSUME(T.Than);
            duration = this.SUBRULE(this.duration);
          },
        },
      ]);
    });
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return { kind: "Disruption", condition, deadline, duration, annotations: annotations ?? noAnnotations, span };
  });

  /** A disruption kind such as `not-published`; `stale`, `holiday` and `flagged` are keywords elsewhere. */
  public disruptionName = this.RULE("disruptionName", (): A.Ident => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.Stale) },
      { ALT: () => this.CONSUME(T.Holiday) },
      // `disruption if flagged` (issue 15): the index published its value with a flag.
      { ALT: () => this.CONSUME(T.Flagged) },
    ]);
    return this.ident(tok);
  });

  public fallbackStep = this.RULE("fallbackStep", (): A.FallbackStep => {
    const start = this.LA(1);
    const number = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Dot);
    const action = this.SUBRULE(this.fallbackAction);
    const only: A.Ident[] = [];
    this.OPTION(() => {
      this.CONSUME(T.For);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => only.push(this.SUBRULE(this.disruptionName)) });
    });
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return { kind: "FallbackStep", number, action, only: this.compact(only), annotations: annotations ?? noAnnotations, span };
  });

  /** `within N business days [on CAL]`: the deadline of a fallback step, counted from the day the value is for. */
  public fallbackDeadline = this.RULE("fallbackDeadline", (): A.FallbackDeadline => {
    const start = this.CONSUME(T.Within);
    const days = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Business);
    this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
    let calendar: A.Ident | undefined;
    this.OPTION(() => {
      this.CONSUME(T.On);
      calendar = this.ident(this.CONSUME(T.Identifier));
    });
    return { kind: "FallbackDeadline", days, calendar, span: this.from(start) };
  });

  public fallbackAction = this.RULE("fallbackAction", (): A.FallbackAction => {
    const start = this.LA(1);
    return this.OR<A.FallbackAction>([
      {
        ALT: () => {
          this.CONSUME(T.Postpone);
          this.CONSUME(T.Up);
          this.CONSUME(T.To);
          const days = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Business);
          this.OR2([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Days) }]);
          let calendar: A.Ident | undefined;
          this.OPTION(() => {
            this.CONSUME(T.On);
            calendar = this.ident(this.CONSUME(T.Identifier));
          });
          return { kind: "Postpone", days, calendar, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Use);
          this.CONSUME(T.Index);
          return { kind: "AlternateIndex", index: this.ident(this.CONSUME2(T.Identifier)), span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Carry);
          this.CONSUME(T.Forward);
          this.CONSUME(T.The);
          this.CONSUME(T.Last);
          this.CONSUME(T.Published);
          this.CONSUME(T.Value);
          let flagged = false;
          let withinDays: A.NumberLit | undefined;
          let calendar: A.Ident | undefined;
          this.OPTION2(() => {
            this.CONSUME(T.Comma);
            this.CONSUME(T.Flagged);
            flagged = true;
          });
          this.OPTION3(() => {
            this.CONSUME(T.If);
            this.CONSUME2(T.Published);
            this.CONSUME(T.Within);
            withinDays = this.num(this.CONSUME2(T.NumberLiteral));
            this.CONSUME2(T.Business);
            this.OR3([{ ALT: () => this.CONSUME2(T.Day) }, { ALT: () => this.CONSUME2(T.Days) }]);
            this.OPTION4(() => {
              this.CONSUME2(T.On);
              calendar = this.ident(this.CONSUME4(T.Identifier));
            });
          });
          return { kind: "CarryForward", flagged, withinDays, calendar, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Determined);
          this.CONSUME(T.By);
          this.CONSUME2(T.The);
          const party = this.ident(this.CONSUME3(T.Identifier));
          let deadline: A.FallbackDeadline | undefined;
          this.OPTION5(() => {
            this.CONSUME5(T.Comma);
            deadline = this.SUBRULE(this.fallbackDeadline);
          });
          return { kind: "Determination", party, deadline, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Poll);
          const dealers = this.num(this.CONSUME4(T.NumberLiteral));
          this.CONSUME(T.Dealers);
          this.CONSUME6(T.Comma);
          this.CONSUME2(T.Minimum);
          const minimumQuotes = this.num(this.CONSUME5(T.NumberLiteral));
          this.CONSUME(T.Quotes);
          let dropHighest: A.NumberLit | undefined;
          let dropLowest: A.NumberLit | undefined;
          this.OPTION6(() => {
            this.CONSUME7(T.Comma);
            this.CONSUME(T.Dropping);
            dropHighest = this.num(this.CONSUME6(T.NumberLiteral));
            this.CONSUME(T.Highest);
            this.CONSUME(T.And);
            dropLowest = this.num(this.CONSUME7(T.NumberLiteral));
            this.CONSUME(T.Lowest);
          });
          this.CONSUME8(T.Comma);
          const rounding = this.SUBRULE(this.rounding);
          this.CONSUME9(T.Comma);
          const deadline = this.SUBRULE2(this.fallbackDeadline);
          return { kind: "DealerPoll", dealers, minimumQuotes, dropHighest, dropLowest, rounding, deadline, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Negotiated);
          this.CONSUME(T.Fallback);
          this.CONSUME3(T.Comma);
          const deadline = this.SUBRULE3(this.fallbackDeadline);
          return { kind: "NegotiatedFallback", deadline, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Exclude);
          this.CONSUME3(T.The);
          this.CONSUME3(T.Day);
          this.CONSUME(T.From);
          this.CONSUME4(T.The);
          this.CONSUME(T.Average);
          this.CONSUME2(T.Comma);
          this.CONSUME(T.Minimum);
          const minimumDays = this.num(this.CONSUME3(T.NumberLiteral));
          this.OR4([{ ALT: () => this.CONSUME4(T.Day) }, { ALT: () => this.CONSUME3(T.Days) }]);
          return { kind: "ExcludeDay", minimumDays, span: this.from(start) };
        },
      },
    ]);
  });
}
