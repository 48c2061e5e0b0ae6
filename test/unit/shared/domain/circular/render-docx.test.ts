/** The DOCX renderer's page, fonts, footers and determinism, read from the package's XML. */
import { describe, expect, it } from "vitest";
import { applyProseEdits, buildCircularDocument } from "../../../../../shared/domain/circular";
import { DOCX_FONTS, docxPart, renderDocx } from "../../../../../shared/domain/circular/render-docx";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";

const doc = buildCircularDocument(jilinInput());

describe("renderDocx", () => {
  it("lays out an A4 page with the GB/T 9704 margins, 28.95pt lines (22 a page), odd/even page-number footers and no number on a 函's first page", async () => {
    const docx = await renderDocx(doc);
    const xml = docxPart(docx, "word/document.xml") ?? "";
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('<w:docGrid w:linePitch="579"/>');
    expect(xml).toContain('<w:footerReference w:type="first"');
    expect(xml).toContain('<w:footerReference w:type="even"');
    expect(xml).toContain("<w:titlePg/>");
    expect(docxPart(docx, "word/settings.xml")).toContain("<w:evenAndOddHeaders/>");
    const footers = ["word/footer1.xml", "word/footer2.xml", "word/footer3.xml"].map(
      (p) => docxPart(docx, p) ?? "",
    );
    expect(footers.filter((f) => f.includes("PAGE"))).toHaveLength(2);
    expect(footers.some((f) => f.includes('w:jc w:val="right"') && f.includes("— "))).toBe(true);
    expect(footers.some((f) => f.includes('w:jc w:val="left"') && f.includes("— "))).toBe(true);
  });

  it("names the 公文 fonts with their fallbacks, the red issuer mark and the title of 发文机关+事由+文种", async () => {
    const docx = await renderDocx(doc);
    const fonts = docxPart(docx, "word/fontTable.xml") ?? "";
    for (const f of Object.values(DOCX_FONTS))
      expect(fonts).toContain(`<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/>`);
    const xml = docxPart(docx, "word/document.xml") ?? "";
    expect(xml).toMatch(
      /w:eastAsia="方正小标宋简体"[\s\S]*?<w:color w:val="FF0000"\/>[\s\S]*?吉林省人民政府</,
    );
    expect(xml).toContain("吉林省人民政府关于2019年度");
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain("thickThinMediumGap");
    expect(xml).toContain('name="印章位置"');
  });

  it("prints 文件格式 for a circular that is not a 函, with the 版记", async () => {
    const file = applyProseEdits(doc, {
      documentNo: "吉政发〔2020〕3号",
      colophon: { cc: "省委各部门", issuedBy: "吉林省人民政府办公厅", issuedOn: "2020-04-17" },
    });
    const xml = docxPart(await renderDocx(file), "word/document.xml") ?? "";
    expect(xml).toContain("吉林省人民政府文件");
    expect(xml).not.toContain("<w:titlePg/>");
    expect(xml).toContain("抄送：省委各部门。");
    expect(xml).toContain("2020年4月17日印发");
  });

  it("gives the same bytes for the same document, dated by its issue date", async () => {
    const a = await renderDocx(doc, { sha256: "ab".repeat(32) });
    const b = await renderDocx(structuredClone(doc), { sha256: "ab".repeat(32) });
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(docxPart(a, "docProps/core.xml")).toContain("2020-04-16T00:00:00Z");
    expect(docxPart(a, "docProps/custom.xml")).toContain("ab".repeat(32));
    const draft = await renderDocx(doc, { draft: true });
    expect(docxPart(draft, "word/document.xml")).toContain("草稿：本件尚未发布");
    expect(Buffer.compare(Buffer.from(draft), Buffer.from(a))).not.toBe(0);
  });
});
