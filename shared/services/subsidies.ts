/**
 * Subsidies: provincial programs, city top-ups and local programs (append-only, effective-dated
 * versions), the public catalogue and the entitlement calculator. The rules are the domain's
 * (`shared/domain/subsidies`); this module reads and writes through the store and maps the
 * domain's refusals to 400/404/422.
 *
 * Decisions where `shared/domain/subsidies/subsidies.md` / `functions/api.md` are silent:
 * - A program's `code` is the path's; a body may leave it out, and a different one is 400.
 * - Structural problems (types, missing or unknown fields) are 400 (route schemas); the domain's
 *   rules across fields (effective dates out of order, duplicate tier keys, a `topUpLimits` path
 *   that does not resolve or is below the program's value, top-up values) are 422.
 * - A top-up of a program the province does not have is 422 on `path.code` (the top-up is the
 *   resource being written; the program is a rule it refers to). It is checked against the
 *   provincial version in force on its `effectiveFrom` (422 on `body.effectiveFrom` if none).
 * - A local program may not take a provincial program's code (422 on `path.code`), as in the demo
 *   data set check; the province is never refused a code because a city uses it.
 * - Concurrent writers: a write lost to another one is re-read and retried when the client sent
 *   no If-Match (appending never overwrites); with an If-Match the re-run answers 412. A top-up
 *   write is conditional on the provincial program not having changed since it was checked, and
 *   a local program write on the province still not having that code.
 * - Numbers that DynamoDB cannot store (magnitudes below 1e-130 or from 1e126) and strings with
 *   lone surrogates are 400 rather than a storage failure.
 * - A program written for a province that does not exist is 404 (a condition of the write).
 * - Lists answer the latest version of each entity, or with `?date=` the version in force on that
 *   date; every version is readable at `…/{code}/versions` (404 when there is none).
 * - `writtenBy` of a provincial program is shown to province roles only (city users and
 *   integrations see `version` and `writtenAt`); a city's top-ups and local programs show it to
 *   every caller allowed to read them; the public routes never show it.
 */
import * as z from "zod/mini";
import type { Db } from "../data/client";
import { StaleError, withRetry } from "../data/retry";
import {
  appendLocalProgramVersion,
  appendProgramVersion,
  appendTopUpVersion,
  listLocalProgramVersions,
  listLocalProgramVersionsOf,
  listProgramVersions,
  listProgramVersionsOf,
  listTopUpVersions,
  listTopUpVersionsOf,
  programExists,
  programHeadIs,
  provinceExists,
  type StoredProgram,
  type StoredTopUp,
} from "../data/stores/subsidies";
import { findTenant, type Tenant } from "../data/stores/tenancy";
import type { ExtraCondition } from "../data/transactions";
import type { VersionWriteInput } from "../data/versioned";
import {
  buildCatalogue,
  type Catalogue,
  calculateEntitlements,
  type EffectiveDated,
  type Entitlements,
  groupBy,
  type Profile,
  type Program,
  type ProgramVersion,
  pickInForce,
  programSchema,
  type TopUp,
  type TopUpVersion,
  topUpSchema,
  type VersionMeta,
  validateTopUp,
} from "../domain/subsidies";
import { nowIso } from "../lib/clock";
import {
  type Bilingual,
  BusinessRuleError,
  type FieldError,
  formatPath,
  NotFoundError,
  ValidationError,
} from "../lib/errors";
import type { IfMatch } from "../lib/if-match";
import { fieldLabel, ROUTE_LABELS, zhDate } from "../lib/labels";
import { zhIssue } from "../lib/zod-text";

export type { StoredProgram, StoredTopUp } from "../data/stores/subsidies";

/** Who acts: the principal's `sub` (or `demo-seed`). */
export interface Actor {
  sub: string;
}

/** A PUT of a version: the path's code, the body as the route parsed it, If-Match, who writes. */
export interface PutVersionInput<C> {
  code: string;
  candidate: C;
  ifMatch: IfMatch | undefined;
  actor: Actor;
}

// ---------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------

function issuesAsErrors(
  issues: readonly z.core.$ZodIssue[],
  labels?: Readonly<Record<string, string>>,
): FieldError[] {
  return issues.map((issue) => ({
    path: formatPath("body", issue.path),
    message: issue.message && issue.message !== "Invalid input" ? issue.message : "not allowed",
    zh: zhIssue(issue, "body", issue.path, labels),
  }));
}

const DYNAMO_MIN = 1e-130;
const DYNAMO_MAX = 1e126;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * 400 when a value holds a number DynamoDB cannot store or a string that is not well-formed
 * UTF-16 (the request schemas allow both; the table does not).
 */
