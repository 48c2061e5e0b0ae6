/**
 * The one table's shape, used by the CDK stack and by the local stack's CreateTable, so the two
 * can never drift. Generic key attributes; every item also carries `type` (its entity).
 *
 * gsi1 serves the province-wide queries: a province's tenants in display order, and a
 * province-year's targets and latest reports (one partition per province-year and kind, so a
 * rollup is a few paginated Queries whatever the number of tenants).
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  globalSecondaryIndexes: [{ indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" }],
} as const;

export type KeyAttributes = { pk: string; sk: string };
