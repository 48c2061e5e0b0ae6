/**
 * A subsidy data set as shipped for the local stack's demo (`infra/local/demo/subsidies.json`):
 * `{provincePrograms: [Program…], topUps: {tenantId: [TopUp…]}, localPrograms: {tenantId: [Program…]}}`.
 * Items are unversioned; several items with the same code are successive versions in the order
 * given (`stampVersions`).
 */
import * as z from "zod/mini";
import { zodMessage } from "../../lib/zod-text";
import type { ProgramVersion } from "./program";
import { programSchema } from "./program";
import type { TopUpError } from "./top-up";
import { checkTopUp, topUpSchema } from "./top-up";
import { stampVersions } from "./versions";

export const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
/** Built on first use (`z.lazy`), like every schema of the domain. */
export const subsidyDataSetSchema = z.lazy(() => {
  const tenantIdSchema = z
    .string()
    .check(
      z.regex(
        TENANT_ID_PATTERN,
        zodMessage("must be a tenant id (a-z, 0-9, -)", "须为单位标识（小写字母开头，仅含 a-z、0-9 和 -）"),
      ),
    );
  return z.strictObject({
    provincePrograms: z.array(programSchema),
    topUps: z.record(tenantIdSchema, z.array(topUpSchema)),
    localPrograms: z.record(tenantIdSchema, z.array(programSchema)),
  });
});

export type SubsidyDataSet = z.infer<typeof subsidyDataSetSchema>;

export interface DataSetError extends TopUpError {
  /** where in the data set, e.g. `topUps.changchun[0]` */
  at: string;
}

/**
 * Business rules across a (schema-valid) data set: every top-up passes `checkTopUp` against the
 * provincial versions; a local program's code does not repeat a provincial code (so a city cannot
 * shadow a baseline with a look-alike).
 */
export function checkSubsidyDataSet(
  data: SubsidyDataSet,
  writtenAt = "1970-01-01T00:00:00.000Z",
): DataSetError[] {
  const province: ProgramVersion[] = stampVersions(data.provincePrograms, (p) => p.code, writtenAt);
  const provincialCodes = new Set(province.map((p) => p.code));
  const errors: DataSetError[] = [];
  for (const [tenantId, topUps] of Object.entries(data.topUps)) {
    topUps.forEach((topUp, i) => {
      for (const error of checkTopUp(province, topUp))
        errors.push({ ...error, at: `topUps.${tenantId}[${i}]` });
    });
  }
  for (const [tenantId, programs] of Object.entries(data.localPrograms)) {
    programs.forEach((program, i) => {
      if (provincialCodes.has(program.code))
        errors.push({
          at: `localPrograms.${tenantId}[${i}]`,
          path: "code",
          message: `'${program.code}' is a provincial program; a local program needs its own code`,
          zh: `“${program.code}”是省级补贴项目的代码，地方项目须另取代码`,
          baseline: null,
          limit: null,
        });
    });
  }
  return errors;
}