export function assertStorable(
  value: unknown,
  path = "body",
  labels?: Readonly<Record<string, string>>,
): void {
  const errors: FieldError[] = [];
  const walk = (v: unknown, at: string, segments: PropertyKey[]): void => {
    const label = () => fieldLabel(path, segments, labels);
    if (typeof v === "number") {
      const magnitude = Math.abs(v);
      if (!Number.isFinite(v) || (magnitude !== 0 && (magnitude < DYNAMO_MIN || magnitude >= DYNAMO_MAX)))
        errors.push({
          path: at,
          message: "the number is out of range (0, or 1e-130 ≤ |n| < 1e126)",
          zh: `${label()}超出可保存的数值范围（须为0，或绝对值在1e-130至1e126之间）`,
        });
    } else if (typeof v === "string") {
      if (LONE_SURROGATE.test(v))
        errors.push({
          path: at,
          message: "not well-formed Unicode text",
          zh: `${label()}含有无效的 Unicode 字符`,
        });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${at}[${i}]`, [...segments, i]);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(key))
          errors.push({
            path: at,
            message: "a key is not well-formed Unicode text",
            zh: `${label()}的键含有无效的 Unicode 字符`,
          });
        walk(item, `${at}.${key}`, [...segments, key]);
      }
    }
  };
  walk(value, path, []);
  if (errors.length > 0) {
    const first = errors[0];
    throw new ValidationError(
      { en: `${first?.path}: ${first?.message}`, zh: `${first?.zh ?? ""}。` },
      { errors: errors.slice(0, 20) },
    );
  }
}

/**
 * The program of a PUT: the body with the path's code, checked by the domain's `programSchema`
 * (its cross-field rules → 422).
 */
export function parseProgram(code: string, candidate: object): Program {
  const bodyCode = (candidate as { code?: unknown }).code;
  if (bodyCode !== undefined && bodyCode !== code) {
    const zh = `项目代码须与路径中的代码“${code}”一致（或不填）`;
    throw new ValidationError(
      { en: `body.code: must equal the path's code ${code} (or be left out)`, zh: `${zh}。` },
      { errors: [{ path: "body.code", message: `must equal the path's code ${code} (or be left out)`, zh }] },
    );
  }
  assertStorable(candidate);
  const parsed = z.safeParse(programSchema, { ...candidate, code });
  if (!parsed.success) {
    const errors = issuesAsErrors(parsed.error.issues);
    throw new BusinessRuleError(
      {
        en: `the program breaks a rule: ${errors[0]?.path}: ${errors[0]?.message}`,
        zh: `补贴项目不符合规则：${errors[0]?.zh ?? ""}。`,
      },
      { errors },
    );
  }
  return parsed.data;
}

/** A top-up as sent (the program code comes from the path). */
export type TopUpInput = Omit<TopUp, "programCode">;

function parseTopUp(code: string, candidate: TopUpInput): TopUp {
  const labels = ROUTE_LABELS.putTopUp;
  assertStorable(candidate, "body", labels);
  const parsed = z.safeParse(topUpSchema, { ...candidate, programCode: code });
  if (!parsed.success) {
    const errors = issuesAsErrors(parsed.error.issues, labels).map((e) => ({
      ...e,
      baseline: null,
      limit: null,
    }));
    throw new BusinessRuleError(
      {
        en: `the top-up breaks a rule: ${errors[0]?.path}: ${errors[0]?.message}`,
        zh: `提标方案不符合规则：${errors[0]?.zh ?? ""}。`,
      },
      { errors },
    );
  }
  return parsed.data;
}

/** Authenticated reads see the caller's own writes; the public routes read eventually consistently. */
const CONSISTENT = { consistent: true } as const;

async function requireTenant(db: Db, tenantId: string): Promise<Tenant> {
  const tenant = await findTenant(db, tenantId, CONSISTENT);
  if (!tenant) throw noTenant(tenantId);
  return tenant;
}

/** The store's write of a version for a PUT: now, by the actor, under these conditions. */
function versionWrite(input: PutVersionInput<unknown>, conditions: ExtraCondition[]): VersionWriteInput {
  return { ifMatch: input.ifMatch, at: nowIso(), by: input.actor.sub, conditions };
}

function noTenant(tenantId: string): NotFoundError {
  return new NotFoundError({ en: `no tenant ${tenantId}`, zh: `单位“${tenantId}”不存在。` });
}

/** Every version of one entity, oldest first; 404 when it has none. */
function history<T>(versions: T[], notFound: Bilingual): T[] {
  if (versions.length === 0) throw new NotFoundError(notFound);
  return versions;
}

