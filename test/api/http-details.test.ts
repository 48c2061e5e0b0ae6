/**
 * The HTTP details of functions/api.md on the demo province: opaque, list-bound pagination cursors (a
 * tampered, forged or replayed cursor is 400 `query.cursor` on every list, the public one
 * included); text fields NFC-normalised and unsafe characters refused; HEAD on GET routes;
 * CSP and nosniff on HTML; problem+json 404/405 (with Allow) for unknown routes and methods, and
 * for what the HTTP parser itself refuses.
 */
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { t, useDemoStack } from "../support/demo-stack";

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

let admin: string;
let platform: string;

useDemoStack();

beforeAll(async () => {
  admin = await t.token("province-admin", { provinceId: "jl" });
  platform = await t.token("platform-admin");
  const ln = await t.call("PUT", "/v1/provinces/ln", {
    token: platform,
    body: { name: "辽宁省", authorityName: "辽宁省人民政府" },
  });
  expect(ln.status).toBe(201);
  const lnAdmin = await t.token("province-admin", { provinceId: "ln" });
  for (const [id, name, order] of [
    ["shenyang", "沈阳市", 1],
    ["dalian", "大连市", 2],
  ] as const) {
    const put = await t.call("PUT", `/v1/provinces/ln/tenants/${id}`, {
      token: lnAdmin,
      body: { name, authorityName: `${name}政府`, displayOrder: order },
    });
    expect(put.status, put.text).toBe(201);
  }
}, 120_000);

/** The nextCursor of a list's first page of one item. */
async function firstCursor(path: string, token?: string): Promise<string> {
  const res = await t.call<{ nextCursor: string | null }>("GET", `${path}?limit=1`, token ? { token } : {});
  expect(res.status, res.text).toBe(200);
  expect(res.body.nextCursor).toBeTypeOf("string");
  return res.body.nextCursor as string;
}

