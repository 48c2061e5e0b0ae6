/**
 * Every page has its own URL (`functions/console/console.md` → Deep links); pages load lazily, so a page's heavy
 * libraries (ECharts on 进度总览) load only with it. Signed-in pages need a session: without one
 * the user signs in and comes back to the same URL.
 */
import { createRouter, createWebHistory } from "vue-router";
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
      children: [
        {
          path: "tenants/:t/years/:y(\\d{4})",
          component: () => import("./pages/city/CityHome.vue"),
          meta: { title: "本单位首页", access: city() },
        },
        {
          path: "tenants/:t/years/:y(\\d{4})/reports/:period(\\d{4}-\\d{2})",
          component: () => import("./pages/city/MonthlyReport.vue"),
          meta: { title: "月度填报", access: city() },
        },
        {
          path: "tenants/:t/years/:y(\\d{4})/reports",
          component: () => import("./pages/city/ReportRedirect.vue"),
          meta: { title: "月度填报", access: city() },
        },
        {
          path: "tenants/:t/years/:y(\\d{4})/highlights",
          component: () => import("./pages/city/Highlights.vue"),
          meta: { title: "工作亮点", access: city() },
        },
        {
          path: "tenants/:t/subsidy-top-ups",
          component: () => import("./pages/city/TopUps.vue"),
          meta: { title: "补贴提标", access: cityAdmin },
        },
        {
          path: "tenants/:t/local-programs",
          component: () => import("./pages/city/LocalPrograms.vue"),
          meta: { title: "地方项目", access: cityAdmin },
        },
        {
          path: "tenants/:t/api-keys",
          component: () => import("./pages/city/ApiKeys.vue"),
          meta: { title: "接口密钥", access: cityAdmin },
        },
        ...provincePages(province),
      ],
    },
    {
      path: "/public",
      component: () => import("./components/PublicLayout.vue"),
      children: [
        {
          path: "provinces/:p/circulars",
          component: () => import("./pages/public/PublicCirculars.vue"),
          meta: { title: "通报公开", access: { scope: "public" } },
        },
        {
          path: "provinces/:p/circulars/:c",
          component: () => import("./pages/public/PublicCircular.vue"),
          meta: { title: "通报", access: { scope: "public" } },
        },
        {
          path: "tenants/:t/subsidies",
          component: () => import("./pages/public/PublicSubsidies.vue"),
          meta: { title: "补贴政策与测算", access: { scope: "public" } },
        },
      ],
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
