/**
 * Subsidy programs (province), city top-ups and local programs (tenant): append-only version
 * histories.
 *
 * Each entity (a program code of a province, a top-up of a tenant for a program code, a local
 * program code of a tenant) has
 * - one immutable item per version (`PROGRAM#<code>#<v>`, `TOPUP#<code>#<v>`, `LOCALPROG#<code>#<v>`)
 *   holding the whole record, and
 * - a head item (`PROGRAMHEAD#<code>` …) holding only the latest version number (the optimistic
 *   lock).
 * A write puts the next version item and moves the head in ONE transaction, conditional on the
 * head still being at the version that was read; nothing is ever overwritten. A lost race is a
 * `StaleError` (a 409 if it escapes): the service re-reads and retries, and a re-run answers
 * 412 itself when the client's If-Match no longer matches.
 *
 * The version items of a partition are read with one Query per prefix (never a Scan), so the
 * public catalogue costs a constant number of requests.
 */
import type { Program, TopUp } from "../../domain/subsidies";
import { NotFoundError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import {
  parseHistoryHead,
  parseProgramVersion,
  parseTopUpVersion,
  type StoredProgram,
  type StoredTopUp,
} from "../entities/subsidies";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { queryPrefix } from "../queries";
import { StaleError } from "../retry";
import type { KeyAttributes } from "../table-definition";
import { type ExtraCondition, itemExists, type TransactItem, transact } from "../transactions";
import {
  atVersion,
  checkIfMatch,
  type VersionAudit,
  type VersionWriteInput,
  versionCheck,
} from "../versioned";

export type { StoredProgram, StoredTopUp };

// ---------------------------------------------------------------------------------------------
// One append-only history, whatever the entity
// ---------------------------------------------------------------------------------------------

function byCodeThenVersion<T extends { version: number }>(codeOf: (item: T) => string) {
  return (a: T, b: T): number => {
    const ca = codeOf(a);
    const cb = codeOf(b);
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.version - b.version;
  };
}

/** `PROGRAM#<code>#` etc.: the version prefix of one code, derived from the key module's format. */
function codePrefixOf(versionKey: KeyAttributes): string {
  return versionKey.sk.slice(0, versionKey.sk.lastIndexOf("#") + 1);
}

/** What distinguishes the kinds: whose they are, the attribute of their code, the attribute of the record. */
const KINDS = {
  program: { owner: "provinceId", code: "code", record: "program" },
  topUp: { owner: "tenantId", code: "programCode", record: "topUp" },
  localProgram: { owner: "tenantId", code: "code", record: "program" },
} as const;

/**
 * The operations every kind of history has, bound to the kind: its key family (`keys.program`,
 * `keys.programHead`, `keys.programPrefix`, and the same in `ENTITY`) and the entity's parse.
 */
function appendOnlyHistory<R extends object, S extends R & VersionAudit>(
  family: keyof typeof KINDS,
  parse: (item: Record<string, unknown>) => S,
) {
  const kind = KINDS[family];
  const head = keys[`${family}Head`];
  const codeOf = (record: R): string => String((record as Record<string, unknown>)[kind.code]);

  /** The head's version (`undefined`: nothing written yet), read strongly consistently. */
  async function headVersion(db: Db, owner: string, code: string): Promise<number | undefined> {
    const item = await findItem(db, head(owner, code), parseHistoryHead, { consistent: true });
    return item?.version;
  }

  /**
   * Append the next version: the head is created (`attribute_not_exists`) or moved from the
   * version read (`version = :version`), the version item is created, in one transaction with any
   * extra conditions. If-Match is optional (appending never replaces anything) but honoured: 412
   * when it names another version.
   */
  async function append(
    db: Db,
    owner: string,
    record: R,
    write: VersionWriteInput,
  ): Promise<{ stored: S; created: boolean }> {
    const code = codeOf(record);
    const current = await headVersion(db, owner, code);
    checkIfMatch(write.ifMatch, current, { required: false });
    const audit: VersionAudit = { version: (current ?? 0) + 1, writtenAt: write.at, writtenBy: write.by };
    const identity = { [kind.owner]: owner, [kind.code]: code };
    const version = { ...identity, [kind.record]: record, ...audit };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: db.table,
          Item: { ...head(owner, code), type: ENTITY[`${family}Head`], ...identity, ...audit },
          ...atVersion(current),
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: { ...keys[family](owner, code, audit.version), type: ENTITY[family], ...version },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...(write.conditions ?? []).map((c) => c.item),
    ];
    await transact(db, items, (index) =>
      index <= 1
        ? new StaleError({
            en: "another version was written at the same time; retry",
            zh: "同一时间已写入另一个版本，请重试。",
          })
        : write.conditions?.[index - 2]?.onFail(),
    );
    return { stored: parse(version), created: current === undefined };
  }

  /** Every version of every entity of the owner, by code then version (one paginated Query). */
  async function versions(db: Db, owner: string, options: ReadOptions = {}): Promise<S[]> {
    const items = await queryPrefix(db, head(owner, "").pk, keys[`${family}Prefix`](), options);
    return items.map(parse).sort(byCodeThenVersion<S>(codeOf));
  }

  /** Every version of one entity, oldest first (one Query on the code's prefix). */
  async function versionsOf(db: Db, owner: string, code: string, options: ReadOptions = {}): Promise<S[]> {
    const first = keys[family](owner, code, 1);
    const items = await queryPrefix(db, first.pk, codePrefixOf(first), options);
    return items.map(parse).sort((a, b) => a.version - b.version);
  }

  return { append, versions, versionsOf, headVersion };
}

