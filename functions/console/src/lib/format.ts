/** Display formats: numbers with separators, percentages with two decimals, Asia/Shanghai dates. Pure. */

const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

/** A fraction as the API gives it (`"0.5123"`) → `51.23%`. */
export function formatFraction(fraction: string | null | undefined): string {
  if (fraction === null || fraction === undefined) return "—";
  const value = Number(fraction);
  if (!Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(2)}%`;
}

const SHANGHAI = "Asia/Shanghai";

function parts(iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return out;
  for (const part of new Intl.DateTimeFormat("en-CA", {
    timeZone: SHANGHAI,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date))
    out[part.type] = part.value;
  return out;
}

/** `2019年7月5日 09:30` (Asia/Shanghai) */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = parts(iso);
  if (!p.year) return iso;
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** `2019年7月5日` of an instant (Asia/Shanghai) or of a `YYYY-MM-DD` date */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const civil = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (civil) return `${Number(civil[1])}年${Number(civil[2])}月${Number(civil[3])}日`;
  const p = parts(value);
  return p.year ? `${p.year}年${Number(p.month)}月${Number(p.day)}日` : value;
}

/** `2019-06` → `2019年6月` */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : period;
}

/** The last instant before an exclusive `closesAt`, as people say a deadline: `2019年7月10日 24:00`. */
export function formatDeadline(deadlineDate: string): string {
  return `${formatDate(deadlineDate)} 24:00`;
}

/** `¥1,234.50` → `1,234.5 元` style for yuan amounts given as decimal strings */
export function formatYuan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  return `${new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value)} 元`;
}

export const ROLE_NAMES: Record<string, string> = {
  "platform-admin": "平台管理员",
  "province-admin": "省级管理员",
  "province-reviewer": "省级评审员",
  "city-admin": "市级管理员",
  "city-reporter": "市级填报员",
  integration: "系统对接",
};
