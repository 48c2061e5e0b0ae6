import { describe, expect, it } from "vitest";
import { authenticatedContext, readAuthentication } from "../../../functions/http/auth-context";
import type { Principal } from "../../../shared/domain/principal";

const city: Principal = {
  sub: "u-1",
  role: "city-reporter",
  provinceId: "jl",
  tenantId: "changchun",
  kind: "user",
};

const withContext = (lambda: unknown) => ({ authorizer: { lambda } });

describe("readAuthentication", () => {
  it("reads the principal the authorizer serialized, the same on every read", () => {
    const context = withContext(authenticatedContext(city));
    const first = readAuthentication(context);
    const second = readAuthentication(withContext(authenticatedContext(city)));
    expect(first).toEqual({ kind: "principal", principal: city });
    expect(second).toEqual(first);
  });

  it("hands out principals nobody can change for the next request", () => {
    const read = readAuthentication(withContext(authenticatedContext(city)));
    if (read.kind !== "principal") throw new Error("expected a principal");
    expect(() => {
      (read.principal as { tenantId?: string }).tenantId = "jilin";
    }).toThrow(TypeError);
    const again = readAuthentication(withContext(authenticatedContext(city)));
    expect(again).toEqual({ kind: "principal", principal: city });
  });

  it("refuses a principal that is not JSON or breaks the schema, even after good ones were read", () => {
    readAuthentication(withContext(authenticatedContext(city)));
    expect(readAuthentication(withContext({ outcome: "authenticated", principal: "{not json" }))).toEqual({
      kind: "refused",
      reason: "unreadable principal",
    });
    const bad = JSON.stringify({ ...city, role: "emperor" });
    expect(readAuthentication(withContext({ outcome: "authenticated", principal: bad }))).toEqual({
      kind: "refused",
      reason: "unreadable principal",
    });
    const extra = JSON.stringify({ ...city, admin: true });
    expect(readAuthentication(withContext({ outcome: "authenticated", principal: extra }))).toMatchObject({
      kind: "refused",
    });
  });

  it("keeps working past the cache bound", () => {
    for (let i = 0; i < 1200; i++) {
      const principal: Principal = { ...city, sub: `u-${i}` };
      expect(readAuthentication(withContext(authenticatedContext(principal)))).toEqual({
        kind: "principal",
        principal,
      });
    }
  });

  it("reads the other verdicts and treats anything malformed as a refusal", () => {
    expect(readAuthentication({})).toEqual({ kind: "anonymous" });
    expect(readAuthentication(withContext({ outcome: "unavailable" }))).toEqual({ kind: "unavailable" });
    expect(readAuthentication(withContext({ outcome: "rate-limited", retryAfter: "7" }))).toEqual({
      kind: "rate-limited",
      retryAfterSeconds: 7,
    });
    expect(readAuthentication(withContext({ outcome: "granted" }))).toMatchObject({ kind: "refused" });
  });
});
