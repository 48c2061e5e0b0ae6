/**
 * LibreOffice (headless) and poppler for tests that look at a document as a bureau would open it:
 * convert it to PDF and read the text of its pages. Each conversion uses its own LibreOffice user
 * profile, so tests running at the same time (other files, other checkouts) do not share one.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Converts `data` (saved as `name`) with `soffice --headless --convert-to <to>`; answers the output's path. */
export function convertWithLibreOffice(
  data: Uint8Array | string,
  name: string,
  to = "pdf",
  infilter?: string,
): string {
  const dir = mkdtempSync(join(tmpdir(), "office-"));
  const input = join(dir, name);
  writeFileSync(input, data);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      ...(infilter ? [`--infilter=${infilter}`] : []),
      "--convert-to",
      to,
      "--outdir",
      dir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  return join(dir, name.replace(/\.[^.]+$/, `.${to.split(":")[0]}`));
}

/** The number of pages of a PDF (pdfinfo). */
export function pdfPageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

/** The text of one page of a PDF (pdftotext), each line without the spacing a layout adds between scripts. */
export function pdfPageText(pdf: string, page: number): string {
  const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], {
    encoding: "utf8",
  });
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, ""))
    .filter((line) => line !== "")
    .join("\n");
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}
