/**
 * Versioned resources: a current item plus one immutable item per version, written in one
 * transaction so neither can exist without the other. The current item's `version` attribute
 * is the optimistic lock: the write is conditional on the version that was read (or on the item
 * not existing), so of two concurrent writers with the same If-Match exactly one wins and the
 * other gets 412 — no version is lost or overwritten.
 *
 * Both items carry the one audit pair of a version, `writtenAt`/`writtenBy` (added here, never
 * part of the resource's data); each entity's parse (`entities/`) shows it under the entity's own
 * names (`updatedAt`, `reviewedAt`, `submittedAt`, …).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { PreconditionFailedError, PreconditionRequiredError } from "../lib/errors";
import type { IfMatch } from "../lib/if-match";
import type { Db } from "./client";
import { ENTITY, versionKeyOf, versionPrefixOf } from "./keys";
import { queryPrefix } from "./queries";
import type { KeyAttributes } from "./table-definition";
import { type ConditionFields, type ExtraCondition, type TransactItem, transact } from "./transactions";

export interface VersionedWrite {
  db: Db;
  current: KeyAttributes;
  versionKey: (version: number) => KeyAttributes;
  type: string;
  versionType: string;
  /** the resource's attributes, stored on the current item and on the version item */
  data: Record<string, unknown>;
  /** extra attributes of the current item only (e.g. GSI keys) */
  currentOnly?: Record<string, unknown>;
  ifMatch: IfMatch | undefined;
  /** replacing an existing version needs If-Match (428 without) */
  requireIfMatch: boolean;
  writtenAt: string;
  writtenBy: string;
  /** further conditions of the same transaction (e.g. "the year is not frozen") */
  conditions?: ExtraCondition[];
  /** further items written in the same transaction */
  puts?: TransactItem[];
  /**
   * The current version as just read (strongly consistent) by the caller, to save a second read;
   * `null` when the caller saw no current item. The transaction's condition still guards it.
   */
  knownVersion?: number | null;
}

export interface VersionedResult {
  version: number;
  created: boolean;
  /** the current item before the write (absent when the caller passed `knownVersion`) */
  previous: Record<string, unknown> | undefined;
}

/** Who writes a new version of a resource, when, against which If-Match, under which further conditions. */
export interface VersionWriteInput {
  ifMatch: IfMatch | undefined;
  at: string;
  by: string;
  conditions?: ExtraCondition[];
}

/** Where a resource and its versions are stored (see `VersionedWrite`), and how its items read back. */
export interface VersionedTarget<T>
  extends Pick<VersionedWrite, "current" | "versionKey" | "type" | "versionType" | "currentOnly"> {
  /** the entity's parse (`entities/`): a stored item, or the data just written, as the entity */
  parse: (item: Record<string, unknown>) => T;
}

/** The versioned resources whose keys and tags follow the table's rule (`versionKeyOf`, `ENTITY.<x>Version`). */
export type VersionedFamily = "rulebook" | "targets" | "report" | "highlights" | "review";

/** A resource's target by the table's rule: versions at `versionKeyOf(current)`, tagged `ENTITY.<family>Version`. */
export function versionedTarget<T>(
  family: VersionedFamily,
  current: KeyAttributes,
  parse: (item: Record<string, unknown>) => T,
  currentOnly?: Record<string, unknown>,
): VersionedTarget<T> {
  return {
    current,
    versionKey: (version) => versionKeyOf(current, version),
    type: ENTITY[family],
    versionType: ENTITY[`${family}Version`],
    parse,
    ...(currentOnly ? { currentOnly } : {}),
  };
}

/** Every version of a resource, oldest first (one Query on its versions' prefix, strongly consistent). */
export async function listVersions<T>(
  db: Db,
  current: KeyAttributes,
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const items = await queryPrefix(db, current.pk, versionPrefixOf(current), { consistent: true });
  return items.map(parse);
}

/** The attributes every version of every resource carries beside its data. */
export interface VersionAudit {
  version: number;
  writtenAt: string;
  writtenBy: string;
}

/**
 * Write `data` as the resource's next version — replacing an existing one needs If-Match (428
 * without, 412 when stale) — and answer it as the entity (read back through its parse), with
 * whether it was the first version.
 */
export async function putVersion<T>(
  db: Db,
  target: VersionedTarget<T>,
  data: Record<string, unknown>,
  input: VersionWriteInput,
): Promise<T & { created: boolean }> {
  const result = await writeVersioned({
    db,
    ...target,
    data,
    ifMatch: input.ifMatch,
    requireIfMatch: true,
    writtenAt: input.at,
    writtenBy: input.by,
    ...(input.conditions ? { conditions: input.conditions } : {}),
  });
  const audit: VersionAudit = { version: result.version, writtenAt: input.at, writtenBy: input.by };
  return { ...target.parse({ ...data, ...audit }), created: result.created };
}

