/**
 * The demo province (what `npm start` seeds) on the in-process stack, for the API tests that read
 * it. A test file calls `useDemoStack()` before its own hooks; `t` and `provinceAdmin` are live
 * bindings, set by the `beforeAll` it registers.
 */
import { afterAll, beforeAll } from "vitest";
import { startTestStack, type TestStack } from "./stack";

export let t: TestStack;
/** a token of 吉林省's province admin */
export let provinceAdmin = "";

/** The media type of an XLSX workbook. */
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function useDemoStack(): void {
  beforeAll(async () => {
    t = await startTestStack({ seedDemo: true });
    provinceAdmin = await t.token("province-admin", { provinceId: "jl" });
  }, 120_000);
  afterAll(async () => t?.stop());
}

/** GET a file with a bearer token (the province admin's by default): the status, the headers and the bytes. */
export async function download(path: string, token = provinceAdmin) {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
