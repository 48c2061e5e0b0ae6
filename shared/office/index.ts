/**
 * The office formats (DOCX, XLSX): the renderers and the spreadsheet reader that need the large
 * libraries (docx, ExcelJS). Deployed functions never bundle this module into `index.mjs`: the CDK
 * stack builds it as a second bundle, `office.mjs`, shipped next to it, which a handler imports only
 * when a request asks for DOCX or XLSX or sends a spreadsheet (`functions/http/office.ts`).
 */
export { type DocxOptions, renderDocx } from "../domain/circular/render-docx";
export { workbookToXlsx } from "./xlsx";
export { readXlsxGrid } from "./xlsx-read";
