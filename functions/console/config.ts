/**
 * What the console reads from `/console-config.json` at start: how to sign in (the OIDC issuer the
 * API trusts, the console's client id) and which provinces to offer on the public pages. The local
 * gateway and the deployed web function both serve it.
 */
export interface ConsoleConfig {
  oidc: {
    /** the issuer's base URL; `<authority>/.well-known/openid-configuration` is its discovery document */
    authority: string;
    clientId: string;
    scope: string;
    /** where sign-out sends the browser when the issuer's discovery names no end_session_endpoint (Cognito's /logout) */
    signOutUrl?: string;
  };
  /** `local` shows the development issuer's sign-in; `aws` the deployed identity provider */
  environment: "local" | "aws";
  /** provinces whose published circulars and subsidies the landing page links to */
  publicProvinces: Array<{
    provinceId: string;
    name: string;
    tenants?: Array<{ tenantId: string; name: string }>;
  }>;
}

export const CONSOLE_CONFIG_PATH = "/console-config.json";
