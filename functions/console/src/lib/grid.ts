/** The shape of a data-entry grid (components/EntryGrid.vue): its columns and its rows. */

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
