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
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Program, ProgramVersion, TopUp, TopUpVersion } from "../../domain/subsidies";
import { NotFoundError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import { ENTITY, keys } from "../keys";
import { StaleError } from "../retry";
import type { KeyAttributes } from "../table-definition";
import {
  atVersion,
  checkIfMatch,
  type ExtraCondition,
  queryPrefix,
  type TransactItem,
  transact,
  type VersionWriteInput,
  versionCheck,
} from "../versioned";

/** Who wrote a version (a principal's `sub`, or `demo-seed`). Shown to authenticated callers only. */
export interface WrittenBy {
  writtenBy: string;
}

export type StoredProgram = ProgramVersion & WrittenBy;
export type StoredTopUp = TopUpVersion & WrittenBy;

// ---------------------------------------------------------------------------------------------
// One append-only history, whatever the entity
// ---------------------------------------------------------------------------------------------

interface VersionItemMeta {
  version: number;
  writtenAt: string;
  writtenBy: string;
}

function metaOf(item: Record<string, unknown>): VersionItemMeta {
  return {
    version: Number(item.version),
    writtenAt: String(item.writtenAt),
    writtenBy: String(item.writtenBy),
  };
}

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

/** Where and how one kind of entity (provincial programs, top-ups, local programs) keeps its versions. */
interface HistoryKind<R> {
  /** the owner's partition key (`PROV#<p>` or `TENANT#<t>`) */
  partition: (owner: string) => string;
  /** the sort-key prefix of every version item of the kind (`PROGRAM#` …) */
  prefix: string;
  head: (owner: string, code: string) => KeyAttributes;
  versionKey: (owner: string, code: string, version: number) => KeyAttributes;
  headType: string;
  versionType: string;
  /** attributes of both the head and the version item (owner, code) */
  identity: (owner: string, code: string) => Record<string, unknown>;
  /** the attribute of the version item that holds the record */
  recordAttribute: string;
  /** the entity's code within its owner (a program's `code`, a top-up's `programCode`) */
  codeOf: (record: R) => string;
}

/** The operations every kind of history has, bound to the kind. */
function appendOnlyHistory<R extends object>(kind: HistoryKind<R>) {
  const fromItem = (item: Record<string, unknown>): R & VersionItemMeta => ({
    ...(item[kind.recordAttribute] as R),
    ...metaOf(item),
  });

  /** The head's version (`undefined`: nothing written yet), read strongly consistently. */
  async function headVersion(db: Db, owner: string, code: string): Promise<number | undefined> {
    const out = await db.doc.send(
      new GetCommand({
        TableName: db.table,
        Key: kind.head(owner, code),
        ConsistentRead: true,
        ProjectionExpression: "version",
      }),
    );
    const version = out.Item?.version;
    return typeof version === "number" ? version : undefined;
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
  ): Promise<{ stored: R & VersionItemMeta; created: boolean }> {
    const code = kind.codeOf(record);
    const current = await headVersion(db, owner, code);
    checkIfMatch(write.ifMatch, current, false);
    const version = (current ?? 0) + 1;
    const meta = { version, writtenAt: write.at, writtenBy: write.by };
    const identity = kind.identity(owner, code);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: db.table,
          Item: { ...kind.head(owner, code), type: kind.headType, ...identity, ...meta },
          ...atVersion(current),
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: {
            ...kind.versionKey(owner, code, version),
            type: kind.versionType,
            ...identity,
            [kind.recordAttribute]: record,
            ...meta,
          },
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
    return { stored: { ...record, ...meta }, created: current === undefined };
  }

  /** Every version of every entity of the owner, by code then version (one paginated Query). */
  async function versions(
    db: Db,
    owner: string,
    options: ReadOptions = {},
  ): Promise<(R & VersionItemMeta)[]> {
    const items = await queryPrefix(db, kind.partition(owner), kind.prefix, options);
    return items.map(fromItem).sort(byCodeThenVersion<R & VersionItemMeta>(kind.codeOf));
  }

  /** Every version of one entity, oldest first (one Query on the code's prefix). */
  async function versionsOf(
    db: Db,
    owner: string,
    code: string,
    options: ReadOptions = {},
  ): Promise<(R & VersionItemMeta)[]> {
    const first = kind.versionKey(owner, code, 1);
    const items = await queryPrefix(db, first.pk, codePrefixOf(first), options);
    return items.map(fromItem).sort((a, b) => a.version - b.version);
  }

  return { append, versions, versionsOf, headVersion };
}

const programs = appendOnlyHistory<Program>({
  partition: (provinceId) => keys.province(provinceId).pk,
  prefix: keys.programPrefix(),
  head: keys.programHead,
  versionKey: keys.program,
  headType: ENTITY.programHead,
  versionType: ENTITY.program,
  identity: (provinceId, code) => ({ provinceId, code }),
  recordAttribute: "program",
  codeOf: (program) => program.code,
});

const topUps = appendOnlyHistory<TopUp>({
  partition: (tenantId) => keys.tenant(tenantId).pk,
  prefix: keys.topUpPrefix(),
  head: keys.topUpHead,
  versionKey: keys.topUp,
  headType: ENTITY.topUpHead,
  versionType: ENTITY.topUp,
  identity: (tenantId, programCode) => ({ tenantId, programCode }),
  recordAttribute: "topUp",
  codeOf: (topUp) => topUp.programCode,
});

const localPrograms = appendOnlyHistory<Program>({
  partition: (tenantId) => keys.tenant(tenantId).pk,
  prefix: keys.localProgramPrefix(),
  head: keys.localProgramHead,
  versionKey: keys.localProgram,
  headType: ENTITY.localProgramHead,
  versionType: ENTITY.localProgram,
  identity: (tenantId, code) => ({ tenantId, code }),
  recordAttribute: "program",
  codeOf: (program) => program.code,
});

// ---------------------------------------------------------------------------------------------
// Provincial programs
// ---------------------------------------------------------------------------------------------

export interface AppendProgramInput extends VersionWriteInput {
  provinceId: string;
  program: Program;
}

/** Append a version of a province's program; `conditions` e.g. "the province exists". */
export function appendProgramVersion(
  db: Db,
  input: AppendProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  return programs.append(db, input.provinceId, input.program, input);
}

/** "The province exists" (404 otherwise): programs are never written for a province nobody created. */
export function provinceExists(db: Db, provinceId: string): ExtraCondition {
  return {
    item: {
      ConditionCheck: {
        TableName: db.table,
        Key: keys.province(provinceId),
        ConditionExpression: "attribute_exists(pk)",
      },
    },
    onFail: () => new NotFoundError({ en: `no province ${provinceId}`, zh: `省份“${provinceId}”不存在。` }),
  };
}

/** Every version of every program of a province, by code then version (one paginated Query). */
export const listProgramVersions: (
  db: Db,
  provinceId: string,
  options?: ReadOptions,
) => Promise<StoredProgram[]> = programs.versions;

/** Every version of one program, oldest first (one Query on the code's prefix). */
export const listProgramVersionsOf: (
  db: Db,
  provinceId: string,
  code: string,
  options?: ReadOptions,
) => Promise<StoredProgram[]> = programs.versionsOf;

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
export function appendTopUpVersion(
  db: Db,
  input: AppendTopUpInput,
): Promise<{ stored: StoredTopUp; created: boolean }> {
  return topUps.append(db, input.tenantId, input.topUp, input);
}

/** Every version of every top-up of a tenant, by program code then version. */
export const listTopUpVersions: (db: Db, tenantId: string, options?: ReadOptions) => Promise<StoredTopUp[]> =
  topUps.versions;

/** Every version of a tenant's top-up of one program, oldest first. */
export const listTopUpVersionsOf: (
  db: Db,
  tenantId: string,
  programCode: string,
  options?: ReadOptions,
) => Promise<StoredTopUp[]> = topUps.versionsOf;

// ---------------------------------------------------------------------------------------------
// Local programs
// ---------------------------------------------------------------------------------------------

export interface AppendLocalProgramInput extends VersionWriteInput {
  tenantId: string;
  program: Program;
}

/** Append a version of a tenant's own program; `conditions` e.g. "the province has no such code". */
export function appendLocalProgramVersion(
  db: Db,
  input: AppendLocalProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  return localPrograms.append(db, input.tenantId, input.program, input);
}

/** Every version of every local program of a tenant, by code then version. */
export const listLocalProgramVersions: (
  db: Db,
  tenantId: string,
  options?: ReadOptions,
) => Promise<StoredProgram[]> = localPrograms.versions;

/** Every version of one local program, oldest first. */
export const listLocalProgramVersionsOf: (
  db: Db,
  tenantId: string,
  code: string,
  options?: ReadOptions,
) => Promise<StoredProgram[]> = localPrograms.versionsOf;

/** The head version of an entity, for tests and the seed (`undefined`: nothing written yet). */
export const headVersion = {
  program: programs.headVersion,
  topUp: topUps.headVersion,
  localProgram: localPrograms.headVersion,
};
