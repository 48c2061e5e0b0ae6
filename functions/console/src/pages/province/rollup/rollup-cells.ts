/** 进度总览: a unit's row for an indicator, and an indicator's unit as the headers write it. */
import type { Response } from "../../../api/contract";

type Rollup = Response<"getRollup">;

export function rowOf(tenant: Rollup["tenants"][number], code: string) {
  return tenant.rows.find((r) => r.code === code);
}

export function unitLabel(unit: string | null) {
  return unit ? `（${unit}）` : "";
}
