/**
 * Scoring runs through the API on the Jilin 2019 demo case: the province, its 12 units, the
 * rulebook, targets, every monthly report (each submitted inside its reporting window) and the
 * reviews are all entered through the API; the run must reproduce the fixture's expected totals,
 * ranks and grades exactly, its hashes must depend on the inputs only, and a city sees nothing
 * but its own result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalHash } from "../../shared/lib/canonical-json";
import { setNow, shanghaiInstant } from "../../shared/lib/clock";
import { computeRun, type RunInputs } from "../../shared/services/scoring";
import { loadFixture } from "../support/fixture";
import type { ResponseOf } from "../support/responses";
import { startTestStack, type TestStack } from "../support/stack";

const fixture = loadFixture();
const P = fixture.province.id;
const Y = fixture.year;
const RUNS = `/v1/provinces/${P}/years/${Y}/scoring-runs`;

let t: TestStack;

/** 09:00 Shanghai on the 5th of the month after the period: inside its reporting window. */
function inWindow(period: string): string {
  const [year, month] = period.split("-").map(Number);
  return shanghaiInstant(year ?? 0, (month ?? 0) + 1, 5, 9).toISOString();
}

async function ok(res: Promise<{ status: number; text: string }>, status?: number) {
  const r = await res;
  if (status === undefined) expect(r.status, r.text).toBeLessThan(300);
  else expect(r.status, r.text).toBe(status);
  return r;
}

// Tokens are minted at the clock's current (test-set) time, so each call mints its own.
const cityToken = (tenantId: string, role: "city-admin" | "city-reporter" = "city-reporter") =>
  t.token(role, { provinceId: P, tenantId });
const admin = () => t.token("province-admin", { provinceId: P, sub: "admin-1@jl" });
const reviewer = () => t.token("province-reviewer", { provinceId: P, sub: "reviewer@jl" });

beforeAll(async () => {
  t = await startTestStack();
  const platform = await t.token("platform-admin", { sub: "ops@platform" });
  const { id: _id, ...province } = fixture.province;
  await ok(t.call("PUT", `/v1/provinces/${P}`, { token: platform, body: province }));
  for (const { id, ...tenant } of fixture.tenants) {
    await ok(t.call("PUT", `/v1/provinces/${P}/tenants/${id}`, { token: await admin(), body: tenant }));
  }
  setNow("2019-01-02T02:00:00.000Z");
  await ok(
    t.call("PUT", `/v1/provinces/${P}/years/${Y}/rulebook`, { token: await admin(), body: fixture.rulebook }),
  );
  for (const { id } of fixture.tenants) {
    await ok(
      t.call("PUT", `/v1/provinces/${P}/years/${Y}/targets/${id}`, {
        token: await admin(),
        body: { targets: fixture.targets[id] },
      }),
    );
  }
  const periods = Object.keys(fixture.reports[fixture.tenants[0]?.id ?? ""] ?? {}).sort();
  expect(periods).toHaveLength(12);
  for (const period of periods) {
    setNow(inWindow(period));
    await Promise.all(
      fixture.tenants.map(async ({ id }) =>
        ok(
          t.call("PUT", `/v1/tenants/${id}/years/${Y}/reports/${period}`, {
            token: await cityToken(id),
            body: { values: fixture.reports[id]?.[period], source: "实名制就业信息系统" },
          }),
          201,
        ),
      ),
    );
  }
  setNow("2020-01-20T02:00:00.000Z");
  for (const { id } of fixture.tenants) {
    await ok(
      t.call("PUT", `/v1/provinces/${P}/years/${Y}/reviews/${id}`, {
        token: await reviewer(),
        body: fixture.reviews[id],
      }),
    );
  }
}, 120_000);

afterAll(async () => t?.stop());

/** The answers, as the service declares them. */
type Run = ResponseOf<"getScoringRun">;
type Result = Run["results"][number];

const summary = (results: Result[]) =>
  results.map(({ tenantId, total, rank, grade }) => ({ tenantId, total, rank, grade }));
const expected = [...fixture.expected].sort((a, b) => a.rank - b.rank);

let first: Run;

