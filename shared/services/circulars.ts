/**
 * The circular (通报) workflow of `shared/domain/circular/circular.md`: a draft built from a scoring run and the cities'
 * highlights; prose edits with optimistic concurrency while draft; approval by a province admin
 * other than the creator; publishing, which hashes the canonical document and freezes it and the
 * year's rulebook; public reads of published circulars only, as JSON, text and HTML rendered from
 * the same canonical document.
 */
import type { Db } from "../data/client";
import { withRetry } from "../data/retry";
import {
  approveDraft,
  type CircularStatus,
  type CircularSummary,
  creatorCannotApprove,
  findCircular,
  listCircularsOfYear,
  listPublishedCirculars,
  type PublishedEntry,
  publishApproved,
  putNewCircular,
  STATUS_ZH,
  type StoredCircular,
  updateDraftDocument,
} from "../data/stores/circulars";
import { highlightsOfProvinceYear } from "../data/stores/highlights";
import { findProvince } from "../data/stores/tenancy";
import { checkIfMatch } from "../data/versioned";
import {
  applyProseEdits,
  buildCircularDocument,
  type CircularDocument,
  CircularInputError,
  type CircularProse,
  type CircularProseEdits,
  type CityHighlights,
  circularSha256,
  DRAFT_MARK,
  type PrintOptions,
  parseCircularDocument,
  printTitle,
  renderHtml,
  renderText,
} from "../domain/circular";
import { canonicalJson } from "../lib/canonical-json";
import {
  type Bilingual,
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from "../lib/errors";
import { sortableId } from "../lib/ids";
import type { IfMatch } from "../lib/if-match";
import { loadScoringRun } from "./scoring";

export type CircularFormat = "json" | "txt" | "html" | "docx";

/** A circular as province roles see it: every status, with its document. */
export interface CircularView extends Omit<StoredCircular, "scores" | "sha256" | "supersededBy"> {
  sha256: string | null;
  supersededBy: string | null;
}

export function circularView(c: StoredCircular): CircularView {
  const { scores: _scores, ...rest } = c;
  return { ...rest, sha256: c.sha256 ?? null, supersededBy: c.supersededBy ?? null };
}

export type CircularListEntry = Omit<CircularView, "document">;

function listEntry(c: CircularSummary): CircularListEntry {
  return { ...c, sha256: c.sha256 ?? null, supersededBy: c.supersededBy ?? null };
}

/** `CircularInputError` → 422, its paths rebased on the request body (`prose.opening` → `body.opening`). */
function unprocessable(error: CircularInputError): BusinessRuleError {
  const errors = error.issues.map((i) => ({
    path: `body.${i.path.replace(/^(prose|edits)\./, "")}`,
    message: i.message,
    zh: i.zh,
  }));
  return new BusinessRuleError({ en: error.message, zh: error.zh }, { errors, cause: error });
}

function noProvince(provinceId: string): NotFoundError {
  return new NotFoundError({ en: `no province ${provinceId}`, zh: `省份“${provinceId}”不存在。` });
}

/** A circular of the province-year (any status), with its document; 404 for one of another year. */
export async function circularOfYear(
  db: Db,
  provinceId: string,
  year: number,
  circularId: string,
): Promise<StoredCircular> {
  const circular = await findCircular(db, provinceId, circularId);
  if (!circular || circular.year !== year)
    throw new NotFoundError({
      en: `no circular ${circularId} of ${year}`,
      zh: `没有${year}年度的通报“${circularId}”。`,
    });
  return circular;
}

/** A step of the workflow on one circular: which one, If-Match, who acts and when. */
export interface CircularStep {
  provinceId: string;
  year: number;
  circularId: string;
  ifMatch: IfMatch | undefined;
  by: string;
  at: string;
}

/** The step's circular, which must be in the status the step needs (409 `refusal` otherwise). */
async function circularIn(
  db: Db,
  step: CircularStep,
  needed: CircularStatus,
  refusal: Bilingual,
): Promise<StoredCircular> {
  const circular = await circularOfYear(db, step.provinceId, step.year, step.circularId);
  if (circular.status !== needed) {
    throw new ConflictError({
      en: `circular ${circular.circularId} is ${circular.status}; ${refusal.en}`,
      zh: `通报“${circular.circularId}”当前状态为“${STATUS_ZH[circular.status]}”，${refusal.zh}。`,
    });
  }
  return circular;
}

export interface CreateCircularRequest {
  provinceId: string;
  year: number;
  by: string;
  at: string;
  runId: string;
  prose: CircularProse;
  supersedes?: string | null | undefined;
}

/**
 * A draft from a stored run of the same province-year: it snapshots the run's results, the units
 * (names, authority names and order as the run scored them), the rulebook's title, document number
 * and grades, and every city's current highlights. An unknown run, or a `supersedes` that is not a
 * published, not yet superseded circular of the same year, is 422 (they are references in the body).
 */
export async function createCircular(db: Db, request: CreateCircularRequest): Promise<CircularView> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => createCircularOnce(db, request));
}

