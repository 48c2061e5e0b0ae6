/**
 * An integration API key (`TENANT#<t>` `APIKEY#<keyId>`): only the SHA-256 of its secret is
 * stored. Its summary — what the platform routes show — leaves the hash and the province out and
 * says whether it is revoked.
 */
import * as z from "zod/mini";
import { itemParser } from "./stored";

export function apiKeySummaryShape() {
  return {
    keyId: z.string(),
    name: z.string(),
    tenantId: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.optional(z.string()),
    revokedBy: z.optional(z.string()),
  };
}

export const apiKeyEntity = z.lazy(() =>
  z.object({ ...apiKeySummaryShape(), provinceId: z.string(), secretHash: z.string() }),
);

/** The summary: the key without its hash and province, with its status. */
export const apiKeySummaryEntity = z.lazy(() =>
  z.pipe(
    z.object(apiKeySummaryShape()),
    z.transform((key) => ({ ...key, status: key.revokedAt ? ("revoked" as const) : ("active" as const) })),
  ),
);

export type StoredApiKey = z.infer<typeof apiKeyEntity>;
export type ApiKeySummary = z.infer<typeof apiKeySummaryEntity>;

export const parseApiKey = itemParser(apiKeyEntity);
export const parseApiKeySummary = itemParser(apiKeySummaryEntity);
