/** A city's work highlights of the year (for the circular). */
import * as z from "zod/mini";
import { storedHighlightsShape } from "../../../shared/data/entities/highlights";
import { CITY_ROLES, PROVINCE_ROLES } from "../../../shared/domain/principal";
import { declareRoutes, lazySchema } from "../../http/route";
import { paragraph, storedFields } from "../../http/schemas";
import { tenantYear } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const highlightsRequest = lazySchema(() =>
  z.strictObject({
    /** 就业工作方面 */
    employment: z.optional(paragraph(2000)),
    /** 创业工作方面 */
    entrepreneurship: z.optional(paragraph(2000)),
  }),
);

const highlightsResponse = lazySchema(() => z.object(storedFields(storedHighlightsShape(), ["provinceId"])));

export const highlightsRoutes = declareRoutes({
  putHighlights: {
    method: "PUT",
    path: "/v1/tenants/{t}/years/{y}/highlights",
    summary: "A city's work highlights of the year (for the circular)",
    tags: ["highlights"],
    access: { roles: ["city-admin"] },
    params: tenantYear,
    body: highlightsRequest,
    response: highlightsResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getHighlights: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/highlights",
    summary: "A city's work highlights of the year",
    tags: ["highlights"],
    access: { roles: [...CITY_ROLES, ...PROVINCE_ROLES] },
    params: tenantYear,
    response: highlightsResponse,
    versioned: true,
  },
});
