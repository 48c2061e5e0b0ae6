import { describe, expect, it } from "vitest";
import { contentLanguage, preferredLanguage } from "../../../../functions/http/language";

describe("preferredLanguage (Accept-Language)", () => {
  it("answers Chinese to every Chinese range the console or a browser sends", () => {
    for (const header of [
      "zh-CN",
      "zh",
      "zh-Hans",
      "zh-Hans-CN",
      "zh-TW",
      "ZH-cn",
      " zh-CN ",
      "zh-CN,zh;q=0.9",
    ])
      expect(preferredLanguage(header), header).toBe("zh");
  });

  it("answers English without the header, to English, to other languages and to nonsense", () => {
    for (const header of [undefined, "", "en", "en-US", "fr", "de-DE, ja;q=0.8", "*", ",,;", "zhx", "q=1"])
      expect(preferredLanguage(header), String(header)).toBe("en");
  });

  it("honours q-values: the highest weighted language the service speaks wins", () => {
    expect(preferredLanguage("en;q=0.5, zh-CN;q=0.8")).toBe("zh");
    expect(preferredLanguage("zh-CN;q=0.5, en;q=0.8")).toBe("en");
    expect(preferredLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(preferredLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    // a language the service does not speak does not count, however high
    expect(preferredLanguage("fr;q=1, zh;q=0.1")).toBe("zh");
    expect(preferredLanguage("fr, en;q=0.2, zh;q=0.1")).toBe("en");
  });

  it("treats q=0 as 'not this one' and a malformed weight as no weight at all", () => {
    expect(preferredLanguage("zh;q=0")).toBe("en");
    expect(preferredLanguage("zh-CN;q=0.000, en;q=0.1")).toBe("en");
    expect(preferredLanguage("zh;q=abc")).toBe("en");
    expect(preferredLanguage("zh;q=1.5")).toBe("en");
    expect(preferredLanguage("zh;Q=0.7")).toBe("zh");
  });

  it("gives equal weights to the range listed first; * stands for English", () => {
    expect(preferredLanguage("zh, en")).toBe("zh");
    expect(preferredLanguage("en, zh")).toBe("en");
    expect(preferredLanguage("*;q=0.9, zh;q=0.5")).toBe("en");
    expect(preferredLanguage("zh;q=0.9, *;q=0.5")).toBe("zh");
  });

  it("names the answer's language for Content-Language", () => {
    expect(contentLanguage("zh")).toBe("zh-CN");
    expect(contentLanguage("en")).toBe("en");
  });
});