async function createCircularOnce(db: Db, request: CreateCircularRequest): Promise<CircularView> {
  const { provinceId, year } = request;
  const [run, province, highlightItems, superseded] = await Promise.all([
    loadScoringRun(db, provinceId, year, request.runId),
    findProvince(db, provinceId),
    highlightsOfProvinceYear(db, provinceId, year),
    request.supersedes ? findCircular(db, provinceId, request.supersedes) : Promise.resolve(undefined),
  ]);
  if (!run) {
    throw new BusinessRuleError(
      {
        en: `there is no scoring run ${request.runId} of ${year}`,
        zh: `没有${year}年度的考评结果“${request.runId}”。`,
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
  if (!province) throw noProvince(provinceId);
  if (request.supersedes) {
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

  const highlights: Record<string, CityHighlights> = {};
  for (const h of highlightItems) {
    highlights[h.tenantId] = {
      ...(h.employment !== undefined ? { employment: h.employment } : {}),
      ...(h.entrepreneurship !== undefined ? { entrepreneurship: h.entrepreneurship } : {}),
    };
  }
  const { inputs, results } = run.payload;
  const rulebook = inputs.rulebook.rulebook;
  const circularId = sortableId();
  let document: CircularDocument;
  try {
    document = buildCircularDocument({
      circularId,
      province: { id: provinceId, authorityName: province.fullAuthorityName ?? province.authorityName },
      year,
      rulebook: { title: rulebook.title, documentNo: rulebook.documentNo, grades: rulebook.grades },
      tenants: inputs.tenants.map((t) => ({
        id: t.tenantId,
        name: t.name,
        authorityName: t.authorityName,
        displayOrder: t.displayOrder,
      })),
      results: results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank, grade: r.grade })),
      highlights,
      prose: request.prose,
      supersedes: request.supersedes ?? null,
    });
  } catch (error) {
    if (error instanceof CircularInputError) throw unprocessable(error);
    throw error;
  }
  const circular: StoredCircular = {
    circularId,
    provinceId,
    year,
    status: "draft",
    version: 1,
    runId: run.meta.runId,
    rulebookVersion: run.meta.rulebookVersion,
    documentNo: document.documentNo,
    document,
    scores: results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank })),
    supersedes: request.supersedes ?? null,
    createdBy: request.by,
    createdAt: request.at,
    updatedBy: request.by,
    updatedAt: request.at,
  };
  await putNewCircular(db, circular);
  return circularView(circular);
}

export async function getCircularView(
  db: Db,
  provinceId: string,
  year: number,
  circularId: string,
): Promise<CircularView> {
  return circularView(await circularOfYear(db, provinceId, year, circularId));
}

export async function listCirculars(db: Db, provinceId: string, year: number): Promise<CircularListEntry[]> {
  return (await listCircularsOfYear(db, provinceId, year)).map(listEntry);
}

