/** What a condition asks, what a tier's conditions are, and what an applicant lacked — in Chinese. */
import type { UnmetCondition } from "../conditions";
import { subtractMonths } from "../dates";
import { booleanPhrase, dateText, labelOf, numberText, unitOf, valueText } from "./values";

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("、")}或${items.at(-1)}`;
}

export interface ConditionLike {
  field: string;
  op: string;
  value: unknown;
}

/**
 * What a condition asks, in Chinese: 人员类别为高校毕业生或就业困难人员, 正常经营月数不少于12个月,
 * 取证日期在2017年1月1日（含）之后, 毕业日期在申请日前24个月内（含）. With `date` (the evaluation
 * date), `withinMonths` names its span: 毕业日期在2017年12月1日至2019年12月1日之间（申请日前24个月内）.
 */
export function conditionText(condition: ConditionLike, date?: string): string {
  const label = labelOf(condition.field);
  const v = condition.value;
  const unit = unitOf(condition.field);
  const num = (x: unknown) => (typeof x === "number" ? `${numberText(x)}${unit}` : String(x));
  switch (condition.op) {
    case "eq":
    case "ne": {
      const positive = condition.op === "eq";
      const phrase = typeof v === "boolean" ? booleanPhrase(condition.field, positive ? v : !v) : undefined;
      if (phrase) return phrase;
      return `${label}${positive ? "为" : "不为"}${valueText(condition.field, v)}`;
    }
    case "in": {
      const values = Array.isArray(v) ? v.map((x) => valueText(condition.field, x)) : [String(v)];
      return values.length === 1 ? `${label}为${values[0]}` : `${label}为${orList(values)}`;
    }
    case "gte":
      return `${label}不少于${num(v)}`;
    case "lte":
      return `${label}不超过${num(v)}`;
    case "gt":
      return `${label}大于${num(v)}`;
    case "lt":
      return `${label}小于${num(v)}`;
    case "onOrAfter":
      return `${label}在${dateText(String(v))}（含）之后`;
    case "withinMonths": {
      if (date !== undefined && typeof v === "number" && Number.isInteger(v))
        return `${label}在${dateText(subtractMonths(date, v))}至${dateText(date)}之间（申请日前${v}个月内）`;
      return `${label}在申请日前${String(v)}个月内（含）`;
    }
    default:
      return `${label} ${condition.op} ${String(v)}`;
  }
}

/** The conditions of a tier, joined: 人员类别为高校毕业生，且毕业日期在申请日前24个月内（含）; none → 其他情形. */
export function tierText(when: readonly ConditionLike[], date?: string): string {
  return when.length === 0 ? "其他情形" : when.map((c) => conditionText(c, date)).join("，且");
}

/**
 * An unmet condition, in Chinese: what was asked and what the applicant had —
 * 须人员类别为高校毕业生或就业困难人员（申请人：退役军人）. A tier's condition names its tier:
 * 第1档：须职业资格证书等级为高级（申请人：未填写）.
 */
export function unmetText(unmet: UnmetCondition, date: string, tiers?: readonly { key: string }[]): string {
  const asked = `须${conditionText(unmet, date)}（申请人：${valueText(unmet.field, unmet.actual)}）`;
  if (unmet.tier === undefined) return asked;
  const index = tiers?.findIndex((t) => t.key === unmet.tier) ?? -1;
  return `${index >= 0 ? `第${index + 1}档` : `“${unmet.tier}”档`}：${asked}`;
}
