/** A spreadsheet upload (CSV or XLSX) as a grid; a file that is not a usable spreadsheet is 400 (413 for a zip bomb). */
import {
  type Grid,
  type ImportResult,
  localizeImport,
  readCsvGrid,
  SpreadsheetError,
} from "../../shared/domain/imports";
import { PayloadTooLargeError, ValidationError } from "../../shared/lib/errors";
import { preferredLanguage } from "./language";
import { office, XLSX_TYPE } from "./office";
import type { Upload } from "./route";

/** What an import route accepts: the filled template as CSV or XLSX, at most 2 MB. */
export const SPREADSHEET_UPLOAD = { types: ["text/csv", XLSX_TYPE], maxBytes: 2 * 1024 * 1024 } as const;

async function gridOf(upload: Upload): Promise<Grid> {
  if (upload.mediaType === XLSX_TYPE) return (await office()).readXlsxGrid(upload.bytes);
  if (upload.bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004")
    throw new SpreadsheetError({
      en: `the file is an XLSX (zip) file: send it as ${XLSX_TYPE}`,
      zh: `文件是 XLSX（zip）格式：请以 ${XLSX_TYPE} 类型上传。`,
    });
  return readCsvGrid(upload.bytes);
}

/**
 * Reads the upload and runs the import on its grid; a file that is not a usable template — found
 * while reading it or while matching it to the template — is 400 (413 for a zip bomb).
 */
export async function importFrom(
  upload: Upload,
  headers: Readonly<Record<string, string>>,
  run: (grid: Grid) => Promise<ImportResult>,
) {
  try {
    // cell errors stand in a 200 body: in the caller's language, as a problem's would be
    return localizeImport(await run(await gridOf(upload)), preferredLanguage(headers["accept-language"]));
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error;
    const errors = [...error.errors];
    if (error.tooLarge) throw new PayloadTooLargeError(error.text, { errors });
    throw new ValidationError(error.text, { errors });
  }
}
