/**
 * Spreadsheet templates and imports with a dry run, on the demo province: the targets template
 * downloaded, edited in a spreadsheet (ExcelJS here) and imported; a city's monthly report imported
 * from its template under exactly the PUT's rules; and files that are not the template refused.
 */
import { execFileSync } from "node:child_process";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys";
import { setNow } from "../../shared/lib/clock";
import { download, provinceAdmin, t, useDemoStack, XLSX } from "../support/demo-stack";

useDemoStack();

async function upload(
  path: string,
  bytes: Uint8Array | string,
  type: string,
  token = provinceAdmin,
  ifMatch?: number,
) {
  const res = await fetch(`${t.url}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": type,
      ...(ifMatch !== undefined ? { "if-match": `"${ifMatch}"` } : {}),
    },
    body: typeof bytes === "string" ? bytes : Buffer.from(bytes),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

async function save(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

const TARGETS = "/v1/provinces/jl/years/2019/targets";

async function targetsItem(tenantId: string, version?: number) {
  const key =
    version === undefined ? keys.targets(tenantId, 2019) : keys.targetsVersion(tenantId, 2019, version);
  const out = await t.stack.db.doc.send(
    new GetCommand({ TableName: t.stack.db.table, Key: key, ConsistentRead: true }),
  );
  return out.Item;
}

describe("targets: template, dry run, commit", () => {
  it("reports exactly the edited rows, refuses a commit with an error (422, nothing written), then writes one new version", async () => {
    const template = await download(`${TARGETS}/template`);
    expect(template.status).toBe(200);
    expect(template.headers.get("content-type")).toBe(XLSX);
    const book = await load(template.bytes);
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["单位代码", "单位", "城镇新增就业人数（人）[urban_new_jobs]"]);
    expect(ws.getRow(2).getCell(1).value).toBe("changchun");
    expect(ws.getRow(13).getCell(2).value).toBe("公主岭市");
    const before = Number(ws.getRow(2).getCell(3).value);
    expect(before).toBeGreaterThan(0);

    ws.getRow(2).getCell(3).value = before + 1000; // changchun: one target changed
    ws.getRow(3).getCell(4).value = "十万"; // jilin: one cell made invalid
    const edited = await save(book);

    const dry = await upload(`${TARGETS}/import?dryRun=true`, edited, XLSX);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.summary).toEqual({ created: 0, updated: 1, unchanged: 10, errors: 1 });
    const moved = dry.body.rows.filter((r: { status: string }) => r.status !== "unchanged");
    expect(moved).toEqual([
      {
        row: 2,
        key: "changchun",
        status: "updated",
        changes: [{ field: "targets.urban_new_jobs", from: before, to: before + 1000 }],
      },
      {
        row: 3,
        key: "jilin",
        status: "error",
        errors: [
          expect.objectContaining({
            path: expect.stringMatching(/^D3:targets\./),
            cell: "D3",
            message: expect.stringMatching(/^D3 .+ \(.+\): must be a number, got "十万"$/),
          }),
        ],
      },
    ]);
    expect((await targetsItem("changchun"))?.version).toBe(1);

    const refused = await upload(`${TARGETS}/import?dryRun=false`, edited, XLSX);
    expect(refused.status).toBe(422);
    expect(refused.body.rows).toEqual(dry.body.rows.map((r: object) => r));
    expect(refused.body.dryRun).toBe(false);
    expect(refused.body.errors[0]).toMatchObject({ path: expect.stringMatching(/^D3:/), cell: "D3", row: 3 });
    expect((await targetsItem("changchun"))?.version).toBe(1);

    ws.getRow(3).getCell(4).value = Number(
      (await targetsItem("jilin"))?.targets[String(header[3]).replace(/^.*\[(.+)\]$/, "$1")],
    );
    const fixed = await upload(`${TARGETS}/import?dryRun=false`, await save(book), XLSX);
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body.summary).toEqual({ created: 0, updated: 1, unchanged: 11, errors: 0 });
    const now = await targetsItem("changchun");
    expect(now?.version).toBe(2);
    expect(now?.targets.urban_new_jobs).toBe(before + 1000);
    expect((await targetsItem("changchun", 1))?.targets.urban_new_jobs).toBe(before);
    expect((await targetsItem("changchun", 2))?.targets.urban_new_jobs).toBe(before + 1000);
    expect((await targetsItem("jilin"))?.version).toBe(1);
    const api = await t.call("GET", "/v1/tenants/changchun/years/2019/targets", { token: provinceAdmin });
    expect(api.body.version).toBe(2);
  });

  it("takes the template as CSV too, in UTF-8 or in GB18030 as Excel saves CSV on Chinese Windows", async () => {
    const csv = await download(`${TARGETS}/template?format=csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = csv.bytes.toString("utf8");
    const dry = await upload(`${TARGETS}/import`, text, "text/csv");
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, summary: { unchanged: 12, errors: 0 } });
    const gb18030 = execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], {
      input: text.replace(/^\uFEFF/, ""),
    });
    expect(gb18030.includes(Buffer.from("单位代码"))).toBe(false);
    const fromGb = await upload(`${TARGETS}/import`, gb18030, "text/csv");
    expect(fromGb.status, fromGb.text).toBe(200);
    expect(fromGb.body.rows).toEqual(dry.body.rows);
  });

  it("refuses files that are not the template, with what is wrong (400/413/415), never a 5xx", async () => {
    const book = await load((await download(`${TARGETS}/template`)).bytes);
    const ws = book.worksheets[0] as ExcelJS.Worksheet;

    const extra = await load(await save(book));
    (extra.worksheets[0] as ExcelJS.Worksheet).getRow(1).getCell(20).value = "备注";
    const r1 = await upload(`${TARGETS}/import`, await save(extra), XLSX);
    expect(r1.status).toBe(400);
    expect(r1.body.detail).toMatch(/unknown column '备注'/);

    const missing = await load(await save(book));
    (missing.worksheets[0] as ExcelJS.Worksheet).spliceColumns(3, 1);
    const r2 = await upload(`${TARGETS}/import`, await save(missing), XLSX);
    expect(r2.status).toBe(400);
    expect(r2.body.detail).toMatch(/missing column 城镇新增就业人数 \(urban_new_jobs\)/);

    const merged = await load(await save(book));
    (merged.worksheets[0] as ExcelJS.Worksheet).mergeCells("A20:B20");
    const r3 = await upload(`${TARGETS}/import`, await save(merged), XLSX);
    expect(r3.status).toBe(400);
    expect(r3.body.detail).toMatch(/merged cells/);

    const r4 = await upload(`${TARGETS}/import`, Buffer.from("this is not a spreadsheet at all"), XLSX);
    expect(r4.status).toBe(400);
    expect(r4.body.detail).toMatch(/not an XLSX spreadsheet/);

    const docx = zipSync({
      "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
      "word/document.xml": new Uint8Array(10),
    });
    const r5 = await upload(`${TARGETS}/import`, docx, XLSX);
    expect(r5.status).toBe(400);
    expect(r5.body.detail).toMatch(/no workbook/);

    const report = await download(
      "/v1/tenants/changchun/years/2019/reports/2019-12/template",
      await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" }),
    );
    const r6 = await upload(`${TARGETS}/import`, report.bytes, XLSX);
    expect(r6.status).toBe(400);
    expect(r6.body.detail).toMatch(/not the targets template/);

    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x41);
    const r7 = await upload(`${TARGETS}/import`, big, "text/csv");
    expect(r7.status).toBe(413);

    // a zip bomb: 40 MB of zeros that compress to a few kB
    const bomb = zipSync(
      {
        "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
        "xl/workbook.xml": new Uint8Array(40 * 1024 * 1024),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200_000);
    const r8 = await upload(`${TARGETS}/import`, bomb, XLSX);
    expect(r8.status).toBe(413);
    expect(r8.body.detail).toMatch(/zip bomb/);

    // one that lies: its directory declares 1 kB for what inflates to 40 MB
    const liar = Buffer.from(bomb);
    const cd = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(1024, cd + 24);
    const r9 = await upload(`${TARGETS}/import`, liar, XLSX);
    expect(r9.status).toBe(413);
    expect(r9.body.detail).toMatch(/inflates to more than it declares/);

    const r10 = await upload(`${TARGETS}/import`, await save(book), "application/pdf");
    expect(r10.status).toBe(415);

    const r11 = await upload(`${TARGETS}/import`, "单位代码,单位\r\nchangchun,长春市\r\n", "text/csv");
    expect(r11.status).toBe(400);
    expect(r11.body.detail).toMatch(/missing column/);

    const city = await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
    expect((await upload(`${TARGETS}/import`, await save(book), XLSX, city)).status).toBe(403);
    expect(ws.rowCount).toBeGreaterThan(1);
  });
});

