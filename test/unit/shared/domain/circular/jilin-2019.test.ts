/**
 * The 2019 Jilin circular rebuilt from the demo case: the fixture's results and the prose of the
 * real circular must give back the real circular's text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildCircularDocument,
  circularSha256,
  renderHtml,
  renderText,
} from "../../../../../shared/domain/circular";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";

const goldenPath = fileURLToPath(new URL("./jilin-2019.expected.txt", import.meta.url));
const seedDir = fileURLToPath(new URL("../../../../../shared/domain/seeds/", import.meta.url));

/** The real circular as published on the web, with its web-page artefacts undone. */
function normalisedSeed(): string {
  const name = readdirSync(seedDir).find((f) => f.startsWith("000_") && f.endsWith(".txt"));
  if (!name) throw new Error(`no 000_*.txt in ${seedDir}`);
  const lines = readFileSync(`${seedDir}${name}`, "utf8")
    .split("\n")
    .map((l) => l.replace(/[ \u00a0]+$/u, "").replace(/^ +/, ""));
  // the title is wrapped over two lines in the original
  const titleAt = lines.indexOf("关于2019年度就业创业工作");
  if (titleAt >= 0) lines.splice(titleAt, 2, `${lines[titleAt]}${lines[titleAt + 1] ?? ""}`);
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

describe("the 2019 Jilin circular from the demo case", () => {
  const doc = buildCircularDocument(jilinInput());
  const text = renderText(doc);
  const lines = text.split("\n");

  it("lists the grades in displayOrder, as published", () => {
    expect(lines).toContain(
      "　　（一）优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。",
    );
    expect(lines).toContain(
      "　　（二）良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。",
    );
    expect(text).toContain(
      "（一）优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。",
    );
    expect(text).toContain(
      "（二）良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。",
    );
    expect(text).not.toContain("分，第");
    expect(doc.results.map((g) => g.grade)).toEqual(["优秀", "良好"]);
  });

  it("has the head of the document: issuer, title, documentNo, addressees ending in ：", () => {
    expect(lines.slice(0, 4)).toEqual([
      "吉林省人民政府",
      "关于2019年度就业创业工作目标责任制考评情况的通报",
      "吉政函〔2020〕33号",
      "各市（州）人民政府，长白山管委会，长春新区管委会，各县（市）人民政府，省政府各厅委办、各直属机构：",
    ]);
    expect(lines[3]?.endsWith("：")).toBe(true);
    expect(doc.title).toBe("关于2019年度就业创业工作目标责任制考评情况的通报");
    expect(doc.documentNo).toBe("吉政函〔2020〕33号");
  });

  it("generates the preamble from the rulebook", () => {
    expect(lines[5]).toBe(
      "　　按照省政府安排部署，根据《2019年度吉林省就业创业工作目标责任制考评细则》（吉就组办〔2020〕1号），" +
        "省就业工作领导小组办公室对2019年全省就业创业工作目标责任制完成情况进行了考评，现将考评情况通报如下：",
    );
    expect(text).toContain("《2019年度吉林省就业创业工作目标责任制考评细则》（吉就组办〔2020〕1号）");
  });

  it("ends with the signature, the date and the disclosure line", () => {
    expect(lines.slice(-4)).toEqual(["吉林省人民政府", "2020年4月16日", "　　（此件公开发布）", ""]);
    expect(text).toContain("2020年4月16日");
    expect(text).toContain("（此件公开发布）");
    expect(text).not.toContain("（此件不公开）");
  });

  it("has the sections in order, numbered 一、二、三、", () => {
    const headings = lines.filter((l) => /^　　[一二三四五六七八九十]+、/.test(l));
    expect(headings).toEqual([
      "　　一、各地就业创业工作开展情况",
      "　　二、存在的主要问题",
      "　　三、考评结果",
    ]);
  });

  it("reproduces the published circular line by line", () => {
    const golden = readFileSync(goldenPath, "utf8");
    expect(text).toBe(golden);
    expect(text).toBe(normalisedSeed());
  });

  it("renders the same text, HTML and hash every time, from a fresh build too", () => {
    const again = buildCircularDocument(jilinInput());
    expect(again).toEqual(doc);
    expect(renderText(again)).toBe(text);
    expect(renderHtml(again)).toBe(renderHtml(doc));
    expect(circularSha256(again)).toBe(circularSha256(doc));
    expect(circularSha256(doc)).toMatch(/^[0-9a-f]{64}$/);
  });
});
