/** The province's subsidy programs: append-only, effective-dated versions. */
import * as z from "zod/mini";
import { declareRoutes, lazySchema } from "../../http/route";
import { provinceParams } from "../../http/schemas";
import { PROGRAM_READERS, TAGS } from "./access";
import { asOfQuery, provinceCodeParams } from "./params";
import { programRequest, programVersions, storedProgram } from "./versions";

export const provincialProgramsRoutes = declareRoutes({
  putSubsidyProgram: {
    method: "PUT",
    path: "/v1/provinces/{p}/subsidy-programs/{code}",
    summary: "Write a new version of a provincial subsidy program (201 first version, 200 later ones)",
    description:
      "Every write appends a version; nothing is overwritten. If-Match is optional (412 when it names another version). `code` comes from the path (a body `code` must equal it). 422 when the domain's rules refuse the program (dates out of order, duplicate tier keys, a top-up limit at an unknown path or below the program's value).",
    tags: TAGS,
    access: { roles: ["province-admin"] },
    params: provinceCodeParams,
    body: programRequest,
    response: storedProgram,
    alsoStatus: [201],
    versioned: true,
  },
  listSubsidyPrograms: {
    method: "GET",
    path: "/v1/provinces/{p}/subsidy-programs",
    summary:
      "The province's programs: the latest version of each, or with ?date= the version in force on that date",
    tags: TAGS,
    access: { roles: PROGRAM_READERS },
    params: provinceParams,
    query: asOfQuery,
    response: lazySchema(() => z.strictObject({ programs: z.array(storedProgram) })),
  },
  listSubsidyProgramVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/subsidy-programs/{code}/versions",
    summary: "Every version of a provincial program, oldest first",
    tags: TAGS,
    access: { roles: PROGRAM_READERS },
    params: provinceCodeParams,
    response: programVersions,
  },
});
