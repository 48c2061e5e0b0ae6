/** The assessment area's path parameters: province and year, tenant and year, and a period of the year. */
import * as z from "zod/mini";
import { PERIOD_PATTERN, periodSchema } from "../../../shared/domain/reporting";
import { customIssue } from "../../../shared/lib/zod-text";
import { lazySchema } from "../../http/route";
import { idSchema, yearParam } from "../../http/schemas";

export const provinceYear = lazySchema(() => z.strictObject({ p: idSchema, y: yearParam }));
export const tenantYear = lazySchema(() => z.strictObject({ t: idSchema, y: yearParam }));
export const provinceYearTenant = lazySchema(() =>
  z.strictObject({ p: idSchema, y: yearParam, t: idSchema }),
);

/** `{period}` is `YYYY-MM` and within `{y}` (400 `path.period` otherwise). */
export const tenantYearPeriod = lazySchema(() =>
  z.strictObject({ t: idSchema, y: yearParam, period: periodSchema }).check(
    z.superRefine((params, ctx) => {
      const match = PERIOD_PATTERN.exec(params.period);
      if (typeof params.y === "number" && match && Number(match[1]) !== params.y)
        ctx.addIssue(
          customIssue(["period"], {
            en: `must be a period of ${params.y}`,
            zh: `须在${params.y}年度之内（${params.y}-01至${params.y}-12）`,
          }),
        );
    }),
  ),
);
