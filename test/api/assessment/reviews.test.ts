/**
 * Reviews over HTTP: written by reviewers and admins against the rulebook, versioned, and the
 * province's only.
 */
import { describe, expect, it } from "vitest";
import { fixture, YEAR } from "../../support/assessment-data";
import { as, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";

useAssessmentStack();

describe("reviews", () => {
  const review = fixture.reviews.changchun;

  it("are written by reviewers and admins, checked against the rulebook, versioned", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/reviews/changchun`;
    const first = await t.call("PUT", path, { ...as("jl/province-reviewer"), body: review });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      tenantId: "changchun",
      version: 1,
      reviewedBy: "province-reviewer@jl",
    });
    expect(first.body.items).toEqual(review?.items);

    const tooHigh = await t.call<Problem>("PUT", path, {
      ...as("jl/province-reviewer"),
      body: { ...review, items: { ...review?.items, info_system_use: 10.5, unknown_item: 1 } },
      ifMatch: 1,
    });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.errors?.map((e) => e.path)).toEqual([
      "body.items.info_system_use",
      "body.items.unknown_item",
    ]);

    const badShape = await t.call<Problem>("PUT", path, {
      ...as("jl/province-reviewer"),
      body: { items: {}, bonuses: [{ points: 0, reason: "x" }], deductions: [{ points: 1 }], veto: {} },
      ifMatch: 1,
    });
    expect(badShape.status).toBe(400);
    expect(badShape.body.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.bonuses[0].points", "body.deductions[0].reason", "body.veto.reason"]),
    );

    expect((await t.call("PUT", path, { ...as("jl/province-admin"), body: review })).status).toBe(428);
    const vetoed = { ...review, veto: { reason: "发生重大就业领域群体性事件" } };
    const second = await t.call("PUT", path, { ...as("jl/province-admin"), body: vetoed, ifMatch: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, reviewedBy: "province-admin@jl", veto: vetoed.veto });

    const read = await t.call("GET", path, as("jl/province-admin"));
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"2"');
    const noRulebook = await t.call("PUT", "/v1/provinces/jl/years/2024/reviews/changchun", {
      ...as("jl/province-reviewer"),
      body: review,
    });
    expect(noRulebook.status).toBe(422);
  });

  it("are the province's: cities and keys can neither write nor read them", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/reviews/jilin`;
    for (const label of ["jilin/city-admin", "jilin/key", "ln/province-reviewer"]) {
      expect((await t.call("PUT", path, { ...as(label), body: review })).status, label).toBe(403);
      expect(
        (await t.call("GET", `/v1/provinces/jl/years/${YEAR}/reviews/changchun`, as(label))).status,
        label,
      ).toBe(403);
    }
  });
});
