/**
 * Load: N concurrent clients submitting and revising reports across many tenants for T seconds
 * over loopback, then a check that every acknowledged write is readable with its full version
 * history (and nothing half-written: each report's current item equals the last version).
 */
import type { RunningDynamoDb } from "../../infra/local/dynamodb";
import { canonicalJson } from "../../shared/lib/canonical-json";
import { setNow } from "../../shared/lib/clock";
import { loadFixture } from "../support/fixture";
import { keepAliveClient } from "../support/http";
import type { ResponseOf } from "../support/responses";
import { startBenchStack } from "./harness";
import { percentile, progress, round } from "./stats";

export interface LoadReport {
  clients: number;
  tenants: number;
  seconds: number;
  requests: number;
  throughputPerSecond: number;
  latencyMs: { p50: number; p99: number };
  statuses: Record<string, number>;
  serverErrors: number;
  unexpected: number;
  acknowledgedWrites: number;
  verified: { reportsChecked: number; versionsChecked: number; lost: number; halfWritten: number };
}

type Ack = Pick<ResponseOf<"putReport">, "version" | "values">;

export async function measureLoad(
  dynamo: RunningDynamoDb,
  options: { clients: number; tenants: number; seconds: number },
): Promise<LoadReport> {
  progress(`load: ${options.clients} clients, ${options.tenants} tenants, ${options.seconds} s …`);
  const stack = await startBenchStack(dynamo, { name: "load", seedDemo: false });
  const call = keepAliveClient(stack.url);
  try {
    setNow("2019-12-05T10:00:00+08:00"); // November and December 2019 are open
    const fixture = loadFixture();
    const mint = async (claims: Record<string, string>) =>
      (await stack.issuer.mint({ sub: "bench", ...claims })).token;
    const platform = await mint({ role: "platform-admin" });
    const admin = await mint({ role: "province-admin", provinceId: "load" });
    await call("PUT", "/v1/provinces/load", {
      token: platform,
      body: { name: "压测省", authorityName: "压测省人民政府" },
    });
    const rulebook = await call("PUT", "/v1/provinces/load/years/2019/rulebook", {
      token: admin,
      body: fixture.rulebook,
    });
    if (rulebook.status !== 201) throw new Error(`rulebook: ${rulebook.status} ${rulebook.text}`);
    const tenants = Array.from({ length: options.tenants }, (_, i) => `load-${String(i).padStart(4, "0")}`);
    const tokens = new Map<string, string>();
    for (const [i, tenantId] of tenants.entries()) {
      const res = await call("PUT", `/v1/provinces/load/tenants/${tenantId}`, {
        token: admin,
        body: { name: `压测市${i}`, authorityName: `压测市${i}政府`, displayOrder: i + 1 },
      });
      if (res.status !== 201) throw new Error(`tenant: ${res.status}`);
      tokens.set(tenantId, await mint({ role: "city-reporter", provinceId: "load", tenantId }));
    }
    const template = fixture.reports.changchun?.["2019-11"] ?? {};
    const acknowledged = new Map<string, Ack[]>();
    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    let unexpected = 0;
    const deadline = performance.now() + options.seconds * 1000;

    // Each client owns a slice of the tenants and walks them round-robin: the first write of a
    // tenant-period is a 201, every later one a revision with If-Match and a reason.
    const runClient = async (clientIndex: number) => {
      const own = tenants.filter((_, i) => i % options.clients === clientIndex);
      const versions = new Map<string, number>();
      let n = 0;
      while (performance.now() < deadline) {
        const tenantId = own[n % own.length] ?? "";
        const period = n % 2 === 0 ? "2019-11" : "2019-12";
        const key = `${tenantId}/${period}`;
        const base = period === "2019-11" ? 0 : 1_000_000;
        const values = { ...template, urban_new_jobs: base + n };
        const version = versions.get(key);
        const started = performance.now();
        const res = await call<{ version: number }>(
          "PUT",
          `/v1/tenants/${tenantId}/years/2019/reports/${period}`,
          {
            token: tokens.get(tenantId),
            body: { values, source: "压测", ...(version ? { reason: "修订" } : {}) },
            ...(version ? { ifMatch: version } : {}),
          },
        );
        latencies.push(performance.now() - started);
        statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        if (res.status === 200 || res.status === 201) {
          versions.set(key, res.body.version);
          const list = acknowledged.get(key) ?? [];
          list.push({ version: res.body.version, values });
          acknowledged.set(key, list);
        } else {
          unexpected++;
        }
        n++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.clients }, (_, i) => runClient(i)));
    const elapsed = (performance.now() - started) / 1000;
    progress(
      `load: ${latencies.length} requests in ${elapsed.toFixed(1)} s; verifying every acknowledged write …`,
    );

    let versionsChecked = 0;
    let lost = 0;
    let halfWritten = 0;
    for (const [key, acks] of acknowledged) {
      const [tenantId, period] = key.split("/");
      const history = await call<{ versions: Array<{ version: number; values: Record<string, number> }> }>(
        "GET",
        `/v1/tenants/${tenantId}/years/2019/reports/${period}/versions`,
        { token: tokens.get(tenantId ?? "") },
      );
      const byVersion = new Map(history.body.versions.map((v) => [v.version, v.values]));
      for (const ack of acks) {
        versionsChecked++;
        const stored = byVersion.get(ack.version);
        if (!stored || canonicalJson(stored) !== canonicalJson(ack.values)) lost++;
      }
      const numbers = history.body.versions.map((v) => v.version);
      if (numbers.some((v, i) => v !== i + 1)) halfWritten++;
      const latest = await call<{
        reports: Array<{ period: string; version: number; values: Record<string, number> }>;
      }>("GET", `/v1/tenants/${tenantId}/years/2019/reports`, { token: tokens.get(tenantId ?? "") });
      const current = latest.body.reports.find((r) => r.period === period);
      const last = history.body.versions.at(-1);
      if (
        !current ||
        !last ||
        current.version !== last.version ||
        JSON.stringify(current.values) !== JSON.stringify(last.values)
      )
        halfWritten++;
    }
    const serverErrors = [...statuses.entries()]
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    return {
      clients: options.clients,
      tenants: options.tenants,
      seconds: round(elapsed, 1),
      requests: latencies.length,
      throughputPerSecond: round(latencies.length / elapsed, 1),
      latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      statuses: Object.fromEntries(statuses),
      serverErrors,
      unexpected,
      acknowledgedWrites: [...acknowledged.values()].reduce((n, list) => n + list.length, 0),
      verified: { reportsChecked: acknowledged.size, versionsChecked, lost, halfWritten },
    };
  } finally {
    setNow(null);
    await stack.stop();
  }
}
