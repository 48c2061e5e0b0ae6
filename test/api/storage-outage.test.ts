/**
 * DynamoDB Local stopped in the middle of report traffic: requests fail fast with 503
 * problem+json (no hang, no 500 with internals); started again, every acknowledged write is
 * there, and no report exists without its version history or the reverse.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDynamoDb, startDynamoDbLocal } from "../../infra/local/dynamodb";
import { type LocalStack, startLocalStack } from "../../infra/local/stack";
import { setNow } from "../../shared/lib/clock";
import { loadFixture } from "../support/fixture";
import { type Call, client } from "../support/http";
import { freePort } from "../support/ports";
import type { ResponseOf } from "../support/responses";

const TENANTS = ["t1", "t2", "t3", "t4", "t5", "t6"];
const PERIOD = "2019-03";
const REQUEST_DEADLINE_MS = 8000;

const dataDir = mkdtempSync(join(tmpdir(), "employment-outage-"));
let dynamoPort: number;
let dynamo: RunningDynamoDb;
let stack: LocalStack;
let call: Call;
const tokens = new Map<string, string>();

type Ack = Pick<ResponseOf<"putReport">, "version" | "values">;
const acknowledged = new Map<string, Ack[]>();

beforeAll(async () => {
  setNow("2019-03-05T10:00:00+08:00");
  dynamoPort = await freePort();
  dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
  stack = await startLocalStack({
    port: 0,
    dataDir,
    dynamodb: { endpoint: dynamo.endpoint },
    tableName: "outage",
    seedDemo: false,
  });
  call = client(stack.url);
  const mint = async (claims: Record<string, string>) =>
    (await stack.issuer.mint({ sub: "tester", ...claims })).token;
  const platform = await mint({ role: "platform-admin" });
  const admin = await mint({ role: "province-admin", provinceId: "jl" });
  expect(
    (
      await call("PUT", "/v1/provinces/jl", {
        token: platform,
        body: { name: "吉林省", authorityName: "吉林省人民政府" },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call("PUT", "/v1/provinces/jl/years/2019/rulebook", {
        token: admin,
        body: loadFixture().rulebook,
      })
    ).status,
  ).toBe(201);
  for (const [i, tenantId] of TENANTS.entries()) {
    const res = await call("PUT", `/v1/provinces/jl/tenants/${tenantId}`, {
      token: admin,
      body: { name: `${tenantId}市`, authorityName: `${tenantId}市政府`, displayOrder: i + 1 },
    });
    expect(res.status).toBe(201);
    tokens.set(tenantId, await mint({ role: "city-reporter", provinceId: "jl", tenantId }));
    acknowledged.set(tenantId, []);
  }
}, 120_000);

afterAll(async () => {
  setNow(null);
  await stack?.stop();
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a storage outage under traffic", () => {
  it("fails fast with 503 while storage is down and loses nothing acknowledged", async () => {
    const statuses = new Map<number, number>();
    let slowest = 0;
    let phase: "before" | "down" | "after" = "before";
    const downStatuses: number[] = [];
    let stop = false;

    const client = async (tenantId: string) => {
      let version: number | undefined;
      let n = 0;
      while (!stop) {
        n++;
        const values = { urban_new_jobs: 1000 + n, registered_unemployment_rate: 3.5 };
        const started = performance.now();
        const res = await call<{ version: number; detail?: string }>(
          "PUT",
          `/v1/tenants/${tenantId}/years/2019/reports/${PERIOD}`,
          {
            token: tokens.get(tenantId),
            body: { values, source: "实名制就业信息系统", ...(version ? { reason: `修订 ${n}` } : {}) },
            ...(version ? { ifMatch: version } : {}),
          },
        );
        slowest = Math.max(slowest, performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (phase === "down") downStatuses.push(res.status);
        if (res.status === 200 || res.status === 201) {
          version = res.body.version;
          acknowledged.get(tenantId)?.push({ version, values });
        } else if (res.status === 412 || res.status === 428) {
          // an unacknowledged write may have landed before the outage: re-read the current version
          const current = await call<{ versions: Array<{ version: number }> }>(
            "GET",
            `/v1/tenants/${tenantId}/years/2019/reports/${PERIOD}/versions`,
            { token: tokens.get(tenantId) },
          );
          if (current.status === 200) version = current.body.versions.at(-1)?.version;
        } else {
          expect(res.status, res.text).toBe(503);
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Error:|at \w/);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };

    const traffic = Promise.all(TENANTS.map((tenantId) => client(tenantId)));
    await new Promise((r) => setTimeout(r, 1500));
    phase = "down";
    await dynamo.stop();
    await new Promise((r) => setTimeout(r, 2500));
    phase = "after";
    dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
    for (let i = 0; i < 100; i++) {
      if ((await call("GET", "/v1/health")).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await traffic;

    console.log(
      `outage traffic: ${JSON.stringify(Object.fromEntries(statuses))}, slowest request ${Math.round(slowest)} ms`,
    );
    expect(statuses.has(500)).toBe(false);
    expect(downStatuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(REQUEST_DEADLINE_MS);
    const acknowledgedTotal = [...acknowledged.values()].reduce((n, list) => n + list.length, 0);
    expect(acknowledgedTotal).toBeGreaterThan(TENANTS.length);

    for (const tenantId of TENANTS) {
      const items = await stack.db.doc.send(
        new QueryCommand({
          TableName: stack.db.table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `TENANT#${tenantId}` },
          ConsistentRead: true,
        }),
      );
      const current = (items.Items ?? []).filter((i) => i.type === "Report");
      const versions = (items.Items ?? []).filter((i) => String(i.sk).startsWith("REPORTV#"));
      expect(current).toHaveLength(1);
      const head = current[0];
      // the current item and its history agree: versions 1..n, the last equal to the current item
      expect(versions.map((v) => v.version)).toEqual(
        Array.from({ length: Number(head?.version) }, (_, i) => i + 1),
      );
      expect(versions.at(-1)?.values).toEqual(head?.values);
      // every acknowledged write is there, exactly as acknowledged
      const byVersion = new Map(versions.map((v) => [Number(v.version), v.values]));
      for (const ack of acknowledged.get(tenantId) ?? [])
        expect(byVersion.get(ack.version)).toEqual(ack.values);
    }
  }, 120_000);
});
