/**
 * The rulebook over HTTP: versions and If-Match, who may read and publish it, its validation, and
 * its freeze once a circular of its year is published.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../../shared/data/keys";
import { rulebook, YEAR } from "../../support/assessment-data";
import { as, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("rulebook", () => {
  it("publishes version 1 (201), needs If-Match to replace it (428, 412) and keeps every version", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2021/rulebook";
    const first = await t.call("PUT", path, { ...admin, body: rulebook });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ provinceId: "jl", year: 2021, version: 1, title: rulebook.title });
    expect(first.headers.get("etag")).toBe('"1"');

    const changed = { ...rulebook, title: "2021年度考评细则（修订）" };
    expect((await t.call("PUT", path, { ...admin, body: changed })).status).toBe(428);
    expect((await t.call("PUT", path, { ...admin, body: changed, ifMatch: 9 })).status).toBe(412);
    const second = await t.call("PUT", path, { ...admin, body: changed, ifMatch: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, title: "2021年度考评细则（修订）" });

    const current = await t.call("GET", path, as("jl/province-reviewer"));
    expect(current.status).toBe(200);
    expect(current.headers.get("etag")).toBe('"2"');
    expect(current.body).toMatchObject({
      version: 2,
      title: "2021年度考评细则（修订）",
      reportingDeadlineDay: 10,
    });
    expect(current.body.indicators).toEqual(rulebook.indicators);

    const versions = await t.call<{ versions: Array<{ version: number; title: string }> }>(
      "GET",
      `${path}/versions`,
      as("jl/province-reviewer"),
    );
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v) => [v.version, v.title])).toEqual([
      [1, rulebook.title],
      [2, "2021年度考评细则（修订）"],
    ]);
  });

  it("is readable by every role of the province, and by no one else", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/rulebook`;
    await expectStatusAs(
      [
        "jl/province-admin",
        "jl/province-reviewer",
        "changchun/city-admin",
        "jilin/city-reporter",
        "changchun/key",
      ],
      200,
      (label) => t.call("GET", path, as(label)),
    );
    await expectStatusAs(["ln/province-admin", "shenyang/city-admin", "shenyang/key"], 403, (label) =>
      t.call("GET", path, as(label)),
    );
    expect((await t.call("GET", `${path}/versions`, as("changchun/city-admin"))).status).toBe(403);
    expect(
      (await t.call("GET", "/v1/provinces/jl/years/2030/rulebook", as("jl/province-admin"))).status,
    ).toBe(404);
  });

  it("validates the rulebook exactly as shared/domain/scoring/scoring.md says, naming each field path (400)", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2025/rulebook";
    const shape = await t.call<Problem>("PUT", path, {
      ...admin,
      body: {
        ...rulebook,
        indicators: [
          {
            code: "urban_new_jobs",
            name: "城镇新增就业人数",
            unit: "人",
            weight: 0,
            method: "ratio",
            cap: 3,
          },
        ],
        reviewItems: [{ code: "info_system_use", name: "就业信息管理系统应用", maxScore: 0 }],
        reportingDeadlineDay: 32,
        surprise: true,
      },
    });
    expect(shape.status).toBe(400);
    expect((shape.body.errors ?? []).map((e) => e.path)).toEqual(
      expect.arrayContaining([
        "body.indicators[0].weight",
        "body.indicators[0].cap",
        "body.reviewItems[0].maxScore",
        "body.reportingDeadlineDay",
        "body.surprise",
      ]),
    );

    const rules = await t.call<Problem>("PUT", path, {
      ...admin,
      body: {
        ...rulebook,
        indicators: [
          { code: "urban_new_jobs", name: "城镇新增就业人数", unit: "人", weight: 15, method: "ratio" },
          {
            code: "registered_unemployment_rate",
            name: "城镇登记失业率",
            unit: "%",
            weight: 8,
            method: "ceiling",
          },
          { code: "urban_new_jobs", name: "重复", weight: 1, method: "ratio" },
        ],
        grades: [
          { name: "优秀", minScore: 90 },
          { name: "良好", minScore: 95 },
          { name: "良好", minScore: 70 },
          { name: "不合格", minScore: 10 },
        ],
        gradeQuotas: { 优秀: 1.5, 不合格: 0.1, 不存在: 0.1 },
      },
    });
    expect(rules.status).toBe(400);
    expect((rules.body.errors ?? []).map((e) => e.path).sort()).toEqual(
      [
        "body.indicators[1].tolerance",
        "body.indicators[2].code",
        "body.grades[1].minScore",
        "body.grades[2].name",
        "body.grades[3].minScore",
        'body.gradeQuotas["优秀"]',
        'body.gradeQuotas["不合格"]',
        'body.gradeQuotas["不存在"]',
      ].sort(),
    );
    expect((await t.call("GET", path, admin)).status).toBe(404);
  });

  it("is frozen (409) once a circular of its year is published", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2022/rulebook";
    expect((await t.call("PUT", path, { ...admin, body: rulebook })).status).toBe(201);
    // the circular feature marks the year when it publishes; do it by hand here
    await t.stack.db.doc.send(
      new PutCommand({
        TableName: t.stack.db.table,
        Item: { ...keys.yearState("jl", 2022), type: "YearState", publishedCircularId: "circ000000001" },
      }),
    );
    const refused = await t.call<Problem>("PUT", path, {
      ...admin,
      body: { ...rulebook, title: "改" },
      ifMatch: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    // without If-Match too: 409, not 428 (an If-Match would not help)
    expect((await t.call("PUT", path, { ...admin, body: { ...rulebook, title: "改" } })).status).toBe(409);
    const current = await t.call("GET", path, admin);
    expect(current.body).toMatchObject({ version: 1, title: rulebook.title });
    const versions = await t.call<{ versions: unknown[] }>("GET", `${path}/versions`, admin);
    expect(versions.body.versions).toHaveLength(1);
    // a year without a rulebook that is already published is frozen too
    await t.stack.db.doc.send(
      new PutCommand({
        TableName: t.stack.db.table,
        Item: { ...keys.yearState("jl", 2023), type: "YearState", publishedCircularId: "circ000000002" },
      }),
    );
    expect(
      (await t.call("PUT", "/v1/provinces/jl/years/2023/rulebook", { ...admin, body: rulebook })).status,
    ).toBe(409);
  });

  it("may be published by the province admin only", async () => {
    await expectStatusAs(
      ["jl/province-reviewer", "changchun/city-admin", "changchun/key", "ln/province-admin"],
      403,
      (label) => t.call("PUT", "/v1/provinces/jl/years/2026/rulebook", { ...as(label), body: rulebook }),
    );
  });
});
