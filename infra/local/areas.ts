/** Area → Lambda handler, for the local stack (the CDK stack maps the same areas to entry files). */
import type { Context } from "aws-lambda";
import { handler as assessment } from "../../functions/assessment/index";
import { handler as circulars } from "../../functions/circulars/index";
import type { HttpEvent, HttpResult } from "../../functions/http/request-state";
import type { Area } from "../../functions/http/route";
import { handler as platform } from "../../functions/platform/index";
import { handler as scoring } from "../../functions/scoring/index";
import { handler as subsidies } from "../../functions/subsidies/index";

export type AreaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export const areaHandlers: Record<Area, AreaHandler> = {
  platform,
  assessment,
  scoring,
  circulars,
  subsidies,
};
