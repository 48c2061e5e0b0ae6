/**
 * The circular (通报) of the Jilin 2019 demo case through the API: a draft from a scoring run,
 * prose edits under If-Match, four-eyes approval, publishing, the public JSON / text / HTML forms
 * (identical on every read, hash = canonicalHash(document)), immutability after publishing
 * (every route 409, the year's rulebook frozen), drafts invisible to the public, corrections that
 * supersede, and a concurrent double publish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAssessment } from "../../infra/local/seed/assessment";
import type { DemoData } from "../../infra/local/seed/index";
import { publishedCircularOfYear } from "../../shared/data/stores/circulars";
import { canonicalHash } from "../../shared/lib/canonical-json";
import { setNow } from "../../shared/lib/clock";
import { JILIN_2019_HIGHLIGHTS, JILIN_2019_PROSE } from "../support/circular/jilin-2019-prose";
import { loadFixture } from "../support/fixture";
import type { ResponseOf } from "../support/responses";
import { startTestStack, type TestStack } from "../support/stack";

const fixture = loadFixture();
const P = fixture.province.id;
const Y = fixture.year;
const BASE = `/v1/provinces/${P}/years/${Y}`;
const PUBLIC = `/v1/public/provinces/${P}/circulars`;

const EXCELLENT =
  "（一）优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。";
const GOOD = "（二）良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。";

let t: TestStack;
let runId: string;
const admin1 = () => t.token("province-admin", { provinceId: P, sub: "admin-1@jl" });
const admin2 = () => t.token("province-admin", { provinceId: P, sub: "admin-2@jl" });
const reviewer = () => t.token("province-reviewer", { provinceId: P, sub: "reviewer@jl" });

/** The route table declares the circular's `document` as unknown JSON: its shape is the domain's, read here. */
type Circular = Omit<ResponseOf<"getCircular">, "document"> & {
  document: {
    circularId: string;
    opening: string;
    closing: string;
    problems: string[];
    highlights: { employment: Array<{ tenantId: string }>; entrepreneurship: Array<{ tenantId: string }> };
    results: Array<{
      grade: string;
      units: Array<{ tenantId: string; authorityName: string; total?: string }>;
    }>;
    supersedes: string | null;
  };
};

const draftBody = (extra: Record<string, unknown> = {}) => ({ runId, ...JILIN_2019_PROSE, ...extra });

/** POST a draft as the first admin; the answer, whatever it is. */
async function postDraft(extra: Record<string, unknown> = {}) {
  return t.call<Circular>("POST", `${BASE}/circulars`, { token: await admin1(), body: draftBody(extra) });
}

