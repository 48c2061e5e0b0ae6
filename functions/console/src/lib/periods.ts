/**
 * How a reporting period's state reads to bureau staff, from what the API says about it
 * (`GET …/periods`): open with its deadline, unlocked until when and why, locked since when and
 * that the province can unlock it, or not open yet. Pure.
 */
import type { Response } from "../api/contract";
import { formatDate, formatDateTime, formatDeadline, formatPeriod } from "./format";

export type PeriodInfo = Response<"listPeriods">["periods"][number];

export const STATE_LABEL: Record<PeriodInfo["state"], string> = {
  open: "填报中",
  late: "已解锁补报",
  locked: "已锁定",
  notYetOpen: "未开放",
};

export const STATE_TAG: Record<PeriodInfo["state"], "success" | "warning" | "info" | "danger"> = {
  open: "success",
  late: "warning",
  locked: "info",
  notYetOpen: "info",
};

export function describePeriod(p: PeriodInfo): {
  type: "success" | "warning" | "info" | "error";
  title: string;
  text: string;
} {
  const name = formatPeriod(p.period);
  switch (p.state) {
    case "open":
      return {
        type: "success",
        title: `${name}数据填报中`,
        text: `本期截止时间为 ${formatDeadline(p.deadlineDate)}（北京时间），逾期将自动锁定。`,
      };
    case "late":
      return {
        type: "warning",
        title: `${name}已解锁补报`,
        text: `本期已于 ${formatDeadline(p.deadlineDate)} 截止，省级主管部门已解锁至 ${formatDateTime(p.unlock?.until)}${p.unlock ? `（原因：${p.unlock.reason}）` : ""}。本次提交将标记为迟报。`,
      };
    case "locked":
      return {
        type: "info",
        title: `${name}已锁定`,
        text: `本期已于 ${formatDeadline(p.deadlineDate)}（北京时间）截止，不能再提交或修改。如需补报或更正，请联系省级主管部门解锁。`,
      };
    case "notYetOpen":
      return {
        type: "info",
        title: `${name}尚未开放`,
        text: `本期将于 ${formatDate(p.opensAt)} 开放填报，截止时间为 ${formatDeadline(p.deadlineDate)}。`,
      };
  }
}

/** The period a user most likely wants to fill in: the open one due soonest, else the latest opened. */
export function duePeriod(periods: readonly PeriodInfo[]): string | undefined {
  const accepting = periods.filter((p) => p.state === "open" || p.state === "late");
  const unreported = accepting.filter((p) => !p.reported);
  const pick = (list: readonly PeriodInfo[]) =>
    [...list].sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt))[0]?.period;
  return (
    pick(unreported) ??
    pick(accepting) ??
    [...periods].reverse().find((p) => p.state !== "notYetOpen")?.period ??
    periods[0]?.period
  );
}
