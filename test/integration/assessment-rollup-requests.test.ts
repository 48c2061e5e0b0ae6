/**
 * The rollup's DynamoDB requests do not grow with the number of tenants: a province of 12 and one
 * of 300 tenants (9 indicators, 12 monthly reports each) are rolled up by the same service
 * function through a document client that counts every request. The only difference allowed is
 * continuation pages of the province-wide Queries, each following a full 1 MB page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, type Db } from "../../shared/data/client";
import { getProvinceRollup } from "../../shared/services/assessment";
import { buildBulkProvince } from "../support/bulk-province";
import { localEndpoint, testDb } from "../support/db";
import { loadFixture } from "../support/fixture";

const fixture = loadFixture();
const YEAR = 2019;
const MB = 1024 * 1024;

interface Request {
  command: string;
  input: Record<string, unknown>;
  /** the page came back with LastEvaluatedKey: another page follows */
  truncated: boolean;
  items: number;
  bytes: number;
}

let db: Db;
let counted: Db;
const requests: Request[] = [];

/** An item's size as DynamoDB counts it: names + values; a number ≈ 1 byte per 2 digits + 1; 3 bytes per map or list. */
function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(value);
  if (typeof value === "number") return Math.ceil(String(value).replace(/[-.]/g, "").length / 2) + 1;
  if (typeof value === "boolean" || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, v) => sum + valueSize(v) + 1, 0);
  if (typeof value === "object")
    return (
      3 +
      Object.entries(value).reduce<number>((sum, [k, v]) => sum + Buffer.byteLength(k) + valueSize(v) + 1, 0)
    );
  return 0;
}

/**
 * A client on the same table whose every request is recorded: the command as sent to DynamoDB
 * (GetItem, Query…), its input, and the size of the page it returned.
 */
function countingDb(table: string): Db {
  const doc = createDocumentClient({ endpoint: localEndpoint(), region: "local" });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      const out = output.output as { LastEvaluatedKey?: unknown; Items?: unknown[] };
      requests.push({
        command: String(context.commandName),
        input: args.input as Record<string, unknown>,
        truncated: out.LastEvaluatedKey !== undefined,
        items: out.Items?.length ?? 0,
        bytes: (out.Items ?? []).reduce<number>(
          (sum, item) => sum + itemSize(item as Record<string, unknown>),
          0,
        ),
      });
      return output;
    },
    { step: "initialize", name: "countRequests" },
  );
  return { table, doc };
}

async function measure(provinceId: string) {
  requests.length = 0;
  const result = await getProvinceRollup(counted, provinceId, YEAR);
  const made = [...requests];
  return {
    result,
    made,
    count: made.length,
    continuations: made.filter((r) => r.input.ExclusiveStartKey !== undefined).length,
  };
}

beforeAll(async () => {
  db = await testDb("rollup-requests");
  counted = countingDb(db.table);
  await buildBulkProvince(db, "small", 12);
  await buildBulkProvince(db, "large", 300);
}, 120_000);

describe("rollup requests", () => {
  it("does not grow with the number of tenants — only with 1 MB pages", async () => {
    const small = await measure("small");
    const large = await measure("large");

    // both are complete rollups of December
    expect(small.result.rollup.tenants).toHaveLength(12);
    expect(large.result.rollup.tenants).toHaveLength(300);
    expect(large.result.rollup.period).toBe("2019-12");
    expect(large.result.rollup.notReported).toEqual([]);
    const first = large.result.rollup.tenants[0];
    expect(first?.rows.find((r) => r.code === "urban_new_jobs")?.actual).toBe(
      fixture.actuals.changchun?.urban_new_jobs,
    );

    for (const run of [small, large]) {
      // one GetItem for the rulebook, the rest Queries on gsi1 — never a Scan, never per tenant
      expect(run.made.filter((r) => r.command === "GetItemCommand")).toHaveLength(1);
      expect(run.made.every((r) => r.command === "GetItemCommand" || r.command === "QueryCommand")).toBe(
        true,
      );
      expect(
        run.made.filter((r) => r.command === "QueryCommand").every((r) => r.input.IndexName === "gsi1"),
      ).toBe(true);
    }
    expect(small.count).toBe(4);
    expect(small.continuations).toBe(0);

    // every extra request continues a Query whose previous page was a full 1 MB page
    expect(large.count - small.count).toBe(large.continuations - small.continuations);
    const fullPages = large.made.filter((r) => r.truncated);
    expect(fullPages).toHaveLength(large.continuations);
    for (const page of fullPages) expect(page.bytes).toBeGreaterThan(0.95 * MB);
    // ... and there are no more of them than the data's size in megabytes allows
    const totalBytes = large.made.reduce((sum, r) => sum + r.bytes, 0);
    expect(large.continuations).toBeLessThanOrEqual(Math.floor(totalBytes / (0.95 * MB)));

    console.log(
      `rollup DynamoDB requests: 12 tenants → ${small.count} (${small.continuations} continuation pages); ` +
        `300 tenants → ${large.count} (${large.continuations} continuation pages after full 1 MB pages, ` +
        `${(totalBytes / MB).toFixed(2)} MB of items read)`,
    );
  });
});
