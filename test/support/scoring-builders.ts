/** Small builders for scoring tests: a compact rulebook and tenants. */
import type { Review } from "../../shared/domain/review";
import { type Rulebook, rulebookSchema } from "../../shared/domain/rulebook";
import type { ScoringInput, ScoringTenantInput, TenantResult } from "../../shared/domain/scoring";

export const YEAR = 2019;

/** One ratio indicator "jobs" (weight 60) and one ceiling indicator "rate" (weight 20, tolerance 0.5); one review item "review" (max 20). */
export function rulebook(overrides: Partial<Rulebook> = {}): Rulebook {
  return rulebookSchema.parse({
    documentNo: "测试〔2020〕1号",
    title: "测试细则",
    indicators: [
      { code: "jobs", name: "新增就业", unit: "人", weight: 60, method: "ratio" },
      { code: "rate", name: "失业率", unit: "%", weight: 20, method: "ceiling", tolerance: 0.5 },
    ],
    reviewItems: [{ code: "review", name: "评审", maxScore: 20 }],
    bonusMax: 3,
    deductionMax: 10,
    grades: [
      { name: "优秀", minScore: 90 },
      { name: "良好", minScore: 80 },
      { name: "合格", minScore: 60 },
      { name: "不合格", minScore: 0 },
    ],
    reportingDeadlineDay: 10,
    ...overrides,
  });
}

export function review(items: Record<string, number>, extra: Partial<Review> = {}): Review {
  return { items, bonuses: [], deductions: [], ...extra };
}

/**
 * A tenant whose year-end report gives the jobs indicator `jobs` against a target of 100 and the
 * rate on target, so with `reviewScore` its total is `0.6 × jobs + 20 + reviewScore` (jobs ≤ 100).
 */
export function tenant(
  tenantId: string,
  displayOrder: number,
  jobs: number,
  reviewScore: number,
  extra: Partial<Review> = {},
): ScoringTenantInput {
  return {
    tenantId,
    displayOrder,
    targets: { jobs: 100, rate: 4 },
    reports: { [`${YEAR}-12`]: { jobs, rate: 4 } },
    review: review({ review: reviewScore }, extra),
  };
}

export function input(tenants: ScoringTenantInput[], rb: Rulebook = rulebook()): ScoringInput {
  return { year: YEAR, rulebook: rb, tenants };
}

export function byId(results: TenantResult[], tenantId: string): TenantResult {
  const r = results.find((x) => x.tenantId === tenantId);
  if (!r) throw new Error(`no result for ${tenantId}`);
  return r;
}
