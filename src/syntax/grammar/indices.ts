/**
 * The statements of indices: administrator, sources and their priority, weights, windows, sampling, the
 * aggregation method, exclusions, minimums, degradation, rounding, publication and restatement.
 */
import { type ParserMethod } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import type { Span } from "../../base/source.js";
import { noAnnotations } from "./base.js";
import { CalendarRules } from "./calendar.js";

export abstract class IndexRules extends CalendarRules {
  // Rules defined by the files after this one.
  abstract unitExpr: ParserMethod<[], A.UnitExpr>;
  abstract timeWindow: ParserMethod<[], A.TimeWindow>;
  abstract duration: ParserMethod<[], A.Duration>;
  abstract zonedTime: ParserMethod<[], A.ZonedTime>;

  public administratorStmt = this.RULE("administratorStmt", () => {
    this.CONSUME(T.Administrator);
    return { kind: "Administrator" as const, name: this.str(this.CONSUME(T.StringLiteral)) };
  });

  public quotedStmt = this.RULE("quotedStmt", () => {
    this.OPTION(() => this.CONSUME(T.Price));
    this.CONSUME(T.Quoted);
    this.CONSUME(T.In);
    return { kind: "Quoted" as const, unit: this.SUBRULE(this.unitExpr) };
  });

  public methodologyStmt = this.RULE("methodologyStmt", () => {
    this.CONSUME(T.Methodology);
    this.CONSUME(T.Version);
    return { kind: "Methodology" as const, version: this.str(this.CONSUME(T.StringLiteral)) };
  });

  public sourceStmt = this.RULE("sourceStmt", () => {
    this.CONSUME(T.Source);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    let statements: A.Statement[] = [];
    let annotations: A.Annotations = noAnnotations;
    this.OPTION2(() => {
      const body = this.SUBRULE(this.block);
      this.ACTION(() => {
        statements = body?.statements ?? [];
        annotations = body?.annotations ?? noAnnotations;
      });
    });
    // Annotations written inside the braces belong to the source; the statement rule merges trailing ones.
    return this.ACTION(() => ({ kind: "Source" as const, name, title, statements, annotations }));
  });

