/**
 * CDK app. Context (all optional):
 *   -c region=cn-northwest-1          deploy region (else CDK_DEFAULT_REGION)
 *   -c oidcIssuer=https://…           external OIDC issuer instead of a Cognito user pool
 *   -c oidcAudience=…                 its audience (client id); required with oidcIssuer
 *   -c oidcJwksUri=https://…          its JWKS URL when not <issuer>/.well-known/jwks.json
 *   -c corsOrigins=https://a,https://b
 *   -c apiKeyRatePerMinute=600
 */
import { App } from "aws-cdk-lib";
import { DeployConfigError, EmploymentStack } from "./stack";

const app = new App();
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

const region = context("region") ?? process.env.CDK_DEFAULT_REGION;
const issuer = context("oidcIssuer");
const audience = context("oidcAudience");
const jwksUri = context("oidcJwksUri");

try {
  if (issuer && !audience)
    throw new DeployConfigError(
      "-c oidcIssuer needs -c oidcAudience (the client id the tokens are issued to)",
    );
  new EmploymentStack(app, "EmploymentAccountability", {
    env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
    ...(issuer && audience ? { oidc: { issuer, audience, ...(jwksUri ? { jwksUri } : {}) } } : {}),
    ...(context("corsOrigins")
      ? { corsOrigins: (context("corsOrigins") ?? "").split(",").map((s) => s.trim()) }
      : {}),
    ...(context("apiKeyRatePerMinute")
      ? { apiKeyRatePerMinute: Number(context("apiKeyRatePerMinute")) }
      : {}),
  });
} catch (error) {
  // a setting that cannot work is one clear line, not a stack trace
  if (!(error instanceof DeployConfigError)) throw error;
  console.error(`cdk: ${error.message}`);
  process.exit(1);
}
