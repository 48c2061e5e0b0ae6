/**
 * What a page says when its save met a 412: someone else saved a newer version first. The user's
 * typing is kept (as a draft in this browser); `detail` tells them what to do next on that page.
 */
import { ApiProblem } from "../api/client";

export function savedByOthers(detail: string): ApiProblem {
  return new ApiProblem(412, "他人已先保存了新版本", detail, [], {});
}
