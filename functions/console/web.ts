/**
 * The console as the deployed web function serves it (the HTTP API's `$default` route): every
 * non-API GET/HEAD path is the built console (shipped next to the function's bundle in
 * `console/`), and `/console-config.json` tells the browser how to sign in — from the function's
 * environment (the stack sets it from the identity provider it was deployed with).
 */
import { join } from "node:path";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { CONSOLE_CONFIG_PATH, type ConsoleConfig } from "./config";
import { type ConsoleSite, consolePolicy, isApiPath, openConsoleSite, serveConsole } from "./serve";

export interface ConsoleEnvironment {
  /** the OIDC issuer the API trusts (its discovery document is at `<issuer>/.well-known/openid-configuration`) */
  OIDC_ISSUER?: string | undefined;
  /** the console's client id at that issuer */
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_SCOPES?: string | undefined;
  /** Cognito's hosted logout (`https://<domain>/logout?client_id=…&logout_uri=…`), when the issuer has no end_session_endpoint */
  OIDC_SIGN_OUT_URL?: string | undefined;
  /** provinces linked from the landing page, `jl:吉林省,hl:黑龙江省` */
  PUBLIC_PROVINCES?: string | undefined;
}

/** The sign-in settings the console reads at start. */
export function consoleConfigFrom(env: ConsoleEnvironment): ConsoleConfig {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) throw new Error("OIDC_ISSUER and OIDC_CLIENT_ID must be set");
  const publicProvinces = (env.PUBLIC_PROVINCES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [provinceId = "", name] = entry.split(":");
      return { provinceId, name: name ?? provinceId };
    });
  return {
    oidc: {
      authority: env.OIDC_ISSUER.replace(/\/+$/, ""),
      clientId: env.OIDC_CLIENT_ID,
      scope: env.OIDC_SCOPES ?? "openid profile email",
      ...(env.OIDC_SIGN_OUT_URL ? { signOutUrl: env.OIDC_SIGN_OUT_URL } : {}),
    },
    environment: "aws",
    publicProvinces,
  };
}

/** Origins the console page talks to besides its own: the issuer and its hosted sign-in/logout. */
function identityOrigins(config: ConsoleConfig): string[] {
  const origins = new Set<string>();
  for (const url of [config.oidc.authority, config.oidc.signOutUrl]) {
    if (!url) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  // Cognito's discovery names the hosted domain as its authorize and token endpoints
  if (config.oidc.authority.includes(".amazonaws.com")) origins.add("https://*.amazoncognito.com");
  return [...origins];
}

let site: ConsoleSite | undefined;
/** the sign-in settings and the page's policy, from an environment that does not change while warm */
let settings: { config: ConsoleConfig; policy: string } | undefined;

/**
 * The console's answer to a request, or undefined when the request is not the console's (an
 * API path, another method): the caller answers those (404/405 problem+json).
 */
export function consoleResponse(
  event: APIGatewayProxyEventV2,
  env: ConsoleEnvironment,
  dir: string,
): APIGatewayProxyStructuredResultV2 | undefined {
  const method = (event.requestContext?.http?.method ?? "GET").toUpperCase();
  const path = event.rawPath ?? "/";
  if ((method !== "GET" && method !== "HEAD") || isApiPath(path)) return undefined;
  // a function deployed without an identity provider or a console build answers 404 (the caller)
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return undefined;
  settings ??= (() => {
    const config = consoleConfigFrom(env);
    return { config, policy: consolePolicy(identityOrigins(config)) };
  })();
  const { config, policy } = settings;
  if (path === CONSOLE_CONFIG_PATH) {
    return {
      statusCode: 200,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache" },
      body: method === "HEAD" ? "" : JSON.stringify(config),
    };
  }
  site ??= openConsoleSite(dir);
  if (!site) return undefined;
  return serveConsole(site, {
    method,
    path,
    acceptEncoding: event.headers?.["accept-encoding"],
    pageHeaders: { "content-security-policy": policy },
  });
}

/** Where the deployed bundle finds the console: `console/` next to `index.mjs`. */
export function bundledConsoleDir(moduleUrl: string): string {
  return join(new URL(".", moduleUrl).pathname, "console");
}