describe("a city's report from its template: exactly the PUT's rules", () => {
  const PERIOD = "/v1/tenants/changchun/years/2019/reports/2019-12";
  let city = "";

  beforeAll(async () => {
    city = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
  });

  async function template(): Promise<ExcelJS.Workbook> {
    const res = await download(`${PERIOD}/template`, city);
    expect(res.status).toBe(200);
    return load(res.bytes);
  }

  it("is 423 after the deadline, as the PUT", async () => {
    setNow("2020-03-01T09:00:00+08:00");
    city = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
    const book = await template();
    const res = await upload(`${PERIOD}/import?dryRun=true`, await save(book), XLSX, city, 1);
    expect(res.status).toBe(423);
    const put = await t.call("PUT", PERIOD, {
      token: city,
      ifMatch: 1,
      body: { values: {}, source: "x", reason: "y" },
    });
    expect(put.status).toBe(423);
  });

  it("on a revision: 428 without If-Match, 412 with a stale one, 422 naming the cell and indicator for a decreasing count, then a new version", async () => {
    setNow("2020-01-03T09:00:00+08:00");
    city = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
    const book = await template();
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "代码",
      "指标",
      "计量单位",
      "年度目标",
      "上期数值",
      "本期数值",
    ]);
    expect(ws.getRow(2).getCell(1).value).toBe("urban_new_jobs");
    const november = Number(ws.getRow(2).getCell(5).value);
    const december = Number(ws.getRow(2).getCell(6).value);
    const rows = ws.rowCount;
    expect(ws.getRow(rows).getCell(1).value).toBe("修改原因");
    ws.getRow(rows).getCell(2).value = "更正统计口径";

    ws.getRow(2).getCell(6).value = november - 1; // below November: cumulative counts never decrease
    const decreasing = await save(book);
    expect((await upload(`${PERIOD}/import?dryRun=false`, decreasing, XLSX, city)).status).toBe(428);
    expect((await upload(`${PERIOD}/import?dryRun=false`, decreasing, XLSX, city, 7)).status).toBe(412);
    const dry = await upload(`${PERIOD}/import?dryRun=true`, decreasing, XLSX, city, 1);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.rows[0]).toMatchObject({
      row: 2,
      key: "urban_new_jobs",
      status: "error",
      errors: [
        {
          cell: "F2",
          path: "F2:values.urban_new_jobs",
          message: expect.stringMatching(/^F2 城镇新增就业人数 \(urban_new_jobs\): urban_new_jobs .* below/),
        },
      ],
    });
    const refused = await upload(`${PERIOD}/import?dryRun=false`, decreasing, XLSX, city, 1);
    expect(refused.status).toBe(422);
    expect(refused.body.rows).toEqual(dry.body.rows);
    const put = await t.call("PUT", PERIOD, {
      token: city,
      ifMatch: 1,
      body: { values: { urban_new_jobs: november - 1 }, source: "x", reason: "y" },
    });
    expect(put.status).toBe(422);
    expect(put.body.errors[0].path).toBe("body.values.urban_new_jobs");

    ws.getRow(2).getCell(6).value = december + 5;
    const good = await save(book);
    const check = await upload(`${PERIOD}/import?dryRun=true`, good, XLSX, city, 1);
    expect(check.body.rows[0]).toEqual({
      row: 2,
      key: "urban_new_jobs",
      status: "updated",
      changes: [{ field: "values.urban_new_jobs", from: december, to: december + 5 }],
    });
    const versions = await t.call("GET", `${PERIOD}/versions`, { token: city });
    expect(versions.body.versions).toHaveLength(1);
    const committed = await upload(`${PERIOD}/import?dryRun=false`, good, XLSX, city, 1);
    expect(committed.status, committed.text).toBe(200);
    const after = await t.call("GET", `${PERIOD}/versions`, { token: city });
    expect(after.body.versions).toHaveLength(2);
    expect(after.body.versions[1]).toMatchObject({ version: 2, reason: "更正统计口径" });
    expect(after.body.versions[1].values.urban_new_jobs).toBe(december + 5);
    expect(after.body.versions[0].values.urban_new_jobs).toBe(december);
    setNow(null);
  });
});
