/** The pipeline's dependencies in a deployed (or local) function: the process-wide table client. */
import { dbFromEnv } from "../../shared/data/client";
import { tenantProvince } from "../../shared/data/stores/tenancy";
import type { PipelineDeps } from "./pipeline";

export const pipelineDeps = (): PipelineDeps => ({
  tenantProvince: (tenantId) => tenantProvince(dbFromEnv(), tenantId),
});
