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
 * `StaleWriteError` (a 409 if it escapes): the service re-reads and retries, and a re-run answers
 * 412 itself when the client's If-Match no longer matches.
 *
 * The version items of a partition are read with one Query per prefix (never a Scan), so the
 * public catalogue costs a constant number of requests.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Program, ProgramVersion, TopUp, TopUpVersion } from "../../domain/subsidies";
import { ConflictError, NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import type { KeyAttributes } from "../table-definition";
import { checkIfMatch, type ExtraCondition, queryPrefix, type TransactItem, transact } from "../versioned";

/** Who wrote a version (a principal's `sub`, or `demo-seed`). Shown to authenticated callers only. */
export interface WrittenBy {
  writtenBy: string;
}

export type StoredProgram = ProgramVersion & WrittenBy;
export type StoredTopUp = TopUpVersion & WrittenBy;

/** The head moved (or the data the write was checked against changed) between read and write. */
export class StaleWriteError extends ConflictError {}

/** `PROGRAM#<code>#` etc.: the version prefix of one code, derived from the key module's format. */
function codePrefixOf(versionKey: KeyAttributes): string {
  return versionKey.sk.slice(0, versionKey.sk.lastIndexOf("#") + 1);
}

// ---------------------------------------------------------------------------------------------
// Items ↔ records
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

function programFromItem(item: Record<string, unknown>): StoredProgram {
  const program = item.program as Program;
  return { ...program, ...metaOf(item) };
}

function topUpFromItem(item: Record<string, unknown>): StoredTopUp {
  const topUp = item.topUp as TopUp;
  return { ...topUp, ...metaOf(item) };
}

function byCodeThenVersion<T extends { version: number }>(codeOf: (item: T) => string) {
  return (a: T, b: T): number => {
    const ca = codeOf(a);
    const cb = codeOf(b);
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.version - b.version;
  };
}

// ---------------------------------------------------------------------------------------------
// Appending a version
// ---------------------------------------------------------------------------------------------

interface AppendSpec {
  head: KeyAttributes;
  versionKey: (version: number) => KeyAttributes;
  headType: string;
  versionType: string;
  /** attributes of both the head and the version item (owner, code) */
  identity: Record<string, unknown>;
  /** attributes of the version item only (the record) */
  record: Record<string, unknown>;
  ifMatch: IfMatch | undefined;
  at: string;
  by: string;
  conditions?: ExtraCondition[];
}

async function readHeadVersion(db: Db, head: KeyAttributes): Promise<number | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: head, ConsistentRead: true, ProjectionExpression: "version" }),
  );
  const version = out.Item?.version;
  return typeof version === "number" ? version : undefined;
}

/**
 * Append the next version: the head is created (`attribute_not_exists`) or moved from the version
 * read (`version = :read`), the version item is created, in one transaction with any extra
 * conditions. If-Match is optional (appending never replaces anything) but honoured: 412 when it
 * names another version.
 */
async function appendVersion(db: Db, spec: AppendSpec): Promise<{ version: number; created: boolean }> {
  const current = await readHeadVersion(db, spec.head);
  checkIfMatch(spec.ifMatch, current, false);
  const version = (current ?? 0) + 1;
  const meta = { version, writtenAt: spec.at, writtenBy: spec.by };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.table,
        Item: { ...spec.head, type: spec.headType, ...spec.identity, ...meta },
        ...(current === undefined
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "#version = :read",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":read": current },
            }),
      },
    },
    {
      Put: {
        TableName: db.table,
        Item: {
          ...spec.versionKey(version),
          type: spec.versionType,
          ...spec.identity,
          ...spec.record,
          ...meta,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    ...(spec.conditions ?? []).map((c) => c.item),
  ];
  await transact(db, items, (index) =>
    index <= 1
      ? new StaleWriteError("another version was written at the same time; retry")
      : spec.conditions?.[index - 2]?.onFail(),
  );
  return { version, created: current === undefined };
}

// ---------------------------------------------------------------------------------------------
// Provincial programs
// ---------------------------------------------------------------------------------------------

export interface AppendProgramInput {
  provinceId: string;
  program: Program;
  ifMatch: IfMatch | undefined;
  at: string;
  by: string;
  /** e.g. "the province exists" */
  conditions?: ExtraCondition[];
}

export async function appendProgramVersion(
  db: Db,
  input: AppendProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const { provinceId, program } = input;
  const { version, created } = await appendVersion(db, {
    head: keys.programHead(provinceId, program.code),
    versionKey: (v) => keys.program(provinceId, program.code, v),
    headType: ENTITY.programHead,
    versionType: ENTITY.program,
    identity: { provinceId, code: program.code },
    record: { program },
    ifMatch: input.ifMatch,
    at: input.at,
    by: input.by,
    ...(input.conditions ? { conditions: input.conditions } : {}),
  });
  return { stored: { ...program, version, writtenAt: input.at, writtenBy: input.by }, created };
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
    onFail: () => new NotFoundError(`no province ${provinceId}`),
  };
}

/** Every version of every program of a province, by code then version (one paginated Query). */
export async function listProgramVersions(
  db: Db,
  provinceId: string,
  options: { consistent?: boolean } = {},
): Promise<StoredProgram[]> {
  const items = await queryPrefix(db, keys.province(provinceId).pk, keys.programPrefix(), options);
  return items.map(programFromItem).sort(byCodeThenVersion((p) => p.code));
}

