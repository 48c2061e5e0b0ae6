/**
 * Subsidies routes (`shared/domain/subsidies/subsidies.md`): provincial programs, city top-ups and local programs —
 * append-only, effective-dated version histories — and the public catalogue and entitlement
 * calculator.
 *
 * Validation is split in two: the shapes below (types, required and unknown fields) answer 400;
 * the domain's rules across fields (dates in order, tier keys unique, `topUpLimits` paths and
 * values, a top-up's values against the provincial baseline and limit) answer 422 from the
 * service, with each error naming its path.
 */
import { defineRoutes } from "../../http/route";
import { localProgramsRoutes } from "./local-programs";
import { provincialProgramsRoutes } from "./provincial-programs";
import { publicSubsidiesRoutes } from "./public";
import { topUpsRoutes } from "./top-ups";

export const subsidiesRoutes = defineRoutes("subsidies", {
  ...provincialProgramsRoutes,
  ...topUpsRoutes,
  ...localProgramsRoutes,
  ...publicSubsidiesRoutes,
});
