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
import { CONSISTENT, current, history, type PutVersionInput, versionWrite } from "./versioning";

/** `candidate`: the body as the route parsed it (`code` optional). */
export interface PutProgramInput extends PutVersionInput<object> {
  provinceId: string;
}

/** Append a version of a provincial program (`created`: it is the first). */
export async function putProgram(
  db: Db,
  input: PutProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const program = parseProgram(input.code, input.candidate);
  return withRetry(() =>
    appendProgramVersion(db, {
      provinceId: input.provinceId,
      program,
      ...versionWrite(input, [provinceExists(db, input.provinceId)]),
    }),
  );
}

/** The province's programs: the latest version of each, or those in force on `date`. */
export async function listPrograms(db: Db, provinceId: string, date?: string): Promise<StoredProgram[]> {
  return current(await listProgramVersions(db, provinceId, CONSISTENT), (p) => p.code, date);
}

/** Every version of a provincial program, oldest first (404 when there is none). */
export async function getProgramHistory(db: Db, provinceId: string, code: string): Promise<StoredProgram[]> {
  return history(await listProgramVersionsOf(db, provinceId, code, CONSISTENT), {
    en: `no subsidy program ${code} in province ${provinceId}`,
    zh: `省份“${provinceId}”没有补贴项目“${code}”。`,
  });
}
