/**
 * The demo's published 2019 circular as a Word document, opened as a bureau would: LibreOffice
 * converts the DOCX the API serves to PDF; page 1 reads the issuer mark, the document number, the
 * full title and the addressees, the last page both grade paragraphs and the date. A draft's
 * preview is marked 草稿 and needs a province role.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { docxPart } from "../../shared/domain/circular/render-docx";
import { t, useDemoStack } from "../support/demo-stack";
import { convertWithLibreOffice, pdfPageCount, pdfPageText } from "../support/office-tools";

let circularId = "";

useDemoStack();

beforeAll(async () => {
  const list = await t.call<{ circulars: Array<{ circularId: string }> }>(
    "GET",
    "/v1/public/provinces/jl/circulars",
  );
  circularId = list.body.circulars[0]?.circularId ?? "";
}, 120_000);

async function download(path: string, token?: string) {
  const res = await fetch(`${t.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("GET …/circulars/{c}?format=docx", () => {
  it("is the same document on every read", async () => {
    const a = await download(`/v1/public/provinces/jl/circulars/${circularId}?format=docx`);
    const b = await download(`/v1/public/provinces/jl/circulars/${circularId}?format=docx`);
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
  });

  it("previews a draft for province roles only, marked 草稿", async () => {
    const admin = await t.token("province-admin", { provinceId: "jl", sub: "a1@jl" });
    const runs = await t.call<{ runs: Array<{ runId: string }> }>(
      "GET",
      "/v1/provinces/jl/years/2019/scoring-runs",
      {
        token: admin,
      },
    );
    const draft = await t.call<{ circularId: string }>("POST", "/v1/provinces/jl/years/2019/circulars", {
      token: admin,
      body: {
        runId: runs.body.runs[0]?.runId,
        documentNo: "吉政函〔2020〕40号",
        issueDate: "2020-05-01",
        addressees: "各市（州）人民政府",
        opening: "",
        problems: [],
        closing: "",
        disclosure: "public",
      },
    });
    expect(draft.status, draft.text).toBe(201);
    const path = `/v1/provinces/jl/years/2019/circulars/${draft.body.circularId}?format=docx`;
    const res = await download(path, admin);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition")?.split("UTF-8''")[1] ?? "")).toMatch(
      /^【草稿】/,
    );
    expect(docxPart(res.bytes, "word/document.xml")).toContain("草稿：本件尚未发布，不作为正式文件。");
    expect(docxPart(res.bytes, "word/header1.xml")).toContain("草稿");
    const city = await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
    expect((await download(path, city)).status).toBe(403);
    expect(
      (await download(`/v1/public/provinces/jl/circulars/${draft.body.circularId}?format=docx`)).status,
    ).toBe(404);
  });
  it("serves the published circular as a Word document that LibreOffice opens: 红头, 文号, title, addressees, results, date", async () => {
    const res = await download(`/v1/public/provinces/jl/circulars/${circularId}?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(
      /^attachment; filename="circular-jl-2019-[0-9a-z]+\.docx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toBe(
      "吉林省人民政府关于2019年度就业创业工作目标责任制考评情况的通报（吉政函〔2020〕33号）.docx",
    );
    const json = await t.call<{ sha256: string }>("GET", `/v1/public/provinces/jl/circulars/${circularId}`);
    expect(res.headers.get("etag")).toBe(`"${json.body.sha256}"`);
    // a real zip, with the hash it was rendered from recorded in it
    expect(Buffer.from(res.bytes.subarray(0, 4)).toString("latin1")).toBe("PK\u0003\u0004");
    expect(docxPart(res.bytes, "docProps/custom.xml")).toContain(json.body.sha256);

    const pdf = convertWithLibreOffice(res.bytes, "circular.docx");
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(6);
    const first = pdfPageText(pdf, 1).split("\n");
    expect(first.slice(0, 5)).toEqual([
      "吉林省人民政府",
      "吉政函〔2020〕33号",
      "吉林省人民政府关于2019年度",
      "就业创业工作目标责任制考评情况的通报",
      "各市（州）人民政府，长白山管委会，长春新区管委会，各县",
    ]);
    expect(first.join("")).toContain(
      "各市（州）人民政府，长白山管委会，长春新区管委会，各县（市）人民政府，省政府各厅委办、各直属机构：",
    );
    expect(first.join("")).not.toMatch(/—\d+—/); // a 函's first page has no page number
    const last = pdfPageText(pdf, pages).replace(/\n/g, "");
    const all = Array.from({ length: pages }, (_, i) => pdfPageText(pdf, i + 1).replace(/\n/g, "")).join("");
    expect(all).toContain(
      "（一）优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。",
    );
    expect(all).toContain(
      "（二）良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。",
    );
    expect(last).toContain("吉林省人民政府2020年4月16日（此件公开发布）");
    expect(last).toContain(`—${pages}—`);
  }, 180_000);
});
