/**
 * Reading many items: Queries that follow every page (never a Scan), and one page of a list at a
 * time behind a sealed cursor (`cursors.ts`).
 */
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { openCursor, sealCursor } from "./cursors";

/** A Query without its table and paging (those are this module's). */
export type QuerySpec = Omit<QueryCommandInput, "TableName" | "Limit" | "ExclusiveStartKey">;

/**
 * Every item a Query matches, following pages (never a Scan); with `limit`, at most that many
 * (in the Query's order).
 */
export async function queryAll(db: Db, query: QuerySpec, limit?: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        ...query,
        ...(limit ? { Limit: limit - items.length } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (!limit || items.length < limit));
  return items;
}

/** The Query of a partition's items with a sort-key prefix. */
export function prefixQuery(
  pk: string,
  prefix: string,
  options: { consistent?: boolean; descending?: boolean } = {},
): QuerySpec {
  return {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
    ConsistentRead: options.consistent ?? false,
    ScanIndexForward: !options.descending,
  };
}

/** The Query of a gsi1 partition (with a sort-key prefix where given). */
export function gsi1Query(
  gsi1pk: string,
  options: { prefix?: string; descending?: boolean } = {},
): QuerySpec {
  const { prefix } = options;
  return {
    IndexName: "gsi1",
    KeyConditionExpression: prefix ? "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)" : "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": gsi1pk, ...(prefix ? { ":prefix": prefix } : {}) },
    ...(options.descending ? { ScanIndexForward: false } : {}),
  };
}

/** All items of a partition with a sort-key prefix, following pages (never a Scan). */
export async function queryPrefix(
  db: Db,
  pk: string,
  prefix: string,
  options: { consistent?: boolean; limit?: number; descending?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  return queryAll(db, prefixQuery(pk, prefix, options), options.limit);
}

/** All items of a gsi1 partition, following pages. */
export async function queryGsi1(db: Db, gsi1pk: string, prefix?: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, gsi1Query(gsi1pk, prefix === undefined ? {} : { prefix }));
}

/** Read only `fields` (names aliased, so reserved words are fine). */
export function projection(fields: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  return {
    ProjectionExpression: fields.map((_, i) => `#p${i}`).join(", "),
    ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#p${i}`, f])),
  };
}

/** Which page of a list: how many items, after the position a cursor of this list stands for. */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** One page of a list: its items and the cursor of the next page (null on the last). */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListSpec<T> {
  /** the list's identity, which its cursors are bound to (`tenants|jl`) */
  list: string;
  query: QuerySpec;
  /** the attributes a start key of this list has (see `openCursor`) */
  startKey: Record<string, string | ((value: string) => boolean)>;
  parse: (item: Record<string, unknown>) => T;
}

/** One page of a Query from a raw start key (internal paging: no cursor is ever shown). */
export async function queryOnePage(
  db: Db,
  query: QuerySpec,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined }> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      ...query,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  // A projection leaves the keys out of the items but not out of LastEvaluatedKey.
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
}

/** One page of a list, behind cursors sealed for that list (a foreign or edited cursor is a 400). */
export async function queryPage<T>(db: Db, page: PageRequest, spec: ListSpec<T>): Promise<PageOf<T>> {
  const startKey = page.cursor ? await openCursor(db, spec.list, page.cursor, spec.startKey) : undefined;
  const { items, lastKey } = await queryOnePage(db, spec.query, page.limit, startKey);
  return {
    items: items.map(spec.parse),
    nextCursor: lastKey ? await sealCursor(db, spec.list, lastKey) : null,
  };
}
