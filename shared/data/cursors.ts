/**
 * Pagination cursors: opaque, tamper-evident and bound to the list that issued them.
 *
 * A cursor is the page's `LastEvaluatedKey` sealed with AES-256-GCM; the list's identity (for
 * example `tenants|jl` or `scoring-runs|jl|2019`) is the additional authenticated data. So a
 * cursor that was edited, made up, or issued by another list (another province, tenant or year)
 * fails authentication and is a 400 `query.cursor` — it never reaches DynamoDB as a start key, so
 * it can never be a 500 — and a client sees no key layout.
 *
 * The sealing key is derived (HKDF-SHA-256) from a random secret kept in the table itself and
 * created on first use with a conditional write: no secret in code, in the template or in an
 * environment variable, and the same in the local stack, in AWS and in the China regions. Anyone
 * who can read the secret can read the table, and the secret only guards page positions in lists
 * the caller is allowed to read anyway.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../lib/errors";
import type { Db } from "./client";
import { ENTITY, keys } from "./keys";
import { isConditionalCheckFailed } from "./transactions";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The sealing key per table, read (or created) once per process. */
const sealingKeys = new Map<string, Promise<Buffer>>();

async function readOrCreateSecret(db: Db): Promise<Buffer> {
  const key = keys.cursorSecret();
  const read = async () => {
    const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
    return typeof out.Item?.secret === "string" ? Buffer.from(out.Item.secret, "base64") : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  const secret = randomBytes(32);
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...key, type: ENTITY.cursorSecret, secret: secret.toString("base64") },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return secret;
  } catch (error) {
    // another instance created it first: use theirs
    if (!isConditionalCheckFailed(error)) throw error;
    const theirs = await read();
    if (!theirs) throw error;
    return theirs;
  }
}

function sealingKey(db: Db): Promise<Buffer> {
  let pending = sealingKeys.get(db.table);
  if (!pending) {
    pending = readOrCreateSecret(db).then((secret) =>
      Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "employment-api/cursor/v1", 32)),
    );
    // a failed read (storage down) is not remembered: the next request tries again
    pending.catch(() => sealingKeys.delete(db.table));
    sealingKeys.set(db.table, pending);
  }
  return pending;
}

const aad = (list: string) => Buffer.from(`v${VERSION}|${list}`, "utf8");

/** The cursor of the page after `lastKey` in the list `list`. */
export async function sealCursor(db: Db, list: string, lastKey: Record<string, unknown>): Promise<string> {
  const key = await sealingKey(db);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(list));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(lastKey), "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

function invalidCursor(): ValidationError {
  return ValidationError.about(
    "query.cursor",
    { en: "the cursor is not valid for this list", zh: "分页游标对此列表无效。" },
    { en: "not a cursor this list issued", zh: "分页游标不是此列表签发的" },
  );
}

/**
 * The start key a cursor of `list` stands for; 400 `query.cursor` unless this list sealed it and
 * the key has exactly the attributes `expected` names (each a string, with the given value where
 * one is given).
 */
export async function openCursor(
  db: Db,
  list: string,
  cursor: string,
  expected: Record<string, string | ((value: string) => boolean)>,
): Promise<Record<string, string>> {
  if (!CURSOR_PATTERN.test(cursor)) throw invalidCursor();
  const raw = Buffer.from(cursor, "base64url");
  if (raw.length < 1 + IV_BYTES + TAG_BYTES + 2 || raw[0] !== VERSION) throw invalidCursor();
  const key = await sealingKey(db);
  let plain: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(aad(list));
    decipher.setAuthTag(raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    plain = Buffer.concat([
      decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw invalidCursor();
  }
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    throw invalidCursor();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidCursor();
  const startKey = value as Record<string, unknown>;
  const names = Object.keys(startKey);
  const wellFormed =
    names.length === Object.keys(expected).length &&
    Object.entries(expected).every(([name, want]) => {
      const got = startKey[name];
      if (typeof got !== "string") return false;
      return typeof want === "string" ? got === want : want(got);
    });
  if (!wellFormed) throw invalidCursor();
  return startKey as Record<string, string>;
}
