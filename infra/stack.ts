/**
 * The deployed service: one DynamoDB table, one Lambda function per API area (each authenticating
 * its own requests: one invocation per request) plus the web function behind the `$default`
 * route, and an HTTP API whose routes come from the route table. Identity: a Cognito user pool by
 * default, or any OIDC issuer given at deploy time (required in the AWS China regions, which have
 * no Cognito user pools). Watched by access logs, metrics, traces, alarms to one SNS topic and a
 * dashboard (infra/monitoring.ts); data protected by PITR, an AWS Backup plan and optionally a
 * customer-managed KMS key.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Aws,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import {
  ApiMapping,
  type CfnStage,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from "aws-cdk-lib/aws-backup";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from "aws-cdk-lib/aws-cognito";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Schedule } from "aws-cdk-lib/aws-events";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { type IKey, Key } from "aws-cdk-lib/aws-kms";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct, IConstruct } from "constructs";
import { buildSync } from "esbuild";
import { BUILD_MANIFEST } from "../functions/console/manifest";
import { buildOpenApi } from "../functions/http/openapi";
import { OPENAPI_INFO } from "../functions/http/openapi-document";
import { AREAS, type Area, type RouteSpec } from "../functions/http/route";
import { routeTable } from "../functions/routes";
import { tableDefinition } from "../shared/data/table-definition";
import { BUNDLING, ServiceFunction } from "./constructs/service-function";
import { Monitoring } from "./monitoring";

const root = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/**
 * The DynamoDB actions each area function calls, and the indexes it queries — no more (the infra
 * test checks these against the operations in each bundle). TransactWriteItems needs the action
 * of each item it writes (Put, Update, ConditionCheck). Every function verifies API keys
 * (GetItem) and counts their per-minute rate (UpdateItem), since each authenticates itself —
 * that counter is scoring's only UpdateItem. Only subsidies queries no index.
 */
/** Reads, queries, writes and conditional transactions: what most areas call. */
const TRANSACTIONAL = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:ConditionCheckItem",
];

export const AREA_ACCESS: Record<Area, { actions: string[]; indexes: string[] }> = {
  platform: { actions: [...TRANSACTIONAL], indexes: ["gsi1"] },
  assessment: { actions: [...TRANSACTIONAL], indexes: ["gsi1"] },
  scoring: {
    actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    indexes: ["gsi1"],
  },
  circulars: { actions: [...TRANSACTIONAL], indexes: ["gsi1"] },
  subsidies: { actions: [...TRANSACTIONAL], indexes: [] },
};

/**
 * Route-level throttles for the routes anyone can call, below the stage default that every
 * authenticated route keeps for itself (API Gateway applies a stage's default route settings to
 * each route separately; the account's regional limit, 10,000 requests/s by default, is shared by
 * all). An anonymous flood is held to these numbers — 90 requests/s over all public routes
 * together, about 2 concurrent Lambda executions — so it cannot use up the Lambda concurrency,
 * table capacity or account throughput the bureaus' own routes need. README: "Throttling".
 */
export const STAGE_THROTTLE = { rate: 100, burst: 200 };
export const PUBLIC_THROTTLES: Record<string, { rate: number; burst: number }> = {
  "/v1/health": { rate: 5, burst: 10 },
  "/v1/openapi.json": { rate: 5, burst: 10 },
  "/v1/public/provinces/{p}/circulars": { rate: 20, burst: 40 },
  "/v1/public/provinces/{p}/circulars/{c}": { rate: 20, burst: 40 },
  "/v1/public/tenants/{t}/subsidies": { rate: 20, burst: 40 },
  "/v1/public/tenants/{t}/entitlements": { rate: 20, burst: 40 },
};

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUri?: string;
  /** the client id a browser console signs in with (default: the audience) */
  clientId?: string;
  /** where the console signs out when the issuer's discovery names no end_session_endpoint (Cognito) */
  signOutUrl?: string;
}

