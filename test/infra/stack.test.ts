/**
 * CDK assertions on the synthesized stack (the assembly the infra global setup synthesized, as
 * `npm run synth` does): the table and its protection, the functions and their least privileges,
 * the routes from the route table with HEAD and `$default`, access logs, throttles, alarms, the
 * dashboard, identity — and cdk-nag's AwsSolutions checks with every acknowledgement reasoned.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { build } from "esbuild";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { AREAS } from "../../functions/http/route";
import { routeTable } from "../../functions/routes";
import { ALARM_THRESHOLDS } from "../../infra/monitoring";
import { AREA_ACCESS, EmploymentStack, PUBLIC_THROTTLES, STAGE_THROTTLE } from "../../infra/stack";

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };

let template: Template;
let json: { Resources: Record<string, Resource> };
let assemblyDir: string;

const resources = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const ownFunctions = () =>
  resources("AWS::Lambda::Function").filter(([, f]) => f.Properties.Handler === "index.handler");

beforeAll(() => {
  assemblyDir = inject("assemblyDir");
  json = JSON.parse(readFileSync(join(assemblyDir, "Test.template.json"), "utf8"));
  template = Template.fromJSON(json);
});

describe("the table", () => {
  it("is one on-demand table with PITR, deletion protection, retention and a customer-managed key", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        BillingMode: "PAY_PER_REQUEST",
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
          }),
        ],
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        SSESpecification: Match.objectLike({
          SSEEnabled: true,
          SSEType: "KMS",
          KMSMasterKeyId: Match.anyValue(),
        }),
      }),
    });
    template.hasResource("AWS::KMS::Key", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });

  it("is backed up daily for 35 days and monthly for a year", () => {
    template.hasResourceProperties("AWS::Backup::BackupPlan", {
      BackupPlan: Match.objectLike({
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({ RuleName: "daily-35-days", Lifecycle: { DeleteAfterDays: 35 } }),
          Match.objectLike({ RuleName: "monthly-1-year", Lifecycle: { DeleteAfterDays: 365 } }),
        ]),
      }),
    });
    template.resourceCountIs("AWS::Backup::BackupSelection", 1);
  });
});

describe("functions", () => {
  it("runs one function per area plus the web function: Node.js 24, arm64, traced, source maps on", () => {
    const own = ownFunctions();
    expect(own).toHaveLength(AREAS.length + 1);
    for (const [, fn] of own) {
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
      expect(fn.Properties.Architectures).toEqual(["arm64"]);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: "Active" });
      expect(fn.Properties.LoggingConfig?.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe("--enable-source-maps");
    }
    template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: Match.anyValue() });
  });

  it("ships the platform function the OpenAPI document of every route, without the other areas' code", () => {
    const platform = ownFunctions().find(([id]) => id.startsWith("PlatformFunction"));
    const assetDir = join(assemblyDir, String(platform?.[1].Metadata?.["aws:asset:path"]));
    const document = JSON.parse(readFileSync(join(assetDir, "openapi.json"), "utf8"));
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((methods) =>
      Object.entries(methods)
        .filter(([m]) => m !== "head")
        .map(([, op]) => op.operationId),
    );
    expect(operations.sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    const bundle = readFileSync(join(assetDir, "index.mjs"), "utf8");
    expect(bundle).not.toContain("putSubsidyProgram");
    expect(bundle).not.toContain("scoring-runs");
    expect(readFileSync(join(assetDir, "index.mjs.map"), "utf8").length).toBeGreaterThan(0);
  });

  it("gives each function a role that may write only to its own log group", () => {
    for (const [id, fn] of ownFunctions()) {
      const roleId = fn.Properties.Role["Fn::GetAtt"][0] as string;
      const role = json.Resources[roleId];
      expect(role?.Properties.ManagedPolicyArns, id).toBeUndefined();
      const policies = resources("AWS::IAM::Policy").filter(([, p]) =>
        (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
      );
      const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
      const logs = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("logs:")));
      expect(logs, id).toHaveLength(1);
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(JSON.stringify(logs[0].Resource)).toContain(logGroupId);
      expect([logs[0].Action].flat().sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    }
  });

  it("grants each area exactly the DynamoDB actions and indexes the code in its bundle calls", async () => {
    for (const area of AREAS) {
      const { actions, indexes } = await calledBy(`functions/${area}/index.ts`);
      expect([...AREA_ACCESS[area].actions].sort(), area).toEqual(actions);
      expect(AREA_ACCESS[area].indexes, area).toEqual(indexes);
      const [, fn] = ownFunctions().find(([id]) => id.toLowerCase().startsWith(`${area}function`)) ?? [];
      const roleId = fn?.Properties.Role["Fn::GetAtt"][0] as string;
      const granted = resources("AWS::IAM::Policy")
        .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[])
        .flatMap((st) => [st.Action].flat() as string[])
        .filter((a) => a.startsWith("dynamodb:"));
      expect([...new Set(granted)].sort(), area).toEqual(actions);
    }
    expect((await calledBy("functions/web/index.ts")).actions).toEqual([]);
    const all = resources("AWS::IAM::Policy").flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as any[]).flatMap((st) => [st.Action].flat() as string[]),
    );
    for (const banned of [
      "dynamodb:*",
      "dynamodb:Scan",
      "dynamodb:DeleteItem",
      "logs:*",
      "logs:CreateLogGroup",
    ])
      expect(all).not.toContain(banned);
  });
});

/**
 * The DynamoDB actions the project code bundled (and tree-shaken) from `entry` calls: each
 * document-client command it constructs and each kind of item its transactions write, and the
 * indexes it queries — read from esbuild's unminified output, section by project file.
 */
