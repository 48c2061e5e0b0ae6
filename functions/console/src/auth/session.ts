/**
 * Sign-in: OpenID Connect authorization code flow with PKCE (oidc-client-ts) against the issuer
 * the API trusts — the development issuer locally, the deployed identity provider in AWS. The
 * user (ID token included) is kept in this tab's sessionStorage, never in a cookie; the ID token is
 * the bearer the API verifies. Sign-out removes it.
 */
import { type User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { reactive } from "vue";
import { CONSOLE_CONFIG_PATH, type ConsoleConfig } from "../../config";

export type Role = "platform-admin" | "province-admin" | "province-reviewer" | "city-admin" | "city-reporter";

export interface Principal {
  sub: string;
  role: Role;
  provinceId?: string;
  tenantId?: string;
  name?: string;
}

export const session = reactive<{ principal: Principal | null; token: string | null; restored: boolean }>({
  principal: null,
  token: null,
  restored: false,
});

let configPromise: Promise<ConsoleConfig> | undefined;

export function loadConfig(): Promise<ConsoleConfig> {
  configPromise ??= fetch(CONSOLE_CONFIG_PATH, { headers: { accept: "application/json" } }).then(
    async (res) => {
      if (!res.ok) throw new Error(`登录配置不可用（${res.status}）`);
      return (await res.json()) as ConsoleConfig;
    },
  );
  return configPromise;
}

let managerPromise: Promise<UserManager> | undefined;

function manager(): Promise<UserManager> {
  managerPromise ??= loadConfig().then(
    (config) =>
      new UserManager({
        authority: config.oidc.authority,
        client_id: config.oidc.clientId,
        redirect_uri: `${window.location.origin}/auth/callback`,
        post_logout_redirect_uri: `${window.location.origin}/auth/signed-out`,
        response_type: "code",
        scope: config.oidc.scope,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
        automaticSilentRenew: false,
        loadUserInfo: false,
        monitorSession: false,
      }),
  );
  return managerPromise;
}

function claim(profile: Record<string, unknown>, name: string): string | undefined {
  const value = profile[name] ?? profile[`custom:${name}`];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function principalOf(profile: Record<string, unknown>): Principal | null {
  const role = claim(profile, "role") as Role | undefined;
  const sub = typeof profile.sub === "string" ? profile.sub : undefined;
  if (!role || !sub) return null;
  const provinceId = claim(profile, "provinceId");
  const tenantId = claim(profile, "tenantId");
  const name = claim(profile, "name") ?? claim(profile, "email");
  return {
    sub,
    role,
    ...(provinceId ? { provinceId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(name ? { name } : {}),
  };
}

function apply(user: User | null): void {
  const principal = user && !user.expired && user.id_token ? principalOf(user.profile) : null;
  session.principal = principal;
  session.token = principal ? (user?.id_token ?? null) : null;
}

/** The signed-in user of this tab, if any (once per page load). */
export async function restoreSession(): Promise<void> {
  if (session.restored) return;
  try {
    apply(await (await manager()).getUser());
  } finally {
    session.restored = true;
  }
}

/** Off to the identity provider; back at `returnTo` once signed in. */
export async function signIn(returnTo: string): Promise<void> {
  await (await manager()).signinRedirect({ state: { returnTo } });
}

/** On `/auth/callback`: redeem the code (PKCE) and answer where the user was going. */
export async function completeSignIn(): Promise<string> {
  const user = await (await manager()).signinRedirectCallback();
  apply(user);
  const state = user.state as { returnTo?: unknown } | undefined;
  const returnTo = typeof state?.returnTo === "string" ? state.returnTo : "/";
  return returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
}

/** The API refused the token (expired): forget it and sign in again, back to the same page. */
export async function expireSession(returnTo: string): Promise<void> {
  await (await manager()).removeUser();
  apply(null);
  await signIn(returnTo);
}

export async function signOut(): Promise<void> {
  const m = await manager();
  const config = await loadConfig();
  const user = await m.getUser();
  await m.removeUser();
  apply(null);
  const metadata = await m.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint) {
    await m.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
  } else if (config.oidc.signOutUrl) {
    window.location.assign(config.oidc.signOutUrl);
  } else {
    window.location.assign("/auth/signed-out");
  }
}
