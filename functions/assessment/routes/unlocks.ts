/** Unlocks: one locked period reopened for one city until an instant, with a reason. */
import * as z from "zod/mini";
import { unlockShape } from "../../../shared/data/entities/unlock";
import { PROVINCE_ROLES } from "../../../shared/domain/principal";
import { periodSchema } from "../../../shared/domain/reporting";
import { zodMessage } from "../../../shared/lib/zod-text";
import { declareRoutes, lazySchema } from "../../http/route";
import { idSchema, listOf, paragraph } from "../../http/schemas";
import { provinceYear } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const unlockRequest = lazySchema(() =>
  z.strictObject({
    tenantId: idSchema,
    period: periodSchema,
    reason: paragraph(500),
    until: z.iso.datetime({
      offset: true,
      message: zodMessage(
        "must be an ISO-8601 instant such as 2020-01-20T23:59:59+08:00",
        "须为带时区的 ISO-8601 时间，如2020-01-20T23:59:59+08:00",
      ),
    }),
  }),
);

const unlockResponse = lazySchema(() => z.object(unlockShape()));

export const unlocksRoutes = declareRoutes({
  listUnlocks: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/unlocks",
    summary: "Every unlock given in the year, newest first, each saying whether it is in force now",
    tags: ["reports"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: listOf(
      "unlocks",
      lazySchema(() => z.object({ ...unlockShape(), inForce: z.boolean() })),
    ),
  },
  createUnlock: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/unlocks",
    summary: "Reopen one locked period for one city until an instant, with a reason",
    tags: ["reports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    body: unlockRequest,
    response: unlockResponse,
    status: 201,
  },
});
