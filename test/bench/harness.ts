/** What the benchmark sections share: an embedded DynamoDB Local and a request-counting client. */
import "./environment";

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTable, type RunningDynamoDb, startDynamoDbLocal } from "../../infra/local/dynamodb";
import { type LocalStack, startLocalStack } from "../../infra/local/stack";
import { createDocumentClient, type Db } from "../../shared/data/client";
import { freePort } from "../support/ports";

export async function startDynamo(): Promise<RunningDynamoDb> {
  return startDynamoDbLocal({ port: await freePort() });
}

/**
 * A bench section's local stack: a free port, a fresh data folder and its own table
 * (`bench-<name>` unless named) on the bench's DynamoDB Local, with or without the demo province.
 */
export function startBenchStack(
  dynamo: RunningDynamoDb,
  options: { name: string; tableName?: string; seedDemo: boolean },
): Promise<LocalStack> {
  return startLocalStack({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), `bench-${options.name}-`)),
    dynamodb: { endpoint: dynamo.endpoint },
    tableName: options.tableName ?? `bench-${options.name}`,
    seedDemo: options.seedDemo,
  });
}

export async function table(endpoint: string, name: string): Promise<Db> {
  await ensureTable(endpoint, name);
  return { table: name, doc: createDocumentClient({ endpoint, region: "local" }) };
}

export interface CountingDb {
  db: Db;
  total(): number;
  /** requests that continued a paginated Query or Scan (they carry ExclusiveStartKey) */
  continuations(): number;
  byCommand(): Record<string, number>;
  reset(): void;
}

/** A client on the same table that counts every request it sends (retries included). */
export function countingDb(endpoint: string, name: string): CountingDb {
  const doc = createDocumentClient({ endpoint, region: "local" });
  const counts = new Map<string, number>();
  let continuations = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? "unknown").replace(/Command$/, "");
      counts.set(command, (counts.get(command) ?? 0) + 1);
      if ((args.input as { ExclusiveStartKey?: unknown }).ExclusiveStartKey) continuations++;
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "benchCount" },
  );
  return {
    db: { table: name, doc },
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    continuations: () => continuations,
    byCommand: () => Object.fromEntries(counts),
    reset: () => {
      counts.clear();
      continuations = 0;
    },
  };
}
