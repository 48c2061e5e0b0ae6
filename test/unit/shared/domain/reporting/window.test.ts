import { describe, expect, it } from "vitest";
import type { Unlock } from "../../../../../shared/data/stores/unlocks";
import { unlockInForceAt } from "../../../../../shared/domain/reporting";

describe("unlockInForceAt", () => {
  const unlock = (until: string): Unlock => ({
    unlockId: until,
    tenantId: "changchun",
    provinceId: "jl",
    year: 2019,
    period: "2019-03",
    reason: "系统故障",
    until,
    unlockedBy: "admin",
    createdAt: "2019-04-12T00:00:00.000Z",
  });

  it("picks the unlock in force that lasts longest, inclusive of its until instant", () => {
    const at = new Date("2019-04-15T00:00:00.000Z");
    const unlocks = [
      unlock("2019-04-14T23:59:59.999Z"),
      unlock("2019-04-15T00:00:00.000Z"),
      unlock("2019-04-16T00:00:00Z"),
    ];
    expect(unlockInForceAt(at, unlocks)?.until).toBe("2019-04-16T00:00:00Z");
    expect(unlockInForceAt(at, unlocks.slice(0, 2))?.until).toBe("2019-04-15T00:00:00.000Z");
    expect(unlockInForceAt(at, unlocks.slice(0, 1))).toBeUndefined();
    expect(unlockInForceAt(at, [])).toBeUndefined();
  });
});
