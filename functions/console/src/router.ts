/**
 * Every page has its own URL (`functions/console/console.md` → Deep links); pages load lazily, so a page's heavy
 * libraries (ECharts on 进度总览) load only with it. Signed-in pages need a session: without one
 * the user signs in and comes back to the same URL.
 */
import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw } from "vue-router";
import { CITY_ROLES, type PageAccess, PROVINCE_ROLES } from "./access";
import { trackLocation } from "./api/client";
import { restoreSession, session, signIn } from "./auth/session";
import { provincePages } from "./pages/province/routes";

declare module "vue-router" {
  interface RouteMeta {
    title?: string;
    access?: PageAccess;
  }
}

const city = (roles: PageAccess & { scope: "tenant" } = { scope: "tenant", roles: CITY_ROLES }) => roles;
const cityAdmin: PageAccess = { scope: "tenant", roles: ["city-admin"] };
const province = (
  roles: readonly ("province-admin" | "province-reviewer")[] = PROVINCE_ROLES,
): PageAccess => ({
  scope: "province",
  roles,
});

const YEAR = "tenants/:t/years/:y(\\d{4})";
const PUBLIC: PageAccess = { scope: "public" };

/** path, page, title, who may open it */
type Page = readonly [string, () => Promise<RouteComponent>, string, PageAccess];
const pages = (list: readonly Page[]): RouteRecordRaw[] =>
  list.map(([path, component, title, access]) => ({ path, component, meta: { title, access } }));

const cityPages = pages([
  [YEAR, () => import("./pages/city/CityHome.vue"), "本单位首页", city()],
  [
    `${YEAR}/reports/:period(\\d{4}-\\d{2})`,
    () => import("./pages/city/MonthlyReport.vue"),
    "月度填报",
    city(),
  ],
  [`${YEAR}/reports`, () => import("./pages/city/ReportRedirect.vue"), "月度填报", city()],
  [`${YEAR}/highlights`, () => import("./pages/city/Highlights.vue"), "工作亮点", city()],
  ["tenants/:t/subsidy-top-ups", () => import("./pages/city/TopUps.vue"), "补贴提标", cityAdmin],
  ["tenants/:t/local-programs", () => import("./pages/city/LocalPrograms.vue"), "地方项目", cityAdmin],
  ["tenants/:t/api-keys", () => import("./pages/city/ApiKeys.vue"), "接口密钥", cityAdmin],
]);

const publicPages = pages([
  ["provinces/:p/circulars", () => import("./pages/public/PublicCirculars.vue"), "通报公开", PUBLIC],
  ["provinces/:p/circulars/:c", () => import("./pages/public/PublicCircular.vue"), "通报", PUBLIC],
  ["tenants/:t/subsidies", () => import("./pages/public/PublicSubsidies.vue"), "补贴政策与测算", PUBLIC],
]);

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", component: () => import("./pages/HomePage.vue"), meta: { title: "首页" } },
    {
      path: "/auth/callback",
      component: () => import("./pages/auth/SignInCallback.vue"),
      meta: { title: "正在登录" },
    },
    {
      path: "/auth/signed-out",
      component: () => import("./pages/auth/SignedOut.vue"),
      meta: { title: "已退出登录" },
    },
    {
      path: "/",
      component: () => import("./components/ConsoleLayout.vue"),
      children: [...cityPages, ...provincePages(province)],
    },
    {
      path: "/public",
      component: () => import("./components/PublicLayout.vue"),
      children: publicPages,
    },
    { path: "/:rest(.*)*", component: () => import("./pages/NotFound.vue"), meta: { title: "页面不存在" } },
  ],
});

router.beforeEach(async (to) => {
  await restoreSession().catch(() => undefined);
  const access = to.meta.access;
  if (access && access.scope !== "public" && !session.principal) {
    await signIn(to.fullPath);
    return false;
  }
  return true;
});

router.afterEach((to) => {
  const title = to.meta.title;
  document.title = title ? `${title} · 就业创业工作目标责任制考评` : "就业创业工作目标责任制考评";
});

trackLocation(() => router.currentRoute.value.fullPath);
