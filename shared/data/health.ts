/** A cheap storage probe for the health route: one GetItem, bounded by a short timeout. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { storageUnavailable } from "./infra-errors";

export async function pingStorage(db: Db, timeoutMs = 2000): Promise<void> {
  try {
    await db.doc.send(new GetCommand({ TableName: db.table, Key: { pk: "HEALTH", sk: "PING" } }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw storageUnavailable(error);
  }
}
