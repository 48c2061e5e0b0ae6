/**
 * The routes the console reads to show a year at a glance: the province's years, a tenant's
 * periods (window, lock, unlock in force, latest version) and the province's unlocks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setNow } from "../../shared/lib/clock";
import { t, useDemoStack } from "../support/demo-stack";

let admin: string;
let reviewer: string;
let reporter: string;
let foreignReporter: string;

useDemoStack();

beforeAll(async () => {
  admin = await t.token("province-admin", { provinceId: "jl" });
  reviewer = await t.token("province-reviewer", { provinceId: "jl" });
  reporter = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
  foreignReporter = await t.token("city-reporter", { provinceId: "jl", tenantId: "jilin" });
});

describe("GET /v1/provinces/{p}/years", () => {
  it("names the province and lists the years with a rulebook, newest first", async () => {
    const res = await t.call("GET", "/v1/provinces/jl/years", { token: reporter });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("吉林省");
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual([2019]);
    expect(res.body.years[0].version).toBeGreaterThanOrEqual(1);
  });

  it("refuses another province's admin", async () => {
    const other = await t.token("province-admin", { provinceId: "hl" });
    const res = await t.call("GET", "/v1/provinces/jl/years", { token: other });
    expect(res.status).toBe(403);
  });
});

describe("GET /v1/tenants/{t}/years/{y}/periods", () => {
  it("shows every month's window and state at the service's clock", async () => {
    setNow("2019-07-03T10:00:00+08:00");
    try {
      const res = await t.call("GET", "/v1/tenants/changchun/years/2019/periods", { token: reporter });
      expect(res.status).toBe(200);
      expect(res.body.periods).toHaveLength(12);
      const byPeriod = new Map(res.body.periods.map((p: { period: string }) => [p.period, p]));
      const june = byPeriod.get("2019-06") as Record<string, unknown>;
      expect(june.state).toBe("open");
      expect(june.deadlineDate).toBe(`2019-07-${String(res.body.reportingDeadlineDay).padStart(2, "0")}`);
      expect(june.reported).toBe(true);
      expect((byPeriod.get("2019-05") as { state: string }).state).toBe("locked");
      expect((byPeriod.get("2019-08") as { state: string }).state).toBe("notYetOpen");
    } finally {
      setNow(null);
    }
  });

  it("shows an unlock in force as `late` with its reason, and the province lists it", async () => {
    setNow("2019-07-03T10:00:00+08:00");
    try {
      const unlock = await t.call("POST", "/v1/provinces/jl/years/2019/unlocks", {
        token: admin,
        body: {
          tenantId: "changchun",
          period: "2019-04",
          reason: "系统故障补报",
          until: "2019-07-10T23:59:59+08:00",
        },
      });
      expect(unlock.status).toBe(201);
      const periods = await t.call("GET", "/v1/tenants/changchun/years/2019/periods", { token: reporter });
      const april = periods.body.periods.find((p: { period: string }) => p.period === "2019-04");
      expect(april.state).toBe("late");
      expect(april.unlock).toMatchObject({ reason: "系统故障补报", unlockedBy: "province-admin@jl" });

      const list = await t.call("GET", "/v1/provinces/jl/years/2019/unlocks", { token: reviewer });
      expect(list.status).toBe(200);
      expect(list.body.unlocks[0]).toMatchObject({ tenantId: "changchun", period: "2019-04", inForce: true });

      setNow("2019-07-11T00:00:00+08:00");
      const later = await t.call("GET", "/v1/provinces/jl/years/2019/unlocks", { token: admin });
      expect(later.body.unlocks[0].inForce).toBe(false);
    } finally {
      setNow(null);
    }
  });

  it("refuses another city's periods", async () => {
    const res = await t.call("GET", "/v1/tenants/changchun/years/2019/periods", { token: foreignReporter });
    expect(res.status).toBe(403);
  });

  it("is 422 naming the year when it has no rulebook", async () => {
    const res = await t.call("GET", "/v1/tenants/changchun/years/2031/periods", { token: reporter });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("path.y");
  });
});

describe("GET /v1/tenants/{t}/years/{y}/progress", () => {
  it("is the city's own line of the province's rollup", async () => {
    const own = await t.call("GET", "/v1/tenants/changchun/years/2019/progress?period=2019-06", {
      token: reporter,
    });
    expect(own.status).toBe(200);
    const rollup = await t.call("GET", "/v1/provinces/jl/years/2019/rollup?period=2019-06", { token: admin });
    const line = rollup.body.tenants.find((x: { tenantId: string }) => x.tenantId === "changchun");
    expect(own.body.tenant).toEqual(line);
    expect(own.body.expectedProgress).toBe(rollup.body.expectedProgress);
    expect(own.body.indicators).toEqual(rollup.body.indicators);
  });

  it("defaults to the city's latest reported period and refuses other cities", async () => {
    const own = await t.call("GET", "/v1/tenants/changchun/years/2019/progress", { token: reporter });
    expect(own.body.period).toBe("2019-12");
    const foreign = await t.call("GET", "/v1/tenants/changchun/years/2019/progress", {
      token: foreignReporter,
    });
    expect(foreign.status).toBe(403);
    const bad = await t.call("GET", "/v1/tenants/changchun/years/2019/progress?period=2018-12", {
      token: reporter,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("query.period");
  });
});