export interface EmploymentStackProps extends StackProps {
  /** an external OIDC issuer; when absent a Cognito user pool is created */
  oidc?: OidcSettings;
  corsOrigins?: string[];
  logRetention?: RetentionDays;
  /** requests per minute per integration API key (0 = unlimited) */
  apiKeyRatePerMinute?: number;
  routes?: readonly RouteSpec[];
  /** where alarms are e-mailed (an SNS e-mail subscription) */
  alarmEmail?: string;
  /** production (default): backups on and a customer-managed table key; development: neither */
  environment?: "production" | "development";
  /** the table's key: an existing KMS key ARN, "create" a new one, or "aws-owned" */
  tableKmsKey?: string;
  /** the AWS Backup plan (daily for 35 days, monthly for a year); default: on in production */
  backup?: boolean;
  /** a custom domain for the API, e.g. api.employment.example.gov.cn, with its certificate */
  customDomain?: { domainName: string; certificateArn: string };
  /** the browser console's origin (Cognito callback/logout URLs); default: the API's own origin */
  consoleUrl?: string;
  /** the Cognito hosted UI's domain prefix (default employment-<account>) */
  cognitoDomainPrefix?: string;
  /** provinces the console's landing page links to (their public circulars), e.g. `[{ provinceId: "jl", name: "吉林省" }]` */
  publicProvinces?: readonly { provinceId: string; name: string }[];
}

/** A deploy setting that cannot work; the CDK app prints it as one line. */
export class DeployConfigError extends Error {
  override name = "DeployConfigError";
}

export const OIDC_SCOPES = "openid profile email";

