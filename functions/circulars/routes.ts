/** Circulars routes (being built). */
import { defineRoutes } from "../http/route";

export const circularsRoutes = defineRoutes({});
