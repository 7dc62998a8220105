/**
 * The loader's tamper suite (issue 13): a compiled spec whose content hash is recomputed after an edit (which
 * anyone can do) must still be one the compiler could have written. For each invariant listed in
 * docs/spec-format.md ("What a loaded spec guarantees"), a golden spec of test/cases/compiled/ is broken in that
 * one way, its hash recomputed, and loadSpec must throw a SpecError pointing at the member at fault (the JSON
 * pointers are asserted in full). A test checks that every invariant of the documentation has a case here.
 *
 * Then a seeded random mutation property over all compiled goldens (spec-mutants.ts: numbers set to 0, negative,
 * huge or fractional, array elements duplicated, deleted or swapped, enum values swapped, keys deleted,
 * references renamed, hash recomputed): every mutant either fails to load with a SpecError, or loads and then
 * schedule queries and settlements with a small market-data set run without any exception.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { contentHash, pointerToken } from "../../src/model/canonical.js";
import { firstRepeatedName } from "../../src/model/json-text.js";
import { SpecError, loadSpec } from "../../src/model/load.js";
import { CalendarEngines, resolverFromList } from "../../src/runtime/calendar/index.js";
import { runWaterfall } from "../../src/runtime/engine/index.js";
import { ROOT } from "./compile-helpers.js";
import { goldenSpecs, mutants, runMutant } from "./spec-mutants.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const goldens = new Map(goldenSpecs().map((s) => [s.path, s.text]));

/** One tampered golden: which invariant it breaks, how, and the pointers loadSpec must report. */
interface TamperCase {
  readonly invariant: string;
  readonly what: string;
  readonly spec: string;
  readonly edit: (doc: Doc) => void;
  readonly paths: readonly string[];
}

const FOTI = "/contracts/FOTI";
const OPT = "/contracts/FOTI_OPT";
const CAL = "/contracts/FOTI_CAL";
const unit = (text: string, dimensions: Record<string, number>, scale: string, currency: string | null) => ({
  text,
  dimensions,
  scale,
  currency,
});
const USD_PER_1M = unit("USD per 1M tokens", { "money:USD": 1, tokens: -1 }, "0.000001", "USD");
const USD_PER_1K = unit("USD per 1K tokens", { "money:USD": 1, tokens: -1 }, "0.001", "USD");
const always = (value: unknown) => ({ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value });
const between = (from: string | null, until: string | null, value: unknown) => ({ ...always(value), effective: [{ from, until }] });

