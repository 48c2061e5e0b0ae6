/** The provincial rollup and a city's own line of it (its progress). */
import * as z from "zod/mini";
import { PROVINCE_ROLES } from "../../../shared/domain/principal";
import { periodSchema } from "../../../shared/domain/reporting";
import { CSV_TYPE, XLSX_TYPE } from "../../http/office";
import { declareRoutes, lazySchema } from "../../http/route";
import { TENANT_AND_PROVINCE } from "./access";
import { provinceYear, tenantYear } from "./params";
import { provinceTotalShape } from "./targets";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

function rollupIndicator() {
  return z.object({
    code: z.string(),
    name: z.string(),
    unit: z.nullable(z.string()),
    kind: z.enum(["count", "rate"]),
    method: z.enum(["ratio", "ceiling"]),
  });
}

/** One tenant's line of the rollup (the province's rollup has one per tenant; a tenant's progress is its own). */
function rollupTenant() {
  const fraction = z.nullable(z.string());
  return z.object({
    tenantId: z.string(),
    name: z.string(),
    displayOrder: z.number(),
    reported: z.boolean(),
    late: z.boolean(),
    submittedAt: z.nullable(z.string()),
    rows: z.array(
      z.object({
        code: z.string(),
        target: z.nullable(z.number()),
        actual: z.nullable(z.number()),
        actualPeriod: z.nullable(z.string()),
        completion: fraction,
        expectedProgress: fraction,
        lagging: z.boolean(),
      }),
    ),
  });
}

/** What a rollup is of: the year's period, the progress expected by then, and the indicators. */
function rollupOf() {
  return {
    year: z.int(),
    period: z.string(),
    expectedProgress: z.string(),
    indicators: z.array(rollupIndicator()),
  };
}

const progressResponse = lazySchema(() =>
  z.object({ tenantId: z.string(), ...rollupOf(), tenant: rollupTenant() }),
);

const rollupResponse = lazySchema(() => {
  const fraction = z.nullable(z.string());
  return z.object({
    provinceId: z.string(),
    ...rollupOf(),
    tenants: z.array(rollupTenant()),
    totals: z.array(
      z.object({
        ...provinceTotalShape(),
        actual: z.nullable(z.number()),
        completion: fraction,
        expectedProgress: fraction,
        lagging: z.boolean(),
      }),
    ),
    notReported: z.array(z.string()),
    late: z.array(z.string()),
  });
});

export const rollupRoutes = declareRoutes({
  getProgress: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/progress",
    summary:
      "A city's own line of the rollup: targets, actuals, completion against expected progress, lagging",
    description: "`period` defaults to the city's latest reported period.",
    tags: ["rollup"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    query: lazySchema(() => z.strictObject({ period: z.optional(periodSchema) })),
    response: progressResponse,
  },
  getRollup: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rollup",
    summary:
      "Every city × indicator: target, actual, completion, expected progress, lagging; province totals",
    description:
      "`period` defaults to the latest reported; `format=csv` downloads it with Chinese column headers (UTF-8 with BOM), " +
      "`format=xlsx` as a workbook with one sheet per view: by unit × indicator, province totals, not reported / late.",
    tags: ["rollup"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    query: lazySchema(() =>
      z.strictObject({
        period: z.optional(periodSchema),
        format: z.optional(z.enum(["json", "csv", "xlsx"])),
      }),
    ),
    response: rollupResponse,
    produces: [CSV_TYPE, XLSX_TYPE],
  },
});
