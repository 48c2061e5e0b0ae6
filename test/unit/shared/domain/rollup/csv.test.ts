import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRollup } from "../../../../../shared/domain/rollup";
import { ROLLUP_CSV_HEADERS, rollupToCsv } from "../../../../../shared/domain/tables";
import { fixtureRollupInput, report, smallRulebook } from "../../../../support/rollup-input";

const BOM = "\uFEFF";

/** A strict RFC 4180 reader (CRLF records, quoted fields), to check what the writer produced. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (ch === "\r" || ch === "\n" || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} outside quotes at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not terminated by CRLF");
  return records;
}

function csvBody(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  return parseCsv(csv.slice(BOM.length));
}

describe("rollupToCsv", () => {
  it("starts with a UTF-8 BOM and the Chinese headers, ends every line with CRLF", () => {
    const { input, rulebook } = fixtureRollupInput();
    const csv = rollupToCsv(computeRollup(input), rulebook);

    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe(
      "单位,指标,计量单位,目标,实际,完成率,时序进度,是否滞后,统计期,是否迟报,本期是否上报",
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("has one row per tenant × indicator, then the 全省合计 rows, with Chinese names and percentages", () => {
    const { input, rulebook } = fixtureRollupInput();
    const rows = csvBody(rollupToCsv(computeRollup({ ...input, period: "2019-12" }), rulebook));

    expect(rows[0]).toEqual([...ROLLUP_CSV_HEADERS]);
    expect(rows).toHaveLength(1 + 12 * 9 + 9);
    expect(rows[1]).toEqual([
      "长春市",
      "城镇新增就业人数",
      "人",
      "160000",
      "173317",
      "108.32%",
      "100.00%",
      "否",
      "2019-12",
      "否",
      "是",
    ]);
    const totals = rows.slice(1 + 12 * 9);
    expect(totals.every((r) => r[0] === "全省合计")).toBe(true);
    const rateTotal = totals.find((r) => r[1] === "城镇登记失业率");
    expect(rateTotal).toEqual(["全省合计", "城镇登记失业率", "%", "", "", "", "", "", "", "", ""]);
    const rateRow = rows.find((r) => r[0] === "长春市" && r[1] === "城镇登记失业率");
    expect(rateRow?.[6]).toBe(""); // no expected progress for rates
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    const rollup = computeRollup({
      year: 2019,
      period: "2019-06",
      rulebook: smallRulebook,
      tenants: [
        { tenantId: "x", name: '示范区, "新区"', displayOrder: 1 },
        { tenantId: "y", name: "第一行\n第二行", displayOrder: 2 },
      ],
      targets: { x: { jobs: 1000 } },
      reports: { x: { "2019-06": report({ jobs: 449 }, true) } },
    });
    const csv = rollupToCsv(rollup, smallRulebook);

    expect(csv).toContain(
      '\r\n"示范区, ""新区""",城镇新增就业人数,人,1000,449,44.90%,50.00%,是,2019-06,是,是\r\n',
    );
    expect(csv).toContain('\r\n"第一行\n第二行",城镇新增就业人数,人,,,,50.00%,否,,否,否\r\n');
    const rows = csvBody(csv);
    expect(rows[1]?.[0]).toBe('示范区, "新区"');
    expect(rows[4]?.[0]).toBe("第一行\n第二行");
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    const rollup = computeRollup({
      year: 2019,
      period: "2019-06",
      rulebook: smallRulebook,
      tenants: [{ tenantId: "x", name: "=HYPERLINK(1)", displayOrder: 1 }],
      targets: {},
      reports: {},
    });
    const rows = csvBody(rollupToCsv(rollup, smallRulebook));
    expect(rows[1]?.[0]).toBe("'=HYPERLINK(1)");
  });

  it("property: any tenant name survives a write/read round trip", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (name) => {
        fc.pre(!/^[=+\-@\t\r]/.test(name));
        const rollup = computeRollup({
          year: 2019,
          period: "2019-01",
          rulebook: smallRulebook,
          tenants: [{ tenantId: "x", name, displayOrder: 1 }],
          targets: {},
          reports: {},
        });
        const rows = csvBody(rollupToCsv(rollup, smallRulebook));
        expect(rows).toHaveLength(1 + 3 + 3);
        for (const r of rows.slice(1, 4)) expect(r[0]).toBe(name);
        for (const r of rows) expect(r).toHaveLength(ROLLUP_CSV_HEADERS.length);
      }),
    );
  });
});
