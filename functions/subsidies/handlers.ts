import { dbFromEnv } from "../../shared/data/client";
import { isProvinceRole, type Principal } from "../../shared/domain/principal";
import { shanghaiToday } from "../../shared/lib/clock";
import {
  listLocalPrograms,
  listPrograms,
  listTopUps,
  localProgramHistory,
  presentProgram,
  presentTopUp,
  programHistory,
  publicCatalogue,
  publicEntitlements,
  putLocalProgram,
  putProgram,
  putTopUp,
  topUpHistory,
} from "../../shared/services/subsidies";
import type { Handlers } from "../http/route";
import type { subsidiesRoutes } from "./routes";

/** Who wrote a provincial program is shown to the province's own roles only. */
const seesProvincialWriter = (principal: Principal): boolean => isProvinceRole(principal.role);
/** A city's top-ups and local programs: every caller allowed to read them is the city's or its province's. */
const SEES_CITY_WRITER = true;

export const subsidiesHandlers: Handlers<typeof subsidiesRoutes> = {
  putSubsidyProgram: async ({ params, body, ifMatch, principal }) => {
    const { stored, created } = await putProgram(dbFromEnv(), {
      provinceId: params.p,
      code: params.code,
      candidate: body,
      ifMatch,
      actor: principal,
    });
    return {
      status: created ? 201 : 200,
      body: presentProgram(stored, true),
      version: stored.version,
      headers: { location: `/v1/provinces/${params.p}/subsidy-programs/${params.code}/versions` },
    };
  },

  listSubsidyPrograms: async ({ params, query, principal }) => {
    const programs = await listPrograms(dbFromEnv(), params.p, query.date);
    const withWriter = seesProvincialWriter(principal);
    return { body: { programs: programs.map((p) => presentProgram(p, withWriter)) } };
  },

  listSubsidyProgramVersions: async ({ params, principal }) => {
    const versions = await programHistory(dbFromEnv(), params.p, params.code);
    const withWriter = seesProvincialWriter(principal);
    return { body: { code: params.code, versions: versions.map((v) => presentProgram(v, withWriter)) } };
  },

  putSubsidyTopUp: async ({ params, body, ifMatch, principal }) => {
    const { stored, created } = await putTopUp(dbFromEnv(), {
      tenantId: params.t,
      code: params.code,
      candidate: body,
      ifMatch,
      actor: principal,
    });
    return {
      status: created ? 201 : 200,
      body: presentTopUp(stored, true),
      version: stored.version,
      headers: { location: `/v1/tenants/${params.t}/subsidy-top-ups/${params.code}/versions` },
    };
  },

  listSubsidyTopUps: async ({ params, query }) => {
    const topUps = await listTopUps(dbFromEnv(), params.t, query.date);
    return { body: { topUps: topUps.map((t) => presentTopUp(t, SEES_CITY_WRITER)) } };
  },

  listSubsidyTopUpVersions: async ({ params }) => {
    const versions = await topUpHistory(dbFromEnv(), params.t, params.code);
    return { body: { code: params.code, versions: versions.map((v) => presentTopUp(v, SEES_CITY_WRITER)) } };
  },

  putLocalProgram: async ({ params, body, ifMatch, principal }) => {
    const { stored, created } = await putLocalProgram(dbFromEnv(), {
      tenantId: params.t,
      code: params.code,
      candidate: body,
      ifMatch,
      actor: principal,
    });
    return {
      status: created ? 201 : 200,
      body: presentProgram(stored, true),
      version: stored.version,
      headers: { location: `/v1/tenants/${params.t}/local-programs/${params.code}/versions` },
    };
  },

  listLocalPrograms: async ({ params, query }) => {
    const programs = await listLocalPrograms(dbFromEnv(), params.t, query.date);
    return { body: { localPrograms: programs.map((p) => presentProgram(p, SEES_CITY_WRITER)) } };
  },

  listLocalProgramVersions: async ({ params }) => {
    const versions = await localProgramHistory(dbFromEnv(), params.t, params.code);
    return {
      body: { code: params.code, versions: versions.map((v) => presentProgram(v, SEES_CITY_WRITER)) },
    };
  },

  getPublicSubsidies: async ({ params, query }) => {
    const date = query.date ?? shanghaiToday();
    const catalogue = await publicCatalogue(dbFromEnv(), params.t, date);
    return { body: { tenantId: params.t, ...catalogue } };
  },

  calculateEntitlements: async ({ params, body }) => {
    const date = body.date ?? shanghaiToday();
    const result = await publicEntitlements(dbFromEnv(), params.t, body.profile, date);
    return { body: { tenantId: params.t, ...result } };
  },
};
