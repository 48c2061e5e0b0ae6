import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyProseEdits,
  type BuildCircularInput,
  buildCircularDocument,
  type CircularDocument,
  CircularInputError,
  type CircularProseEdits,
  circularSha256,
  parseCircularDocument,
  renderText,
} from "../../../../../shared/domain/circular";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";

const base = jilinInput();

function build(overrides: Partial<BuildCircularInput> = {}): CircularDocument {
  return buildCircularDocument(jilinInput(overrides));
}

function prose(patch: Partial<BuildCircularInput["prose"]>): BuildCircularInput["prose"] {
  return { ...base.prose, ...patch };
}

const gradeOf = (doc: CircularDocument) =>
  Object.fromEntries(doc.results.flatMap((g) => g.units.map((u) => [u.tenantId, g.grade])));

describe("buildCircularDocument — results", () => {
  it("lists units in displayOrder whatever the order of the results and tenants (shuffled)", () => {
    const expected = build();
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...base.results], { minLength: base.results.length }),
        fc.shuffledSubarray([...base.tenants], { minLength: base.tenants.length }),
        (results, tenants) => {
          const doc = build({ results, tenants });
          expect(doc).toEqual(expected);
          expect(renderText(doc)).toBe(renderText(expected));
        },
      ),
    );
  });

  it("orders grades by the rulebook (highest minScore first), units by displayOrder, only grades with members", () => {
    const grades = base.rulebook.grades;
    const names = grades.map((g) => g.name);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), {
          minLength: base.results.length,
          maxLength: base.results.length,
        }),
        fc.shuffledSubarray([...grades], { minLength: grades.length }),
        (assigned, shuffledGrades) => {
          const results = base.results.map((r, i) => ({ ...r, grade: assigned[i] ?? "优秀" }));
          const doc = build({ results, rulebook: { ...base.rulebook, grades: shuffledGrades } });
          const present = names.filter((n) => assigned.includes(n));
          expect(doc.results.map((g) => g.grade)).toEqual(present);
          const order = new Map(base.tenants.map((t) => [t.id, t.displayOrder]));
          for (const group of doc.results) {
            const orders = group.units.map((u) => order.get(u.tenantId) ?? -1);
            expect(orders).toEqual([...orders].sort((a, b) => a - b));
            expect(group.units.length).toBeGreaterThan(0);
          }
          expect(doc.results.flatMap((g) => g.units).length).toBe(base.results.length);
        },
      ),
    );
  });

  it("names units by authorityName and keeps each unit's grade from the run", () => {
    const doc = build();
    expect(gradeOf(doc)).toEqual(Object.fromEntries(base.results.map((r) => [r.tenantId, r.grade])));
    expect(doc.results[1]?.units.map((u) => u.authorityName)).toEqual([
      "白城市政府",
      "延边州政府",
      "长白山管委会",
      "梅河口市政府",
      "公主岭市政府",
    ]);
  });

  it("leaves tenants without a result out of the circular", () => {
    const doc = build({ results: base.results.filter((r) => r.tenantId !== "meihekou") });
    expect(doc.units.map((u) => u.tenantId)).not.toContain("meihekou");
    expect(doc.highlights.employment.map((h) => h.tenantId)).not.toContain("meihekou");
    expect(renderText(doc)).not.toContain("梅河口");
  });

  it("keeps scores out of the document unless showScores is on", () => {
    const hidden = build();
    expect(hidden.showScores).toBe(false);
    expect(JSON.stringify(hidden)).not.toContain("100.20");
    const shown = build({ prose: prose({ showScores: true }) });
    expect(shown.results[0]?.units[0]).toEqual({
      tenantId: "changchun",
      authorityName: "长春市政府",
      total: "100.20",
      rank: 1,
    });
    expect(renderText(shown)).toContain(
      "　　（一）优秀等次：长春市政府（100.20分，第1名）、吉林市政府（96.68分，第7名）、四平市政府（96.77分，第6名）、",
    );
    expect(renderText(shown)).toContain("公主岭市政府（88.68分，第8名）。");
  });

  it.each<[string, Partial<BuildCircularInput>]>([
    [
      "a result for an unknown tenant",
      { results: [...base.results, { tenantId: "x", total: "1.00", rank: 13, grade: "优秀" }] },
    ],
    [
      "a tenant scored twice",
      { results: [...base.results, { ...(base.results[0] ?? base.results[1]), rank: 13 } as never] },
    ],
    ["a grade the rulebook does not have", { results: base.results.map((r) => ({ ...r, grade: "卓越" })) }],
    ["no results", { results: [] }],
    ["a duplicate tenant", { tenants: [...base.tenants, ...base.tenants.slice(0, 1)] }],
    ["an impossible issue date", { prose: prose({ issueDate: "2020-02-30" }) }],
    ["an empty documentNo", { prose: prose({ documentNo: "  " }) }],
    ["empty addressees", { prose: prose({ addressees: "：" }) }],
    [
      "a bad total when scores are shown",
      { prose: prose({ showScores: true }), results: base.results.map((r) => ({ ...r, total: "n/a" })) },
    ],
  ])("rejects %s with CircularInputError", (_, overrides) => {
    expect(() => build(overrides)).toThrow(CircularInputError);
  });
});

