/**
 * The API Gateway (HTTP API, payload 2.0, simple responses) Lambda authorizer. It always
 * "authorizes" and passes its verdict in the context — see functions/http/auth-context.ts for why.
 * Result caching is off in the stack, so a revoked key stops working on the next request.
 */
import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { dbFromEnv } from "../../shared/data/client";
import { verifyApiKey } from "../../shared/data/stores/api-keys";
import { checkRateLimit } from "../../shared/data/stores/rate-limit";
import { logger } from "../http/logger";
import { createAuthenticator } from "./authenticate";
import { remoteJwks } from "./remote-jwks";

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

const issuer = requiredEnv("OIDC_ISSUER");
const audience = requiredEnv("OIDC_AUDIENCE");
const jwksUri = process.env.OIDC_JWKS_URI || `${issuer.replace(/\/$/, "")}/.well-known/jwks.json`;
const perMinute = Number(process.env.API_KEY_RATE_PER_MINUTE ?? "0");

const authenticate = createAuthenticator({
  oidc: { issuer, audience, keys: remoteJwks(new URL(jwksUri)) },
  verifyApiKey: (key) => verifyApiKey(dbFromEnv(), key),
  ...(perMinute > 0 ? { rateLimit: (key) => checkRateLimit(dbFromEnv(), key, perMinute) } : {}),
});

export const handler = async (event: APIGatewayRequestAuthorizerEventV2) => {
  try {
    const context = await authenticate(event.headers ?? {});
    if (context.outcome !== "authenticated")
      logger.info("credentials not accepted", { outcome: context.outcome });
    return { isAuthorized: true, context };
  } catch (error) {
    logger.error("authorizer failed", { error: error as Error });
    return { isAuthorized: true, context: { outcome: "unavailable" } };
  }
};
