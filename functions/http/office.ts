/**
 * The office formats, loaded on first use. A deployed function ships them as a second bundle,
 * `office.mjs`, next to `index.mjs` (the CDK stack builds it and defines `__OFFICE_BUNDLED__`), so
 * the large libraries (docx, ExcelJS) stay out of every cold start that does not need them. The
 * local stack and the tests import the TypeScript source by the same dynamic import.
 */
declare const __OFFICE_BUNDLED__: boolean | undefined;

export type Office = typeof import("../../shared/office/index");

/** Computed specifiers, so that esbuild bundles neither into `index.mjs`. */
const BUNDLED = "./office.mjs";
const SOURCE = "../../shared/office/index";

let loading: Promise<Office> | undefined;

export function office(): Promise<Office> {
  loading ??= (import(typeof __OFFICE_BUNDLED__ !== "undefined" ? BUNDLED : SOURCE) as Promise<Office>).catch(
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";
