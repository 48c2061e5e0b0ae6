import { describe, expect, it } from "vitest";
import { periodsOfYear } from "../../../../../shared/domain/reporting";

const unlock = (period: string, until: string, reason = "补报") => ({
  period,
  until,
  reason,
  unlockedBy: "admin@jl",
});

describe("periodsOfYear", () => {
  const base = { year: 2019, deadlineDay: 5, reports: [], unlocks: [] };

  it("gives twelve periods with their windows and the state at now", () => {
    const periods = periodsOfYear({ ...base, now: new Date("2019-07-04T12:00:00+08:00") });
    expect(periods.map((p) => p.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, "0")}`),
    );
    expect(periods[5]).toMatchObject({ period: "2019-06", state: "open", deadlineDate: "2019-07-05" });
    expect(periods[5]?.closesAt).toBe("2019-07-05T16:00:00.000Z");
    expect(periods[4]?.state).toBe("locked");
    expect(periods[6]?.state).toBe("open");
    expect(periods[7]?.state).toBe("notYetOpen");
    expect(periods.every((p) => !p.reported && p.unlock === null)).toBe(true);
  });

  it("takes the longest unlock in force for a locked period and ignores expired ones", () => {
    const now = new Date("2019-07-04T12:00:00+08:00");
    const periods = periodsOfYear({
      ...base,
      now,
      unlocks: [
        unlock("2019-03", "2019-07-06T00:00:00+08:00", "短"),
        unlock("2019-03", "2019-07-20T00:00:00+08:00", "长"),
        unlock("2019-02", "2019-07-01T00:00:00+08:00"),
      ],
    });
    expect(periods[2]).toMatchObject({ state: "late", unlock: { reason: "长" } });
    expect(periods[1]).toMatchObject({ state: "locked", unlock: null });
  });

  it("reports the latest version's facts", () => {
    const periods = periodsOfYear({
      ...base,
      now: new Date("2019-07-04T12:00:00+08:00"),
      reports: [
        {
          period: "2019-06",
          version: 3,
          submittedAt: "2019-07-02T01:00:00.000Z",
          submittedBy: "a",
          late: false,
        },
      ],
    });
    expect(periods[5]).toMatchObject({ reported: true, version: 3, submittedBy: "a", late: false });
    expect(periods[4]).toMatchObject({ reported: false, version: null });
  });
});