async function calledBy(entry: string): Promise<{ actions: string[]; indexes: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
    outfile: "/tmp/called-by.mjs",
    define: { __OPENAPI_BUNDLED__: "true", __ROUTES_BUNDLED__: "true" },
  });
  const text = result.outputFiles[0]?.text ?? "";
  const sections = text.split(/^\/\/ /m).filter((section) => /^(shared|functions)\//.test(section));
  const COMMANDS: Record<string, string> = {
    GetCommand: "dynamodb:GetItem",
    PutCommand: "dynamodb:PutItem",
    QueryCommand: "dynamodb:Query",
    UpdateCommand: "dynamodb:UpdateItem",
    ScanCommand: "dynamodb:Scan",
    DeleteCommand: "dynamodb:DeleteItem",
    BatchGetCommand: "dynamodb:BatchGetItem",
    BatchWriteCommand: "dynamodb:BatchWriteItem",
  };
  const ITEMS: Record<string, string> = {
    Put: "dynamodb:PutItem",
    Update: "dynamodb:UpdateItem",
    ConditionCheck: "dynamodb:ConditionCheckItem",
    Delete: "dynamodb:DeleteItem",
  };
  const actions = new Set<string>();
  const indexes = new Set<string>();
  for (const section of sections) {
    for (const m of section.matchAll(/new (?:[\w$]+\.)?([A-Za-z]+Command)[\d$]*\(/g)) {
      const action = COMMANDS[m[1] ?? ""];
      if (action) actions.add(action);
    }
    for (const m of section.matchAll(/\b(Put|Update|ConditionCheck|Delete): \{/g))
      actions.add(ITEMS[m[1] ?? ""] ?? "");
    for (const m of section.matchAll(/IndexName: "(\w+)"/g)) indexes.add(m[1] ?? "");
  }
  return { actions: [...actions].sort(), indexes: [...indexes].sort() };
}

describe("the HTTP API", () => {
  it("deploys every route of the route table (GET routes with HEAD), without an authorizer, and $default", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
    const routes = resources("AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties);
    const keys = new Set(routes.map((r) => r.RouteKey as string));
    for (const route of routeTable) {
      expect(keys, `${route.method} ${route.path}`).toContain(`${route.method} ${route.path}`);
      if (route.method === "GET") expect(keys).toContain(`HEAD ${route.path}`);
    }
    expect(keys).toContain("$default");
    const gets = routeTable.filter((r) => r.method === "GET").length;
    expect(routes).toHaveLength(routeTable.length + gets + 1);
    expect([...keys].some((k) => (k.split(" ")[1] ?? "").startsWith("/local/"))).toBe(false);
  });

  it("logs every request as JSON without tokens or keys", () => {
    const [, stage] = resources("AWS::ApiGatewayV2::Stage")[0] ?? [];
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format);
    expect(Object.keys(format)).toEqual(
      expect.arrayContaining(["requestId", "routeKey", "status", "latencyMs", "integrationLatencyMs"]),
    );
    expect(stage?.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.stringify(format)).not.toMatch(/authorization|x-api-key|header\./i);
  });

  it("throttles the public routes below the stage default", () => {
    const [, stage] = resources("AWS::ApiGatewayV2::Stage")[0] ?? [];
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: STAGE_THROTTLE.rate,
      ThrottlingBurstLimit: STAGE_THROTTLE.burst,
    });
    const settings = stage?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    const publicRoutes = routeTable.filter((r) => r.access === "public");
    expect(publicRoutes.length).toBeGreaterThan(0);
    let total = 0;
    for (const route of publicRoutes) {
      const limit = settings[`${route.method} ${route.path}`]?.ThrottlingRateLimit;
      expect(limit, route.path).toBe(PUBLIC_THROTTLES[route.path]?.rate);
      expect(limit ?? Number.POSITIVE_INFINITY).toBeLessThan(STAGE_THROTTLE.rate);
      total += limit ?? 0;
      if (route.method === "GET") expect(settings[`HEAD ${route.path}`]?.ThrottlingRateLimit).toBe(limit);
    }
    expect(total).toBeLessThan(STAGE_THROTTLE.rate);
  });

  it("creates a Cognito user pool: TOTP MFA required, users cannot write role or tenant, code flow only", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      Schema: Match.arrayWith([Match.objectLike({ Name: "role" }), Match.objectLike({ Name: "tenantId" })]),
    });
    template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    const [, client] = resources("AWS::Cognito::UserPoolClient")[0] ?? [];
    const p = client?.Properties ?? {};
    expect((p.WriteAttributes as string[]).some((a) => a.startsWith("custom:"))).toBe(false);
    expect(p.AllowedOAuthFlows).toEqual(["code"]);
    expect(p.AllowedOAuthScopes.sort()).toEqual(["email", "openid", "profile"]);
    expect(p.GenerateSecret).toBe(false);
    expect(p.ExplicitAuthFlows).toEqual(["ALLOW_REFRESH_TOKEN_AUTH"]);
    expect(JSON.stringify(p.CallbackURLs)).toContain("/auth/callback");
    expect(JSON.stringify(p.LogoutURLs)).toContain("/auth/signed-out");
  });

  it("tells the web function how a console signs in", () => {
    const web = ownFunctions().find(([id]) => id.startsWith("WebFunction"));
    expect(Object.keys(web?.[1].Properties.Environment.Variables ?? {})).toEqual(
      expect.arrayContaining(["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_SCOPES", "API_ORIGIN"]),
    );
  });

  it("hard-codes no partition (synthesizes for the China regions too)", () => {
    expect(JSON.stringify(json)).not.toContain("arn:aws:");
  });
});

