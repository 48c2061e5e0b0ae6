/** CDK assertions: the table, functions, grants, authorizer and the routes from the route table. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { AREAS } from "../../functions/http/route";
import { routeTable } from "../../functions/routes";
import { EmploymentStack } from "../../infra/stack";

let template: Template;
let assemblyDir: string;

beforeAll(() => {
  const app = new App({ context: { "aws:cdk:enable-asset-metadata": true } });
  const stack = new EmploymentStack(app, "Test", { env: { region: "ap-east-1", account: "123456789012" } });
  template = Template.fromStack(stack);
  assemblyDir = app.synth().directory;
});

describe("the table", () => {
  it("is one on-demand table with PITR, deletion protection and retention", () => {
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
      }),
    });
  });
});

describe("functions", () => {
  it("runs one function per area plus the authorizer, on Node.js 22 arm64 with explicit log groups", () => {
    const functions = template.findResources("AWS::Lambda::Function");
    const own = Object.values(functions).filter((f) => f.Properties?.Handler === "index.handler");
    expect(own).toHaveLength(AREAS.length + 1);
    for (const fn of own) {
      expect(fn.Properties.Runtime).toBe("nodejs22.x");
      expect(fn.Properties.Architectures).toEqual(["arm64"]);
      expect(fn.Properties.LoggingConfig?.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
    template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: Match.anyValue() });
  });

  it("ships the platform function the OpenAPI document of every route, without the other areas' code", () => {
    const platform = Object.entries(template.findResources("AWS::Lambda::Function")).find(([id]) =>
      id.startsWith("PlatformFunction"),
    );
    const assetDir = join(assemblyDir, String(platform?.[1].Metadata?.["aws:asset:path"]));
    const document = JSON.parse(readFileSync(join(assetDir, "openapi.json"), "utf8"));
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operations.sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    const bundle = readFileSync(join(assetDir, "index.mjs"), "utf8");
    expect(bundle).not.toContain("putSubsidyProgram");
    expect(bundle).not.toContain("scoring-runs");
  });

  it("grants only the DynamoDB actions each function needs", () => {
    const policies = template.findResources("AWS::IAM::Policy");
    const actions = Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) =>
        Array.isArray(s.Action) ? s.Action : [s.Action],
      ),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions.filter((a) => a.startsWith("dynamodb:"))) {
      expect([
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:ConditionCheckItem",
      ]).toContain(action);
    }
    expect(actions).not.toContain("dynamodb:*");
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions).not.toContain("dynamodb:DeleteItem");
    const authorizerPolicy = Object.entries(policies).find(([id]) => id.startsWith("AuthorizerFunction"));
    expect(authorizerPolicy).toBeDefined();
    const statements = (authorizerPolicy?.[1].Properties.PolicyDocument.Statement ?? []) as Array<{
      Action: string | string[];
    }>;
    const authorizerActions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(authorizerActions.sort()).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem"]);
  });
});

describe("the HTTP API", () => {
  it("has a Lambda authorizer without caching, so a revoked key stops at once", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "REQUEST",
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: "2.0",
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it("deploys every route of the route table, protected ones behind the authorizer", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map((r) => r.Properties);
    const byKey = new Map(routes.map((r) => [r.RouteKey as string, r]));
    expect(routes).toHaveLength(routeTable.length);
    for (const route of routeTable) {
      const deployed = byKey.get(`${route.method} ${route.path}`);
      expect(deployed, `${route.method} ${route.path}`).toBeDefined();
      expect(deployed?.AuthorizationType).toBe(route.access === "public" ? "NONE" : "CUSTOM");
    }
  });

  it("deploys no local-only route", () => {
    const keys = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map((r) =>
      String(r.Properties.RouteKey),
    );
    expect(keys.some((k) => (k.split(" ")[1] ?? "").startsWith("/local/"))).toBe(false);
  });

  it("creates a Cognito user pool whose clients cannot write role or tenant", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      Schema: Match.arrayWith([Match.objectLike({ Name: "role" }), Match.objectLike({ Name: "tenantId" })]),
    });
    const client = Object.values(template.findResources("AWS::Cognito::UserPoolClient"))[0];
    const writable = client?.Properties.WriteAttributes as string[];
    expect(writable.some((a) => a.startsWith("custom:"))).toBe(false);
  });

  it("hard-codes no partition (synthesizes for the China regions too)", () => {
    expect(JSON.stringify(template.toJSON())).not.toContain("arn:aws:");
  });
});

describe("AWS China regions", () => {
  const noBundling = { "aws:cdk:bundling-stacks": [] };

  it("synthesizes with an external OIDC issuer and no Cognito", () => {
    const app = new App({ context: noBundling });
    const stack = new EmploymentStack(app, "China", {
      env: { region: "cn-northwest-1" },
      oidc: { issuer: "https://id.example.gov.cn", audience: "employment-api" },
    });
    const china = Template.fromStack(stack);
    china.resourceCountIs("AWS::Cognito::UserPool", 0);
    china.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ OIDC_ISSUER: "https://id.example.gov.cn" }) },
    });
    expect(JSON.stringify(china.toJSON())).not.toContain("arn:aws:");
  });

  it("explains that Cognito is not available there", () => {
    const app = new App({ context: noBundling });
    expect(() => new EmploymentStack(app, "China", { env: { region: "cn-north-1" } })).toThrow(
      /no Cognito user pools/,
    );
  });
});
