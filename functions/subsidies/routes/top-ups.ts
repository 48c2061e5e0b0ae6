/** A city's top-ups of provincial programs, checked against the provincial baseline and limit. */
import * as z from "zod/mini";
import { declareRoutes, lazySchema } from "../../http/route";
import { tenantParams } from "../../http/schemas";
import { CITY_DATA_READERS, TAGS } from "./access";
import { asOfQuery, tenantCodeParams } from "./params";
import { storedTopUp, topUpRequest, topUpVersions } from "./versions";

export const topUpsRoutes = declareRoutes({
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
});
