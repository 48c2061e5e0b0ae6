import { pipelineDeps } from "../http/deps";
import { createHttpHandler } from "../http/pipeline";
import { assessmentHandlers } from "./handlers";
import { assessmentRoutes } from "./routes";

export const handler = createHttpHandler(assessmentRoutes, assessmentHandlers, pipelineDeps);
