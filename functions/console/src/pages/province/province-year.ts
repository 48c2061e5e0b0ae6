/**
 * The assessing authority and year a province page is about: `{p}` and `{y}` of the URL, the
 * authority's name (its code until the years are read), whether
 * the signed-in user may change things (admins) or only read (reviewers), the units it assesses
 * (every page of the list, in official order), and the same path switched to another year.
 */
import { computed } from "vue";
import { useRoute } from "vue-router";
import { api } from "../../api/client";
import type { Response } from "../../api/contract";
import { session } from "../../auth/session";
import { cachedYears } from "../../context";

export type Unit = Response<"listTenants">["tenants"][number];

export function useProvinceYear() {
  const route = useRoute();
  const p = String(route.params.p);
  const y = Number(route.params.y);
  const provinceName = computed(() => cachedYears(p)?.name ?? p);
  const isAdmin = computed(() => session.principal?.role === "province-admin");
  return { p, y, provinceName, isAdmin };
}

/** Every unit of the assessing authority, in official order (all pages of the list). */
export async function loadUnits(p: string): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api("GET", "/v1/provinces/{p}/tenants", {
      params: { p },
      query: { limit: 100, ...(cursor ? { cursor } : {}) },
    });
    units.push(...data.tenants);
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  return units.sort((a, b) => a.displayOrder - b.displayOrder || a.tenantId.localeCompare(b.tenantId));
}

/** `/provinces/jl/years/2019/rollup?period=…` → the same page of another year (no query). */
export function pathOfYear(path: string, year: number): string {
  return path.replace(/\/years\/\d{4}(\/|$)/, `/years/${year}$1`);
}