describe("buildCircularDocument — highlights", () => {
  it("keeps cities in displayOrder and skips cities without a highlight", () => {
    const doc = build();
    expect(doc.highlights.employment.map((h) => h.tenantId)).toEqual(base.tenants.map((t) => t.id));
    expect(doc.highlights.entrepreneurship.map((h) => h.tenantId)).toEqual([
      "changchun",
      "jilin",
      "siping",
      "liaoyuan",
      "tonghua",
      "baishan",
      "songyuan",
    ]);
    const partial = build({
      highlights: {
        gongzhuling: { employment: "公主岭市甲。" },
        changchun: { employment: "   ", entrepreneurship: null },
        baicheng: { employment: "白城市乙。" },
        nowhere: { employment: "不是参评单位。" },
      },
    });
    expect(partial.highlights.employment.map((h) => h.text)).toEqual(["白城市乙。", "公主岭市甲。"]);
    expect(partial.highlights.entrepreneurship).toEqual([]);
    expect(renderText(partial)).not.toContain("不是参评单位");
  });

  it.each([
    ["changchun", "全面启动服务工程。", "长春市全面启动服务工程。"],
    ["changchun", "长春市全面启动服务工程。", "长春市全面启动服务工程。"],
    ["changchun", "长春市政府全面启动服务工程。", "长春市政府全面启动服务工程。"],
    ["yanbian", "延边州广泛收集发布岗位信息。", "延边州广泛收集发布岗位信息。"],
    ["yanbian", "延边朝鲜族自治州广泛收集岗位信息。", "延边朝鲜族自治州广泛收集岗位信息。"],
    ["yanbian", "广泛收集发布岗位信息。", "延边朝鲜族自治州广泛收集发布岗位信息。"],
    ["changbaishan", "长白山开展专场招聘会。", "长白山开展专场招聘会。"],
    ["changbaishan", "长白山保护开发区开展专场招聘会。", "长白山保护开发区开展专场招聘会。"],
    ["changbaishan", "开展专场招聘会。", "长白山保护开发区开展专场招聘会。"],
    ["jilin", "吉林省首创…", "吉林市吉林省首创…"],
  ])("prefixes %s's highlight %s → %s", (tenantId, written, printed) => {
    const doc = build({ highlights: { [tenantId]: { employment: written } } });
    expect(doc.highlights.employment).toEqual([
      { tenantId, name: base.tenants.find((t) => t.id === tenantId)?.name, text: printed },
    ]);
  });

  it("joins a highlight typed over several lines into one paragraph", () => {
    const doc = build({
      highlights: { siping: { employment: "　　打造规范化平台，\n  突破“最后一公里”\r\n" } },
    });
    expect(doc.highlights.employment[0]?.text).toBe("四平市打造规范化平台，突破“最后一公里”");
    expect(renderText(doc)).toContain("　　（一）就业工作方面。四平市打造规范化平台，突破“最后一公里”。\n");
  });
});