function expectCursorRefused(res: { status: number; body: unknown; text: string }) {
  expect(res.status, res.text).toBe(400);
  expect((res.body as Problem).errors?.map((e) => e.path)).toEqual(["query.cursor"]);
  expect(res.text).not.toMatch(/PROV#|TENANT#|gsi1|ExclusiveStartKey/);
}

/** One character of the cursor's sealed part changed. */
function tamper(cursor: string): string {
  const i = Math.floor(cursor.length / 2);
  return `${cursor.slice(0, i)}${cursor[i] === "A" ? "B" : "A"}${cursor.slice(i + 1)}`;
}

const LISTS = [
  { name: "a province's tenants", path: "/v1/provinces/jl/tenants", other: "/v1/provinces/ln/tenants" },
  {
    name: "a province-year's scoring runs",
    path: "/v1/provinces/jl/years/2019/scoring-runs",
    other: "/v1/provinces/jl/years/2020/scoring-runs",
  },
  {
    name: "the public circulars",
    path: "/v1/public/provinces/jl/circulars",
    other: "/v1/public/provinces/ln/circulars",
    public: true,
  },
] as const;

describe("pagination cursors", () => {
  for (const list of LISTS) {
    it(`on ${list.name}: the issued cursor pages on; tampered, forged and replayed ones are 400 query.cursor`, async () => {
      const auth = "public" in list ? {} : { token: admin };
      const cursor = await firstCursor(list.path, "public" in list ? undefined : admin);
      expect(cursor).not.toMatch(/^eyJ/); // not base64 JSON: no key layout to read
      const next = await t.call("GET", `${list.path}?limit=1&cursor=${cursor}`, auth);
      expect(next.status, next.text).toBe(200);

      expectCursorRefused(await t.call("GET", `${list.path}?cursor=${tamper(cursor)}`, auth));
      const oldStyle = Buffer.from(JSON.stringify({ pk: "PROV#jl", sk: "RUN#2019#zzzz" })).toString(
        "base64url",
      );
      expectCursorRefused(await t.call("GET", `${list.path}?cursor=${oldStyle}`, auth));
      const madeUp = Buffer.concat([Buffer.of(1), randomBytes(60)]).toString("base64url");
      expectCursorRefused(await t.call("GET", `${list.path}?cursor=${madeUp}`, auth));
      expectCursorRefused(await t.call("GET", `${list.path}?cursor=${encodeURIComponent("a+b/c=")}`, auth));

      const otherAuth =
        "public" in list
          ? {}
          : {
              token: list.other.includes("/ln/")
                ? await t.token("province-admin", { provinceId: "ln" })
                : admin,
            };
      expectCursorRefused(await t.call("GET", `${list.other}?cursor=${cursor}`, otherAuth));
    });
  }

  it("is refused on a list of another kind", async () => {
    const tenants = await firstCursor("/v1/provinces/jl/tenants", admin);
    expectCursorRefused(await t.call("GET", `/v1/public/provinces/jl/circulars?cursor=${tenants}`));
    expectCursorRefused(
      await t.call("GET", `/v1/provinces/jl/years/2019/scoring-runs?cursor=${tenants}`, { token: admin }),
    );
  });

  it("takes limits of 1–1000 only", async () => {
    for (const limit of ["0", "1001", "-1", "1.5"]) {
      const res = await t.call<Problem>("GET", `/v1/public/provinces/jl/circulars?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.errors?.map((e) => e.path)).toEqual(["query.limit"]);
    }
  });
});

describe("text fields", () => {
  const highlights = "/v1/tenants/changchun/years/2021/highlights";
  let cityAdmin: string;
  beforeAll(async () => {
    cityAdmin = await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
  });

  it.each([
    ["an unpaired high surrogate", "长春市\ud800就业"],
    ["an unpaired low surrogate", "长春市\udc00"],
    ["a right-to-left override", "长春市\u202e就业"],
    ["a left-to-right isolate", "长春市\u2066就业"],
    ["NUL", "长春市\u0000"],
    ["a C1 control", "长春市\u0085就业"],
    ["an escape", "长春市\u001b[31m"],
  ])("refuses %s with 400 naming the field", async (_label, employment) => {
    const res = await t.call<Problem>("PUT", highlights, { token: cityAdmin, body: { employment } });
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toEqual(["body.employment"]);
  });

  it("refuses an unsafe character in a field name too", async () => {
    const res = await t.call<Problem>("PUT", "/v1/provinces/jl/years/2021/targets/changchun", {
      token: admin,
      body: { targets: { "urban\u202enew_jobs": 5 } },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors?.[0]?.path).toContain("body.targets");
  });

  it("keeps line feeds and tabs in multi-line fields and stores them NFC-normalised", async () => {
    const decomposed = "Cafe\u0301\r\n\t第二行";
    const put = await t.call<{ employment: string }>("PUT", highlights, {
      token: cityAdmin,
      body: { employment: decomposed },
    });
    expect(put.status, put.text).toBe(201);
    expect(put.body.employment).toBe("Café\n\t第二行");
    const read = await t.call<{ employment: string }>("GET", highlights, { token: cityAdmin });
    expect(read.body.employment).toBe("Café\n\t第二行");
  });

  it("refuses a line break in a one-line field", async () => {
    const res = await t.call<Problem>("PUT", "/v1/provinces/ln/tenants/anshan", {
      token: await t.token("province-admin", { provinceId: "ln" }),
      body: { name: "鞍山\n市", authorityName: "鞍山市政府", displayOrder: 3 },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toEqual(["body.name"]);
  });
});

describe("HEAD, HTML headers, unknown routes", () => {
  it("answers HEAD on a GET route like GET, without a body", async () => {
    const head = await t.call("HEAD", "/v1/health");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const tenants = await t.call("HEAD", "/v1/provinces/jl/tenants", { token: admin });
    expect(tenants.status).toBe(200);
    expect(tenants.headers.get("content-type")).toContain("application/json");
    expect((await t.call("HEAD", "/v1/provinces/jl/tenants")).status).toBe(401);
  });

  it("serves the public HTML circular with a Content-Security-Policy and nosniff", async () => {
    const list = await t.call<{ circulars: Array<{ circularId: string }> }>(
      "GET",
      "/v1/public/provinces/jl/circulars",
    );
    const id = list.body.circulars[0]?.circularId;
    const html = await t.call("GET", `/v1/public/provinces/jl/circulars/${id}?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html.headers.get("content-security-policy")).not.toContain("script-src");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers an unknown path 404 and a known path's other method 405 with Allow, as problem+json", async () => {
    const unknown = await t.call("GET", "/v1/no-such-thing");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const wrong = await t.call("DELETE", "/v1/health");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, HEAD");
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    const put = await t.call("POST", "/v1/provinces/jl/years/2019/rulebook", { token: admin, body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, PUT");
  });
});

/** What the server sends back to raw bytes on a fresh connection. */
function raw(request: string): Promise<string> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let out = "";
    socket.on("data", (d) => {
      out += d.toString("utf8");
    });
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
    socket.write(request);
  });
}

describe("requests the HTTP parser refuses", () => {
  it.each([
    ["a 16 KB URL", `GET /v1/health?x=${"a".repeat(16 * 1024)} HTTP/1.1\r\nhost: x\r\n\r\n`, 431],
    ["a header without a colon", "GET /v1/health HTTP/1.1\r\nhost: x\r\nbroken header\r\n\r\n", 400],
    ["an unknown method", "BREW /v1/health HTTP/1.1\r\nhost: x\r\n\r\n", 501],
  ])("answers %s with problem+json", async (_label, request, status) => {
    const answer = await raw(request);
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer.toLowerCase()).toContain("content-type: application/problem+json");
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
    expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  });
});