/** Every version of one program, oldest first (one Query on the code's prefix). */
export async function listProgramVersionsOf(
  db: Db,
  provinceId: string,
  code: string,
  options: { consistent?: boolean } = {},
): Promise<StoredProgram[]> {
  const first = keys.program(provinceId, code, 1);
  const items = await queryPrefix(db, first.pk, codePrefixOf(first), options);
  return items.map(programFromItem).sort((a, b) => a.version - b.version);
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
  return {
    item: {
      ConditionCheck: {
        TableName: db.table,
        Key: keys.programHead(provinceId, code),
        ...(version === undefined
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "#version = :version",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":version": version },
            }),
      },
    },
    onFail,
  };
}

/** Does the province have a program `code` (any version)? One consistent GetItem of the head. */
export async function programExists(db: Db, provinceId: string, code: string): Promise<boolean> {
  return (await readHeadVersion(db, keys.programHead(provinceId, code))) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// City top-ups
// ---------------------------------------------------------------------------------------------

export interface AppendTopUpInput {
  tenantId: string;
  topUp: TopUp;
  ifMatch: IfMatch | undefined;
  at: string;
  by: string;
  /** e.g. "the provincial program is still at the version the top-up was checked against" */
  conditions?: ExtraCondition[];
}

export async function appendTopUpVersion(
  db: Db,
  input: AppendTopUpInput,
): Promise<{ stored: StoredTopUp; created: boolean }> {
  const { tenantId, topUp } = input;
  const { version, created } = await appendVersion(db, {
    head: keys.topUpHead(tenantId, topUp.programCode),
    versionKey: (v) => keys.topUp(tenantId, topUp.programCode, v),
    headType: ENTITY.topUpHead,
    versionType: ENTITY.topUp,
    identity: { tenantId, programCode: topUp.programCode },
    record: { topUp },
    ifMatch: input.ifMatch,
    at: input.at,
    by: input.by,
    ...(input.conditions ? { conditions: input.conditions } : {}),
  });
  return { stored: { ...topUp, version, writtenAt: input.at, writtenBy: input.by }, created };
}

/** Every version of every top-up of a tenant, by program code then version. */
export async function listTopUpVersions(
  db: Db,
  tenantId: string,
  options: { consistent?: boolean } = {},
): Promise<StoredTopUp[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.topUpPrefix(), options);
  return items.map(topUpFromItem).sort(byCodeThenVersion((t) => t.programCode));
}

/** Every version of a tenant's top-up of one program, oldest first. */
export async function listTopUpVersionsOf(
  db: Db,
  tenantId: string,
  programCode: string,
  options: { consistent?: boolean } = {},
): Promise<StoredTopUp[]> {
  const first = keys.topUp(tenantId, programCode, 1);
  const items = await queryPrefix(db, first.pk, codePrefixOf(first), options);
  return items.map(topUpFromItem).sort((a, b) => a.version - b.version);
}

// ---------------------------------------------------------------------------------------------
// Local programs
// ---------------------------------------------------------------------------------------------

export interface AppendLocalProgramInput {
  tenantId: string;
  program: Program;
  ifMatch: IfMatch | undefined;
  at: string;
  by: string;
  conditions?: ExtraCondition[];
}

export async function appendLocalProgramVersion(
  db: Db,
  input: AppendLocalProgramInput,
): Promise<{ stored: StoredProgram; created: boolean }> {
  const { tenantId, program } = input;
  const { version, created } = await appendVersion(db, {
    head: keys.localProgramHead(tenantId, program.code),
    versionKey: (v) => keys.localProgram(tenantId, program.code, v),
    headType: ENTITY.localProgramHead,
    versionType: ENTITY.localProgram,
    identity: { tenantId, code: program.code },
    record: { program },
    ifMatch: input.ifMatch,
    at: input.at,
    by: input.by,
    ...(input.conditions ? { conditions: input.conditions } : {}),
  });
  return { stored: { ...program, version, writtenAt: input.at, writtenBy: input.by }, created };
}

/** Every version of every local program of a tenant, by code then version. */
export async function listLocalProgramVersions(
  db: Db,
  tenantId: string,
  options: { consistent?: boolean } = {},
): Promise<StoredProgram[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.localProgramPrefix(), options);
  return items.map(programFromItem).sort(byCodeThenVersion((p) => p.code));
}

/** Every version of one local program, oldest first. */
export async function listLocalProgramVersionsOf(
  db: Db,
  tenantId: string,
  code: string,
  options: { consistent?: boolean } = {},
): Promise<StoredProgram[]> {
  const first = keys.localProgram(tenantId, code, 1);
  const items = await queryPrefix(db, first.pk, codePrefixOf(first), options);
  return items.map(programFromItem).sort((a, b) => a.version - b.version);
}

/** The head version of an entity, for tests and the seed (`undefined`: nothing written yet). */
export const headVersion = {
  program: (db: Db, provinceId: string, code: string) =>
    readHeadVersion(db, keys.programHead(provinceId, code)),
  topUp: (db: Db, tenantId: string, code: string) => readHeadVersion(db, keys.topUpHead(tenantId, code)),
  localProgram: (db: Db, tenantId: string, code: string) =>
    readHeadVersion(db, keys.localProgramHead(tenantId, code)),
};
