/** Subsidies routes (being built). */
import { defineRoutes } from "../http/route";

export const subsidiesRoutes = defineRoutes({});
