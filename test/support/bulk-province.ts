/**
 * A province of any size, fast. The 12 demo units are written once through the real stores
 * (tenant, targets, 12 monthly reports, review) as templates; every further tenant is a copy of a
 * template's stored items with the tenant id rewritten, loaded with BatchWriteItem. The copies are
 * therefore exactly what the API would have written, without thousands of transactions.
 */
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../../shared/data/client";
import { keys } from "../../shared/data/keys";
import { queryAll, queryPrefix } from "../../shared/data/queries";
import { putReport } from "../../shared/data/stores/reports";
import { putReview } from "../../shared/data/stores/reviews";
import { putRulebook } from "../../shared/data/stores/rulebooks";
import { putTargets } from "../../shared/data/stores/targets";
import { putProvince, putTenant } from "../../shared/data/stores/tenancy";
import { reviewSchema } from "../../shared/domain/review";
import { rulebookSchema } from "../../shared/domain/rulebook";
import { loadFixture } from "./fixture";

const AT = "2020-01-20T02:00:00.000Z";

export interface BulkProvince {
  provinceId: string;
  year: number;
  tenantIds: string[];
}

const tenantId = (provinceId: string, i: number) => `${provinceId}-u${String(i).padStart(5, "0")}`;

/** Replace a template tenant's id in every string of an item (keys, gsi keys, attributes). */
function rewrite(value: unknown, from: string, to: string): unknown {
  if (typeof value === "string") return value.split(from).join(to);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, from, to));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, from, to)]));
  }
  return value;
}

async function batchWrite(db: Db, items: Record<string, unknown>[], parallel = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        let pending: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const out = await db.doc.send(
            new BatchWriteCommand({ RequestItems: { [db.table]: pending as never } }),
          );
          pending = out.UnprocessedItems?.[db.table] ?? [];
        }
      }
    }),
  );
}

export async function buildBulkProvince(
  db: Db,
  provinceId: string,
  size: number,
  options: { withReviews?: boolean; log?: (line: string) => void } = {},
): Promise<BulkProvince> {
  const fixture = loadFixture();
  const year = fixture.year;
  const rulebook = rulebookSchema.parse(fixture.rulebook);
  await putProvince(
    db,
    provinceId,
    { name: `省${provinceId}`, authorityName: `${provinceId}省人民政府` },
    AT,
  );
  await putRulebook(db, { provinceId, year, rulebook, ifMatch: undefined, at: AT, by: "bulk" });

  const templates = fixture.tenants.slice(0, Math.min(size, fixture.tenants.length));
  const ids: string[] = [];
  // 1. the templates, through the stores
  for (const [i, unit] of templates.entries()) {
    const id = tenantId(provinceId, i);
    ids.push(id);
    await putTenant(
      db,
      provinceId,
      id,
      { name: unit.name, authorityName: unit.authorityName, displayOrder: i + 1 },
      AT,
    );
    await putTargets(db, {
      provinceId,
      tenantId: id,
      year,
      targets: fixture.targets[unit.id] ?? {},
      ifMatch: undefined,
      at: AT,
      by: "bulk",
    });
    for (const [period, values] of Object.entries(fixture.reports[unit.id] ?? {})) {
      await putReport(db, {
        provinceId,
        tenantId: id,
        year,
        period,
        submission: {
          values,
          source: "实名制就业信息系统",
          submittedBy: "bulk",
          submittedAt: AT,
          late: false,
        },
        ifMatch: undefined,
      });
    }
    if (options.withReviews !== false && fixture.reviews[unit.id]) {
      await putReview(db, {
        provinceId,
        tenantId: id,
        year,
        review: reviewSchema.parse(fixture.reviews[unit.id]),
        ifMatch: undefined,
        at: AT,
        by: "bulk",
      });
    }
  }
  // 2. every other tenant: a template's stored items under a new id
  const templateItems = await Promise.all(
    ids.map(async (id) => {
      const own = await queryAll(db, {
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.tenant(id).pk },
        ConsistentRead: true,
      });
      const reviews = await queryPrefix(db, keys.province(provinceId).pk, "REVIEW", { consistent: true });
      return [
        ...own,
        ...reviews.filter((r) => String(r.sk).endsWith(`#${id}`) || String(r.sk).includes(`#${id}#`)),
      ];
    }),
  );
  const copies: Record<string, unknown>[] = [];
  for (let i = templates.length; i < size; i++) {
    const template = i % templates.length;
    const from = ids[template] ?? "";
    const to = tenantId(provinceId, i);
    ids.push(to);
    for (const item of templateItems[template] ?? []) {
      const copy = rewrite(item, from, to) as Record<string, unknown>;
      if (copy.type === "Tenant") {
        copy.displayOrder = i + 1;
        copy.gsi1sk = keys.tenantOrder(i + 1, to);
        copy.name = `${String(copy.name)}${i + 1}`;
        copy.authorityName = `${String(copy.authorityName)}${i + 1}`;
      }
      copies.push(copy);
    }
  }
  if (copies.length > 0) {
    options.log?.(`  ${provinceId}: loading ${size} tenants (${copies.length} items) …`);
    await batchWrite(db, copies);
  }
  return { provinceId, year, tenantIds: ids };
}
