/**
 * An integration API key (`TENANT#<t>` `APIKEY#<keyId>`): only the SHA-256 of its secret is
 * stored. Its summary — what the platform routes show — leaves the hash and the province out and
 * says whether it is revoked.
 */
import * as z from "zod/mini";
import { itemParser, optionalStrings, strings } from "./stored";

export function apiKeySummaryShape() {
  return {
    ...strings("keyId", "name", "tenantId", "createdAt", "createdBy"),
    ...optionalStrings("revokedAt", "revokedBy"),
  };
}

export const apiKeyEntity = /* @__PURE__ */ z.lazy(() =>
  z.object({ ...apiKeySummaryShape(), ...strings("provinceId", "secretHash") }),
);

/** The summary: the key without its hash and province, with its status. */
export const apiKeySummaryEntity = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.object(apiKeySummaryShape()),
    z.transform((key) => ({ ...key, status: key.revokedAt ? ("revoked" as const) : ("active" as const) })),
  ),
);

export const parseApiKey = /* @__PURE__ */ itemParser(apiKeyEntity);
export const parseApiKeySummary = /* @__PURE__ */ itemParser(apiKeySummaryEntity);

export type StoredApiKey = z.infer<typeof apiKeyEntity>;
export type ApiKeySummary = z.infer<typeof apiKeySummaryEntity>;
