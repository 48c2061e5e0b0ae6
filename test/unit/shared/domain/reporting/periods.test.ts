import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysInMonth,
  parsePeriod,
  periodBelongsToYear,
  periodSchema,
  reportingStatus,
  reportingWindow,
  unlockInForce,
} from "../../../../../shared/domain/reporting";
import { shanghaiDate, shanghaiInstant } from "../../../../../shared/lib/clock";

const at = (iso: string) => new Date(iso);

describe("periodSchema / parsePeriod", () => {
  it.each(["2019-01", "2019-09", "2019-10", "2019-12", "2100-06"])("accepts %s", (period) => {
    expect(periodSchema.safeParse(period).success).toBe(true);
  });

  it.each(["2019-00", "2019-13", "2019-1", "19-01", "2019/01", "2019-01-01", " 2019-01", "0019-01", ""])(
    "rejects %j",
    (period) => {
      expect(periodSchema.safeParse(period).success).toBe(false);
      expect(() => parsePeriod(period)).toThrow(RangeError);
    },
  );

  it("parses year and month as numbers", () => {
    expect(parsePeriod("2019-03")).toEqual({ year: 2019, month: 3 });
    expect(parsePeriod("2020-12")).toEqual({ year: 2020, month: 12 });
  });

  it("knows which year a period belongs to", () => {
    expect(periodBelongsToYear("2019-12", 2019)).toBe(true);
    expect(periodBelongsToYear("2020-01", 2019)).toBe(false);
    expect(periodBelongsToYear("2019-13", 2019)).toBe(false);
  });

  it.each([
    [2019, 2, 28],
    [2020, 2, 29],
    [2100, 2, 28],
    [2019, 4, 30],
    [2019, 12, 31],
  ])("counts days of months, leap years included: %i-%i has %i", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe("reportingWindow", () => {
  it("opens a January period at 00:00 Shanghai on Jan 1 (= 16:00Z the day before)", () => {
    const { opensAt } = reportingWindow("2019-01", 10);
    expect(opensAt.toISOString()).toBe("2018-12-31T16:00:00.000Z");
    expect(opensAt.getTime()).toBe(at("2019-01-01T00:00:00+08:00").getTime());
  });

  it("closes at the end of the deadline day of the next month (the deadline day itself is on time)", () => {
    const { closesAt, deadlineDate } = reportingWindow("2019-01", 10);
    expect(closesAt.getTime()).toBe(at("2019-02-11T00:00:00+08:00").getTime());
    expect(deadlineDate).toBe("2019-02-10");
  });

  it("puts December's deadline in January of the next year", () => {
    const { opensAt, closesAt, deadlineDate } = reportingWindow("2019-12", 10);
    expect(opensAt.getTime()).toBe(at("2019-12-01T00:00:00+08:00").getTime());
    expect(closesAt.getTime()).toBe(at("2020-01-11T00:00:00+08:00").getTime());
    expect(deadlineDate).toBe("2020-01-10");
  });

  it("clamps a deadline day beyond the next month's length to its last day", () => {
    // January's report is due in February: 31 → 28 (2019) / 29 (2020).
    expect(reportingWindow("2019-01", 31).closesAt.getTime()).toBe(at("2019-03-01T00:00:00+08:00").getTime());
    expect(reportingWindow("2019-01", 31).deadlineDate).toBe("2019-02-28");
    expect(reportingWindow("2020-01", 30).deadlineDate).toBe("2020-02-29");
    expect(reportingWindow("2020-01", 30).closesAt.getTime()).toBe(at("2020-03-01T00:00:00+08:00").getTime());
    // March's report is due in April (30 days).
    expect(reportingWindow("2019-03", 31).deadlineDate).toBe("2019-04-30");
    // December's report with day 31 is due on Jan 31 and closes at Feb 1.
    expect(reportingWindow("2019-12", 31).closesAt.getTime()).toBe(at("2020-02-01T00:00:00+08:00").getTime());
  });

  it("rejects an invalid deadline day or period", () => {
    expect(() => reportingWindow("2019-01", 0)).toThrow(RangeError);
    expect(() => reportingWindow("2019-01", 32)).toThrow(RangeError);
    expect(() => reportingWindow("2019-01", 10.5)).toThrow(RangeError);
    expect(() => reportingWindow("2019-13", 10)).toThrow(RangeError);
  });

  it("property: the window spans from the 1st of the month to the (clamped) deadline day of the next", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const period = `${year}-${String(month).padStart(2, "0")}`;
          const { opensAt, closesAt } = reportingWindow(period, day);
          expect(shanghaiDate(opensAt)).toEqual({ year, month, day: 1 });
          expect(opensAt.getTime()).toBe(shanghaiInstant(year, month, 1).getTime());
          const lastOnTime = shanghaiDate(new Date(closesAt.getTime() - 1));
          const nextYear = month === 12 ? year + 1 : year;
          const nextMonth = month === 12 ? 1 : month + 1;
          expect(lastOnTime).toEqual({
            year: nextYear,
            month: nextMonth,
            day: Math.min(day, daysInMonth(nextYear, nextMonth)),
          });
          // closesAt is a Shanghai midnight.
          expect((closesAt.getTime() + 8 * 3_600_000) % 86_400_000).toBe(0);
        },
      ),
    );
  });
});

