import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isDate,
  subtractMonths,
} from "../../../../../shared/domain/subsidies/dates";

describe("subtractMonths", () => {
  it.each([
    ["2020-03-31", 1, "2020-02-29"],
    ["2021-03-31", 1, "2021-02-28"],
    ["2020-02-29", 12, "2019-02-28"],
    ["2019-05-31", 1, "2019-04-30"],
    ["2019-01-15", 1, "2018-12-15"],
    ["2019-07-01", 24, "2017-07-01"],
    ["2019-12-31", 12, "2018-12-31"],
    ["2019-03-15", -1, "2019-04-15"],
  ])("%s minus %i months is %s", (date, months, expected) => {
    expect(subtractMonths(date, months)).toBe(expected);
  });

  it("refuses malformed dates and non-integer months", () => {
    expect(() => subtractMonths("2019-02-29", 1)).toThrow(RangeError);
    expect(() => subtractMonths("2019-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("addDays and day numbers", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2019-12-31", 1)).toBe("2020-01-01");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(addDays("2019-03-01", -1)).toBe("2019-02-28");
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01")).toBe(11017);
  });

  it("round-trips every day number and steps one calendar day at a time", () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(isDate(date)).toBe(true);
        expect(dayNumber(date)).toBe(n);
        expect(addDays(date, 1) > date).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isDate", () => {
  it("accepts real calendar days only", () => {
    expect(isDate("2020-02-29")).toBe(true);
    expect(isDate("2019-02-29")).toBe(false);
    expect(isDate("2019-04-31")).toBe(false);
    expect(isDate("2019-1-01")).toBe(false);
    expect(isDate(20190101)).toBe(false);
  });
});
