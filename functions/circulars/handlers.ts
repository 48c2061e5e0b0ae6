import type { Handlers } from "../http/route";
import type { circularsRoutes } from "./routes";

export const circularsHandlers: Handlers<typeof circularsRoutes> = {};
