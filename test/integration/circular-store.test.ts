/**
 * The circular workflow is enforced by condition expressions, not only by the service's checks:
 * these tests call the store directly (no application check in front) and every write that the
 * circular's state forbids is refused by DynamoDB itself.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../shared/data/client";
import {
  approveDraft,
  findCircular,
  type PublishRequest,
  publishApproved,
  publishedCircularOfYear,
  putNewCircular,
  type StoredCircular,
  updateDraftDocument,
} from "../../shared/data/stores/circulars";
import { putRulebook } from "../../shared/data/stores/rulebooks";
import { buildCircularDocument, circularSha256 } from "../../shared/domain/circular";
import { rulebookSchema } from "../../shared/domain/rulebook";
import { ConflictError, PreconditionFailedError } from "../../shared/lib/errors";
import { jilinInput } from "../support/circular/jilin-2019-input";
import { testDb } from "../support/db";
import { loadFixture } from "../support/fixture";

const P = "jl";
const Y = 2019;
const AT = "2020-04-16T02:00:00.000Z";

let db: Db;

function draft(circularId: string, extra: Partial<StoredCircular> = {}): StoredCircular {
  const document = buildCircularDocument(jilinInput({ circularId }));
  return {
    circularId,
    provinceId: P,
    year: Y,
    status: "draft",
    version: 1,
    runId: "run0000000001",
    rulebookVersion: 1,
    documentNo: document.documentNo,
    document,
    scores: [],
    supersedes: null,
    createdBy: "admin-1",
    createdAt: AT,
    updatedBy: "admin-1",
    updatedAt: AT,
    ...extra,
  };
}

/** Edit `c`'s document as admin-1, expecting `expectedVersion`. */
const editDraft = (c: StoredCircular, expectedVersion: number, document = c.document) =>
  updateDraftDocument(db, {
    provinceId: P,
    circularId: c.circularId,
    expectedVersion,
    document,
    at: AT,
    by: "admin-1",
  });

/** Approve `c` as `by`, expecting `expectedVersion`. */
const approveAsOf = (c: StoredCircular, expectedVersion: number, by: string) =>
  approveDraft(db, { provinceId: P, circularId: c.circularId, expectedVersion, at: AT, by });

const publish = (c: StoredCircular, extra: Partial<PublishRequest> = {}): Promise<StoredCircular> =>
  publishApproved(db, {
    provinceId: P,
    year: Y,
    circularId: c.circularId,
    expectedVersion: c.version,
    documentNo: c.documentNo,
    sha256: circularSha256(c.document),
    publishedAt: AT,
    by: "admin-1",
    rulebookVersion: 1,
    supersedes: c.supersedes,
    ...extra,
  });

beforeAll(async () => {
  db = await testDb("circulars");
  const rulebook = rulebookSchema.parse(loadFixture().rulebook);
  await putRulebook(db, { provinceId: P, year: Y, rulebook, ifMatch: undefined, at: AT, by: "seed" });
});

describe("circular conditions in DynamoDB", () => {
  let circular: StoredCircular;

  it("a draft: stale versions are 412, the creator's approval and any publish are refused", async () => {
    circular = draft("circ000000001");
    await putNewCircular(db, circular);
    await expect(putNewCircular(db, circular)).rejects.toBeInstanceOf(ConflictError);

    const edit = { ...circular.document, closing: "改。" };
    const stale = { provinceId: P, circularId: circular.circularId, document: edit, at: AT, by: "admin-1" };
    await expect(updateDraftDocument(db, { ...stale, expectedVersion: 9 })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    circular = await updateDraftDocument(db, { ...stale, expectedVersion: 1 });
    expect(circular).toMatchObject({ version: 2, status: "draft" });
    expect(circular.document.closing).toBe("改。");

    const approval = { provinceId: P, circularId: circular.circularId, expectedVersion: 2, at: AT };
    await expect(approveDraft(db, { ...approval, by: "admin-1" })).rejects.toThrow(/creator/);
    await expect(publish(circular)).rejects.toBeInstanceOf(ConflictError);
    expect((await findCircular(db, P, circular.circularId))?.status).toBe("draft");
  });

  it("an approved circular: no more edits or approvals; publishing needs the run's rulebook version", async () => {
    circular = await approveDraft(db, {
      provinceId: P,
      circularId: circular.circularId,
      expectedVersion: 2,
      at: AT,
      by: "admin-2",
    });
    expect(circular).toMatchObject({ status: "approved", version: 3, approvedBy: "admin-2" });
    await expect(editDraft(circular, 3)).rejects.toBeInstanceOf(ConflictError);
    await expect(approveAsOf(circular, 3, "admin-3")).rejects.toBeInstanceOf(ConflictError);
    await expect(publish(circular, { rulebookVersion: 2 })).rejects.toThrow(/rulebook changed/);
    await expect(publish(circular, { expectedVersion: 2 })).rejects.toBeInstanceOf(ConflictError);
    expect(await publishedCircularOfYear(db, P, Y)).toBeUndefined();
  });

  it("a published circular: hash and public keys stored, year frozen, and nothing can change it", async () => {
    const published = await publish(circular);
    expect(published).toMatchObject({
      status: "published",
      version: 4,
      sha256: circularSha256(circular.document),
    });
    expect(await publishedCircularOfYear(db, P, Y)).toBe(circular.circularId);

    await expect(editDraft(circular, 4, { ...circular.document, closing: "篡改。" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(approveAsOf(circular, 4, "admin-2")).rejects.toBeInstanceOf(ConflictError);
    await expect(publish(published)).rejects.toBeInstanceOf(ConflictError);

    const rulebook = rulebookSchema.parse(loadFixture().rulebook);
    await expect(
      putRulebook(db, {
        provinceId: P,
        year: Y,
        rulebook,
        ifMatch: { kind: "version", version: 1 },
        at: AT,
        by: "admin-1",
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    const after = await findCircular(db, P, circular.circularId);
    expect(after?.document).toEqual(circular.document);
    expect(after?.sha256).toBe(circularSha256(circular.document));
  });

  it("another circular of the year publishes only as a correction of the current one", async () => {
    const rival = { ...draft("circ000000002"), status: "approved" as const };
    await putNewCircular(db, rival);
    await expect(publish(rival)).rejects.toThrow(/supersedes/);

    const correction = {
      ...draft("circ000000003", { supersedes: circular.circularId }),
      status: "approved" as const,
    };
    await putNewCircular(db, correction);
    const done = await publish(correction);
    expect(done.status).toBe("published");
    expect((await findCircular(db, P, circular.circularId))?.supersededBy).toBe("circ000000003");
    expect(await publishedCircularOfYear(db, P, Y)).toBe("circ000000003");

    const second = {
      ...draft("circ000000004", { supersedes: circular.circularId }),
      status: "approved" as const,
    };
    await putNewCircular(db, second);
    await expect(publish(second)).rejects.toBeInstanceOf(ConflictError);
    expect((await findCircular(db, P, "circ000000004"))?.status).toBe("approved");
  });
});
