/**
 * The DynamoDB document client, created once per process (module scope) with bounded timeouts
 * and retries so a storage outage fails fast as a 503 instead of hanging a request.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface Db {
  doc: DynamoDBDocumentClient;
  table: string;
}

/** How a store reads: eventually consistent unless asked otherwise (`{ consistent: true }`). */
export interface ReadOptions {
  consistent?: boolean;
}

export interface ClientOptions {
  endpoint?: string;
  region?: string;
  /** total attempts including the first (SDK standard retry mode with jittered backoff) */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** extra client config (tests inject faults through the middleware stack instead) */
  config?: Partial<DynamoDBClientConfig>;
}

export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    // DynamoDB Local accepts any credentials; never let a local run pick up real ones.
    ...(local ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 1000,
      requestTimeout: options.requestTimeoutMs ?? 3000,
    },
    ...options.config,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

let shared: Db | undefined;

/** The process-wide client for the table named by TABLE_NAME (DYNAMODB_ENDPOINT for local runs). */
export function dbFromEnv(): Db {
  if (!shared) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    shared = {
      table: requiredEnv("TABLE_NAME"),
      doc: createDocumentClient({
        ...(endpoint ? { endpoint, region: process.env.AWS_REGION ?? "local" } : {}),
      }),
    };
  }
  return shared;
}

/** Replace the process-wide client (the local stack and tests point it at DynamoDB Local). */
export function setDb(db: Db | undefined): void {
  shared = db;
}
