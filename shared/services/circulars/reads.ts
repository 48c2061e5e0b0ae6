/** Reads of circulars: the province's own of a year (any status), and the public ones (published only). */
import type { Db } from "../../data/client";
import {
  findCircular,
  listCircularsOfYear,
  listPublishedCirculars,
  type PublishedEntry,
  type StoredCircular,
} from "../../data/stores/circulars";
import { findProvince } from "../../data/stores/tenancy";
import { circularSha256, parseCircularDocument } from "../../domain/circular";
import { NotFoundError } from "../../lib/errors";
import { type CircularFormat, type PublicCircular, renderPublicCircular } from "./renderings";
import {
  type CircularListEntryResponse,
  type CircularResponse,
  toCircularListEntryResponse,
  toCircularResponse,
} from "./responses";

export function noProvince(provinceId: string): NotFoundError {
  return new NotFoundError({ en: `no province ${provinceId}`, zh: `省份“${provinceId}”不存在。` });
}

/** A circular of the province-year (any status), with its document; 404 for one of another year. */
export async function getCircularOfYear(
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

export async function getCircular(
  db: Db,
  provinceId: string,
  year: number,
  circularId: string,
): Promise<CircularResponse> {
  return toCircularResponse(await getCircularOfYear(db, provinceId, year, circularId));
}

export async function listCirculars(
  db: Db,
  provinceId: string,
  year: number,
): Promise<CircularListEntryResponse[]> {
  return (await listCircularsOfYear(db, provinceId, year)).map(toCircularListEntryResponse);
}

/** A province's published circulars, newest first; 404 for a province that does not exist. */
export async function listPublicCirculars(
  db: Db,
  provinceId: string,
  page: Parameters<typeof listPublishedCirculars>[2],
): Promise<{ circulars: PublishedEntry[]; nextCursor: string | null }> {
  const out = await listPublishedCirculars(db, provinceId, page);
  if (out.circulars.length === 0 && !page.cursor && !(await findProvince(db, provinceId))) {
    throw noProvince(provinceId);
  }
  return out;
}

/** A published circular whose document still matches its hash (404 for drafts, approved and unknown ones). */
export async function getPublishedCircular(
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

/** A published circular for anyone, as JSON, text or HTML (see `renderPublicCircular`). */
export async function getPublicCircular(
  db: Db,
  provinceId: string,
  circularId: string,
  format: Exclude<CircularFormat, "docx">,
): Promise<PublicCircular> {
  return renderPublicCircular(await getPublishedCircular(db, provinceId, circularId), format);
}
