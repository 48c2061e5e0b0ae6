/**
 * The pure parts of the scoring service: frozen inputs → engine input, results and hashes that
 * depend on the inputs' values only, and the chunked gzip'd payload encoding of a stored run.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, decodePayload, encodePayload } from "../../../../shared/data/stores/scoring-runs";
import { reviewSchema } from "../../../../shared/domain/review";
import { rulebookSchema } from "../../../../shared/domain/rulebook";
import { canonicalHash } from "../../../../shared/lib/canonical-json";
import {
  computeRun,
  engineInput,
  gradeCounts,
  inputVersions,
  type RunInputs,
} from "../../../../shared/services/scoring";
import { loadFixture } from "../../../support/fixture";

const fixture = loadFixture();

function demoInputs(): RunInputs {
  const tenants = fixture.tenants
    .map((t) => ({
      tenantId: t.id,
      name: t.name,
      authorityName: t.authorityName,
      displayOrder: t.displayOrder,
      targets: { version: 1, values: fixture.targets[t.id] ?? {} },
      reports: Object.entries(fixture.reports[t.id] ?? {})
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([period, values]) => ({ period, version: 1, values })),
      review: { version: 1, ...reviewSchema.parse(fixture.reviews[t.id]) },
    }))
    .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
  return {
    provinceId: "jl",
    year: fixture.year,
    rulebook: { version: 1, rulebook: rulebookSchema.parse(fixture.rulebook) },
    tenants,
  };
}

describe("computeRun", () => {
  it("scores the demo inputs exactly as the fixture expects, with each unit's names", () => {
    const { results } = computeRun(demoInputs());
    expect(results.map(({ tenantId, total, rank, grade }) => ({ tenantId, total, rank, grade }))).toEqual(
      [...fixture.expected].sort((a, b) => a.rank - b.rank),
    );
    expect(results[0]).toMatchObject({ tenantId: "changchun", name: "长春市", authorityName: "长春市政府" });
  });

  it("hashes the canonical inputs and results: the same values always give the same hashes", () => {
    const inputs = demoInputs();
    const a = computeRun(inputs);
    const b = computeRun(JSON.parse(JSON.stringify(inputs)) as RunInputs);
    expect(a.inputsHash).toBe(canonicalHash(inputs));
    expect(a.resultsHash).toBe(canonicalHash(a.results));
    expect(b.inputsHash).toBe(a.inputsHash);
    expect(b.resultsHash).toBe(a.resultsHash);

    // key order inside a value does not matter (canonical JSON), values do
    const reordered = demoInputs();
    const first = reordered.tenants[0];
    if (!first) throw new Error("no tenant");
    first.targets.values = Object.fromEntries(Object.entries(first.targets.values).reverse());
    expect(computeRun(reordered).inputsHash).toBe(a.inputsHash);
  });

  it("gives a different inputsHash when one reported value or one input version changes", () => {
    const base = computeRun(demoInputs());
    const changed = demoInputs();
    const report = changed.tenants[0]?.reports[11];
    if (!report) throw new Error("no report");
    report.values = { ...report.values, urban_new_jobs: (report.values.urban_new_jobs ?? 0) + 1 };
    expect(computeRun(changed).inputsHash).not.toBe(base.inputsHash);

    const revised = demoInputs();
    const target = revised.tenants[0]?.targets;
    if (!target) throw new Error("no targets");
    target.version = 2;
    const run = computeRun(revised);
    expect(run.inputsHash).not.toBe(base.inputsHash);
    expect(run.resultsHash).toBe(base.resultsHash);
  });
});

describe("engineInput and inputVersions", () => {
  it("passes periods as a map and leaves an unreviewed tenant without a review", () => {
    const inputs = demoInputs();
    const first = inputs.tenants[0];
    if (!first) throw new Error("no tenant");
    first.review = null;
    const engine = engineInput(inputs);
    expect(engine.tenants[0]?.review).toBeUndefined();
    expect(Object.keys(engine.tenants[0]?.reports ?? {})).toHaveLength(12);
    expect(engine.tenants[1]?.review).toEqual(
      reviewSchema.parse(fixture.reviews[inputs.tenants[1]?.tenantId ?? ""]),
    );
    expect(engine.tenants[1]?.review).not.toHaveProperty("version");

    const versions = inputVersions(inputs);
    expect(versions.rulebook).toBe(1);
    expect(versions.tenants[0]).toMatchObject({ tenantId: first.tenantId, targets: 1, review: null });
    expect(versions.tenants[0]?.reports["2019-12"]).toBe(1);
  });

  it("counts every grade of the rulebook, zeros included", () => {
    const inputs = demoInputs();
    expect(gradeCounts(inputs.rulebook.rulebook, computeRun(inputs).results)).toEqual({
      优秀: 7,
      良好: 5,
      合格: 0,
      不合格: 0,
    });
  });
});

describe("run payload encoding", () => {
  it("round-trips a payload through gzip'd chunks of at most CHUNK_BYTES", () => {
    const payload = { inputs: demoInputs(), results: computeRun(demoInputs()).results };
    const encoded = encodePayload(payload);
    expect(encoded.chunks).toHaveLength(1);
    expect(decodePayload(encoded.chunks, encoded.sha256)).toEqual(JSON.parse(JSON.stringify(payload)));

    const big = { text: randomBytes(600 * 1024).toString("base64") };
    const many = encodePayload(big);
    expect(many.chunks.length).toBeGreaterThan(1);
    for (const chunk of many.chunks) expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(many.chunks.reduce((n, c) => n + c.length, 0)).toBe(many.bytes);
    expect(decodePayload(many.chunks, many.sha256)).toEqual(big);
  });

  it("gives the same bytes for the same value and refuses chunks that do not match their checksum", () => {
    const a = encodePayload({ b: 1, a: [1, 2] });
    const b = encodePayload({ a: [1, 2], b: 1 });
    expect(b.sha256).toBe(a.sha256);
    const [chunk] = a.chunks;
    if (!chunk) throw new Error("no chunk");
    const tampered = Buffer.from(chunk);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff;
    expect(() => decodePayload([tampered], a.sha256)).toThrow(/checksum/);
  });
});
