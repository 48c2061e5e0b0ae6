/**
 * The routes the province's console pages read in one call: every unit's targets of a year with
 * the province totals (目标任务), every unit's review and a unit's review versions (考评打分), and
 * the what-if dry run started from a stored run's frozen inputs with actuals and review overrides
 * (考评结果) — on the demo province, with foreign provinces and cities refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { t, useDemoStack } from "../support/demo-stack";

const BASE = "/v1/provinces/jl/years/2019";

let admin: string;
let reviewer: string;
let reporter: string;
let foreignAdmin: string;

interface Problem {
  status: number;
  errors: Array<{ path: string; message: string }>;
}

useDemoStack();

beforeAll(async () => {
  admin = await t.token("province-admin", { provinceId: "jl" });
  reviewer = await t.token("province-reviewer", { provinceId: "jl" });
  reporter = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
  foreignAdmin = await t.token("province-admin", { provinceId: "hl" });
});

describe("GET …/years/{y}/targets (every unit's targets)", () => {
  it("lists the 12 units' targets in display order with their versions, and the province totals", async () => {
    const res = await t.call("GET", `${BASE}/targets`, { token: reviewer });
    expect(res.status, res.text).toBe(200);
    const tenants = await t.call("GET", "/v1/provinces/jl/tenants", { token: admin });
    expect(res.body.targets.map((x: { tenantId: string }) => x.tenantId)).toEqual(
      tenants.body.tenants.map((x: { tenantId: string }) => x.tenantId),
    );
    const own = await t.call("GET", "/v1/tenants/changchun/years/2019/targets", { token: admin });
    expect(res.body.targets[0]).toEqual(own.body);

    // the totals are the rollup's: Σ targets of counts, nothing for rates
    const rollup = await t.call("GET", `${BASE}/rollup?period=2019-12`, { token: admin });
    expect(res.body.totals).toEqual(
      rollup.body.totals.map((x: Record<string, unknown>) => ({
        code: x.code,
        kind: x.kind,
        summed: x.summed,
        target: x.target,
      })),
    );
    const jobs = res.body.totals.find((x: { code: string }) => x.code === "urban_new_jobs");
    const sum = res.body.targets.reduce(
      (n: number, x: { targets: Record<string, number> }) => n + (x.targets.urban_new_jobs ?? 0),
      0,
    );
    expect(jobs).toEqual({ code: "urban_new_jobs", kind: "count", summed: true, target: sum });
  });

  it("follows a PUT: the new version and the new total", async () => {
    const before = await t.call("GET", `${BASE}/targets`, { token: admin });
    const row = before.body.targets.find((x: { tenantId: string }) => x.tenantId === "siping");
    const put = await t.call("PUT", `${BASE}/targets/siping`, {
      token: admin,
      headers: { "if-match": `"${row.version}"` },
      body: { targets: { ...row.targets, urban_new_jobs: row.targets.urban_new_jobs + 1000 } },
    });
    expect(put.status, put.text).toBe(200);
    const after = await t.call("GET", `${BASE}/targets`, { token: admin });
    const total = (body: { totals: Array<{ code: string; target: number }> }) =>
      body.totals.find((x) => x.code === "urban_new_jobs")?.target ?? 0;
    expect(total(after.body) - total(before.body)).toBe(1000);
    expect(after.body.targets.find((x: { tenantId: string }) => x.tenantId === "siping").version).toBe(
      row.version + 1,
    );
  });

  it("refuses another province's admin and a city, and is 404 for a year without a rulebook", async () => {
    expect((await t.call("GET", `${BASE}/targets`, { token: foreignAdmin })).status).toBe(403);
    expect((await t.call("GET", `${BASE}/targets`, { token: reporter })).status).toBe(403);
    expect((await t.call("GET", "/v1/provinces/jl/years/2031/targets", { token: admin })).status).toBe(404);
  });
});

describe("GET …/years/{y}/reviews and …/reviews/{t}/versions", () => {
  it("lists every unit's current review in display order", async () => {
    const res = await t.call("GET", `${BASE}/reviews`, { token: reviewer });
    expect(res.status, res.text).toBe(200);
    expect(res.body.reviews).toHaveLength(12);
    expect(res.body.reviews[0].tenantId).toBe("changchun");
    const one = await t.call("GET", `${BASE}/reviews/jilin`, { token: reviewer });
    expect(res.body.reviews[1]).toEqual(one.body);
  });

  it("keeps every version of a unit's review, oldest first", async () => {
    const current = await t.call("GET", `${BASE}/reviews/tonghua`, { token: reviewer });
    const put = await t.call("PUT", `${BASE}/reviews/tonghua`, {
      token: reviewer,
      headers: { "if-match": `"${current.body.version}"` },
      body: {
        items: current.body.items,
        bonuses: [{ points: 1, reason: "创业孵化基地建设成效突出" }],
        deductions: [],
      },
    });
    expect(put.status, put.text).toBe(200);
    const res = await t.call("GET", `${BASE}/reviews/tonghua/versions`, { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: current.body.version + 1 }, (_, i) => i + 1),
    );
    const latest = res.body.versions.at(-1);
    expect(latest).toEqual(put.body);
    expect(latest.reviewedBy).toBe("province-reviewer@jl");
    expect(res.body.versions[0]).toMatchObject({ version: 1, items: current.body.items });
  });

  it("is 404 for a unit never reviewed, and refuses foreign provinces and cities", async () => {
    const platform = await t.token("platform-admin");
    const made = await t.call("PUT", "/v1/provinces/jl/tenants/newtown", {
      token: admin,
      body: { name: "新城区", authorityName: "新城区政府", displayOrder: 99 },
    });
    expect(made.status, made.text).toBe(201);
    expect((await t.call("GET", `${BASE}/reviews/newtown/versions`, { token: admin })).status).toBe(404);
    expect((await t.call("GET", `${BASE}/reviews`, { token: foreignAdmin })).status).toBe(403);
    expect((await t.call("GET", `${BASE}/reviews/changchun/versions`, { token: foreignAdmin })).status).toBe(
      403,
    );
    expect((await t.call("GET", `${BASE}/reviews/changchun/versions`, { token: reporter })).status).toBe(403);
    expect((await t.call("GET", `${BASE}/reviews`, { token: platform })).status).toBe(403);
  });
});

describe("POST …/scoring-runs?dryRun=true with runId, actuals and reviews", () => {
  it("starts from the stored run's inputs and lists every move", async () => {
    const runs = await t.call("GET", `${BASE}/scoring-runs`, { token: admin });
    const runId = runs.body.runs.at(-1).runId as string;
    const run = await t.call("GET", `${BASE}/scoring-runs/${runId}`, { token: admin });

    // no overrides: the run itself
    const same = await t.call("POST", `${BASE}/scoring-runs?dryRun=true`, { token: admin, body: { runId } });
    expect(same.status, same.text).toBe(200);
    expect(same.body).toMatchObject({ baseRunId: runId, inputsHash: run.body.inputsHash, changes: [] });
    expect(same.body.resultsHash).toBe(run.body.resultsHash);

    // 公主岭 (last) with 延边's year-end actuals and full review marks moves up
    const last = run.body.results.find((r: { rank: number }) => r.rank === 12);
    const items = Object.fromEntries(
      (run.body.inputs.rulebook.rulebook.reviewItems as Array<{ code: string; maxScore: number }>).map(
        (i) => [i.code, i.maxScore],
      ),
    );
    const targets = run.body.inputs.tenants.find((x: { tenantId: string }) => x.tenantId === last.tenantId)
      .targets.values as { urban_new_jobs: number };
    const what = await t.call("POST", `${BASE}/scoring-runs?dryRun=true`, {
      token: admin,
      body: {
        runId,
        overrides: {
          actuals: { [last.tenantId]: { urban_new_jobs: targets.urban_new_jobs * 2 } },
          reviews: { [last.tenantId]: { items, bonuses: [{ points: 3, reason: "模拟" }] } },
        },
      },
    });
    expect(what.status, what.text).toBe(200);
    const moved = what.body.changes.find((c: { tenantId: string }) => c.tenantId === last.tenantId);
    expect(moved.baseline).toMatchObject({ total: last.total, rank: 12, grade: last.grade });
    expect(Number(moved.whatIf.total)).toBeGreaterThan(Number(last.total));
    expect(moved.whatIf.rank).toBeLessThan(12);
    const line = what.body.results
      .find((r: { tenantId: string }) => r.tenantId === last.tenantId)
      .lines.find((l: { code?: string }) => l.code === "urban_new_jobs");
    expect(line).toMatchObject({ actual: targets.urban_new_jobs * 2, period: "2019-12" });
    // nothing was stored
    const after = await t.call("GET", `${BASE}/scoring-runs`, { token: admin });
    expect(after.body.runs).toHaveLength(runs.body.runs.length);
  });

  it("names the wrong field: an unknown run, a review item, a runId without dryRun", async () => {
    const unknown = await t.call<Problem>("POST", `${BASE}/scoring-runs?dryRun=true`, {
      token: admin,
      body: { runId: "zzzzzzzzzzzz" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]?.path).toBe("body.runId");
    const item = await t.call<Problem>("POST", `${BASE}/scoring-runs?dryRun=true`, {
      token: admin,
      body: { overrides: { reviews: { changchun: { items: { policy_implementation: 11 } } } } },
    });
    expect(item.status).toBe(400);
    expect(item.body.errors[0]?.path).toBe("body.overrides.reviews.changchun.items.policy_implementation");
    const stored = await t.call<Problem>("POST", `${BASE}/scoring-runs`, {
      token: admin,
      body: { runId: "zzzzzzzzzzzz" },
    });
    expect(stored.status).toBe(400);
    expect(stored.body.errors[0]?.path).toBe("body.runId");
    const foreign = await t.call("POST", `${BASE}/scoring-runs?dryRun=true`, {
      token: foreignAdmin,
      body: { runId: "zzzzzzzzzzzz" },
    });
    expect(foreign.status).toBe(403);
  });
});
