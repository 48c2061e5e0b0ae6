import { describe, expect, it } from "vitest";
import { normalizeDigits, numberText, parseNumber } from "../../../../../functions/console/src/lib/numbers";
import { itMaps } from "../../../../support/maps";

const value = (text: string) => {
  const parsed = parseNumber(text);
  return parsed.kind === "number" ? parsed.value : parsed.kind;
};

describe("parseNumber", () => {
  itMaps("reads %j as %d", value, [
    ["1234", 1234],
    ["1,234", 1234],
    ["1,234,567.5", 1234567.5],
    ["１２３４", 1234],
    ["１，２３４．５", 1234.5],
    [" 3 000 ", 3000],
    ["12.5%", 12.5],
    ["１２．５％", 12.5],
    ["−5", -5],
    ["+7", 7],
    [".5", 0.5],
    ["1.2E+05", 120000],
    ["0", 0],
    ["-0", 0],
  ]);

  it("tells a percentage from a plain number", () => {
    expect(parseNumber("12.5%")).toEqual({ kind: "number", value: 12.5, percent: true });
    expect(parseNumber("12.5")).toEqual({ kind: "number", value: 12.5, percent: false });
  });

  it.each(["", "   ", "\u3000"])("reads %j as empty", (text) => {
    expect(parseNumber(text)).toEqual({ kind: "empty" });
  });

  it.each(["abc", "1,23", "12,34,567", "1.2.3", "12%%", "1e", "--5", "5-", "¥100", "1,234,"])(
    "refuses %j with a Chinese message",
    (text) => {
      const parsed = parseNumber(text);
      expect(parsed.kind).toBe("invalid");
      if (parsed.kind === "invalid") expect(parsed.message).toMatch(/不是有效的数字/);
    },
  );

  it("refuses numbers beyond what a double can hold", () => {
    expect(parseNumber("1e400").kind).toBe("invalid");
  });

  it("normalizes full-width digits and removes spaces", () => {
    expect(normalizeDigits("１ ２\u3000３")).toBe("123");
  });

  it("writes stored values with separators and every decimal, so they re-parse exactly", () => {
    expect(numberText(1234.5)).toBe("1,234.5");
    expect(numberText(0.000123)).toBe("0.000123");
    for (const v of [1234.5, 1234567.891, 0.1, 3.9, 100, 0]) expect(value(numberText(v))).toBe(v);
    expect(numberText(null)).toBe("");
  });
});
