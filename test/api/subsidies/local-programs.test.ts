/**
 * A city's local programs over HTTP: versioned per city, never a provincial code, listed for the
 * city only.
 */
import { describe, expect, it } from "vitest";
import { demoProgram } from "../../support/subsidies-data";
import { as, t, useSubsidiesStack } from "../../support/subsidies-stack";

useSubsidiesStack();

describe("local programs", () => {
  it("are versioned per city, refuse a provincial code (422) and are listed for the city only", async () => {
    const admin = as("changchun/city-admin");
    const body = {
      ...demoProgram("startup_subsidy"),
      name: "长春市大学生创业补贴",
      basis: { document: "长政办发〔2019〕9号", clause: "二" },
    };
    const clash = await t.call("PUT", "/v1/tenants/changchun/local-programs/startup_subsidy", {
      ...admin,
      body,
    });
    expect(clash.status).toBe(422);
    expect(clash.body.errors).toEqual([expect.objectContaining({ path: "path.code" })]);
    const created = await t.call("PUT", "/v1/tenants/changchun/local-programs/cc_startup_bonus", {
      ...admin,
      body,
    });
    expect(created.status, created.text).toBe(201);
    const again = await t.call("PUT", "/v1/tenants/changchun/local-programs/cc_startup_bonus", {
      ...admin,
      body: { ...body, params: { amount: 6000 } },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const history = await t.call(
      "GET",
      "/v1/tenants/changchun/local-programs/cc_startup_bonus/versions",
      admin,
    );
    expect(history.body.versions.map((v: { params: unknown }) => v.params)).toEqual([
      { amount: 5000 },
      { amount: 6000 },
    ]);
    const list = await t.call("GET", "/v1/tenants/changchun/local-programs", as("jl/province-admin"));
    expect(list.status).toBe(200);
    expect(list.body.localPrograms.map((p: { code: string }) => p.code)).toEqual([
      "cc_startup_bonus",
      "settling_in_allowance",
    ]);
    const jilin = await t.call("GET", "/v1/tenants/jilin/local-programs", as("jilin/city-admin"));
    expect(jilin.body.localPrograms).toEqual([]);
    expect(
      (await t.call("PUT", "/v1/tenants/changchun/local-programs/x1", { ...as("jilin/city-admin"), body }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.call("PUT", "/v1/tenants/changchun/local-programs/x1", {
          ...as("changchun/city-reporter"),
          body,
        })
      ).status,
    ).toBe(403);
    const catalogue = await t.call("GET", "/v1/public/tenants/jilin/subsidies?date=2019-06-15");
    expect(catalogue.body.programs.some((p: { code: string }) => p.code === "cc_startup_bonus")).toBe(false);
  });
});
