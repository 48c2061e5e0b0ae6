/**
 * `npm start`: the whole service locally. Prints the URL and how to get a token when ready;
 * SIGINT/SIGTERM stop the HTTP server and the DynamoDB Local process.
 */
import { readSettings } from "./config";
import { assertPortFree, LocalStackError } from "./dynamodb";
import { type LocalStack, startLocalStack } from "./stack";

const log = (line: string) => process.stdout.write(`${line}\n`);

// Node 20 is supported by the pinned SDK; its notice about future releases is not for local users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<void> {
  const started = performance.now();
  const settings = readSettings(process.env);
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
  // embedded-metric-format lines are for CloudWatch; locally they would only fill the terminal
  process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
  await assertPortFree(settings.PORT, "API", "PORT");
  let stack: LocalStack | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal} received, stopping …`);
    await stack?.stop();
    log("stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGHUP", () => void stop("SIGHUP"));
  // If whatever started us dies without passing a signal on, we are re-parented: stop too, so
  // the DynamoDB Local process is never left behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop("parent exited");
  }, 1000).unref();

  stack = await startLocalStack({
    port: settings.PORT,
    dataDir: settings.DATA_DIR,
    dynamodb: { port: settings.DYNAMODB_PORT },
    seedDemo: settings.SEED_DEMO,
    localNow: settings.LOCAL_NOW,
    apiKeyRatePerMinute: settings.API_KEY_RATE_PER_MINUTE,
    ...(settings.CORS_ORIGINS ? { corsOrigins: settings.CORS_ORIGINS.split(",").map((s) => s.trim()) } : {}),
    log,
    accessLog: true,
  });
  if (stopping) return;
  const url = stack.url;
  log(
    [
      "",
      `Employment accountability service is ready at ${url} (healthy after ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      `  console:  ${url}/   (open it in a browser and pick a demo identity, e.g. 长春市 city-reporter)`,
      `  API:      ${url}/v1/`,
      `  health:   curl ${url}/v1/health`,
      `  OpenAPI:  ${url}/v1/openapi.json`,
      `  token:    curl -s -X POST ${url}/local/token -H 'content-type: application/json' \\`,
      `              -d '{"sub":"admin@jl","role":"province-admin","provinceId":"jl"}'`,
      `  then:     curl -H "authorization: Bearer $TOKEN" ${url}/v1/provinces/jl/tenants`,
      settings.LOCAL_NOW ? `  clock:    fixed at ${settings.LOCAL_NOW} (LOCAL_NOW)` : "",
      "Press Ctrl+C to stop.",
      "",
    ]
      .filter((l) => l !== "")
      .join("\n"),
  );
}

main().catch((error) => {
  const message = error instanceof LocalStackError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  process.exit(1);
});
