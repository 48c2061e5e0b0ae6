import { afterEach, describe, expect, it } from "vitest";
import { setNow } from "../../../../shared/lib/clock";
import { sortableId } from "../../../../shared/lib/ids";

afterEach(() => setNow(null));

describe("sortable ids", () => {
  it("sort in creation order even under a fixed clock or one set back", () => {
    setNow("2023-01-05T00:00:00Z");
    const ids = Array.from({ length: 50 }, () => sortableId());
    setNow("2020-01-01T00:00:00Z");
    ids.push(sortableId(), sortableId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{17}$/);
  });
});
