/** A tenant's annual targets against the year's rulebook: exactly its indicators, a rate at most 100. */
import type { FieldError } from "../lib/errors";
import { indicatorKind, type Rulebook } from "./rulebook";

/**
 * Targets must name exactly the rulebook's indicators: every missing code and every extra code is
 * one error (`targets.<code>`). A rate target is a percentage, so it may not exceed 100.
 * (Each value > 0 and finite is the request schema's job.)
 */
export function checkTargets(
  rulebook: Pick<Rulebook, "indicators">,
  targets: Readonly<Record<string, number>>,
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>();
  for (const indicator of rulebook.indicators) {
    known.add(indicator.code);
    const path = `targets.${indicator.code}`;
    if (!Object.hasOwn(targets, indicator.code)) {
      errors.push({
        path,
        message: "missing",
        zh: `缺少${indicator.name}的目标任务`,
        code: indicator.code,
        name: indicator.name,
      });
      continue;
    }
    const value = targets[indicator.code];
    if (indicatorKind(indicator) === "rate" && typeof value === "number" && value > 100)
      errors.push({
        path,
        message: `${indicator.code} is a rate: its target must be at most 100`,
        zh: `${indicator.name}是比率指标，目标值不能超过100`,
      });
  }
  for (const code of Object.keys(targets)) {
    if (!known.has(code))
      errors.push({
        path: `targets.${code}`,
        message: "not an indicator of the year's rulebook",
        zh: `“${code}”不是本年度考评细则中的指标`,
        code,
      });
  }
  return errors;
}
