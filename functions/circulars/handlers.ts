import { dbFromEnv } from "../../shared/data/client";
import { getCircular } from "../../shared/data/stores/circulars";
import { nowIso } from "../../shared/lib/clock";
import { NotFoundError } from "../../shared/lib/errors";
import {
  approveCircular,
  createCircular,
  editCircular,
  getCircularView,
  getPublicCircular,
  listCirculars,
  listPublicCirculars,
  publishCircular,
  renderCircular,
} from "../../shared/services/circulars";
import type { Handlers } from "../http/route";
import type { circularsRoutes } from "./routes";

/** Published circulars never change their document; a supersession notice may still be added. */
const PUBLIC_CACHE = "public, max-age=60";

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
      const stored = await getCircular(dbFromEnv(), params.p, params.c);
      if (!stored || stored.year !== params.y)
        throw new NotFoundError(`no circular ${params.c} of ${params.y}`);
      return { ...renderCircular(stored, format), headers: { etag: `"${stored.version}"` } };
    }
    const circular = await getCircularView(dbFromEnv(), params.p, params.y, params.c);
    return { body: circular, version: circular.version };
  },

  updateCircular: async ({ params, body, ifMatch, principal }) => {
    const circular = await editCircular(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      circularId: params.c,
      edits: body,
      ifMatch,
      by: principal.sub,
      at: nowIso(),
    });
    return { body: circular, version: circular.version };
  },

  approveCircular: async ({ params, ifMatch, principal }) => {
    const circular = await approveCircular(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      circularId: params.c,
      ifMatch,
      by: principal.sub,
      at: nowIso(),
    });
    return { body: circular, version: circular.version };
  },

  publishCircular: async ({ params, ifMatch, principal }) => {
    const circular = await publishCircular(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      circularId: params.c,
      ifMatch,
      by: principal.sub,
      at: nowIso(),
    });
    return { body: circular, version: circular.version };
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