export class EmploymentStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly functions: Record<Area | "web", ServiceFunction>;
  readonly tableKey: IKey | undefined;

  constructor(scope: Construct, id: string, props: EmploymentStackProps = {}) {
    super(scope, id, props);
    const routes = props.routes ?? routeTable;
    const production = (props.environment ?? "production") === "production";
    const china = !this.region.startsWith("${") && this.region.startsWith("cn-");

    // ---- data ------------------------------------------------------------------------------
    const keySetting = props.tableKmsKey ?? (production ? "create" : "aws-owned");
    this.tableKey =
      keySetting === "aws-owned"
        ? undefined
        : keySetting === "create"
          ? new Key(this, "TableKey", {
              description: "Employment accountability table (and its backups)",
              enableKeyRotation: true,
              removalPolicy: RemovalPolicy.RETAIN,
            })
          : Key.fromKeyArn(this, "TableKey", keySetting);
    this.table = new Table(this, "Table", {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: "expiresAt",
      ...(this.tableKey
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.tableKey }
        : { encryption: TableEncryption.AWS_MANAGED }),
    });
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      });
    }
    if (props.backup ?? production) this.backups();

    // ---- API and identity -------------------------------------------------------------------
    this.api = new HttpApi(this, "Api", {
      apiName: "employment-accountability",
      description: "就业创业工作目标责任制考评 API",
      createDefaultStage: true,
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ["authorization", "content-type", "if-match", "x-api-key", "accept-language"],
              exposeHeaders: ["etag", "location", "retry-after", "allow", "content-disposition"],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });
    const domain = props.customDomain ? this.customDomain(props.customDomain, { china }) : undefined;
    const apiOrigin = domain ? `https://${props.customDomain?.domainName}` : this.api.apiEndpoint;
    const consoleOrigin = props.consoleUrl?.replace(/\/$/, "") ?? apiOrigin;
    const oidc = props.oidc ?? this.cognito(consoleOrigin, props.cognitoDomainPrefix);

    // ---- functions ---------------------------------------------------------------------------
    const logRetention = props.logRetention ? { logRetention: props.logRetention } : {};
    const common = {
      TABLE_NAME: this.table.tableName,
      OIDC_ISSUER: oidc.issuer,
      OIDC_AUDIENCE: oidc.audience,
      ...(oidc.jwksUri ? { OIDC_JWKS_URI: oidc.jwksUri } : {}),
      API_KEY_RATE_PER_MINUTE: String(props.apiKeyRatePerMinute ?? 600),
    };
    const areaFunctions = {} as Record<Area, ServiceFunction>;
    let office: string | undefined;
    for (const area of AREAS) {
      // the areas with DOCX / XLSX downloads and spreadsheet imports ship the office formats as a
      // second bundle next to index.mjs, imported only when a request needs them
      if (OFFICE_AREAS.includes(area)) office ??= officeBundle();
      const fn = new ServiceFunction(this, `${pascal(area)}Function`, {
        entry: root(`functions/${area}/index.ts`),
        description: `Employment API: ${area} routes`,
        environment: common,
        // the platform function serves the OpenAPI document, precomputed here from the route table
        ...(area === "platform"
          ? { define: { __OPENAPI_BUNDLED__: "true" }, extraFiles: { "openapi.json": openApiFile(routes) } }
          : {}),
        ...(office && OFFICE_AREAS.includes(area)
          ? { define: { __OFFICE_BUNDLED__: "true" }, extraFiles: { "office.mjs": office } }
          : {}),
        ...logRetention,
      });
      this.grantTable(fn, AREA_ACCESS[area]);
      areaFunctions[area] = fn;
    }
    const web = new ServiceFunction(this, "WebFunction", {
      entry: root("functions/web/index.ts"),
      description:
        "Employment console (every non-API GET) and whatever no route matches (404/405 problem+json)",
      memorySize: 256,
      timeout: Duration.seconds(5),
      environment: {
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId ?? oidc.audience,
        OIDC_SCOPES: OIDC_SCOPES,
        ...(oidc.signOutUrl ? { OIDC_SIGN_OUT_URL: oidc.signOutUrl } : {}),
        ...(props.publicProvinces?.length
          ? { PUBLIC_PROVINCES: props.publicProvinces.map((p) => `${p.provinceId}:${p.name}`).join(",") }
          : {}),
        API_ORIGIN: apiOrigin,
      },
      define: { __ROUTES_BUNDLED__: "true" },
      // the built console (hashed, precompressed assets and build.json) ships as console/ next to index.mjs
      extraFiles: { "routes.json": routesFile(routes), console: consoleBuild() },
      ...logRetention,
    });
    this.functions = { ...areaFunctions, web };

    // ---- routes ------------------------------------------------------------------------------
    const integrations = Object.fromEntries(
      AREAS.map((area) => [
        area,
        new HttpLambdaIntegration(`${pascal(area)}Integration`, areaFunctions[area].fn),
      ]),
    ) as Record<Area, HttpLambdaIntegration>;
    for (const route of routes) {
      if (route.path.startsWith("/local/"))
        throw new Error(`local-only route ${route.path} must not be deployed`);
      // every function authenticates its own requests (README: "Cost per request")
      this.api.addRoutes({
        path: route.path,
        methods: route.method === "GET" ? [HttpMethod.GET, HttpMethod.HEAD] : [HttpMethod[route.method]],
        integration: integrations[route.area],
      });
    }
    new HttpRoute(this, "DefaultRoute", {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration("WebIntegration", web.fn),
    });

    // ---- stage: access log, throttles --------------------------------------------------------
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: props.logRetention ?? 90,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
    stage.defaultRouteSettings = {
      throttlingRateLimit: STAGE_THROTTLE.rate,
      throttlingBurstLimit: STAGE_THROTTLE.burst,
    };
    const publicRoutes = routes.filter((r) => r.access === "public");
    stage.routeSettings = Object.fromEntries(
      publicRoutes.flatMap((route) => {
        const limit = PUBLIC_THROTTLES[route.path] ?? { rate: 10, burst: 20 };
        // a JSON map in CloudFormation: its members keep the names written here
        const setting = { ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst };
        const keys =
          route.method === "GET"
            ? [`GET ${route.path}`, `HEAD ${route.path}`]
            : [`${route.method} ${route.path}`];
        return keys.map((key) => [key, setting]);
      }),
    );
    // route settings name routes by key: the stage must come after them
    for (const child of this.api.node.children)
      if (child instanceof HttpRoute) this.api.defaultStage?.node.addDependency(child);

    // ---- watching ----------------------------------------------------------------------------
    const monitoring = new Monitoring(this, "Monitoring", {
      api: this.api,
      table: this.table,
      functions: this.functions,
      alarmEmail: props.alarmEmail,
      masterKey: this.tableKey,
    });

    new CfnOutput(this, "ApiUrl", { value: apiOrigin });
    new CfnOutput(this, "DefaultEndpoint", { value: this.api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "OidcIssuer", { value: oidc.issuer });
    new CfnOutput(this, "OidcAudience", { value: oidc.audience });
    new CfnOutput(this, "AlarmTopic", { value: monitoring.topic.topicArn });
    new CfnOutput(this, "Dashboard", { value: monitoring.dashboard.dashboardName });
    this.acknowledgeNagFindings();
  }

  /** Only the actions an area calls, on the table and the indexes it queries. */
  private grantTable(fn: ServiceFunction, access: { actions: string[]; indexes: string[] }): void {
    fn.role.addToPolicy(new PolicyStatement({ actions: access.actions, resources: [this.table.tableArn] }));
    if (access.indexes.length > 0) {
      fn.role.addToPolicy(
        new PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: access.indexes.map((index) => `${this.table.tableArn}/index/${index}`),
        }),
      );
    }
    if (this.tableKey) {
      fn.role.addToPolicy(
        new PolicyStatement({
          actions: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
          resources: [this.tableKey.keyArn],
        }),
      );
    }
  }

  /** Daily backups kept 35 days and monthly ones kept a year, in a vault of their own. */
  private backups(): void {
    const vault = new BackupVault(this, "BackupVault", {
      ...(this.tableKey ? { encryptionKey: this.tableKey } : {}),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, "BackupPlan", { backupVault: vault });
    plan.addRule(
      new BackupPlanRule({
        ruleName: "daily-35-days",
        scheduleExpression: Schedule.cron({ hour: "18", minute: "0" }),
        deleteAfter: Duration.days(35),
      }),
    );
    plan.addRule(
      new BackupPlanRule({
        ruleName: "monthly-1-year",
        scheduleExpression: Schedule.cron({ day: "1", hour: "18", minute: "30" }),
        deleteAfter: Duration.days(365),
      }),
    );
    plan.addSelection("Table", { resources: [BackupResource.fromDynamoDbTable(this.table)] });
    new CfnOutput(this, "BackupVaultName", { value: vault.backupVaultName });
  }

  /**
   * The API on a custom domain. Global regions: an ACM certificate. China regions: API Gateway
   * takes an IAM server certificate there (`arn:aws-cn:iam::<account>:server-certificate/<name>`),
   * and the domain must have its ICP recordal (README: "Custom domain").
   */
  private customDomain(
    settings: { domainName: string; certificateArn: string },
    region: { china: boolean },
  ): DomainName {
    if (region.china && !/:iam::\d{12}:server-certificate\//.test(settings.certificateArn)) {
      throw new DeployConfigError(
        "In the AWS China regions API Gateway needs an IAM server certificate for a custom domain: -c certificateArn=arn:aws-cn:iam::<account>:server-certificate/<name>",
      );
    }
    const domain = new DomainName(this, "Domain", {
      domainName: settings.domainName,
      certificate: Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn),
    });
    new ApiMapping(this, "DomainMapping", { api: this.api, domainName: domain });
    // the DNS record to create: a CNAME (or alias) from the domain to this name
    new CfnOutput(this, "DomainTarget", { value: domain.regionalDomainName });
    return domain;
  }

  /**
   * A Cognito user pool whose users carry `custom:role`, `custom:provinceId`, `custom:tenantId`,
   * with TOTP MFA required, its hosted sign-in domain, and one public app client for the browser
   * console: authorization code flow with PKCE only, scopes `openid profile email`.
   */
  private cognito(consoleOrigin: string, domainPrefix: string | undefined): OidcSettings {
    if (this.region.startsWith("cn-")) {
      throw new DeployConfigError(
        "The AWS China regions have no Cognito user pools: deploy with an external OIDC issuer, e.g. -c oidcIssuer=https://id.example.gov.cn -c oidcAudience=employment-api",
      );
    }
    const pool = new UserPool(this, "Users", {
      userPoolName: "employment-accountability",
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: {
        role: new StringAttribute({ mutable: true, maxLen: 32 }),
        provinceId: new StringAttribute({ mutable: true, maxLen: 63 }),
        tenantId: new StringAttribute({ mutable: true, maxLen: 63 }),
      },
      // Cognito requires MFA for a whole pool or for nobody: every user, province roles included
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const prefix = domainPrefix ?? Fn.join("-", ["employment", Aws.ACCOUNT_ID]);
    const domain = pool.addDomain("HostedUi", { cognitoDomain: { domainPrefix: prefix } });
    // Users may read their scope but never write it: role and tenant are set by administrators only.
    const client = new UserPoolClient(this, "ConsoleClient", {
      userPool: pool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL],
        callbackUrls: [`${consoleOrigin}/auth/callback`],
        logoutUrls: [`${consoleOrigin}/auth/signed-out`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, fullname: true })
        .withCustomAttributes("role", "provinceId", "tenantId"),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // code flow only: no SRP, password or custom sign-in from the client (CDK would leave Cognito's defaults)
    (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];
    new CfnOutput(this, "UserPoolId", { value: pool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: client.userPoolClientId });
    new CfnOutput(this, "SignInDomain", { value: domain.baseUrl() });
    return {
      issuer: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${pool.userPoolId}`,
      audience: client.userPoolClientId,
      clientId: client.userPoolClientId,
      // Cognito's discovery has no end_session_endpoint: its hosted logout ends the session there too
      signOutUrl: `${domain.baseUrl()}/logout?client_id=${client.userPoolClientId}&logout_uri=${consoleOrigin}/auth/signed-out`,
    };
  }

  /** cdk-nag (AwsSolutions) findings that are accepted, each with its reason (listed in the README). */
  private acknowledgeNagFindings(): void {
    const accepted: { scopes: (IConstruct | undefined)[]; id: string; reason: string }[] = [
      {
        scopes: [this.api, this.node.findChild("DefaultRoute")],
        id: "AwsSolutions-APIG4",
        reason:
          "Each function authenticates its own requests (JWT against the issuer's JWKS, or an API key checked per request), saving a second invocation; public routes are public by design.",
      },
      {
        scopes: [this.node.tryFindChild("Users")],
        id: "AwsSolutions-COG8",
        reason:
          "The Plus feature plan (threat protection) is billed per active user; TOTP MFA is required for every user instead.",
      },
      {
        scopes: [this.node.tryFindChild("BackupPlan")],
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]",
        reason: "AWS Backup's own service-role policy, the documented minimum for backup jobs.",
      },
    ];
    for (const { scopes, id, reason } of accepted)
      for (const scope of scopes)
        if (scope) Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
  }
}

/** The areas whose handlers load the office formats (`functions/http/office.ts`). */
const OFFICE_AREAS: readonly Area[] = ["assessment", "scoring", "circulars"];

let consoleDist: string | undefined;

/**
 * The built console's directory (`functions/console/dist`), built first when its sources changed
 * (`build.ts` skips an unchanged console), so `cdk synth` and `cdk deploy` never ship a stale one.
 */
function consoleBuild(): string {
  if (consoleDist) return consoleDist;
  execFileSync(
    process.execPath,
    [root("node_modules/tsx/dist/cli.mjs"), root("functions/console/build.ts")],
    {
      cwd: root("."),
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const dist = root("functions/console/dist");
  if (!existsSync(join(dist, BUILD_MANIFEST)))
    throw new Error(`the console build wrote no ${BUILD_MANIFEST}`);
  consoleDist = dist;
  return dist;
}

/** The office formats (docx, ExcelJS) as one minified ESM bundle, built with the functions' esbuild settings. */
function officeBundle(): string {
  const file = join(mkdtempSync(join(tmpdir(), "office-")), "office.mjs");
  buildSync({
    entryPoints: [root("shared/office/index.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    legalComments: "none",
    logLevel: "error",
  });
  return file;
}

/**
 * The HTTP API's access log: one JSON line per request. The principal's tenant and province are in
 * the function's own `request` log line with the same `requestId` (API Gateway can only log values
 * a Lambda authorizer returns, and there is none: README "Cost per request"). Never a token or key.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  time: "$context.requestTime",
  method: "$context.httpMethod",
  path: "$context.path",
  routeKey: "$context.routeKey",
  status: "$context.status",
  latencyMs: "$context.responseLatency",
  integrationLatencyMs: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  responseLength: "$context.responseLength",
  protocol: "$context.protocol",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  error: "$context.error.message",
});

/** The OpenAPI document of these routes, written to a temporary file for the platform bundle. */
function openApiFile(routes: readonly RouteSpec[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "openapi-")), "openapi.json");
  writeFileSync(file, JSON.stringify(buildOpenApi(routes, OPENAPI_INFO)));
  return file;
}

/** Every route's method and path, for the web function's 404/405 answers. */
function routesFile(routes: readonly RouteSpec[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "routes-")), "routes.json");
  writeFileSync(file, JSON.stringify(routes.map(({ method, path }) => ({ method, path }))));
  return file;
}

function pascal(value: string): string {
  return value.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
