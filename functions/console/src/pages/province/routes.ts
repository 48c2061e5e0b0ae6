/**
 * The province's pages (单位管理, 考评细则, 目标任务, 进度总览, 解锁, 考评打分, 考评结果, 通报),
 * each with its deep link from `functions/console/console.md`. Parameterised by the assessing authority `{p}` and
 * the year, so the same pages can later serve a city assessing its counties.
 */
import type { RouteRecordRaw } from "vue-router";
import type { PageAccess } from "../../access";

type ProvinceAccess = (roles?: readonly ("province-admin" | "province-reviewer")[]) => PageAccess;

const YEAR = ":y(\\d{4})";

export function provincePages(province: ProvinceAccess): RouteRecordRaw[] {
  const access = province();
  return [
    {
      path: "provinces/:p/tenants",
      component: () => import("./Tenants.vue"),
      meta: { title: "单位管理", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/rulebook`,
      component: () => import("./Rulebook.vue"),
      meta: { title: "考评细则", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/targets`,
      component: () => import("./Targets.vue"),
      meta: { title: "目标任务", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/rollup`,
      component: () => import("./Rollup.vue"),
      meta: { title: "进度总览", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/unlocks`,
      component: () => import("./Unlocks.vue"),
      meta: { title: "解锁", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/reviews`,
      component: () => import("./Reviews.vue"),
      meta: { title: "考评打分", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/scoring-runs`,
      component: () => import("./ScoringRuns.vue"),
      meta: { title: "考评结果", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/scoring-runs/:runId`,
      component: () => import("./ScoringRun.vue"),
      meta: { title: "考评结果", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/circulars`,
      component: () => import("./Circulars.vue"),
      meta: { title: "通报", access },
    },
    {
      path: `provinces/:p/years/${YEAR}/circulars/:c`,
      component: () => import("./Circular.vue"),
      meta: { title: "通报", access },
    },
  ];
}
