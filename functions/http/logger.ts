/**
 * The one structured logger (Powertools). Context keys (route, tenant, principal) are appended per
 * request and cleared by `injectLambdaContext(logger, { resetKeys: true })`, so nothing of one
 * request leaks into the next. Tokens, keys and request bodies are never logged.
 */
import { Logger } from "@aws-lambda-powertools/logger";

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "employment-api" });