const CASES: readonly TamperCase[] = [
  // The document.
  {
    invariant: "subject",
    what: "a subject of another kind",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.subject.kind = "option"),
    paths: ["/subject/kind"],
  },
  {
    invariant: "characters",
    what: "a right-to-left override in a title (Trojan Source, CVE-2021-42574)",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.title = "Token futures \u202eSDU 0001\u202c"),
    paths: ["/contracts/FOTI/title"],
  },
  {
    invariant: "characters",
    what: "an escape character in a clause reference",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.clauses = ["Rule \u001b[2J1"]),
    paths: ["/indices/AITOK_OUT/clauses/0"],
  },
  {
    invariant: "names",
    what: "a key that differs from the name",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.name = "AITOK"),
    paths: ["/indices/AITOK_OUT/name"],
  },
  {
    invariant: "references",
    what: "a spread leg on a spread",
    spec: "contracts/FOTI_FOTB.json",
    edit: (d) => (d.contracts.FOTI_FOTB.legs[1].value.contract = "FOTI_FOTB"),
    paths: ["/contracts/FOTI_FOTB/legs/1/value/contract"],
  },
  {
    invariant: "references",
    what: "a position limit aggregated with a contract the document does not hold",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.positionLimits[0].value.aggregatedWith = ["FOTW", "FOTX"]),
    paths: ["/contracts/FOTI/positionLimits/0/value/aggregatedWith/1"],
  },
  {
    invariant: "position-limit-aggregation",
    what: "a position limit aggregated with its own contract, with a contract twice, and with a spread",
    spec: "contracts/FOTI_CAL.json",
    edit: (d) => {
      d.contracts.FOTI.positionLimits[0].value.aggregatedWith = ["FOTI", "FOTW", "FOTW"];
      d.contracts.FOTI_CAL.positionLimits = [
        {
          effective: [{ from: null, until: null }],
          descriptions: [],
          clauses: [],
          value: { count: 10, scope: "all-months", aggregatedWith: ["FOTI_CAL"] },
        },
      ];
      d.contracts.FOTW.positionLimits[0].value.aggregatedWith = ["FOTI_CAL"];
    },
    paths: [
      "/contracts/FOTI/positionLimits/0/value/aggregatedWith/0",
      "/contracts/FOTI/positionLimits/0/value/aggregatedWith/2",
      "/contracts/FOTI_CAL/positionLimits/0/value/aggregatedWith/0",
      "/contracts/FOTW/positionLimits/0/value/aggregatedWith/0",
    ],
  },
  {
    invariant: "position-limit-aggregation",
    what: "a position limit aggregated with a contract of another size (FOTW made a tenth of FOTI)",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTW.contractUnit[0].value.quantity.amount = "100"),
    paths: [
      "/contracts/FOTI/positionLimits/0/value/aggregatedWith/0",
      "/contracts/FOTI_OPT/positionLimits/0/value/aggregatedWith/1",
      "/contracts/FOTW/positionLimits/0/value/aggregatedWith/0",
      "/contracts/FOTW/positionLimits/0/value/aggregatedWith/1",
    ],
  },
  {
    invariant: "references",
    what: "a future whose underlying is a future",
    spec: "contracts/FOTI_FOTB.json",
    edit: (d) => (d.contracts.FOTB.underlying[0].value = { kind: "future", name: "FOTI" }),
    paths: ["/contracts/FOTB/underlying/0/value/kind"],
  },
  {
    invariant: "references",
    what: "a basedOn calendar that is joint",
    spec: "contracts/BTC.json",
    edit: (d) => {
      d.calendars.JOINT = {
        ...structuredClone(d.calendars.LONDON_AND_NEW_YORK),
        name: "JOINT",
        joint: { mode: "all", calendars: ["ENGLAND_WALES"] },
      };
      d.calendars.NYSE.basedOn = ["JOINT"];
    },
    paths: ["/calendars/NYSE/basedOn/0"],
  },
  {
    invariant: "units",
    what: "a unit whose scale does not match its text",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.priceQuotation[0].value.scale = "0.001"),
    paths: [`${FOTI}/priceQuotation/0/value/scale`],
  },
  {
    invariant: "time-zones",
    what: "a zone spelled in the wrong case",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.termination[0].value.zone = "europe/london"),
    paths: [`${FOTI}/termination/0/value/zone`],
  },
  {
    invariant: "effective-ranges",
    what: "a range that ends before it starts",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.methodology[1].effective[0].until = "2025-06-30"),
    paths: ["/indices/AITOK_OUT/methodology/1/effective/0"],
  },

  // Versions.
  {
    invariant: "versions-disjoint",
    what: "two ticks in force at once",
    spec: "contracts/FOTI.json",
    edit: (d) => d.contracts.FOTI.tick.push(structuredClone(d.contracts.FOTI.tick[0])),
    paths: [`${FOTI}/tick/1/effective/0`],
  },
  {
    invariant: "versions-disjoint",
    what: "methodology versions that overlap by a day",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.methodology[0].effective[0].until = "2026-01-01"),
    paths: ["/indices/AITOK_OUT/methodology/1/effective/0"],
  },
  {
    invariant: "versions-disjoint",
    what: "two sources of one name in force at once",
    spec: "indices/GPUX_H100.json",
    edit: (d) => (d.indices.GPUX_H100.sources[5].value.name = "RUNPOD"),
    paths: ["/indices/GPUX_H100/sources/5/effective/0"],
  },
  {
    invariant: "versions-disjoint",
    what: "two spot-month position limits in force at once",
    spec: "contracts/FOTI.json",
    edit: (d) => d.contracts.FOTI.positionLimits.push(structuredClone(d.contracts.FOTI.positionLimits[0])),
    paths: [`${FOTI}/positionLimits/2/effective/0`],
  },
  {
    invariant: "versions-ordered",
    what: "methodology versions in reverse order",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => d.indices.AITOK_OUT.methodology.reverse(),
    paths: ["/indices/AITOK_OUT/methodology/1/effective/0"],
  },
  {
    invariant: "required-rules",
    what: "a future without its last trading day",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.lastTradingDay = []),
    paths: [`${FOTI}/lastTradingDay`],
  },
  {
    invariant: "required-rules",
    what: "an option without a strike grid",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.strikes = []),
    paths: [`${OPT}/strikes`],
  },
  {
    invariant: "required-rules",
    what: "a spread with one leg",
    spec: "contracts/FOTI_CAL.json",
    edit: (d) => d.contracts.FOTI_CAL.legs.pop(),
    paths: [`${CAL}/legs`],
  },
  {
    invariant: "listing-cycle",
    what: "a cycle that starts with additional months",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.listing[0].value = [{ kind: "additional", count: 2, months: [12] }]),
    paths: [`${FOTI}/listing/0/value/0`],
  },
  {
    invariant: "listing-cycle",
    what: "a weekly cycle that names months",
    spec: "contracts/FOTW.json",
    edit: (d) => d.contracts.FOTW.listing[0].value.push({ kind: "next-in", count: 2, months: [12] }),
    paths: ["/contracts/FOTW/listing/0/value/1"],
  },
  {
    invariant: "listing-cycle",
    what: "a listing time before the part that lists",
    spec: "contracts/BFF.json",
    edit: (d) => d.contracts.BFF.listing[0].value.reverse(),
    paths: ["/contracts/BFF/listing/0/value/0"],
  },
  {
    invariant: "futures-settlement",
    what: "a future settled in futures (only an option is exercised into its future)",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.finalSettlement[0].value.method = "futures"),
    paths: ["/contracts/FOTI/finalSettlement/0/value/method"],
  },
  {
    invariant: "future-vwap",
    what: "an option fixed on the VWAP of a future other than its underlying",
    spec: "contracts/BFF_WED.json",
    edit: (d) => {
      const v = d.contracts.BFF_WED.finalSettlement[0].value.value;
      if (v.kind === "future-vwap") v.contract = "BFF_WED";
    },
    paths: ["/contracts/BFF_WED/finalSettlement/0/value/value/contract"],
  },
  {
    invariant: "fallback-applies",
    what: "an option on a future, settled at the future's final settlement price, with a fallback of its own",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) =>
      d.contracts.FOTI_OPT.fallback.push(
        always({
          disruptions: [],
          steps: [
            {
              effective: [{ from: null, until: null }],
              descriptions: [],
              clauses: [],
              action: { kind: "determination", party: "exchange" },
              only: null,
            },
          ],
        }),
      ),
    paths: [`${OPT}/fallback`],
  },
  {
    invariant: "required-rules",
    what: "an index that is never published",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.publication = []),
    paths: ["/indices/AITOK_OUT/publication"],
  },
  {
    invariant: "required-rules",
    what: "a source without its default weight",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.sources[2].value.weight = []),
    paths: ["/indices/AITOK_OUT/sources/2/value/weight"],
  },
  {
    invariant: "references",
    what: "an option's contract unit in contracts of an option",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.contractUnit[0].value.contract = "FOTI_OPT"),
    paths: [`${OPT}/contractUnit/0/value/contract`, `${OPT}/contractUnit/0/value/contract`],
  },
  {
    invariant: "required-rules",
    what: "a future without its negative-prices default",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.negativePrices = []),
    paths: [`${FOTI}/negativePrices`],
  },

  // Calendars.
  {
    invariant: "calendar-valid",
    what: "a calendar whose every day is a weekend day",
    spec: "calendars/TARGET.json",
    edit: (d) => (d.calendars.TARGET.weekend = [1, 2, 3, 4, 5, 6, 7]),
    paths: ["/calendars/TARGET/weekend"],
  },
  {
    invariant: "calendar-cycles",
    what: "a calendar based on a joint calendar of itself",
    spec: "contracts/BTC.json",
    edit: (d) => (d.calendars.NYSE.basedOn = ["LONDON_AND_NEW_YORK"]),
    paths: ["/calendars/LONDON_AND_NEW_YORK", "/calendars/LONDON_OR_NEW_YORK", "/calendars/NYSE"],
  },
  {
    invariant: "calendar-lists",
    what: "weekend days out of order",
    spec: "calendars/ENGLAND_WALES.json",
    edit: (d) => (d.calendars.ENGLAND_WALES.weekend = [7, 6]),
    paths: ["/calendars/ENGLAND_WALES/weekend"],
  },
  {
    invariant: "calendar-lists",
    what: "a one-off date given twice",
    spec: "calendars/ENGLAND_WALES.json",
    edit: (d) => d.calendars.ENGLAND_WALES.holidays[4].date.dates.push("2020-05-08"),
    paths: ["/calendars/ENGLAND_WALES/holidays/4/date/dates"],
  },
  {
    invariant: "calendar-lists",
    what: "a joint calendar naming a member twice",
    spec: "contracts/BTC.json",
    edit: (d) => (d.calendars.LONDON_AND_NEW_YORK.joint.calendars = ["NYSE", "NYSE"]),
    paths: ["/calendars/LONDON_AND_NEW_YORK/joint/calendars"],
  },
  {
    invariant: "holiday-years",
    what: "a holiday from year 13",
    spec: "calendars/ENGLAND_WALES.json",
    edit: (d) => (d.calendars.ENGLAND_WALES.holidays[0].fromYear = 13),
    paths: ["/calendars/ENGLAND_WALES/holidays/0/fromYear"],
  },
  {
    invariant: "holiday-years",
    what: "a holiday whose years end before they start",
    spec: "calendars/ENGLAND_WALES.json",
    edit: (d) => (d.calendars.ENGLAND_WALES.holidays[0].untilYear = 1970),
    paths: ["/calendars/ENGLAND_WALES/holidays/0/untilYear"],
  },

  // Contracts: units and amounts.
  {
    invariant: "price-unit",
    what: "a price unit other than the underlying index's",
    spec: "contracts/FOTI.json",
    edit: (d) => {
      d.contracts.FOTI.priceQuotation[0].value = USD_PER_1K;
      for (const f of ["tick", "spreadTick"]) d.contracts.FOTI[f][0].value[0].tick.unit = USD_PER_1K;
      d.contracts.FOTI.contractUnit[0].value.quantity.amount = "1";
      // FOTW, aggregated with FOTI, stays the same size (else position-limit-aggregation is broken too).
      d.contracts.FOTW.contractUnit[0].value.quantity.amount = "1";
    },
    // FOTI_OPT, with which FOTI's spot-month limit is aggregated, is in the document and quotes FOTI's old unit.
    paths: [`${FOTI}/priceQuotation/0/value`, "/contracts/FOTI_OPT/priceQuotation/0/value"],
  },
  {
    invariant: "price-unit",
    what: "a second price-quotation version in another unit",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => {
      d.contracts.FOTI_OPT.priceQuotation = [between(null, "2025-12-31", USD_PER_1M), between("2026-01-01", null, USD_PER_1K)];
    },
    paths: [`${OPT}/priceQuotation/1/value`],
  },
  {
    invariant: "price-amounts",
    what: "a tick of 0",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.tick[0].value[0].tick.amount = "0"),
    paths: [`${FOTI}/tick/0/value/0/tick/amount`],
  },
  {
    invariant: "price-amounts",
    what: "a negative tick",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.tick[0].value[0].tick.amount = "-5"),
    paths: ["/contracts/BTC/tick/0/value/0/tick/amount"],
  },
  {
    invariant: "price-amounts",
    what: "a spread tick in another unit",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.spreadTick[0].value[0].tick.unit = USD_PER_1K),
    paths: [`${FOTI}/spreadTick/0/value/0/tick/unit`],
  },
  {
    invariant: "price-amounts",
    what: "a negative automatic-exercise threshold (0, any amount in the money, is allowed)",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.automaticExercise[0].value.amount = "-0.001"),
    paths: [`${OPT}/automaticExercise/0/value/amount`],
  },
  {
    invariant: "contract-unit",
    what: "a contract unit of 0",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.contractUnit[0].value.quantity.amount = "0"),
    paths: [`${FOTI}/contractUnit/0/value/quantity/amount`],
  },
  {
    invariant: "contract-unit",
    what: "a negative contract unit",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.contractUnit[0].value.quantity.amount = "-1000"),
    paths: [`${FOTI}/contractUnit/0/value/quantity/amount`],
  },
  {
    invariant: "contract-unit",
    what: "a contract unit that is not priced in money",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.contractUnit[0].value.quantity.unit = USD_PER_1M),
    // FOTI_OPT (in the document through FOTI's aggregated position limit) is one FOTI contract: not priced in money either.
    // And FOTI is no longer the size of FOTW, with which the FOTI family's position limits aggregate it.
    paths: [
      `${FOTI}/positionLimits/0/value/aggregatedWith/0`,
      `${FOTI}/contractUnit/0/value/quantity/unit`,
      "/contracts/FOTI_OPT/positionLimits/0/value/aggregatedWith/1",
      "/contracts/FOTI_OPT/contractUnit/0/value",
      "/contracts/FOTW/positionLimits/0/value/aggregatedWith/0",
      "/contracts/FOTW/positionLimits/0/value/aggregatedWith/1",
    ],
  },
  {
    invariant: "contract-unit",
    what: "a future whose contract unit is a number of contracts",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI.contractUnit[0].value = { kind: "contracts", amount: "1", contract: "FOTI" }),
    paths: [`${FOTI}/contractUnit/0/value/kind`],
  },

  // Contracts: ticks, limits, strikes, roundings, spreads.
  {
    invariant: "tick-tiers",
    what: "a tier bound off the coarser tick",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => {
      d.contracts.FOTI_OPT.premiumTick[0].value[0].bound.price = "0.1005";
      d.contracts.FOTI_OPT.premiumTick[0].value[1].bound.price = "0.1005";
    },
    paths: [`${OPT}/premiumTick/0/value/0/bound`],
  },
  {
    invariant: "tick-tiers",
    what: "tiers that leave a gap",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.premiumTick[0].value[1].bound.price = "0.2"),
    paths: [`${OPT}/premiumTick/0/value/1/bound`],
  },
  {
    invariant: "tick-tiers",
    what: "a last tier that is not open-ended",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.premiumTick[0].value[1].bound = { relation: "at-or-below", price: "1" }),
    paths: [`${OPT}/premiumTick/0/value/1/bound`],
  },
  {
    invariant: "price-limits",
    what: "percentage limits out of order",
    spec: "contracts/FOTI.json",
    edit: (d) => d.contracts.FOTI.priceLimits[0].value.reverse(),
    paths: [`${FOTI}/priceLimits/0/value/1`, `${FOTI}/priceLimits/0/value/2`],
  },
  {
    invariant: "price-limits",
    what: "a limit of 150%",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.priceLimits[0].value[2].percent = "150"),
    paths: ["/contracts/BTC/priceLimits/0/value/2/percent"],
  },
  {
    invariant: "price-limits",
    what: "an absolute limit off the tick",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.priceLimits[0].value = [{ kind: "absolute", amount: { amount: "0.0015", unit: USD_PER_1M } }]),
    paths: [`${FOTI}/priceLimits/0/value/0/amount/amount`],
  },
  {
    invariant: "strike-grid",
    what: "a strike grid off the future's tick",
    spec: "contracts/FOTI_OPT.json",
    edit: (d) => (d.contracts.FOTI_OPT.strikes[0].value.amount = "0.0505"),
    paths: [`${OPT}/strikes/0/value/amount`],
  },
  {
    invariant: "dynamic-price-limits",
    what: "a dynamic price limit of 0%",
    spec: "contracts/TKX_Q.json",
    edit: (d) => (d.contracts.TKX_Q.dynamicPriceLimits[0].value.percent = "0"),
    paths: ["/contracts/TKX_Q/dynamicPriceLimits/0/value/percent"],
  },
  {
    invariant: "dynamic-price-limits",
    what: "a dynamic price limit halting for no time",
    spec: "contracts/TKX_Q.json",
    edit: (d) => (d.contracts.TKX_Q.dynamicPriceLimits[0].value.halt.amount = "0"),
    paths: ["/contracts/TKX_Q/dynamicPriceLimits/0/value/halt/amount"],
  },
  {
    invariant: "strike-listing",
    what: "a strike listing tier off the strike grid (CME BTC options: 500-point strikes on the 25-point grid)",
    spec: "contracts/BTC_OPT_S.json",
    edit: (d) => (d.contracts.BTC_OPT_S.strikeListing[2].value.interval = "510"),
    paths: ["/contracts/BTC_OPT_S/strikeListing/2/value/interval"],
  },
  {
    invariant: "strike-listing",
    what: "a strike listing tier reaching 150% below the at-the-money strike",
    spec: "contracts/BTC_OPT_S.json",
    edit: (d) => (d.contracts.BTC_OPT_S.strikeListing[2].value.below = "150"),
    paths: ["/contracts/BTC_OPT_S/strikeListing/2/value/below"],
  },
  {
    invariant: "roundings",
    what: "a final settlement rounded toward a prior settlement it does not have",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.finalSettlement[0].value.rounding.mode = "half-toward-reference"),
    paths: [`${FOTI}/finalSettlement/0/value/rounding/mode`],
  },
  {
    invariant: "roundings",
    what: "an index rounded to a tick it does not have",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.rounding[0].value = { kind: "tick", mode: "half-even" }),
    paths: ["/indices/AITOK_OUT/rounding/0/value/kind"],
  },
  {
    invariant: "roundings",
    what: "a spread rounded to the tick without any tick",
    spec: "contracts/FOTI_CAL.json",
    edit: (d) => {
      d.contracts.FOTI_CAL.tick = [];
      d.contracts.FOTI.tick = [];
      d.contracts.FOTI.spreadTick = [];
      d.contracts.FOTI_CAL.finalSettlement[0].value.rounding = { kind: "tick", mode: "half-even" };
    },
    paths: [`${FOTI}/tick`, `${CAL}/finalSettlement/0/value/rounding/kind`],
  },
  {
    invariant: "daily-windows",
    what: "a VWAP window without time",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.dailySettlement[0].value[0].window.from = "16:00:00"),
    paths: [`${FOTI}/dailySettlement/0/value/0/window/to`],
  },
  {
    invariant: "payment-anchor",
    what: "a payment counted from the final settlement day of a spread that states none",
    spec: "contracts/FOTI_CAL.json",
    edit: (d) => {
      d.contracts.FOTI_CAL.finalSettlement = [];
      d.contracts.FOTI_CAL.payment = [
        {
          effective: [{ from: null, until: null }],
          descriptions: [],
          clauses: [],
          value: { businessDays: 1, after: "final-settlement-day", calendar: Object.keys(d.calendars)[0] },
        },
      ];
    },
    paths: [`${CAL}/payment/0/value/after`],
  },
  {
    invariant: "roundings",
    what: "payment amounts rounded with ties toward a prior settlement they do not have",
    spec: "contracts/FOTI.json",
    edit: (d) => {
      d.contracts.FOTI.cashRounding = [
        {
          effective: [{ from: null, until: null }],
          descriptions: [],
          clauses: [],
          value: { increment: "0.01", mode: "half-toward-reference" },
        },
      ];
    },
    paths: [`${FOTI}/cashRounding/0/value/mode`],
  },
  {
    invariant: "index-licence",
    what: "an index licence of an index the contract does not settle on",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.indexLicence[0].value.index = "BTC_SPOT"),
    paths: ["/contracts/BTC/indexLicence/0/value/index"],
  },
  {
    invariant: "index-licence",
    what: "an index disclaimer whose licence was deleted",
    spec: "contracts/BTC.json",
    edit: (d) => delete d.contracts.BTC.indexLicence,
    paths: ["/contracts/BTC/indexDisclaimer"],
  },
  {
    invariant: "version-selection",
    what: "what selects the rule versions given an effective range",
    spec: "contracts/BTC.json",
    edit: (d) =>
      (d.contracts.BTC.versionsSelectedBy = [
        { effective: [{ from: "2021-01-01", until: null }], descriptions: [], clauses: [], value: "contract-month" },
      ]),
    paths: ["/contracts/BTC/versionsSelectedBy"],
  },
  {
    invariant: "fixing-tick",
    what: "fixings on the tick of an index the contract does not settle on",
    spec: "contracts/BTCT_STRICT.json",
    edit: (d) => (d.contracts.BTCT_STRICT.fixingTick[0].value.index = "BTC_SPOT"),
    paths: ["/contracts/BTCT_STRICT/fixingTick/0/value/index"],
  },
  {
    invariant: "fixing-tick",
    what: "fixings rounded to the tick with ties toward a prior settlement",
    spec: "contracts/BTCT.json",
    edit: (d) => (d.contracts.BTCT.fixingTick[0].value.mode = "half-toward-reference"),
    paths: ["/contracts/BTCT/fixingTick/0/value/mode"],
  },
  {
    invariant: "self-selection",
    what: "versions selected by the last trading day, amended in the middle of March 2027",
    spec: "contracts/BTC.json",
    edit: (d) => {
      // Last Friday until 20 March 2027 (26 March, under the next version), then the third Friday (19 March, under the first).
      d.contracts.BTC.versionsSelectedBy = [always("last-trading-day")];
      d.contracts.BTC.lastTradingDay = [
        { ...d.contracts.BTC.lastTradingDay[0], effective: [{ from: null, until: "2027-03-20" }] },
        {
          ...d.contracts.BTC.lastTradingDay[0],
          effective: [{ from: "2027-03-21", until: null }],
          value: {
            ...d.contracts.BTC.lastTradingDay[0].value,
            rule: { ...d.contracts.BTC.lastTradingDay[0].value.rule, anchor: { kind: "nthWeekday", n: 3, weekday: 5 } },
          },
        },
      ];
    },
    paths: ["/contracts/BTC/versionsSelectedBy"],
  },
  {
    invariant: "spread-sides",
    what: "a spread whose legs are all bought",
    spec: "contracts/FOTI_CAL.json",
    edit: (d) => (d.contracts.FOTI_CAL.legs[1].value.side = "buy"),
    paths: [`${CAL}/legs`],
  },

  // Fallbacks and last trading days.
  {
    invariant: "fallback-definite",
    what: "a waterfall whose determination step was deleted",
    spec: "contracts/FOTI.json",
    edit: (d) => d.contracts.FOTI.fallback[0].value.steps.pop(),
    paths: [`${FOTI}/fallback/0/value/steps`],
  },
  {
    invariant: "fallback-definite",
    what: "a determination limited to one disruption",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.fallback[0].value.steps[3].only = ["ceased"]),
    paths: [`${FOTI}/fallback/0/value/steps`],
  },
  {
    invariant: "fallback-reachable",
    what: "a step after the determination",
    spec: "contracts/FOTI.json",
    edit: (d) => d.contracts.FOTI.fallback[0].value.steps.push(structuredClone(d.contracts.FOTI.fallback[0].value.steps[2])),
    paths: [`${FOTI}/fallback/0/value/steps/4`],
  },
  {
    invariant: "fallback-not-circular",
    what: "an alternate index that is the underlying",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.fallback[0].value.steps[1].action.index = "AITOK_OUT"),
    paths: [`${FOTI}/fallback/0/value/steps/1/action/index`],
  },
  {
    invariant: "dealer-poll",
    what: "a poll of 5 dealers that needs 6 quotes",
    spec: "contracts/FOTI_ISDA.json",
    edit: (d) => (d.contracts.FOTI_ISDA.fallback[0].value.steps[3].action.minimumQuotes = 6),
    paths: ["/contracts/FOTI_ISDA/fallback/0/value/steps/3/action/minimumQuotes"],
  },
  {
    invariant: "dealer-poll",
    what: "a poll of at least 2 quotes that drops the highest and the lowest",
    spec: "contracts/FOTI_ISDA.json",
    edit: (d) => (d.contracts.FOTI_ISDA.fallback[0].value.steps[3].action.minimumQuotes = 2),
    paths: ["/contracts/FOTI_ISDA/fallback/0/value/steps/3/action"],
  },
  {
    invariant: "durations-positive",
    what: "a staleness limit of 0 minutes",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.excludeStale[0].value.amount = "0"),
    paths: ["/indices/AITOK_OUT/excludeStale/0/value/amount"],
  },
  {
    invariant: "last-trading-days",
    what: "the fifth Friday of the month",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.lastTradingDay[0].value.rule.anchor = { kind: "nthWeekday", n: 5, weekday: 5 }),
    paths: [`${FOTI}/lastTradingDay/0/value/rule`],
  },
  {
    invariant: "last-trading-days",
    what: "an unadjusted last trading day that falls on holidays",
    spec: "contracts/FOTI.json",
    edit: (d) => (d.contracts.FOTI.lastTradingDay[0].value.rule.convention = "unadjusted"),
    paths: [`${FOTI}/lastTradingDay/0/value/rule`],
  },
  {
    invariant: "last-trading-days",
    what: "`when not a business day on` with a convention that does not say where the day moves (E4350 in the checker)",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.lastTradingDay[1].value.rule.convention = "modified-preceding"),
    paths: ["/contracts/BTC/lastTradingDay/1/value/rule/whenNotBusinessDayOn", "/contracts/BTC/lastTradingDay/1/value/rule"],
  },
  {
    invariant: "last-trading-days",
    what: "`when not a business day on` a business-day anchor (E4351 in the checker)",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.lastTradingDay[1].value.rule.anchor = { kind: "lastBusinessDay" }),
    paths: ["/contracts/BTC/lastTradingDay/1/value/rule/whenNotBusinessDayOn", "/contracts/BTC/lastTradingDay/1/value/rule"],
  },
  {
    invariant: "references",
    what: "`when not a business day on` a calendar the spec does not carry",
    spec: "contracts/BTC.json",
    edit: (d) => (d.contracts.BTC.lastTradingDay[1].value.rule.whenNotBusinessDayOn = "NOWHERE"),
    paths: ["/contracts/BTC/lastTradingDay/1/value/rule/whenNotBusinessDayOn"],
  },
  {
    invariant: "last-trading-days",
    what: "a weekly last trading day adjusted out of its week",
    spec: "contracts/FOTW.json",
    edit: (d) => {
      d.contracts.FOTW.lastTradingDay[0].value.rule.weekday = 1;
      d.contracts.FOTW.lastTradingDay[0].value.rule.convention = "preceding";
    },
    paths: ["/contracts/FOTW/lastTradingDay/0/value/rule"],
  },
  {
    invariant: "date-rules-writable",
    what: "a rule anchored seven months after the contract month",
    spec: "contracts/GPUH5.json",
    edit: (d) => (d.contracts.GPUH5.lastTradingDay[0].value.rule.monthOffset = 7),
    paths: ["/contracts/GPUH5/lastTradingDay/0/value/rule/monthOffset"],
  },

  // Indices.
  {
    invariant: "index-unit",
    what: "a source in a unit of another dimension",
    spec: "indices/AITOK_OUT.json",
    edit: (d) =>
      (d.indices.AITOK_OUT.sources[0].value.quoted[0].value = unit("USD per GPU-hour", { "money:USD": 1, "gpu-time": -1 }, "1", "USD")),
    paths: ["/indices/AITOK_OUT/sources/0/value/quoted/0/value"],
  },
  {
    invariant: "windows",
    what: "a window that ends before it starts",
    spec: "indices/GPUX_H100.json",
    edit: (d) => (d.indices.GPUX_H100.window[0].value.from = "17:00:00"),
    paths: ["/indices/GPUX_H100/window/0/value/to"],
  },
  {
    invariant: "windows",
    what: "a piece of a window of several that shares an instant with the previous one",
    spec: "indices/UK_OFFPEAK.json",
    edit: (d) => {
      const w = d.indices.UK_OFFPEAK.window[0].value;
      w.toBound = "inclusive";
      w.also[0] = { from: "07:00:00", fromBound: "inclusive", to: "11:00:00", toBound: "exclusive" };
    },
    paths: ["/indices/UK_OFFPEAK/window/0/value/also/0/from"],
  },
  {
    invariant: "partitions",
    what: "an interval that would span two pieces of a window",
    spec: "indices/UK_OFFPEAK.json",
    edit: (d) => (d.indices.UK_OFFPEAK.partition[0].value = { count: 4, length: { amount: "3", unit: "hours" } }),
    paths: ["/indices/UK_OFFPEAK/partition/0/value"],
  },
  {
    invariant: "sampling",
    what: "a sampled window of several pieces",
    spec: "indices/BTC_TWAP.json",
    edit: (d) =>
      (d.indices.BTC_TWAP.window[0].value.also = [{ from: "08:30:00", fromBound: "inclusive", to: "09:00:00", toBound: "exclusive" }]),
    paths: ["/indices/BTC_TWAP/sampling"],
  },
  {
    invariant: "sampling",
    what: "samples that do not divide the window",
    spec: "indices/BTC_TWAP.json",
    edit: (d) => (d.indices.BTC_TWAP.sampling[0].value.every = { amount: "7", unit: "seconds" }),
    paths: ["/indices/BTC_TWAP/sampling/0/value/every"],
  },
  {
    invariant: "sampling",
    what: "a sampled index with a partition",
    spec: "indices/BTC_TWAP.json",
    edit: (d) =>
      (d.indices.BTC_TWAP.partition = [
        {
          effective: [{ from: null, until: null }],
          descriptions: [],
          clauses: [],
          value: { count: 450, length: { amount: "4", unit: "seconds" } },
        },
      ]),
    paths: ["/indices/BTC_TWAP/emptyIntervals", "/indices/BTC_TWAP/sampling"],
  },
  {
    invariant: "sampling",
    what: "samples combined by volume",
    spec: "indices/BTC_TWAP.json",
    edit: (d) => (d.indices.BTC_TWAP.aggregateSamples[0].value.name = "vwap"),
    paths: ["/indices/BTC_TWAP/aggregateSamples/0/value/name"],
  },
  {
    invariant: "sampling",
    what: "samples aggregated without sampling",
    spec: "indices/BTC_TWAP.json",
    edit: (d) => delete d.indices.BTC_TWAP.sampling,
    paths: ["/indices/BTC_TWAP/aggregateSamples"],
  },
  {
    invariant: "sampling",
    what: "a holding time of zero",
    spec: "indices/BTC_TWAP.json",
    edit: (d) => (d.indices.BTC_TWAP.sampling[0].value.hold.amount = "0"),
    paths: ["/indices/BTC_TWAP/sampling/0/value/hold/amount"],
  },
  {
    invariant: "flag-below",
    what: "a flag below the minimum number of sources",
    spec: "indices/GPUQ_H100.json",
    edit: (d) => (d.indices.GPUQ_H100.flagBelowSources[0].value = 2),
    paths: ["/indices/GPUQ_H100/flagBelowSources/0/value"],
  },
  {
    invariant: "trade-qualification",
    what: "a minimum trade volume of zero",
    spec: "indices/GPUQ_H100.json",
    edit: (d) => (d.indices.GPUQ_H100.excludeTradesBelow[0].value.volume = "0"),
    paths: ["/indices/GPUQ_H100/excludeTradesBelow/0/value/volume"],
  },
  {
    invariant: "trade-qualification",
    what: "a deviation threshold above 100%",
    spec: "indices/GPUQ_H100.json",
    edit: (d) => (d.indices.GPUQ_H100.excludeTradeJumps[0].value.percent = "150"),
    paths: ["/indices/GPUQ_H100/excludeTradeJumps/0/value/percent"],
  },
  {
    invariant: "trade-qualification",
    what: "a flag no record can hold",
    spec: "indices/TOKT_QUAL.json",
    edit: (d) => (d.indices.TOKT_QUAL.excludeTradesWhere[0].value.flag = "affiliate;block"),
    paths: ["/indices/TOKT_QUAL/excludeTradesWhere/0/value/flag"],
  },
  {
    invariant: "trade-qualification",
    what: "a reversal window of business days",
    spec: "indices/TOKT_QUAL.json",
    edit: (d) => (d.indices.TOKT_QUAL.excludeTradesWhere[4].value.within = { amount: "2", unit: "business-days" }),
    paths: ["/indices/TOKT_QUAL/excludeTradesWhere/4/value/within"],
  },
  {
    invariant: "trade-qualification",
    what: "trades excluded by a record field without a window",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.excludeTradesWhere = [always({ kind: "type", type: "option" })]),
    paths: ["/indices/AITOK_OUT/excludeTradesWhere"],
  },
  {
    invariant: "trade-qualification",
    what: "trades excluded without a window",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.excludeTradesBelow = [always({ volume: "1" })]),
    paths: ["/indices/AITOK_OUT/excludeTradesBelow"],
  },
  {
    invariant: "time-weighted",
    what: "intervals combined by vtwap",
    spec: "indices/BTC_VTWAP.json",
    edit: (d) => (d.indices.BTC_VTWAP.aggregateIntervals[0].value.name = "vtwap"),
    paths: ["/indices/BTC_VTWAP/aggregateIntervals/0/value/name"],
  },
  {
    invariant: "time-weighted",
    what: "vtwap over a window of several pieces without a partition",
    spec: "indices/UK_OFFPEAK.json",
    edit: (d) => {
      const i = d.indices.UK_OFFPEAK;
      i.aggregateTrades[0].value.name = "vtwap";
      i.partition = [];
      i.emptyIntervals = [];
      i.aggregateIntervals = [];
    },
    paths: ["/indices/UK_OFFPEAK/aggregateTrades/0/value/name"],
  },
  {
    invariant: "partitions",
    what: "partitions that do not divide the window",
    spec: "indices/BTC_REF.json",
    edit: (d) => (d.indices.BTC_REF.partition[0].value.count = 11),
    paths: ["/indices/BTC_REF/partition/0/value"],
  },
  {
    invariant: "partitions",
    what: "a partition without an empty-interval policy",
    spec: "indices/BTC_REF.json",
    edit: (d) => (d.indices.BTC_REF.emptyIntervals = []),
    paths: ["/indices/BTC_REF/emptyIntervals"],
  },
  {
    invariant: "aggregation-data",
    what: "trades aggregated without a window",
    spec: "indices/GPUX_H100.json",
    edit: (d) => (d.indices.GPUX_H100.window = []),
    paths: ["/indices/GPUX_H100/aggregateTrades"],
  },
  {
    invariant: "aggregation-data",
    what: "an index that does not say how it aggregates",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.aggregateSources = []),
    paths: ["/indices/AITOK_OUT/aggregateSources"],
  },
  {
    invariant: "method-options",
    what: "a median with a trim",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.aggregateSources[0].value.trim = { highest: 1, lowest: 1 }),
    paths: ["/indices/AITOK_OUT/aggregateSources/0/value/trim"],
  },
  {
    invariant: "method-options",
    what: "a volume-weighted median without its exact-half convention",
    spec: "indices/BTC_REF.json",
    edit: (d) => (d.indices.BTC_REF.aggregateTrades[0].value.exactHalf = null),
    paths: ["/indices/BTC_REF/aggregateTrades/0/value/exactHalf"],
  },
  {
    invariant: "method-options",
    what: "a trimmed mean that drops every value",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.degradation[0].value.method.trim = { highest: 3, lowest: 2 }),
    paths: ["/indices/AITOK_OUT/degradation/0/value/method/trim"],
  },
  {
    invariant: "method-options",
    what: "a cap of 0%",
    spec: "indices/AITOK_BLEND.json",
    edit: (d) => (d.indices.AITOK_BLEND.aggregateSources[0].value.capPercent = "0"),
    paths: ["/indices/AITOK_BLEND/aggregateSources/0/value/capPercent"],
  },
  {
    invariant: "percentages",
    what: "a deviation threshold of 0%",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.excludeDeviation[1].value.percent = "0"),
    paths: ["/indices/AITOK_OUT/excludeDeviation/1/value/percent"],
  },
  {
    invariant: "percentages",
    what: "a negative threshold of a restatement window",
    spec: "indices/UK_OFFPEAK.json",
    edit: (d) => (d.indices.UK_OFFPEAK.restatement[0].value.thresholdPercent = "-1"),
    paths: ["/indices/UK_OFFPEAK/restatement/0/value/thresholdPercent"],
  },
  {
    invariant: "percentages",
    what: "an extreme-move threshold of 0%",
    spec: "indices/BTC_REF.json",
    edit: (d) => (d.indices.BTC_REF.extremeMoves[0].value.percent = "0"),
    paths: ["/indices/BTC_REF/extremeMoves/0/value/percent"],
  },
  {
    invariant: "weights",
    what: "a negative source weight",
    spec: "indices/BTC_SPOT_CAPPED.json",
    edit: (d) => (d.indices.BTC_SPOT_CAPPED.sources[4].value.weight[0].value = "-1"),
    paths: ["/indices/BTC_SPOT_CAPPED/sources/4/value/weight/0/value"],
  },
  {
    invariant: "weights",
    what: "fixed weights that are all 0",
    spec: "indices/BTC_SPOT_CAPPED.json",
    edit: (d) => {
      for (const s of d.indices.BTC_SPOT_CAPPED.sources) s.value.weight[0].value = "0";
    },
    paths: ["/indices/BTC_SPOT_CAPPED/sources"],
  },
  {
    invariant: "method-options",
    what: "a capped median weighted by volume",
    spec: "indices/BTC_SPOT_CAPPED.json",
    edit: (d) => (d.indices.BTC_SPOT_CAPPED.aggregateSources[0].value.weightedBy = "volume"),
    // Without fixed weighting, every stated weight is out of place too.
    paths: [
      "/indices/BTC_SPOT_CAPPED/aggregateSources/0/value/weightedBy",
      ...[0, 1, 2, 3, 4].map((i) => `/indices/BTC_SPOT_CAPPED/sources/${i}/value/weight`),
    ],
  },
  {
    invariant: "weights",
    what: "a source weight without fixed weighting",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.sources[0].value.weight[0].value = "3"),
    paths: ["/indices/AITOK_OUT/sources/0/value/weight"],
  },
  {
    invariant: "minimum-sources",
    what: "a minimum above the sources listed",
    spec: "indices/BTC_REF.json",
    edit: (d) => (d.indices.BTC_REF.minimumSources[0].value = 7),
    paths: ["/indices/BTC_REF/minimumSources/0/value"],
  },
  {
    invariant: "degradation",
    what: "degradation rules that leave 4 sources uncovered",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.degradation[1].value.maxSources = 3),
    paths: ["/indices/AITOK_OUT/degradation/0"],
  },
  {
    invariant: "degradation",
    what: "degradation rules that overlap",
    spec: "indices/AITOK_OUT.json",
    edit: (d) => (d.indices.AITOK_OUT.degradation[1].value.maxSources = 5),
    paths: ["/indices/AITOK_OUT/degradation/0"],
  },
];