const programs = appendOnlyHistory<Program, StoredProgram>("program", parseProgramVersion);
const topUps = appendOnlyHistory<TopUp, StoredTopUp>("topUp", parseTopUpVersion);
const localPrograms = appendOnlyHistory<Program, StoredProgram>("localProgram", parseProgramVersion);

// ---------------------------------------------------------------------------------------------
// Provincial programs
// ---------------------------------------------------------------------------------------------

export interface AppendProgramInput extends VersionWriteInput {
  provinceId: string;
  program: Program;
}

/** Append a version of a province's program; `conditions` e.g. "the province exists". */
export const appendProgramVersion = (db: Db, input: AppendProgramInput) =>
  programs.append(db, input.provinceId, input.program, input);

/** "The province exists" (404 otherwise): programs are never written for a province nobody created. */
export function provinceExists(db: Db, provinceId: string): ExtraCondition {
  return {
    item: itemExists(db, keys.province(provinceId)),
    onFail: () => new NotFoundError({ en: `no province ${provinceId}`, zh: `省份“${provinceId}”不存在。` }),
  };
}

/**
 * "The program `code` is still at `version`" (or, with `version` undefined, "there is no
 * program `code`"): a condition for a write that was checked against the program's versions.
 */
export function programHeadIs(
  db: Db,
  provinceId: string,
  code: string,
  version: number | undefined,
  onFail: ExtraCondition["onFail"],
): ExtraCondition {
  return { item: versionCheck(db, keys.programHead(provinceId, code), version), onFail };
}

/** Does the province have a program `code` (any version)? One consistent GetItem of the head. */
export async function programExists(db: Db, provinceId: string, code: string): Promise<boolean> {
  return (await programs.headVersion(db, provinceId, code)) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// City top-ups
// ---------------------------------------------------------------------------------------------

export interface AppendTopUpInput extends VersionWriteInput {
  tenantId: string;
  topUp: TopUp;
}

/**
 * Append a version of a tenant's top-up; `conditions` e.g. "the provincial program is still at
 * the version the top-up was checked against".
 */
export const appendTopUpVersion = (db: Db, input: AppendTopUpInput) =>
  topUps.append(db, input.tenantId, input.topUp, input);

// ---------------------------------------------------------------------------------------------
// Local programs
// ---------------------------------------------------------------------------------------------

export interface AppendLocalProgramInput extends VersionWriteInput {
  tenantId: string;
  program: Program;
}

/** Append a version of a tenant's own program; `conditions` e.g. "the province has no such code". */
export const appendLocalProgramVersion = (db: Db, input: AppendLocalProgramInput) =>
  localPrograms.append(db, input.tenantId, input.program, input);

// ---------------------------------------------------------------------------------------------
// Reading the histories: `(db, owner, options?)` for all versions of the owner, by code then
// version; `(db, owner, code, options?)` for one code's versions, oldest first. The owner is the
// province (programs) or the tenant (top-ups, local programs).
// ---------------------------------------------------------------------------------------------

export const listProgramVersions = programs.versions;
export const listProgramVersionsOf = programs.versionsOf;
export const listTopUpVersions = topUps.versions;
export const listTopUpVersionsOf = topUps.versionsOf;
export const listLocalProgramVersions = localPrograms.versions;
export const listLocalProgramVersionsOf = localPrograms.versionsOf;

/** The head version of an entity, for tests and the seed (`undefined`: nothing written yet). */
export const headVersion = {
  program: programs.headVersion,
  topUp: topUps.headVersion,
  localProgram: localPrograms.headVersion,
};
