/** The city's subsidy catalogue of today as the public reads it: its date and the programs of one source in force, by code. */
import { api } from "../../api/client";
import type { Response } from "../../api/contract";

type Entry = Response<"getPublicSubsidies">["programs"][number];

export async function loadInForce(
  t: string,
  source: Entry["source"],
): Promise<{ date: string; byCode: Record<string, Entry> }> {
  const { data } = await api("GET", "/v1/public/tenants/{t}/subsidies", { params: { t }, anonymous: true });
  return {
    date: data.date,
    byCode: Object.fromEntries(data.programs.filter((x) => x.source === source).map((x) => [x.code, x])),
  };
}
