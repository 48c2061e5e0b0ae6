/**
 * One in-memory DynamoDB Local for the integration and API suites. Each test file creates its
 * own table (see `testDb()`), so files run in parallel without seeing each other's data.
 */
import type { TestProject } from "vitest/node";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { startDynamoDbLocal } from "../../infra/local/dynamodb";
import { freePort } from "./ports";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
