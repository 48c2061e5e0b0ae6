/**
 * The development issuer as an OpenID Connect provider, so the console's sign-in code (the
 * authorization code flow with PKCE) runs locally exactly as against the deployed issuer:
 * discovery, an authorize endpoint whose sign-in page offers each demo identity as one button
 * (`长春市 city-reporter`, `吉林省 province-admin`, …) plus a form for any other identity, a token
 * endpoint that checks the PKCE verifier, and a logout endpoint. Local only: these live under
 * `/local/oidc/` and never in the route table.
 */
import { createHash, randomBytes } from "node:crypto";
import type { HttpResult } from "../../functions/http/request-state";
import type { Db } from "../../shared/data/client";
import { allTenants, findProvince } from "../../shared/data/stores/tenancy";
import { missingScope, principalSchema, ROLES, type Role } from "../../shared/domain/principal";
import { now } from "../../shared/lib/clock";
import { type DevIssuer, LOCAL_AUDIENCE } from "./dev-issuer";

export const OIDC_BASE = "/local/oidc";
const CODE_LIFETIME_MS = 60_000;

export interface Identity {
  label: string;
  sub: string;
  name: string;
  role: Role;
  provinceId?: string;
  tenantId?: string;
}

interface PendingCode {
  claims: Record<string, unknown> & { sub: string };
  challenge: string;
  redirectUri: string;
  clientId: string;
  expires: number;
}

/** The identities the sign-in page offers: per province its admins and reviewer, per unit its two roles. */
export async function demoIdentities(db: Db, provinceIds: readonly string[]): Promise<Identity[][]> {
  const groups: Identity[][] = [];
  for (const p of provinceIds) {
    const province = await findProvince(db, p);
    if (!province) continue;
    const ofProvince = (role: Role, user: string, title: string, aside = ""): Identity => ({
      label: `${province.name}${aside} ${role}`,
      sub: `${user}@${p}`,
      name: `${province.name}${title}`,
      role,
      provinceId: p,
    });
    const group: Identity[] = [
      ofProvince("province-admin", "admin", "管理员"),
      ofProvince("province-admin", "admin2", "第二管理员", "（第二管理员）"),
      ofProvince("province-reviewer", "reviewer", "评审员"),
    ];
    for (const tenant of await allTenants(db, p)) {
      const ofTenant = (role: Role, user: string, title: string): Identity => ({
        label: `${tenant.name} ${role}`,
        sub: `${user}@${tenant.tenantId}`,
        name: `${tenant.name}${title}`,
        role,
        provinceId: p,
        tenantId: tenant.tenantId,
      });
      group.push(ofTenant("city-reporter", "reporter", "填报员"), ofTenant("city-admin", "admin", "管理员"));
    }
    groups.push(group);
  }
  groups.push([
    { label: "平台 platform-admin", sub: "platform-admin", name: "平台管理员", role: "platform-admin" },
  ]);
  return groups;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
] as const;

function html(status: number, body: string): HttpResult {
  return {
    statusCode: status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
    body,
  };
}

