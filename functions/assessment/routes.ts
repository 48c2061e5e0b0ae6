/** Assessment routes (being built). */
import { defineRoutes } from "../http/route";

export const assessmentRoutes = defineRoutes({});
