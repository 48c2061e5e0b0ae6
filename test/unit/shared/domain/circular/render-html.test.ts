import { describe, expect, it } from "vitest";
import {
  applyProseEdits,
  BODY_FONT_STACK,
  type BuildCircularInput,
  buildCircularDocument,
  circularSha256,
  escapeHtml,
  renderHtml,
  renderText,
} from "../../../../../shared/domain/circular";
import { jilinInput } from "../../../../support/circular/jilin-2019-input";

const build = (overrides: Partial<BuildCircularInput> = {}) => buildCircularDocument(jilinInput(overrides));

/** The text of an HTML page: tags removed, entities decoded, one entry per block element. */
function htmlTexts(html: string): string[] {
  const body = html.slice(html.indexOf("<body>"));
  return body
    .replace(/<br>/g, "")
    .split(/<\/?(?:p|h1|h2|div|header|article)\b[^>]*>/)
    .map((s) =>
      s
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&")
        .trim(),
    )
    .filter((s) => s !== "");
}

describe("renderHtml", () => {
  const doc = build();
  const html = renderHtml(doc);

  it("is a complete zh-CN page in UTF-8", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')).toBe(
      true,
    );
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain(
      "<title>吉林省人民政府关于2019年度就业创业工作目标责任制考评情况的通报（吉政函〔2020〕33号）</title>",
    );
  });

  it("sets up an A4 page with the GB/T 9704 margins and the 仿宋 body at 三号", () => {
    expect(html).toContain("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    expect(html).toContain(`font-family: ${BODY_FONT_STACK};`);
    expect(html).toContain('"FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋"');
    expect(html).toMatch(/body \{[^}]*font-size: 16pt;[^}]*line-height: 28\.95pt;/);
    expect(html).toContain('@page :right { @bottom-right { content: "— " counter(page) " —";');
    expect(html).toContain('@page :left { @bottom-left { content: "— " counter(page) " —";');
    expect(html).toMatch(/\.title \{[^}]*text-align: center;[^}]*"方正小标宋简体"/);
    expect(html).toMatch(/\bp \{[^}]*text-indent: 2em;/);
    expect(html).toMatch(/\.signature \{[^}]*text-align: right;/);
  });

  it("carries the same words as the plain text, block for block, in the GB/T 9704 order of its head", () => {
    const text = renderText(doc)
      .split("\n")
      .map((l) => l.replace(/^　+/, ""))
      .filter((l) => l !== "");
    // plain text (the 2019 web release): issuer, title, number; print: issuer mark, number, full title
    const [issuer, title, documentNo, ...rest] = text;
    expect(htmlTexts(html)).toEqual([
      issuer,
      documentNo,
      `${issuer}${title}`,
      ...rest.slice(0, -3),
      "印章",
      ...rest.slice(-3),
    ]);
  });

  it("prints a 函 in 信函格式: double red rule, number at the right edge, no page number on page one", () => {
    expect(html).toContain('<article class="circular letter">');
    expect(html).toContain(
      '<p class="issuer">吉林省人民政府</p>\n<div class="double-rule" role="presentation"></div>\n<p class="document-no">吉政函〔2020〕33号</p>',
    );
    expect(html).toMatch(/\.letter \.document-no \{ text-align: right;/);
    expect(html).toContain("@page :first {\n  @bottom-right { content: none; }");
  });

  it("prints other circulars in 文件格式: 文件 after the name, the number centred above a single red rule", () => {
    const file = renderHtml(applyProseEdits(doc, { documentNo: "吉政发〔2020〕3号" }));
    expect(file).toContain('<article class="circular file">');
    expect(file).toContain(
      '<p class="issuer">吉林省人民政府文件</p>\n<p class="document-no">吉政发〔2020〕3号</p>\n<hr class="rule">',
    );
    expect(file).not.toContain("@page :first");
  });

  it("prints the 版记 at the end: 抄送 always, 印发机关 and 印发日期 in 文件格式 only", () => {
    const colophon = {
      cc: "省委各部门，省人大常委会办公厅",
      issuedBy: "吉林省人民政府办公厅",
      issuedOn: "2020-04-17",
    };
    const file = renderHtml(applyProseEdits(doc, { documentNo: "吉政发〔2020〕3号", colophon }));
    expect(file).toContain(
      '<footer class="colophon">\n<p class="cc">抄送：省委各部门，省人大常委会办公厅。</p>\n<p class="issued"><span>吉林省人民政府办公厅</span><span>2020年4月17日印发</span></p>\n</footer>',
    );
    const letter = renderHtml(applyProseEdits(doc, { colophon }));
    expect(letter).toContain(
      '<footer class="colophon">\n<p class="cc">抄送：省委各部门，省人大常委会办公厅。</p>\n</footer>',
    );
    expect(html).not.toContain('class="colophon"');
  });

  it("marks a draft's preview 草稿", () => {
    const draft = renderHtml(doc, { draft: true });
    expect(draft).toContain('<div class="draft-mark" aria-hidden="true">草稿</div>');
    expect(draft).toContain("<title>【草稿】吉林省人民政府关于");
    expect(html).not.toContain("草稿");
  });

  it("breaks the title into whole words and marks up the structure", () => {
    expect(html).toContain(
      '<h1 class="title">吉林省人民政府关于2019年度<br>就业创业工作目标责任制考评情况的通报</h1>',
    );
    expect(html).toContain('<p class="issuer">吉林省人民政府</p>');
    expect(html).toContain('<h2 class="heading">三、考评结果</h2>');
    expect(html).toContain(
      '<p><span class="lead">（二）良好等次：</span>白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。</p>',
    );
    expect(html).toContain('<p><span class="lead">（一）就业压力持续加大。</span>就业结构性矛盾突出');
    expect(html).toContain('<p class="signature-date">2020年4月16日</p>');
    expect(html).toContain('<p class="disclosure">（此件公开发布）</p>');
  });

  it("escapes every piece of text", () => {
    const hostile = applyProseEdits(doc, {
      highlights: { changchun: { employment: '<script>alert("x")</script> & <b>粗体</b>' } },
      problems: ["<img src=x onerror=alert(1)>问题。"],
      addressees: "各市<i>政府</i>",
      documentNo: "吉政函〔2020〕33号'\"",
    });
    const out = renderHtml(hostile);
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
    expect(out).not.toContain("<i>");
    expect(out).toContain(
      "长春市&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;。",
    );
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;问题。");
    expect(out).toContain("各市&lt;i&gt;政府&lt;/i&gt;：");
    expect(out).toContain("吉政函〔2020〕33号&#39;&quot;");
    expect(
      htmlTexts(out).some((t) =>
        t.startsWith('（一）就业工作方面。长春市<script>alert("x")</script> & <b>粗体</b>。吉林市'),
      ),
    ).toBe(true);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("puts a supersession notice on top, outside the hashed document", () => {
    const hash = circularSha256(doc);
    const out = renderHtml(doc, {
      supersededBy: { circularId: "jl-2019-02", documentNo: "吉政函〔2020〕<40>号" },
    });
    expect(out).toContain(
      '<article class="circular letter">\n<p class="notice" role="note">本通报已被更正通报（吉政函〔2020〕&lt;40&gt;号，编号jl-2019-02）取代，请以更正通报为准。</p>',
    );
    expect(circularSha256(doc)).toBe(hash);
    expect(html).not.toContain('class="notice"');
  });

  it("gives byte-identical HTML and the same hash on repeated renders", () => {
    expect(renderHtml(doc)).toBe(html);
    expect(renderHtml(structuredClone(doc))).toBe(html);
    expect(renderHtml(JSON.parse(JSON.stringify(doc)))).toBe(html);
    expect(circularSha256(JSON.parse(JSON.stringify(doc)))).toBe(circularSha256(doc));
    const edited = applyProseEdits(doc, { opening: "新的开头。" });
    expect(renderHtml(edited)).not.toBe(html);
    expect(circularSha256(edited)).not.toBe(circularSha256(doc));
  });
});
