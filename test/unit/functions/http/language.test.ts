import { describe, expect, it } from "vitest";
import { contentLanguage, preferredLanguage } from "../../../../functions/http/language";
import { itMaps } from "../../../support/maps";

const CHINESE_RANGES = [
  "zh-CN",
  "zh",
  "zh-Hans",
  "zh-Hans-CN",
  "zh-TW",
  "ZH-cn",
  " zh-CN ",
  "zh-CN,zh;q=0.9",
];
const NOT_CHINESE = [undefined, "", "en", "en-US", "fr", "de-DE, ja;q=0.8", "*", ",,;", "zhx", "q=1"];

describe("preferredLanguage (Accept-Language)", () => {
  describe("answers Chinese to every Chinese range the console or a browser sends", () => {
    it.each(CHINESE_RANGES)("%j", (header) => {
      expect(preferredLanguage(header)).toBe("zh");
    });
  });

  describe("answers English without the header, to English, to other languages and to nonsense", () => {
    it.each(NOT_CHINESE)("%j", (header) => {
      expect(preferredLanguage(header)).toBe("en");
    });
  });

  describe("honours q-values: the highest weighted language the service speaks wins", () => {
    itMaps("%j → %s", preferredLanguage, [
      ["en;q=0.5, zh-CN;q=0.8", "zh"],
      ["zh-CN;q=0.5, en;q=0.8", "en"],
      ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
      ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
      // a language the service does not speak does not count, however high
      ["fr;q=1, zh;q=0.1", "zh"],
      ["fr, en;q=0.2, zh;q=0.1", "en"],
    ]);
  });

  describe("treats q=0 as 'not this one' and a malformed weight as no weight at all", () => {
    itMaps("%j → %s", preferredLanguage, [
      ["zh;q=0", "en"],
      ["zh-CN;q=0.000, en;q=0.1", "en"],
      ["zh;q=abc", "en"],
      ["zh;q=1.5", "en"],
      ["zh;Q=0.7", "zh"],
    ]);
  });

  describe("gives equal weights to the range listed first; * stands for English", () => {
    itMaps("%j → %s", preferredLanguage, [
      ["zh, en", "zh"],
      ["en, zh", "en"],
      ["*;q=0.9, zh;q=0.5", "en"],
      ["zh;q=0.9, *;q=0.5", "zh"],
    ]);
  });

  describe("names the answer's language for Content-Language", () => {
    itMaps("%s → %s", contentLanguage, [
      ["zh", "zh-CN"],
      ["en", "en"],
    ]);
  });
});
