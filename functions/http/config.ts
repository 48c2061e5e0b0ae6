/**
 * The area functions' settings from their environment, read once per instance — on its first
 * request (its cold start), not at import: the local stack and the bench set some of them after
 * importing the handlers. Nothing else in `functions/http` reads `process.env` per request.
 */
export interface HttpConfig {
  /** check every JSON answer against its route's response schema (development and tests) */
  validateResponses: boolean;
  /** the identity provider: issuer and audience are required once a protected route is called */
  oidc: { issuer: string | undefined; audience: string | undefined; jwksUri: string | undefined };
  /** requests per minute per API key; 0 = unlimited */
  apiKeyRatePerMinute: number;
}

export function readHttpConfig(env: Readonly<Record<string, string | undefined>>): HttpConfig {
  return {
    validateResponses: env.VALIDATE_RESPONSES === "true",
    oidc: {
      issuer: env.OIDC_ISSUER || undefined,
      audience: env.OIDC_AUDIENCE || undefined,
      jwksUri: env.OIDC_JWKS_URI || undefined,
    },
    apiKeyRatePerMinute: Number(env.API_KEY_RATE_PER_MINUTE ?? "0"),
  };
}

let config: HttpConfig | undefined;

/** This instance's settings, read from the environment on first use. */
export function httpConfig(): HttpConfig {
  config ??= readHttpConfig(process.env);
  return config;
}
