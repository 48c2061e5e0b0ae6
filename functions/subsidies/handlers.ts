import { dbFromEnv } from "../../shared/data/client";
import { isProvinceRole, type Principal } from "../../shared/domain/principal";
import { shanghaiToday } from "../../shared/lib/clock";
import {
  getLocalProgramHistory,
  getProgramHistory,
  getPublicCatalogue,
  getPublicEntitlements,
  getTopUpHistory,
  listLocalPrograms,
  listPrograms,
  listTopUps,
  type PutVersionInput,
  putLocalProgram,
  putProgram,
  putTopUp,
  toProgramResponse,
  toTopUpResponse,
} from "../../shared/services/subsidies";
import type { Handlers, IfMatch } from "../http/route";
import type { subsidiesRoutes } from "./routes";

/** Who wrote a provincial program is shown to the province's own roles only. */
const seesProvincialWriter = (principal: Principal): boolean => isProvinceRole(principal.role);
/** A city's top-ups and local programs: every caller allowed to read them is the city's or its province's. */
const SEES_CITY_WRITER = true;

/** The service's input of a PUT of a version: the path's code, the body, If-Match and the caller. */
function versionPut<B>(input: {
  params: { code: string };
  body: B;
  ifMatch: IfMatch | undefined;
  principal: Principal;
}): PutVersionInput<B> {
  return { code: input.params.code, candidate: input.body, ifMatch: input.ifMatch, actor: input.principal };
}

/**
 * The answer to a PUT that appended a version: 201 for the first version, 200 for later ones, the
 * version as its writer sees it (with `writtenBy`) and as ETag, and the entity's history
 * (`…/versions`) as location.
 */
function appended<S extends { version: number }, B>(
  result: { stored: S; created: boolean },
  present: (stored: S, options: { withWriter: boolean }) => B,
  historyPath: string,
): { status: number; body: B; version: number; headers: { location: string } } {
  return {
    status: result.created ? 201 : 200,
    body: present(result.stored, { withWriter: true }),
    version: result.stored.version,
    headers: { location: historyPath },
  };
}

/** `{code, versions}`: every version of one program or top-up, oldest first, each as the caller may see it. */
function historyOf<S, B>(code: string, versions: readonly S[], present: (stored: S) => B) {
  return { body: { code, versions: versions.map(present) } };
}

export const subsidiesHandlers: Handlers<typeof subsidiesRoutes> = {
  putSubsidyProgram: async (input) => {
    const { p, code } = input.params;
    const result = await putProgram(dbFromEnv(), { provinceId: p, ...versionPut(input) });
    return appended(result, toProgramResponse, `/v1/provinces/${p}/subsidy-programs/${code}/versions`);
  },

  listSubsidyPrograms: async ({ params, query, principal }) => {
    const programs = await listPrograms(dbFromEnv(), params.p, query.date);
    const withWriter = seesProvincialWriter(principal);
    return { body: { programs: programs.map((p) => toProgramResponse(p, { withWriter })) } };
  },

  listSubsidyProgramVersions: async ({ params, principal }) => {
    const withWriter = seesProvincialWriter(principal);
    const versions = await getProgramHistory(dbFromEnv(), params.p, params.code);
    return historyOf(params.code, versions, (v) => toProgramResponse(v, { withWriter }));
  },

  putSubsidyTopUp: async (input) => {
    const { t, code } = input.params;
    const result = await putTopUp(dbFromEnv(), { tenantId: t, ...versionPut(input) });
    return appended(result, toTopUpResponse, `/v1/tenants/${t}/subsidy-top-ups/${code}/versions`);
  },

  listSubsidyTopUps: async ({ params, query }) => {
    const topUps = await listTopUps(dbFromEnv(), params.t, query.date);
    return { body: { topUps: topUps.map((t) => toTopUpResponse(t, { withWriter: SEES_CITY_WRITER })) } };
  },

  listSubsidyTopUpVersions: async ({ params }) =>
    historyOf(params.code, await getTopUpHistory(dbFromEnv(), params.t, params.code), (v) =>
      toTopUpResponse(v, { withWriter: SEES_CITY_WRITER }),
    ),

  putLocalProgram: async (input) => {
    const { t, code } = input.params;
    const result = await putLocalProgram(dbFromEnv(), { tenantId: t, ...versionPut(input) });
    return appended(result, toProgramResponse, `/v1/tenants/${t}/local-programs/${code}/versions`);
  },

  listLocalPrograms: async ({ params, query }) => {
    const programs = await listLocalPrograms(dbFromEnv(), params.t, query.date);
    return {
      body: { localPrograms: programs.map((p) => toProgramResponse(p, { withWriter: SEES_CITY_WRITER })) },
    };
  },

  listLocalProgramVersions: async ({ params }) =>
    historyOf(params.code, await getLocalProgramHistory(dbFromEnv(), params.t, params.code), (v) =>
      toProgramResponse(v, { withWriter: SEES_CITY_WRITER }),
    ),

  getPublicSubsidies: async ({ params, query }) => {
    const date = query.date ?? shanghaiToday();
    const catalogue = await getPublicCatalogue(dbFromEnv(), params.t, date);
    return { body: { tenantId: params.t, ...catalogue } };
  },

  calculateEntitlements: async ({ params, body }) => {
    const date = body.date ?? shanghaiToday();
    const result = await getPublicEntitlements(dbFromEnv(), params.t, body.profile, date);
    return { body: { tenantId: params.t, ...result } };
  },
};
