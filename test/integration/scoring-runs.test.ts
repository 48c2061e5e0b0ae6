/**
 * Scoring runs on a real DynamoDB Local at scale: a run of a few hundred tenants is a handful of
 * items (one run item and its gzip'd chunks) that read back identical; the number of DynamoDB
 * requests a run makes does not grow with the number of tenants (only with 1 MB pages); payloads
 * of several chunks round-trip, and one too large for a transaction is refused.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, type Db } from "../../shared/data/client";
import { keys } from "../../shared/data/keys";
import { queryPrefix } from "../../shared/data/queries";
import {
  CHUNK_BYTES,
  findScoringRunMeta,
  getScoringRunPayload,
  putScoringRun,
} from "../../shared/data/stores/scoring-runs";
import { BusinessRuleError } from "../../shared/lib/errors";
import { createScoringRun, getScoringRun } from "../../shared/services/scoring";
import { buildBulkProvince } from "../support/bulk-province";
import { localEndpoint, testDb } from "../support/db";
import { loadFixture } from "../support/fixture";

const fixture = loadFixture();
const YEAR = fixture.year;
const AT = "2020-01-20T02:00:00.000Z";

let db: Db;

/** A province of `n` tenants, each with the data of a demo tenant: targets, 12 monthly reports, a review. */
async function buildProvince(provinceId: string, n: number): Promise<void> {
  await buildBulkProvince(db, provinceId, n);
}

/** The same table through a client that counts every DynamoDB request it sends, by command. */
function countingDb(): { db: Db; counts: Map<string, number>; total: () => number; reset: () => void } {
  const doc = createDocumentClient({ endpoint: localEndpoint(), region: "local" });
  const counts = new Map<string, number>();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "unknown");
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  return {
    db: { table: db.table, doc },
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  };
}

beforeAll(async () => {
  db = await testDb("scoring-runs");
  await Promise.all([buildProvince("small", 12), buildProvince("large", 300)]);
}, 180_000);

const counter = { current: undefined as ReturnType<typeof countingDb> | undefined };
afterAll(() => counter.current?.db.doc.destroy());

describe("a scoring run of 300 tenants", () => {
  it("is stored as a handful of items and reads back identical", async () => {
    const run = await createScoringRun(db, { provinceId: "large", year: YEAR, by: "admin", at: AT });
    expect(run.tenantCount).toBe(300);
    expect(run.results).toHaveLength(300);
    expect(run.results.map((r) => r.rank)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));

    const pk = keys.province("large").pk;
    const runItems = await queryPrefix(db, pk, keys.scoringRunPrefix(YEAR), { consistent: true });
    const chunks = await queryPrefix(db, pk, keys.scoringRunChunkPrefix(YEAR, run.runId), {
      consistent: true,
    });
    const meta = await findScoringRunMeta(db, "large", YEAR, run.runId);
    console.log(
      `run of 300 tenants: 1 run item + ${chunks.length} chunk(s), ${meta?.payloadBytes} bytes gzip'd (chunks ≤ ${CHUNK_BYTES})`,
    );
    expect(runItems).toHaveLength(1);
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(chunks.length).toBeLessThanOrEqual(3);
    expect(meta?.chunkCount).toBe(chunks.length);

    const stored = await getScoringRun(db, "large", YEAR, run.runId);
    expect(stored.results).toEqual(run.results);
    expect(stored.inputVersions).toEqual(run.inputVersions);
    expect(stored.inputsHash).toBe(run.inputsHash);
    expect(stored.resultsHash).toBe(run.resultsHash);
    expect(stored.inputs.tenants).toHaveLength(300);
  });

  it("makes as many DynamoDB requests as a run of 12 tenants (growing only with 1 MB pages)", async () => {
    const counting = countingDb();
    counter.current = counting;

    await createScoringRun(counting.db, { provinceId: "small", year: YEAR, by: "admin", at: AT });
    const small = { total: counting.total(), byCommand: Object.fromEntries(counting.counts) };
    counting.reset();
    await createScoringRun(counting.db, { provinceId: "large", year: YEAR, by: "admin", at: AT });
    const large = { total: counting.total(), byCommand: Object.fromEntries(counting.counts) };

    console.log(
      `DynamoDB requests of a scoring run: 12 tenants → ${small.total} ${JSON.stringify(small.byCommand)}; ` +
        `300 tenants → ${large.total} ${JSON.stringify(large.byCommand)}`,
    );
    // one GetItem (the rulebook) and one TransactWriteItems (run + chunks), whatever the size
    expect(small.byCommand).toMatchObject({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    expect(large.byCommand).toMatchObject({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    // four Queries (tenants, targets, reports, reviews), plus one per further 1 MB page
    expect(small.byCommand.QueryCommand).toBe(4);
    expect(large.byCommand.QueryCommand).toBeGreaterThanOrEqual(4);
    expect(large.byCommand.QueryCommand).toBeLessThanOrEqual(4 + 3);
    expect(Object.keys(large.byCommand).sort()).toEqual([
      "GetItemCommand",
      "QueryCommand",
      "TransactWriteItemsCommand",
    ]);
  });
});

describe("run payload chunks", () => {
  const meta = (runId: string) => ({
    runId,
    provinceId: "chunks",
    year: YEAR,
    createdAt: AT,
    createdBy: "admin",
    rulebookVersion: 1,
    tenantCount: 0,
    inputsHash: "0".repeat(64),
    resultsHash: "0".repeat(64),
    gradeCounts: {},
  });

  it("splits a payload larger than one chunk and reads it back byte for byte", async () => {
    const payload = { blobs: Array.from({ length: 8 }, () => randomBytes(64 * 1024).toString("base64")) };
    const stored = await putScoringRun(db, meta("multichunk0001"), payload);
    expect(stored.chunkCount).toBeGreaterThanOrEqual(2);
    const back = await getScoringRunPayload(db, stored);
    expect(back).toEqual(payload);
  });

  it("refuses a payload too large for one transaction with 422, storing nothing", async () => {
    const payload = { blob: randomBytes(4 * 1024 * 1024).toString("base64") };
    await expect(putScoringRun(db, meta("toolarge000001"), payload)).rejects.toBeInstanceOf(
      BusinessRuleError,
    );
    expect(await findScoringRunMeta(db, "chunks", YEAR, "toolarge000001")).toBeUndefined();
  });

  it("never overwrites a run", async () => {
    const first = await putScoringRun(db, meta("onlyonce000001"), { a: 1 });
    await expect(putScoringRun(db, meta("onlyonce000001"), { a: 2 })).rejects.toThrow(/already exists/);
    expect(await getScoringRunPayload(db, first)).toEqual({ a: 1 });
  });
});
