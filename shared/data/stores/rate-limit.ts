/**
 * A per-API-key fixed-window rate limit: one conditional counter update per request, in the key's
 * own tenant partition. Windows expire through the table's TTL attribute.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { now } from "../../lib/clock";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import { isConditionalCheckFailed } from "../transactions";
import type { VerifiedKey } from "./api-keys";

const WINDOW_SECONDS = 60;

export async function checkRateLimit(
  db: Db,
  key: VerifiedKey,
  perMinute: number,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const nowSeconds = Math.floor(now().getTime() / 1000);
  const window = Math.floor(nowSeconds / WINDOW_SECONDS);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.rateWindow(key.tenantId, key.keyId, window),
        UpdateExpression: "SET #type = :type, expiresAt = :expires ADD #count :one",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count", "#type": "type" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":limit": perMinute,
          ":type": ENTITY.rateWindow,
          ":expires": (window + 2) * WINDOW_SECONDS,
        },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      return { allowed: false, retryAfterSeconds: Math.max(1, (window + 1) * WINDOW_SECONDS - nowSeconds) };
    }
    throw error;
  }
}
