/** The subsidies area's path parameters and its `?date=` queries. */
import * as z from "zod/mini";
import { isDate } from "../../../shared/domain/subsidies";
import { codeSchema } from "../../../shared/domain/subsidies/program";
import { zodMessage } from "../../../shared/lib/zod-text";
import { lazySchema } from "../../http/route";
import { idSchema } from "../../http/schemas";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

export const provinceCodeParams = lazySchema(() => z.strictObject({ p: idSchema, code: codeSchema }));
export const tenantCodeParams = lazySchema(() => z.strictObject({ t: idSchema, code: codeSchema }));

export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2999-12-31";

/** An evaluation date `YYYY-MM-DD` (Asia/Shanghai calendar day), within a sane range. */
export const evaluationDate = lazySchema(() =>
  z.string().check(
    // the pattern documents the form in OpenAPI; the refinement checks the calendar
    z.regex(/^\d{4}-\d{2}-\d{2}$/, {
      message: zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期"),
      abort: true,
    }),
    z.refine(isDate, zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期")),
    z.refine(
      (v) => !isDate(v) || (v >= EARLIEST_DATE && v <= LATEST_DATE),
      zodMessage(
        `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
        `须在${EARLIEST_DATE}至${LATEST_DATE}之间`,
      ),
    ),
  ),
);

/** `?date=`: the versions in force on that date instead of the latest versions. */
export const asOfQuery = lazySchema(() => z.strictObject({ date: z.optional(evaluationDate) }));
/** `?date=` of the public catalogue (default: today in Asia/Shanghai). */
export const catalogueQuery = lazySchema(() => z.strictObject({ date: z.optional(evaluationDate) }));
