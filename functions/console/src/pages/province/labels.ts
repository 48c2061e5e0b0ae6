/** How the province's pages name things in tables: short hashes, indicator methods and kinds. */

/** A short hash for tables (the full one is in the title and on the detail page). */
export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : "—";
}

export const INDICATOR_METHOD: Record<"ratio" | "ceiling", string> = {
  ratio: "比率法（越高越好）",
  ceiling: "上限法（越低越好）",
};

export const INDICATOR_KIND: Record<"count" | "rate", string> = {
  count: "累计数",
  rate: "比率",
};