describe("buildCircularDocument — prose", () => {
  it("guarantees the addressees line ends with one full-width colon", () => {
    for (const typed of [
      "各市（州）人民政府",
      "各市（州）人民政府:",
      "各市（州）人民政府：：",
      "各市（州）人民政府，\n",
    ])
      expect(build({ prose: prose({ addressees: typed }) }).addressees).toBe("各市（州）人民政府：");
  });

  it("drops typed numbers and empty items from the problems", () => {
    const doc = build({
      prose: prose({ problems: ["（一）甲。", "2. 乙。", "三、丙。", " ", "3.5%的人员丁。", "一是戊。"] }),
    });
    expect(doc.problems).toEqual(["甲。", "乙。", "丙。", "3.5%的人员丁。", "一是戊。"]);
  });

  it("uses a preamble override as written, and words the default preamble for the issuer's level", () => {
    expect(build({ prose: prose({ preamble: "根据有关规定，现通报如下：" }) }).preamble).toBe(
      "根据有关规定，现通报如下：",
    );
    const region = build({
      province: { id: "gx", authorityName: "广西壮族自治区人民政府" },
      rulebook: { ...base.rulebook, title: "《2019年度广西就业考评细则》", documentNo: "桂就办〔2020〕2号" },
    });
    expect(region.issuer).toBe("广西壮族自治区人民政府");
    expect(region.preamble).toBe(
      "按照自治区政府安排部署，根据《2019年度广西就业考评细则》（桂就办〔2020〕2号），自治区就业工作领导小组办公室" +
        "对2019年全区就业创业工作目标责任制完成情况进行了考评，现将考评情况通报如下：",
    );
  });

  it("records the circular it supersedes", () => {
    expect(build().supersedes).toBeNull();
    expect(build({ supersedes: "jl-2019-00" }).supersedes).toBe("jl-2019-00");
  });
});

describe("applyProseEdits", () => {
  const doc = build();
  const editArb: fc.Arbitrary<CircularProseEdits> = fc
    .record(
      {
        documentNo: fc.constantFrom("吉政函〔2020〕34号", "吉政明电〔2020〕1号"),
        issueDate: fc.constantFrom("2020-04-20", "2021-01-05"),
        addressees: fc.constantFrom("各市（州）人民政府", "各有关单位："),
        opening: fc.constantFrom("", "新的开头。"),
        problems: fc.array(fc.constantFrom("问题甲。", "问题乙", "（三）问题丙。"), { maxLength: 13 }),
        closing: fc.constantFrom("", "新的结尾。"),
        disclosure: fc.constantFrom("public" as const, "restricted" as const),
        highlights: fc.constantFrom<NonNullable<CircularProseEdits["highlights"]>>(
          { changchun: { employment: "新亮点。" } },
          { jilin: { entrepreneurship: null } },
        ),
      },
      { requiredKeys: [] },
    )
    .map((edits): CircularProseEdits => edits);

  it("changes only the given fields and never the input document", () => {
    const before = structuredClone(doc);
    fc.assert(
      fc.property(editArb, (edits) => {
        const next = applyProseEdits(doc, edits);
        expect(doc).toEqual(before);
        const changed = new Set(Object.keys(edits));
        for (const key of Object.keys(doc) as Array<keyof CircularDocument>)
          if (!changed.has(key)) expect(next[key], key).toEqual(doc[key]);
        if (edits.documentNo !== undefined) expect(next.documentNo).toBe(edits.documentNo);
        if (edits.issueDate !== undefined) expect(next.issueDate).toBe(edits.issueDate);
        if (edits.addressees !== undefined) expect(next.addressees.endsWith("：")).toBe(true);
        if (edits.problems !== undefined) expect(next.problems.length).toBe(edits.problems.length);
        expect(circularSha256(next) === circularSha256(doc)).toBe(isDeepStrictEqual(next, doc));
      }),
    );
  });

  it("merges highlight edits per city: set (prefixed), remove with null or an empty string, leave the rest", () => {
    const next = applyProseEdits(doc, {
      highlights: {
        changchun: { employment: "新增就业5万人。" },
        jilin: { employment: null, entrepreneurship: "" },
        siping: { entrepreneurship: undefined },
      },
    });
    expect(next.highlights.employment[0]).toEqual({
      tenantId: "changchun",
      name: "长春市",
      text: "长春市新增就业5万人。",
    });
    expect(next.highlights.employment.map((h) => h.tenantId)).not.toContain("jilin");
    expect(next.highlights.entrepreneurship.map((h) => h.tenantId)).not.toContain("jilin");
    expect(next.highlights.entrepreneurship.find((h) => h.tenantId === "siping")).toEqual(
      doc.highlights.entrepreneurship.find((h) => h.tenantId === "siping"),
    );
    // jilin (2nd) is gone; everyone after it is untouched
    expect(next.highlights.employment.slice(1)).toEqual(doc.highlights.employment.slice(2));
    // a city that had no entrepreneurship highlight gets one, in displayOrder
    const added = applyProseEdits(doc, { highlights: { gongzhuling: { entrepreneurship: "建设创业园。" } } });
    expect(added.highlights.entrepreneurship.at(-1)).toEqual({
      tenantId: "gongzhuling",
      name: "公主岭市",
      text: "公主岭市建设创业园。",
    });
    const first = applyProseEdits(doc, { highlights: { changchun: { entrepreneurship: null } } });
    expect(first.highlights.entrepreneurship[0]?.tenantId).toBe("jilin");
  });

  it("rejects highlight edits for a city that is not an assessed unit, and invalid values", () => {
    expect(() => applyProseEdits(doc, { highlights: { nowhere: { employment: "甲" } } })).toThrow(
      CircularInputError,
    );
    expect(() => applyProseEdits(doc, { issueDate: "2020-04-31" })).toThrow(CircularInputError);
    expect(() => applyProseEdits(doc, { documentNo: "" })).toThrow(CircularInputError);
    expect(() => applyProseEdits(doc, { unknown: 1 } as unknown as CircularProseEdits)).toThrow(
      CircularInputError,
    );
  });

  it("turns scores on with the run's scores and off again", () => {
    expect(() => applyProseEdits(doc, { showScores: true })).toThrow(CircularInputError);
    const scores = base.results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank }));
    const on = applyProseEdits(doc, { showScores: true }, scores);
    expect(on).toEqual(build({ prose: prose({ showScores: true }) }));
    expect(applyProseEdits(on, { showScores: true })).toEqual(on);
    const off = applyProseEdits(on, { showScores: false });
    expect(off).toEqual(doc);
    expect(circularSha256(off)).toBe(circularSha256(doc));
  });
});

