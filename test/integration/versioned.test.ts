/**
 * Versioned writes on a real DynamoDB Local: the current item and its version item are written
 * together, and of concurrent writers with the same If-Match exactly one wins.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../shared/data/client";
import { keys } from "../../shared/data/keys";
import { queryPrefix } from "../../shared/data/queries";
import { readCurrent, writeVersioned } from "../../shared/data/versioned";
import { PreconditionFailedError, PreconditionRequiredError } from "../../shared/lib/errors";
import { testDb } from "../support/db";

let db: Db;
beforeAll(async () => {
  db = await testDb("versioned");
});

const write = (data: Record<string, unknown>, ifMatch?: number) =>
  writeVersioned({
    db,
    current: keys.highlights("t1", 2019),
    versionKey: (v) => keys.highlightsVersion("t1", 2019, v),
    type: "Highlights",
    versionType: "HighlightsVersion",
    data,
    ifMatch: ifMatch === undefined ? undefined : { kind: "version", version: ifMatch },
    requireIfMatch: true,
    writtenAt: "2019-03-01T00:00:00.000Z",
    writtenBy: "tester",
  });

describe("writeVersioned", () => {
  it("creates version 1, then needs If-Match to replace it", async () => {
    const first = await write({ employment: "a" });
    expect(first).toMatchObject({ version: 1, created: true });
    await expect(write({ employment: "b" })).rejects.toBeInstanceOf(PreconditionRequiredError);
    await expect(write({ employment: "b" }, 7)).rejects.toBeInstanceOf(PreconditionFailedError);
    const second = await write({ employment: "b" }, 1);
    expect(second).toMatchObject({ version: 2, created: false });
    const current = await readCurrent(db, keys.highlights("t1", 2019));
    expect(current).toMatchObject({ employment: "b", version: 2 });
  });

  it("lets exactly one of many concurrent writers with the same If-Match win, losing no version", async () => {
    const before = await readCurrent(db, keys.highlights("t1", 2019));
    const version = Number(before?.version);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => write({ employment: `writer ${i}` }, version)),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o) => o.status === "rejected");
    expect(won).toHaveLength(1);
    for (const loss of lost)
      expect((loss as PromiseRejectedResult).reason).toBeInstanceOf(PreconditionFailedError);
    const versions = await queryPrefix(db, "TENANT#t1", "HIGHLIGHTSV#2019#", { consistent: true });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const current = await readCurrent(db, keys.highlights("t1", 2019));
    expect(current?.employment).toBe(versions.at(-1)?.employment);
  });
});
