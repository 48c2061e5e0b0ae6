import { describe, expect, it } from "vitest";
import { emptyProse, proseBody, proseEdits, proseOf } from "#console/lib/circular-form";

describe("the circular's prose", () => {
  it("takes a document's prose and sends only what changed", () => {
    const doc = {
      documentNo: "吉政函〔2020〕33号",
      issueDate: "2020-04-16",
      addressees: "各市（州）人民政府：",
      opening: "开头",
      problems: ["问题一", "问题二"],
      closing: "结尾",
      disclosure: "public",
      showScores: false,
    };
    const stored = proseOf(doc);
    const form = proseOf(doc);
    expect(proseEdits(form, stored)).toEqual({});
    form.documentNo = "吉政函〔2020〕40号";
    if (form.problems[1]) form.problems[1].text = "问题二（改）";
    form.problems.push({ key: "x", text: "  " });
    expect(proseEdits(form, stored)).toEqual({
      documentNo: "吉政函〔2020〕40号",
      problems: ["问题一", "问题二（改）"],
    });
    expect(proseBody(emptyProse()).problems).toEqual([]);
  });
});
