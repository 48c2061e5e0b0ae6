/**
 * The demo province after start-up: the 2019 data is scored and the 2019 circular (吉政函〔2020〕33号)
 * is published — public without credentials, created and approved by two different admins — and
 * loading the demo again changes nothing.
 */
import { describe, expect, it } from "vitest";
import { seedScoringAndCircular } from "../../infra/local/seed/circular";
import { loadDemoData } from "../../infra/local/seed/index";
import { canonicalHash } from "../../shared/lib/canonical-json";
import { t, useDemoStack } from "../support/demo-stack";

useDemoStack();

describe("the demo province", () => {
  it("has a published 2019 circular with the real circular's results", async () => {
    const list = await t.call<{
      circulars: Array<{ circularId: string; year: number; documentNo: string; sha256: string }>;
    }>("GET", "/v1/public/provinces/jl/circulars");
    expect(list.status, list.text).toBe(200);
    expect(list.body.circulars).toHaveLength(1);
    const [entry] = list.body.circulars;
    expect(entry).toMatchObject({ year: 2019, documentNo: "吉政函〔2020〕33号" });

    const json = await t.call<{ sha256: string; document: unknown }>(
      "GET",
      `/v1/public/provinces/jl/circulars/${entry?.circularId}`,
    );
    expect(json.status).toBe(200);
    expect(canonicalHash(json.body.document)).toBe(entry?.sha256);

    const text = await t.call("GET", `/v1/public/provinces/jl/circulars/${entry?.circularId}?format=txt`);
    expect(text.text).toContain(
      "（一）优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。",
    );
    expect(text.text).toContain(
      "（二）良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。",
    );
    expect(text.text).toContain("（一）就业工作方面。长春市全面启动");
    expect(text.text).toContain("（三）就业信息管理系统应用效果不理想。");

    const admin = await t.token("province-admin", { provinceId: "jl", sub: "someone@jl" });
    const stored = await t.call<{ createdBy: string; approvedBy: string; status: string }>(
      "GET",
      `/v1/provinces/jl/years/2019/circulars/${entry?.circularId}`,
      { token: admin },
    );
    expect(stored.body).toMatchObject({
      status: "published",
      createdBy: "demo-admin-1@jl",
      approvedBy: "demo-admin-2@jl",
    });
  });

  it("has the scoring run the circular was drafted from, with the fixture's grades", async () => {
    const admin = await t.token("province-admin", { provinceId: "jl" });
    const runs = await t.call<{ runs: Array<{ runId: string; gradeCounts: Record<string, number> }> }>(
      "GET",
      "/v1/provinces/jl/years/2019/scoring-runs",
      { token: admin },
    );
    expect(runs.body.runs).toHaveLength(1);
    expect(runs.body.runs[0]?.gradeCounts).toMatchObject({ 优秀: 7, 良好: 5 });
  });

  it("is not scored or published twice when the demo is loaded again", async () => {
    const lines: string[] = [];
    await seedScoringAndCircular(t.stack.db, loadDemoData(), (line) => lines.push(line));
    expect(lines.join("\n")).toContain("already published");
    const list = await t.call<{ circulars: unknown[] }>("GET", "/v1/public/provinces/jl/circulars");
    expect(list.body.circulars).toHaveLength(1);
    const admin = await t.token("province-admin", { provinceId: "jl" });
    const runs = await t.call<{ runs: unknown[] }>("GET", "/v1/provinces/jl/years/2019/scoring-runs", {
      token: admin,
    });
    expect(runs.body.runs).toHaveLength(1);
  });
});
