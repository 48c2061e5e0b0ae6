/**
 * The province's pages (单位管理, 考评细则, 目标任务, 进度总览, 解锁, 考评打分, 考评结果, 通报),
 * each with its deep link from `functions/console/console.md`. Parameterised by the assessing authority `{p}` and
 * the year, so the same pages can later serve a city assessing its counties.
 */
import type { RouteComponent, RouteRecordRaw } from "vue-router";
import type { PageAccess } from "../../access";

type ProvinceAccess = (roles?: readonly ("province-admin" | "province-reviewer")[]) => PageAccess;

const YEAR = `provinces/:p/years/:y(\\d{4})`;

/** path, page, title: every page is open to the province's admins and reviewers alike */
const PAGES: ReadonlyArray<readonly [string, () => Promise<RouteComponent>, string]> = [
  ["provinces/:p/tenants", () => import("./Tenants.vue"), "单位管理"],
  [`${YEAR}/rulebook`, () => import("./Rulebook.vue"), "考评细则"],
  [`${YEAR}/targets`, () => import("./Targets.vue"), "目标任务"],
  [`${YEAR}/rollup`, () => import("./Rollup.vue"), "进度总览"],
  [`${YEAR}/unlocks`, () => import("./Unlocks.vue"), "解锁"],
  [`${YEAR}/reviews`, () => import("./Reviews.vue"), "考评打分"],
  [`${YEAR}/scoring-runs`, () => import("./ScoringRuns.vue"), "考评结果"],
  [`${YEAR}/scoring-runs/:runId`, () => import("./ScoringRun.vue"), "考评结果"],
  [`${YEAR}/circulars`, () => import("./Circulars.vue"), "通报"],
  [`${YEAR}/circulars/:c`, () => import("./Circular.vue"), "通报"],
];

export function provincePages(province: ProvinceAccess): RouteRecordRaw[] {
  const access = province();
  return PAGES.map(([path, component, title]) => ({ path, component, meta: { title, access } }));
}
