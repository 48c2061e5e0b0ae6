/**
 * A run's inputs: the year's rulebook, targets, reports and reviews gathered with the version of
 * each, frozen in a canonical form (`inputsHash` is the SHA-256 of their canonical JSON, no run id or
 * time inside), and the engine's input made from them.
 */
import type { Db } from "../../data/client";
import { readScoringSources } from "../../data/stores/scoring-inputs";
import type { Review } from "../../domain/review";
import type { Rulebook } from "../../domain/rulebook";
import type { ScoringInput } from "../../domain/scoring";
import { BusinessRuleError } from "../../lib/errors";

/** One tenant's inputs as frozen in a run: every value with the version of the item it came from. */
export interface RunTenantInput {
  tenantId: string;
  name: string;
  authorityName: string;
  displayOrder: number;
  targets: { version: number; values: Record<string, number> };
  /** the latest version of every reported period of the year, in period order */
  reports: Array<{ period: string; version: number; values: Record<string, number> }>;
  /** null: not reviewed (every review item scores 0, flagged missing) */
  review: (Review & { version: number }) | null;
}

/** The canonical inputs of a run; `inputsHash` is the SHA-256 of their canonical JSON. */
export interface RunInputs {
  provinceId: string;
  year: number;
  rulebook: { version: number; rulebook: Rulebook };
  /** tenants with targets for the year, sorted by tenantId */
  tenants: RunTenantInput[];
}

export interface InputVersions {
  rulebook: number;
  tenants: Array<{
    tenantId: string;
    targets: number;
    reports: Record<string, number>;
    review: number | null;
  }>;
}

const byId = (a: { tenantId: string }, b: { tenantId: string }) =>
  a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;

/**
 * The year's inputs, read with a constant number of requests: the current rulebook, every
 * tenant that has targets for the year, their latest reports and their reviews.
 */
export async function gatherRunInputs(db: Db, provinceId: string, year: number): Promise<RunInputs> {
  const sources = await readScoringSources(db, provinceId, year);
  if (!sources.rulebook) {
    throw new BusinessRuleError({
      en: `there is no ${year} rulebook to score with; PUT the rulebook first`,
      zh: `${year}年度考评细则尚未发布，无法考评打分，请先发布考评细则。`,
    });
  }
  const tenants = new Map(sources.tenants.map((t) => [t.tenantId, t]));
  const reports = new Map<string, RunTenantInput["reports"]>();
  const periodPattern = new RegExp(`^${year}-(0[1-9]|1[0-2])$`);
  for (const report of sources.reports) {
    if (!periodPattern.test(report.period)) continue;
    const list = reports.get(report.tenantId) ?? [];
    list.push({ period: report.period, version: report.version, values: report.values });
    reports.set(report.tenantId, list);
  }
  const reviews = new Map(sources.reviews.map((r) => [r.tenantId, r]));

  const scored: RunTenantInput[] = [];
  for (const targets of sources.targets) {
    const tenant = tenants.get(targets.tenantId);
    // Targets are only ever set for a tenant of the province; anything else is not scored.
    if (!tenant) continue;
    const review = reviews.get(tenant.tenantId);
    scored.push({
      tenantId: tenant.tenantId,
      name: tenant.name,
      authorityName: tenant.authorityName,
      displayOrder: tenant.displayOrder,
      targets: { version: targets.version, values: targets.targets },
      reports: (reports.get(tenant.tenantId) ?? []).sort((a, b) => (a.period < b.period ? -1 : 1)),
      review: review
        ? {
            version: review.version,
            items: review.items,
            bonuses: review.bonuses,
            deductions: review.deductions,
            ...(review.veto ? { veto: review.veto } : {}),
          }
        : null,
    });
  }
  if (scored.length === 0) {
    throw new BusinessRuleError({
      en: `no tenant has targets for ${year}; set targets before scoring`,
      zh: `尚无单位设置${year}年度目标任务，请先下达目标任务再考评打分。`,
    });
  }
  scored.sort(byId);
  return {
    provinceId,
    year,
    rulebook: { version: sources.rulebook.version, rulebook: sources.rulebook.rulebook },
    tenants: scored,
  };
}

/** The engine's input for the frozen inputs. */
export function engineInput(inputs: RunInputs): ScoringInput {
  return {
    year: inputs.year,
    rulebook: inputs.rulebook.rulebook,
    tenants: inputs.tenants.map((t) => {
      const { version: _version, ...review } = t.review ?? { version: 0 };
      return {
        tenantId: t.tenantId,
        displayOrder: t.displayOrder,
        targets: t.targets.values,
        reports: Object.fromEntries(t.reports.map((r) => [r.period, r.values])),
        ...(t.review ? { review: review as Review } : {}),
      };
    }),
  };
}

/** The version of every item the inputs were frozen from. */
export function inputVersions(inputs: RunInputs): InputVersions {
  return {
    rulebook: inputs.rulebook.version,
    tenants: inputs.tenants.map((t) => ({
      tenantId: t.tenantId,
      targets: t.targets.version,
      reports: Object.fromEntries(t.reports.map((r) => [r.period, r.version])),
      review: t.review?.version ?? null,
    })),
  };
}
