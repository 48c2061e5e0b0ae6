/**
 * A fresh table on the suite's DynamoDB Local. Refuses any endpoint that is not on this machine,
 * so a test can never touch a real AWS account.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../infra/local/dynamodb";
import { createDocumentClient, type Db } from "../../shared/data/client";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export function localEndpoint(): string {
  const endpoint = inject("dynamoEndpoint");
  const host = new URL(endpoint).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") {
    throw new Error(`refusing to run tests against a non-local DynamoDB endpoint: ${endpoint}`);
  }
  return endpoint;
}

export async function testDb(label = "t"): Promise<Db> {
  const endpoint = localEndpoint();
  const table = `${label}-${randomBytes(4).toString("hex")}`;
  await ensureTable(endpoint, table);
  return { table, doc: createDocumentClient({ endpoint, region: "local" }) };
}