describe("alarms and the dashboard", () => {
  it("alarms on every failure class, all to the one SNS topic (with the e-mail subscription)", () => {
    const topics = resources("AWS::SNS::Topic");
    expect(topics).toHaveLength(1);
    const topicId = topics[0]?.[0];
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.gov.cn",
    });
    const alarms = resources("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.AlarmActions), alarm.AlarmName).toContain(topicId);
    }
    const names = alarms.map((a) => String(a.AlarmName));
    for (const fn of [...AREAS, "web"]) {
      for (const kind of ["errors", "throttles", "p99-duration"])
        expect(names).toContain(`employment-api-${fn}-${kind}`);
    }
    for (const name of [
      "identity-provider-unavailable",
      "api-5xx-rate",
      "api-p99-latency",
      "dynamodb-throttled",
      "dynamodb-system-errors",
    ])
      expect(names).toContain(`employment-api-${name}`);
    const p99 = alarms.find((a) => a.AlarmName === "employment-api-api-p99-latency");
    expect(p99?.Threshold).toBe(ALARM_THRESHOLDS.apiP99Ms);
  });

  it("has one dashboard with the API, functions, table and business metrics", () => {
    const dashboards = resources("AWS::CloudWatch::Dashboard");
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.[1].Properties.DashboardBody);
    for (const metric of [
      "ReportsSubmitted",
      "ReportsLate",
      "Unlocks",
      "ScoringRuns",
      "CircularsPublished",
      "5xx",
      "Latency",
      "ThrottledRequests",
      "SystemErrors",
    ])
      expect(body).toContain(metric);
  });
});

