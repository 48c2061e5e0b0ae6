import type { Handlers } from "../http/route";
import type { subsidiesRoutes } from "./routes";

export const subsidiesHandlers: Handlers<typeof subsidiesRoutes> = {};
