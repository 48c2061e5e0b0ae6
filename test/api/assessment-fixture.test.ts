/**
 * The Jilin 2019 case through the API, month by month: the clock moves into each month's
 * reporting window (the 5th of the next month), every unit submits its cumulative values, and the
 * December rollup's actuals equal the fixture's year-end values for all 12 units. One unit
 * reports December late, through an unlock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLLUP_CSV_HEADERS } from "../../shared/domain/tables";
import { setNow } from "../../shared/lib/clock";
import { dec, ZERO } from "../../shared/lib/decimal";
import { loadFixture } from "../support/fixture";
import type { ResponseOf } from "../support/responses";
import { startTestStack, type TestStack } from "../support/stack";

const fixture = loadFixture();
const P = fixture.province.id;
const Y = fixture.year;
const codes = fixture.rulebook.indicators.map((i) => i.code);
const LATE_UNIT = "gongzhuling";

type RollupBody = ResponseOf<"getRollup">;

let t: TestStack;
let admin: string;
const reporters = new Map<string, string>();

const period = (month: number) => `${Y}-${String(month).padStart(2, "0")}`;

async function submit(tenantId: string, month: number) {
  const values = fixture.reports[tenantId]?.[period(month)];
  const res = await t.call("PUT", `/v1/tenants/${tenantId}/years/${Y}/reports/${period(month)}`, {
    token: reporters.get(tenantId),
    body: { values, source: "实名制就业信息系统" },
  });
  expect(res.status, `${tenantId} ${period(month)}: ${res.text}`).toBe(201);
  return res;
}

const rollup = (query = "") =>
  t.call<RollupBody>("GET", `/v1/provinces/${P}/years/${Y}/rollup${query}`, { token: admin });

beforeAll(async () => {
  t = await startTestStack();
  // tokens are minted at the real time, before the clock moves to 2019
  const platform = await t.token("platform-admin", { sub: "ops@platform" });
  admin = await t.token("province-admin", { provinceId: P });
  for (const tenant of fixture.tenants) {
    reporters.set(tenant.id, await t.token("city-reporter", { provinceId: P, tenantId: tenant.id }));
  }
  const province = await t.call("PUT", `/v1/provinces/${P}`, {
    token: platform,
    body: { name: fixture.province.name, authorityName: fixture.province.authorityName },
  });
  expect(province.status).toBe(201);
  for (const tenant of fixture.tenants) {
    const res = await t.call("PUT", `/v1/provinces/${P}/tenants/${tenant.id}`, {
      token: admin,
      body: { name: tenant.name, authorityName: tenant.authorityName, displayOrder: tenant.displayOrder },
    });
    expect(res.status).toBe(201);
  }
  setNow("2019-01-02T09:00:00+08:00");
  const rulebook = await t.call("PUT", `/v1/provinces/${P}/years/${Y}/rulebook`, {
    token: admin,
    body: fixture.rulebook,
  });
  expect(rulebook.status).toBe(201);
  for (const tenant of fixture.tenants) {
    const res = await t.call("PUT", `/v1/provinces/${P}/years/${Y}/targets/${tenant.id}`, {
      token: admin,
      body: { targets: fixture.targets[tenant.id] },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => t?.stop());

describe("the Jilin 2019 case, month by month through the API", () => {
  it("reports January to November on time; the rollup follows the latest reported month", async () => {
    for (let month = 1; month <= 11; month++) {
      setNow(`${month === 12 ? Y + 1 : Y}-${String((month % 12) + 1).padStart(2, "0")}-05T09:00:00+08:00`);
      await Promise.all(fixture.tenants.map((tenant) => submit(tenant.id, month)));
      if (month === 3) {
        const march = await rollup();
        expect(march.status).toBe(200);
        expect(march.body).toMatchObject({
          period: "2019-03",
          expectedProgress: "0.2500",
          notReported: [],
          late: [],
        });
      }
    }
    const november = await rollup();
    expect(november.body.period).toBe("2019-11");
    expect(november.body.notReported).toEqual([]);
  });

  it("shows who has not reported December yet, with their November values standing in", async () => {
    setNow("2020-01-05T09:00:00+08:00");
    await Promise.all(
      fixture.tenants.filter((x) => x.id !== LATE_UNIT).map((tenant) => submit(tenant.id, 12)),
    );
    const december = await rollup("?period=2019-12");
    expect(december.status).toBe(200);
    expect(december.body.notReported).toEqual([LATE_UNIT]);
    const late = december.body.tenants.find((x) => x.tenantId === LATE_UNIT);
    expect(late?.reported).toBe(false);
    expect(late?.rows.every((r) => r.actualPeriod === "2019-11")).toBe(true);
  });

  it("takes the late December report through an unlock and flags it", async () => {
    setNow("2020-01-15T09:00:00+08:00");
    const locked = await t.call("PUT", `/v1/tenants/${LATE_UNIT}/years/${Y}/reports/2019-12`, {
      token: reporters.get(LATE_UNIT),
      body: { values: fixture.reports[LATE_UNIT]?.["2019-12"], source: "实名制就业信息系统" },
    });
    expect(locked.status).toBe(423);
    const unlock = await t.call("POST", `/v1/provinces/${P}/years/${Y}/unlocks`, {
      token: admin,
      body: {
        tenantId: LATE_UNIT,
        period: "2019-12",
        reason: "系统升级延误",
        until: "2020-01-17T18:00:00+08:00",
      },
    });
    expect(unlock.status).toBe(201);
    const res = await submit(LATE_UNIT, 12);
    expect(res.body.late).toBe(true);
  });

  it("gives a December rollup whose actuals equal the year-end values of all 12 units", async () => {
    const res = await rollup();
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ provinceId: P, year: Y, period: "2019-12", expectedProgress: "1.0000" });
    expect(body.notReported).toEqual([]);
    expect(body.late).toEqual([LATE_UNIT]);
    expect(body.tenants.map((x) => x.tenantId)).toEqual(fixture.tenants.map((x) => x.id));
    for (const tenant of body.tenants) {
      const actuals = fixture.actuals[tenant.tenantId] ?? {};
      const targets = fixture.targets[tenant.tenantId] ?? {};
      expect(tenant.rows.map((r) => r.code)).toEqual(codes);
      for (const row of tenant.rows) {
        expect(row.actual, `${tenant.tenantId} ${row.code}`).toBe(actuals[row.code]);
        expect(row.actualPeriod).toBe("2019-12");
        expect(row.target).toBe(targets[row.code]);
      }
    }
    // province totals: counts summed exactly over the units, rates not summed
    const rates = new Set(["zero_employment_family_assistance_rate", "registered_unemployment_rate"]);
    for (const total of body.totals) {
      if (rates.has(total.code)) {
        expect(total).toMatchObject({ summed: false, target: null, actual: null });
        continue;
      }
      const sum = fixture.tenants.reduce(
        (acc, x) => acc.plus(dec(fixture.actuals[x.id]?.[total.code] ?? 0)),
        ZERO,
      );
      expect(total.summed).toBe(true);
      expect(total.actual).toBe(Number(sum.toString()));
    }
  });

  it("downloads the rollup as CSV with Chinese headers", async () => {
    const res = await t.call("GET", `/v1/provinces/${P}/years/${Y}/rollup?format=csv&period=2019-12`, {
      token: admin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="rollup-${P}-2019-12.csv"; filename*=UTF-8''${encodeURIComponent("考评进度汇总（2019-12）.csv")}`,
    );
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(ROLLUP_CSV_HEADERS.join(","));
    expect(lines[0]).toContain("完成率");
    expect(lines).toHaveLength(1 + fixture.tenants.length * codes.length + codes.length);
    expect(lines[1]?.startsWith("长春市,城镇新增就业人数,人,")).toBe(true);
    expect(lines.filter((l) => l.startsWith("全省合计,"))).toHaveLength(codes.length);
  });
});
