import { afterEach, describe, expect, it } from "vitest";
import { now, setNow, shanghaiDate, shanghaiInstant, shanghaiToday } from "../../../../shared/lib/clock";

afterEach(() => setNow(null));

describe("clock", () => {
  it("can be fixed and released", () => {
    setNow("2019-02-10T15:59:59.999Z");
    expect(now().toISOString()).toBe("2019-02-10T15:59:59.999Z");
    setNow(null);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("reads civil dates in Asia/Shanghai (UTC+8)", () => {
    expect(shanghaiDate(new Date("2019-02-10T15:59:59.999Z"))).toEqual({ year: 2019, month: 2, day: 10 });
    expect(shanghaiDate(new Date("2019-02-10T16:00:00.000Z"))).toEqual({ year: 2019, month: 2, day: 11 });
    expect(shanghaiToday(new Date("2019-12-31T16:00:00Z"))).toBe("2020-01-01");
    expect(shanghaiInstant(2019, 13, 1).toISOString()).toBe("2019-12-31T16:00:00.000Z");
  });

  it("refuses an unreadable instant", () => {
    expect(() => setNow("not a date")).toThrow(RangeError);
  });
});