describe("POST /scoring-runs on the demo case", () => {
  it("scores exactly the fixture's expected totals, ranks and grades (12 of 12)", async () => {
    const res = await t.call<Run>("POST", RUNS, { token: await admin() });
    expect(res.status, res.text).toBe(201);
    first = res.body;
    expect(res.headers.get("location")).toBe(`${RUNS}/${first.runId}`);
    expect(first.results).toHaveLength(12);
    expect(summary(first.results)).toEqual(expected);
    for (const r of first.results) expect(r.total).toMatch(/^\d+\.\d{2}$/);
    expect(first.gradeCounts).toEqual({ 优秀: 7, 良好: 5, 合格: 0, 不合格: 0 });
    expect(first).toMatchObject({ year: Y, createdBy: "admin-1@jl", rulebookVersion: 1, tenantCount: 12 });
    expect(first.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.resultsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("explains every result and names its units", async () => {
    const changchun = first.results.find((r) => r.tenantId === "changchun");
    expect(changchun).toMatchObject({
      name: "长春市",
      authorityName: "长春市政府",
      rank: 1,
      total: "100.20",
    });
    const kinds = changchun?.lines.map((l) => l.kind);
    expect(kinds?.filter((k) => k === "indicator")).toHaveLength(9);
    expect(kinds?.filter((k) => k === "review")).toHaveLength(3);
    expect(kinds).toContain("bonus");
    expect(kinds).toContain("deduction");
  });

  it("records the version of every input it used", () => {
    expect(first.inputVersions.rulebook).toBe(1);
    expect(first.inputVersions.tenants.map((x) => x.tenantId)).toEqual(
      fixture.tenants.map((x) => x.id).sort(),
    );
    for (const tenant of first.inputVersions.tenants) {
      expect(tenant.targets).toBe(1);
      expect(tenant.review).toBe(1);
      expect(Object.keys(tenant.reports)).toHaveLength(12);
      expect(Object.values(tenant.reports).every((v) => v === 1)).toBe(true);
    }
  });

  it("gives identical hashes when re-run on the same inputs", async () => {
    setNow("2020-01-20T03:00:00.000Z"); // a later run (the clock is fixed in this suite)
    const again = await t.call<Run>("POST", RUNS, { token: await admin() });
    expect(again.status, again.text).toBe(201);
    expect(again.body.runId).not.toBe(first.runId);
    expect(again.body.inputsHash).toBe(first.inputsHash);
    expect(again.body.resultsHash).toBe(first.resultsHash);
    expect(again.body.results).toEqual(first.results);
  });

  it("stores the run: GET returns its results, input versions and inputs, and anyone can re-check both hashes", async () => {
    const res = await t.call<Run & { inputs: RunInputs }>("GET", `${RUNS}/${first.runId}`, {
      token: await reviewer(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toEqual(first.results);
    expect(res.body.inputVersions).toEqual(first.inputVersions);
    expect(canonicalHash(res.body.inputs)).toBe(first.inputsHash);
    expect(canonicalHash(res.body.results)).toBe(first.resultsHash);
    const recomputed = computeRun(res.body.inputs);
    expect(recomputed.inputsHash).toBe(first.inputsHash);
    expect(recomputed.resultsHash).toBe(first.resultsHash);
  });

  it("lists the year's runs newest first, metadata only", async () => {
    const res = await t.call<{ runs: Array<Run & { results?: unknown }> }>("GET", RUNS, {
      token: await reviewer(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.runs).toHaveLength(2);
    expect(res.body.runs[1]?.runId).toBe(first.runId);
    expect((res.body.runs[0]?.runId ?? "") > first.runId).toBe(true);
    expect(res.body.runs[0]?.results).toBeUndefined();
    expect(res.body.runs[0]?.inputsHash).toBe(first.inputsHash);
  });

  it("answers 404 for an unknown run and 403 to city roles", async () => {
    expect((await t.call("GET", `${RUNS}/zzzzzzzzzzzzz`, { token: await admin() })).status).toBe(404);
    expect(
      (await t.call("GET", `${RUNS}/${first.runId}`, { token: await cityToken("changchun", "city-admin") }))
        .status,
    ).toBe(403);
    expect((await t.call("POST", RUNS, { token: await reviewer() })).status).toBe(403);
  });
});

describe("GET /tenants/{t}/years/{y}/score", () => {
  it("gives a city its own explained result in the latest run and nothing about any other tenant", async () => {
    for (const role of ["city-admin", "city-reporter"] as const) {
      const res = await t.call<{ runId: string; result: Result }>(
        "GET",
        `/v1/tenants/songyuan/years/${Y}/score`,
        {
          token: await cityToken("songyuan", role),
        },
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.result).toMatchObject({ tenantId: "songyuan", total: "97.60", rank: 2, grade: "优秀" });
      expect(res.body.result.lines.length).toBeGreaterThan(12);
      const runs = await t.call<{ runs: Run[] }>("GET", RUNS, { token: await admin() });
      expect(res.body.runId).toBe(runs.body.runs[0]?.runId);
      for (const other of fixture.tenants.filter((x) => x.id !== "songyuan")) {
        expect(res.text).not.toContain(`"${other.id}"`);
        expect(res.text).not.toContain(other.name);
        expect(res.text).not.toContain(other.authorityName);
      }
      for (const other of fixture.expected.filter((x) => x.tenantId !== "songyuan")) {
        expect(res.text).not.toContain(`"${other.total}"`);
      }
      expect(res.text).not.toContain("inputsHash");
      expect(res.text).not.toContain("tenantCount");
    }
  });

  it("refuses another city's score and province roles", async () => {
    const res = await t.call("GET", `/v1/tenants/songyuan/years/${Y}/score`, {
      token: await cityToken("changchun"),
    });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain("97.60");
    expect(
      (await t.call("GET", `/v1/tenants/songyuan/years/${Y}/score`, { token: await admin() })).status,
    ).toBe(403);
  });

  it("is 404 for a year no run includes", async () => {
    const res = await t.call("GET", `/v1/tenants/songyuan/years/2018/score`, {
      token: await cityToken("songyuan"),
    });
    expect(res.status).toBe(404);
  });
});

/** A dry run, which has no run id (the test checks that it has none). */
type DryRun = Extract<ResponseOf<"createScoringRun">, { dryRun: true }> & { runId?: string };

describe("POST /scoring-runs?dryRun=true (what-if)", () => {
  const runCount = async () =>
    (await t.call<{ runs: Run[] }>("GET", `${RUNS}?limit=100`, { token: await admin() })).body.runs.length;

  it("without overrides scores like a stored run but stores nothing", async () => {
    const before = await runCount();
    const res = await t.call<DryRun>("POST", `${RUNS}?dryRun=true`, { token: await admin() });
    expect(res.status, res.text).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.runId).toBeUndefined();
    expect(res.body.inputsHash).toBe(first.inputsHash);
    expect(res.body.resultsHash).toBe(first.resultsHash);
    expect(res.body.changes).toEqual([]);
    expect(await runCount()).toBe(before);
  });

  it("shows how grades move under a quota and a higher threshold, without storing a run", async () => {
    const before = await runCount();
    const quota = await t.call<DryRun>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { quotas: { 优秀: 0.4 } } },
    });
    expect(quota.status, quota.text).toBe(200);
    // floor(0.4 × 12) = 4 units may stay 优秀; ranks 5–7 move down one grade
    expect(quota.body.gradeCounts).toMatchObject({ 优秀: 4, 良好: 8 });
    expect(quota.body.baselineGradeCounts).toMatchObject({ 优秀: 7, 良好: 5 });
    expect(quota.body.changes.map((c) => c.tenantId).sort()).toEqual(["jilin", "liaoyuan", "siping"]);
    for (const c of quota.body.changes)
      expect(c).toMatchObject({ baseline: { grade: "优秀" }, whatIf: { grade: "良好" } });
    expect(quota.body.resultsHash).not.toBe(first.resultsHash);

    const threshold = await t.call<DryRun>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { thresholds: { 优秀: 97.5 } } },
    });
    expect(threshold.status, threshold.text).toBe(200);
    expect(threshold.body.gradeCounts).toMatchObject({ 优秀: 3, 良好: 9 });
    expect(await runCount()).toBe(before);
  });

  it("moves ranks when a target is overridden", async () => {
    const res = await t.call<DryRun>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { targets: { changchun: { urban_new_jobs: 10_000_000 } } } },
    });
    expect(res.status, res.text).toBe(200);
    const changchun = res.body.changes.find((c) => c.tenantId === "changchun");
    expect(changchun?.baseline.rank).toBe(1);
    expect(changchun?.whatIf.rank).toBeGreaterThan(1);
  });

  it("lists a tenant whose exact total moves even when its 2-decimal total does not", async () => {
    // a ceiling line at or below target scores the weight itself: 8.004 adds 0.004 to such tenants
    const res = await t.call<DryRun>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { weights: { registered_unemployment_rate: 8.004 } } },
    });
    expect(res.status, res.text).toBe(200);
    const moved = res.body.changes as unknown as Array<{
      baseline: { total: string; exactTotal?: string };
      whatIf: { total: string; exactTotal?: string };
    }>;
    expect(moved.length).toBeGreaterThan(0);
    for (const c of moved) {
      expect(c.baseline.exactTotal).toBeUndefined();
      expect(c.whatIf.exactTotal).toMatch(/^\d+\.\d{2}4$/);
      expect(c.whatIf.total).toBe(c.baseline.total);
    }
  });

  it("refuses invalid overrides with 400 and body.overrides paths", async () => {
    const unknown = await t.call<{ errors: Array<{ path: string }> }>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { weights: { no_such_indicator: 3 } } },
    });
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.body.errors.map((e) => e.path)).toContain("body.overrides.weights.no_such_indicator");

    const negative = await t.call<{ errors: Array<{ path: string }> }>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { weights: { urban_new_jobs: -1 } } },
    });
    expect(negative.status, negative.text).toBe(400);
    expect(negative.body.errors.map((e) => e.path)).toContain("body.overrides.weights.urban_new_jobs");

    const shape = await t.call<{ errors: Array<{ path: string }> }>("POST", `${RUNS}?dryRun=true`, {
      token: await admin(),
      body: { overrides: { weights: { urban_new_jobs: "ten" } } },
    });
    expect(shape.status, shape.text).toBe(400);
    expect(shape.body.errors[0]?.path).toMatch(/^body\.overrides\.weights/);

    const notDry = await t.call<{ errors: Array<{ path: string }> }>("POST", RUNS, {
      token: await admin(),
      body: { overrides: { quotas: { 优秀: 0.4 } } },
    });
    expect(notDry.status, notDry.text).toBe(400);
    expect(notDry.body.errors[0]?.path).toBe("body.overrides");
  });
});

