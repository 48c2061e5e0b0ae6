/** The shape of a data-entry grid (components/EntryGrid.vue): its columns and its rows. */
import type { CellState } from "./cell-state";

export interface GridColumn {
  key: string;
  label: string;
  editable?: boolean;
  /** right-aligned figures */
  numeric?: boolean;
}

export interface GridRow {
  key: string;
  /** the row header (an indicator's or a unit's name) */
  header: string;
  /** text of the read-only cells, by column key */
  cells?: Record<string, string>;
  /** cells of this row that cannot be edited, by column key → reason */
  locked?: Record<string, string>;
}

/**
 * What a grid shows: its caption, its columns and rows (and footer rows), and the page's texts and
 * cell states by row and column key.
 */
export interface GridModel {
  caption: string;
  /** the header column's title */
  headerLabel: string;
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  values: Record<string, Record<string, string>>;
  states: Record<string, Record<string, CellState>>;
  footer?: readonly GridRow[];
}
