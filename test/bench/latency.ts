/**
 * API latency over loopback on the local stack — an authenticated GET and a report PUT — against
 * a raw SDK GetItem/PutItem on the same DynamoDB Local, interleaved in one run so both see the
 * same machine.
 */
import { Agent, createServer, request, type Server } from "node:http";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { RunningDynamoDb } from "../../infra/local/dynamodb";
import { createDocumentClient } from "../../shared/data/client";
import { keys } from "../../shared/data/keys";
import { setNow } from "../../shared/lib/clock";
import { keepAliveClient } from "../support/http";
import { startBenchStack } from "./harness";
import { percentile, progress, round } from "./stats";

export interface LatencyFigure {
  p50: number;
  p99: number;
  n: number;
}

export interface LatencyReport {
  apiGet: LatencyFigure;
  rawGetItem: LatencyFigure;
  apiPut: LatencyFigure;
  rawPutItem: LatencyFigure;
  /** a bare node:http server that does the same GetItem and nothing else: the floor of any HTTP API on this store */
  bareHttpGet: LatencyFigure;
  getRatioP50: number;
  bareHttpRatioP50: number;
  getVsBareHttpP50: number;
  putRatioP50: number;
  notes: string[];
}

const agent = new Agent({ keepAlive: true });

/**
 * An authenticated GET the way the SDK sends GetItem: node:http over a keep-alive socket, body
 * read and parsed — so the comparison with the raw GetItem is like for like.
 */
function leanGet(base: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
        resolve(res.statusCode ?? 0);
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * The reference for what an HTTP hop costs: a bare node:http server in the same process that runs
 * the same GetItem and writes the item back — no routing, authentication, validation or logging.
 */
async function startBareServer(
  table: string,
  endpoint: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const doc = createDocumentClient({ endpoint, region: "local" });
  const key = keys.targets("changchun", 2019);
  const server: Server = createServer((_req, res) => {
    doc.send(new GetCommand({ TableName: table, Key: key })).then(
      (out) => {
        const body = JSON.stringify(out.Item ?? {});
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      },
      () => {
        res.writeHead(500).end("{}");
      },
    );
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      doc.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const figure = (samples: number[]): LatencyFigure => ({
  p50: round(percentile(samples, 50)),
  p99: round(percentile(samples, 99)),
  n: samples.length,
});

export async function measureLatency(
  dynamo: RunningDynamoDb,
  iterations = 400,
  warmup = 40,
): Promise<LatencyReport> {
  progress("latency: starting the local stack with the demo province …");
  const stack = await startBenchStack(dynamo, { name: "latency", seedDemo: true });
  const raw = createDocumentClient({ endpoint: dynamo.endpoint, region: "local" });
  const bare = await startBareServer(stack.db.table, dynamo.endpoint);
  try {
    setNow("2019-12-05T10:00:00+08:00"); // December 2019 is open: report PUTs are revisions
    // node:http with keep-alive, as the SDK's own client uses for the raw GetItem/PutItem
    const call = keepAliveClient(stack.url);
    const token = (
      await stack.issuer.mint({
        sub: "bench",
        role: "city-reporter",
        provinceId: "jl",
        tenantId: "changchun",
      })
    ).token;
    const reports = await call<{
      reports: Array<{ period: string; values: Record<string, number>; version: number }>;
    }>("GET", "/v1/tenants/changchun/years/2019/reports", { token });
    const december = reports.body.reports.find((r) => r.period === "2019-12");
    if (!december) throw new Error("the demo province has no December report");
    let version = december.version;
    const targetsKey = keys.targets("changchun", 2019);
    const samples = {
      apiGet: [] as number[],
      rawGet: [] as number[],
      apiPut: [] as number[],
      rawPut: [] as number[],
      bareGet: [] as number[],
    };
    for (let i = 0; i < iterations + warmup; i++) {
      const keep = i >= warmup;
      let t = performance.now();
      const status = await leanGet(stack.url, "/v1/tenants/changchun/years/2019/targets", token);
      if (status !== 200) throw new Error(`GET answered ${status}`);
      if (keep) samples.apiGet.push(performance.now() - t);

      t = performance.now();
      await raw.send(new GetCommand({ TableName: stack.db.table, Key: targetsKey }));
      if (keep) samples.rawGet.push(performance.now() - t);

      t = performance.now();
      if ((await leanGet(bare.url, "/", token)) !== 200) throw new Error("the bare server failed");
      if (keep) samples.bareGet.push(performance.now() - t);

      t = performance.now();
      const put = await call<{ version: number }>("PUT", "/v1/tenants/changchun/years/2019/reports/2019-12", {
        token,
        ifMatch: version,
        body: {
          values: { ...december.values, urban_new_jobs: (december.values.urban_new_jobs ?? 0) + i },
          source: "bench",
          reason: "修订",
        },
      });
      if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${put.text}`);
      version = put.body.version;
      if (keep) samples.apiPut.push(performance.now() - t);

      t = performance.now();
      await raw.send(
        new PutCommand({
          TableName: stack.db.table,
          Item: {
            pk: "TENANT#bench",
            sk: `SCRATCH#${i % 50}`,
            values: december.values,
            source: "bench",
            version: i,
          },
        }),
      );
      if (keep) samples.rawPut.push(performance.now() - t);
      if ((i + 1) % 100 === 0) progress(`latency: ${i + 1}/${iterations + warmup} interleaved rounds`);
    }
    const apiGet = figure(samples.apiGet);
    const rawGetItem = figure(samples.rawGet);
    const apiPut = figure(samples.apiPut);
    const rawPutItem = figure(samples.rawPut);
    const bareHttpGet = figure(samples.bareGet);
    return {
      apiGet,
      rawGetItem,
      apiPut,
      rawPutItem,
      bareHttpGet,
      getRatioP50: round(apiGet.p50 / rawGetItem.p50),
      bareHttpRatioP50: round(bareHttpGet.p50 / rawGetItem.p50),
      getVsBareHttpP50: round(apiGet.p50 / bareHttpGet.p50),
      putRatioP50: round(apiPut.p50 / rawPutItem.p50),
      notes: [
        "API GET = GET /v1/tenants/changchun/years/2019/targets with a city JWT: one GetItem behind it",
        "API PUT = a report revision (If-Match + reason): GetItem tenant, GetItem rulebook, one Query of the tenant-year, one 4-item transaction",
        "response-schema validation (a development aid) is off, as in the deployed functions",
        "bare HTTP GET = a node:http server in the same process doing the same GetItem and nothing else: what the extra HTTP hop alone costs",
      ],
    };
  } finally {
    setNow(null);
    raw.destroy();
    await bare.close();
    await stack.stop();
  }
}
