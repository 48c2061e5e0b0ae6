import { dbFromEnv } from "../../shared/data/client";
import type { Principal } from "../../shared/domain/principal";
import { nowIso } from "../../shared/lib/clock";
import { contentDisposition } from "../../shared/lib/content-disposition";
import * as circulars from "../../shared/services/circulars";
import { countBusiness } from "../http/observability";
import { office } from "../http/office";
import type { Handlers, IfMatch, RawResult } from "../http/route";
import { type circularsRoutes, DOCX_TYPE } from "./routes";

/** Published circulars never change their document; a supersession notice may still be added. */
const PUBLIC_CACHE = "public, max-age=60";

/** The workflow step a request asks for: the path's circular, If-Match, the caller, now. */
function stepOf(input: {
  params: { p: string; y: number; c: string };
  ifMatch: IfMatch | undefined;
  principal: Principal;
}): circulars.CircularStep {
  return {
    provinceId: input.params.p,
    year: input.params.y,
    circularId: input.params.c,
    ifMatch: input.ifMatch,
    by: input.principal.sub,
    at: nowIso(),
  };
}

/** The Word document of a circular, as a download (the office bundle is loaded only here). */
async function docxDownload(
  printable: circulars.PrintableCircular,
  headers: Record<string, string>,
): Promise<RawResult> {
  const { renderDocx } = await office();
  return {
    raw: await renderDocx(printable.document, printable.options),
    contentType: DOCX_TYPE,
    headers: {
      ...headers,
      "content-disposition": contentDisposition(printable.filename, printable.fallbackFilename),
    },
  };
}

/** A circular as answered: its view, and its version as ETag. */
const withVersion = (circular: circulars.CircularResponse) => ({ body: circular, version: circular.version });

export const circularsHandlers: Handlers<typeof circularsRoutes> = {
  createCircular: async ({ params, body, principal }) => {
    const { runId, supersedes, ...prose } = body;
    const circular = await circulars.createCircular(dbFromEnv(), {
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
    body: { circulars: await circulars.listCirculars(dbFromEnv(), params.p, params.y) },
  }),

  getCircular: async ({ params, query }) => {
    const format = query.format ?? "json";
    if (format !== "json") {
      const stored = await circulars.getCircularOfYear(dbFromEnv(), params.p, params.y, params.c);
      const etag = { etag: `"${stored.version}"` };
      if (format === "docx") return docxDownload(circulars.printableCircular(stored), etag);
      return { ...circulars.renderCircular(stored, format), headers: etag };
    }
    return withVersion(await circulars.getCircular(dbFromEnv(), params.p, params.y, params.c));
  },

  updateCircular: async (input) =>
    withVersion(await circulars.editCircular(dbFromEnv(), { ...stepOf(input), edits: input.body })),

  approveCircular: async (input) => withVersion(await circulars.approveCircular(dbFromEnv(), stepOf(input))),

  publishCircular: async (input) => {
    const published = await circulars.publishCircular(dbFromEnv(), stepOf(input));
    countBusiness("CircularsPublished");
    return withVersion(published);
  },

  listPublicCirculars: async ({ params, query }) => ({
    body: await circulars.listPublicCirculars(dbFromEnv(), params.p, {
      limit: query.limit ?? 100,
      cursor: query.cursor,
    }),
    headers: { "cache-control": PUBLIC_CACHE },
  }),

  getPublicCircular: async ({ params, query }) => {
    const format = query.format ?? "json";
    if (format === "docx") {
      const stored = await circulars.getPublishedCircular(dbFromEnv(), params.p, params.c);
      return docxDownload(circulars.printableCircular(stored), {
        etag: `"${stored.sha256}"`,
        "cache-control": PUBLIC_CACHE,
      });
    }
    const published = await circulars.getPublicCircular(dbFromEnv(), params.p, params.c, format);
    return {
      raw: published.raw,
      contentType: published.contentType,
      headers: { etag: `"${published.sha256}"`, "cache-control": PUBLIC_CACHE },
    };
  },
};
