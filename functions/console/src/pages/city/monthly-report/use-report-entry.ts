/**
 * The data and the actions of 月度填报 (pages/city/MonthlyReport.vue is their view): one period's
 * rulebook, targets, this and last period's reports and the year's periods; what is typed, kept as a
 * draft in this browser until it is submitted; the submit, with a revision's 修改原因, and what a
 * 412 (both versions, the user's choice), a 423 (when the period closed) or a 422 (each error at
 * its field) brings.
 */
import { ElMessage } from "element-plus";
import { computed, reactive, ref } from "vue";
import { ApiProblem, api, type ImportResult } from "../../../api/client";
import type { Response } from "../../../api/contract";
import { session } from "../../../auth/session";
import { tenantProfile } from "../../../context";
import { useAction } from "../../../lib/action";
import { clearDraft, type DraftNote, draftKey, draftNoteOf, loadDraft, saveDraft } from "../../../lib/drafts";
import { formatDateTime } from "../../../lib/format";
import { numberText } from "../../../lib/numbers";
import type { PeriodInfo } from "../../../lib/periods";
import { previousPeriodOf, reportStates, valuesToSubmit } from "../../../lib/report-entry";
import { periodClosed } from "../../../lib/save-problems";

type Report = Response<"putReport">;
type Rulebook = Response<"getRulebook">;

interface DraftData {
  values: Record<string, string>;
  source: string;
  reason: string;
}

