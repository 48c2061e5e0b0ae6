/**
 * The caller of a protected route, from its credentials (`functions/authorizer/authenticate.ts`
 * gives the verdict); public routes read none. Every verdict but a principal is an error: 401
 * refused or missing, 429 rate-limited, 503 when the credential store or the identity provider
 * cannot be reached. The route and the caller are appended to the log context either way.
 */
import { storageUnavailable } from "../../../shared/data/infra-errors";
import type { Principal } from "../../../shared/domain/principal";
import {
  IdentityProviderUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from "../../../shared/lib/errors";
import type { Authenticate, Authentication } from "../auth-context";
import { logger } from "../logger";
import { countBusiness } from "../observability";
import { type HttpMiddleware, routeState } from "../request-state";

export interface AuthenticateOptions {
  /** the verdict on a request's credentials */
  authenticate: Authenticate;
}

export function authenticate(options: AuthenticateOptions): HttpMiddleware {
  return {
    before: async (request) => {
      const state = routeState(request.context);
      const { event } = request;
      let principal: Principal | null = null;
      try {
        if (state.route.access !== "public")
          principal = principalOf(await options.authenticate(event.headers ?? {}));
      } finally {
        // one call: the route is logged even when authentication refuses the request
        logger.appendKeys({
          route: state.route.operationId,
          requestId: event.requestContext?.requestId,
          ...(principal
            ? {
                principal: principal.kind === "api-key" ? `key:${principal.keyId ?? ""}` : principal.sub,
                role: principal.role,
                provinceId: principal.provinceId,
                tenantId: principal.tenantId,
              }
            : {}),
        });
      }
      state.principal = principal;
    },
  };
}

function principalOf(auth: Authentication): Principal {
  if (auth.kind === "principal") return auth.principal;
  if (auth.kind === "unavailable") {
    countBusiness(auth.what === "storage" ? "CredentialStoreUnavailable" : "IdentityProviderUnavailable");
    if (auth.what === "storage")
      throw storageUnavailable(new Error("the API key store could not be reached"));
    throw new IdentityProviderUnavailableError(
      { en: "identity provider unavailable", zh: "身份认证服务不可用" },
      { headers: { "retry-after": "5" } },
    );
  }
  if (auth.kind === "rate-limited") {
    throw new TooManyRequestsError(
      {
        en: "this API key has made too many requests; retry later",
        zh: `该 API 密钥请求过于频繁，请${auth.retryAfterSeconds}秒后重试。`,
      },
      { headers: { "retry-after": String(auth.retryAfterSeconds) } },
    );
  }
  throw new UnauthorizedError(
    auth.kind === "refused"
      ? {
          en: `credentials refused: ${auth.reason.en}`,
          zh: `身份凭据未通过验证：${auth.reason.zh}。`,
        }
      : { en: "this route needs a bearer token or an API key", zh: "此接口须携带 Bearer 令牌或 API 密钥。" },
    { headers: { "www-authenticate": 'Bearer realm="employment-api"' } },
  );
}
