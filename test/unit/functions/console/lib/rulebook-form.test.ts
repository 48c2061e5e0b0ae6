import { describe, expect, it } from "vitest";
import {
  bodyOf,
  checkForm,
  emptyIndicator,
  emptyReviewItem,
  formOf,
  type RulebookForm,
  weightSums,
} from "../../../../../functions/console/src/lib/rulebook-form";
import { rulebookSchema } from "../../../../../shared/domain/rulebook";
import { loadFixture } from "../../../../support/fixture";

const fixture = loadFixture();
const rulebook = rulebookSchema.parse(fixture.rulebook);

describe("the rulebook form", () => {
  it("round-trips the 2019 rulebook: form of it, body of the form, the schema accepts it as it was", () => {
    const form = formOf({ ...rulebook, reviewItems: rulebook.reviewItems ?? [] });
    expect(checkForm(form)).toEqual({});
    expect(rulebookSchema.parse(bodyOf(form))).toEqual(rulebook);
    expect(weightSums(form)).toEqual({ indicators: 70, review: 30, total: 100 });
  });

  it("quotas are typed as percentages and sent as shares", () => {
    const form = formOf({ ...rulebook, gradeQuotas: { 优秀: 0.4 } });
    expect(form.grades[0]?.quota).toBe("40");
    const g = form.grades[1];
    if (g) g.quota = "33.3";
    expect(bodyOf(form).gradeQuotas).toEqual({ 优秀: 0.4, 良好: 0.333 });
  });

  it("says at the field what is wrong, in the API's paths", () => {
    const form: RulebookForm = formOf(rulebook);
    const [first, second] = form.indicators;
    if (!first || !second) throw new Error("fixture");
    second.code = first.code;
    first.weight = "0";
    first.cap = "3";
    const ceiling = form.indicators.find((i) => i.method === "ceiling");
    if (ceiling) ceiling.tolerance = "";
    const grade = form.grades[1];
    if (grade) grade.minScore = "95";
    const last = form.grades.at(-1);
    if (last) last.quota = "10";
    form.indicators.push({ ...emptyIndicator(), code: "Bad Code", name: "x", weight: "1,5" });
    const errors = checkForm(form);
    expect(errors["body.indicators.1.code"]).toContain("重复");
    expect(errors["body.indicators.0.weight"]).toContain("大于 0");
    expect(errors["body.indicators.0.cap"]).toContain("1 至 2");
    expect(errors[`body.indicators.${form.indicators.indexOf(ceiling ?? first)}.tolerance`]).toContain(
      "容差",
    );
    expect(errors["body.grades.1.minScore"]).toContain("低于上一个等次");
    expect(errors[`body.gradeQuotas.${last?.name}`]).toContain("最后一个等次");
    expect(errors[`body.indicators.${form.indicators.length - 1}.code`]).toContain("小写字母");
    expect(errors[`body.indicators.${form.indicators.length - 1}.weight`]).toContain("千位分隔符");
  });

  it("names what a new row lacks: an indicator's or a review item's code, name and positive number", () => {
    const form: RulebookForm = formOf({ ...rulebook, reviewItems: rulebook.reviewItems ?? [] });
    form.indicators.push(emptyIndicator());
    form.reviewItems.push({ ...emptyReviewItem(), code: form.reviewItems[0]?.code ?? "", maxScore: "0" });
    const errors = checkForm(form);
    const ind = `body.indicators.${form.indicators.length - 1}`;
    const item = `body.reviewItems.${form.reviewItems.length - 1}`;
    expect(errors[`${ind}.code`]).toBe("请填写指标代码");
    expect(errors[`${ind}.name`]).toBe("请填写指标名称");
    expect(errors[`${ind}.weight`]).toBe("请填写权重");
    expect(errors[`${item}.code`]).toBe("代码与第 1 项重复");
    expect(errors[`${item}.name`]).toBe("请填写评审项目名称");
    expect(errors[`${item}.maxScore`]).toBe("满分须大于 0");
  });

  it("sums weights exactly", () => {
    const form = formOf(rulebook);
    form.indicators.forEach((i, n) => {
      i.weight = n === 0 ? "0.1" : "0.2";
    });
    expect(weightSums(form).indicators).toBe(1.7);
  });
});
