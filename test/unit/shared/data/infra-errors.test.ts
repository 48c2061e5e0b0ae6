import { describe, expect, it } from "vitest";
import { isTransactionConflict } from "../../../../shared/data/infra-errors";

describe("isTransactionConflict", () => {
  it("recognises DynamoDB's transaction conflicts only", () => {
    expect(
      isTransactionConflict({
        name: "TransactionCanceledException",
        CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }],
      }),
    ).toBe(true);
    expect(isTransactionConflict({ name: "TransactionConflictException" })).toBe(true);
    expect(
      isTransactionConflict({
        name: "TransactionCanceledException",
        CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
      }),
    ).toBe(false);
    expect(isTransactionConflict(new Error("boom"))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
  });
});
