/**
 * The Chinese labels of request fields, and Chinese renderings of dates, periods and values, for
 * the Chinese texts of errors. A field error names its field by the label of the last part of its
 * path, with the parts above it where they say which one (`body.indicators[0].weight` →
 * 第1项指标的权重, `body.values.urban_new_jobs` → 指标值“urban_new_jobs”). Domain errors that know
 * more — an indicator's name from the rulebook, a program's name — write it themselves.
 *
 * Add a label here for every body, query and path field a route takes (a field without one is
 * named by its key in quotes, which is correct but not friendly).
 */
import { SHANGHAI_OFFSET_MS } from "./clock";

/** The applicant profile's fields (the calculator's form, its conditions and its errors name them so). */
export const PROFILE_LABELS = {
  category: "人员类别",
  graduationDate: "毕业日期",
  degree: "学历",
  keyUniversity: "是否重点高校毕业",
  firstBusiness: "是否首次创业",
  businessOperatingMonths: "正常经营月数",
  socialInsurancePaid: "是否已缴纳社会保险",
  unemploymentInsuranceYears: "失业保险缴费年限",
  certificateLevel: "职业资格证书等级",
  certificateDate: "取证日期",
  trainingHours: "培训学时",
} as const;

/** Field name → Chinese label; `parent.field` entries win over `field` alone. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // path and query
  "path.p": "省份标识",
  "path.t": "单位标识",
  "path.y": "年度",
  "path.period": "统计期",
  "path.keyId": "密钥标识",
  "path.runId": "考评结果标识",
  "path.c": "通报标识",
  "path.code": "项目代码",
  limit: "每页条数",
  cursor: "分页游标",
  format: "格式",
  dryRun: "试算",
  date: "日期",
  // provinces, tenants, API keys
  name: "名称",
  authorityName: "机关简称",
  fullAuthorityName: "机关全称",
  divisionCode: "行政区划代码",
  displayOrder: "排序",
  // the rulebook
  documentNo: "文号",
  // the circular's 版记
  colophon: "版记",
  cc: "抄送",
  issuedBy: "印发机关",
  issuedOn: "印发日期",
  title: "标题",
  indicators: "指标",
  code: "代码",
  unit: "计量单位",
  weight: "权重",
  method: "计分方法",
  cap: "完成率上限",
  tolerance: "容差",
  kind: "类型",
  reviewItems: "评审项目",
  maxScore: "满分",
  bonusMax: "加分上限",
  deductionMax: "扣分上限",
  grades: "等次",
  minScore: "最低分",
  gradeQuotas: "等次比例",
  reportingDeadlineDay: "报送截止日",
  // targets, reports, unlocks, highlights, reviews
  targets: "目标任务",
  values: "指标值",
  source: "来源",
  reason: "修改原因",
  tenantId: "单位",
  period: "统计期",
  until: "解锁截止时间",
  employment: "就业工作亮点",
  entrepreneurship: "创业工作亮点",
  items: "评审得分",
  bonuses: "加分项",
  deductions: "扣分项",
  points: "分值",
  veto: "一票否决",
  "bonuses.reason": "加分理由",
  "deductions.reason": "扣分理由",
  "veto.reason": "否决理由",
  // scoring what-if
  overrides: "调整参数",
  weights: "权重",
  caps: "完成率上限",
  tolerances: "容差",
  thresholds: "等次分数线",
  quotas: "等次比例",
  actuals: "年末实际完成数",
  reviews: "评审打分",
  // circulars
  runId: "考评结果",
  issueDate: "成文日期",
  addressees: "主送机关",
  opening: "开头段落",
  problems: "存在的主要问题",
  closing: "结尾段落",
  disclosure: "公开方式",
  showScores: "是否显示得分",
  preamble: "导语",
  supersedes: "被更正的通报",
  highlights: "工作亮点",
  // the circular's canonical document (its rules can fail on an edited draft)
  units: "考评单位",
  results: "考评结果",
  grade: "等次",
  issuer: "发文机关",
  text: "内容",
  total: "总分",
  rank: "名次",
  // subsidy programs, top-ups, the calculator
  basis: "政策依据",
  document: "政策文件",
  clause: "条款",
  benefit: "补贴形式",
  terms: "附加条款",
  eligibility: "申领条件",
  field: "条件字段",
  op: "比较方式",
  value: "条件值",
  topUpLimits: "提标上限",
  max: "上限值",
  effectiveFrom: "生效日期",
  effectiveTo: "失效日期",
  params: "参数",
  amount: "补贴金额",
  tiers: "档次",
  key: "档次代码",
  when: "适用条件",
  rate: "补贴单价",
  unitsField: "计量字段",
  "params.cap": "补贴封顶金额",
  profile: "申请人情况",
  ...PROFILE_LABELS,
  // the local stack's own routes
  sub: "用户标识",
  role: "角色",
  provinceId: "省份",
  expiresInSeconds: "有效期（秒）",
  now: "当前时间",
};

/** Labels that differ on one route (by operation id) from the common table. */
export const ROUTE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  createUnlock: { reason: "解锁原因" },
  createApiKey: { name: "密钥名称" },
  putProvince: { name: "省份名称" },
  putTenant: { name: "单位名称" },
  putTopUp: { overrides: "提标参数" },
};

