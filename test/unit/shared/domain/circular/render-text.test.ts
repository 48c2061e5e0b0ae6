import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyProseEdits,
  type BuildCircularInput,
  buildCircularDocument,
  chineseNumeral,
  renderText,
} from "../../../../../shared/domain/circular";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";

const base = jilinInput();
const build = (overrides: Partial<BuildCircularInput> = {}) => buildCircularDocument(jilinInput(overrides));
const prose = (patch: Partial<BuildCircularInput["prose"]>) => ({ ...base.prose, ...patch });
const lines = (text: string) => text.split("\n");
const headings = (text: string) => lines(text).filter((l) => /^　　[一二三四五六七八九十]+、/.test(l));

describe("renderText — numbering", () => {
  it("numbers twelve problems （一）…（十二）, correct past ten", () => {
    const problems = Array.from({ length: 12 }, (_, i) => `问题${i + 1}。`);
    const text = renderText(build({ prose: prose({ problems }) }));
    for (let i = 1; i <= 12; i++) expect(lines(text)).toContain(`　　（${chineseNumeral(i)}）问题${i}。`);
    expect(lines(text)).toContain("　　（十）问题10。");
    expect(lines(text)).toContain("　　（十一）问题11。");
    expect(lines(text)).toContain("　　（十二）问题12。");
    expect(text).not.toContain("一十");
  });

  it("numbers any number of problems consecutively, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        const problems = Array.from({ length: n }, (_, i) => `第${i + 1}项`);
        const text = renderText(build({ prose: prose({ problems }) }));
        const items = lines(text).filter((l) => /^　　（[一二三四五六七八九十]+）第\d+项。$/.test(l));
        expect(items).toEqual(problems.map((p, i) => `　　（${chineseNumeral(i + 1)}）${p}。`));
      }),
    );
  });

  it("renumbers the sections when there are no problems: 考评结果 becomes 二、", () => {
    const text = renderText(build({ prose: prose({ problems: [] }) }));
    expect(headings(text)).toEqual(["　　一、各地就业创业工作开展情况", "　　二、考评结果"]);
    expect(text).not.toContain("存在的主要问题");
  });

  it("leaves 一、 out when there is neither an opening nor a highlight", () => {
    const text = renderText(build({ highlights: {}, prose: prose({ opening: "" }) }));
    expect(headings(text)).toEqual(["　　一、存在的主要问题", "　　二、考评结果"]);
  });

  it("numbers the remaining subsection （一） when one kind of highlight is missing", () => {
    const onlyEntrepreneurship = build({
      highlights: { changchun: { entrepreneurship: "长春市举办博览会。" } },
    });
    const text = renderText(onlyEntrepreneurship);
    expect(lines(text)).toContain("　　（一）创业工作方面。长春市举办博览会。");
    expect(text).not.toContain("就业工作方面");
    const onlyEmployment = renderText(build({ highlights: { jilin: { employment: "吉林市推行线上办理" } } }));
    expect(lines(onlyEmployment)).toContain("　　（一）就业工作方面。吉林市推行线上办理。");
    expect(onlyEmployment).not.toContain("创业工作方面");
  });

  it("numbers the grade paragraphs in order of appearance", () => {
    const results = base.results.map((r) => ({
      ...r,
      grade: r.tenantId === "changchun" ? "不合格" : "合格",
    }));
    const text = renderText(build({ results }));
    expect(lines(text)).toContain(
      "　　（一）合格等次：吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府、白城市政府、" +
        "延边州政府、长白山管委会、梅河口市政府、公主岭市政府。",
    );
    expect(lines(text)).toContain("　　（二）不合格等次：长春市政府。");
    expect(text).not.toContain("优秀等次");
  });
});

describe("renderText — layout", () => {
  it("runs a section heading straight into its first paragraph and separates paragraphs by a blank line", () => {
    const text = renderText(build());
    expect(text).toContain("　　一、各地就业创业工作开展情况\n　　2019年，全省各地");
    expect(text).toContain("有力地推动了全省就业创业工作。\n\n　　（一）就业工作方面。长春市");
    expect(text).toContain("　　二、存在的主要问题\n　　（一）就业压力持续加大。");
    expect(text).toContain("　　三、考评结果\n　　（一）优秀等次：");
    expect(text.endsWith("吉林省人民政府\n2020年4月16日\n　　（此件公开发布）\n")).toBe(true);
    expect(text).not.toMatch(/\n\n\n/);
    expect(text).not.toMatch(/[ \t]\n/);
  });

  it("concatenates each city's highlight into one paragraph, each ending in a full stop", () => {
    const text = renderText(
      build({
        highlights: {
          changchun: { employment: "长春市甲" },
          jilin: { employment: "吉林市乙；" },
          siping: { employment: "四平市丙！" },
          liaoyuan: { employment: "辽源市开展“就业服务年”" },
        },
      }),
    );
    expect(lines(text)).toContain(
      "　　（一）就业工作方面。长春市甲。吉林市乙。四平市丙！辽源市开展“就业服务年”。",
    );
  });

  it("skips an empty opening and an empty closing", () => {
    const text = renderText(build({ prose: prose({ opening: "", closing: "" }) }));
    expect(text).toContain("　　一、各地就业创业工作开展情况\n　　（一）就业工作方面。");
    expect(text).toContain("公主岭市政府。\n吉林省人民政府\n2020年4月16日");
  });

  it("prints the disclosure line for a restricted circular", () => {
    const text = renderText(applyProseEdits(build(), { disclosure: "restricted" }));
    expect(text.endsWith("　　（此件不公开）\n")).toBe(true);
    expect(text).not.toContain("公开发布");
  });

  it("prints the edited issue date and document number", () => {
    const text = renderText(
      applyProseEdits(build(), { issueDate: "2021-01-05", documentNo: "吉政函〔2021〕2号" }),
    );
    expect(lines(text)).toContain("2021年1月5日");
    expect(lines(text)[2]).toBe("吉政函〔2021〕2号");
  });

  it("names the circular a correction supersedes, and puts a notice on a superseded one", () => {
    const correction = renderText(build({ supersedes: "jl-2019-00" }));
    expect(correction).toContain(
      "现将考评情况通报如下：\n\n　　本通报更正并取代此前印发的通报（编号jl-2019-00），原通报同时废止。\n",
    );
    const original = build();
    const plain = renderText(original);
    const notified = renderText(original, {
      supersededBy: { circularId: "jl-2019-02", documentNo: "吉政函〔2020〕40号" },
    });
    expect(lines(notified)[0]).toBe(
      "【更正提示】本通报已被更正通报（吉政函〔2020〕40号，编号jl-2019-02）取代，请以更正通报为准。",
    );
    expect(notified.endsWith(plain)).toBe(true);
    expect(lines(renderText(original, { supersededBy: "jl-2019-02" }))[0]).toBe(
      "【更正提示】本通报已被更正通报（编号jl-2019-02）取代，请以更正通报为准。",
    );
    expect(renderText(original, { supersededBy: null })).toBe(plain);
  });

  it("gives byte-identical text for the same document, and different text for an edited one", () => {
    const doc = build();
    const text = renderText(doc);
    expect(renderText(structuredClone(doc))).toBe(text);
    expect(renderText(JSON.parse(JSON.stringify(doc)))).toBe(text);
    expect(renderText(applyProseEdits(doc, { closing: "特此通报。" }))).not.toBe(text);
  });
});
