/** Spreadsheet downloads (`?format=csv|xlsx`) of a workbook, with a Chinese file name. */
import { type Workbook, workbookToCsv } from "../../shared/domain/tables";
import { now } from "../../shared/lib/clock";
import { contentDisposition } from "../../shared/lib/content-disposition";
import { CSV_TYPE, office, XLSX_TYPE } from "./office";
import type { RawResult } from "./route";

export type SpreadsheetFormat = "csv" | "xlsx";

export async function workbookDownload(book: Workbook, format: SpreadsheetFormat): Promise<RawResult> {
  const disposition = contentDisposition(`${book.filename}.${format}`, `${book.fallbackFilename}.${format}`);
  if (format === "csv") {
    return {
      raw: workbookToCsv(book),
      contentType: CSV_TYPE,
      headers: { "content-disposition": disposition },
    };
  }
  const { workbookToXlsx } = await office();
  return {
    raw: await workbookToXlsx(book, now()),
    contentType: XLSX_TYPE,
    headers: { "content-disposition": disposition },
  };
}
