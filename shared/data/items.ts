/** Helpers for turning stored items back into API objects. */

const INTERNAL = new Set(["pk", "sk", "gsi1pk", "gsi1sk", "type", "expiresAt"]);

/** The item without its key and bookkeeping attributes. */
export function stripKeys<T extends Record<string, unknown>>(
  item: T,
): Omit<T, "pk" | "sk" | "gsi1pk" | "gsi1sk" | "type"> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!INTERNAL.has(key)) out[key] = value;
  return out as Omit<T, "pk" | "sk" | "gsi1pk" | "gsi1sk" | "type">;
}
