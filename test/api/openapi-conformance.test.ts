/**
 * The served OpenAPI document: Redocly's recommended rules report no error, and the response
 * check every API suite runs (test/support/conformance.ts) does refuse a response that disagrees
 * with it — so a test that passes is one whose responses all conform.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConformance } from "../support/conformance";
import { startTestStack, type TestStack } from "../support/stack";

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => t?.stop());

describe("the served OpenAPI document", () => {
  it("passes Redocly's recommended lint with no error", async () => {
    const served = await t.call("GET", "/v1/openapi.json");
    expect(served.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), "openapi-lint-")), "openapi.json");
    writeFileSync(file, served.text);
    let output = "";
    let failed = false;
    try {
      output = execFileSync(
        "npx",
        ["--no-install", "redocly", "lint", "--extends=recommended", "--format=stylish", file],
        {
          encoding: "utf8",
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: "off",
            REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
            NO_COLOR: "1",
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    } catch (error) {
      failed = true;
      output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    }
    expect(failed, output).toBe(false);
    expect(output).not.toMatch(/\berror\b.*\brule\b/i);
  }, 60_000);

  it("documents HEAD, links, servers and a license", async () => {
    const doc = (await t.call<Record<string, any>>("GET", "/v1/openapi.json")).body;
    expect(doc.servers).toEqual([{ url: "/", description: "this deployment" }]);
    expect(doc.info.license.name).toBeTypeOf("string");
    expect(doc.paths["/v1/health"].head.operationId).toBe("getHealthHead");
    const created = doc.paths["/v1/provinces/{p}/years/{y}/circulars"].post.responses["201"];
    expect(created.links.getCircular.parameters.c).toBe("$response.body#/circularId");
    const rulebook = doc.paths["/v1/provinces/{p}/years/{y}/rulebook"];
    expect(rulebook.get.parameters.some((p: { name: string }) => p.name === "If-Match")).toBe(false);
    expect(
      rulebook.put.parameters.find((p: { name: string }) => p.name === "If-Match").schema.pattern,
    ).toBeDefined();
    const year = rulebook.get.parameters.find((p: { name: string }) => p.name === "y").schema;
    expect(new RegExp(year.pattern).test("1999")).toBe(false);
    expect(new RegExp(year.pattern).test("2100")).toBe(true);
  });

  it("refuses a response that disagrees with the document", () => {
    const headers = (type: string, extra: Record<string, string> = {}) =>
      new Headers({ "content-type": type, ...extra });
    const call =
      (status: number, text: string, type = "application/json", method = "GET", path = "/v1/health") =>
      () =>
        checkConformance({ method, path, status, headers: headers(type), text });
    expect(call(200, '{"status":"ok"}')).not.toThrow();
    expect(call(200, '{"status":"fine"}')).toThrow(/disagrees/);
    expect(call(201, '{"status":"ok"}')).toThrow(/not documented/);
    expect(call(200, "ok", "text/plain")).toThrow(/content-type/);
    expect(
      call(405, '{"type":"x","title":"t","status":405,"detail":"d"}', "application/problem+json", "DELETE"),
    ).toThrow(/Allow/);
    expect(call(400, '{"title":"t","status":400}', "application/problem+json")).toThrow(/disagrees/);
    expect(call(200, "", "application/json", "HEAD")).not.toThrow();
  });
});