function json(status: number, body: unknown): HttpResult {
  return {
    statusCode: status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}

function redirect(location: string): HttpResult {
  return { statusCode: 302, headers: { location, "cache-control": "no-store" } };
}

function oauthError(error: string, description: string): HttpResult {
  return json(400, { error, error_description: description });
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif;background:#f2f4f7;color:#1f2329}
main{max-width:960px;margin:32px auto;padding:0 20px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 10px;color:#1f4e8c}
p.note{color:#4e5969;margin:0 0 16px;font-size:14px}
.card{background:#fff;border-radius:8px;padding:20px 24px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px}
.ids{display:flex;flex-wrap:wrap;gap:8px}
button{font:inherit;font-size:14px;padding:8px 14px;border:1px solid #c9cdd4;background:#fff;border-radius:6px;cursor:pointer;color:#1f2329}
button:hover,button:focus-visible{border-color:#1f4e8c;color:#1f4e8c;outline:2px solid #1f4e8c33}
button.primary{background:#1f4e8c;border-color:#1f4e8c;color:#fff}
label{display:block;font-size:14px;margin:0 0 4px;color:#4e5969}
input,select{font:inherit;font-size:14px;padding:6px 8px;border:1px solid #c9cdd4;border-radius:6px;width:100%;box-sizing:border-box}
.row{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:12px}
.error{color:#c0392b}
@media (max-width:640px){.row{grid-template-columns:1fr}}
</style></head><body><main>${content}</main></body></html>`;
}

export interface DevOidcProvider {
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    form: URLSearchParams,
    origin: string,
  ): Promise<HttpResult | undefined>;
}

export function createDevOidc(options: {
  issuer: DevIssuer;
  db: () => Db;
  provinces: readonly string[];
}): DevOidcProvider {
  const codes = new Map<string, PendingCode>();

  function discovery(origin: string) {
    const base = `${origin}${OIDC_BASE}`;
    return {
      issuer: options.issuer.issuer,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${origin}/local/jwks.json`,
      end_session_endpoint: `${base}/logout`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      code_challenge_methods_supported: ["S256"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256"],
      scopes_supported: ["openid", "profile"],
      token_endpoint_auth_methods_supported: ["none"],
      claims_supported: ["sub", "name", "role", "provinceId", "tenantId"],
    };
  }

  /** The request is one the console's client may make: its own client id, a callback on this origin, PKCE. */
  function checkAuthorize(params: URLSearchParams, origin: string): string | undefined {
    if (params.get("client_id") !== LOCAL_AUDIENCE) return `client_id 应为 ${LOCAL_AUDIENCE}`;
    if (params.get("response_type") !== "code") return "response_type 应为 code";
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!redirectUri.startsWith(`${origin}/`)) return "redirect_uri 必须是本站地址";
    if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge"))
      return "需要 PKCE（code_challenge_method=S256）";
    return undefined;
  }

  async function signInPage(params: URLSearchParams, origin: string, message?: string): Promise<HttpResult> {
    const problem = checkAuthorize(params, origin);
    if (problem)
      return html(
        400,
        page("登录请求无效", `<h1>登录请求无效</h1><p class="error">${escapeHtml(problem)}</p>`),
      );
    const hidden = AUTHORIZE_PARAMS.map((name) => {
      const value = params.get(name);
      return value === null ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    }).join("");
    const groups = await demoIdentities(options.db(), options.provinces);
    const sections = groups
      .map((group) => {
        const heading = group[0]?.provinceId ? (group[0].label.split(" ")[0] ?? "") : "平台";
        const buttons = group
          .map((id) => {
            const value = [id.role, id.provinceId ?? "", id.tenantId ?? "", id.sub, id.name].join("|");
            return `<button type="submit" name="identity" value="${escapeHtml(value)}">${escapeHtml(id.label)}</button>`;
          })
          .join("");
        return `<h2>${escapeHtml(heading)}</h2><div class="ids">${buttons}</div>`;
      })
      .join("");
    const roleOptions = ROLES.filter((r) => r !== "integration")
      .map((r) => `<option value="${r}">${r}</option>`)
      .join("");
    const content = `
<h1>本地开发登录</h1>
<p class="note">这是本地开发用的身份提供方（部署后由正式的统一身份认证平台代替）。选择一个演示身份登录，或在下方填写任意身份。</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}
<form method="post" action="${OIDC_BASE}/authorize" class="card" aria-label="演示身份">${hidden}${sections}</form>
<form method="post" action="${OIDC_BASE}/authorize" class="card" aria-labelledby="other-heading">${hidden}
<h2 id="other-heading">其他身份</h2>
<div class="row">
<div><label for="sub">用户标识（sub）</label><input id="sub" name="sub" required maxlength="256" autocomplete="off"></div>
<div><label for="role">角色（role）</label><select id="role" name="role">${roleOptions}</select></div>
<div><label for="provinceId">省份（provinceId）</label><input id="provinceId" name="provinceId" autocomplete="off"></div>
<div><label for="tenantId">单位（tenantId）</label><input id="tenantId" name="tenantId" autocomplete="off"></div>
</div>
<button type="submit" class="primary">以此身份登录</button>
</form>`;
    return html(200, page("本地开发登录", content));
  }

  async function authorize(form: URLSearchParams, origin: string): Promise<HttpResult> {
    const problem = checkAuthorize(form, origin);
    if (problem)
      return html(
        400,
        page("登录请求无效", `<h1>登录请求无效</h1><p class="error">${escapeHtml(problem)}</p>`),
      );
    let candidate: Record<string, unknown>;
    const identity = form.get("identity");
    if (identity) {
      const [role, provinceId, tenantId, sub, name] = identity.split("|");
      candidate = { sub, role, provinceId, tenantId, name };
    } else {
      candidate = {
        sub: form.get("sub")?.trim(),
        role: form.get("role"),
        provinceId: form.get("provinceId")?.trim(),
        tenantId: form.get("tenantId")?.trim(),
      };
    }
    const { name, ...rest } = candidate;
    const claims = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => typeof v === "string" && v !== ""),
    );
    const principal = principalSchema.safeParse({ ...claims, kind: "user" });
    const scopeProblem = principal.success ? missingScope(principal.data) : "身份信息不完整或格式不对";
    if (!principal.success || scopeProblem)
      return signInPage(form, origin, `无法以此身份登录：${scopeProblem ?? ""}`);
    const code = randomBytes(24).toString("base64url");
    codes.set(code, {
      claims: {
        ...(claims as { sub: string }),
        ...(typeof name === "string" && name ? { name } : {}),
        ...nonceOf(form),
      },
      challenge: form.get("code_challenge") ?? "",
      redirectUri: form.get("redirect_uri") ?? "",
      clientId: form.get("client_id") ?? "",
      expires: Date.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(form.get("redirect_uri") ?? `${origin}/`);
    target.searchParams.set("code", code);
    const state = form.get("state");
    if (state) target.searchParams.set("state", state);
    return redirect(target.toString());
  }

  async function token(form: URLSearchParams): Promise<HttpResult> {
    if (form.get("grant_type") !== "authorization_code")
      return oauthError("unsupported_grant_type", "only authorization_code is supported");
    const code = form.get("code") ?? "";
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending || pending.expires < Date.now())
      return oauthError("invalid_grant", "unknown or expired code");
    if (form.get("redirect_uri") !== pending.redirectUri)
      return oauthError("invalid_grant", "redirect_uri differs");
    if (form.get("client_id") !== pending.clientId) return oauthError("invalid_client", "client_id differs");
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!verifier || challenge !== pending.challenge)
      return oauthError("invalid_grant", "PKCE verification failed");
    const minted = await options.issuer.mint(pending.claims);
    // seconds of the service's clock (which LOCAL_NOW or PUT /local/clock may have moved)
    const expiresIn = Math.max(1, Math.round((Date.parse(minted.expiresAt) - now().getTime()) / 1000));
    return json(200, {
      access_token: minted.token,
      id_token: minted.token,
      token_type: "Bearer",
      expires_in: expiresIn,
      scope: "openid profile",
    });
  }

  return {
    async handle(method, path, query, form, origin) {
      if (!path.startsWith(`${OIDC_BASE}/`)) return undefined;
      const rest = path.slice(OIDC_BASE.length);
      if (rest === "/.well-known/openid-configuration" && method === "GET")
        return json(200, discovery(origin));
      if (rest === "/authorize" && method === "GET") return signInPage(query, origin);
      if (rest === "/authorize" && method === "POST") return authorize(form, origin);
      if (rest === "/token" && method === "POST") return token(form);
      if (rest === "/logout" && method === "GET") {
        const back = query.get("post_logout_redirect_uri") ?? "";
        return redirect(back.startsWith(`${origin}/`) ? back : `${origin}/auth/signed-out`);
      }
      return undefined;
    },
  };
}

function nonceOf(form: URLSearchParams): { nonce?: string } {
  const nonce = form.get("nonce");
  return nonce ? { nonce } : {};
}