describe("cdk-nag (AwsSolutions)", () => {
  const report = () =>
    JSON.parse(inject("nagReport")) as {
      pluginReports: Array<{
        pluginName: string;
        violations: Array<{ ruleName: string; violatingResources?: unknown }>;
        suppressedViolations: Array<{ ruleName: string; reason: string }>;
      }>;
    };

  it("reports no unacknowledged finding", () => {
    const nag = report().pluginReports.find((p) => p.pluginName === "AwsSolutions");
    expect(nag).toBeDefined();
    expect(nag?.violations.map((v) => v.ruleName)).toEqual([]);
  });

  it("gives every acknowledged finding a reason", () => {
    const nag = report().pluginReports.find((p) => p.pluginName === "AwsSolutions");
    for (const s of nag?.suppressedViolations ?? []) expect(s.reason.length, s.ruleName).toBeGreaterThan(30);
    const rules = new Set(nag?.suppressedViolations.map((s) => s.ruleName.replace(/\[.*$/, "")));
    expect([...rules].sort()).toEqual([
      "AwsSolutions-APIG4",
      "AwsSolutions-COG8",
      "AwsSolutions-IAM4",
      "AwsSolutions-IAM5",
    ]);
  });
});

describe("deploy settings", () => {
  const noBundling = { "aws:cdk:bundling-stacks": [] };

  it("synthesizes for the China regions with an external OIDC issuer, no Cognito, and a custom domain on an IAM certificate", () => {
    const app = new App({ context: noBundling });
    const stack = new EmploymentStack(app, "China", {
      env: { region: "cn-northwest-1" },
      oidc: { issuer: "https://id.example.gov.cn", audience: "employment-api" },
      customDomain: {
        domainName: "api.employment.example.gov.cn",
        certificateArn: "arn:aws-cn:iam::123456789012:server-certificate/employment",
      },
    });
    const china = Template.fromStack(stack);
    china.resourceCountIs("AWS::Cognito::UserPool", 0);
    china.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ OIDC_ISSUER: "https://id.example.gov.cn" }) },
    });
    china.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ OIDC_CLIENT_ID: "employment-api" }) },
    });
    china.hasResourceProperties("AWS::ApiGatewayV2::DomainName", {
      DomainName: "api.employment.example.gov.cn",
    });
    china.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
    expect(JSON.stringify(china.toJSON())).not.toContain("arn:aws:");
  });

  it("explains what the China regions need", () => {
    const app = new App({ context: noBundling });
    expect(() => new EmploymentStack(app, "China", { env: { region: "cn-north-1" } })).toThrow(
      /no Cognito user pools/,
    );
    expect(
      () =>
        new EmploymentStack(new App({ context: noBundling }), "China2", {
          env: { region: "cn-north-1" },
          oidc: { issuer: "https://id.example.gov.cn", audience: "a" },
          customDomain: {
            domainName: "api.example.gov.cn",
            certificateArn: "arn:aws-cn:acm:cn-north-1:1:certificate/x",
          },
        }),
    ).toThrow(/IAM server certificate/);
  });

  it("leaves backups and the customer-managed key out in development settings", () => {
    const app = new App({ context: noBundling });
    const dev = Template.fromStack(
      new EmploymentStack(app, "Dev", { env: { region: "ap-east-1" }, environment: "development" }),
    );
    dev.resourceCountIs("AWS::Backup::BackupPlan", 0);
    dev.resourceCountIs("AWS::KMS::Key", 0);
  });
});
