import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chineseDate,
  chineseNumeral,
  isIsoDate,
  sectionNumber,
  subsectionNumber,
} from "../../../../../shared/domain/circular";
import { itMaps } from "../../../../support/maps";

const FIRST_TWELVE = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

describe("chineseNumeral", () => {
  it("writes 1..12", () => {
    expect(FIRST_TWELVE.map((_, i) => chineseNumeral(i + 1))).toEqual(FIRST_TWELVE);
  });

  itMaps("%i → %s", chineseNumeral, [
    [10, "十"],
    [11, "十一"],
    [19, "十九"],
    [20, "二十"],
    [21, "二十一"],
    [30, "三十"],
    [99, "九十九"],
    [100, "一百"],
    [101, "一百零一"],
    [110, "一百一十"],
    [115, "一百一十五"],
    [1001, "一千零一"],
    [1010, "一千零一十"],
    [2024, "二千零二十四"],
  ]);

  it("rejects 0, negatives, fractions and numbers past 9999", () => {
    for (const n of [0, -1, 1.5, 10000, Number.NaN]) expect(() => chineseNumeral(n)).toThrow(RangeError);
  });

  it("gives a different numeral for every number (1..9999) and never 一十 or a doubled 零", () => {
    const all = Array.from({ length: 9999 }, (_, i) => chineseNumeral(i + 1));
    expect(new Set(all).size).toBe(9999);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        const s = chineseNumeral(n);
        return !s.startsWith("一十") && !s.includes("零零") && !s.endsWith("零");
      }),
    );
  });
});

describe("section and subsection numbers", () => {
  it("number sections 一、 … 十二、", () => {
    expect(FIRST_TWELVE.map((_, i) => sectionNumber(i + 1))).toEqual(FIRST_TWELVE.map((s) => `${s}、`));
  });

  it("number subsections （一） … （十二） with full-width parentheses", () => {
    expect(FIRST_TWELVE.map((_, i) => subsectionNumber(i + 1))).toEqual(FIRST_TWELVE.map((s) => `（${s}）`));
  });

  it.each([
    [10, "十、", "（十）"],
    [11, "十一、", "（十一）"],
    [19, "十九、", "（十九）"],
    [20, "二十、", "（二十）"],
    [21, "二十一、", "（二十一）"],
    [99, "九十九、", "（九十九）"],
  ])("%i → %s %s", (n, section, subsection) => {
    expect(sectionNumber(n)).toBe(section);
    expect(subsectionNumber(n)).toBe(subsection);
  });
});

describe("chineseDate", () => {
  itMaps("%s → %s", chineseDate, [
    ["2020-04-16", "2020年4月16日"],
    ["2020-01-01", "2020年1月1日"],
    ["2019-12-31", "2019年12月31日"],
    ["2020-10-05", "2020年10月5日"],
    ["2024-02-29", "2024年2月29日"],
  ]);

  it.each([
    "2020-4-16",
    "2020-04-31",
    "2023-02-29",
    "1900-02-29",
    "2020-13-01",
    "2020-00-10",
    "20200416",
    "",
  ])("rejects %s", (bad) => {
    expect(isIsoDate(bad)).toBe(false);
    expect(() => chineseDate(bad)).toThrow(RangeError);
  });

  it("round-trips every real date and never prints a leading zero", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1950, 0, 1)),
          max: new Date(Date.UTC(2100, 11, 31)),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const text = chineseDate(iso);
          expect(text).toBe(`${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`);
          expect(text).not.toMatch(/年0|月0/);
        },
      ),
    );
  });
});
