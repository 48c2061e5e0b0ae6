/**
 * The authenticator's verdict on a request's credentials, as the route pipeline reads it.
 *
 * Every area function authenticates its own requests (functions/authorizer/authenticate.ts, the
 * same module the local stack runs): one Lambda invocation per request, no separate authorizer.
 * The pipeline answers every verdict but a principal as `application/problem+json` — 401 refused,
 * 429 rate-limited, 503 when the credential store or the identity provider cannot be reached.
 */
import type { Principal } from "../../shared/domain/principal";
import type { Bilingual } from "../../shared/lib/errors";

export type Authentication =
  | { kind: "principal"; principal: Readonly<Principal> }
  | { kind: "anonymous" }
  /** why, in English and in Chinese */
  | { kind: "refused"; reason: Bilingual }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** the credential store (API keys) or the identity provider's keys (JWKS) could not be reached */
  | { kind: "unavailable"; what: "storage" | "identity-provider" };

export type Authenticate = (headers: Readonly<Record<string, string | undefined>>) => Promise<Authentication>;
