/**
 * The steps of a circular after its draft: prose edits while draft, approval by a province admin
 * other than the creator, publishing (hash and freeze). Each step re-runs whole when it loses a race
 * (the one retry policy: `shared/data/retry.ts`).
 */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import {
  approveDraft,
  type CircularStatus,
  creatorCannotApprove,
  publishApproved,
  STATUS_ZH,
  type StoredCircular,
  updateDraftDocument,
} from "../../data/stores/circulars";
import { checkIfMatch } from "../../data/versioned";
import {
  applyProseEdits,
  type CircularProseEdits,
  circularSha256,
  parseCircularDocument,
} from "../../domain/circular";
import { type Bilingual, ConflictError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import { getCircularOfYear } from "./reads";
import { type CircularResponse, toCircularResponse } from "./responses";
import { buildOrRefuse, checkEditsChangeSomething } from "./validation";

/** A step of the workflow on one circular: which one, If-Match, who acts and when. */
export interface CircularStep {
  provinceId: string;
  year: number;
  circularId: string;
  ifMatch: IfMatch | undefined;
  by: string;
  at: string;
}

/** What each step needs of the circular: its status (409 `refusal` otherwise). */
interface StepRule {
  needs: CircularStatus;
  refusal: Bilingual;
}

/** The status each step needs, and what its 409 says. */
const STEP_RULES = {
  edit: { needs: "draft", refusal: { en: "only a draft can be edited", zh: "只有草稿可以修改" } },
  approve: { needs: "draft", refusal: { en: "only a draft can be approved", zh: "只有草稿可以审核" } },
  publish: {
    needs: "approved",
    refusal: { en: "only an approved circular can be published", zh: "只有已审核的通报可以印发" },
  },
} satisfies Record<string, StepRule>;

/** The step's circular, which must be in the status the step needs (409 `refusal` otherwise). */
async function circularIn(db: Db, step: CircularStep & StepRule): Promise<StoredCircular> {
  const { needs, refusal } = step;
  const circular = await getCircularOfYear(db, step.provinceId, step.year, step.circularId);
  if (circular.status !== needs) {
    throw new ConflictError({
      en: `circular ${circular.circularId} is ${circular.status}; ${refusal.en}`,
      zh: `通报“${circular.circularId}”当前状态为“${STATUS_ZH[circular.status]}”，${refusal.zh}。`,
    });
  }
  return circular;
}

/** The write of a step: the circular at the version it was read at, who writes and when. */
interface StepWrite {
  provinceId: string;
  circularId: string;
  expectedVersion: number;
  at: string;
  by: string;
}

/** Run a step on its circular (in the status it needs) and answer the circular it wrote. */
function takeStep(
  db: Db,
  step: CircularStep & StepRule,
  write: (circular: StoredCircular, stepWrite: StepWrite) => Promise<StoredCircular>,
): Promise<CircularResponse> {
  return withRetry(async () => {
    const circular = await circularIn(db, step);
    const { provinceId, circularId, at, by } = step;
    return toCircularResponse(
      await write(circular, { provinceId, circularId, expectedVersion: circular.version, at, by }),
    );
  });
}

/**
 * Prose edits to a draft: 409 unless draft, 428 without If-Match, 412 on a stale one, 422 when the
 * edited document breaks a rule; the write is conditional on `status = draft` and the version.
 */
export function editCircular(
  db: Db,
  request: CircularStep & { edits: CircularProseEdits },
): Promise<CircularResponse> {
  return takeStep(db, { ...request, ...STEP_RULES.edit }, (circular, stepWrite) => {
    checkIfMatch(request.ifMatch, circular.version, { required: true });
    checkEditsChangeSomething(request.edits);
    const document = buildOrRefuse(() => applyProseEdits(circular.document, request.edits, circular.scores));
    return updateDraftDocument(db, { ...stepWrite, document });
  });
}

/** draft → approved by a province admin other than the creator (409 otherwise); If-Match optional. */
export function approveCircular(db: Db, request: CircularStep): Promise<CircularResponse> {
  return takeStep(db, { ...request, ...STEP_RULES.approve }, (circular, stepWrite) => {
    if (circular.createdBy === request.by) throw creatorCannotApprove();
    checkIfMatch(request.ifMatch, circular.version, { required: false });
    return approveDraft(db, stepWrite);
  });
}

/**
 * approved → published: the canonical document is hashed and frozen, the year's rulebook frozen
 * with it, and a superseded circular marked — one transaction (see `publishApproved`).
 */
export function publishCircular(db: Db, request: CircularStep): Promise<CircularResponse> {
  return takeStep(db, { ...request, ...STEP_RULES.publish }, (circular, { at, ...stepWrite }) => {
    checkIfMatch(request.ifMatch, circular.version, { required: false });
    const document = parseCircularDocument(circular.document);
    return publishApproved(db, {
      ...stepWrite,
      year: request.year,
      documentNo: document.documentNo,
      sha256: circularSha256(document),
      publishedAt: at,
      rulebookVersion: circular.rulebookVersion,
      supersedes: circular.supersedes,
    });
  });
}