function tampered(c: TamperCase): Doc {
  const doc = JSON.parse(goldens.get(c.spec)!) as Doc;
  c.edit(doc);
  doc.contentHash = contentHash(doc);
  return doc;
}

function problemPaths(doc: Doc): string[] | undefined {
  try {
    loadSpec(doc);
    return undefined;
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => p.path);
  }
}

describe("tampered specs with a recomputed hash", () => {
  it("every golden loads untouched", () => {
    for (const [path, text] of goldens) expect(problemPaths(JSON.parse(text)), path).toBeUndefined();
  });
  for (const c of CASES) {
    it(`${c.invariant}: ${c.what} (${c.spec})`, () => {
      expect(problemPaths(tampered(c))).toEqual(c.paths);
    });
  }
  it("has a case for every invariant docs/spec-format.md lists", () => {
    const doc = readFileSync(join(ROOT, "docs/spec-format.md"), "utf8");
    const section = doc.slice(
      doc.indexOf("## What a loaded spec guarantees"),
      doc.indexOf("\n## ", doc.indexOf("## What a loaded spec guarantees") + 4),
    );
    const keys = [...section.matchAll(/^- `([a-z-]+)`/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(30);
    const covered = new Set(CASES.map((c) => c.invariant));
    const uncovered = keys.filter((k) => !covered.has(k));
    expect(uncovered).toEqual([]);
    for (const k of covered) expect(keys, `an invariant with a case but no line in the documentation: ${k}`).toContain(k);
  });
});

describe("the text of a spec", () => {
  // RFC 8259 §4: "The names within an object SHOULD be unique. ... When the names within an object are not unique,
  // the behavior of software that receives such an object is unpredictable. Many implementations report the last
  // name/value pair only. Other implementations report an error or fail to parse the object, and some
  // implementations report all of the name/value pairs, including duplicates."
  const text = goldens.get("contracts/FOTI.json")!;
  const refused = (t: string): { path: string; message: string }[] => {
    try {
      loadSpec(t);
    } catch (e) {
      if (e instanceof SpecError) return e.problems.map((p) => ({ ...p }));
      throw e;
    }
    return [];
  };

  it("is refused when an object writes a member name twice, though JavaScript would keep the last one", () => {
    // The first tick is the one another reader might keep; the hash is over the last, so it still matches.
    const twice = text.replace('"contentHash":', '"contentHash": "sha256:0000",\n  "contentHash":');
    expect(JSON.parse(twice)).toEqual(JSON.parse(text));
    const line = twice.slice(0, twice.indexOf('"contentHash":', twice.indexOf('"contentHash":') + 1)).split("\n").length;
    expect(refused(twice)).toEqual([
      {
        path: "/contentHash",
        message: `is written twice in the same object (line ${line}): JSON readers differ on which one counts, so a spec names each member once`,
      },
    ]);
    // Deep inside, with names that need escaping in a pointer.
    const doc = JSON.parse(text) as Doc;
    const deep = JSON.stringify(doc, null, 1).replace('"title": "', '"title": "x", "title": "');
    expect(refused(deep)[0]?.path).toBe("/calendars/ENGLAND_WALES/title");
  });

  it("names no member twice after JSON.stringify, whatever the value (law), and finds every injected repeat", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (v, name) => {
        const t = JSON.stringify(v);
        expect(firstRepeatedName(t)).toBeUndefined();
        const obj = `{${JSON.stringify(name)}: 1, "a": ${t}, ${JSON.stringify(name)}: 2}`;
        expect(firstRepeatedName(obj)).toEqual(name === "a" ? { path: "/a", line: 1 } : { path: `/${pointerToken(name)}`, line: 1 });
      }),
      { seed: 18, numRuns: 300 },
    );
  });
});

