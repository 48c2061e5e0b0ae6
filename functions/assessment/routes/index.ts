/**
 * Assessment routes: the year's rulebook, targets, monthly reports with their deadlines, unlocks
 * and audit trail, highlights, reviews, and the provincial rollup.
 */
import { defineRoutes } from "../../http/route";
import { highlightsRoutes } from "./highlights";
import { reportsRoutes } from "./reports";
import { reviewsRoutes } from "./reviews";
import { rollupRoutes } from "./rollup";
import { rulebookRoutes } from "./rulebook";
import { targetsRoutes } from "./targets";
import { unlocksRoutes } from "./unlocks";

export const assessmentRoutes = defineRoutes("assessment", {
  ...rulebookRoutes,
  ...targetsRoutes,
  ...reportsRoutes,
  ...unlocksRoutes,
  ...rollupRoutes,
  ...highlightsRoutes,
  ...reviewsRoutes,
});