async function createDraft(extra: Record<string, unknown> = {}): Promise<Circular> {
  const res = await postDraft(extra);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function approveAndPublish(c: Circular): Promise<Circular> {
  const approved = await t.call<Circular>("POST", `${BASE}/circulars/${c.circularId}/approve`, {
    token: await admin2(),
  });
  expect(approved.status, approved.text).toBe(200);
  const published = await t.call<Circular>("POST", `${BASE}/circulars/${c.circularId}/publish`, {
    token: await admin1(),
  });
  expect(published.status, published.text).toBe(200);
  return published.body;
}

beforeAll(async () => {
  setNow("2020-04-10T02:00:00.000Z");
  t = await startTestStack();
  const platform = await t.token("platform-admin", { sub: "ops@platform" });
  const { id: _id, ...province } = fixture.province;
  expect(
    (await t.call("PUT", `/v1/provinces/${P}`, { token: platform, body: province })).status,
  ).toBeLessThan(300);
  for (const { id, ...tenant } of fixture.tenants) {
    const res = await t.call("PUT", `/v1/provinces/${P}/tenants/${id}`, {
      token: await admin1(),
      body: tenant,
    });
    expect(res.status, res.text).toBeLessThan(300);
  }
  // The assessment inputs through the assessment stores (the scoring suite enters them through the API).
  const demo: DemoData = { ...fixture, highlights: JILIN_2019_HIGHLIGHTS as DemoData["highlights"] };
  await seedAssessment(t.stack.db, demo, () => undefined);
  const run = await t.call<{ runId: string }>("POST", `${BASE}/scoring-runs`, { token: await admin1() });
  expect(run.status, run.text).toBe(201);
  runId = run.body.runId;
}, 120_000);

afterAll(async () => t?.stop());

let original: Circular;
let publishedSha: string;

describe("a draft", () => {
  it("is created from a run, snapshotting its results and the cities' highlights", async () => {
    const res = await postDraft();
    expect(res.status, res.text).toBe(201);
    original = res.body;
    expect(original).toMatchObject({
      status: "draft",
      version: 1,
      runId,
      createdBy: "admin-1@jl",
      sha256: null,
    });
    expect(res.headers.get("etag")).toBe('"1"');
    expect(original.document.circularId).toBe(original.circularId);
    expect(original.document.results.map((g) => [g.grade, g.units.map((u) => u.authorityName)])).toEqual([
      [
        "优秀",
        ["长春市政府", "吉林市政府", "四平市政府", "辽源市政府", "通化市政府", "白山市政府", "松原市政府"],
      ],
      ["良好", ["白城市政府", "延边州政府", "长白山管委会", "梅河口市政府", "公主岭市政府"]],
    ]);
    expect(original.document.results[0]?.units[0]?.total).toBeUndefined();
    expect(original.document.highlights.employment).toHaveLength(12);
    expect(original.document.highlights.entrepreneurship).toHaveLength(7);
  });

  it("refuses an unknown run, a supersedes that is not a published circular, and bad prose (422), and bad bodies (400)", async () => {
    // each draft, and the field its 422 names
    for (const [over, path] of [
      [{ runId: "zzzzzzzzzzzzz" }, "body.runId"],
      [{ supersedes: original.circularId }, "body.supersedes"],
      [{ documentNo: "" }, "body.documentNo"],
    ] as const) {
      const refused = await postDraft(over);
      expect(refused.status, refused.text).toBe(422);
      expect(refused.text).toContain(path);
    }
    const unknownField = await postDraft({ color: "red" });
    expect(unknownField.status).toBe(400);
    expect(
      (await t.call("POST", `${BASE}/circulars`, { token: await reviewer(), body: draftBody() })).status,
    ).toBe(403);
  });

  it("is readable by province roles with its version, as JSON and as a text preview", async () => {
    const res = await t.call<Circular>("GET", `${BASE}/circulars/${original.circularId}`, {
      token: await reviewer(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.body.document).toEqual(original.document);
    const text = await t.call("GET", `${BASE}/circulars/${original.circularId}?format=txt`, {
      token: await reviewer(),
    });
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.text).toContain(EXCELLENT);
    const list = await t.call<{ circulars: Circular[] }>("GET", `${BASE}/circulars`, {
      token: await reviewer(),
    });
    expect(list.body.circulars.map((c) => c.circularId)).toContain(original.circularId);
    expect(list.body.circulars[0]).not.toHaveProperty("document");
  });

  it("is edited only with If-Match: 428 without, 412 when stale, a new version when current", async () => {
    const path = `${BASE}/circulars/${original.circularId}`;
    const edit = { closing: `${JILIN_2019_PROSE.closing}` };
    const none = await t.call("PATCH", path, { token: await admin1(), body: edit });
    expect(none.status, none.text).toBe(428);
    const stale = await t.call("PATCH", path, { token: await admin1(), body: edit, ifMatch: 7 });
    expect(stale.status, stale.text).toBe(412);
    const opening = "2019年，全省各地认真贯彻落实省委、省政府工作部署。";
    const res = await t.call<Circular>("PATCH", path, {
      token: await admin1(),
      body: { opening },
      ifMatch: 1,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(res.body.document.opening).toBe(opening);
    const again = await t.call("PATCH", path, { token: await admin1(), body: { opening: "x" }, ifMatch: 1 });
    expect(again.status).toBe(412);
    const restored = await t.call<Circular>("PATCH", path, {
      token: await admin2(),
      body: { opening: JILIN_2019_PROSE.opening, problems: JILIN_2019_PROSE.problems },
      ifMatch: 2,
    });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.version).toBe(3);
    const bad = await t.call("PATCH", path, {
      token: await admin1(),
      body: { issueDate: "2020-13-01" },
      ifMatch: 3,
    });
    expect(bad.status).toBe(400);
  });

  it("is not public: 404 in every format and absent from the public list", async () => {
    for (const format of ["json", "txt", "html"]) {
      const res = await t.call("GET", `${PUBLIC}/${original.circularId}?format=${format}`);
      expect(res.status, res.text).toBe(404);
    }
    const list = await t.call<{ circulars: unknown[] }>("GET", PUBLIC);
    expect(list.status).toBe(200);
    expect(list.body.circulars).toEqual([]);
  });
});

describe("approval and publishing", () => {
  it("refuses approval by the draft's creator (four-eyes) and accepts another admin", async () => {
    const path = `${BASE}/circulars/${original.circularId}/approve`;
    const own = await t.call("POST", path, { token: await admin1() });
    expect(own.status, own.text).toBe(409);
    const early = await t.call("POST", `${BASE}/circulars/${original.circularId}/publish`, {
      token: await admin1(),
    });
    expect(early.status, early.text).toBe(409);
    const stale = await t.call("POST", path, { token: await admin2(), ifMatch: 2 });
    expect(stale.status).toBe(412);
    const res = await t.call<Circular>("POST", path, { token: await admin2(), ifMatch: 3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "approved", version: 4, approvedBy: "admin-2@jl" });
    expect((await t.call("POST", path, { token: await admin2() })).status).toBe(409);
    const edit = await t.call("PATCH", `${BASE}/circulars/${original.circularId}`, {
      token: await admin1(),
      body: { closing: "改" },
      ifMatch: 4,
    });
    expect(edit.status).toBe(409);
    expect((await t.call("GET", `${PUBLIC}/${original.circularId}`)).status).toBe(404);
  });

  it("publishes an approved circular: its SHA-256 is the hash of its canonical document", async () => {
    setNow("2020-04-16T02:00:00.000Z");
    const res = await t.call<Circular>("POST", `${BASE}/circulars/${original.circularId}/publish`, {
      token: await admin1(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      circularId: original.circularId,
      status: "published",
      publishedAt: "2020-04-16T02:00:00.000Z",
      version: 5,
    });
    publishedSha = res.body.sha256 ?? "";
    expect(publishedSha).toMatch(/^[0-9a-f]{64}$/);
    expect(publishedSha).toBe(canonicalHash(res.body.document));
    expect(await publishedCircularOfYear(t.stack.db, P, Y)).toBe(original.circularId);
  });

  it("serves the published circular to anyone, identical on every read, in JSON, text and HTML", async () => {
    const path = `${PUBLIC}/${original.circularId}`;
    const json = await t.call<Circular & { provinceId: string; year: number }>("GET", path);
    expect(json.status, json.text).toBe(200);
    expect(json.headers.get("etag")).toBe(`"${publishedSha}"`);
    expect(json.body).toMatchObject({
      circularId: original.circularId,
      provinceId: P,
      year: Y,
      status: "published",
      sha256: publishedSha,
      publishedAt: "2020-04-16T02:00:00.000Z",
      supersedes: null,
      supersededBy: null,
    });
    expect(canonicalHash(json.body.document)).toBe(publishedSha);
    const again = await t.call("GET", `${path}?format=json`);
    expect(again.text).toBe(json.text);

    const text = await t.call("GET", `${path}?format=txt`);
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.headers.get("etag")).toBe(`"${publishedSha}"`);
    expect(text.text.split("\n").map((l) => l.trim())).toEqual(expect.arrayContaining([EXCELLENT, GOOD]));
    expect(text.text).toContain("吉政函〔2020〕33号");
    expect(text.text).toContain("2020年4月16日");
    expect(text.text).toContain("（此件公开发布）");
    expect((await t.call("GET", `${path}?format=txt`)).text).toBe(text.text);

    const html = await t.call("GET", `${path}?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.text).toContain("<!doctype html>");
    expect(html.text).toContain("长春市政府");
    expect((await t.call("GET", `${path}?format=html`)).text).toBe(html.text);

    const list = await t.call<{ circulars: Array<Record<string, unknown>> }>("GET", PUBLIC);
    expect(list.body.circulars).toEqual([
      {
        circularId: original.circularId,
        year: Y,
        documentNo: "吉政函〔2020〕33号",
        sha256: publishedSha,
        publishedAt: "2020-04-16T02:00:00.000Z",
        supersedes: null,
        supersededBy: null,
      },
    ]);
    expect((await t.call("GET", "/v1/public/provinces/nowhere/circulars")).status).toBe(404);
    expect((await t.call("GET", `${PUBLIC}/${original.circularId}?format=pdf`)).status).toBe(400);
  });

  it("can never change again: PATCH, approve and publish are 409, and the year's rulebook is frozen", async () => {
    const path = `${BASE}/circulars/${original.circularId}`;
    const edit = await t.call("PATCH", path, { token: await admin1(), body: { closing: "改" }, ifMatch: 5 });
    expect(edit.status, edit.text).toBe(409);
    expect((await t.call("POST", `${path}/approve`, { token: await admin2() })).status).toBe(409);
    expect((await t.call("POST", `${path}/publish`, { token: await admin1() })).status).toBe(409);
    const rulebook = await t.call("PUT", `${BASE}/rulebook`, {
      token: await admin1(),
      body: fixture.rulebook,
      ifMatch: 1,
    });
    expect(rulebook.status, rulebook.text).toBe(409);
    const json = await t.call<{ sha256: string; document: unknown }>(
      "GET",
      `${PUBLIC}/${original.circularId}`,
    );
    expect(json.body.sha256).toBe(publishedSha);
    expect(canonicalHash(json.body.document)).toBe(publishedSha);
  });

  it("refuses to publish a second circular of the year that does not supersede the first", async () => {
    const rival = await createDraft({ documentNo: "吉政函〔2020〕34号" });
    const approved = await t.call("POST", `${BASE}/circulars/${rival.circularId}/approve`, {
      token: await admin2(),
    });
    expect(approved.status).toBe(200);
    const res = await t.call("POST", `${BASE}/circulars/${rival.circularId}/publish`, {
      token: await admin1(),
    });
    expect(res.status, res.text).toBe(409);
    expect(res.text).toContain("supersedes");
    expect((await t.call("GET", `${PUBLIC}/${rival.circularId}`)).status).toBe(404);
  });
});

describe("corrections", () => {
  let correction: Circular;

  it("a correction supersedes the published circular; the old one stays readable and says so", async () => {
    setNow("2020-04-20T02:00:00.000Z");
    const draft = await createDraft({
      documentNo: "吉政函〔2020〕35号",
      supersedes: original.circularId,
      showScores: true,
    });
    expect(draft.supersedes).toBe(original.circularId);
    expect(draft.document.supersedes).toBe(original.circularId);
    expect(draft.document.results[0]?.units[0]?.total).toBe("100.20");
    correction = await approveAndPublish(draft);
    expect(correction.status).toBe("published");

    const old = await t.call<Circular>("GET", `${PUBLIC}/${original.circularId}`);
    expect(old.status).toBe(200);
    expect(old.body.supersededBy).toBe(correction.circularId);
    expect(old.body.sha256).toBe(publishedSha);
    expect(canonicalHash(old.body.document)).toBe(publishedSha);
    const oldText = await t.call("GET", `${PUBLIC}/${original.circularId}?format=txt`);
    expect(oldText.text).toContain("吉政函〔2020〕35号");
    expect(oldText.text).toContain(EXCELLENT);

    const list = await t.call<{
      circulars: Array<{ circularId: string; supersedes: string | null; supersededBy: string | null }>;
    }>("GET", PUBLIC);
    expect(list.body.circulars.map((c) => c.circularId)).toEqual([
      correction.circularId,
      original.circularId,
    ]);
    expect(list.body.circulars[0]?.supersedes).toBe(original.circularId);
    expect(list.body.circulars[1]?.supersededBy).toBe(correction.circularId);
    expect(await publishedCircularOfYear(t.stack.db, P, Y)).toBe(correction.circularId);
  });

  it("a superseded circular cannot be superseded again", async () => {
    const res = await t.call("POST", `${BASE}/circulars`, {
      token: await admin1(),
      body: draftBody({ documentNo: "吉政函〔2020〕36号", supersedes: original.circularId }),
    });
    expect(res.status, res.text).toBe(422);
  });

  it("of two concurrent publishes of the same circular exactly one succeeds", async () => {
    const draft = await createDraft({ documentNo: "吉政函〔2020〕37号", supersedes: correction.circularId });
    const approved = await t.call("POST", `${BASE}/circulars/${draft.circularId}/approve`, {
      token: await admin2(),
    });
    expect(approved.status).toBe(200);
    const tokens = await Promise.all([admin1(), admin2(), admin1(), admin2()]);
    const outcomes = await Promise.all(
      tokens.map((token) =>
        t.call<Circular>("POST", `${BASE}/circulars/${draft.circularId}/publish`, { token }),
      ),
    );
    const statuses = outcomes.map((o) => o.status).sort();
    expect(statuses, outcomes.map((o) => o.text).join("\n")).toEqual([200, 409, 409, 409]);
    const winner = outcomes.find((o) => o.status === 200);
    const json = await t.call<{ sha256: string; publishedAt: string }>(
      "GET",
      `${PUBLIC}/${draft.circularId}`,
    );
    expect(json.body.sha256).toBe(winner?.body.sha256);
    expect(json.body.publishedAt).toBe(winner?.body.publishedAt);
    const previous = await t.call<{ supersededBy: string }>("GET", `${PUBLIC}/${correction.circularId}`);
    expect(previous.body.supersededBy).toBe(draft.circularId);
  });
});
