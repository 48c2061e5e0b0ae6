/**
 * The pure parts of the circulars service: the province's view of a stored circular and the
 * rendered forms, which carry a supersession notice once a correction replaced the circular.
 */
import { describe, expect, it } from "vitest";
import type { StoredCircular } from "../../../../shared/data/stores/circulars";
import { buildCircularDocument, renderText } from "../../../../shared/domain/circular";
import { renderCircular, toCircularResponse } from "../../../../shared/services/circulars";
import { jilinInput } from "../../../support/circular/jilin-2019-input";

function stored(extra: Partial<StoredCircular> = {}): StoredCircular {
  const document = buildCircularDocument(jilinInput({ circularId: "circ000000001" }));
  return {
    circularId: "circ000000001",
    provinceId: "jl",
    year: 2019,
    status: "published",
    version: 4,
    runId: "run0000000001",
    rulebookVersion: 1,
    documentNo: document.documentNo,
    document,
    scores: [{ tenantId: "changchun", total: "100.20", rank: 1 }],
    supersedes: null,
    createdBy: "admin-1",
    createdAt: "2020-04-10T00:00:00.000Z",
    updatedBy: "admin-1",
    updatedAt: "2020-04-16T00:00:00.000Z",
    sha256: "a".repeat(64),
    publishedAt: "2020-04-16T00:00:00.000Z",
    ...extra,
  };
}

describe("toCircularResponse", () => {
  it("leaves out the run's scores and names absent hashes and supersessions null", () => {
    const view = toCircularResponse(stored({ status: "draft", sha256: undefined }));
    expect(view).not.toHaveProperty("scores");
    expect(view.sha256).toBeNull();
    expect(view.supersededBy).toBeNull();
    expect(view.document.documentNo).toBe("吉政函〔2020〕33号");
  });
});

describe("renderCircular", () => {
  it("renders the stored document as UTF-8 text and HTML", () => {
    const c = stored();
    const text = renderCircular(c, "txt");
    expect(text.contentType).toBe("text/plain; charset=utf-8");
    expect(text.raw).toBe(renderText(c.document));
    const html = renderCircular(c, "html");
    expect(html.contentType).toBe("text/html; charset=utf-8");
    expect(html.raw).toContain("长春市政府");
  });

  it("puts the superseding circular's number on top of a superseded one, the document unchanged", () => {
    const c = stored({ supersededBy: "circ000000009", supersededByDocumentNo: "吉政函〔2020〕35号" });
    const text = renderCircular(c, "txt").raw;
    expect(text.split("\n")[0]).toContain("吉政函〔2020〕35号");
    expect(text).toContain("circ000000009");
    expect(text.endsWith(renderText(c.document))).toBe(true);
  });
});