describe("inputs that change", () => {
  it("a revised report gives a different inputsHash and records the report's new version", async () => {
    setNow(inWindow("2019-12"));
    // a rate (not cumulative): well above target + tolerance, so the ceiling line scores 0
    const target = fixture.targets.changchun?.registered_unemployment_rate ?? 0;
    const values = { ...fixture.reports.changchun?.["2019-12"], registered_unemployment_rate: target + 1 };
    const revised = await t.call("PUT", `/v1/tenants/changchun/years/${Y}/reports/2019-12`, {
      token: await cityToken("changchun"),
      body: { values, source: "实名制就业信息系统", reason: "更正" },
      ifMatch: 1,
    });
    expect(revised.status, revised.text).toBe(200);
    setNow("2020-01-21T02:00:00.000Z"); // later than the earlier runs: run ids sort by creation time
    const res = await t.call<Run>("POST", RUNS, { token: await admin() });
    expect(res.status, res.text).toBe(201);
    expect(res.body.inputsHash).not.toBe(first.inputsHash);
    expect(res.body.resultsHash).not.toBe(first.resultsHash);
    const changchun = res.body.inputVersions.tenants.find((x) => x.tenantId === "changchun");
    expect(changchun?.reports["2019-12"]).toBe(2);
    expect(changchun?.reports["2019-11"]).toBe(1);
    expect(res.body.results.find((r) => r.tenantId === "changchun")?.total).not.toBe("100.20");

    // the city now sees its result in this newest run
    const score = await t.call<{ runId: string }>("GET", `/v1/tenants/changchun/years/${Y}/score`, {
      token: await cityToken("changchun"),
    });
    expect(score.body.runId).toBe(res.body.runId);
  });

  it("is 422 without a rulebook, and 422 when no tenant has targets", async () => {
    const none = await t.call("POST", `/v1/provinces/${P}/years/2020/scoring-runs`, { token: await admin() });
    expect(none.status, none.text).toBe(422);
    setNow("2021-01-02T02:00:00.000Z");
    await ok(
      t.call("PUT", `/v1/provinces/${P}/years/2021/rulebook`, {
        token: await admin(),
        body: fixture.rulebook,
      }),
    );
    const noTargets = await t.call("POST", `/v1/provinces/${P}/years/2021/scoring-runs`, {
      token: await admin(),
    });
    expect(noTargets.status, noTargets.text).toBe(422);
    expect(noTargets.text).toContain("targets");
  });
});
