/**
 * Every error leaves as application/problem+json in the caller's language (`Accept-Language`):
 * the named errors of `shared/lib/errors.ts` with their status, storage outages as 503, anything
 * else as a 500 that says nothing internal (its `requestId` joins it to the log).
 */
import { isStorageUnavailable, storageUnavailable } from "../../../shared/data/infra-errors";
import { AppError, internalProblem, toProblem } from "../../../shared/lib/errors";
import { preferredLanguage } from "../language";
import { logger } from "../logger";
import type { HttpMiddleware } from "../request-state";
import { problemResult } from "../result";

export function answerProblems(): HttpMiddleware {
  return {
    onError: (request) => {
      const error = request.error;
      const known: AppError | undefined =
        error instanceof AppError
          ? error
          : isStorageUnavailable(error)
            ? storageUnavailable(error)
            : undefined;
      const requestId = request.event?.requestContext?.requestId;
      const language = preferredLanguage(request.event?.headers?.["accept-language"]);
      if (known) {
        if (known.status >= 500) logger.error(known.message, { error: error as Error });
        else logger.info("request refused", { status: known.status, detail: known.message });
        const problem = toProblem(known, language);
        if (known.status >= 500 && requestId) problem.requestId = requestId;
        request.response = problemResult(known.status, problem, known.headers, language);
        return;
      }
      logger.error("unhandled error", { error: error as Error });
      const problem = internalProblem(language);
      if (requestId) problem.requestId = requestId;
      request.response = problemResult(500, problem, {}, language);
    },
  };
}
