import { describe, expect, it } from "vitest";
import {
  bodyFromDraft,
  draftFromProgram,
  emptyDraft,
  messagesAt,
  type StoredProgram,
} from "../../../../../functions/console/src/lib/program-form";

const meta = { version: 2, writtenAt: "2019-01-01T00:00:00.000Z", writtenBy: "city-admin@changchun" };
const basis = { document: "长政发〔2019〕5号", clause: "第三条" };

const stored: StoredProgram[] = [
  {
    ...meta,
    code: "settling_in_allowance",
    name: "一次性安家费",
    basis,
    kind: "fixed",
    benefit: "grant",
    params: { amount: 80000 },
    eligibility: [
      { field: "category", op: "eq", value: "graduate" },
      { field: "degree", op: "in", value: ["bachelor", "master"] },
      { field: "keyUniversity", op: "eq", value: true },
      { field: "graduationDate", op: "withinMonths", value: 24 },
      { field: "businessOperatingMonths", op: "gte", value: 12 },
    ],
    effectiveFrom: "2019-01-01",
    effectiveTo: null,
  },
  {
    ...meta,
    code: "skills",
    name: "技能补贴",
    basis: { document: "长政发〔2019〕6号" },
    kind: "tiered",
    benefit: "grant",
    params: {
      tiers: [
        { key: "senior", when: [{ field: "certificateLevel", op: "eq", value: "senior" }], amount: 3000 },
        { key: "other", when: [], amount: 500.5 },
      ],
    },
    terms: { years: 2 },
    eligibility: [],
    effectiveFrom: "2019-01-01",
    effectiveTo: "2019-12-31",
  },
  {
    ...meta,
    code: "training",
    name: "培训补贴",
    basis,
    kind: "per_unit",
    benefit: "loan",
    params: { rate: 10, unitsField: "trainingHours", cap: 2000 },
    eligibility: [{ field: "certificateDate", op: "onOrAfter", value: "2019-01-01" }],
    effectiveFrom: "2019-01-01",
    effectiveTo: null,
  },
];

describe("the local program form", () => {
  it.each(stored.map((p) => [p.kind, p] as const))(
    "gives back a stored %s program as it was",
    (_, program) => {
      const { body, errors } = bodyFromDraft(draftFromProgram(program));
      expect(errors).toEqual({});
      const { code: _code, version: _v, writtenAt: _w, writtenBy: _b, ...expected } = program;
      expect(body).toEqual(expected);
    },
  );

  it("names a number that is not one by the path the API would name, and leaves empty numbers to the API", () => {
    const draft = emptyDraft("2019-06-01");
    draft.kind = "tiered";
    draft.tiers = [
      { key: "a", amount: "五百", when: [{ field: "trainingHours", op: "gte", value: "x", values: [] }] },
    ];
    draft.eligibility = [{ field: "category", op: "eq", value: "", values: [] }];
    const { body, errors } = bodyFromDraft(draft);
    expect(Object.keys(errors).sort()).toEqual([
      "body.params.tiers[0].amount",
      "body.params.tiers[0].when[0].value",
    ]);
    expect(body.eligibility).toEqual([{ field: "category", op: "eq", value: undefined }]);
    const fixed = bodyFromDraft({ ...emptyDraft("2019-06-01"), name: "x" });
    expect(fixed.errors).toEqual({});
    expect(JSON.parse(JSON.stringify(fixed.body)).params).toEqual({});
  });

  it("finds the messages at a path, and under it when asked", () => {
    const errors = {
      "body.eligibility[0].value[1]": "a",
      "body.eligibility[0].value": "b",
      "body.eligibility[1].op": "c",
    };
    expect(messagesAt(errors, "body.eligibility[0].value")).toEqual(["b"]);
    expect(messagesAt(errors, "body.eligibility[0].value", true).sort()).toEqual(["a", "b"]);
    expect(messagesAt(errors, "body.eligibility[0]")).toEqual([]);
  });
});
