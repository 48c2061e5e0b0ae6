import { describe, expect, it } from "vitest";
import { isInForce, pickInForce, stampVersions } from "../../../../../shared/domain/subsidies";

type V = {
  id: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  version: number;
  writtenAt: string;
};
const v = (
  id: string,
  effectiveFrom: string,
  effectiveTo: string | null,
  version: number,
  writtenAt = "2019-01-01T00:00:00Z",
): V => ({
  id,
  effectiveFrom,
  effectiveTo,
  version,
  writtenAt,
});

describe("isInForce", () => {
  const item = { effectiveFrom: "2019-03-01", effectiveTo: "2019-06-30" };
  it.each([
    ["2019-02-28", false],
    ["2019-03-01", true],
    ["2019-06-30", true],
    ["2019-07-01", false],
  ])("on %s: %s", (date, expected) => {
    expect(isInForce(item, date)).toBe(expected);
  });

  it("treats an absent or null effectiveTo as open-ended", () => {
    expect(isInForce({ effectiveFrom: "2019-03-01" }, "2099-12-31")).toBe(true);
    expect(isInForce({ effectiveFrom: "2019-03-01", effectiveTo: null }, "2099-12-31")).toBe(true);
  });
});

describe("pickInForce", () => {
  const history = [
    v("a", "2018-01-01", null, 1),
    v("b", "2019-01-01", "2019-12-31", 2),
    v("c", "2020-01-01", null, 3),
  ];

  it("picks the version with the latest effectiveFrom among those in force", () => {
    expect(pickInForce(history, "2018-06-01")?.id).toBe("a");
    expect(pickInForce(history, "2019-06-01")?.id).toBe("b");
    expect(pickInForce(history, "2019-12-31")?.id).toBe("b");
    expect(pickInForce(history, "2020-01-01")?.id).toBe("c");
    expect(pickInForce(history, "2017-12-31")).toBeUndefined();
  });

  it("a raise entered today for next year does not change this year's answer", () => {
    const withFuture = [v("now", "2019-01-01", null, 1), v("next", "2020-01-01", null, 2)];
    expect(pickInForce(withFuture, "2019-12-31")?.id).toBe("now");
    expect(pickInForce(withFuture, "2020-01-01")?.id).toBe("next");
  });

  it("of equal effectiveFrom, the most recently written (highest version) wins, in any order", () => {
    const same = [
      v("v2", "2019-01-01", null, 2),
      v("v3", "2019-01-01", null, 3),
      v("v1", "2019-01-01", null, 1),
    ];
    expect(pickInForce(same, "2019-05-01")?.id).toBe("v3");
    expect(pickInForce([...same].reverse(), "2019-05-01")?.id).toBe("v3");
  });

  it("a later effectiveFrom beats a higher version", () => {
    const versions = [v("older-start", "2019-01-01", null, 5), v("newer-start", "2019-03-01", null, 4)];
    expect(pickInForce(versions, "2019-04-01")?.id).toBe("newer-start");
    expect(pickInForce(versions, "2019-02-01")?.id).toBe("older-start");
  });

  it("an expired later version gives way to an earlier open-ended one", () => {
    const versions = [v("base", "2018-01-01", null, 1), v("temp", "2019-01-01", "2019-03-31", 2)];
    expect(pickInForce(versions, "2019-03-31")?.id).toBe("temp");
    expect(pickInForce(versions, "2019-04-01")?.id).toBe("base");
  });

  it("writtenAt breaks a tie between equal version numbers", () => {
    const versions = [
      v("early", "2019-01-01", null, 1, "2019-01-01T00:00:00Z"),
      v("late", "2019-01-01", null, 1, "2019-02-01T00:00:00Z"),
    ];
    expect(pickInForce(versions, "2019-05-01")?.id).toBe("late");
  });
});

describe("stampVersions", () => {
  it("numbers versions per key in the order given", () => {
    const stamped = stampVersions(
      [{ code: "a" }, { code: "b" }, { code: "a" }],
      (x) => x.code,
      "2019-01-01T00:00:00Z",
    );
    expect(stamped.map((s) => [s.code, s.version])).toEqual([
      ["a", 1],
      ["b", 1],
      ["a", 2],
    ]);
  });
});
