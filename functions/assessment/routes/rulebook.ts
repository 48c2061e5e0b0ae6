/** The year's rulebook (考评细则) and the province's years. */
import * as z from "zod/mini";
import { PROVINCE_ROLES } from "../../../shared/domain/principal";
import { rulebookSchema, rulebookShape } from "../../../shared/domain/rulebook";
import { declareRoutes, lazySchema } from "../../http/route";
import { listOf, provinceParams, versionField } from "../../http/schemas";
import { EVERY_PROVINCE_ROLE } from "./access";
import { provinceYear } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const rulebookResponse = lazySchema(() =>
  z.object({
    ...rulebookShape(),
    provinceId: z.string(),
    year: z.int(),
    version: versionField,
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);

const yearsResponse = lazySchema(() =>
  z.object({
    provinceId: z.string(),
    name: z.string(),
    authorityName: z.string(),
    years: z.array(
      z.object({ year: z.int(), title: z.string(), documentNo: z.string(), version: versionField }),
    ),
  }),
);

export const rulebookRoutes = declareRoutes({
  listYears: {
    method: "GET",
    path: "/v1/provinces/{p}/years",
    summary: "The province and the years that have a rulebook, newest first",
    tags: ["rulebook"],
    access: { roles: EVERY_PROVINCE_ROLE },
    params: provinceParams,
    response: yearsResponse,
  },
  putRulebook: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/rulebook",
    summary: "Publish the year's rulebook (考评细则); every change is a new version",
    description:
      "201 for the first version, 200 for a new one (If-Match required). 409 once a circular of the year is published.",
    tags: ["rulebook"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    body: rulebookSchema,
    response: rulebookResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getRulebook: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rulebook",
    summary: "The year's current rulebook",
    tags: ["rulebook"],
    access: { roles: EVERY_PROVINCE_ROLE },
    params: provinceYear,
    response: rulebookResponse,
    versioned: true,
  },
  listRulebookVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rulebook/versions",
    summary: "Every version of the year's rulebook, oldest first",
    tags: ["rulebook"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: listOf("versions", rulebookResponse),
  },
});