export async function readCurrent(db: Db, key: KeyAttributes): Promise<Record<string, unknown> | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
  return out.Item;
}

/**
 * The two items of a new version: the current item, conditional on the version it replaces (or on
 * not existing), and the immutable version item. `writeVersioned` writes them with its conditions;
 * a batch (an import) puts several resources' pairs into one transaction.
 */
export function versionItems(
  write: Pick<
    VersionedWrite,
    | "db"
    | "current"
    | "versionKey"
    | "type"
    | "versionType"
    | "data"
    | "currentOnly"
    | "writtenAt"
    | "writtenBy"
  >,
  currentVersion: number | undefined,
): [TransactItem, TransactItem] {
  const version = (currentVersion ?? 0) + 1;
  const audit: VersionAudit = { version, writtenAt: write.writtenAt, writtenBy: write.writtenBy };
  return [
    {
      Put: {
        TableName: write.db.table,
        Item: { ...write.current, type: write.type, ...write.data, ...write.currentOnly, ...audit },
        ...atVersion(currentVersion),
      },
    },
    {
      Put: {
        TableName: write.db.table,
        Item: { ...write.versionKey(version), type: write.versionType, ...write.data, ...audit },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  ];
}

export async function writeVersioned(write: VersionedWrite): Promise<VersionedResult> {
  const existing = write.knownVersion === undefined ? await readCurrent(write.db, write.current) : undefined;
  const currentVersion =
    write.knownVersion !== undefined
      ? (write.knownVersion ?? undefined)
      : typeof existing?.version === "number"
        ? existing.version
        : undefined;
  checkIfMatch(write.ifMatch, currentVersion, { required: write.requireIfMatch });
  const version = (currentVersion ?? 0) + 1;
  const items: TransactItem[] = [
    ...versionItems(write, currentVersion),
    ...(write.conditions ?? []).map((c) => c.item),
    ...(write.puts ?? []),
  ];
  await transact(write.db, items, (index) => {
    if (index <= 1)
      return new PreconditionFailedError({
        en: "the resource was changed by someone else; reload it and retry",
        zh: "该数据已被他人修改，请重新加载后再提交。",
      });
    return write.conditions?.[index - 2]?.onFail();
  });
  return { version, created: currentVersion === undefined, previous: existing };
}

/**
 * The optimistic lock as condition-expression fields: the item is still at `version`, or — with
 * `version` undefined — does not exist yet.
 */
export function atVersion(version: number | undefined): ConditionFields {
  return version === undefined
    ? { ConditionExpression: "attribute_not_exists(pk)" }
    : {
        ConditionExpression: "#version = :version",
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: { ":version": version },
      };
}

/** A `ConditionCheck` of a transaction: the item at `key` is at `version` (or, undefined, does not exist). */
export function versionCheck(db: Db, key: KeyAttributes, version: number | undefined): TransactItem {
  return { ConditionCheck: { TableName: db.table, Key: key, ...atVersion(version) } };
}

/** 428 when replacing without If-Match (where required); 412 when If-Match names another version. */
export function checkIfMatch(
  ifMatch: IfMatch | undefined,
  currentVersion: number | undefined,
  options: { required: boolean },
): void {
  if (currentVersion === undefined) {
    if (ifMatch?.kind === "version") {
      throw new PreconditionFailedError({
        en: `If-Match names version ${ifMatch.version} but the resource does not exist yet`,
        zh: `If-Match 指定了第${ifMatch.version}版，但该数据尚不存在。`,
      });
    }
    return;
  }
  if (!ifMatch) {
    if (options.required) {
      throw new PreconditionRequiredError({
        en: `this resource is at version ${currentVersion}; send If-Match: "${currentVersion}" to replace it`,
        zh: `该数据当前为第${currentVersion}版，修改时须在请求头中携带 If-Match: "${currentVersion}"。`,
      });
    }
    return;
  }
  if (ifMatch.kind === "version" && ifMatch.version !== currentVersion) {
    throw new PreconditionFailedError(
      {
        en: `If-Match names version ${ifMatch.version} but the current version is ${currentVersion}`,
        zh: `If-Match 指定的是第${ifMatch.version}版，但当前为第${currentVersion}版，请重新加载后再提交。`,
      },
      {
        extensions: { currentVersion },
      },
    );
  }
}
