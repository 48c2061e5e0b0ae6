/**
 * Function defaults in one place: Node.js 22 on arm64, a minified ESM esbuild bundle with source
 * maps (the AWS SDK bundled too, so every function runs the version that was tested), an explicit
 * log group with retention, and no permissions beyond what the caller grants.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

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
  /** files to ship next to the bundle: name in the asset → local path */
  extraFiles?: Record<string, string>;
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: "employment-api",
        POWERTOOLS_LOG_LEVEL: "INFO",
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
                    ([name, from]) => `cp "${from}" "${outputDir}/${name}"`,
                  ),
              },
            }
          : {}),
      },
    });
  }
}
