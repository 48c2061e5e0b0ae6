/**
 * The whole service on one machine: DynamoDB Local (embedded, or an endpoint given by tests),
 * the table, the development issuer, the demo province, and the HTTP gateway in front of the
 * same handlers the Lambda functions run.
 */

import { statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAuthenticator } from "../../functions/authorizer/authenticate";
import type { ConsoleConfig } from "../../functions/console/config";
import { BUILD_MANIFEST } from "../../functions/console/manifest";
import { openConsoleSite } from "../../functions/console/serve";
import { setAuthenticator } from "../../functions/http/deps";
import { routeTable } from "../../functions/routes";
import { createDocumentClient, type Db, dbFromEnv, setDb } from "../../shared/data/client";
import { verifyApiKey } from "../../shared/data/stores/api-keys";
import { checkRateLimit } from "../../shared/data/stores/rate-limit";
import { allTenants, findProvince } from "../../shared/data/stores/tenancy";
import { setNow } from "../../shared/lib/clock";
import { areaHandlers } from "./areas";
import { createDevIssuer, type DevIssuer, LOCAL_AUDIENCE } from "./dev-issuer";
import { createDevOidc, OIDC_BASE } from "./dev-oidc";
import { ensureTable, type RunningDynamoDb, startDynamoDbLocal } from "./dynamodb";
import { clientErrorResponse, createGateway } from "./gateway";
import { loadDemoData, seedDemo } from "./seed/index";

export const DEFAULT_TABLE = "employment-local";

export interface LocalStackOptions {
  port: number;
  host?: string;
  dataDir: string;
  /** start an embedded DynamoDB Local on this port, or use a running endpoint (tests) */
  dynamodb: { port: number } | { endpoint: string };
  tableName?: string;
  seedDemo: boolean;
  localNow?: string | undefined;
  apiKeyRatePerMinute?: number;
  corsOrigins?: readonly string[];
  log?: (line: string) => void;
  accessLog?: boolean;
  /** the built console (default `functions/console/dist`); it is served when built */
  consoleDir?: string;
  /** provinces whose identities the local sign-in page offers (default: the demo province when seeded) */
  signInProvinces?: readonly string[];
}

export const CONSOLE_DIST = fileURLToPath(new URL("../../functions/console/dist", import.meta.url));

export interface LocalStack {
  url: string;
  port: number;
  db: Db;
  issuer: DevIssuer;
  dynamodbEndpoint: string;
  seeded: { loaded: boolean; name: string } | undefined;
  stop(): Promise<void>;
}

function manifestTime(dir: string): number {
  try {
    return statSync(resolve(dir, BUILD_MANIFEST)).mtimeMs;
  } catch {
    return 0;
  }
}

/** How the console signs in locally (the development issuer) and which provinces it shows the public. */
async function consoleConfig(db: Db, origin: string, provinces: readonly string[]): Promise<ConsoleConfig> {
  const publicProvinces: ConsoleConfig["publicProvinces"] = [];
  for (const p of provinces) {
    const province = await findProvince(db, p);
    if (!province) continue;
    const tenants = await allTenants(db, p);
    publicProvinces.push({
      provinceId: p,
      name: province.name,
      tenants: tenants.map((t) => ({ tenantId: t.tenantId, name: t.name })),
    });
  }
  return {
    oidc: { authority: `${origin}${OIDC_BASE}`, clientId: LOCAL_AUDIENCE, scope: "openid profile" },
    environment: "local",
    publicProvinces,
  };
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  if (options.localNow) setNow(options.localNow);
  let dynamo: RunningDynamoDb | undefined;
  let server: Server | undefined;
  try {
    let endpoint: string;
    if ("endpoint" in options.dynamodb) {
      endpoint = options.dynamodb.endpoint;
    } else {
      log(
        `starting DynamoDB Local on port ${options.dynamodb.port} (data in ${resolve(options.dataDir, "dynamodb")})`,
      );
      dynamo = await startDynamoDbLocal({ port: options.dynamodb.port, dataDir: options.dataDir });
      endpoint = dynamo.endpoint;
    }
    const tableName = options.tableName ?? DEFAULT_TABLE;
    await ensureTable(endpoint, tableName);
    const db: Db = { table: tableName, doc: createDocumentClient({ endpoint, region: "local" }) };
    setDb(db);
    process.env.VALIDATE_RESPONSES ??= "true";

    const issuer = await createDevIssuer(resolve(options.dataDir, "dev-issuer-key.json"));
    let seeded: LocalStack["seeded"];
    if (options.seedDemo) {
      seeded = await seedDemo(db, log);
    }

    const authenticate = createAuthenticator({
      oidc: { issuer: issuer.issuer, audience: issuer.audience, keys: issuer.keys },
      // the process-wide client, exactly as in each Lambda function
      verifyApiKey: (key) => verifyApiKey(dbFromEnv(), key),
      ...(options.apiKeyRatePerMinute
        ? { rateLimit: (key) => checkRateLimit(dbFromEnv(), key, options.apiKeyRatePerMinute ?? 0) }
        : {}),
    });
    // the area handlers authenticate every request with it, as each Lambda does with its own
    setAuthenticator(authenticate);
    const provinces = options.signInProvinces ?? (options.seedDemo ? [loadDemoData().province.id] : []);
    const consoleDir = options.consoleDir ?? CONSOLE_DIST;
    // re-read when the console is rebuilt while the stack runs (`npm run build:console`)
    let site = openConsoleSite(consoleDir);
    let builtAt = manifestTime(consoleDir);
    const listener = createGateway({
      routes: routeTable,
      handlers: areaHandlers,
      issuer,
      oidc: createDevOidc({ issuer, db: dbFromEnv, provinces }),
      console: {
        site: () => {
          const time = manifestTime(consoleDir);
          if (!site || time !== builtAt) {
            site = openConsoleSite(consoleDir);
            builtAt = time;
          }
          return site;
        },
        config: (origin) => consoleConfig(dbFromEnv(), origin, provinces),
      },
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      ...(options.accessLog ? { accessLog: log } : {}),
    });
    const httpServer = createServer((req, res) => {
      listener(req, res).catch((error) => {
        log(`unexpected gateway failure: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/problem+json" });
        res.end();
      });
    });
    server = httpServer;
    httpServer.keepAliveTimeout = 5000;
    // the parser's own refusals (bad header, 16 KB URL, unknown method) as problem+json too
    httpServer.on("clientError", (error: NodeJS.ErrnoException, socket) => {
      if (error.code === "ECONNRESET" || !socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(clientErrorResponse(error));
    });
    await new Promise<void>((resolveListen, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(options.port, options.host ?? "127.0.0.1", () => resolveListen());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const running = dynamo;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      db,
      issuer,
      dynamodbEndpoint: endpoint,
      seeded,
      async stop() {
        await new Promise<void>((r) => {
          httpServer.close(() => r());
          httpServer.closeAllConnections();
        });
        db.doc.destroy();
        setDb(undefined);
        setAuthenticator(undefined);
        await running?.stop();
      },
    };
  } catch (error) {
    server?.close();
    await dynamo?.stop();
    throw error;
  }
}