describe("specs that load settle without an exception", () => {
  it("a postponement that runs past the calendar's last supported year is a failed step, not a CalendarRangeError", () => {
    // The loader accepts any postponement of up to 1,000,000 business days, as the checker does; near the end of the
    // engine's years even a short one runs out of days.
    const spec = loadSpec(JSON.parse(goldens.get("contracts/FOTI.json")!) as Doc) as Doc;
    const engines = new CalendarEngines(resolverFromList(Object.values(spec.calendars)), 3990, 4000);
    const lookup = {
      value: () => ({ ok: false as const, disruption: "not-published" as const, message: "none" }),
      lastBefore: () => undefined,
    };
    const fallback = spec.contracts.FOTI.fallback[0].value;
    const engine = (name: string) => {
      const e = engines.get(name);
      return e.ok ? e.value : undefined;
    };
    const w = runWaterfall("AITOK_OUT", "4000-12-28", lookup, fallback, { engines: engine });
    expect(w.kind).toBe("determination");
    expect(w.attempts[1]).toMatchObject({ level: 1, outcome: "failed" });
    expect(w.attempts[1]!.reason).toMatch(/outside the supported calendar years/);
  });
});

describe("random re-hashed mutants of every compiled golden", () => {
  it("either fail to load with a SpecError, or load and settle without an exception (seed 13, 250 mutants)", () => {
    const crashes: string[] = [];
    let loaded = 0;
    for (const m of mutants(13, 250)) {
      const o = runMutant(m);
      if (o.kind === "crashed") crashes.push(`${m.base} ${m.edit}: ${o.where}: ${o.error.split("\n")[0]}`);
      if (o.kind === "loaded") loaded++;
    }
    expect(crashes).toEqual([]);
    // Mutants that load are edits the compiler could have made (another holiday date, another model name…).
    expect(loaded).toBeGreaterThan(0);
  }, 120_000);
});
