/**
 * The deployed stack synthesized once for the infra suites, exactly as `npm run synth` does
 * (every function bundled by esbuild, cdk-nag's AwsSolutions checks as a validation plugin):
 * the CDK assertions read its template and report, the bundle tests run its assets.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { EmploymentStack } from "../../infra/stack";

declare module "vitest" {
  export interface ProvidedContext {
    assemblyDir: string;
    /** CDK's validation report (cdk-nag's findings: violations left, acknowledged ones with reasons) */
    nagReport: string;
  }
}

export const SYNTH_STACK = "Test";

export default async function setup(project: TestProject) {
  const outdir = mkdtempSync(join(tmpdir(), "employment-assembly-"));
  const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
  new EmploymentStack(app, SYNTH_STACK, {
    env: { region: "ap-east-1", account: "123456789012" },
    alarmEmail: "ops@example.gov.cn",
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (error) {
    // an unacknowledged finding fails the synth after writing the report, which the test reads
    if (
      (error as { name?: string }).name !== "ValidationError" &&
      !String(error).includes("Validation failed")
    )
      throw error;
  }
  project.provide("assemblyDir", outdir);
  project.provide("nagReport", readFileSync(join(outdir, "validation-report.json"), "utf8"));
}
