/**
 * fast-check arbitraries from the JSON Schemas the route table's zod schemas produce: mostly
 * valid values, so requests reach the handlers, mixed with wrong types, unknown fields and
 * arbitrary JSON, so the validation edges are hit too.
 */
import fc from "fast-check";

type Schema = Record<string, unknown>;

const MAX_ITEMS = 4;

export function arbitraryFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => arbitraryFor(v, depth + 1)));
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t }, depth + 1)));
  switch (type) {
    case "object":
      return objectArbitrary(schema, depth);
    case "array": {
      const min = Number(schema.minItems ?? 0);
      const max = Math.max(min, Math.min(Number(schema.maxItems ?? MAX_ITEMS), MAX_ITEMS));
      return fc.array(arbitraryFor(schema.items as Schema | undefined, depth + 1), {
        minLength: min,
        maxLength: max,
      });
    }
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return fc.integer({
        min: Math.ceil(Number(schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000)),
        max: Math.floor(Number(schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000)),
      });
    case "number": {
      const min = Number(schema.minimum ?? schema.exclusiveMinimum ?? -1e6);
      const max = Number(schema.maximum ?? schema.exclusiveMaximum ?? 1e6);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const names = Object.keys(properties);
  if (names.length > 0) {
    const required = new Set((schema.required ?? []) as string[]);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const name of names) model[name] = arbitraryFor(properties[name], depth + 1);
    return fc.record(model, { requiredKeys: names.filter((n) => required.has(n)) });
  }
  const values = schema.additionalProperties;
  if (values && typeof values === "object") {
    const keys = schema.propertyNames
      ? stringArbitrary(schema.propertyNames as Schema)
      : fc.string({ maxLength: 12 });
    return fc.dictionary(keys as fc.Arbitrary<string>, arbitraryFor(values as Schema, depth + 1), {
      maxKeys: MAX_ITEMS,
    });
  }
  return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  const format = schema.format;
  if (format === "date")
    return fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (format === "date-time")
    return fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (typeof schema.pattern === "string") {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= Number(schema.maxLength ?? 200));
    } catch {
      // fall through to plain strings
    }
  }
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), 40));
  return fc.string({ minLength, maxLength, unit: "grapheme" });
}

/** Valid-looking values most of the time, broken ones the rest. */
export function fuzzArbitrary(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const valid = arbitraryFor(schema);
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.string({ maxLength: 10 })).map(([v, k]) => addField(v, `x_${k}`)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, 0, "", [], {}, "null", -1, 1e308, "😀".repeat(50)) },
  );
}

function addField(value: unknown, key: string): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) return { ...value, [key]: 1 };
  return value;
}