describe("reportingStatus", () => {
  it("is open from the first instant of the month", () => {
    const status = reportingStatus(at("2019-01-01T00:00:00+08:00"), "2019-01", 10);
    expect(status).toMatchObject({ state: "open", late: false });
  });

  it("is notYetOpen one millisecond before the month starts, even with an unlock", () => {
    const now = at("2018-12-31T23:59:59.999+08:00");
    expect(reportingStatus(now, "2019-01", 10)).toMatchObject({ state: "notYetOpen", late: false });
    expect(reportingStatus(now, "2019-01", 10, { until: "2019-06-30T00:00:00+08:00" })).toMatchObject({
      state: "notYetOpen",
      late: false,
    });
  });

  it("is open until the last millisecond of the deadline day and locked at the next midnight", () => {
    expect(reportingStatus(at("2019-02-10T23:59:59.999+08:00"), "2019-01", 10)).toMatchObject({
      state: "open",
      late: false,
    });
    expect(reportingStatus(at("2019-02-11T00:00:00+08:00"), "2019-01", 10)).toMatchObject({
      state: "locked",
      late: false,
    });
  });

  it("uses Shanghai time, not UTC: 2019-02-10T16:00Z is already Feb 11 in Shanghai", () => {
    expect(reportingStatus(at("2019-02-10T15:59:59.999Z"), "2019-01", 10).state).toBe("open");
    expect(reportingStatus(at("2019-02-10T16:00:00.000Z"), "2019-01", 10).state).toBe("locked");
  });

  it("accepts a December report in January of the next year until the deadline", () => {
    expect(reportingStatus(at("2020-01-10T12:00:00+08:00"), "2019-12", 10).state).toBe("open");
    expect(reportingStatus(at("2020-01-11T00:00:00+08:00"), "2019-12", 10).state).toBe("locked");
  });

  it("is late (accepted, flagged) after the deadline while an unlock is in force, up to and including `until`", () => {
    const unlock = { until: "2019-03-01T12:00:00+08:00" };
    expect(reportingStatus(at("2019-02-20T09:00:00+08:00"), "2019-01", 10, unlock)).toMatchObject({
      state: "late",
      late: true,
    });
    expect(reportingStatus(at("2019-03-01T12:00:00+08:00"), "2019-01", 10, unlock).state).toBe("late");
  });

  it("is locked again once the unlock has expired", () => {
    const unlock = { until: "2019-03-01T12:00:00+08:00" };
    expect(reportingStatus(at("2019-03-01T12:00:00.001+08:00"), "2019-01", 10, unlock)).toMatchObject({
      state: "locked",
      late: false,
    });
  });

  it("ignores an unlock while the window is open (still on time)", () => {
    const unlock = { until: "2019-03-01T12:00:00+08:00" };
    expect(reportingStatus(at("2019-02-05T09:00:00+08:00"), "2019-01", 10, unlock)).toMatchObject({
      state: "open",
      late: false,
    });
  });

  it("treats a missing or unparsable unlock as no unlock", () => {
    const now = at("2019-02-20T09:00:00+08:00");
    expect(reportingStatus(now, "2019-01", 10, null).state).toBe("locked");
    expect(reportingStatus(now, "2019-01", 10, { until: "not a date" }).state).toBe("locked");
    expect(unlockInForce(now, { until: "not a date" })).toBe(false);
  });

  it("property: the state only moves forward in time (notYetOpen → open → locked)", () => {
    const rank = { notYetOpen: 0, open: 1, late: 2, locked: 2 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: Date.UTC(2018, 10, 1), max: Date.UTC(2020, 3, 1) }),
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        (month, day, t, dt) => {
          const period = `2019-${String(month).padStart(2, "0")}`;
          const a = reportingStatus(new Date(t), period, day);
          const b = reportingStatus(new Date(t + dt), period, day);
          expect(rank[a.state]).toBeLessThanOrEqual(rank[b.state]);
          expect(a.state).not.toBe("late");
        },
      ),
    );
  });
});
