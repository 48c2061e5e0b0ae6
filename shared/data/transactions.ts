/**
 * Conditional writes and transactions: the items of a TransactWriteItems, the further conditions
 * a write can carry, and turning a failed condition into the domain error it stands for (a
 * 412/409, never a 500).
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { AppError } from "../lib/errors";
import type { Db } from "./client";

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

export interface ExtraCondition {
  item: TransactItem;
  /** thrown when this item's condition is what failed */
  onFail: () => AppError;
}

/** The condition of one item of a write: its expression and the names and values it uses. */
export interface ConditionFields {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** A `ConditionCheck` of a transaction: the item at `key` exists. */
export function itemExists(db: Db, key: Record<string, unknown>): TransactItem {
  return {
    ConditionCheck: { TableName: db.table, Key: key, ConditionExpression: "attribute_exists(pk)" },
  };
}

/**
 * Run a transaction; when it is cancelled by a failed condition, throw the domain error that
 * `onConditionFailed(index)` gives for the first failed item (a 412/409, never a 500). A
 * transaction cancelled for a concurrent one is thrown as it is: the service's `withRetry`
 * (`retry.ts`) re-runs the whole use case, re-reading first — every item carries its own
 * condition, so a re-run whose reads are stale fails its condition (412/409) instead.
 */
export async function transact(
  db: Db,
  items: TransactItem[],
  onConditionFailed: (index: number) => AppError | undefined,
): Promise<void> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const failed = failedConditionIndex(error);
    if (failed !== undefined) {
      const mapped = onConditionFailed(failed);
      if (mapped) throw mapped;
    }
    throw error;
  }
}

export function failedConditionIndex(error: unknown): number | undefined {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name !== "TransactionCanceledException" || !Array.isArray(e.CancellationReasons)) return undefined;
  const index = e.CancellationReasons.findIndex((r) => r.Code === "ConditionalCheckFailed");
  return index === -1 ? undefined : index;
}

/** A single conditional write (PutItem, UpdateItem) whose condition failed. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string })?.name === "ConditionalCheckFailedException";
}
