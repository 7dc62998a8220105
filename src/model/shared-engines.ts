/**
 * Calendar engines kept across several documents, such as the specs one build writes (each carries the calendars it
 * uses, so the same calendar is in many of them): the loader's checks of each spec ask for the engines of its
 * calendars, and building one tabulates every year of the checker's horizon. An engine built for one document is
 * reused for another only when every calendar its building looked up (the calendar, and those it is based on or
 * joins) is the very same object there, and the years are the same; an engine is a pure function of those, so a
 * reused engine is the one that would have been built.
 */
import { buildCalendar, fail, type CalendarEngine, type CalendarResult } from "../runtime/calendar/index.js";
import type { Calendar } from "./calendar.js";

type Built = {
  readonly used: readonly (readonly [string, Calendar | undefined])[];
  readonly from: number;
  readonly to: number;
  readonly engine: CalendarResult<CalendarEngine>;
};

/** Engines by calendar name, with what each was built from. */
export class SharedEngines {
  private readonly built = new Map<string, Built>();

  /** The engines of one document's calendars (`resolve`), by name, as CalendarEngines gives them. */
  engines(
    resolve: (name: string) => Calendar | undefined,
    fromYear: number,
    toYear: number,
  ): { get(name: string): CalendarResult<CalendarEngine> } {
    const mine = new Map<string, CalendarResult<CalendarEngine>>();
    return {
      get: (name) => {
        let r = mine.get(name);
        if (r === undefined) mine.set(name, (r = this.get(name, resolve, fromYear, toYear)));
        return r;
      },
    };
  }

  /** The engine of `name` among the calendars `resolve` gives, tabulated from `fromYear` to `toYear`. */
  get(name: string, resolve: (name: string) => Calendar | undefined, fromYear: number, toYear: number): CalendarResult<CalendarEngine> {
    const kept = this.built.get(name);
    if (kept !== undefined && kept.from === fromYear && kept.to === toYear && kept.used.every(([n, cal]) => resolve(n) === cal)) {
      return kept.engine;
    }
    const used: (readonly [string, Calendar | undefined])[] = [];
    const recorded = (n: string): Calendar | undefined => {
      const cal = resolve(n);
      used.push([n, cal]);
      return cal;
    };
    const cal = recorded(name);
    const engine = cal ? buildCalendar(cal, recorded, fromYear, toYear) : fail<CalendarEngine>({ kind: "unknown-calendar", name });
    this.built.set(name, { used, from: fromYear, to: toYear, engine });
    return engine;
  }
}
