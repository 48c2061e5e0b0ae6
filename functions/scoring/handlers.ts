import type { Handlers } from "../http/route";
import type { scoringRoutes } from "./routes";

export const scoringHandlers: Handlers<typeof scoringRoutes> = {};
