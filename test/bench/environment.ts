/**
 * The bench's environment, set before anything else is imported (`main.ts` imports this first):
 * the functions' logger reads its level when it is created, and the local stack's request logs
 * must not mix into the `--json` output on stdout.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.POWERTOOLS_LOG_LEVEL = "CRITICAL";
// Measure what deploys: response-schema checks are a development aid the Lambdas do not run.
process.env.VALIDATE_RESPONSES = "false";
