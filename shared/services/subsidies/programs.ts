/** Provincial programs: append-only, effective-dated versions of the province's own programs. */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import {
  appendProgramVersion,
  listProgramVersions,
  listProgramVersionsOf,
  provinceExists,
  type StoredProgram,
} from "../../data/stores/subsidies";
import { parseProgram } from "./validation";
import { type Appended, type PutVersionInput, versionReads, versionWrite } from "./versioning";

/** `candidate`: the body as the route parsed it (`code` optional). */
export interface PutProgramInput extends PutVersionInput<object> {
  provinceId: string;
}

/** Append a version of a provincial program (`created`: it is the first). */
export async function putProgram(db: Db, input: PutProgramInput): Promise<Appended<StoredProgram>> {
  const program = parseProgram(input.code, input.candidate);
  return withRetry(() =>
    appendProgramVersion(db, {
      provinceId: input.provinceId,
      program,
      ...versionWrite(input, [provinceExists(db, input.provinceId)]),
    }),
  );
}

const programReads = versionReads({
  versions: listProgramVersions,
  versionsOf: listProgramVersionsOf,
  keyOf: (p) => p.code,
  notFound: (provinceId, code) => ({
    en: `no subsidy program ${code} in province ${provinceId}`,
    zh: `省份“${provinceId}”没有补贴项目“${code}”。`,
  }),
});

/** The province's programs: the latest version of each, or those in force on `date`. */
export const listPrograms = programReads.list;
/** Every version of a provincial program, oldest first (404 when there is none). */
export const getProgramHistory = programReads.history;
