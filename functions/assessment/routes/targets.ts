/** A city's annual targets: one unit's, the province's, and the spreadsheet template and import. */
import * as z from "zod/mini";
import { storedTargetsShape } from "../../../shared/data/entities/targets";
import { PROVINCE_ROLES } from "../../../shared/domain/principal";
import { zodMessage } from "../../../shared/lib/zod-text";
import { CSV_TYPE, XLSX_TYPE } from "../../http/office";
import { declareRoutes, lazySchema } from "../../http/route";
import { storedFields } from "../../http/schemas";
import { SPREADSHEET_UPLOAD } from "../../http/uploads";
import { TENANT_AND_PROVINCE } from "./access";
import { dryRunQuery, importResponse, templateQuery } from "./imports";
import { provinceYear, provinceYearTenant, tenantYear } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

/**
 * An indicator code as a map key. Any string is accepted here so that a code the rulebook does
 * not know is answered with a 422 naming it (`body.values.<code>`) rather than a 400.
 */
export const codeKey = () => z.string().check(z.minLength(1), z.maxLength(64));

const targetsRequest = lazySchema(() =>
  z.strictObject({
    targets: z.record(codeKey(), z.number().check(z.gt(0, zodMessage("a target must be > 0", "须大于0")))),
  }),
);

/** One indicator's province total: count indicators are summed over the units, rates are not. */
export function provinceTotalShape() {
  return {
    code: z.string(),
    kind: z.enum(["count", "rate"]),
    summed: z.boolean(),
    target: z.nullable(z.number()),
  };
}

const targetsResponse = lazySchema(() => z.object(storedFields(storedTargetsShape(), ["provinceId"])));

export const targetsRoutes = declareRoutes({
  putTargets: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/targets/{t}",
    summary: "Set a city's annual targets (exactly the rulebook's indicator codes, each > 0)",
    tags: ["targets"],
    access: { roles: ["province-admin"] },
    params: provinceYearTenant,
    body: targetsRequest,
    response: targetsResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getTargets: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/targets",
    summary: "A city's annual targets",
    tags: ["targets"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    response: targetsResponse,
    versioned: true,
  },
  listProvinceTargets: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/targets",
    summary: "Every unit's annual targets of the year (units in display order) with the province totals",
    description:
      "One entry per unit that has targets, with its version (the If-Match of its next PUT); `totals` sums count indicators over the units (rates are not summed).",
    tags: ["targets"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: lazySchema(() =>
      z.object({
        targets: z.array(targetsResponse),
        totals: z.array(z.object(provinceTotalShape())),
      }),
    ),
  },
  getTargetsTemplate: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/targets/template",
    summary:
      "The targets template: one row per unit in displayOrder, one column per indicator, current targets filled in",
    description: "`format=xlsx` (default) or `csv`. Fill it in Excel or WPS and send it to …/targets/import.",
    tags: ["targets", "imports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    query: templateQuery,
    produces: [XLSX_TYPE, CSV_TYPE],
    // no rulebook for the year yet
    alsoErrors: [422],
  },
  importTargets: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/targets/import",
    summary:
      "Import the filled targets template: ?dryRun=true (default) shows what would change, false writes it",
    description:
      "Every row is checked as the targets PUT checks it; the answer names each row by its spreadsheet row number and each " +
      "error by its cell (D7). A dry run writes nothing. A commit with any error is 422 with the same body and writes " +
      "nothing; otherwise every changed unit gets a new targets version, all in one transaction (at most 49 changed units " +
      "per file). A file that is not the template (missing or unknown columns), not a spreadsheet, with merged cells, or " +
      "over 2 MB is 400/413.",
    tags: ["targets", "imports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    query: dryRunQuery,
    upload: SPREADSHEET_UPLOAD,
    response: importResponse,
  },
});
