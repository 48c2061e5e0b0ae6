/**
 * Subsidy versions on a real DynamoDB Local: appends are transactions on a head item (no version
 * lost or overwritten under concurrency), If-Match is honoured, a top-up cannot land on a
 * provincial program that changed after it was checked, a local program cannot take a provincial
 * code, the public catalogue costs a constant number of requests, and the demo seed is idempotent.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../infra/local/seed/index";
import { seedSubsidies } from "../../infra/local/seed/subsidies";
import type { Db } from "../../shared/data/client";
import { keys } from "../../shared/data/keys";
import { StaleError } from "../../shared/data/retry";
import {
  appendLocalProgramVersion,
  appendTopUpVersion,
  headVersion,
  listProgramVersions,
  listTopUpVersions,
  programHeadIs,
} from "../../shared/data/stores/subsidies";
import { putProvince, putTenant } from "../../shared/data/stores/tenancy";
import type { Program } from "../../shared/domain/subsidies";
import { BusinessRuleError, ConflictError, PreconditionFailedError } from "../../shared/lib/errors";
import type { IfMatch } from "../../shared/lib/if-match";
import {
  getProgramHistory,
  getPublicCatalogue,
  listPrograms,
  putLocalProgram,
  putProgram,
  putTopUp,
} from "../../shared/services/subsidies";
import { testDb } from "../support/db";
import { DEMO_PROGRAM_CODES } from "../support/demo-facts";

const AT = "2019-06-15T02:00:00.000Z";
const actor = { sub: "tester" };

let db: Db;
const commands: string[] = [];
/** what version 1 of `race` held when it was written */
let firstRace: unknown;

beforeAll(async () => {
  db = await testDb("subsidies");
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "countCommands" },
  );
  await putProvince(db, "p1", { name: "省一", authorityName: "省一政府" }, AT);
  await putTenant(db, "p1", "c1", { name: "市一", authorityName: "市一政府", displayOrder: 1 }, AT);
  await putTenant(db, "p1", "c2", { name: "市二", authorityName: "市二政府", displayOrder: 2 }, AT);
});

function fixed(code: string, amount: number, over: Partial<Program> = {}): Program {
  return {
    code,
    name: `补贴${code}`,
    basis: { document: "省〔2019〕1号" },
    kind: "fixed",
    benefit: "grant",
    params: { amount },
    eligibility: [],
    topUpLimits: { amount: { max: amount * 3 } },
    effectiveFrom: "2019-01-01",
    effectiveTo: null,
    ...over,
  } as Program;
}

/** Province p1's program `code` written by the tester as a fixed grant of `amount`. */
function putFixed(code: string, amount: number, ifMatch?: IfMatch) {
  return putProgram(db, { provinceId: "p1", code, candidate: fixed(code, amount), ifMatch, actor });
}

describe("appending versions", () => {
  it("gives concurrent writers without If-Match distinct, consecutive versions (none lost)", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => putFixed("race", 100 + i)));
    expect(results.map((r) => r.stored.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    firstRace = results.find((r) => r.stored.version === 1)?.stored;
    const history = await getProgramHistory(db, "p1", "race");
    expect(history.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(history.map((v) => (v.kind === "fixed" ? v.params.amount : -1))).size).toBe(8);
    expect(await headVersion.program(db, "p1", "race")).toBe(8);
  });

  it("lets exactly one of concurrent writers with the same If-Match win; the others get 412", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => putFixed("race", 200 + i, { kind: "version", version: 8 })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.reason).toBeInstanceOf(PreconditionFailedError);
    expect(await headVersion.program(db, "p1", "race")).toBe(9);
  });

  it("never rewrites an earlier version", async () => {
    const history = await getProgramHistory(db, "p1", "race");
    expect(history).toHaveLength(9);
    expect(history[0]).toEqual(firstRace);
    const v1 = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.program("p1", "race", 1) }));
    expect(v1.Item).toMatchObject({ version: 1, writtenAt: expect.any(String), writtenBy: "tester" });
    const latest = await listPrograms(db, "p1");
    expect(latest.find((p) => p.code === "race")?.version).toBe(9);
  });

  it("keeps codes apart even when one is a prefix of another", async () => {
    await putFixed("loan", 10);
    await putFixed("loan_extra", 20);
    expect((await getProgramHistory(db, "p1", "loan")).map((v) => v.code)).toEqual(["loan"]);
    const all = await listProgramVersions(db, "p1");
    expect(all.filter((v) => v.code.startsWith("loan")).map((v) => v.code)).toEqual(["loan", "loan_extra"]);
  });
});

