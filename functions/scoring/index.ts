import { pipelineDeps } from "../http/deps";
import { createHttpHandler } from "../http/pipeline";
import { scoringHandlers } from "./handlers";
import { scoringRoutes } from "./routes";

export const handler = createHttpHandler(scoringRoutes, scoringHandlers, pipelineDeps);
