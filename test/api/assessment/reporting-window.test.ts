/**
 * Monthly reports over HTTP, the reporting window: the deadline day, months not yet begun, and
 * unlocks that reopen a locked period (with the checks on unlock requests). The stack runs in-
 * process, so `setNow` moves the service's one clock.
 */
import { describe, expect, it } from "vitest";
import { setNow } from "../../../shared/lib/clock";
import { type Report, YEAR } from "../../support/assessment-data";
import { as, cityToken, putMonthlyReport, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("reports: the reporting window", () => {
  it("accepts a report on the deadline day and locks the period the day after (423)", async () => {
    setNow("2019-04-10T23:59:00+08:00");
    const onTime = await putMonthlyReport("siping", 3);
    expect(onTime.status, onTime.text).toBe(201);
    expect(onTime.body).toMatchObject({ tenantId: "siping", period: "2019-03", version: 1, late: false });
    expect(onTime.body.submittedAt).toBe("2019-04-10T15:59:00.000Z");

    setNow("2019-04-11T00:00:00+08:00");
    const first = await putMonthlyReport("liaoyuan", 3);
    expect(first.status).toBe(423);
    expect(first.headers.get("content-type")).toContain("application/problem+json");
    const revision = await putMonthlyReport("siping", 3, { reason: "更正", ifMatch: 1 });
    expect(revision.status).toBe(423);
  });

  it("refuses a month that has not begun (423) and accepts the current month", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const future = await putMonthlyReport("siping", 5);
    expect(future.status).toBe(423);
    const current = await putMonthlyReport("siping", 4);
    expect(current.status).toBe(201);
    expect(current.body.late).toBe(false);
  });

  it("reopens a locked period with an unlock (accepted, flagged late) until the unlock expires", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const locked = await putMonthlyReport("liaoyuan", 2);
    expect(locked.status).toBe(423);

    const unlock = await t.call("POST", `/v1/provinces/jl/years/${YEAR}/unlocks`, {
      ...as("jl/province-admin"),
      body: {
        tenantId: "liaoyuan",
        period: "2019-02",
        reason: "系统故障补报",
        until: "2019-04-20T23:59:59+08:00",
      },
    });
    expect(unlock.status, unlock.text).toBe(201);
    expect(unlock.body).toMatchObject({
      tenantId: "liaoyuan",
      period: "2019-02",
      reason: "系统故障补报",
      until: "2019-04-20T15:59:59.000Z",
      unlockedBy: "province-admin@jl",
      createdAt: "2019-04-15T02:00:00.000Z",
    });

    const late = await putMonthlyReport("liaoyuan", 2);
    expect(late.status, late.text).toBe(201);
    expect(late.body.late).toBe(true);
    // other periods and other tenants stay locked
    expect((await putMonthlyReport("liaoyuan", 1)).status).toBe(423);
    expect((await putMonthlyReport("tonghua", 2)).status).toBe(423);

    setNow("2019-04-21T00:00:00+08:00");
    const expired = await putMonthlyReport("liaoyuan", 2, { reason: "再次更正", ifMatch: 1 });
    expect(expired.status).toBe(423);
    const history = await t.call<{ versions: Report[] }>(
      "GET",
      `/v1/tenants/liaoyuan/years/${YEAR}/reports/2019-02/versions`,
      as("jl/province-reviewer"),
    );
    expect(history.body.versions.map((v) => [v.version, v.late])).toEqual([[1, true]]);
  });

  it("checks unlock requests: the tenant must be the province's, the period of the year, until in the future", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const admin = as("jl/province-admin");
    const path = `/v1/provinces/jl/years/${YEAR}/unlocks`;
    const body = {
      tenantId: "liaoyuan",
      period: "2019-01",
      reason: "补报",
      until: "2019-04-30T00:00:00+08:00",
    };
    expect((await t.call("POST", path, { ...admin, body: { ...body, tenantId: "shenyang" } })).status).toBe(
      404,
    );
    expect((await t.call("POST", path, { ...admin, body: { ...body, tenantId: "nowhere" } })).status).toBe(
      404,
    );
    const wrongPeriod = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, period: "2020-01" },
    });
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.body.errors?.map((e) => e.path)).toContain("body.period");
    const past = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, until: "2019-04-01T00:00:00Z" },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors?.map((e) => e.path)).toContain("body.until");
    const notInstant = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, until: "next week" },
    });
    expect(notInstant.status).toBe(400);
    await expectStatusAs(
      ["jl/province-reviewer", "liaoyuan/city-admin", "ln/province-admin"],
      403,
      (label) => {
        const who = label === "liaoyuan/city-admin" ? cityToken("liaoyuan", "city-admin") : as(label);
        return t.call("POST", path, { ...who, body });
      },
    );
  });
});