describe("parseCircularDocument", () => {
  const doc = build();

  it("accepts a built document and its JSON round trip", () => {
    expect(parseCircularDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it.each<[string, (d: CircularDocument) => void]>([
    ["units out of displayOrder in a grade", (d) => d.results[0]?.units.reverse()],
    ["highlights out of displayOrder", (d) => d.highlights.employment.reverse()],
    ["a unit without a result", (d) => d.results.pop()],
    [
      "scores while showScores is off",
      (d) => Object.assign(d.results[0]?.units[0] ?? {}, { total: "1.00", rank: 1 }),
    ],
    ["showScores without scores", (d) => Object.assign(d, { showScores: true })],
    ["addressees without the colon", (d) => Object.assign(d, { addressees: "各市政府" })],
    ["a line break in a problem", (d) => d.problems.push("甲\n乙")],
    ["an unknown field", (d) => Object.assign(d, { extra: 1 })],
  ])("rejects %s", (_, mutate) => {
    const bad = structuredClone(doc);
    mutate(bad);
    expect(() => parseCircularDocument(bad)).toThrow(CircularInputError);
  });
});

describe("the 版记 (colophon)", () => {
  const base = buildCircularDocument(jilinInput());

  it("is absent unless given, so documents without one hash as before", () => {
    expect("colophon" in base).toBe(false);
    const withEmpty = buildCircularDocument(
      jilinInput({ prose: { ...jilinInput().prose, colophon: { cc: " ", issuedBy: "" } } }),
    );
    expect("colophon" in withEmpty).toBe(false);
    expect(circularSha256(withEmpty)).toBe(circularSha256(base));
  });

  it("is normalised when given and removed by an edit of null", () => {
    const doc = applyProseEdits(base, {
      colophon: { cc: "省委各部门，\n省人大常委会办公厅。", issuedOn: "2020-04-17" },
    });
    expect(doc.colophon).toEqual({ cc: "省委各部门，省人大常委会办公厅", issuedOn: "2020-04-17" });
    expect(circularSha256(doc)).not.toBe(circularSha256(base));
    const removed = applyProseEdits(doc, { colophon: null });
    expect("colophon" in removed).toBe(false);
    expect(circularSha256(removed)).toBe(circularSha256(base));
    expect(() => applyProseEdits(base, { colophon: { issuedOn: "2020-02-30" } })).toThrow(CircularInputError);
  });
});
