/**
 * Subsidies routes (`shared/domain/subsidies/subsidies.md`): provincial programs, city top-ups and local programs —
 * append-only, effective-dated version histories — and the public catalogue and entitlement
 * calculator.
 *
 * Validation is split in two: the shapes below (types, required and unknown fields) answer 400;
 * the domain's rules across fields (dates in order, tier keys unique, `topUpLimits` paths and
 * values, a top-up's values against the provincial baseline and limit) answer 422 from the
 * service, with each error naming its path.
 */
import * as z from "zod/mini";
import { CITY_ROLES, PROVINCE_ROLES } from "../../shared/domain/principal";
import { isDate, OPERATORS, profileSchema } from "../../shared/domain/subsidies";
import { BENEFITS, codeSchema, KINDS, programShapes } from "../../shared/domain/subsidies/program";
import { topUpShape } from "../../shared/domain/subsidies/top-up";
import { versionMetaShape } from "../../shared/domain/subsidies/versions";
import { zodMessage } from "../../shared/lib/zod-text";
import { defineRoutes, lazySchema } from "../http/route";
import { idSchema } from "../http/schemas";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

// ---------------------------------------------------------------------------------------------
// Path parameters and query
// ---------------------------------------------------------------------------------------------

const provinceParams = lazySchema(() => z.strictObject({ p: idSchema }));
const provinceCodeParams = lazySchema(() => z.strictObject({ p: idSchema, code: codeSchema }));
const tenantParams = lazySchema(() => z.strictObject({ t: idSchema }));
const tenantCodeParams = lazySchema(() => z.strictObject({ t: idSchema, code: codeSchema }));

export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2999-12-31";

