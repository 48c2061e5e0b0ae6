/**
 * What every signed-in page needs to know about where it is: the unit's and the province's names
 * and the years that have a rulebook — read once per session and shared.
 */
import { reactive } from "vue";
import { api } from "./api/client";
import type { Response } from "./api/contract";

type Years = Response<"listYears">;
type Tenant = Response<"getTenant">;

const cache = reactive({
  years: {} as Record<string, Years | undefined>,
  tenants: {} as Record<string, Tenant | undefined>,
});
const pending = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = pending.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load().catch((error) => {
      pending.delete(key);
      throw error;
    });
    pending.set(key, promise);
  }
  return promise;
}

export function provinceYears(p: string): Promise<Years> {
  return once(`years:${p}`, async () => {
    const { data } = await api("GET", "/v1/provinces/{p}/years", { params: { p } });
    cache.years[p] = data;
    return data;
  });
}

export function tenantProfile(t: string): Promise<Tenant> {
  return once(`tenant:${t}`, async () => {
    const { data } = await api("GET", "/v1/tenants/{t}", { params: { t } });
    cache.tenants[t] = data;
    return data;
  });
}

export function cachedYears(p: string | undefined): Years | undefined {
  return p ? cache.years[p] : undefined;
}

export function cachedTenant(t: string | undefined): Tenant | undefined {
  return t ? cache.tenants[t] : undefined;
}

/** The year to open by default: the newest with a rulebook, else this calendar year. */
export function defaultYear(years: Years | undefined): number {
  return years?.years[0]?.year ?? new Date().getFullYear();
}

export function forgetContext(): void {
  pending.clear();
  cache.years = {};
  cache.tenants = {};
}
