/** What the spreadsheet templates and imports of targets and reports share: their queries and the import's answer. */
import * as z from "zod/mini";
import { zodMessage } from "../../../shared/lib/zod-text";
import { lazySchema } from "../../http/route";

/** An import's answer (`functions/api.md` → "Imports with a dry run"). */
export const importResponse = lazySchema(() => {
  const cell = z.union([z.number(), z.string(), z.null()]);
  return z.object({
    dryRun: z.boolean(),
    summary: z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), errors: z.int() }),
    rows: z.array(
      z.object({
        row: z.int(),
        key: z.string(),
        status: z.enum(["created", "updated", "unchanged", "error"]),
        changes: z.optional(z.array(z.object({ field: z.string(), from: cell, to: cell }))),
        errors: z.optional(
          z.array(z.object({ path: z.string(), cell: z.string(), field: z.string(), message: z.string() })),
        ),
      }),
    ),
  });
});

export const templateQuery = lazySchema(() =>
  z.strictObject({ format: z.optional(z.enum(["xlsx", "csv"])) }),
);
export const dryRunQuery = lazySchema(() =>
  z.strictObject({
    dryRun: z.optional(z.enum(["true", "false"], zodMessage("must be true or false", "应为 true 或 false"))),
  }),
);
