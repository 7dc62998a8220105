/**
 * The names a compiled declaration refers to, with the JSON pointer of each reference: the calendars of date
 * rules, publication, averaging and postponement; the indices of settlement values and fallbacks; the contracts
 * of underlyings, option contract units, spread legs and aggregated position limits. The JSON backend follows them to inline everything a
 * subject needs, and the loader checks that each one resolves inside the document.
 */
import type { Calendar } from "./calendar.js";
import type { Contract } from "./contracts.js";
import type { Index } from "./indices.js";

/** What a reference points to. */
export type ReferenceKind = "calendar" | "index" | "contract" | "future";

/** One reference: where it is (a JSON pointer relative to the declaration) and what it names. */
export interface Reference {
  readonly path: string;
  /** `future` is a contract that must be a future (an option's underlying). */
  readonly kind: ReferenceKind;
  readonly name: string;
}

/** The references of a calendar: `basedOn` and joint members. */
export function calendarReferences(cal: Calendar): Reference[] {
  const out: Reference[] = [];
  cal.basedOn.forEach((name, i) => out.push({ path: `/basedOn/${i}`, kind: "calendar", name }));
  cal.joint?.calendars.forEach((name, i) => out.push({ path: `/joint/calendars/${i}`, kind: "calendar", name }));
  return out;
}

/** The references of an index: its publication calendar. */
export function indexReferences(index: Index): Reference[] {
  const out: Reference[] = [];
  index.publication.forEach((c, i) => {
    if (c.value.calendar !== null) out.push({ path: `/publication/${i}/value/calendar`, kind: "calendar", name: c.value.calendar });
  });
  return out;
}

/** The references of a contract, in a fixed order. */
export function contractReferences(contract: Contract): Reference[] {
  const out: Reference[] = [];
  const add = (path: string, kind: ReferenceKind, name: string): void => {
    out.push({ path, kind, name });
  };
  if (contract.kind === "future" || contract.kind === "option") {
    contract.underlying.forEach((c, i) => add(`/underlying/${i}/value/name`, c.value.kind === "future" ? "future" : "index", c.value.name));
  }
  if (contract.kind === "spread") contract.legs.forEach((c, i) => add(`/legs/${i}/value/contract`, "contract", c.value.contract));
  contract.contractUnit.forEach((c, i) => {
    if (c.value.kind === "contracts") add(`/contractUnit/${i}/value/contract`, "contract", c.value.contract);
  });
  contract.lastTradingDay.forEach((c, i) => {
    add(`/lastTradingDay/${i}/value/rule/calendar`, "calendar", c.value.rule.calendar);
    if (c.value.kind === "monthly" && c.value.rule.whenNotBusinessDayOn !== undefined)
      add(`/lastTradingDay/${i}/value/rule/whenNotBusinessDayOn`, "calendar", c.value.rule.whenNotBusinessDayOn);
  });
  if (contract.kind === "option") {
    contract.expiry.forEach((c, i) => {
      if (c.value.kind === "before-underlying") add(`/expiry/${i}/value/calendar`, "calendar", c.value.calendar);
    });
  }
  contract.finalSettlement.forEach((c, i) => {
    const v = c.value.value;
    const at = `/finalSettlement/${i}/value/value`;
    switch (v.kind) {
      case "index-at":
        add(`${at}/index`, "index", v.index);
        break;
      case "index-average":
        add(`${at}/index`, "index", v.index);
        add(`${at}/days/calendar`, "calendar", v.days.calendar);
        break;
      case "underlying-final":
        add(`${at}/contract`, "contract", v.contract);
        break;
      case "leg-by-leg":
        break;
      case "future-vwap":
        add(`${at}/contract`, "future", v.contract);
        break;
    }
  });
  contract.dailySettlement.forEach((c, i) =>
    c.value.forEach((s, j) => {
      if (s.kind === "carry-formula") add(`/dailySettlement/${i}/value/${j}/index`, "index", s.index);
    }),
  );
  contract.positionLimits.forEach((c, i) =>
    c.value.aggregatedWith?.forEach((name, j) => add(`/positionLimits/${i}/value/aggregatedWith/${j}`, "contract", name)),
  );
  contract.payment?.forEach((c, i) => add(`/payment/${i}/value/calendar`, "calendar", c.value.calendar));
  contract.indexLicence?.forEach((c, i) => add(`/indexLicence/${i}/value/index`, "index", c.value.index));
  contract.fixingTick?.forEach((c, i) => add(`/fixingTick/${i}/value/index`, "index", c.value.index));
  contract.fallback.forEach((c, i) => {
    c.value.steps.forEach((step, j) => {
      const at = `/fallback/${i}/value/steps/${j}/action`;
      if (step.action.kind === "postpone") add(`${at}/calendar`, "calendar", step.action.calendar);
      if (step.action.kind === "carry-forward" && step.action.calendar !== undefined)
        add(`${at}/calendar`, "calendar", step.action.calendar);
      if (step.action.kind === "alternate-index") add(`${at}/index`, "index", step.action.index);
      const a = step.action;
      if ((a.kind === "dealer-poll" || a.kind === "negotiated" || a.kind === "determination") && a.deadline !== undefined)
        add(`${at}/deadline/calendar`, "calendar", a.deadline.calendar);
    });
  });
  return out;
}
