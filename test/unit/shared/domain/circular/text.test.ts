import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCircularDocument, circularSha256 } from "../../../../../shared/domain/circular";
import { printTitleLines } from "../../../../../shared/domain/circular/print";
import {
  addresseesLine,
  endSentence,
  shortUnitName,
  stripLeadingEnumeration,
  toParagraph,
  withCityPrefix,
} from "../../../../../shared/domain/circular/text";
import { canonicalHash } from "../../../../../shared/lib/canonical-json";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";
import { itMaps } from "../../../../support/maps";

describe("text rules", () => {
  itMaps("shortUnitName(%s) = %s", shortUnitName, [
    ["长春市政府", "长春市"],
    ["延边州政府", "延边州"],
    ["长白山管委会", "长白山"],
    ["延边朝鲜族自治州人民政府", "延边朝鲜族自治州"],
    ["长春新区管理委员会", "长春新区"],
  ]);

  it("prefixes a highlight once: applying the rule twice changes nothing", () => {
    const unit = { name: "延边朝鲜族自治州", authorityName: "延边州政府" };
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const once = withCityPrefix(unit, text);
        expect(withCityPrefix(unit, once)).toBe(once);
        expect(once.endsWith(text)).toBe(true);
      }),
    );
  });

  itMaps("endSentence(%s) = %s", endSentence, [
    ["突破“最后一公里”", "突破“最后一公里”。"],
    ["完成。", "完成。"],
    ["完成！", "完成！"],
    ["完成吗？", "完成吗？"],
    ["确保清零；", "确保清零。"],
    ["确保清零，", "确保清零。"],
    ["甲、", "甲。"],
    ["  ", ""],
    ["；", ""],
  ]);

  it("makes one paragraph of text typed over several lines", () => {
    expect(toParagraph("　　第一行，\r\n　　第二行。\n")).toBe("第一行，第二行。");
    expect(toParagraph("a\u2028b")).toBe("ab");
  });

  it("ends the addressees with exactly one full-width colon", () => {
    expect(addresseesLine("各市（州）人民政府，长白山管委会")).toBe("各市（州）人民政府，长白山管委会：");
    expect(addresseesLine("各市（州）人民政府: ")).toBe("各市（州）人民政府：");
    expect(addresseesLine("：")).toBe("");
  });

  itMaps("stripLeadingEnumeration(%s) = %s", stripLeadingEnumeration, [
    ["（一）就业压力持续加大。", "就业压力持续加大。"],
    ["(2) 落实政策。", "落实政策。"],
    ["3、系统应用。", "系统应用。"],
    ["4. 甲", "甲"],
    ["十一、乙", "乙"],
    ["3.5%的人员", "3.5%的人员"],
    ["2020年以来", "2020年以来"],
    ["一是压力大", "一是压力大"],
  ]);

  it("breaks a long printed title after whole words, into the fewest and most even lines of 20 characters", () => {
    expect(printTitleLines("吉林省人民政府关于2019年度就业创业工作目标责任制考评情况的通报")).toEqual([
      "吉林省人民政府关于2019年度",
      "就业创业工作目标责任制考评情况的通报",
    ]);
    expect(printTitleLines("关于2019年度就业创业工作目标责任制考评情况的通报")).toEqual([
      "关于2019年度就业创业工作",
      "目标责任制考评情况的通报",
    ]);
    expect(
      printTitleLines("延边朝鲜族自治州人民政府关于2019年度就业创业工作目标责任制考评情况的通报"),
    ).toEqual(["延边朝鲜族自治州人民政府关于2019年度", "就业创业工作目标责任制考评情况的通报"]);
    expect(
      printTitleLines("新疆维吾尔自治区人民政府办公厅关于2019年度就业创业工作目标责任制考评情况的通报"),
    ).toEqual(["新疆维吾尔自治区人民政府办公厅关于", "2019年度就业创业工作", "目标责任制考评情况的通报"]);
    expect(printTitleLines("关于考评情况的通报")).toEqual(["关于考评情况的通报"]);
  });
});

describe("circularSha256", () => {
  it("is the canonical hash, whatever the key order", () => {
    const doc = buildCircularDocument(jilinInput());
    const reversed = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(doc).reverse())));
    expect(circularSha256(doc)).toBe(canonicalHash(doc));
    expect(circularSha256(reversed)).toBe(circularSha256(doc));
    expect(circularSha256({ ...doc, documentNo: "吉政函〔2020〕34号" })).not.toBe(circularSha256(doc));
  });
});
