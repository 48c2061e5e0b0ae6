/**
 * The local stack in-process for API tests: the real gateway, authorizer logic and handlers on an
 * ephemeral port, over the suite's DynamoDB Local with a table of its own.
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalStack, startLocalStack } from "../../infra/local/stack";
import type { Role } from "../../shared/domain/principal";
import { setNow } from "../../shared/lib/clock";
import { localEndpoint } from "./db";
import { type Call, client } from "./http";

process.env.POWERTOOLS_LOG_LEVEL ??= "CRITICAL";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export interface TestStack {
  stack: LocalStack;
  url: string;
  call: Call;
  token(role: Role, scope?: { provinceId?: string; tenantId?: string; sub?: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestStack(
  options: { seedDemo?: boolean; apiKeyRatePerMinute?: number } = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "employment-test-"));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    dynamodb: { endpoint: localEndpoint() },
    tableName: `api-${randomBytes(4).toString("hex")}`,
    seedDemo: options.seedDemo ?? false,
    ...(options.apiKeyRatePerMinute ? { apiKeyRatePerMinute: options.apiKeyRatePerMinute } : {}),
  });
  const call = client(stack.url);
  return {
    stack,
    url: stack.url,
    call,
    async token(role, scope = {}) {
      const minted = await stack.issuer.mint({
        sub: scope.sub ?? `${role}@${scope.tenantId ?? scope.provinceId ?? "platform"}`,
        role,
        ...(scope.provinceId ? { provinceId: scope.provinceId } : {}),
        ...(scope.tenantId ? { tenantId: scope.tenantId } : {}),
      });
      return minted.token;
    },
    async stop() {
      setNow(null);
      await stack.stop();
    },
  };
}
