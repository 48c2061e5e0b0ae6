/**
 * What a page says when a save was refused for a reason the user cannot fix in the form: a 412
 * (someone else saved a newer version first) or a 423 (the period has closed). The user's typing is
 * kept (as a draft in this browser); the text tells them what to do next.
 */
import { ApiProblem } from "../api/client";
import { formatDeadline } from "./format";

/** 412: `detail` says what to do next on that page. */
export function savedByOthers(detail: string): ApiProblem {
  return new ApiProblem(412, "他人已先保存了新版本", detail, [], {});
}

/** 423 on a report: the period closed (at `deadline`, when known); nothing was saved. */
export function periodClosed(deadline: string | undefined, body: Record<string, unknown>): ApiProblem {
  return new ApiProblem(
    423,
    deadline ? `提交未成功：本期已于 ${formatDeadline(deadline)} 截止` : "提交未成功：本期已截止锁定",
    "本期已锁定，数据未保存（已填写的内容保留在本机）。如需补报或更正，请联系省级主管部门解锁。",
    [],
    body,
  );
}