/** How the n-th element of a list is named (`{n}` counts from 1); default `第{n}项<label>`. */
const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  problems: "第{n}条问题",
  reviewItems: "第{n}个评审项目",
  grades: "第{n}个等次",
  bonuses: "第{n}项加分",
  deductions: "第{n}项扣分",
  tiers: "第{n}档",
  addressees: "第{n}个主送机关",
};

/** Containers left unsaid when the field below them has a label of its own (`params.rate` → 补贴单价). */
const CONTAINERS = new Set(["params", "profile", "overrides"]);

/** What the whole of a request part is called (a path of no segments). */
const PART_NAMES: Readonly<Record<string, string>> = {
  body: "请求体",
  query: "查询参数",
  path: "路径参数",
  headers: "请求头",
  response: "响应",
};

function labelOf(
  parent: string,
  segment: string,
  routeLabels: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const qualified = `${parent}.${segment}`;
  if (Object.hasOwn(FIELD_LABELS, qualified)) return FIELD_LABELS[qualified];
  if (routeLabels && Object.hasOwn(routeLabels, segment)) return routeLabels[segment];
  return Object.hasOwn(FIELD_LABELS, segment) ? FIELD_LABELS[segment] : undefined;
}

/**
 * The Chinese name of the field at `segments` under a request part (`body`, `query`, `path`):
 * `fieldLabel("body", ["indicators", 0, "weight"])` is 第1项指标的权重, `fieldLabel("body",
 * ["values", "x"])` is 指标值“x”, `fieldLabel("body", [])` is 请求体.
 */
export function fieldLabel(
  location: string,
  segments: readonly PropertyKey[],
  routeLabels?: Readonly<Record<string, string>>,
): string {
  const root = location.split(/[.[]/)[0] ?? location;
  let out = "";
  let parent = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const next = segments[i + 1];
    if (typeof segment !== "string") {
      out += `第${Number(segment) + 1}项`;
      continue;
    }
    const label = labelOf(parent, segment, routeLabels);
    if (label === undefined) {
      // a key of a map (an indicator code, a grade name) or a field without a label
      out += `“${segment}”`;
    } else if (
      CONTAINERS.has(segment) &&
      typeof next === "string" &&
      labelOf(segment, next, routeLabels) !== undefined
    ) {
      // left unsaid: the field below names itself
    } else {
      let word = label;
      if (typeof next === "number") {
        word = (ELEMENT_NAMES[segment] ?? `第{n}项${label}`).replace("{n}", String(next + 1));
        i++;
      }
      out += out === "" ? word : `的${word}`;
    }
    parent = segment;
  }
  return out || PART_NAMES[root] || "该字段";
}

/** `2019-07-05` → 2019年7月5日 (a civil date as written in documents). */
export function zhDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

/** `2019-06` → 2019年6月 (a reporting period). */
export function zhPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}

/** An instant as Asia/Shanghai civil time: 2019年7月5日9时30分 (whole hours: 2019年7月5日9时). */
export function zhInstant(instant: Date | string): string {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) return String(instant);
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const minutes = s.getUTCMinutes();
  return (
    `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日${s.getUTCHours()}时` +
    (minutes > 0 ? `${minutes}分` : "")
  );
}

/** A value with its unit as documents print it: 1200人, 3.5%, 12万元. */
export function withUnit(value: number | string, unit: string | null | undefined): string {
  const u = unit?.trim() ?? "";
  return `${value}${u === "%" || u === "％" ? "%" : u}`;
}

/** A list as Chinese writes it: 甲、乙、丙. */
export function zhList(items: readonly string[]): string {
  return items.join("、");
}
