/**
 * What the authorizer hands to the route handlers, through API Gateway's
 * `requestContext.authorizer.lambda` (and the same object in the local stack).
 *
 * The authorizer never answers "deny": an HTTP API would then reply 403 with its own
 * non-problem body. It returns either the verified principal or why the credentials were
 * refused, and the route pipeline answers 401/429 as `application/problem+json`.
 */
import * as z from "zod/mini";
import { type Principal, principalSchema } from "../../shared/domain/principal";
import { lazySchema } from "./route";

export type AuthContext =
  | { outcome: "authenticated"; principal: string }
  | { outcome: "anonymous" }
  /** why, in English and in Chinese (`reasonZh`) */
  | { outcome: "refused"; reason: string; reasonZh: string }
  | { outcome: "rate-limited"; retryAfter: string }
  /** the credential store could not be reached (→ 503) */
  | { outcome: "unavailable" };

/** Built on first use (`lazySchema`), not when the module is imported. */
const contextSchema = lazySchema(() =>
  z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("authenticated"), principal: z.string() }),
    z.object({ outcome: z.literal("anonymous") }),
    z.object({ outcome: z.literal("refused"), reason: z.string(), reasonZh: z.optional(z.string()) }),
    z.object({ outcome: z.literal("rate-limited"), retryAfter: z.string() }),
    z.object({ outcome: z.literal("unavailable") }),
  ]),
);

export function authenticatedContext(principal: Principal): AuthContext {
  return { outcome: "authenticated", principal: JSON.stringify(principal) };
}

export type Authentication =
  | { kind: "principal"; principal: Principal }
  | { kind: "anonymous" }
  /** `reasonZh`: the reason in Chinese, when the authorizer gave it (not for a context it could not read) */
  | { kind: "refused"; reason: string; reasonZh?: string }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "unavailable" };

/** Read the authorizer's verdict from an event's request context. Anything malformed is a refusal. */
export function readAuthentication(requestContext: unknown): Authentication {
  const lambda = (requestContext as { authorizer?: { lambda?: unknown } } | undefined)?.authorizer?.lambda;
  if (lambda === undefined || lambda === null) return { kind: "anonymous" };
  const parsed = contextSchema.safeParse(lambda);
  if (!parsed.success) return { kind: "refused", reason: "unreadable authorizer context" };
  const context = parsed.data;
  switch (context.outcome) {
    case "anonymous":
      return { kind: "anonymous" };
    case "refused":
      return {
        kind: "refused",
        reason: context.reason,
        ...(context.reasonZh !== undefined ? { reasonZh: context.reasonZh } : {}),
      };
    case "unavailable":
      return { kind: "unavailable" };
    case "rate-limited":
      return {
        kind: "rate-limited",
        retryAfterSeconds: Math.max(1, Number.parseInt(context.retryAfter, 10) || 1),
      };
    case "authenticated": {
      const principal = readPrincipal(context.principal);
      return principal
        ? { kind: "principal", principal }
        : { kind: "refused", reason: "unreadable principal" };
    }
  }
}

/**
 * Principals already read by this instance, by their exact serialized form. A warm function sees
 * the same few callers again and again; a hit skips the JSON parse and the schema check, a miss
 * does both. Bounded: cleared when full.
 */
const principals = new Map<string, Readonly<Principal>>();
const PRINCIPAL_CACHE_SIZE = 500;

function readPrincipal(serialized: string): Readonly<Principal> | null {
  const known = principals.get(serialized);
  if (known) return known;
  let json: unknown;
  try {
    json = JSON.parse(serialized);
  } catch {
    return null;
  }
  const parsed = principalSchema.safeParse(json);
  if (!parsed.success) return null;
  if (principals.size >= PRINCIPAL_CACHE_SIZE) principals.clear();
  const principal = Object.freeze(parsed.data);
  principals.set(serialized, principal);
  return principal;
}
