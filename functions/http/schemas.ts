/**
 * Schemas shared by many routes: path parameters, pagination, problem bodies. Like every route
 * schema, each is built on first use (`lazySchema`), so importing this module builds nothing.
 */
import * as z from "zod/mini";
import { idSchema } from "../../shared/domain/principal";
import { multiLineText, singleLineText } from "../../shared/lib/safe-text";
import { zodMessage } from "../../shared/lib/zod-text";
import { lazySchema } from "./route";

export { idSchema };

/** `{y}`: a year 2000–2100, given in the path as digits. */
export const yearParam = lazySchema(() =>
  z.pipe(
    z
      .string()
      .check(
        z.regex(
          /^(20\d\d|2100)$/,
          zodMessage("must be a year 2000–2100 such as 2019", "须为2000至2100之间的四位数年份，如2019"),
        ),
      ),
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

/** `{p}`: the path of a province's own resources. */
export const provinceParams = lazySchema(() => z.strictObject({ p: idSchema }));
/** `{t}`: the path of a tenant's own resources. */
export const tenantParams = lazySchema(() => z.strictObject({ t: idSchema }));

/** A one-line text field (NFC, no control or bidi characters; shared/lib/safe-text.ts). */
export const text = (max: number) => singleLineText(max);

/** A multi-line text field: line feeds and tabs allowed. */
export const paragraph = (max: number) => multiLineText(max);

export const limitQuery = lazySchema(() =>
  z.optional(
    z.pipe(
      z
        .string()
        .check(
          z.regex(
            /^([1-9]\d{0,2}|1000)$/,
            zodMessage("must be a whole number 1–1000", "须为1至1000之间的整数"),
          ),
        ),
      z.pipe(
        z.transform((v: string) => Number(v)),
        z.int().check(z.gte(1), z.lte(1000)),
      ),
    ),
  ),
);

/** An opaque cursor from the same list's `nextCursor` (shared/data/cursors.ts). */
export const cursorQuery = lazySchema(() =>
  z.optional(
    z
      .string()
      .check(
        z.maxLength(2048),
        z.regex(
          /^[A-Za-z0-9_-]+$/,
          zodMessage("must be the nextCursor of a page of this list", "须为本列表上一页返回的 nextCursor"),
        ),
      ),
  ),
);

/** A time-sortable lowercase base-36 id (`sortableId`), e.g. a circular's or a scoring run's. */
function sortableIdSchema(notOne: string) {
  return lazySchema(() =>
    z
      .string()
      .check(z.regex(/^[0-9a-z]{6,64}$/, zodMessage(notOne, "格式不正确（应为6至64位小写字母或数字）"))),
  );
}

export const circularIdSchema = sortableIdSchema("not a circular id");
export const runIdSchema = sortableIdSchema("not a scoring run id");

/** A SHA-256 digest in hex. */
export const sha256Hex = lazySchema(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)));

export const versionField = lazySchema(() => z.int().check(z.gte(1)));

/**
 * Who did something and when (ISO-8601): `stamp("created")` is `{ createdBy, createdAt }`, fields to
 * spread into an object inside a lazy builder.
 */
export function stamp<A extends string>(action: A) {
  return { [`${action}By`]: z.string(), [`${action}At`]: z.string() } as Record<
    `${A}By` | `${A}At`,
    z.ZodMiniString
  >;
}

/** A stamp of something that may not have happened yet (`approved`, `published`). */
export function optionalStamp<A extends string>(action: A) {
  return { [`${action}By`]: z.optional(z.string()), [`${action}At`]: z.optional(z.string()) } as Record<
    `${A}By` | `${A}At`,
    z.ZodMiniOptional<z.ZodMiniString>
  >;
}

/** `?limit=&cursor=` of a paginated list. */
export const pageQuery = lazySchema(() => z.strictObject({ limit: limitQuery, cursor: cursorQuery }));

/** A page of a paginated list: its items under `key`, and the cursor of the next page (null on the last). */
export function pageOf<K extends string, T extends z.ZodMiniType>(key: K, item: T) {
  return lazySchema(() =>
    z.object({ [key]: z.array(item), nextCursor: z.nullable(z.string()) } as Record<K, z.ZodMiniArray<T>> & {
      nextCursor: z.ZodMiniNullable<z.ZodMiniString>;
    }),
  );
}

/** A response listing items under one key, e.g. `listOf("reviews", review)` is `{ reviews: [review, …] }`. */
export function listOf<K extends string, T extends z.ZodMiniType>(key: K, item: T) {
  return lazySchema(() => z.object({ [key]: z.array(item) } as Record<K, z.ZodMiniArray<T>>));
}

/**
 * A response's fields from a stored entity's shape (`shared/data/entities/`): without the fields
 * the API keeps to itself, and `version` as the API declares it (≥ 1).
 */
export function storedFields<S extends Record<string, z.ZodMiniType>, K extends keyof S = never>(
  shape: S,
  omit: readonly K[] = [],
): Omit<S, K> {
  const fields: Record<string, z.ZodMiniType> = { ...shape };
  for (const key of omit) delete fields[key as string];
  if ("version" in fields) fields.version = versionField;
  return fields as Omit<S, K>;
}

/**
 * A problem (RFC 9457). Field errors may carry facts a client can act on besides `path` and
 * `message` (e.g. a refused top-up's baseline and limit), and a problem may carry extensions
 * (`requestId` on a 5xx, a 422's details): both are open objects.
 */
export const problemSchema = lazySchema(() =>
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int().check(z.gte(400), z.lte(599)),
    detail: z.string(),
    instance: z.optional(z.string()),
    requestId: z.optional(z.string()),
    errors: z.optional(
      z.array(
        z.looseObject({
          /** where: `body.x`, `query.y`, `path.z`, `headers.if-match` */
          path: z.string(),
          message: z.string(),
          code: z.optional(z.string()),
          name: z.optional(z.string()),
        }),
      ),
    ),
  }),
);
