/**
 * Integration API keys. A key reads `ek.<tenantId>.<keyId>.<secret>`; only the SHA-256 of the
 * secret is stored (the secret is 256 random bits, so a fast hash is enough). The key item lives
 * under its tenant, so the authorizer finds it with one GetItem and no global index, and revoking
 * it takes effect on the very next request (the authorizer does not cache).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { NotFoundError } from "../../lib/errors";
import { randomId } from "../../lib/ids";
import type { Db } from "../client";
import { type ApiKeySummary, parseApiKey, parseApiKeySummary, type StoredApiKey } from "../entities/api-key";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { queryPrefix } from "../queries";
import { isConditionalCheckFailed } from "../transactions";

export type { ApiKeySummary };

const KEY_PATTERN = /^ek\.([a-z][a-z0-9-]{0,62})\.([0-9a-z]{16})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export async function createApiKey(
  db: Db,
  input: { tenantId: string; provinceId: string; name: string; createdBy: string; at: string },
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const keyId = randomId(16);
  const secret = randomBytes(32).toString("base64url");
  const stored: StoredApiKey = {
    keyId,
    name: input.name,
    tenantId: input.tenantId,
    provinceId: input.provinceId,
    createdAt: input.at,
    createdBy: input.createdBy,
    secretHash: hashSecret(secret),
  };
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...keys.apiKey(input.tenantId, keyId), type: ENTITY.apiKey, ...stored },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return {
    key: `ek.${input.tenantId}.${keyId}.${secret}`,
    apiKey: parseApiKeySummary(stored),
  };
}

export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeySummary[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.apiKeyPrefix());
  return items.map(parseApiKeySummary);
}

/** Revoke a key; it stops working at once. Unknown or already revoked → 404. */
export async function revokeApiKey(
  db: Db,
  tenantId: string,
  keyId: string,
  by: string,
  at: string,
): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.apiKey(tenantId, keyId),
        UpdateExpression: "SET revokedAt = :at, revokedBy = :by",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(revokedAt)",
        ExpressionAttributeValues: { ":at": at, ":by": by },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw new NotFoundError({ en: `no active API key ${keyId}`, zh: `没有有效的 API 密钥“${keyId}”。` });
    throw error;
  }
}

export interface VerifiedKey {
  tenantId: string;
  provinceId: string;
  keyId: string;
}

/** The key's owner when the key is well-formed, known, not revoked and its secret matches. */
export async function verifyApiKey(db: Db, presented: string): Promise<VerifiedKey | undefined> {
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) return undefined;
  const [, tenantId = "", keyId = "", secret = ""] = match;
  const item = await findItem(db, keys.apiKey(tenantId, keyId), parseApiKey, { consistent: true });
  if (!item || item.revokedAt) return undefined;
  const expected = Buffer.from(item.secretHash, "hex");
  const actual = Buffer.from(hashSecret(secret), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return { tenantId: item.tenantId, provinceId: item.provinceId, keyId: item.keyId };
}
