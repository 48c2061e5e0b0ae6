import { pipelineDeps } from "../http/deps";
import { createHttpHandler } from "../http/pipeline";
import { circularsHandlers } from "./handlers";
import { circularsRoutes } from "./routes";

export const handler = createHttpHandler(circularsRoutes, circularsHandlers, pipelineDeps);
