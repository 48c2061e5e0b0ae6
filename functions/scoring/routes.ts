/** Scoring routes (being built). */
import { defineRoutes } from "../http/route";

export const scoringRoutes = defineRoutes({});
