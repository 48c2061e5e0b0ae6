/**
 * The demo province (what `npm start` seeds) on the in-process stack, for the API tests that read
 * it. A test file calls `useDemoStack()` before its own hooks; `t` is a live binding, set by the
 * `beforeAll` it registers.
 */
import { afterAll, beforeAll } from "vitest";
import { startTestStack, type TestStack } from "./stack";

export let t: TestStack;

export function useDemoStack(): void {
  beforeAll(async () => {
    t = await startTestStack({ seedDemo: true });
  }, 120_000);
  afterAll(async () => t?.stop());
}

/** GET a file with a bearer token: the status, the headers and the bytes. */
export async function download(path: string, token: string) {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
