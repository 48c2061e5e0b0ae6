/**
 * CDK app. Context (all optional):
 *   -c region=cn-northwest-1          deploy region (else CDK_DEFAULT_REGION)
 *   -c oidcIssuer=https://…           external OIDC issuer instead of a Cognito user pool
 *   -c oidcAudience=…                 its audience (client id); required with oidcIssuer
 *   -c oidcJwksUri=https://…          its JWKS URL when not <issuer>/.well-known/jwks.json
 *   -c oidcClientId=…                 the client id the console signs in with (default: the audience)
 *   -c corsOrigins=https://a,https://b
 *   -c apiKeyRatePerMinute=600
 *   -c alarmEmail=ops@example.gov.cn  e-mail subscription of the alarm topic
 *   -c environment=production         production (default: backups, customer-managed key) or development
 *   -c tableKmsKey=arn:…|create|aws-owned   the table's encryption key (default by environment)
 *   -c backup=true|false              the AWS Backup plan (default: true in production)
 *   -c apiDomain=api.example.gov.cn -c certificateArn=arn:…   a custom domain for the API
 *   -c consoleUrl=https://console.example.gov.cn   the console's origin (Cognito callback URLs)
 *   -c cognitoDomainPrefix=…          the Cognito hosted UI's domain prefix (default employment-<account>)
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DeployConfigError, EmploymentStack } from "./stack";

const app = new App();
// AWS Solutions checks on every synth: an unacknowledged finding fails it (infra/stack.ts lists the acknowledged ones)
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  if (typeof value === "boolean") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

const region = context("region") ?? process.env.CDK_DEFAULT_REGION;
const issuer = context("oidcIssuer");
const audience = context("oidcAudience");
const jwksUri = context("oidcJwksUri");
const clientId = context("oidcClientId");

/** `-c publicProvinces=jl:吉林省,hl:黑龙江省`: the provinces the console's landing page links to. */
function publicProvincesOf(value: string): { provinceId: string; name: string }[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [provinceId = "", name = ""] = entry.split(":").map((part) => part.trim());
      if (!/^[a-z][a-z0-9-]{0,62}$/.test(provinceId) || !name)
        throw new DeployConfigError(
          `-c publicProvinces: '${entry}' is not <provinceId>:<name>, e.g. jl:吉林省`,
        );
      return { provinceId, name };
    });
}

try {
  if (issuer && !audience)
    throw new DeployConfigError(
      "-c oidcIssuer needs -c oidcAudience (the client id the tokens are issued to)",
    );
  const environment = context("environment") ?? "production";
  if (environment !== "production" && environment !== "development")
    throw new DeployConfigError("-c environment must be production or development");
  const backup = context("backup");
  if (backup !== undefined && backup !== "true" && backup !== "false")
    throw new DeployConfigError("-c backup must be true or false");
  const apiDomain = context("apiDomain");
  const certificateArn = context("certificateArn");
  if (Boolean(apiDomain) !== Boolean(certificateArn))
    throw new DeployConfigError("-c apiDomain and -c certificateArn go together");
  const rate = context("apiKeyRatePerMinute");
  if (rate !== undefined && !/^\d+$/.test(rate))
    throw new DeployConfigError("-c apiKeyRatePerMinute must be a whole number (0 = unlimited)");
  new EmploymentStack(app, "EmploymentAccountability", {
    env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
    ...(issuer && audience
      ? { oidc: { issuer, audience, ...(jwksUri ? { jwksUri } : {}), ...(clientId ? { clientId } : {}) } }
      : {}),
    ...(context("corsOrigins")
      ? { corsOrigins: (context("corsOrigins") ?? "").split(",").map((s) => s.trim()) }
      : {}),
    ...(rate !== undefined ? { apiKeyRatePerMinute: Number(rate) } : {}),
    ...(context("alarmEmail") ? { alarmEmail: context("alarmEmail") } : {}),
    environment,
    ...(context("tableKmsKey") ? { tableKmsKey: context("tableKmsKey") } : {}),
    ...(backup !== undefined ? { backup: backup === "true" } : {}),
    ...(apiDomain && certificateArn ? { customDomain: { domainName: apiDomain, certificateArn } } : {}),
    ...(context("consoleUrl") ? { consoleUrl: context("consoleUrl") } : {}),
    ...(context("cognitoDomainPrefix") ? { cognitoDomainPrefix: context("cognitoDomainPrefix") } : {}),
    ...(context("publicProvinces")
      ? { publicProvinces: publicProvincesOf(context("publicProvinces") ?? "") }
      : {}),
  });
} catch (error) {
  // a setting that cannot work is one clear line, not a stack trace
  if (!(error instanceof DeployConfigError)) throw error;
  console.error(`cdk: ${error.message}`);
  process.exit(1);
}
