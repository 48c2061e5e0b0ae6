/**
 * The circular service's refusals of a request: what the domain's builder refuses (`CircularInputError`
 * → 422 on the body's fields), a run or a superseded circular the body names that cannot be used
 * (422), and an edit that changes nothing (400).
 */
import { STATUS_ZH, type StoredCircular } from "../../data/stores/circulars";
import { CircularInputError, type CircularProseEdits } from "../../domain/circular";
import { type Bilingual, BusinessRuleError, ValidationError } from "../../lib/errors";

/** `CircularInputError` → 422, its paths rebased on the request body (`prose.opening` → `body.opening`). */
function unprocessable(error: CircularInputError): BusinessRuleError {
  const errors = error.issues.map((i) => ({
    path: `body.${i.path.replace(/^(prose|edits)\./, "")}`,
    message: i.message,
    zh: i.zh,
  }));
  return new BusinessRuleError({ en: error.message, zh: error.zh }, { errors, cause: error });
}

/** The document `build` makes, a `CircularInputError` of the domain's being 422. */
export function buildOrRefuse<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CircularInputError) throw unprocessable(error);
    throw error;
  }
}

/** 422: the body's `runId` names no scoring run of the province-year. */
export function unknownRun(runId: string, year: number): BusinessRuleError {
  return new BusinessRuleError(
    {
      en: `there is no scoring run ${runId} of ${year}`,
      zh: `没有${year}年度的考评结果“${runId}”。`,
    },
    {
      errors: [
        {
          path: "body.runId",
          message: "no such scoring run of this province and year",
          zh: "本省该年度没有此考评结果",
        },
      ],
    },
  );
}

/**
 * 422 unless the circular a new draft `supersedes` is a published, not yet superseded circular of
 * the same year.
 */
export function checkSupersedes(superseded: StoredCircular | undefined, year: number): void {
  const reason: Bilingual | undefined = !superseded
    ? { en: "no such circular of this province", zh: "本省没有此通报" }
    : superseded.year !== year
      ? {
          en: `that circular is of ${superseded.year}, not ${year}`,
          zh: `该通报属于${superseded.year}年度，而非${year}年度`,
        }
      : superseded.status !== "published"
        ? {
            en: `that circular is ${superseded.status}; only a published circular can be superseded`,
            zh: `该通报当前状态为“${STATUS_ZH[superseded.status]}”，只有已印发的通报才能被更正`,
          }
        : superseded.supersededBy
          ? {
              en: `that circular is already superseded by ${superseded.supersededBy}`,
              zh: `该通报已被通报“${superseded.supersededBy}”更正`,
            }
          : undefined;
  if (reason) {
    throw new BusinessRuleError(
      { en: `supersedes: ${reason.en}`, zh: `被更正的通报有误：${reason.zh}。` },
      { errors: [{ path: "body.supersedes", message: reason.en, zh: `被更正的通报有误：${reason.zh}` }] },
    );
  }
}

/** 400 for an edit that names no field. */
export function checkEditsChangeSomething(edits: CircularProseEdits): void {
  if (Object.keys(edits).length === 0) {
    throw ValidationError.about(
      "body",
      { en: "nothing to change", zh: "没有要修改的内容。" },
      { en: "name at least one field", zh: "请至少修改一个字段" },
    );
  }
}