export function useReportEntry(
  t: string,
  y: number,
  period: string,
  /** `focusInvalid`: puts the focus on the first cell that holds no number */
  options: { focusInvalid: (code: string) => void },
) {
  const key = draftKey("report", session.principal?.sub ?? "", t, y, period);

  const { busy: loading, problem: loadError, run: runLoad } = useAction({ busy: true });
  const rulebook = ref<Rulebook>();
  const targets = ref<Record<string, number>>({});
  const periods = ref<PeriodInfo[]>([]);
  const current = ref<Report>();
  const previous = ref<Report>();

  const texts = reactive<Record<string, Record<string, string>>>({});
  const source = ref("");
  const reason = ref("");
  const justSaved = ref(new Set<string>());
  const serverErrors = ref<Record<string, string>>({});
  const fieldErrors = reactive<{ source?: string | undefined; reason?: string | undefined }>({});
  const { busy: saving, problem, run: runSubmit } = useAction();
  const savedNote = ref<string>();
  const draftNote = ref<DraftNote<DraftData>>();
  const conflict = ref<{ theirs: Report }>();
  const info = computed(() => periods.value.find((p) => p.period === period));
  const accepting = computed(() => info.value?.state === "open" || info.value?.state === "late");
  const lockedReason = computed(() => {
    if (!info.value || accepting.value) return undefined;
    return info.value.state === "notYetOpen"
      ? "本期尚未开放"
      : "本期已截止锁定，如需补报请联系省级主管部门解锁";
  });
  const previousPeriod = computed(() => previousPeriodOf(period));
  const indicators = computed(() => rulebook.value?.indicators ?? []);
  const isRevision = computed(() => current.value !== undefined);

  const states = computed(() =>
    reportStates(indicators.value, {
      current: current.value,
      texts,
      saving: saving.value,
      justSaved: justSaved.value,
      lockedReason: lockedReason.value,
      serverErrors: serverErrors.value,
    }),
  );

  const dirty = computed(() => Object.values(states.value).some((s) => s.value?.dirty));

  function fillFrom(report: Report | undefined) {
    for (const ind of indicators.value) texts[ind.code] = { value: numberText(report?.values[ind.code]) };
  }

  function draftData(): DraftData {
    const values: Record<string, string> = {};
    for (const [code, cell] of Object.entries(texts)) values[code] = cell.value ?? "";
    return { values, source: source.value, reason: reason.value };
  }

  function applyDraft(draft: DraftData) {
    for (const ind of indicators.value) {
      const text = draft.values[ind.code];
      if (text !== undefined) texts[ind.code] = { value: text };
    }
    source.value = draft.source;
    reason.value = draft.reason;
  }

  function keepDraft() {
    saveDraft(key, draftData(), current.value?.version ?? null);
  }

  function onEdit(changes: Array<{ row: string; col: string; text: string }>) {
    for (const change of changes) {
      texts[change.row] = { value: change.text };
      justSaved.value.delete(change.row);
      delete serverErrors.value[change.row];
    }
    savedNote.value = undefined;
    keepDraft();
  }

  async function onImported(result: ImportResult) {
    const changed = result.rows.filter((r) => r.status === "created" || r.status === "updated").length;
    await load();
    savedNote.value = `已从表格导入并提交：第 ${current.value?.version ?? "—"} 版（${changed} 项有变化）`;
    ElMessage.success(savedNote.value);
  }

  async function load() {
    await runLoad(async () => {
      const p = session.principal?.provinceId ?? "";
      const [rb, tg, reports, ps] = await Promise.all([
        api("GET", "/v1/provinces/{p}/years/{y}/rulebook", { params: { p, y } }),
        api("GET", "/v1/tenants/{t}/years/{y}/targets", { params: { t, y } }).catch((e) => {
          if (e instanceof ApiProblem && e.status === 404) return undefined;
          throw e;
        }),
        api("GET", "/v1/tenants/{t}/years/{y}/reports", { params: { t, y } }),
        api("GET", "/v1/tenants/{t}/years/{y}/periods", { params: { t, y } }),
        tenantProfile(t).catch(() => undefined),
      ]);
      rulebook.value = rb.data;
      targets.value = tg?.data.targets ?? {};
      periods.value = ps.data.periods;
      current.value = reports.data.reports.find((r) => r.period === period);
      previous.value = previousPeriod.value
        ? reports.data.reports.find((r) => r.period === previousPeriod.value)
        : undefined;
      fillFrom(current.value);
      source.value = current.value?.source ?? previous.value?.source ?? "";
      const draft = loadDraft<DraftData>(key);
      if (draft) {
        draftNote.value = draftNoteOf(draft, current.value?.version ?? null);
        if (!draftNote.value.stale) applyDraft(draft.data);
      }
    });
  }

  function useStaleDraft() {
    const note = draftNote.value;
    if (!note?.data) return;
    applyDraft(note.data);
    draftNote.value = { ...note, stale: false };
    keepDraft();
  }

  function discardDraft() {
    clearDraft(key);
    fillFrom(current.value);
    reason.value = "";
    source.value = current.value?.source ?? previous.value?.source ?? "";
    draftNote.value = undefined;
  }

  async function submit() {
    problem.value = undefined;
    savedNote.value = undefined;
    serverErrors.value = {};
    fieldErrors.source = undefined;
    fieldErrors.reason = undefined;
    // a submitted period with nothing changed: say so, rather than ask for a reason
    if (current.value && !dirty.value && source.value.trim() === (current.value.source ?? "").trim()) {
      savedNote.value = "没有需要提交的修改";
      return;
    }
    const { values, firstInvalid } = valuesToSubmit(indicators.value, states.value);
    if (!source.value.trim()) fieldErrors.source = "请填写数据来源";
    if (isRevision.value && !reason.value.trim()) fieldErrors.reason = "修改已提交的数据，须填写修改原因";
    if (firstInvalid) {
      options.focusInvalid(firstInvalid);
      ElMessage.error("有单元格填写有误，请按提示更正后再提交");
      return;
    }
    if (Object.keys(values).length === 0) {
      problem.value = new Error("请至少填写一项指标的本期值");
      return;
    }
    if (fieldErrors.source || fieldErrors.reason) return;

    await runSubmit(async () => {
      const res = await api("PUT", "/v1/tenants/{t}/years/{y}/reports/{period}", {
        params: { t, y, period },
        body: {
          values,
          source: source.value.trim(),
          ...(isRevision.value ? { reason: reason.value.trim() } : {}),
        },
        ifMatch: current.value?.version,
      });
      const before = current.value;
      current.value = res.data;
      justSaved.value = new Set(
        indicators.value
          .map((i) => i.code)
          .filter((code) => before?.values[code] !== res.data.values[code] || !before),
      );
      fillFrom(res.data);
      reason.value = "";
      clearDraft(key);
      draftNote.value = undefined;
      savedNote.value = `已提交：第 ${res.data.version} 版，${formatDateTime(res.data.submittedAt)}${res.data.late ? "（迟报）" : ""}`;
      ElMessage.success(savedNote.value);
      void refreshPeriods();
    }, problemOfSubmit);
  }

  async function refreshPeriods() {
    try {
      const ps = await api("GET", "/v1/tenants/{t}/years/{y}/periods", { params: { t, y } });
      periods.value = ps.data.periods;
    } catch {
      // the banner keeps what it showed
    }
  }

  /** What a refused submit shows: both versions (412/428), when the period closed (423), each error at its field. */
  async function problemOfSubmit(e: unknown): Promise<unknown> {
    if (!(e instanceof ApiProblem)) return e;
    if (e.status === 412 || e.status === 428) {
      const reports = await api("GET", "/v1/tenants/{t}/years/{y}/reports", { params: { t, y } }).catch(
        () => undefined,
      );
      const theirs = reports?.data.reports.find((r) => r.period === period);
      if (theirs) {
        conflict.value = { theirs };
        return undefined;
      }
    }
    if (e.status === 423) {
      void refreshPeriods();
      const deadline = typeof e.body.deadline === "string" ? e.body.deadline : info.value?.deadlineDate;
      return periodClosed(deadline, e.body);
    }
    serverErrors.value = e.under("body.values.");
    fieldErrors.source = e.at("body.source");
    fieldErrors.reason = e.at("body.reason");
    return e;
  }

  /** 412: take their version and drop what was typed. */
  function takeTheirs() {
    const theirs = conflict.value?.theirs;
    if (!theirs) return;
    current.value = theirs;
    fillFrom(theirs);
    source.value = theirs.source;
    reason.value = "";
    clearDraft(key);
    conflict.value = undefined;
    problem.value = undefined;
    ElMessage.info(`已采用第 ${theirs.version} 版的数据`);
  }

  /** 412: keep what was typed, now as a revision of their version (the user submits again). */
  function keepMine() {
    const theirs = conflict.value?.theirs;
    if (!theirs) return;
    current.value = theirs;
    conflict.value = undefined;
    problem.value = undefined;
    keepDraft();
    savedNote.value = undefined;
    ElMessage.info(`已保留您填写的数值，将作为第 ${theirs.version} 版的修改提交：请填写修改原因后再次提交`);
  }

  const typed = (code: string) => states.value[code]?.value?.value ?? null;

  function onSourceInput() {
    fieldErrors.source = undefined;
    keepDraft();
  }
  function onReasonInput() {
    fieldErrors.reason = undefined;
    keepDraft();
  }

  return reactive({
    loading,
    loadError,
    rulebook,
    targets,
    periods,
    current,
    previous,
    texts,
    source,
    reason,
    saving,
    serverErrors,
    fieldErrors,
    problem,
    savedNote,
    draftNote,
    conflict,
    info,
    accepting,
    previousPeriod,
    indicators,
    isRevision,
    states,
    dirty,
    typed,
    load,
    onEdit,
    onImported,
    useStaleDraft,
    discardDraft,
    submit,
    takeTheirs,
    keepMine,
    onSourceInput,
    onReasonInput,
  });
}
