/** The public catalogue of a city's subsidies and the entitlement calculator (no credentials). */
import * as z from "zod/mini";
import { OPERATORS, profileSchema } from "../../../shared/domain/subsidies";
import { BENEFITS, KINDS } from "../../../shared/domain/subsidies/program";
import { declareRoutes, lazySchema } from "../../http/route";
import { tenantParams } from "../../http/schemas";
import { TAGS } from "./access";
import { catalogueQuery, evaluationDate } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

export const entitlementsRequest = lazySchema(() =>
  z.strictObject({
    profile: profileSchema,
    /** default: today in Asia/Shanghai */
    date: z.optional(evaluationDate),
  }),
);

const basisRef = lazySchema(() =>
  z.strictObject({
    level: z.enum(["province", "city"]),
    document: z.string(),
    clause: z.nullable(z.string()),
  }),
);
const kind = lazySchema(() => z.enum(KINDS));
const benefit = lazySchema(() => z.enum(BENEFITS));
const source = lazySchema(() => z.enum(["province", "local"]));
const terms = lazySchema(() => z.record(z.string(), z.number()));
const params = lazySchema(() => z.record(z.string(), z.unknown()));
const condition = lazySchema(() =>
  z.strictObject({ field: z.string(), op: z.enum(OPERATORS), value: z.unknown() }),
);
const yuan = lazySchema(() => z.string().check(z.regex(/^-?\d+\.\d{2}$/, "yuan with 2 decimals")));

/** What names a program in the catalogue and in an entitlement: its code, name, source, benefit and kind. */
function programNameShape() {
  return { code: z.string(), name: z.string(), source, benefit, kind };
}

const catalogueEntry = lazySchema(() =>
  z.strictObject({
    ...programNameShape(),
    params,
    terms,
    eligibility: z.array(condition),
    effectiveFrom: z.string(),
    effectiveTo: z.nullable(z.string()),
    version: z.int(),
    basis: z.array(basisRef),
    baseline: z.nullable(z.strictObject({ kind, params, terms })),
    topUp: z.nullable(
      z.strictObject({
        version: z.int(),
        effectiveFrom: z.string(),
        effectiveTo: z.nullable(z.string()),
        basis: basisRef,
        overrides: z.record(z.string(), z.number()),
        notes: z.array(
          z.strictObject({
            path: z.string(),
            value: z.number(),
            effective: z.nullable(z.number()),
            reason: z.string(),
          }),
        ),
        raised: z.array(z.string()),
      }),
    ),
    /** each eligibility condition in Chinese, in the order of `eligibility` */
    eligibilityText: z.array(z.string()),
    /** what a city may top up: the provincial value, the value in force in this city, the limit */
    parameters: z.array(
      z.strictObject({
        path: z.string(),
        /** Chinese name: 补贴金额, 每学时补贴标准, 全额贴息年限 … */
        label: z.string(),
        /** 元, 元/学时, 年 … */
        unit: z.string(),
        money: z.boolean(),
        /** the provincial value; null for a local program */
        baseline: z.nullable(z.number()),
        value: z.number(),
        /** the province's `topUpLimits[path].max`; null when none */
        limit: z.nullable(z.number()),
        raised: z.boolean(),
        /** in Chinese, why the city's written value does not apply as written; else null */
        note: z.nullable(z.string()),
      }),
    ),
  }),
);

const catalogue = lazySchema(() =>
  z.strictObject({
    tenantId: z.string(),
    /** the city's name (长春市) */
    tenantName: z.string(),
    date: z.string(),
    programs: z.array(catalogueEntry),
  }),
);

const entitlement = lazySchema(() =>
  z.strictObject({
    ...programNameShape(),
    eligible: z.boolean(),
    /** the tier that applied (tiered programs), else null */
    tier: z.nullable(z.string()),
    amount: yuan,
    baselineAmount: yuan,
    topUpAmount: yuan,
    unmet: z.array(
      z.strictObject({
        field: z.string(),
        op: z.string(),
        value: z.unknown(),
        /** the applicant's value, or "missing" */
        actual: z.unknown(),
        /** a tiered program none of whose tiers holds: the tier this condition belongs to */
        tier: z.optional(z.string()),
      }),
    ),
    basis: z.array(basisRef),
    terms,
    effectiveFrom: z.string(),
    effectiveTo: z.nullable(z.string()),
    /** why it applies or not and how the amount comes about, in Chinese */
    reasons: z.array(z.string()),
    /** each unmet condition in Chinese, in the order of `unmet` */
    unmetText: z.array(z.string()),
  }),
);

const entitlements = lazySchema(() =>
  z.strictObject({
    tenantId: z.string(),
    date: z.string(),
    programs: z.array(entitlement),
    totalGrant: yuan,
    maxLoan: yuan,
  }),
);

export const publicSubsidiesRoutes = declareRoutes({
  getPublicSubsidies: {
    method: "GET",
    path: "/v1/public/tenants/{t}/subsidies",
    summary: "The city's subsidy catalogue in force on ?date= (default today, Asia/Shanghai)",
    description:
      "Provincial programs merged with the city's top-ups (effective values, the provincial values alongside, both documents), then the city's local programs. No credentials needed. Each entry also says in Chinese what its conditions ask (`eligibilityText`) and lists its parameters (`parameters`: label, unit, provincial value, value in force, top-up limit).",
    tags: TAGS,
    access: "public",
    params: tenantParams,
    query: catalogueQuery,
    response: catalogue,
  },
  calculateEntitlements: {
    method: "POST",
    path: "/v1/public/tenants/{t}/entitlements",
    summary: "What an applicant is entitled to in this city on a date, and why",
    description:
      "Per program: eligible or not with every unmet condition (`actual` is the applicant's value or \"missing\"), the amount split into baseline and top-up, terms, and the documents behind it; plus totalGrant and maxLoan (a loan principal is never added to grants). Each program also explains itself in Chinese: `reasons` (why it applies or not, how the amount comes about) and `unmetText` (each unmet condition with the applicant's value). The profile is strict: unknown fields are 400.",
    tags: TAGS,
    access: "public",
    params: tenantParams,
    body: entitlementsRequest,
    response: entitlements,
    status: 200,
  },
});
