/**
 * The scoring engine: one year's explained scores, ranks and grades for every tenant with targets.
 * Pure and deterministic: the same input (in any tenant order) always gives deep-equal results.
 */
import { type Decimal, exact2, fixed, max, sum, ZERO } from "../../lib/decimal";
import { applyQuotas, compareForRank, gradeIndexForTotal } from "./grading";
import { bonusLine, deductionLine, indicatorLine, reviewLine, vetoLine } from "./lines";
import type { Line, ScoringInput, ScoringTenantInput, TenantResult } from "./types";

interface Scored {
  tenant: ScoringTenantInput;
  total: Decimal;
  indicatorPoints: Decimal;
  reviewPoints: Decimal;
  bonusPoints: Decimal;
  deductionPoints: Decimal;
  vetoed: boolean;
  lines: Line[];
}

function scoreTenant(input: ScoringInput, tenant: ScoringTenantInput): Scored {
  const { rulebook, year } = input;
  const indicators = rulebook.indicators.map((ind) => indicatorLine(ind, tenant, year));
  const reviews = (rulebook.reviewItems ?? []).map((item) => reviewLine(item, tenant.review));
  const bonus = bonusLine(rulebook, tenant.review);
  const deduction = deductionLine(rulebook, tenant.review);
  const veto = vetoLine(tenant.review);

  const indicatorPoints = sum(indicators.map((l) => l.points));
  const reviewPoints = sum(reviews.map((l) => l.points));
  const raw = indicatorPoints.plus(reviewPoints).plus(bonus.points).minus(deduction.points);
  // exact, not rounded (shared/domain/scoring/scoring.md): ranks and grades compare the exact total
  const total = max(ZERO, raw);

  const lines: Line[] = [
    ...indicators.map((l) => l.line),
    ...reviews.map((l) => l.line),
    bonus.line,
    deduction.line,
    ...(veto ? [veto] : []),
  ];
  return {
    tenant,
    total,
    indicatorPoints,
    reviewPoints,
    bonusPoints: bonus.points,
    deductionPoints: deduction.points,
    vetoed: veto !== null,
    lines,
  };
}

/**
 * Scores every tenant of the input (`shared/domain/scoring/scoring.md`): lines, total, rank, grade, vetoes and quotas.
 * Returns the results sorted by rank (1 first). Throws on duplicate tenant ids or a rulebook
 * without grades (the rulebook is assumed to have passed `rulebookSchema`).
 */
export function scoreYear(input: ScoringInput): TenantResult[] {
  const { grades } = input.rulebook;
  const lastGrade = grades.length - 1;
  if (lastGrade < 0) throw new RangeError("the rulebook has no grades");
  const ids = new Set<string>();
  for (const t of input.tenants) {
    if (ids.has(t.tenantId)) throw new RangeError(`duplicate tenant '${t.tenantId}'`);
    ids.add(t.tenantId);
  }

  const ranked = input.tenants
    .map((tenant) => scoreTenant(input, tenant))
    .sort((a, b) =>
      compareForRank(
        { ...a, tenantId: a.tenant.tenantId, displayOrder: a.tenant.displayOrder },
        { ...b, tenantId: b.tenant.tenantId, displayOrder: b.tenant.displayOrder },
      ),
    );

  const byScore = ranked.map((s) => gradeIndexForTotal(grades, s.total));
  const afterVeto = ranked.map((s, i) => (s.vetoed ? lastGrade : (byScore[i] ?? lastGrade)));
  const afterQuota = applyQuotas(afterVeto, grades, input.rulebook.gradeQuotas);

  const gradeName = (index: number | undefined): string => {
    const grade = grades[index ?? lastGrade] ?? grades[lastGrade];
    if (!grade) throw new RangeError("the rulebook has no grades");
    return grade.name;
  };

  return ranked.map((s, i): TenantResult => {
    const movedByQuota = afterQuota[i] !== afterVeto[i];
    const total = fixed(s.total);
    const exactTotal = exact2(s.total);
    return {
      tenantId: s.tenant.tenantId,
      displayOrder: s.tenant.displayOrder,
      total,
      ...(exactTotal !== total ? { exactTotal } : {}),
      indicatorPoints: exact2(s.indicatorPoints),
      reviewPoints: exact2(s.reviewPoints),
      bonusPoints: exact2(s.bonusPoints),
      deductionPoints: exact2(s.deductionPoints),
      rank: i + 1,
      grade: gradeName(afterQuota[i]),
      ...(movedByQuota ? { gradeByScore: gradeName(byScore[i]), movedByQuota: true } : {}),
      vetoed: s.vetoed,
      lines: s.lines,
    };
  });
}
