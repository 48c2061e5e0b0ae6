/** A city's work highlights of a year (for the circular): each ≤ 2000 characters, versioned. */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import {
  findHighlights,
  type HighlightsInput,
  type HighlightsKey,
  putHighlights,
  type StoredHighlights,
} from "../../data/stores/highlights";
import { nowIso } from "../../lib/clock";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";
import { found } from "../found";
import { getTenant } from "../tenants";

export async function setHighlights(
  db: Db,
  input: HighlightsKey & { highlights: HighlightsInput; ifMatch: IfMatch | undefined; actor: Actor },
): Promise<StoredHighlights & { created: boolean }> {
  const tenant = await getTenant(db, input.tenantId);
  return withRetry(() =>
    putHighlights(db, {
      provinceId: tenant.provinceId,
      tenantId: input.tenantId,
      year: input.year,
      highlights: input.highlights,
      ifMatch: input.ifMatch,
      at: nowIso(),
      by: input.actor.sub,
    }),
  );
}

export async function getHighlights(db: Db, { tenantId, year }: HighlightsKey): Promise<StoredHighlights> {
  return found(await findHighlights(db, tenantId, year), {
    en: `no ${year} highlights for tenant ${tenantId}`,
    zh: `单位“${tenantId}”尚未填报${year}年度工作亮点。`,
  });
}
