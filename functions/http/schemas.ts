/**
 * Schemas shared by many routes: path parameters, pagination, problem bodies. Like every route
 * schema, each is built on first use (`lazySchema`), so importing this module builds nothing.
 */
import * as z from "zod/mini";
import { idSchema } from "../../shared/domain/principal";
import { zodMessage } from "../../shared/lib/zod-text";
import { lazySchema } from "./route";

export { idSchema };

/** `{y}`: a year 2000–2100, given in the path as digits. */
export const yearParam = lazySchema(() =>
  z.pipe(
    z.string().check(z.regex(/^\d{4}$/, zodMessage("must be a year such as 2019", "须为四位数年份，如2019"))),
    z.pipe(
      z.transform((v: string) => Number(v)),
      z
        .int()
        .check(
          z.gte(2000, zodMessage("must be 2000–2100", "须在2000至2100之间")),
          z.lte(2100, zodMessage("must be 2000–2100", "须在2000至2100之间")),
        ),
    ),
  ),
);

export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const limitQuery = lazySchema(() =>
  z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,4}$/, zodMessage("must be a whole number", "须为整数"))),
      z.pipe(
        z.transform((v: string) => Number(v)),
        z.int().check(z.gte(1), z.lte(1000)),
      ),
    ),
  ),
);

export const cursorQuery = lazySchema(() => z.optional(z.string().check(z.maxLength(2048))));

export const versionField = lazySchema(() => z.int().check(z.gte(1)));

export const problemSchema = lazySchema(() =>
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
);
