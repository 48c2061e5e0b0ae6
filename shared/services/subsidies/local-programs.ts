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
import { type Appended, CONSISTENT, type PutVersionInput, versionReads, versionWrite } from "./versioning";

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
export async function putLocalProgram(db: Db, input: PutLocalProgramInput): Promise<Appended<StoredProgram>> {
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

const localProgramReads = versionReads({
  versions: listLocalProgramVersions,
  versionsOf: listLocalProgramVersionsOf,
  keyOf: (p) => p.code,
  notFound: (tenantId, code) => ({
    en: `tenant ${tenantId} has no local program ${code}`,
    zh: `单位“${tenantId}”没有地方补贴项目“${code}”。`,
  }),
});

/** The city's own programs: the latest version of each, or those in force on `date`. */
export const listLocalPrograms = localProgramReads.list;
/** Every version of one of the city's own programs, oldest first (404 when there is none). */
export const getLocalProgramHistory = localProgramReads.history;
