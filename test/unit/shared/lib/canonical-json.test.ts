import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson } from "../../../../shared/lib/canonical-json";

describe("canonical JSON", () => {
  it("sorts keys so the same value always hashes the same", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: "x" }] })).toBe('{"a":[2,{"c":"x","d":1}],"b":1}');
    expect(canonicalHash({ a: 1, b: 2 })).toBe(canonicalHash({ b: 2, a: 1 }));
    expect(canonicalHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