describe("top-ups and local programs", () => {
  it("refuses a top-up whose provincial program moved after it was checked", async () => {
    await putFixed("moving", 100);
    await putFixed("moving", 150);
    const write = appendTopUpVersion(db, {
      tenantId: "c1",
      topUp: {
        programCode: "moving",
        overrides: { amount: 120 },
        basis: { document: "市〔2019〕1号" },
        effectiveFrom: "2019-01-01",
      },
      ifMatch: undefined,
      at: AT,
      by: "tester",
      conditions: [programHeadIs(db, "p1", "moving", 1, () => new StaleError({ en: "moved", zh: "已变更" }))],
    });
    await expect(write).rejects.toBeInstanceOf(StaleError);
    expect(await headVersion.topUp(db, "c1", "moving")).toBeUndefined();
    // through the service the top-up is re-checked against the current version: 120 < 150 → 422
    const movingTopUp = (amount: number) =>
      putTopUp(db, {
        tenantId: "c1",
        code: "moving",
        candidate: {
          overrides: { amount },
          basis: { document: "市〔2019〕1号" },
          effectiveFrom: "2019-01-01",
        },
        ifMatch: undefined,
        actor,
      });
    const refused = movingTopUp(120);
    await expect(refused).rejects.toBeInstanceOf(BusinessRuleError);
    const ok = await movingTopUp(160);
    expect(ok.stored).toMatchObject({ programCode: "moving", version: 1, writtenBy: "tester" });
    expect((await listTopUpVersions(db, "c2")).length).toBe(0);
  });

  it("refuses a local program that would take a provincial code, even in a race", async () => {
    const race = appendLocalProgramVersion(db, {
      tenantId: "c1",
      program: fixed("moving", 1),
      ifMatch: undefined,
      at: AT,
      by: "tester",
      conditions: [
        programHeadIs(
          db,
          "p1",
          "moving",
          undefined,
          () => new ConflictError({ en: "provincial code", zh: "省级项目代码" }),
        ),
      ],
    });
    await expect(race).rejects.toBeInstanceOf(ConflictError);
    await expect(
      putLocalProgram(db, {
        tenantId: "c1",
        code: "moving",
        candidate: fixed("moving", 1),
        ifMatch: undefined,
        actor,
      }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await headVersion.localProgram(db, "c1", "moving")).toBeUndefined();
  });

  it("builds the public catalogue with a constant number of requests", async () => {
    const count = async () => {
      commands.length = 0;
      await getPublicCatalogue(db, "c1", "2019-06-15");
      return [...commands].sort();
    };
    const before = await count();
    expect(before).toEqual(["GetItemCommand", "QueryCommand", "QueryCommand", "QueryCommand"]);
    for (let i = 0; i < 5; i++) {
      await putFixed(`more_${i}`, 10);
      await putLocalProgram(db, {
        tenantId: "c1",
        code: `local_${i}`,
        candidate: fixed(`local_${i}`, 10),
        ifMatch: undefined,
        actor,
      });
    }
    expect(await count()).toEqual(before);
    const catalogue = await getPublicCatalogue(db, "c1", "2019-06-15");
    expect(catalogue.programs.filter((p) => p.source === "local")).toHaveLength(5);
    const moving = catalogue.programs.find((p) => p.code === "moving");
    expect(moving?.kind === "fixed" && moving.params.amount).toBe(160);
  });
});

describe("the demo seed", () => {
  it("loads the demo subsidies once: a second run writes nothing", async () => {
    const seedDb = await testDb("subsidy-seed");
    const demo = loadDemoData();
    await putProvince(seedDb, demo.province.id, demo.province, AT);
    for (const tenant of demo.tenants) await putTenant(seedDb, demo.province.id, tenant.id, tenant, AT);
    const lines: string[] = [];
    await seedSubsidies(seedDb, demo, (line) => lines.push(line));
    await seedSubsidies(seedDb, demo, (line) => lines.push(line));
    expect(lines).toEqual([
      "  6 subsidy programs, 2 city top-ups, 1 local program",
      "  6 subsidy programs, 2 city top-ups, 1 local program (0 new)",
    ]);
    const programs = await listProgramVersions(seedDb, demo.province.id);
    expect(programs.map((p) => [p.code, p.version, p.writtenBy])).toEqual(
      DEMO_PROGRAM_CODES.map((code) => [code, 1, "demo-seed"]),
    );
    expect(await headVersion.topUp(seedDb, "changchun", "guarantee_loan")).toBe(1);
    expect(await headVersion.topUp(seedDb, "tonghua", "guarantee_loan")).toBe(1);
    expect(await headVersion.localProgram(seedDb, "changchun", "settling_in_allowance")).toBe(1);
    const catalogue = await getPublicCatalogue(seedDb, "changchun", "2019-06-15");
    const loan = catalogue.programs.find((p) => p.code === "guarantee_loan");
    expect(loan?.kind === "tiered" && loan.params.tiers.find((t) => t.key === "graduate")?.amount).toBe(
      300000,
    );
  });
});
