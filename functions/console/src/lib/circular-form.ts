/**
 * The prose of a circular (通报) as the console's forms hold it, from a stored document and back
 * to the API's body; which field an API error path names. Pure, no DOM.
 */

export interface ProseForm {
  documentNo: string;
  issueDate: string;
  addressees: string;
  opening: string;
  problems: Array<{ key: string; text: string }>;
  closing: string;
  disclosure: "public" | "restricted";
  showScores: boolean;
}

export interface ProseBody {
  documentNo: string;
  issueDate: string;
  addressees: string;
  opening: string;
  problems: string[];
  closing: string;
  disclosure: "public" | "restricted";
  showScores: boolean;
}

let counter = 0;
export const problemRow = (text = "") => ({ key: `pb${++counter}`, text });

export function emptyProse(): ProseForm {
  return {
    documentNo: "",
    issueDate: "",
    addressees: "",
    opening: "",
    problems: [problemRow()],
    closing: "",
    disclosure: "public",
    showScores: false,
  };
}

/** The prose of a stored document (its canonical fields), for a new draft or an edit. */
export function proseOf(doc: Record<string, unknown>): ProseForm {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const problems = Array.isArray(doc.problems)
    ? doc.problems.filter((x): x is string => typeof x === "string")
    : [];
  return {
    documentNo: str(doc.documentNo),
    issueDate: str(doc.issueDate),
    addressees: str(doc.addressees),
    opening: str(doc.opening),
    problems: problems.length ? problems.map((t) => problemRow(t)) : [problemRow()],
    closing: str(doc.closing),
    disclosure: doc.disclosure === "restricted" ? "restricted" : "public",
    showScores: doc.showScores === true,
  };
}

export function proseBody(form: ProseForm): ProseBody {
  return {
    documentNo: form.documentNo.trim(),
    issueDate: form.issueDate,
    addressees: form.addressees.trim(),
    opening: form.opening.trim(),
    problems: form.problems.map((p) => p.text.trim()).filter((t) => t !== ""),
    closing: form.closing.trim(),
    disclosure: form.disclosure,
    showScores: form.showScores,
  };
}

/** Only what differs from the stored prose (the PATCH body); empty when nothing changed. */
export function proseEdits(form: ProseForm, stored: ProseForm): Partial<ProseBody> {
  const now = proseBody(form);
  const before = proseBody(stored);
  const out: Partial<ProseBody> = {};
  for (const key of Object.keys(now) as Array<keyof ProseBody>) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key]))
      (out as Record<string, unknown>)[key] = now[key];
  }
  return out;
}

/** The page's own checks before sending (the API's 400/422 remain the authority). */
export function checkProse(form: ProseForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.documentNo.trim()) errors["body.documentNo"] = "请填写文号，如 吉政函〔2020〕33号";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.issueDate)) errors["body.issueDate"] = "请填写成文日期";
  if (!form.addressees.trim()) errors["body.addressees"] = "请填写主送机关";
  return errors;
}

/** The status as bureau staff say it. */
export const STATUS_LABEL: Record<string, string> = {
  draft: "草稿",
  approved: "已审核",
  published: "已发布",
};
