/** A city's own programs: the shape of a provincial program, citing the city's document. */
import * as z from "zod/mini";
import { declareRoutes, lazySchema } from "../../http/route";
import { tenantParams } from "../../http/schemas";
import { CITY_DATA_READERS, TAGS } from "./access";
import { asOfQuery, tenantCodeParams } from "./params";
import { programRequest, programVersions, storedProgram } from "./versions";

export const localProgramsRoutes = declareRoutes({
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
});