/** An evaluation date `YYYY-MM-DD` (Asia/Shanghai calendar day), within a sane range. */
export const evaluationDate = lazySchema(() =>
  z.string().check(
    // the pattern documents the form in OpenAPI; the refinement checks the calendar
    z.regex(/^\d{4}-\d{2}-\d{2}$/, {
      message: zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期"),
      abort: true,
    }),
    z.refine(isDate, zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期")),
    z.refine(
      (v) => !isDate(v) || (v >= EARLIEST_DATE && v <= LATEST_DATE),
      zodMessage(
        `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
        `须在${EARLIEST_DATE}至${LATEST_DATE}之间`,
      ),
    ),
  ),
);

/** `?date=`: the versions in force on that date instead of the latest versions. */
const asOfQuery = lazySchema(() => z.strictObject({ date: z.optional(evaluationDate) }));
/** `?date=` of the public catalogue (default: today in Asia/Shanghai). */
const catalogueQuery = lazySchema(() => z.strictObject({ date: z.optional(evaluationDate) }));

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

/**
 * The domain's program union (`programSchema`'s fixed / tiered / per_unit options), each strict
 * object extended with `extra`; called inside lazy builders (the options must be object schemas).
 */
function programUnion<E extends z.core.$ZodLooseShape>(extra: E) {
  const [fixed, tiered, perUnit] = programShapes();
  return z.discriminatedUnion("kind", [
    z.extend(z.strictObject(fixed), extra),
    z.extend(z.strictObject(tiered), extra),
    z.extend(z.strictObject(perUnit), extra),
  ]);
}

/**
 * A program as sent: the program of `shared/domain/subsidies/subsidies.md`; `code` comes from the path and may be left
 * out of the body (when sent it must equal the path's code, else 400 `body.code`).
 */
export const programRequest = lazySchema(() => programUnion({ code: z.optional(codeSchema) }));

/** A city top-up as sent: the program code comes from the path. */
export const topUpRequest = lazySchema(() => {
  const topUp = topUpShape();
  return z.strictObject({
    overrides: topUp.overrides,
    basis: topUp.basis,
    effectiveFrom: topUp.effectiveFrom,
    effectiveTo: topUp.effectiveTo,
  });
});

export const entitlementsRequest = lazySchema(() =>
  z.strictObject({
    profile: profileSchema,
    /** default: today in Asia/Shanghai */
    date: z.optional(evaluationDate),
  }),
);

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** `writtenBy` is shown to province roles for provincial programs, and to the tenant's and province's users for city data. */
function storedMetaShape() {
  return { ...versionMetaShape(), writtenBy: z.optional(z.string()) };
}
const storedProgram = lazySchema(() => programUnion(storedMetaShape()));
const storedTopUp = lazySchema(() => z.strictObject({ ...topUpShape(), ...storedMetaShape() }));

/** `{code, versions}`: every version of one program or top-up, oldest first. */
function versionsOf<T extends z.ZodMiniType>(stored: T) {
  return lazySchema(() => z.strictObject({ code: z.string(), versions: z.array(stored) }));
}
const programVersions = versionsOf(storedProgram);
const topUpVersions = versionsOf(storedTopUp);

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

const catalogueEntry = lazySchema(() =>
  z.strictObject({
    code: z.string(),
    name: z.string(),
    source,
    benefit,
    kind,
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
    code: z.string(),
    name: z.string(),
    source,
    benefit,
    kind,
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

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

/** Subsidy rules are read by the province, its cities and integrations ("read subsidy rules over the HTTP API"). */
const PROGRAM_READERS = [...PROVINCE_ROLES, ...CITY_ROLES, "integration"] as const;
/** A tenant's top-ups and local programs: its city roles and keys, and its province's roles. */
const CITY_DATA_READERS = [...CITY_ROLES, "integration", ...PROVINCE_ROLES] as const;

const TAGS = ["subsidies"] as const;

export const subsidiesRoutes = defineRoutes("subsidies", {
  putSubsidyProgram: {
    method: "PUT",
    path: "/v1/provinces/{p}/subsidy-programs/{code}",
    summary: "Write a new version of a provincial subsidy program (201 first version, 200 later ones)",
    description:
      "Every write appends a version; nothing is overwritten. If-Match is optional (412 when it names another version). `code` comes from the path (a body `code` must equal it). 422 when the domain's rules refuse the program (dates out of order, duplicate tier keys, a top-up limit at an unknown path or below the program's value).",
    tags: TAGS,
    access: { roles: ["province-admin"] },
    params: provinceCodeParams,
    body: programRequest,
    response: storedProgram,
    alsoStatus: [201],
    versioned: true,
  },
  listSubsidyPrograms: {
    method: "GET",
    path: "/v1/provinces/{p}/subsidy-programs",
    summary:
      "The province's programs: the latest version of each, or with ?date= the version in force on that date",
    tags: TAGS,
    access: { roles: PROGRAM_READERS },
    params: provinceParams,
    query: asOfQuery,
    response: lazySchema(() => z.strictObject({ programs: z.array(storedProgram) })),
  },
  listSubsidyProgramVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/subsidy-programs/{code}/versions",
    summary: "Every version of a provincial program, oldest first",
    tags: TAGS,
    access: { roles: PROGRAM_READERS },
    params: provinceCodeParams,
    response: programVersions,
  },
  putSubsidyTopUp: {
    method: "PUT",
    path: "/v1/tenants/{t}/subsidy-top-ups/{code}",
    summary: "Write a new version of the city's top-up of a provincial program (201 first, 200 later)",
    description:
      "Overrides by path (`amount`, `rate`, `cap`, `tiers.<key>`, `terms.<name>`), checked against the provincial version in force on the top-up's effectiveFrom: a value below the baseline, above `topUpLimits[path].max`, or at an unknown path is refused with 422, each error naming `body.overrides.<path>`, `baseline` and `limit`. A program the province does not have is 422 (`path.code`); so is a start before the program's first version (`body.effectiveFrom`).",
    tags: TAGS,
    access: { roles: ["city-admin"] },
    params: tenantCodeParams,
    body: topUpRequest,
    response: storedTopUp,
    alsoStatus: [201],
    versioned: true,
  },
  listSubsidyTopUps: {
    method: "GET",
    path: "/v1/tenants/{t}/subsidy-top-ups",
    summary:
      "The city's top-ups: the latest version of each, or with ?date= the version in force on that date",
    tags: TAGS,
    access: { roles: CITY_DATA_READERS },
    params: tenantParams,
    query: asOfQuery,
    response: lazySchema(() => z.strictObject({ topUps: z.array(storedTopUp) })),
  },
  listSubsidyTopUpVersions: {
    method: "GET",
    path: "/v1/tenants/{t}/subsidy-top-ups/{code}/versions",
    summary: "Every version of the city's top-up of one program, oldest first",
    tags: TAGS,
    access: { roles: CITY_DATA_READERS },
    params: tenantCodeParams,
    response: topUpVersions,
  },
  putLocalProgram: {
    method: "PUT",
    path: "/v1/tenants/{t}/local-programs/{code}",
    summary: "Write a new version of a city's own program (201 first, 200 later)",
    description:
      "Same shape as a provincial program, citing the city's own document. Its code may not be a provincial program's code (422 `path.code`).",
    tags: TAGS,
    access: { roles: ["city-admin"] },
    params: tenantCodeParams,
    body: programRequest,
    response: storedProgram,
    alsoStatus: [201],
    versioned: true,
  },
  listLocalPrograms: {
    method: "GET",
    path: "/v1/tenants/{t}/local-programs",
    summary: "The city's local programs: the latest version of each, or with ?date= the version in force",
    tags: TAGS,
    access: { roles: CITY_DATA_READERS },
    params: tenantParams,
    query: asOfQuery,
    response: lazySchema(() => z.strictObject({ localPrograms: z.array(storedProgram) })),
  },
  listLocalProgramVersions: {
    method: "GET",
    path: "/v1/tenants/{t}/local-programs/{code}/versions",
    summary: "Every version of a local program, oldest first",
    tags: TAGS,
    access: { roles: CITY_DATA_READERS },
    params: tenantCodeParams,
    response: programVersions,
  },
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