/** Per key: the version in force on `date`, or (no date) the latest version; ordered by key. */
function current<T extends EffectiveDated & VersionMeta>(
  versions: readonly T[],
  keyOf: (item: T) => string,
  date: string | undefined,
): T[] {
  const picked: T[] = [];
  for (const group of groupBy(versions, keyOf).values()) {
    const chosen =
      date === undefined ? group.reduce((a, b) => (b.version > a.version ? b : a)) : pickInForce(group, date);
    if (chosen) picked.push(chosen);
  }
  return picked.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Provincial programs
// ---------------------------------------------------------------------------------------------

/** `candidate`: the body as the route parsed it (`code` optional). */
export interface PutProgramInput extends PutVersionInput<object> {
  provinceId: string;
}

/** Append a version of a provincial program (`created`: it is the first). */
export async function putProgram(
  db: Db,
  input: PutProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const program = parseProgram(input.code, input.candidate);
  return withRetry(() =>
    appendProgramVersion(db, {
      provinceId: input.provinceId,
      program,
      ...versionWrite(input, [provinceExists(db, input.provinceId)]),
    }),
  );
}

/** The province's programs: the latest version of each, or those in force on `date`. */
export async function listPrograms(db: Db, provinceId: string, date?: string): Promise<StoredProgram[]> {
  return current(await listProgramVersions(db, provinceId, CONSISTENT), (p) => p.code, date);
}

export async function programHistory(db: Db, provinceId: string, code: string): Promise<StoredProgram[]> {
  return history(await listProgramVersionsOf(db, provinceId, code, CONSISTENT), {
    en: `no subsidy program ${code} in province ${provinceId}`,
    zh: `省份“${provinceId}”没有补贴项目“${code}”。`,
  });
}

// ---------------------------------------------------------------------------------------------
// City top-ups
// ---------------------------------------------------------------------------------------------

export interface PutTopUpInput extends PutVersionInput<TopUpInput> {
  tenantId: string;
}

/** A refused top-up value, as a 422 error item. */
export interface TopUpFieldError extends FieldError {
  baseline: number | null;
  limit: number | null;
}

/**
 * Check a top-up against the province's versions of its program: the version in force on the
 * top-up's `effectiveFrom` (the domain's `checkTopUp` rule), each override named
 * `body.overrides.<path>` with the baseline and limit.
 */
export function topUpErrors(
  provinceVersions: readonly StoredProgram[],
  topUp: TopUp,
  provinceId: string,
): TopUpFieldError[] {
  if (provinceVersions.length === 0)
    return [
      {
        path: "path.code",
        message: `province ${provinceId} has no subsidy program ${topUp.programCode}`,
        zh: `省份“${provinceId}”没有补贴项目“${topUp.programCode}”`,
        baseline: null,
        limit: null,
      },
    ];
  const program = pickInForce(provinceVersions, topUp.effectiveFrom);
  if (!program)
    return [
      {
        path: "body.effectiveFrom",
        message: `no version of ${topUp.programCode} is in force on ${topUp.effectiveFrom}`,
        zh: `${provinceVersions[0]?.name ?? topUp.programCode}在${zhDate(topUp.effectiveFrom)}没有有效的省级版本（提标方案不能早于省级项目生效）`,
        baseline: null,
        limit: null,
      },
    ];
  return validateTopUp(program, topUp.overrides).map((e) => ({
    path: `body.overrides.${e.path}`,
    message: e.message,
    zh: e.zh,
    baseline: e.baseline,
    limit: e.limit,
  }));
}

/** Append a version of the city's top-up of a provincial program. */
export async function putTopUp(
  db: Db,
  input: PutTopUpInput,
): Promise<{ stored: StoredTopUp; created: boolean }> {
  const topUp = parseTopUp(input.code, input.candidate);
  return withRetry(async () => {
    const tenant = await requireTenant(db, input.tenantId);
    const versions = await listProgramVersionsOf(db, tenant.provinceId, input.code, CONSISTENT);
    const errors = topUpErrors(versions, topUp, tenant.provinceId);
    if (errors.length > 0) {
      const first = errors[0];
      throw new BusinessRuleError(
        {
          en: `the top-up is refused: ${first?.path}: ${first?.message}`,
          zh: `提标方案未通过：${first?.zh ?? ""}。`,
        },
        { errors },
      );
    }
    const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
    return appendTopUpVersion(db, {
      tenantId: input.tenantId,
      topUp,
      ...versionWrite(input, [
        programHeadIs(
          db,
          tenant.provinceId,
          input.code,
          latest,
          () =>
            new StaleError({
              en: `the provincial program ${input.code} changed while the top-up was checked`,
              zh: `核对提标方案期间，省级补贴项目“${input.code}”已被修改。`,
            }),
        ),
      ]),
    });
  });
}

export async function listTopUps(db: Db, tenantId: string, date?: string): Promise<StoredTopUp[]> {
  return current(await listTopUpVersions(db, tenantId, CONSISTENT), (t) => t.programCode, date);
}

export async function topUpHistory(db: Db, tenantId: string, code: string): Promise<StoredTopUp[]> {
  return history(await listTopUpVersionsOf(db, tenantId, code, CONSISTENT), {
    en: `tenant ${tenantId} has no top-up of ${code}`,
    zh: `单位“${tenantId}”没有对补贴项目“${code}”的提标方案。`,
  });
}

// ---------------------------------------------------------------------------------------------
// Local programs
// ---------------------------------------------------------------------------------------------

/** `candidate`: the body as the route parsed it (`code` optional). */
export interface PutLocalProgramInput extends PutVersionInput<object> {
  tenantId: string;
}

function provincialCodeError(code: string): BusinessRuleError {
  return new BusinessRuleError(
    {
      en: `code: ${code} is a provincial program; top it up or choose another code`,
      zh: `“${code}”是省级补贴项目的代码，请对该项目提标，或为地方项目另取代码。`,
    },
    {
      errors: [
        {
          path: "path.code",
          message: `${code} is a provincial program: raise it with a top-up, or give the local program its own code`,
          zh: `“${code}”是省级补贴项目的代码：请通过提标提高标准，或为地方项目另取代码`,
        },
      ],
    },
  );
}

/** Append a version of a city's own program. */
export async function putLocalProgram(
  db: Db,
  input: PutLocalProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const program = parseProgram(input.code, input.candidate);
  return withRetry(async () => {
    const tenant = await requireTenant(db, input.tenantId);
    if (await programExists(db, tenant.provinceId, program.code)) throw provincialCodeError(program.code);
    return appendLocalProgramVersion(db, {
      tenantId: input.tenantId,
      program,
      ...versionWrite(input, [
        programHeadIs(db, tenant.provinceId, program.code, undefined, () =>
          provincialCodeError(program.code),
        ),
      ]),
    });
  });
}

export async function listLocalPrograms(db: Db, tenantId: string, date?: string): Promise<StoredProgram[]> {
  return current(await listLocalProgramVersions(db, tenantId, CONSISTENT), (p) => p.code, date);
}

export async function localProgramHistory(db: Db, tenantId: string, code: string): Promise<StoredProgram[]> {
  return history(await listLocalProgramVersionsOf(db, tenantId, code, CONSISTENT), {
    en: `tenant ${tenantId} has no local program ${code}`,
    zh: `单位“${tenantId}”没有地方补贴项目“${code}”。`,
  });
}

// ---------------------------------------------------------------------------------------------
// Public: the catalogue and the calculator
// ---------------------------------------------------------------------------------------------

/**
 * The city's catalogue in force on `date`, in a constant number of requests: the tenant item
 * (404 if unknown) and the tenant's `TOPUP#` and `LOCALPROG#` versions together, then the
 * province's `PROGRAM#` versions.
 */
export async function publicCatalogue(
  db: Db,
  tenantId: string,
  date: string,
): Promise<Catalogue & { tenantName: string }> {
  const [tenant, topUps, localPrograms] = await Promise.all([
    findTenant(db, tenantId),
    listTopUpVersions(db, tenantId),
    listLocalProgramVersions(db, tenantId),
  ]);
  if (!tenant) throw noTenant(tenantId);
  const provincePrograms = await listProgramVersions(db, tenant.provinceId);
  return { tenantName: tenant.name, ...buildCatalogue({ provincePrograms, topUps, localPrograms, date }) };
}

/** What `profile` is entitled to in the city on `date`, and why. */
export async function publicEntitlements(
  db: Db,
  tenantId: string,
  profile: Profile,
  date: string,
): Promise<Entitlements> {
  return calculateEntitlements(await publicCatalogue(db, tenantId, date), profile, date);
}

// ---------------------------------------------------------------------------------------------
// Presentation
// ---------------------------------------------------------------------------------------------

/** A stored version as answered: `writtenBy` only when the caller may see it. */
export type PresentedProgram = ProgramVersion & { writtenBy?: string };
export type PresentedTopUp = TopUpVersion & { writtenBy?: string };

/** A stored program as answered: `effectiveTo` explicit, `writtenBy` only when the caller may see it. */
export function presentProgram(stored: StoredProgram, withWriter: boolean): PresentedProgram {
  const out: PresentedProgram = { ...stored, effectiveTo: stored.effectiveTo ?? null };
  if (!withWriter) delete out.writtenBy;
  return out;
}

export function presentTopUp(stored: StoredTopUp, withWriter: boolean): PresentedTopUp {
  const out: PresentedTopUp = { ...stored, effectiveTo: stored.effectiveTo ?? null };
  if (!withWriter) delete out.writtenBy;
  return out;
}
