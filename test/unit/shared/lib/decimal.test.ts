import { describe, expect, it } from "vitest";
import { dec, divRound, exact2, fixed, roundHalfUp } from "../../../../shared/lib/decimal";

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