/**
 * Prose edits to a draft: 409 unless draft, 428 without If-Match, 412 on a stale one, 422 when the
 * edited document breaks a rule; the write is conditional on `status = draft` and the version.
 */
export async function editCircular(
  db: Db,
  request: CircularStep & { edits: CircularProseEdits },
): Promise<CircularView> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => editCircularOnce(db, request));
}

async function editCircularOnce(
  db: Db,
  request: CircularStep & { edits: CircularProseEdits },
): Promise<CircularView> {
  const circular = await circularIn(db, request, "draft", {
    en: "only a draft can be edited",
    zh: "只有草稿可以修改",
  });
  checkIfMatch(request.ifMatch, circular.version, { required: true });
  if (Object.keys(request.edits).length === 0) {
    throw new ValidationError(
      { en: "nothing to change", zh: "没有要修改的内容。" },
      { errors: [{ path: "body", message: "name at least one field", zh: "请至少修改一个字段" }] },
    );
  }
  let document: CircularDocument;
  try {
    document = applyProseEdits(circular.document, request.edits, circular.scores);
  } catch (error) {
    if (error instanceof CircularInputError) throw unprocessable(error);
    throw error;
  }
  const updated = await updateDraftDocument(db, {
    provinceId: request.provinceId,
    circularId: request.circularId,
    expectedVersion: circular.version,
    document,
    at: request.at,
    by: request.by,
  });
  return circularView(updated);
}

/** draft → approved by a province admin other than the creator (409 otherwise); If-Match optional. */
export async function approveCircular(db: Db, request: CircularStep): Promise<CircularView> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => approveCircularOnce(db, request));
}

async function approveCircularOnce(db: Db, request: CircularStep): Promise<CircularView> {
  const circular = await circularIn(db, request, "draft", {
    en: "only a draft can be approved",
    zh: "只有草稿可以审核",
  });
  if (circular.createdBy === request.by) throw creatorCannotApprove();
  checkIfMatch(request.ifMatch, circular.version, { required: false });
  const approved = await approveDraft(db, {
    provinceId: request.provinceId,
    circularId: request.circularId,
    expectedVersion: circular.version,
    at: request.at,
    by: request.by,
  });
  return circularView(approved);
}

/**
 * approved → published: the canonical document is hashed and frozen, the year's rulebook frozen
 * with it, and a superseded circular marked — one transaction (see `publishApproved`).
 */
export async function publishCircular(db: Db, request: CircularStep): Promise<CircularView> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => publishCircularOnce(db, request));
}

async function publishCircularOnce(db: Db, request: CircularStep): Promise<CircularView> {
  const circular = await circularIn(db, request, "approved", {
    en: "only an approved circular can be published",
    zh: "只有已审核的通报可以印发",
  });
  checkIfMatch(request.ifMatch, circular.version, { required: false });
  const document = parseCircularDocument(circular.document);
  const published = await publishApproved(db, {
    provinceId: request.provinceId,
    year: request.year,
    circularId: request.circularId,
    expectedVersion: circular.version,
    documentNo: document.documentNo,
    sha256: circularSha256(document),
    publishedAt: request.at,
    by: request.by,
    rulebookVersion: circular.rulebookVersion,
    supersedes: circular.supersedes,
  });
  return circularView(published);
}

/** How a stored circular is rendered: a supersession notice when corrected, 草稿 until published. */
function renderOptions(c: StoredCircular): PrintOptions {
  return {
    ...(c.supersededBy
      ? { supersededBy: { circularId: c.supersededBy, documentNo: c.supersededByDocumentNo ?? null } }
      : {}),
    ...(c.status !== "published" ? { draft: true } : {}),
  };
}

export interface Rendered {
  raw: string;
  contentType: string;
}

