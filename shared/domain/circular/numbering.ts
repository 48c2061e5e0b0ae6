/**
 * Chinese numbering for official documents (公文): 一、二、三 for sections, （一）（二）… for
 * subsections, and dates written 2020年4月16日. Numerals follow the usual reading: 10 → 十,
 * 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十.
 */

const DIGITS = "零一二三四五六七八九";
const POWERS = ["", "十", "百", "千"] as const;

export const MAX_CHINESE_NUMERAL = 9999;

/** The Chinese numeral for an integer 1..9999 (一, 十, 十一, 二十一, 九十九, 一百, 一百零一, …). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHINESE_NUMERAL)
    throw new RangeError(`chineseNumeral: ${String(n)} is not an integer in 1..${MAX_CHINESE_NUMERAL}`);
  const digits = String(n);
  let out = "";
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    const power = POWERS[digits.length - 1 - i] ?? "";
    if (digit === 0) {
      // one 零 stands for any run of inner zeros; trailing zeros are silent (一百, 一千)
      zeroPending = out !== "";
      continue;
    }
    if (zeroPending) out += "零";
    zeroPending = false;
    out += DIGITS.charAt(digit) + power;
  }
  // 10..19 are read 十, 十一 … 十九, not 一十…
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/** First-level heading number: 一、 二、 … 十一、 */
export function sectionNumber(n: number): string {
  return `${chineseNumeral(n)}、`;
}

/** Second-level heading number, full-width parentheses: （一） … （十二） */
export function subsectionNumber(n: number): string {
  return `（${chineseNumeral(n)}）`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** "2020-04-16" → "2020年4月16日" (Arabic numerals, no leading zeros, as in GB/T 9704). */
export function chineseDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m || !isIsoDate(isoDate)) throw new RangeError(`chineseDate: not a date YYYY-MM-DD: ${isoDate}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
