/**
 * The file and its declarations: imports, units, `calendar`/`index`/`future`/`option`/`spread` with
 * their block, annotations (`description`, `clause`, `effective`), and `statement`, the choice among all statements.
 */
import { EOF, type IOrAlt, type ParserMethod } from "chevrotain";
import type * as A from "../ast.js";
import * as T from "../tokens.js";
import type { Span } from "../../base/source.js";
import { STATEMENT_RULES, type StatementRule } from "../statements.js";
import { GrammarBase, noAnnotations, mergeAnnotations, type StatementBody } from "./base.js";

export abstract class DeclarationRules extends GrammarBase {
  public file_ = this.RULE("file", (): A.FileNode => {
    const start = this.LA(1);
    const imports: (A.ImportDecl | undefined)[] = [];
    const declarations: (A.Declaration | undefined)[] = [];
    const units: (A.UnitDecl | undefined)[] = [];
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF,
      DEF: () =>
        this.OR([
          { ALT: () => imports.push(this.SUBRULE(this.importDecl)) },
          { ALT: () => declarations.push(this.SUBRULE(this.declaration)) },
          { ALT: () => units.push(this.SUBRULE(this.unitDecl)) },
        ]),
    });
    return this.ACTION(() => {
      const declared = this.compact(units);
      return {
        kind: "File" as const,
        imports: this.compact(imports),
        declarations: this.compact(declarations),
        ...(declared.length > 0 ? { units: declared } : {}),
        span: { file: this.file, start: 0, end: Math.max(0, this.from(start).end) },
      };
    });
  });

  /** `unit point "index point"` or `unit SOL "Solana" is an asset`. */
  public unitDecl = this.RULE("unitDecl", (): A.UnitDecl => {
    const keyword = this.CONSUME(T.Unit);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    let is: A.Ident[] | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Is);
      is = [];
      this.AT_LEAST_ONE(() => is!.push(this.ident(this.CONSUME2(T.Identifier))));
    });
    return { kind: "UnitDecl" as const, keyword: this.tokSpan(keyword), name, title, is, span: this.from(keyword) };
  });

  public importDecl = this.RULE("importDecl", (): A.ImportDecl => {
    const start = this.CONSUME(T.Import);
    const names: A.Ident[] = [];
    this.OPTION(() => {
      names.push(this.ident(this.CONSUME(T.Identifier)));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        names.push(this.ident(this.CONSUME2(T.Identifier)));
      });
      this.CONSUME(T.From);
    });
    const path = this.str(this.CONSUME(T.StringLiteral));
    return { kind: "Import", names, path, span: this.from(start) };
  });

  public declaration = this.RULE("declaration", (): A.Declaration => {
    let kind: A.Declaration["kind"] = "Calendar";
    const keyword = this.OR([
      { ALT: () => ((kind = "Calendar"), this.CONSUME(T.Calendar)) },
      { ALT: () => ((kind = "Index"), this.CONSUME(T.Index)) },
      { ALT: () => ((kind = "Future"), this.CONSUME(T.Future)) },
      { ALT: () => ((kind = "Option"), this.CONSUME(T.Option)) },
      { ALT: () => ((kind = "Spread"), this.CONSUME(T.Spread)) },
    ]);
    const name = this.ident(this.CONSUME(T.Identifier));
    let title: A.StringLit | undefined;
    this.OPTION(() => (title = this.str(this.CONSUME(T.StringLiteral))));
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({
      kind,
      keyword: this.tokSpan(keyword),
      name,
      title,
      annotations: body?.annotations ?? noAnnotations,
      statements: body?.statements ?? [],
      close: body?.close,
      span: this.from(keyword),
    })) as A.Declaration;
  });

  /** `{ annotations statements }`: the body of declarations and sources. */
  public block = this.RULE(
    "block",
    (): { annotations: A.Annotations; statements: A.Statement[]; close: Span | undefined } => {
      this.CONSUME(T.LCurly);
      const annotations = this.SUBRULE(this.annotations);
      const statements: (A.Statement | undefined)[] = [];
      this.statementList(() =>
        this.MANY({
          GATE: () => this.LA(1).tokenType !== T.RCurly && this.LA(1).tokenType !== EOF,
          DEF: () => {
            statements.push(this.SUBRULE(this.statement));
          },
        }),
      );
      const close = this.CONSUME(T.RCurly);
      return this.ACTION(() => ({
        annotations: annotations ?? noAnnotations,
        statements: this.compact(statements),
        close: close.isInsertedInRecovery ? undefined : this.tokSpan(close),
      }));
    },
    { recoveryValueFunc: () => ({ annotations: noAnnotations, statements: [], close: undefined }) },
  );

  public annotations = this.RULE(
    "annotations",
    (): A.Annotations => {
      const descriptions: A.StringLit[] = [];
      const clauses: A.StringLit[] = [];
      const effective: A.EffectiveRange[] = [];
      this.MANY(() => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Description);
              descriptions.push(this.str(this.CONSUME(T.StringLiteral)));
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Clause);
              clauses.push(this.str(this.CONSUME2(T.StringLiteral)));
            },
          },
          { ALT: () => effective.push(this.SUBRULE(this.effectiveRange)) },
        ]);
      });
      if (descriptions.length === 0 && clauses.length === 0 && effective.length === 0) return noAnnotations;
      return { descriptions, clauses, effective: this.compact(effective) };
    },
    { recoveryValueFunc: () => noAnnotations },
  );

  public effectiveRange = this.RULE("effectiveRange", (): A.EffectiveRange => {
    const start = this.CONSUME(T.Effective);
    let from: A.DateLit | undefined;
    let until: A.DateLit | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.From);
          from = this.date(this.CONSUME(T.DateLiteral));
          this.OPTION(() => {
            this.CONSUME(T.Until);
            until = this.date(this.CONSUME2(T.DateLiteral));
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Until);
          until = this.date(this.CONSUME3(T.DateLiteral));
        },
      },
    ]);
    return { kind: "Effective", from, until, span: this.from(start) };
  });

  // ---------------------------------------------------------------------------------------------- statements

  /** The alternatives of `statement`, made once: they close over nothing but the parser (chevrotain's advice). */
  private statementAlternatives: IOrAlt<StatementBody>[] | undefined;

  /**
   * The statement rules, in the registry's order (syntax/statements.ts, STATEMENT_RULES): the rules the files after
   * this one define, each a field named as its rule (parser.ts checks at compile time that every one exists).
   */
  private statementRules(): ParserMethod<[], StatementBody>[] {
    const rules = this as unknown as Record<StatementRule, ParserMethod<[], StatementBody>>;
    return (Object.keys(STATEMENT_RULES) as StatementRule[]).map((name) => rules[name]);
  }

  public statement = this.RULE("statement", (): A.Statement => {
    const start = this.LA(1);
    const body = this.OR<StatementBody>(
      (this.statementAlternatives ??= this.statementRules().map((rule) => ({ ALT: () => this.SUBRULE(rule) }))),
    );
    const span = this.from(start);
    const annotations = this.SUBRULE(this.annotations);
    return this.ACTION(() => {
      if (!body) return undefined;
      // The object is the statement rule's own, made for this statement: it is completed in place (the key order is
      // the same as a spread's), since copying objects of forty shapes is a slow path of V8's.
      const statement = body as Record<string, unknown>;
      const inner = statement["annotations"] as A.Annotations | undefined;
      statement["span"] = span;
      statement["annotations"] = mergeAnnotations(inner, annotations);
      return statement as unknown as A.Statement;
    }) as A.Statement;
  });
}
