/**
 * Small real-world calendars written directly as model objects, shared by the calendar tests:
 * NYSE-like, US federal (OPM), England and Wales bank holidays, TARGET, and joint combinations.
 */
import type { Calendar, HolidayRule } from "../../../src/runtime/calendar/index.js";
import { resolverFromList } from "../../../src/runtime/calendar/index.js";

const WEEKEND = [6, 7];
const usShift = { kind: "shift" } as const;

export const NYSE: Calendar = {
  name: "NYSE",
  timeZone: "America/New_York",
  weekend: WEEKEND,
  holidays: [
    {
      name: "New Year's Day",
      date: { kind: "fixed", month: 1, day: 1 },
      observance: { kind: "shift", saturday: "none", sunday: "monday" },
    },
    { name: "Martin Luther King Jr. Day", date: { kind: "nthWeekday", n: 3, weekday: 1, month: 1 }, fromYear: 1998 },
    { name: "Washington's Birthday", date: { kind: "nthWeekday", n: 3, weekday: 1, month: 2 } },
    { name: "Good Friday", date: { kind: "easter", offsetDays: -2 } },
    { name: "Memorial Day", date: { kind: "lastWeekday", weekday: 1, month: 5 } },
    { name: "Juneteenth", date: { kind: "fixed", month: 6, day: 19 }, observance: usShift, fromYear: 2022 },
    { name: "Independence Day", date: { kind: "fixed", month: 7, day: 4 }, observance: usShift },
    { name: "Labor Day", date: { kind: "nthWeekday", n: 1, weekday: 1, month: 9 } },
    { name: "Thanksgiving", date: { kind: "nthWeekday", n: 4, weekday: 4, month: 11 } },
    { name: "Christmas Day", date: { kind: "fixed", month: 12, day: 25 }, observance: usShift },
    {
      name: "Unscheduled closure",
      date: {
        kind: "oneOff",
        dates: [
          "2001-09-11",
          "2001-09-12",
          "2001-09-13",
          "2001-09-14",
          "2004-06-11",
          "2007-01-02",
          "2012-10-29",
          "2012-10-30",
          "2018-12-05",
          "2025-01-09",
        ],
      },
    },
  ],
};

export const US_FEDERAL: Calendar = {
  name: "USFederal",
  timeZone: "America/New_York",
  weekend: WEEKEND,
  holidays: [
    { name: "New Year's Day", date: { kind: "fixed", month: 1, day: 1 }, observance: usShift },
    { name: "Birthday of Martin Luther King, Jr.", date: { kind: "nthWeekday", n: 3, weekday: 1, month: 1 } },
    { name: "Washington's Birthday", date: { kind: "nthWeekday", n: 3, weekday: 1, month: 2 } },
    { name: "Memorial Day", date: { kind: "lastWeekday", weekday: 1, month: 5 } },
    { name: "Juneteenth", date: { kind: "fixed", month: 6, day: 19 }, observance: usShift, fromYear: 2021 },
    { name: "Independence Day", date: { kind: "fixed", month: 7, day: 4 }, observance: usShift },
    { name: "Labor Day", date: { kind: "nthWeekday", n: 1, weekday: 1, month: 9 } },
    { name: "Columbus Day", date: { kind: "nthWeekday", n: 2, weekday: 1, month: 10 } },
    { name: "Veterans Day", date: { kind: "fixed", month: 11, day: 11 }, observance: usShift },
    { name: "Thanksgiving Day", date: { kind: "nthWeekday", n: 4, weekday: 4, month: 11 } },
    { name: "Christmas Day", date: { kind: "fixed", month: 12, day: 25 }, observance: usShift },
  ],
};

const substitute = { kind: "substitute" } as const;

const ukRules: HolidayRule[] = [
  { name: "New Year's Day", date: { kind: "fixed", month: 1, day: 1 }, observance: substitute, fromYear: 1974 },
  { name: "Good Friday", date: { kind: "easter", offsetDays: -2 } },
  { name: "Easter Monday", date: { kind: "easter", offsetDays: 1 } },
  { name: "Early May bank holiday", date: { kind: "nthWeekday", n: 1, weekday: 1, month: 5 }, fromYear: 1978, exceptYears: [1995, 2020] },
  { name: "Early May bank holiday (VE day)", date: { kind: "oneOff", dates: ["1995-05-08", "2020-05-08"] } },
  { name: "Spring bank holiday", date: { kind: "lastWeekday", weekday: 1, month: 5 }, exceptYears: [2002, 2012, 2022] },
  { name: "Spring bank holiday", date: { kind: "oneOff", dates: ["2002-06-04", "2012-06-04", "2022-06-02"] } },
  { name: "Jubilee bank holiday", date: { kind: "oneOff", dates: ["2002-06-03", "2012-06-05", "2022-06-03"] } },
  { name: "Summer bank holiday", date: { kind: "lastWeekday", weekday: 1, month: 8 } },
  { name: "Christmas Day", date: { kind: "fixed", month: 12, day: 25 }, observance: substitute },
  { name: "Boxing Day", date: { kind: "fixed", month: 12, day: 26 }, observance: substitute },
  {
    name: "Special bank holiday",
    date: { kind: "oneOff", dates: ["1999-12-31", "2011-04-29", "2022-09-19", "2023-05-08"] },
  },
];

export const UK: Calendar = { name: "London", timeZone: "Europe/London", weekend: WEEKEND, holidays: ukRules };

export const TARGET: Calendar = {
  name: "TARGET",
  timeZone: "Europe/Berlin",
  weekend: WEEKEND,
  holidays: [
    { name: "New Year's Day", date: { kind: "fixed", month: 1, day: 1 } },
    { name: "Good Friday", date: { kind: "easter", offsetDays: -2 } },
    { name: "Easter Monday", date: { kind: "easter", offsetDays: 1 } },
    { name: "Labour Day", date: { kind: "fixed", month: 5, day: 1 } },
    { name: "Christmas Day", date: { kind: "fixed", month: 12, day: 25 } },
    { name: "Boxing Day", date: { kind: "fixed", month: 12, day: 26 } },
  ],
};

export const LONDON_AND_NY: Calendar = {
  name: "LondonAndNY",
  timeZone: "Europe/London",
  weekend: [],
  holidays: [],
  joint: { mode: "all", calendars: ["London", "NYSE"] },
};

export const LONDON_OR_NY: Calendar = {
  name: "LondonOrNY",
  timeZone: "Europe/London",
  weekend: [],
  holidays: [],
  joint: { mode: "any", calendars: ["London", "NYSE"] },
};

/** NYSE plus a made-up exchange holiday, to exercise basedOn. */
export const NYSE_PLUS: Calendar = {
  name: "NYSEPlus",
  timeZone: "America/New_York",
  weekend: WEEKEND,
  holidays: [{ name: "Exchange anniversary", date: { kind: "fixed", month: 5, day: 17 }, observance: { kind: "shift" } }],
  basedOn: ["NYSE"],
};

export const ALL_CALENDARS = [NYSE, US_FEDERAL, UK, TARGET, LONDON_AND_NY, LONDON_OR_NY, NYSE_PLUS];
export const resolve = resolverFromList(ALL_CALENDARS);
