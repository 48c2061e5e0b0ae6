/**
 * What every entity schema is built from. An entity schema (one per stored entity, in this folder)
 * is the entity said once: `z.infer` of it is the stored type, its `parse` turns an item into it
 * (dropping the key and bookkeeping attributes: `pk`, `sk`, `gsi1pk`, `gsi1sk`, `type`), and a
 * response schema can derive from its shape. Like the domain's schemas, each is built on first use
 * (`z.lazy`), so importing an entity builds nothing.
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

/**
 * The audit pair of a version is stored once, as `writtenAt`/`writtenBy` (`versioned.ts`); an
 * entity shows it under its own names — `{ at: "updatedAt", by: "updatedBy" }` — and its shape
 * declares those.
 */
export function withAuditAs<S extends z.ZodMiniType>(names: { at: string; by: string }, entity: S) {
  return z.pipe(
    z.transform((item: Record<string, unknown>): unknown => ({
      ...item,
      // (an item written before the pair was stored once still has it under the entity's names)
      [names.at]: item.writtenAt ?? item[names.at],
      [names.by]: item.writtenBy ?? item[names.by],
    })),
    entity,
  );
}

/** `updatedAt`/`updatedBy`: the audit pair as most entities show it. */
export const UPDATED = { at: "updatedAt", by: "updatedBy" } as const;

/** An entity's parse as a function of the item alone (safe to hand to `map`, which passes an index too). */
export function itemParser<S extends z.ZodMiniType>(
  entity: S,
): (item: Record<string, unknown>) => z.output<S> {
  return (item) => entity.parse(item);
}
