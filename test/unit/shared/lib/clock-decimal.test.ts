import { afterEach, describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson } from "../../../../shared/lib/canonical-json";
import { now, setNow, shanghaiDate, shanghaiInstant, shanghaiToday } from "../../../../shared/lib/clock";
import { dec, divRound, exact2, fixed, roundHalfUp } from "../../../../shared/lib/decimal";
import { sortableId } from "../../../../shared/lib/ids";

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

describe("sortable ids", () => {
  it("sort in creation order even under a fixed clock or one set back", () => {
    setNow("2023-01-05T00:00:00Z");
    const ids = Array.from({ length: 50 }, () => sortableId());
    setNow("2020-01-01T00:00:00Z");
    ids.push(sortableId(), sortableId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{17}$/);
  });
});

describe("decimal", () => {
  it("shows exact points with at least 2 decimals, never rounding", () => {
    expect(exact2(dec(7.5))).toBe("7.50");
    expect(exact2(dec("7.125"))).toBe("7.125");
    expect(exact2(dec("70.904"))).toBe("70.904");
    expect(exact2(dec(0))).toBe("0.00");
    expect(exact2(dec(100))).toBe("100.00");
  });

  it("rounds half up exactly where binary floats do not", () => {
    expect(fixed(roundHalfUp(dec("1.005")))).toBe("1.01");
    expect(fixed(roundHalfUp(dec(2.675)))).toBe("2.68");
    expect(dec(0.1).plus(dec(0.2)).toString()).toBe("0.3");
  });

  it("rounds a quotient correctly, not after truncating it", () => {
    expect(fixed(divRound(dec(1), dec(8)))).toBe("0.13");
    expect(fixed(divRound(dec(2), dec(3)))).toBe("0.67");
    expect(fixed(divRound(dec(15).times(173317), dec(160000)))).toBe("16.25");
  });

  it("refuses non-finite numbers", () => {
    expect(() => dec(Number.NaN)).toThrow(RangeError);
  });
});

describe("canonical JSON", () => {
  it("sorts keys so the same value always hashes the same", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: "x" }] })).toBe('{"a":[2,{"c":"x","d":1}],"b":1}');
    expect(canonicalHash({ a: 1, b: 2 })).toBe(canonicalHash({ b: 2, a: 1 }));
    expect(canonicalHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
