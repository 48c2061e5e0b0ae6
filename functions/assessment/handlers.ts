import type { Handlers } from "../http/route";
import type { assessmentRoutes } from "./routes";

export const assessmentHandlers: Handlers<typeof assessmentRoutes> = {};
