import { pipelineDeps } from "../http/deps";
import { createHttpHandler } from "../http/pipeline";
import { subsidiesHandlers } from "./handlers";
import { subsidiesRoutes } from "./routes";

export const handler = createHttpHandler(subsidiesRoutes, subsidiesHandlers, pipelineDeps);
