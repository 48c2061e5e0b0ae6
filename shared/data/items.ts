/** Reading one item: a GetItem, answered through the entity's parse (`entities/`). */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Db, ReadOptions } from "./client";
import type { KeyAttributes } from "./table-definition";

/** The item at `key` as its entity, or undefined when there is none. */
export async function findItem<T>(
  db: Db,
  key: KeyAttributes,
  parse: (item: Record<string, unknown>) => T,
  options: ReadOptions = {},
): Promise<T | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: key, ConsistentRead: options.consistent ?? false }),
  );
  return out.Item ? parse(out.Item) : undefined;
}
