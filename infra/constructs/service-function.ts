/**
 * Function defaults in one place: Node.js 24 on arm64, a minified ESM esbuild bundle whose source
 * maps are used in stack traces (`--enable-source-maps`; the AWS SDK bundled too, so every function
 * runs the version that was tested), active X-Ray tracing, an explicit log group with retention,
 * and a role of its own that may write only to that log group (and X-Ray) — every other
 * permission is granted by the caller, action by action.
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** The Lambda runtime: the newest Node.js the bundles are tested on (test/infra/bundles.test.ts). */
export const RUNTIME = Runtime.NODEJS_24_X;

/** The esbuild settings every function uses (the benchmark builds its floor bundle with the same). */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: "node22",
  format: OutputFormat.ESM,
  mainFields: ["module", "main"],
  externalModules: [] as string[],
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
} as const;

export interface ServiceFunctionProps {
  entry: string;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  logRetention?: RetentionDays;
  /** compile-time constants for esbuild (`define`) */
  define?: Record<string, string>;
  /** files (or directories) to ship next to the bundle: name in the asset → local path */
  extraFiles?: Record<string, string>;
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // no AWSLambdaBasicExecutionRole (logs:* on every group): this function's own log group only
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `${props.description}: its own log group, X-Ray, and the table actions granted to it`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup: this.logGroup,
      role: this.role,
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: "employment-api",
        POWERTOOLS_LOG_LEVEL: "INFO",
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      bundling: {
        ...BUNDLING,
        externalModules: [...BUNDLING.externalModules],
        mainFields: [...BUNDLING.mainFields],
        ...(props.define ? { define: props.define } : {}),
        ...(props.extraFiles
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  Object.entries(props.extraFiles ?? {}).map(
                    ([name, from]) => `cp -R "${from}" "${outputDir}/${name}"`,
                  ),
              },
            }
          : {}),
      },
    });
    Validations.of(this.role).acknowledge({
      id: "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
      reason:
        "Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.",
    });
  }
}