  public priorityListStmt = this.RULE("priorityListStmt", () => {
    const list = this.OR([
      { ALT: () => (this.CONSUME(T.Models), "models" as const) },
      { ALT: () => (this.CONSUME(T.Instruments), "instruments" as const) },
    ]);
    const items: A.StringLit[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => items.push(this.str(this.CONSUME(T.StringLiteral))) });
    // `chosen per day` (issue 15): the priority is decided on each day of the window, not once over it.
    let perDay: A.PriorityListStmt["perDay"];
    this.OPTION(() => {
      const start = this.CONSUME(T.Identifier);
      this.CONSUME(T.Per);
      this.CONSUME(T.Day);
      perDay = { word: this.ident(start), span: this.from(start) };
    });
    return { kind: "PriorityList" as const, list, items, perDay };
  });

  public weightStmt = this.RULE("weightStmt", () => {
    this.CONSUME(T.Weight);
    return { kind: "Weight" as const, weight: this.num(this.CONSUME(T.NumberLiteral)) };
  });

  public blendStmt = this.RULE("blendStmt", () => {
    this.CONSUME(T.Blend);
    const parts: { name: A.Ident | undefined; weight: A.NumberLit | undefined; span: Span }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const n = this.CONSUME(T.Identifier);
        const w = this.CONSUME(T.NumberLiteral);
        parts.push({ name: this.ident(n), weight: this.num(w), span: this.from(n) });
      },
    });
    return { kind: "Blend" as const, parts };
  });

  public windowStmt = this.RULE("windowStmt", () => {
    this.CONSUME(T.Window);
    const window = this.SUBRULE(this.timeWindow);
    // `… and from 23:00 inclusive to 24:00 exclusive America/New_York`: further disjoint pieces (off-peak hours).
    const also: A.TimeWindow[] = [];
    this.MANY(() => {
      this.CONSUME(T.And);
      // Error recovery may give no tree for a piece (`and and …`): a missing piece is not a piece.
      const piece = this.SUBRULE2(this.timeWindow) as A.TimeWindow | undefined;
      if (piece !== undefined) also.push(piece);
    });
    return { kind: "Window" as const, window, ...(also.length === 0 ? {} : { also }) };
  });

  public partitionStmt = this.RULE("partitionStmt", () => {
    this.CONSUME(T.Partition);
    this.CONSUME(T.Into);
    const count = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Intervals);
    this.CONSUME(T.Of);
    return { kind: "Partition" as const, count, length: this.SUBRULE(this.duration) };
  });

  public emptyIntervalsStmt = this.RULE("emptyIntervalsStmt", () => {
    this.CONSUME(T.Empty);
    this.CONSUME(T.Intervals);
    const policy = this.ident(this.CONSUME(T.Identifier));
    // `empty intervals skip, flagged "*"` (issue 15): a value fixed with an interval left out carries the flag.
    let flag: A.StringLit | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.Flagged);
      flag = this.str(this.CONSUME(T.StringLiteral));
    });
    return { kind: "EmptyIntervals" as const, policy, ...(flag === undefined ? {} : { flag }) };
  });

  /** `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`: a time average of sampled values. */
  public sampleStmt = this.RULE("sampleStmt", () => {
    this.CONSUME(T.Sample);
    this.CONSUME(T.Every);
    const every = this.SUBRULE(this.duration);
    this.CONSUME(T.Comma);
    this.CONSUME(T.Prices);
    // `held` is a word, not a keyword (`extreme moves above 20% held` uses it as a value); the checker reads it.
    const held = this.ident(this.CONSUME(T.Identifier));
    this.CONSUME(T.For);
    this.CONSUME(T.Up);
    this.CONSUME(T.To);
    const hold = this.SUBRULE2(this.duration);
    this.CONSUME2(T.Comma);
    this.CONSUME(T.Empty);
    this.CONSUME(T.Samples);
    return { kind: "Sample" as const, every, held, hold, policy: this.ident(this.CONSUME2(T.Identifier)) };
  });

  public aggregateStmt = this.RULE("aggregateStmt", () => {
    this.CONSUME(T.Aggregate);
    const level = this.OR([
      { ALT: () => (this.CONSUME(T.Trades), "trades" as const) },
      { ALT: () => (this.CONSUME(T.Intervals), "intervals" as const) },
      { ALT: () => (this.CONSUME(T.Sources), "sources" as const) },
      { ALT: () => (this.CONSUME(T.Samples), "samples" as const) },
    ]);
    this.CONSUME(T.By);
    return { kind: "Aggregate" as const, level, method: this.SUBRULE(this.method) };
  });

  public method = this.RULE("method", (): A.Method => {
    const start = this.LA(1);
    const name = this.ident(
      this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Median) }, { ALT: () => this.CONSUME(T.Vwap) }]),
    );
    const options: A.MethodOption[] = [];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      options.push(this.SUBRULE(this.methodOption));
    });
    return { kind: "Method", name, options: this.compact(options), span: this.from(start) };
  });

  public methodOption = this.RULE("methodOption", (): A.MethodOption => {
    const start = this.LA(1);
    return this.OR<A.MethodOption>([
      {
        ALT: () => {
          this.CONSUME(T.Exact);
          this.CONSUME(T.Half);
          const convention = this.ident(this.CONSUME(T.Identifier));
          return { kind: "ExactHalf", convention, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dropping);
          const highest = this.num(this.CONSUME(T.NumberLiteral));
          this.CONSUME(T.Highest);
          this.CONSUME(T.And);
          const lowest = this.num(this.CONSUME2(T.NumberLiteral));
          this.CONSUME(T.Lowest);
          return { kind: "Trim", highest, lowest, span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Capped);
          this.CONSUME(T.At);
          return { kind: "Cap", percent: this.pct(this.CONSUME(T.Percent)), span: this.from(start) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Weighted);
          this.CONSUME(T.By);
          return { kind: "WeightedBy", basis: this.ident(this.CONSUME2(T.Identifier)), span: this.from(start) };
        },
      },
    ]);
  });

  public excludeStmt = this.RULE("excludeStmt", () => {
    this.CONSUME(T.Exclude);
    return this.OR<
      Omit<
        A.ExcludeDeviationStmt | A.ExcludeStaleStmt | A.ExcludeTradesBelowStmt | A.ExcludeTradeJumpsStmt | A.ExcludeTradesWhereStmt,
        "span" | "annotations"
      >
    >([
      {
        ALT: () => {
          this.CONSUME(T.Sources);
          return this.OR2<Omit<A.ExcludeDeviationStmt | A.ExcludeStaleStmt, "span" | "annotations">>([
            {
              ALT: () => {
                this.CONSUME(T.Deviating);
                this.CONSUME(T.More);
                this.CONSUME(T.Than);
                const percent = this.pct(this.CONSUME(T.Percent));
                this.CONSUME(T.From);
                this.CONSUME(T.The);
                this.CONSUME(T.Median);
                this.CONSUME(T.Of);
                this.CONSUME2(T.The);
                this.CONSUME(T.Others);
                return { kind: "ExcludeDeviation", percent };
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Stale);
                this.CONSUME(T.For);
                this.CONSUME2(T.More);
                this.CONSUME2(T.Than);
                return { kind: "ExcludeStale", duration: this.SUBRULE(this.duration) };
              },
            },
          ]);
        },
      },
      {
        // Trade qualification (issue 15): `with volume below N`, `deviating more than X% from the previous trade`.
        ALT: () => {
          this.CONSUME(T.Trades);
          return this.OR3<Omit<A.ExcludeTradesBelowStmt | A.ExcludeTradeJumpsStmt | A.ExcludeTradesWhereStmt, "span" | "annotations">>([
            // Named fields of the record (issue 15): `flagged "affiliate"`, `of type "spread-leg"`, `reversed within 5 minutes`.
            {
              ALT: () => {
                this.CONSUME(T.Flagged);
                const value = this.str(this.CONSUME(T.StringLiteral));
                return { kind: "ExcludeTradesWhere", test: "flagged", value, word: undefined, side: undefined, within: undefined };
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.Of);
                this.CONSUME(T.Type);
                const value = this.str(this.CONSUME2(T.StringLiteral));
                return { kind: "ExcludeTradesWhere", test: "type", value, word: undefined, side: undefined, within: undefined };
              },
            },
            {
              ALT: () => {
                const word = this.ident(this.CONSUME4(T.Identifier));
                this.CONSUME(T.Within);
                return {
                  kind: "ExcludeTradesWhere",
                  test: "reversed",
                  value: undefined,
                  word,
                  side: undefined,
                  within: this.SUBRULE2(this.duration),
                };
              },
            },
            // The side and the counterparty of the record: `on the buy side`, `with counterparty "MM-01"`.
            {
              ALT: () => {
                this.CONSUME(T.On);
                this.CONSUME4(T.The);
                const side = this.ident(this.CONSUME5(T.Identifier));
                const word = this.ident(this.CONSUME6(T.Identifier));
                return { kind: "ExcludeTradesWhere", test: "side", value: undefined, word, side, within: undefined };
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.With);
                const word = this.ident(this.CONSUME7(T.Identifier));
                const value = this.str(this.CONSUME3(T.StringLiteral));
                return { kind: "ExcludeTradesWhere", test: "counterparty", value, word, side: undefined, within: undefined };
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.With);
                const field = this.ident(this.CONSUME(T.Identifier));
                this.CONSUME(T.Below);
                return { kind: "ExcludeTradesBelow", field, amount: this.num(this.CONSUME(T.NumberLiteral)) };
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.Deviating);
                this.CONSUME3(T.More);
                this.CONSUME3(T.Than);
                const percent = this.pct(this.CONSUME2(T.Percent));
                this.CONSUME2(T.From);
                this.CONSUME3(T.The);
                const previous = this.ident(this.CONSUME2(T.Identifier));
                const trade = this.ident(this.CONSUME3(T.Identifier));
                return { kind: "ExcludeTradeJumps", percent, previous, trade };
              },
            },
          ]);
        },
      },
    ]);
  });

  public minimumStmt = this.RULE("minimumStmt", () => {
    this.CONSUME(T.Minimum);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Sources);
          return { kind: "Minimum" as const, what: "sources" as const, count: this.num(this.CONSUME(T.NumberLiteral)), perInterval: false };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Trades);
          const count = this.num(this.CONSUME2(T.NumberLiteral));
          let perInterval = false;
          this.OPTION(() => {
            this.CONSUME(T.Per);
            this.CONSUME(T.Interval);
            perInterval = true;
          });
          return { kind: "Minimum" as const, what: "trades" as const, count, perInterval };
        },
      },
      {
        // `minimum counterparties N` (issue 15): the distinct counterparties of a source's qualifying trades.
        ALT: () => {
          const word = this.ident(this.CONSUME(T.Identifier));
          const count = this.num(this.CONSUME3(T.NumberLiteral));
          return { kind: "Minimum" as const, what: "counterparties" as const, count, perInterval: false, word };
        },
      },
    ]);
  });

  /** `flagged below 3 sources` (issue 15): a value fixed from fewer eligible sources is published flagged. */
  public flagBelowStmt = this.RULE("flagBelowStmt", () => {
    this.CONSUME(T.Flagged);
    this.CONSUME(T.Below);
    const count = this.num(this.CONSUME(T.NumberLiteral));
    this.CONSUME(T.Sources);
    return { kind: "FlagBelow" as const, count };
  });

  /**
   * `carry forward the last published value, flagged "C"` (issue 15): an index-level contingency, a fixing that fixes
   * no value publishes the last published value again with the flag.
   */
  public indexCarryForwardStmt = this.RULE("indexCarryForwardStmt", () => {
    this.CONSUME(T.Carry);
    this.CONSUME(T.Forward);
    this.CONSUME(T.The);
    this.CONSUME(T.Last);
    this.CONSUME(T.Published);
    this.CONSUME(T.Value);
    this.CONSUME(T.Comma);
    this.CONSUME(T.Flagged);
    return { kind: "IndexCarryForward" as const, flag: this.str(this.CONSUME(T.StringLiteral)) };
  });

  public degradationStmt = this.RULE("degradationStmt", () => {
    this.CONSUME(T.With);
    const min = this.num(this.CONSUME(T.NumberLiteral));
    let max: A.NumberLit | undefined = min;
    let orMore = false;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Or);
            this.CONSUME(T.More);
            orMore = true;
            max = undefined;
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.To);
            max = this.num(this.CONSUME2(T.NumberLiteral));
          },
        },
      ]);
    });
    this.OR2([{ ALT: () => this.CONSUME(T.Sources) }, { ALT: () => this.CONSUME(T.Source) }]);
    this.CONSUME(T.Use);
    return { kind: "Degradation" as const, min, max, orMore, method: this.SUBRULE(this.method) };
  });

  public extremeMovesStmt = this.RULE("extremeMovesStmt", () => {
    this.CONSUME(T.Extreme);
    this.CONSUME(T.Moves);
    this.CONSUME(T.Above);
    const percent = this.pct(this.CONSUME(T.Percent));
    const action = this.ident(this.OR([{ ALT: () => this.CONSUME(T.Flagged) }, { ALT: () => this.CONSUME(T.Identifier) }]));
    return { kind: "ExtremeMoves" as const, percent, action };
  });

  public roundStmt = this.RULE("roundStmt", () => {
    const start = this.LA(1);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Round);
          this.CONSUME(T.To);
          const increment = this.num(this.CONSUME(T.NumberLiteral));
          const mode = this.ident(this.CONSUME(T.Identifier));
          const rounding: A.Rounding = { kind: "Rounding", increment, mode, unrounded: false, span: this.from(start) };
          return { kind: "Round" as const, rounding };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Unrounded);
          const rounding: A.Rounding = { kind: "Rounding", increment: undefined, mode: undefined, unrounded: true, span: this.from(start) };
          return { kind: "Round" as const, rounding };
        },
      },
    ]);
  });

  public publishStmt = this.RULE("publishStmt", () => {
    this.CONSUME(T.Publish);
    let calendar: A.Ident | undefined;
    let everyDay = false;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.CONSUME(T.Calendar);
          this.CONSUME(T.Day);
          everyDay = true;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.Business);
          this.CONSUME(T.Days);
          this.CONSUME(T.Of);
          calendar = this.ident(this.CONSUME(T.Identifier));
        },
      },
    ]);
    this.CONSUME(T.At);
    return { kind: "Publish" as const, calendar, everyDay, at: this.SUBRULE(this.zonedTime) };
  });

  public restateStmt = this.RULE("restateStmt", () => {
    this.CONSUME(T.Restate);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Never);
          return { kind: "Restate" as const, never: true, threshold: undefined };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Same);
          this.CONSUME(T.Day);
          this.CONSUME(T.If);
          this.CONSUME(T.Change);
          this.CONSUME(T.Exceeds);
          return { kind: "Restate" as const, never: false, threshold: this.pct(this.CONSUME(T.Percent)) };
        },
      },
      {
        // `restate until 10:00 Europe/London on the next business day [if change exceeds 0.10%]`: a restatement window.
        ALT: () => {
          const start = this.CONSUME(T.Until);
          const at = this.SUBRULE(this.zonedTime);
          this.CONSUME(T.On);
          this.CONSUME2(T.The);
          const day = this.OR2([
            { ALT: () => (this.CONSUME2(T.Same), this.CONSUME2(T.Day), "same" as const) },
            { ALT: () => (this.CONSUME(T.Next), this.CONSUME(T.Business), this.CONSUME3(T.Day), "next-business" as const) },
          ]);
          let threshold: A.PercentLit | undefined;
          this.OPTION(() => {
            this.CONSUME2(T.If);
            this.CONSUME2(T.Change);
            this.CONSUME2(T.Exceeds);
            threshold = this.pct(this.CONSUME2(T.Percent));
          });
          return { kind: "Restate" as const, never: false, threshold, until: { at, day, span: this.from(start) } };
        },
      },
    ]);
  });
}
