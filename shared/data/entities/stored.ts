/**
 * What every entity schema is built from. An entity schema (one per stored entity, in this folder)
 * is the entity said once: `z.infer` of it is the stored type, its `parse` turns an item into it
 * (dropping the key and bookkeeping attributes: `pk`, `sk`, `gsi1pk`, `gsi1sk`, `type`), and a
 * response schema can derive from its shape (`…Shape()`). Like the domain's schemas, each is built on
 * first use (`z.lazy`), so importing an entity builds nothing; the module-level schemas and parsers
 * are marked `@__PURE__`, so a bundle drops the entities it never reads. Stores parse with the
 * `parse…` functions (one argument: safe in `map`).
 */
import * as z from "zod/mini";

/**
 * A nested document stored as its domain schema accepted it on the way in (a 400 or 422 if not):
 * a read checks it is an object and does not check it again (the GET path is latency-budgeted).
 */
export function asStored<T extends object>() {
  return z.custom<T>((value) => typeof value === "object" && value !== null);
}

/** A string attribute that may be absent or null (read as null). */
export function nullableString() {
  return z._default(z.nullable(z.string()), null);
}

/** Required string attributes, by name. */
export function strings<const K extends string>(...names: K[]): { [P in K]: z.ZodMiniString<string> } {
  return Object.fromEntries(names.map((name) => [name, z.string()])) as { [P in K]: z.ZodMiniString<string> };
}

/** Optional string attributes, by name. */
export function optionalStrings<const K extends string>(
  ...names: K[]
): { [P in K]: z.ZodMiniOptional<z.ZodMiniString<string>> } {
  return Object.fromEntries(names.map((name) => [name, z.optional(z.string())])) as {
    [P in K]: z.ZodMiniOptional<z.ZodMiniString<string>>;
  };
}

/** Whose a tenant's item of a year is: `tenantId`, `provinceId`, `year`. */
export function tenantYearFields() {
  return { ...strings("tenantId", "provinceId"), year: z.int() };
}

/** How an entity names the audit pair of its versions (`updatedAt`/`updatedBy`, …). */
export interface AuditNames<A extends string, B extends string> {
  at: A;
  by: B;
}

/** `updatedAt`/`updatedBy`: the audit pair as most entities show it. */
export const UPDATED = { at: "updatedAt", by: "updatedBy" } as const;

/** A versioned entity's `version` and audit pair, under the entity's names. */
export function versionFields<const A extends string, const B extends string>(names: AuditNames<A, B>) {
  return { version: z.int(), ...strings<A | B>(names.at, names.by) };
}

/**
 * A versioned entity: its versions store the audit pair once, as `writtenAt`/`writtenBy`
 * (`versioned.ts`), and the entity reads it under its own names, which its shape declares
 * (`versionFields`).
 */
export function versionedEntity<
  const A extends string,
  const B extends string,
  S extends z.core.$ZodLooseShape,
>(names: AuditNames<A, B>, shape: () => S) {
  return z.lazy(() =>
    z.pipe(
      z.transform((item: Record<string, unknown>): unknown => ({
        ...item,
        // (an item written before the pair was stored once still has it under the entity's names)
        [names.at]: item.writtenAt ?? item[names.at],
        [names.by]: item.writtenBy ?? item[names.by],
      })),
      z.object(shape()),
    ),
  );
}

/** An entity's parse as a function of the item alone (safe to hand to `map`, which passes an index too). */
export function itemParser<S extends z.ZodMiniType>(
  entity: S,
): (item: Record<string, unknown>) => z.output<S> {
  return (item) => entity.parse(item);
}
