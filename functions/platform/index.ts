import { pipelineDeps } from "../http/deps";
import { createHttpHandler } from "../http/pipeline";
import { platformHandlers } from "./handlers";
import { platformRoutes } from "./routes";

export const handler = createHttpHandler(platformRoutes, platformHandlers, pipelineDeps);
