/**
 * The deployed service: one DynamoDB table, one Lambda function per API area plus the
 * authorizer, and an HTTP API whose routes come from the route table. Identity: a Cognito user
 * pool by default, or any OIDC issuer given at deploy time (required in the AWS China regions,
 * which have no Cognito user pools).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { ClientAttributes, StringAttribute, UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import { AttributeType, BillingMode, Table } from "aws-cdk-lib/aws-dynamodb";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { buildSync } from "esbuild";
import { buildOpenApi } from "../functions/http/openapi";
import { OPENAPI_INFO } from "../functions/http/openapi-document";
import { AREAS, type Area, type RouteSpec } from "../functions/http/route";
import { routeTable } from "../functions/routes";
import { tableDefinition } from "../shared/data/table-definition";
import { BUNDLING, ServiceFunction } from "./constructs/service-function";

const root = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** The DynamoDB actions each function needs, and no more. */
const READ = ["dynamodb:GetItem", "dynamodb:Query"];
const WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"];
const AREA_ACTIONS: Record<Area, string[]> = {
  platform: [...READ, ...WRITE],
  assessment: [...READ, ...WRITE],
  scoring: [...READ, ...WRITE],
  circulars: [...READ, ...WRITE],
  subsidies: [...READ, ...WRITE],
};
const AUTHORIZER_ACTIONS = ["dynamodb:GetItem", "dynamodb:UpdateItem"];

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUri?: string;
}

export interface EmploymentStackProps extends StackProps {
  /** an external OIDC issuer; when absent a Cognito user pool is created */
  oidc?: OidcSettings;
  corsOrigins?: string[];
  logRetention?: RetentionDays;
  /** requests per minute per integration API key (0 = unlimited) */
  apiKeyRatePerMinute?: number;
  routes?: readonly RouteSpec[];
}

/** A deploy setting that cannot work; the CDK app prints it as one line. */
export class DeployConfigError extends Error {
  override name = "DeployConfigError";
}

export class EmploymentStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly functions: Record<Area | "authorizer", ServiceFunction>;

  constructor(scope: Construct, id: string, props: EmploymentStackProps = {}) {
    super(scope, id, props);
    const routes = props.routes ?? routeTable;

    this.table = new Table(this, "Table", {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: "expiresAt",
    });
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      });
    }

    const oidc = props.oidc ?? this.cognito();
    const common = { TABLE_NAME: this.table.tableName };
    const logRetention = props.logRetention ? { logRetention: props.logRetention } : {};

    const authorizerFn = new ServiceFunction(this, "AuthorizerFunction", {
      entry: root("functions/authorizer/index.ts"),
      description: "Verifies bearer JWTs and integration API keys",
      memorySize: 512,
      timeout: Duration.seconds(5),
      environment: {
        ...common,
        OIDC_ISSUER: oidc.issuer,
        OIDC_AUDIENCE: oidc.audience,
        ...(oidc.jwksUri ? { OIDC_JWKS_URI: oidc.jwksUri } : {}),
        API_KEY_RATE_PER_MINUTE: String(props.apiKeyRatePerMinute ?? 600),
      },
      ...logRetention,
    });
    this.table.grant(authorizerFn.fn, ...AUTHORIZER_ACTIONS);

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
      this.table.grant(fn.fn, ...AREA_ACTIONS[area]);
      areaFunctions[area] = fn;
    }
    this.functions = { ...areaFunctions, authorizer: authorizerFn };

    this.api = new HttpApi(this, "Api", {
      apiName: "employment-accountability",
      description: "就业创业工作目标责任制考评 API",
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ["authorization", "content-type", "if-match", "x-api-key"],
              exposeHeaders: ["etag", "location", "retry-after", "content-disposition"],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage | undefined;
    stage?.addPropertyOverride("DefaultRouteSettings", {
      ThrottlingBurstLimit: 200,
      ThrottlingRateLimit: 100,
    });

    // The authorizer never denies (an HTTP API would answer 403 with a non-problem body); it
    // passes its verdict to the handler. Caching is off so a revoked key stops at once.
    const authorizer = new HttpLambdaAuthorizer("Authorizer", authorizerFn.fn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: [],
    });
    const integrations = Object.fromEntries(
      AREAS.map((area) => [
        area,
        new HttpLambdaIntegration(`${pascal(area)}Integration`, areaFunctions[area].fn),
      ]),
    ) as Record<Area, HttpLambdaIntegration>;

    for (const route of routes) {
      if (route.path.startsWith("/local/"))
        throw new Error(`local-only route ${route.path} must not be deployed`);
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.area],
        authorizer: route.access === "public" ? new HttpNoneAuthorizer() : authorizer,
      });
    }

    new CfnOutput(this, "ApiUrl", { value: this.api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "OidcIssuer", { value: oidc.issuer });
    new CfnOutput(this, "OidcAudience", { value: oidc.audience });
  }

  /** A Cognito user pool whose users carry `custom:role`, `custom:provinceId`, `custom:tenantId`. */
  private cognito(): OidcSettings {
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
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Users may read their scope but never write it: role and tenant are set by administrators only.
    const client = new UserPoolClient(this, "ConsoleClient", {
      userPool: pool,
      generateSecret: false,
      authFlows: { userSrp: true },
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, fullname: true })
        .withCustomAttributes("role", "provinceId", "tenantId"),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    new CfnOutput(this, "UserPoolId", { value: pool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: client.userPoolClientId });
    return {
      issuer: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${pool.userPoolId}`,
      audience: client.userPoolClientId,
    };
  }
}

/** The areas whose handlers load the office formats (`functions/http/office.ts`). */
const OFFICE_AREAS: readonly Area[] = ["assessment", "scoring", "circulars"];

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

/** The OpenAPI document of these routes, written to a temporary file for the platform bundle. */
function openApiFile(routes: readonly RouteSpec[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "openapi-")), "openapi.json");
  writeFileSync(file, JSON.stringify(buildOpenApi(routes, OPENAPI_INFO)));
  return file;
}

function pascal(value: string): string {
  return value.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
