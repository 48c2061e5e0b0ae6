/**
 * City top-ups of provincial programs: each checked against the provincial version in force on its
 * `effectiveFrom`, and written only while that program has not changed since.
 */
import type { Db } from "../../data/client";
import { StaleError, withRetry } from "../../data/retry";
import {
  appendTopUpVersion,
  listProgramVersionsOf,
  listTopUpVersions,
  listTopUpVersionsOf,
  programHeadIs,
  type StoredTopUp,
} from "../../data/stores/subsidies";
import { BusinessRuleError } from "../../lib/errors";
import { getTenant } from "../tenants";
import { parseTopUp, type TopUpInput, topUpErrors } from "./validation";
import { type Appended, CONSISTENT, type PutVersionInput, versionReads, versionWrite } from "./versioning";

export interface PutTopUpInput extends PutVersionInput<TopUpInput> {
  tenantId: string;
}

/** Append a version of the city's top-up of a provincial program. */
export async function putTopUp(db: Db, input: PutTopUpInput): Promise<Appended<StoredTopUp>> {
  const topUp = parseTopUp(input.code, input.candidate);
  return withRetry(async () => {
    const tenant = await getTenant(db, input.tenantId, CONSISTENT);
    const versions = await listProgramVersionsOf(db, tenant.provinceId, input.code, CONSISTENT);
    const errors = topUpErrors(versions, topUp, tenant.provinceId);
    if (errors.length > 0) {
      const first = errors[0];
      throw new BusinessRuleError(
        {
          en: `the top-up is refused: ${first?.path}: ${first?.message}`,
          zh: `提标方案未通过：${first?.zh ?? ""}。`,
        },
        { errors },
      );
    }
    const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
    const programUnchanged = programHeadIs(
      db,
      tenant.provinceId,
      input.code,
      latest,
      () =>
        new StaleError({
          en: `the provincial program ${input.code} changed while the top-up was checked`,
          zh: `核对提标方案期间，省级补贴项目“${input.code}”已被修改。`,
        }),
    );
    return appendTopUpVersion(db, {
      tenantId: input.tenantId,
      topUp,
      ...versionWrite(input, [programUnchanged]),
    });
  });
}

const topUpReads = versionReads({
  versions: listTopUpVersions,
  versionsOf: listTopUpVersionsOf,
  keyOf: (t) => t.programCode,
  notFound: (tenantId, code) => ({
    en: `tenant ${tenantId} has no top-up of ${code}`,
    zh: `单位“${tenantId}”没有对补贴项目“${code}”的提标方案。`,
  }),
});

/** The city's top-ups: the latest version of each, or those in force on `date`. */
export const listTopUps = topUpReads.list;
/** Every version of the city's top-up of one program, oldest first (404 when there is none). */
export const getTopUpHistory = topUpReads.history;
