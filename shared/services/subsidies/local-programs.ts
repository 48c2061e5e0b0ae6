/** A city's own programs: never under a provincial program's code (that is what a top-up is for). */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import {
  appendLocalProgramVersion,
  listLocalProgramVersions,
  listLocalProgramVersionsOf,
  programExists,
  programHeadIs,
  type StoredProgram,
} from "../../data/stores/subsidies";
import { BusinessRuleError } from "../../lib/errors";
import { getTenant } from "../tenants";
import { parseProgram } from "./validation";
import { CONSISTENT, current, history, type PutVersionInput, versionWrite } from "./versioning";

/** `candidate`: the body as the route parsed it (`code` optional). */
export interface PutLocalProgramInput extends PutVersionInput<object> {
  tenantId: string;
}

function provincialCodeError(code: string): BusinessRuleError {
  return new BusinessRuleError(
    {
      en: `code: ${code} is a provincial program; top it up or choose another code`,
      zh: `“${code}”是省级补贴项目的代码，请对该项目提标，或为地方项目另取代码。`,
    },
    {
      errors: [
        {
          path: "path.code",
          message: `${code} is a provincial program: raise it with a top-up, or give the local program its own code`,
          zh: `“${code}”是省级补贴项目的代码：请通过提标提高标准，或为地方项目另取代码`,
        },
      ],
    },
  );
}

/** Append a version of a city's own program. */
export async function putLocalProgram(
  db: Db,
  input: PutLocalProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const program = parseProgram(input.code, input.candidate);
  return withRetry(async () => {
    const tenant = await getTenant(db, input.tenantId, CONSISTENT);
    if (await programExists(db, tenant.provinceId, program.code)) throw provincialCodeError(program.code);
    const stillNotProvincial = programHeadIs(db, tenant.provinceId, program.code, undefined, () =>
      provincialCodeError(program.code),
    );
    return appendLocalProgramVersion(db, {
      tenantId: input.tenantId,
      program,
      ...versionWrite(input, [stillNotProvincial]),
    });
  });
}

/** The city's own programs: the latest version of each, or those in force on `date`. */
export async function listLocalPrograms(db: Db, tenantId: string, date?: string): Promise<StoredProgram[]> {
  return current(await listLocalProgramVersions(db, tenantId, CONSISTENT), (p) => p.code, date);
}

/** Every version of one of the city's own programs, oldest first (404 when there is none). */
export async function getLocalProgramHistory(
  db: Db,
  tenantId: string,
  code: string,
): Promise<StoredProgram[]> {
  return history(await listLocalProgramVersionsOf(db, tenantId, code, CONSISTENT), {
    en: `tenant ${tenantId} has no local program ${code}`,
    zh: `单位“${tenantId}”没有地方补贴项目“${code}”。`,
  });
}
