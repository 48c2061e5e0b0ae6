import { dbFromEnv } from "../../shared/data/client";
import type { Principal } from "../../shared/domain/principal";
import { nowIso } from "../../shared/lib/clock";
import {
  approveCircular,
  type CircularStep,
  type CircularView,
  circularOfYear,
  createCircular,
  editCircular,
  getCircularView,
  getPublicCircular,
  listCirculars,
  listPublicCirculars,
  publishCircular,
  renderCircular,
} from "../../shared/services/circulars";
import { countBusiness } from "../http/observability";
import type { Handlers, IfMatch } from "../http/route";
import type { circularsRoutes } from "./routes";

/** Published circulars never change their document; a supersession notice may still be added. */
const PUBLIC_CACHE = "public, max-age=60";

/** The workflow step a request asks for: the path's circular, If-Match, the caller, now. */
function stepOf(input: {
  params: { p: string; y: number; c: string };
  ifMatch: IfMatch | undefined;
  principal: Principal;
}): CircularStep {
  return {
    provinceId: input.params.p,
    year: input.params.y,
    circularId: input.params.c,
    ifMatch: input.ifMatch,
    by: input.principal.sub,
    at: nowIso(),
  };
}

/** A circular as answered: its view, and its version as ETag. */
const withVersion = (circular: CircularView) => ({ body: circular, version: circular.version });

export const circularsHandlers: Handlers<typeof circularsRoutes> = {
  createCircular: async ({ params, body, principal }) => {
    const { runId, supersedes, ...prose } = body;
    const circular = await createCircular(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      by: principal.sub,
      at: nowIso(),
      runId,
      prose,
      supersedes,
    });
    return {
      status: 201,
      body: circular,
      version: circular.version,
      headers: { location: `/v1/provinces/${params.p}/years/${params.y}/circulars/${circular.circularId}` },
    };
  },

  listCirculars: async ({ params }) => ({
    body: { circulars: await listCirculars(dbFromEnv(), params.p, params.y) },
  }),

  getCircular: async ({ params, query }) => {
    const format = query.format ?? "json";
    if (format !== "json") {
      const stored = await circularOfYear(dbFromEnv(), params.p, params.y, params.c);
      return { ...renderCircular(stored, format), headers: { etag: `"${stored.version}"` } };
    }
    return withVersion(await getCircularView(dbFromEnv(), params.p, params.y, params.c));
  },

  updateCircular: async (input) =>
    withVersion(await editCircular(dbFromEnv(), { ...stepOf(input), edits: input.body })),

  approveCircular: async (input) => withVersion(await approveCircular(dbFromEnv(), stepOf(input))),

  publishCircular: async (input) => {
    const published = await publishCircular(dbFromEnv(), stepOf(input));
    countBusiness("CircularsPublished");
    return withVersion(published);
  },

  listPublicCirculars: async ({ params, query }) => ({
    body: await listPublicCirculars(dbFromEnv(), params.p, {
      limit: query.limit ?? 100,
      cursor: query.cursor,
    }),
    headers: { "cache-control": PUBLIC_CACHE },
  }),

  getPublicCircular: async ({ params, query }) => {
    const published = await getPublicCircular(dbFromEnv(), params.p, params.c, query.format ?? "json");
    return {
      raw: published.raw,
      contentType: published.contentType,
      headers: { etag: `"${published.sha256}"`, "cache-control": PUBLIC_CACHE },
    };
  },
};
