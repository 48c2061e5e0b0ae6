/**
 * Subsidies: provincial programs, city top-ups and local programs (append-only, effective-dated
 * versions), the public catalogue and the entitlement calculator. The rules are the domain's
 * (`shared/domain/subsidies`); these modules read and write through the store and map the
 * domain's refusals to 400/404/422.
 *
 * Decisions where `shared/domain/subsidies/subsidies.md` / `functions/api.md` are silent:
 * - A program's `code` is the path's; a body may leave it out, and a different one is 400.
 * - Structural problems (types, missing or unknown fields) are 400 (route schemas); the domain's
 *   rules across fields (effective dates out of order, duplicate tier keys, a `topUpLimits` path
 *   that does not resolve or is below the program's value, top-up values) are 422.
 * - A top-up of a program the province does not have is 422 on `path.code` (the top-up is the
 *   resource being written; the program is a rule it refers to). It is checked against the
 *   provincial version in force on its `effectiveFrom` (422 on `body.effectiveFrom` if none).
 * - A local program may not take a provincial program's code (422 on `path.code`), as in the demo
 *   data set check; the province is never refused a code because a city uses it.
 * - Concurrent writers: a write lost to another one is re-read and retried when the client sent
 *   no If-Match (appending never overwrites); with an If-Match the re-run answers 412. A top-up
 *   write is conditional on the provincial program not having changed since it was checked, and
 *   a local program write on the province still not having that code.
 * - Numbers that DynamoDB cannot store (magnitudes below 1e-130 or from 1e126) and strings with
 *   lone surrogates are 400 rather than a storage failure.
 * - A program written for a province that does not exist is 404 (a condition of the write).
 * - Lists answer the latest version of each entity, or with `?date=` the version in force on that
 *   date; every version is readable at `…/{code}/versions` (404 when there is none).
 * - `writtenBy` of a provincial program is shown to province roles only (city users and
 *   integrations see `version` and `writtenAt`); a city's top-ups and local programs show it to
 *   every caller allowed to read them; the public routes never show it.
 */
export type { StoredProgram, StoredTopUp } from "../../data/stores/subsidies";
export type { Actor } from "../actor";
export { getPublicCatalogue, getPublicEntitlements } from "./catalogue";
export {
  getLocalProgramHistory,
  listLocalPrograms,
  type PutLocalProgramInput,
  putLocalProgram,
} from "./local-programs";
export { getProgramHistory, listPrograms, type PutProgramInput, putProgram } from "./programs";
export {
  type ProgramResponse,
  type ResponseOptions,
  type TopUpResponse,
  toProgramResponse,
  toTopUpResponse,
} from "./responses";
export { getTopUpHistory, listTopUps, type PutTopUpInput, putTopUp } from "./top-ups";
export {
  assertStorable,
  parseProgram,
  type TopUpFieldError,
  type TopUpInput,
  topUpErrors,
} from "./validation";
export type { PutVersionInput } from "./versioning";