/** The text or HTML form of any circular (province preview of drafts; the public form of published ones). */
export function renderCircular(c: StoredCircular, format: "txt" | "html"): Rendered {
  const document = parseCircularDocument(c.document);
  return format === "txt"
    ? { raw: renderText(document, renderOptions(c)), contentType: "text/plain; charset=utf-8" }
    : { raw: renderHtml(document, renderOptions(c)), contentType: "text/html; charset=utf-8" };
}

/** What a DOCX renderer needs of a stored circular, and the download's file names. */
export interface PrintableCircular {
  document: CircularDocument;
  options: PrintOptions & { sha256?: string };
  /** 吉林省人民政府关于…的通报（吉政函〔2020〕33号）.docx; a draft's starts with 【草稿】 */
  filename: string;
  /** the ASCII name for clients that cannot read `filename*` */
  fallbackFilename: string;
}

export function printableCircular(c: StoredCircular): PrintableCircular {
  const document = parseCircularDocument(c.document);
  const draft = c.status !== "published";
  const name = `${draft ? `【${DRAFT_MARK}】` : ""}${printTitle(document)}（${document.documentNo}）`;
  return {
    document,
    options: { ...renderOptions(c), ...(c.sha256 && !draft ? { sha256: c.sha256 } : {}) },
    filename: `${name.replace(/[\\/:*?"<>|]/g, "_")}.docx`,
    fallbackFilename: `circular-${c.provinceId}-${c.year}-${c.circularId}${draft ? "-draft" : ""}.docx`,
  };
}

/** A province's published circulars, newest first; 404 for a province that does not exist. */
export async function listPublicCirculars(
  db: Db,
  provinceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ circulars: PublishedEntry[]; nextCursor: string | null }> {
  const out = await listPublishedCirculars(db, provinceId, page);
  if (out.circulars.length === 0 && !page.cursor && !(await findProvince(db, provinceId))) {
    throw noProvince(provinceId);
  }
  return out;
}

export interface PublicCircular {
  sha256: string;
  /** the canonical JSON envelope, or the text / HTML form */
  raw: string;
  contentType: string;
}

/**
 * A published circular for anyone, byte-identical on every read: JSON is the canonical JSON of
 * `{circularId, provinceId, year, status, sha256, publishedAt, supersedes, supersededBy, document}`
 * (`canonicalHash(document) = sha256`), text and HTML are rendered from that document. Drafts and
 * approved circulars are 404, as are unknown ones.
 */
/** A published circular whose document still matches its hash (404 for drafts and unknown ones). */
export async function publishedCircular(
  db: Db,
  provinceId: string,
  circularId: string,
): Promise<StoredCircular & { sha256: string; publishedAt: string }> {
  const circular = await findCircular(db, provinceId, circularId);
  if (circular?.status !== "published" || !circular.sha256 || !circular.publishedAt) {
    throw new NotFoundError({
      en: `no published circular ${circularId}`,
      zh: `没有已印发的通报“${circularId}”。`,
    });
  }
  if (circularSha256(parseCircularDocument(circular.document)) !== circular.sha256) {
    throw new Error(`published circular ${circularId} does not match its stored hash`);
  }
  return { ...circular, sha256: circular.sha256, publishedAt: circular.publishedAt };
}

export async function getPublicCircular(
  db: Db,
  provinceId: string,
  circularId: string,
  format: Exclude<CircularFormat, "docx">,
): Promise<PublicCircular> {
  const circular = await publishedCircular(db, provinceId, circularId);
  const document = parseCircularDocument(circular.document);
  if (format !== "json") return { sha256: circular.sha256, ...renderCircular(circular, format) };
  const envelope = {
    circularId: circular.circularId,
    provinceId: circular.provinceId,
    year: circular.year,
    status: "published",
    sha256: circular.sha256,
    publishedAt: circular.publishedAt,
    supersedes: circular.supersedes,
    supersededBy: circular.supersededBy ?? null,
    document,
  };
  return {
    sha256: circular.sha256,
    raw: canonicalJson(envelope),
    contentType: "application/json; charset=utf-8",
  };
}
